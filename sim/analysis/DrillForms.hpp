#pragma once
// The drill's documents in the forms of the Chinese standards (issue 22 items 3 and 4), made from
// the same script as the HSEEP documents (DrillDocument.hpp): the same injects, chain and P50/P90
// windows, laid out as the standards lay them out.
//
//   AQ/T 9007-2019 《生产安全事故应急演练基本规范》
//     演练方案 (工作方案, the drill plan): purpose and requirements, the scenario, scale and time, the
//       participating units and their tasks, the organisation (领导小组, 策划与导调组, 保障组,
//       评估组), preparation, the main steps (schedule), safety measures and the technical support
//       (here: the simulation's expected times), evaluation and summary.
//     演练脚本 (the drill script) as a table: time, scene (模拟事故情景), participants and their actions
//       (处置行动与执行人员), commands and dialogue (指令与对白), narration (解说词).
//   AQ/T 9009-2015 《生产安全事故应急演练评估规范》
//     the evaluation form: for each item of Annex A (live drills) or Annex B (tabletop drills) its
//       criterion, the simulation's window where one applies, result boxes and room to write;
//     the evaluation report (演练评估报告): the drill's basic facts, the evaluation's course, the
//       analysis of each task against its window, the problems found with their cause, corrective
//       actions with owner and deadline, and the conclusion.
// GB/T 46792-2025 《突发事件应急演练评估指南》 is the national guide for the
// evaluation of any emergency drill; for accidents in production AQ/T 9009 remains the sector's
// standard. The report follows its Annex E where the two differ only in layout (a cover line with
// unit and date, a conclusion of its own); see README "Drill documents".
//
// Pure: nothing here runs the simulation or writes files.

#include <optional>
#include <string>
#include <vector>

#include "sim/analysis/DrillDocument.hpp"
#include "sim/analysis/DrillScript.hpp"
#include "sim/report/Document.hpp"

namespace drillsim {

/// One item of the evaluation form.
struct EvaluationItem {
  std::string number;     // "2.3"
  std::string group;      // 演练准备 | 演练实施
  std::string title;      // 预警与信息报告 ...
  std::string criterion;  // what the evaluator checks
  std::vector<std::string> windows;  // the simulation's targets for the item's tasks, one line each
};
/// The items of AQ/T 9009-2015 Annex A (full-scale and functional drills) or Annex B (tabletop),
/// each with the targets of the script's tasks that belong to it.
std::vector<EvaluationItem> evaluationItems(const DrillScript& script);

/// A problem the evaluation found, with its cause and the corrective action.
struct Finding {
  std::string task;       // the task, or the inject, concerned
  std::string problem;    // what was observed against what was expected
  std::string cause;      // where in the chain the time was lost
  std::string action;     // the corrective action
  std::string owner;      // who carries it out
  std::string deadline;   // by when, as the document's date is written
};
struct DebriefOptions {
  int year = 0, month = 0, day = 0;  // the report's date
  int deadlineDays = 30;             // corrective actions due this many days after it
};
/// The problems of a played drill: tasks slower than their P90 (own step slow, or late because
/// the step before was), tasks nobody recorded, injects never delivered or delivered late.
std::vector<Finding> findingsOf(const DrillScript& script, const DrillLog& log, const DebriefOptions& options);

report::Document drillPlanForm(const DrillHeader& header, const DrillScript& script);
report::Document drillScriptForm(const DrillHeader& header, const DrillScript& script);
report::Document evaluationForm(const DrillHeader& header, const DrillScript& script);
report::Document evaluationReport(const DrillHeader& header, const DrillScript& script, const DrillLog& log,
                                  const DebriefOptions& options);

/// The script's table as CSV (UTF-8 with a byte-order mark), the columns of drillScriptForm.
std::string drillScriptCsv(const DrillScript& script);

}  // namespace drillsim
