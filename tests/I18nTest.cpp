// The two languages (README "Languages"): the embedded catalogue's reader, the placeholders, the
// choice of language by locale and by --lang, and a Chinese command line.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <unistd.h>

#include "scenarios/I18n.hpp"
#include "tests/TestPaths.hpp"

namespace drillsim {
namespace {

struct LanguageScope {
  explicit LanguageScope(i18n::Language l) { i18n::setLanguage(l); }
  ~LanguageScope() { i18n::setLanguage(i18n::Language::English); }
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;
};

/// The single-line entries of po/zh_CN.po without context or plural: msgid -> msgstr, with the
/// PO escapes \n, \" and \\ undone.
std::map<std::string, std::string> simpleEntries() {
  std::ifstream in(test::sourcePath("po/zh_CN.po"));
  std::map<std::string, std::string> out;
  std::string line, id;
  bool context = false;
  auto unescape = [](std::string s) {
    std::string r;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) {
        const char c = s[++i];
        r += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      } else {
        r += s[i];
      }
    }
    return r;
  };
  const std::regex idLine("^msgid \"(.+)\"$"), strLine("^msgstr \"(.+)\"$");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.rfind("msgctxt ", 0) == 0) context = true;
    if (std::regex_match(line, m, idLine)) id = context ? "" : unescape(m[1]);
    else if (line.rfind("msgid ", 0) == 0 || line.rfind("msgid_plural", 0) == 0) id.clear();
    if (std::regex_match(line, m, strLine) && !id.empty()) out[id] = unescape(m[1]);
    if (line.empty()) context = false, id.clear();
  }
  return out;
}

// Every single-line translation of the catalogue is found by the reader's bisection of the
// compiled, embedded catalogue; the English is returned in English, and for a message the
// catalogue does not hold.
TEST(I18n, EveryTranslationOfTheCatalogueIsFound) {
  const auto entries = simpleEntries();
  ASSERT_GT(entries.size(), 20U);
  EXPECT_GE(i18n::catalogueSize(), entries.size());
  {
    LanguageScope zh(i18n::Language::Chinese);
    for (const auto& [id, str] : entries) EXPECT_EQ(tr(id.c_str()), str) << id;
    EXPECT_STREQ(tr("a message the catalogue has never held"), "a message the catalogue has never held");
  }
  for (const auto& [id, str] : entries) EXPECT_EQ(tr(id.c_str()), id);
}

TEST(I18n, PlaceholdersFollowTheTranslationsOrder) {
  EXPECT_EQ(i18n::tf("{1} of {2} zones", 3, std::string("44")), "3 of 44 zones");
  const std::string args[] = {"A", "B"};
  EXPECT_EQ(i18n::substitute("{2} 中的 {1}", args, 2), "B 中的 A");
  EXPECT_EQ(i18n::substitute("{3} stays, {x} and { too", args, 2), "{3} stays, {x} and { too");
  EXPECT_EQ(i18n::tnf("{1} zone", "{1} zones", 1, 1), "1 zone");
  EXPECT_EQ(i18n::tnf("{1} zone", "{1} zones", 2, 2), "2 zones");
}

TEST(I18n, LanguageFollowsTheLocaleName) {
  using i18n::Language;
  EXPECT_EQ(i18n::languageOfLocale("zh_CN.UTF-8"), Language::Chinese);
  EXPECT_EQ(i18n::languageOfLocale("zh"), Language::Chinese);
  EXPECT_EQ(i18n::languageOfLocale("C"), Language::English);
  EXPECT_EQ(i18n::languageOfLocale("en_US.UTF-8"), Language::English);
  EXPECT_EQ(i18n::languageOfLocale(""), Language::English);
  Language l = Language::English;
  EXPECT_TRUE(i18n::parseLanguage("zh", l));
  EXPECT_EQ(l, Language::Chinese);
  EXPECT_FALSE(i18n::parseLanguage("fr", l));
}

// LANG=zh_CN.UTF-8 speaks Chinese, LC_ALL=C over it English (POSIX precedence), and --lang
// chooses over both, wherever it stands.
// Every command's --help in Chinese: its usage, its prose and each option's line translated; the
// option names, metavariables and choices as the command line takes them.
TEST(I18n, EveryCommandsHelpInChinese) {
  for (const char* command : {"validate", "info", "run", "batch", "merge", "compare", "hazard", "register", "shelters", "bound",
                              "drill", "map", "synth", "edit"}) {
    const auto zh = test::runDrillsim({"--lang", "zh", command, "--help"});
    const auto en = test::runDrillsim({"--lang", "en", command, "--help"});
    ASSERT_EQ(zh.exitCode, 0) << command;
    EXPECT_EQ(zh.out.rfind(std::string("用法：drillsim ") + command, 0), 0u) << zh.out;
    EXPECT_NE(zh.out.find("选项："), std::string::npos) << zh.out;
    EXPECT_NE(zh.out.find("退出码："), std::string::npos) << zh.out;
    // Each option's line: the same option, its help in other words.
    std::istringstream lines(en.out);
    int options = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("  --", 0) != 0 || line.size() <= 26) continue;
      ++options;
      const std::string option = line.substr(0, line.find(' ', 4));
      EXPECT_NE(zh.out.find(option), std::string::npos) << command << ": " << option;
      EXPECT_EQ(zh.out.find(line.substr(26)), std::string::npos) << command << " " << option << " is English: " << line;
    }
    EXPECT_GT(options, 0) << command;
  }
}

TEST(I18n, CommandLineSpeaksTheLanguageAsked) {
  const std::string bin = test::binaryPath();
  const auto zh = test::runProgram({"/usr/bin/env", "LANG=zh_CN.UTF-8", bin, "--help"});
  EXPECT_EQ(zh.exitCode, 0);
  EXPECT_NE(zh.out.find("化工园区疏散与事故后果仿真"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("命令："), std::string::npos);
  const auto c = test::runProgram({"/usr/bin/env", "LANG=zh_CN.UTF-8", "LC_ALL=C", bin, "--help"});
  EXPECT_NE(c.out.find("evacuation and hazard simulation for industrial parks"), std::string::npos) << c.out;
  const auto en = test::runProgram({"/usr/bin/env", "LANG=zh_CN.UTF-8", bin, "--help", "--lang", "en"});
  EXPECT_NE(en.out.find("Commands:"), std::string::npos) << en.out;
  const auto flag = test::runDrillsim({"--lang=zh", "--help"});
  EXPECT_NE(flag.out.find("命令："), std::string::npos) << flag.out;
  const auto bad = test::runDrillsim({"--lang", "fr", "--help"});
  EXPECT_EQ(bad.exitCode, 64);
  EXPECT_NE(bad.err.find("--lang: expected zh or en, found 'fr'"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace drillsim

namespace drillsim {
namespace {

/// The words of Latin letters in `text` that are neither ids (letters then digits, as Z06, R047,
/// S01, Z15/c8), units, model names nor words of `allowed`.
std::set<std::string> englishWords(const std::string& text, const std::set<std::string>& allowed) {
  static const std::set<std::string> kept = {
      // units and symbols
      "m", "mm", "s", "t", "kg", "kW", "MW", "bar", "min", "km", "degC", "mg", "ppm", "T", "n", "sd", "CI", "r", "P",
      // model and criterion names
      "AEGL", "Pasquill", "Britter", "McQuaid", "Gaussian", "Slade", "Bonferroni", "Wilson", "GeoPackage", "ALOHA",
      // compass points
      "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"};
  std::set<std::string> found;
  const std::regex word("[A-Za-z][A-Za-z0-9_]*");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator(); ++it) {
    const std::string w = it->str();
    if (std::regex_match(w, std::regex("[A-Z]{1,3}[0-9]*|[a-z][0-9]+"))) continue;  // an id: Z06, HZ1, c8, P50, plan C
    if (kept.count(w) || allowed.count(w)) continue;
    found.insert(w);
  }
  return found;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// An HTML page's text: its styles and tags taken out, its character references read. (Not with
/// std::regex: its matching recurses per character, and a page's embedded font is long.)
std::string withoutMarkup(const std::string& html) {
  std::string text;
  for (std::size_t i = 0; i < html.size();) {
    if (html.compare(i, 7, "<style>") == 0) {
      const std::size_t end = html.find("</style>", i);
      i = end == std::string::npos ? html.size() : end + 8;
      text += ' ';
    } else if (html[i] == '<') {
      const std::size_t end = html.find('>', i);
      i = end == std::string::npos ? html.size() : end + 1;
      text += ' ';
    } else {
      text += html[i++];
    }
  }
  for (const auto& [reference, character] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
    for (std::size_t at; (at = text.find(reference)) != std::string::npos;) text.replace(at, std::string(reference).size(), character);
  return text;
}

std::string joined(const std::set<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : ", ") + w;
  return s;
}

// The run's story in Chinese holds no English word but ids, units and model names: the scenario's
// own ids here are the substance (chlorine), the parties and the metrics' names.
TEST(I18n, RunStoryInChineseHasNoEnglishWords) {
  const auto r = test::runProgram({"/usr/bin/env", "LANG=zh_CN.UTF-8", test::binaryPath(), "run",
                                   test::sourcePath("data/scenarios/chlorine_night.yaml"), "--plan", "C"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("事件经过"), std::string::npos);
  // The parties are told by their bodies' names (the log keeps the ids).
  EXPECT_NE(r.out.find("园区管委会"), std::string::npos) << r.out;
  EXPECT_EQ(joined(englishWords(r.out, {"chlorine"})), "") << r.out;
}

// The scenario's summary, the bound on evacuation, a batch's progress and summary and the
// shelter layouts' comparison in Chinese: ids, units, model names and the files' own keys only.
TEST(I18n, InfoBoundBatchAndLayoutsInChineseHaveNoEnglishWords) {
  const std::string scenario = test::chlorineScenarioCopy();
  auto withoutPaths = [&](std::string text, const std::vector<std::string>& paths) {
    for (const std::string& path : paths)
      for (std::size_t at; (at = text.find(path)) != std::string::npos;) text.erase(at, path.size());
    // Under the checking build, AddressSanitizer's notes on the workers' stacks (the program's
    // words are the rest): "==PID==WARNING: ASan is ignoring ...", and the two lines after it.
    std::string kept;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("==", 0) != 0 && line != "False positive error reports may follow" &&
          line.rfind("For details see https://github.com/google/sanitizers/", 0) != 0)
        kept += line + "\n";
    return kept;
  };
  // The test's folder, which holds the scenario and its park.
  const std::string folder = std::filesystem::path(scenario).parent_path().parent_path().string();
  // The scenario's own words: the substance table's ids, distributions as the file writes them,
  // the files' keys (in the model-validity warnings) and the command those warnings name.
  const std::set<std::string> fileWords = {"chlorine", "ammonia", "lpg", "hydrogen_sulfide", "lognormal", "median", "sigma",
                                           "uniform", "triangular", "normal", "mean", "choice", "pop_night", "pop_day",
                                           "geojson", "gpkg", "yaml", "EPSG", "weather", "wind_speed_ms", "stability",
                                           "hazard_sources", "position", "drillsim", "run",
                                           // the test folder's own names: scenarios/chlorine.yaml, parks/baofeng, zh.gpkg
                                           "scenarios", "parks", "baofeng", "zh"};
  const auto info = test::runDrillsim({"info", scenario, "--lang", "zh"});
  ASSERT_EQ(info.exitCode, 0) << info.err;
  EXPECT_NE(info.out.find("避难场所"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("园区管委会"), std::string::npos) << info.out;  // the alarm chain by the bodies' names
  // The scenario's description is the planner's own text, in English in the bundled file.
  std::string infoText = info.out;
  const std::size_t description = infoText.find("A liquid chlorine line");
  if (description != std::string::npos) infoText.erase(description, infoText.find('\n', description) - description);
  EXPECT_EQ(joined(englishWords(withoutPaths(infoText, {folder}), fileWords)), "") << info.out;

  const auto bound = test::runDrillsim({"bound", scenario, "--lang", "zh"});
  ASSERT_EQ(bound.exitCode, 0) << bound.err;
  EXPECT_EQ(joined(englishWords(withoutPaths(bound.out, {folder}), fileWords)), "") << bound.out;

  const std::string store = std::filesystem::path(scenario).parent_path().string() + "/zh.gpkg";
  const auto batch = test::runDrillsim({"batch", scenario, "--replications", "2", "--out", store, "--jobs", "2", "--lang", "zh"});
  ASSERT_EQ(batch.exitCode, 0) << batch.err;
  // The commands it says to run next are typed as they are.
  const std::set<std::string> commandWords = {"drillsim", "compare", "batch", "resume", "out", "csv"};
  std::set<std::string> allowed = fileWords;
  allowed.insert(commandWords.begin(), commandWords.end());
  EXPECT_EQ(joined(englishWords(withoutPaths(batch.out + batch.err, {folder}), allowed)), "") << batch.out << batch.err;

  const std::string layout = test::sourcePath("data/layouts/s09-south.yaml");
  const auto layouts = test::runDrillsim({"shelters", "compare", scenario, layout, "--replications", "4", "--jobs", "2", "--lang", "zh"});
  ASSERT_EQ(layouts.exitCode, 0) << layouts.err;
  std::set<std::string> layoutWords = fileWords;
  layoutWords.insert({"s09", "south"});
  EXPECT_EQ(joined(englishWords(withoutPaths(layouts.out + layouts.err, {folder, layout}), layoutWords)), "") << layouts.out;
}

// The hazard-source register and the scenario's validity warnings in Chinese.
TEST(I18n, RegisterAndWarningsInChineseHaveNoEnglishWords) {
  const auto r = test::runDrillsim({"register", test::sourcePath("data/scenarios/chlorine_night.yaml"), "--lang", "zh"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("危险源台账"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("警告："), std::string::npos) << r.err;
  // The keys of the scenario and the park's layer and field names are the files' own words.
  const std::set<std::string> ids = {"chlorine", "ammonia", "lpg", "hydrogen_sulfide", "beta", "alpha", "auto", "US", "EPA",
                                     "CFR", "GB", "data", "parks", "baofeng", "scenarios", "chlorine_night", "yaml",
                                     "geojson", "hazard_sources", "weather", "wind_speed_ms", "stability", "position",
                                     "drillsim", "run", "model", "passive", "Q", "q"};
  auto withoutSourcePath = [](std::string text) {
    const std::string root = test::sourcePath("");
    for (std::size_t at; (at = text.find(root)) != std::string::npos;) text.erase(at, root.size());
    return text;
  };
  EXPECT_EQ(joined(englishWords(withoutSourcePath(r.out), ids)), "") << r.out;
  EXPECT_EQ(joined(englishWords(withoutSourcePath(r.err), ids)), "") << r.err;
}

// The shelter committee's evaluation in Chinese: header, findings, tables.
TEST(I18n, ShelterEvaluationInChineseHasNoEnglishWords) {
  const auto dir = std::filesystem::temp_directory_path() / ("drillsim-i18n-shelters-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto r = test::runDrillsim({"shelters", "evaluate", test::sourcePath("data/scenarios/chlorine_night.yaml"),
                                    "--replications", "4", "--bound-runs", "2", "--threat-draws", "50", "--jobs", "2", "--lang", "zh",
                                    "--out", dir.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("评估结论"), std::string::npos) << r.out;
  // The folder's and its files' names are the program's.
  const std::set<std::string> ids = {"GB", "report", "html", "docx", "md", "map", "svg", "evaluation", "json", "shelters", "gpkg"};
  std::string out = r.out;
  for (std::size_t at; (at = out.find(dir.string())) != std::string::npos;) out.erase(at, dir.string().size());
  EXPECT_EQ(joined(englishWords(out, ids)), "") << r.out;
  // The report to print: the same words, and the map's (its title, legend and labels).
  const std::string page = withoutMarkup(readFile(dir / "report.html"));
  EXPECT_NE(page.find("避难场所评估"), std::string::npos);
  EXPECT_EQ(joined(englishWords(page, {"GB", "EPSG"})), "") << page;  // and the park's CRS
  EXPECT_EQ(readFile(dir / "report.docx").compare(0, 2, "PK"), 0);
  std::filesystem::remove_all(dir);
}

// A comparison of plans in Chinese: the table's words and the verdicts, with the metrics' own names.
TEST(I18n, ComparisonInChineseHasNoEnglishWords) {
  const std::string scenario = test::chlorineScenarioCopy();
  const std::string store = std::filesystem::path(scenario).parent_path().string() + "/b.gpkg";
  const auto b = test::runDrillsim({"batch", scenario, "--replications", "4", "--out", store, "--jobs", "2"});
  ASSERT_EQ(b.exitCode, 0) << b.err;
  const auto c = test::runDrillsim({"compare", store, "--lang", "zh"});
  ASSERT_EQ(c.exitCode, 0) << c.err;
  EXPECT_NE(c.out.find("超限概率"), std::string::npos) << c.out;
  std::set<std::string> ids = {"gpkg", "yaml", "scenarios", "chlorine", "b"};
  for (const char* metric : {"clearance_s", "arrival_p50_s", "arrival_p90_s", "arrival_p95_s", "sheltered", "unsheltered",
                             "sheltered_in_place", "not_ordered", "persons_over_aegl2", "persons_over_aegl3",
                             "expected_fatalities", "shelter_overflow", "shelters_overflowing", "first_team_arrival_s",
                             "population", "zones_burnt", "persons_over_5kw", "persons_in_fire"})
    ids.insert(metric);
  // The store's path is the test's own folder: its words are not the program's.
  std::string out = c.out;
  for (std::size_t at; (at = out.find(scenario)) != std::string::npos;) out.erase(at, scenario.size());
  for (std::size_t at; (at = out.find(store)) != std::string::npos;) out.erase(at, store.size());
  EXPECT_EQ(joined(englishWords(out, ids)), "") << c.out;
  // The comparison to file: the verdicts in sentences, the tables, the method.
  const auto h = test::runDrillsim({"compare", store, "--lang", "zh", "--format", "html"});
  ASSERT_EQ(h.exitCode, 0) << h.err;
  std::string page = withoutMarkup(h.out);
  for (std::size_t at; (at = page.find(scenario)) != std::string::npos;) page.erase(at, scenario.size());
  for (std::size_t at; (at = page.find(store)) != std::string::npos;) page.erase(at, store.size());
  EXPECT_NE(page.find("批量运行的结论"), std::string::npos) << page;
  ids.insert({"t", "Wilson", "Bonferroni", "r", "n"});
  EXPECT_EQ(joined(englishWords(page, ids)), "") << page;
}

// The drill's documents in Chinese: the console's script, the drill plan, the script, the
// evaluation form and, after a played drill, the evaluation report.
TEST(I18n, DrillDocumentsInChineseHaveNoEnglishWords) {
  const auto dir = std::filesystem::temp_directory_path() / ("drillsim-i18n-drill-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto r = test::runDrillsim({"drill", test::sourcePath("data/scenarios/chlorine_night.yaml"), "--plan", "C",
                                    "--replications", "8", "--jobs", "2", "--out", dir.string(), "--lang", "zh"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto text = [&](const std::string& name) {
    std::string t = withoutMarkup(readFile(dir / name));
    const std::string d = dir.string();
    for (std::size_t at; (at = t.find(d)) != std::string::npos;) t.erase(at, d.size());
    return t;
  };
  // The program's and the files' own names, the substance's id and the plan's parties' ids.
  const std::set<std::string> ids = {"DrillSim", "drillsim", "drill", "debrief", "gui", "view", "replay", "plan", "replication",
                                     "html", "docx", "csv", "json", "script", "evaluation", "form", "data", "scenarios",
                                     "chlorine_night", "yaml", "FNV", "SCENARIO", "report"};
  const auto strip = [&](std::string t) {
    for (const std::string& path : {dir.string(), test::sourcePath("")})
      for (std::size_t at; (at = t.find(path)) != std::string::npos;) t.erase(at, path.size());
    return t;
  };
  EXPECT_EQ(joined(englishWords(strip(r.out), ids)), "") << r.out;
  // The scenario's own description is the planner's text, in the language it was written in.
  const auto withoutDescription = [](std::string t) {
    const auto from = t.find("情景描述"), to = t.find("危险与气象");
    return from < to && to != std::string::npos ? t.erase(from, to - from) : t;
  };
  for (const char* doc : {"plan.html", "script.html", "evaluation-form.html", "script.csv"})
    EXPECT_EQ(joined(englishWords(withoutDescription(text(doc)), ids)), "") << doc;
  EXPECT_NE(text("plan.html").find("应急演练方案"), std::string::npos);
  std::ofstream(dir / "observations.json") << R"({"drillsim_observations": 1, "delivered": [{"inject": 1, "time_s": 200}],
      "observations": [{"time_s": 3000, "task": "notified/park_committee", "text": "管委会接报较慢"}]})";
  const auto d = test::runDrillsim({"drill", "debrief", dir.string(), "--lang", "zh", "--date", "2026-12-02"});
  ASSERT_EQ(d.exitCode, 0) << d.err;
  EXPECT_EQ(joined(englishWords(strip(d.out), ids)), "") << d.out;
  const std::string report = text("evaluation-report.html");
  EXPECT_EQ(joined(englishWords(report, ids)), "") << report;
  EXPECT_NE(report.find("存在的问题及整改措施"), std::string::npos);
  EXPECT_NE(report.find("2027年1月1日"), std::string::npos);  // the corrective actions' deadline: 30 days on
  std::filesystem::remove_all(dir);
}

// The drill calendar in Chinese: statuses, kinds, the regulations' articles; the unit and plan ids
// and the dates are the scenario's. Without units, the example to add holds the file's keys.
TEST(I18n, DrillCalendarInChineseHasNoEnglishWords) {
  const std::string scenario = test::sourcePath("data/scenarios/chlorine_night.yaml");
  const auto r = test::runDrillsim({"drill", "calendar", scenario, "--as-of", "2026-12-07", "--lang", "zh"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("从未演练"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("《生产安全事故应急条例》（国务院令第708号）第八条第二款"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("《生产安全事故应急预案管理办法》（应急管理部令第2号）第三十三条"), std::string::npos) << r.out;
  EXPECT_EQ(joined(englishWords(r.out, {})), "") << r.out;
  const std::string mini = test::sourcePath("tests/data/mini/mini.yaml");
  const auto none = test::runDrillsim({"drill", "calendar", mini, "--as-of", "2026-12-07", "--lang", "zh"});
  ASSERT_EQ(none.exitCode, 0) << none.err;
  std::string out = none.out;
  for (std::size_t at; (at = out.find(mini)) != std::string::npos;) out.erase(at, mini.size());
  const std::set<std::string> keys = {"park_name", "units", "id", "name", "kind", "hazardous_chemicals", "party", "enterprise",
                                      "government", "park_committee", "drills", "date", "tabletop", "scope", "comprehensive",
                                      "plan", "README", "Scenario", "YAML"};
  EXPECT_EQ(joined(englishWords(out, keys)), "") << none.out;
}

}  // namespace
}  // namespace drillsim
