// drillsim bound: the quickest-flow lower bound on clearance time (sim/analysis/QuickestFlow.hpp),
// for everyone ordered out at once, or for the evacuees of one run of a plan.
#include <algorithm>
#include <iostream>

#include "scenarios/I18n.hpp"
#include "sim/analysis/QuickestFlow.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/TextTable.hpp"
#include "sim/engine/Replication.hpp"
#include "sim/hazard/HazardModel.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"plan", true, i18n::kNoop("bound the evacuees of this plan's run, leaving when they did, and compare"), "ID"},
    {"seed", true, i18n::kNoop("random seed of the pre-movement draws (default: the scenario's monte_carlo.seed)"), "N"},
    {"replication", true, i18n::kNoop("which replication's draws to use (default 0)"), "R"},
    {"no-premovement", false, i18n::kNoop("everyone ready to walk the moment the order reaches them"), ""},
    {"step", true, i18n::kNoop("time step of the time-expanded network in seconds (default 1)"), "S"},
    {"format", true, i18n::kNoop("text (default) or json"), "FORMAT"},
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
    {"simgrid-log", false, i18n::kNoop("let SimGrid print its own log (silent by default)"), ""},
};

struct Inputs {
  std::uint64_t seed = 0, replication = 0;
  bool premovement = true;
  const Plan* plan = nullptr;
  std::optional<Outcome> run;  // with --plan
};

/// The zones among the releases whose evacuees start from road node `node`, as "Z04 name, Z05 name"
/// (JSON's); the text's list is joined as the user's language joins names.
std::string zonesAt(const LoadedScenario& l, const std::vector<Release>& releases, int node,
                    const char* separator = ", ") {
  std::string text;
  std::vector<int> seen;
  for (const auto& r : releases) {
    const Zone& z = l.park.zones[std::size_t(r.zone)];
    if (z.node != node || std::find(seen.begin(), seen.end(), r.zone) != seen.end()) continue;
    seen.push_back(r.zone);
    text += (text.empty() ? "" : separator) + z.id + " " + z.name;
  }
  return text;
}

nlohmann::json toJson(const LoadedScenario& l, const Inputs& in, const std::vector<Release>& releases,
                      const FlowNetwork& net, const QuickestFlowResult& r) {
  using nlohmann::json;
  json j;
  j["bound_s"] = r.feasible ? json(r.bound_s) : json(nullptr);
  j["step_s"] = r.step_s;
  j["feasible"] = r.feasible;
  j["persons"] = r.persons;
  j["placeable"] = r.placeable;
  j["clock"] = in.run ? "onset" : "order";
  j["premovement"] = in.premovement;
  j["seed"] = in.seed;
  j["replication"] = in.replication;
  double last = 0;
  for (const auto& rel : releases) last = std::max(last, rel.ready_s);
  j["last_ready_s"] = last;
  json bottlenecks = json::array();
  for (const auto& b : r.bottlenecks) {
    if (b.road >= 0) {
      const Road& road = l.park.roads[std::size_t(b.road)];
      bottlenecks.push_back({{"road", road.id}, {"name", road.name}, {"capacity_pps", walkingCapacity_pps(road, l.scenario)},
                             {"saturated_s", b.saturated_s}});
    } else {
      const Shelter& sh = l.park.shelters[std::size_t(b.shelter)];
      bottlenecks.push_back({{"shelter", sh.id}, {"name", sh.name}, {"capacity", sh.capacity}});
    }
  }
  j["bottlenecks"] = bottlenecks;
  json lastOut = json::array();
  for (const auto& [node, persons] : r.lastOut) lastOut.push_back({{"zones", zonesAt(l, releases, node)}, {"persons", persons}});
  j["last_out"] = lastOut;
  json shelters = json::array();
  for (std::size_t k = 0; k < net.sinks.size(); ++k) {
    const Shelter& sh = l.park.shelters[std::size_t(net.sinks[k].shelter)];
    shelters.push_back({{"id", sh.id}, {"capacity", sh.capacity}, {"persons", r.shelterPersons[k]}});
  }
  j["shelters"] = shelters;
  if (in.run) {
    const Metrics& m = in.run->metrics;
    j["plan"] = {{"id", in.plan->id},
                 {"clearance_s", m.clearance_s},
                 {"unsheltered", m.unsheltered},
                 {"efficiency", r.feasible && m.clearance_s > 0 ? json(r.bound_s / m.clearance_s) : json(nullptr)}};
  }
  return j;
}

void printText(const LoadedScenario& l, const Inputs& in, const std::vector<Release>& releases,
               const FlowNetwork& net, const QuickestFlowResult& r, std::ostream& out) {
  const Scenario& s = l.scenario;
  double last = 0;
  for (const auto& rel : releases) last = std::max(last, rel.ready_s);
  std::vector<int> zones;
  for (const auto& rel : releases)
    if (std::find(zones.begin(), zones.end(), rel.zone) == zones.end()) zones.push_back(rel.zone);
  out << s.name << "\n" << tr("Quickest-flow bound on clearance") << "\n\n";
  if (in.run) {
    out << tf("Evacuees of plan {1} {2} (seed {3}, replication {4}): {5} persons from {6} zones,", in.plan->id,
              in.plan->name, in.seed, in.replication, thousands(std::lround(r.persons)), zones.size())
        << "\n  "
        << (in.premovement ? tr("each leaving when it did in the run; times from the onset.")
                           : tr("each ready when its order came; times from the onset."))
        << "\n";
  } else {
    out << tf("Everyone: {1} persons ({2}) from {3} zones, ordered out at T+0; times from the order.",
              thousands(std::lround(r.persons)), shownWord(s.population), zones.size())
        << "\n";
    if (in.premovement)
      out << "  "
          << tf("Pre-movement {1} s, drawn per cohort of {2} as replication {3} of seed {4} draws it.",
                s.walking.premovement_s.describe(), s.cohort_size, in.replication, in.seed)
          << "\n";
    else
      out << "  " << tr("No pre-movement: everyone walks at once.") << "\n";
  }
  out << "\n";
  if (!r.feasible) {
    if (r.reachedStepLimit)
      out << tf("No bound found within {1} steps of {2} s; try a longer --step.", thousands(r.steps),
                fixed(r.step_s, 1))
          << "\n";
    else
      out << tf("No bound: only {1} of {2} persons can reach a shelter with room at all "
                "(shelter capacity or roads are missing).",
                thousands(std::lround(r.placeable)), thousands(std::lround(r.persons)))
          << "\n";
    return;
  }
  out << tf("Bound: {1} s ({2}). No routing and no choice of shelters can have everyone in a shelter sooner\n"
            "  on these roads and shelters with these departures. (Times are rounded down to the step of {3} s,\n"
            "  so the bound errs low, and never high by a full step: the optimum is above {4} s.)",
            thousands(std::lround(r.bound_s)), clock(r.bound_s), fixed(r.step_s, 1),
            thousands(std::lround(r.bound_s - r.step_s)))
      << "\n";
  out << "  "
      << tf("The last person is ready at {1}; the best routing needs {2} s more to have everyone in.", clock(last),
            thousands(std::lround(r.bound_s - last)))
      << "\n";
  if (in.run) {
    const Metrics& m = in.run->metrics;
    const std::string cleared = thousands(std::lround(m.clearance_s)), at = clock(m.clearance_s);
    const auto efficiency = [&] { return fixed(100 * r.bound_s / m.clearance_s, 0); };
    if (m.unsheltered > 0 && m.clearance_s > 0)
      out << tf(
          "Plan {1} cleared at {2} s ({3}), the horizon, with {4} persons not in a shelter: plan efficiency {5} %.",
          in.plan->id, cleared, at, thousands(m.unsheltered), efficiency());
    else if (m.unsheltered > 0)
      out << tf("Plan {1} cleared at {2} s ({3}), the horizon, with {4} persons not in a shelter.", in.plan->id,
                cleared, at, thousands(m.unsheltered));
    else if (m.clearance_s > 0)
      out << tf("Plan {1} cleared at {2} s ({3}): plan efficiency {4} %.", in.plan->id, cleared, at, efficiency());
    else
      out << tf("Plan {1} cleared at {2} s ({3}).", in.plan->id, cleared, at);
    out << "\n";
  }

  out << "\n" << tr("Bottlenecks (at capacity in the minimum cut one step short of the bound)") << "\n";
  TextTable roads({tr("road"), tr("name"), tr("capacity"), tr("at capacity")}, {false, false, true, true});
  std::vector<std::string> fullShelters;
  for (const auto& b : r.bottlenecks) {
    if (b.road >= 0) {
      const Road& road = l.park.roads[std::size_t(b.road)];
      roads.row({road.id, road.name, tf("{1} p/s", fixed(walkingCapacity_pps(road, s), 1)),
                 thousands(std::lround(b.saturated_s)) + " s"});
    } else {
      const Shelter& sh = l.park.shelters[std::size_t(b.shelter)];
      fullShelters.push_back(sh.id + " " + sh.name + " (" + thousands(sh.capacity) + ")");
    }
  }
  bool anyRoad = std::any_of(r.bottlenecks.begin(), r.bottlenecks.end(), [](auto& b) { return b.road >= 0; });
  out << (anyRoad ? roads.str() : "  " + std::string(tr("no road")) + "\n");
  if (!r.lastOut.empty()) {
    // Each item brings the space before it, which Chinese puts no space for.
    out << "  " << tr("The last ones in start from:");
    for (std::size_t i = 0; i < r.lastOut.size() && i < 8; ++i)
      out << tcf("an item of a list", " {1};", zonesAt(l, releases, r.lastOut[i].first, tc("list of names", ", ")));
    out << "\n";
  }
  if (!fullShelters.empty()) {
    out << "  " << tr("Shelters whose capacity binds:");
    for (const auto& f : fullShelters) out << tcf("an item of a list", " {1};", f);
    out << "\n";
  }

  out << "\n" << tr("One optimal assignment to shelters") << "\n";
  TextTable table({tr("shelter"), tr("name"), tr("capacity"), tr("persons")}, {false, false, true, true});
  for (std::size_t k = 0; k < net.sinks.size(); ++k) {
    const Shelter& sh = l.park.shelters[std::size_t(net.sinks[k].shelter)];
    if (r.shelterPersons[k] > 0.5)
      table.row({sh.id, sh.name, thousands(sh.capacity), thousands(std::lround(r.shelterPersons[k]))});
  }
  out << table.str();
}
}  // namespace

std::string helpBound() {
  return std::string(tr("Usage: drillsim bound SCENARIO.yaml [options]\n\n"
         "The least possible clearance time: when the last evacuee could be in a shelter if every\n"
         "person took the best route to the best shelter, given road capacities, walking times,\n"
         "shelter capacities and when each person is ready to leave. Computed exactly as a quickest\n"
         "transshipment on the time-expanded network (as EVACNET does), with the roads and\n"
         "shelters whose capacity holds it there.\n\n"
         "Without --plan: everyone in every zone, ordered out at T+0, each cohort ready after the\n"
         "pre-movement time the simulator draws for it. With --plan: the evacuees of that plan's\n"
         "run (seed, replication), leaving when they did, against the clearance the plan reached\n"
         "(plan efficiency = bound / clearance).\n\n")) +
         describeOptions(kOptions) + tr("\n--format json prints {\"bound_s\": ..., \"bottlenecks\": [...], ...} (bound_s null when\n"
         "not everyone can reach a shelter with room).\n"
         "\nExit codes: 0 done, 2 the scenario is invalid, 64 bad command line or unknown plan.\n");
}

int runBound(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  const std::string format = args.choice("format", {"text", "json"}, "text");
  const double step = args.number("step", 0.1, 600, 1.0);
  auto loaded = loadScenarioArgument(args);
  if (!loaded) return kExitInvalidInput;
  Inputs in;
  in.seed = args.count("seed", loaded->scenario.monte_carlo.seed);
  in.replication = args.count("replication", 0);
  in.premovement = !args.flag("no-premovement");
  std::vector<Release> releases;
  if (auto id = args.value("plan")) {
    in.plan = &planArgument(*loaded, *id);
    Platform platform(*loaded, args.flag("simgrid-log"));
    HazardModel hazards(*loaded, *in.plan, in.seed, in.replication);
    in.run = runReplication(platform, *loaded, *in.plan, in.seed, in.replication, hazards);
    releases = releasesOf(*loaded, *in.run);
    if (!in.premovement) releases = withoutPremovement(*loaded, releases, in.seed, in.replication);
  } else {
    releases = orderAtZero(*loaded, in.seed, in.replication, in.premovement);
  }
  const FlowNetwork net = evacuationNetwork(*loaded, releases);
  const QuickestFlowResult result = quickestTransshipment(net, {step});
  if (format == "json") std::cout << toJson(*loaded, in, releases, net, result).dump(2) << "\n";
  else printText(*loaded, in, releases, net, result, std::cout);
  std::cout.flush();
  // As `run`: SimGrid's teardown of a finished engine holds nothing we need.
  std::_Exit(kExitOk);
}

}  // namespace drillsim::cli
