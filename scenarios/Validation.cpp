#include "scenarios/Validation.hpp"

#include "scenarios/I18n.hpp"
#include "scenarios/NumberText.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "scenarios/Geometry.hpp"
#include "scenarios/Lookup.hpp"
#include "scenarios/ParkLoader.hpp"
#include "scenarios/ShelterLayout.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/TextFile.hpp"

namespace drillsim {

namespace {

class Checker {
 public:
  Checker(const Scenario& s, const Park& p, const SubstanceTable& t, Diagnostics& d)
      : s_(s), p_(p), t_(t), d_(d), zones_(idsOf(p.zones)), shelters_(idsOf(p.shelters)),
        stations_(idsOf(p.stations)), sources_(idsOf(p.sources)), teams_(idsOf(s.teams)), hazards_(idsOf(s.hazards)) {}

  void run() {
    for (const auto& src : p_.sources)
      if (!t_.find(src.substance))
        d_.error(src.where, "substance",
                 tf("unknown substance {1} (not in {2}); {3}", inQuotes(src.substance), t_.file(),
                    expectedOneOf(src.substance, t_.ids())));
    for (std::size_t i = 0; i < s_.hazards.size(); ++i) checkHazard(s_.hazards[i], "hazards[" + std::to_string(i) + "]");
    for (std::size_t i = 0; i < s_.teams.size(); ++i)
      known(s_.teams[i].station, stations_, "teams[" + std::to_string(i) + "].station", i18n::kNoop("unknown station {1}; {2}"));
    for (std::size_t i = 0; i < s_.plans.size(); ++i) checkPlan(s_.plans[i], "plans[" + std::to_string(i) + "]");
    checkCapacity();
    checkReachability();
  }

 private:
  // `unknown` is the message, "unknown zone {1}; {2}": {1} the id quoted, {2} "expected one of ...".
  bool known(const Ref& r, const std::vector<std::string>& ids, const std::string& key, const char* unknown) {
    if (r.id.empty() || std::find(ids.begin(), ids.end(), r.id) != ids.end()) return true;
    d_.error(r.where, key, tf(unknown, inQuotes(r.id), expectedOneOf(r.id, ids)));
    return false;
  }

  void knownParty(const Ref& r, const std::vector<std::string>& parties, const std::string& key) {
    if (r.id.empty() || std::find(parties.begin(), parties.end(), r.id) != parties.end()) return;
    d_.error(r.where, key,
             parties.empty() ? tf("{1} is not in this plan's notify list; the list is empty, add it there", inQuotes(r.id))
                             : tf("{1} is not in this plan's notify list; add it there, or name a notified party: {2}",
                                  inQuotes(r.id), namesWithSuggestion(r.id, parties)));
  }

  void checkHazard(const Hazard& h, const std::string& key) {
    // A dispatch's to: names a hazard or a zone; an id that is both would be taken for the hazard
    // without a word, so the two must differ.
    if (std::find(zones_.begin(), zones_.end(), h.id) != zones_.end())
      d_.error(h.where, key + ".id",
               tf("{1} is also the id of a zone of the park; a dispatch's to: {2} could mean either (it would be taken "
                  "for the hazard): give the hazard another id",
                  inQuotes(h.id), h.id));
    if (const auto* r = std::get_if<ToxicRelease>(&h.detail)) {
      if (known(r->source, sources_, key + ".source", i18n::kNoop("unknown hazard source {1}; {2}"))) {
        const HazardSource* src = p_.source(r->source.id);
        const Substance* sub = src ? t_.find(src->substance) : nullptr;
        if (sub && !sub->aegl_ppm[1][2] && !sub->probit_a)
          d_.warning(r->source.where, key + ".source",
                     tf("substance {1} has no AEGL-2 nor probit in the substance table; its toxic effects cannot be "
                        "assessed",
                        inQuotes(sub->id)));
        if (sub && r->vessel && !sub->hasSourceProperties())
          d_.error(r->vessel->where, key + ".release",
                   tf("substance {1} of {2} has no source-term properties in the "
                      "substance table (boiling_point_k, liquid_density_kg_m3, liquid_cp_j_kgk, latent_heat_j_kg, "
                      "vapour_gamma): give rate_kg_s instead, or add them with their source",
                      inQuotes(sub->id), src->id));
        // The release cannot outlast the inventory: rate x duration beyond it is reported.
        const double mostReleased_kg =
            r->instantaneous_kg ? r->instantaneous_kg->highest() : r->rate_kg_s.highest() * r->duration_s.highest();
        if (src && !r->vessel && std::isfinite(mostReleased_kg) && mostReleased_kg > src->inventory_kg)
          d_.warning(h.where, key,
                     tf("the release may exceed the inventory of {1} (up to {2} kg of {3} kg); it will stop when the "
                        "inventory is exhausted",
                        src->id, static_cast<long>(mostReleased_kg), static_cast<long>(src->inventory_kg)));
      }
    } else {
      const Fire& f = std::get<Fire>(h.detail);
      known(f.zone, zones_, key + ".zone", i18n::kNoop("unknown zone {1}; {2}"));
      if (!f.heat_release_mw)
        d_.warning(h.where, key + ".heat_release_mw",
                   tr("missing; the fire's thermal radiation is not modelled (no road closes for heat, nobody is "
                      "exposed to it)"));
      if (!f.spread_delay_s)
        d_.warning(h.where, key + ".spread_delay_s", tf("missing; the fire will not spread beyond {1}", f.zone.id));
    }
  }

  void checkPlan(const Plan& plan, const std::string& key) {
    std::vector<std::string> parties;
    for (const auto& n : plan.notify) parties.push_back(n.who);
    if (plan.notify.empty())
      d_.warning(plan.where, key + ".notify", tr("nobody is notified; orders and dispatches will never be released"));
    std::vector<std::string> targets = hazards_;
    targets.insert(targets.end(), zones_.begin(), zones_.end());
    for (std::size_t i = 0; i < plan.dispatch.size(); ++i) {
      const auto& d = plan.dispatch[i];
      const std::string k = key + ".dispatch[" + std::to_string(i) + "]";
      known(d.team, teams_, k + ".team", i18n::kNoop("unknown team {1}; {2}"));
      known(d.to, targets, k + ".to", i18n::kNoop("unknown hazard or zone {1}; {2}"));
      knownParty(d.after, parties, k + ".after");
    }
    for (std::size_t i = 0; i < plan.protect.size(); ++i) {
      const auto& pr = plan.protect[i];
      const std::string k = key + ".protect[" + std::to_string(i) + "]";
      for (std::size_t j = 0; j < pr.zones.size(); ++j)
        known(pr.zones[j], zones_, k + ".zones[" + std::to_string(j) + "]", i18n::kNoop("unknown zone {1}; {2}"));
      knownParty(pr.after, parties, k + ".after");
    }
    for (const auto& [zone, shelters] : plan.shelters.map) {
      const std::string k = key + ".shelters." + zone.id;
      known(zone, zones_, k, i18n::kNoop("unknown zone {1}; {2}"));
      for (const auto& s : shelters) known(s, shelters_, k, i18n::kNoop("unknown shelter {1}; {2}"));
    }
  }

  // Public for validityWarnings below.
 public:
  // Where the Gaussian plume leaves its validity (README "Validity limits"; NOAA, "ALOHA's
  // Limitations"; ALOHA User's Manual, 2007, ch. 2): winds below about 1.3 m/s, stable air (E, F),
  // the first ~100 m from the source, beyond 10 km. Warnings: the run goes on, its numbers there
  // are indicative only.
  void checkPlumeValidity() {
    std::vector<const HazardSource*> sources;
    for (const auto& h : s_.hazards)
      if (const auto* r = std::get_if<ToxicRelease>(&h.detail))
        if (const HazardSource* src = p_.source(r->source.id)) sources.push_back(src);
    if (sources.empty()) return;
    const Weather& w = s_.weather;
    const Location at{s_.file, 0, 0, {}};
    // The share of wind draws below a speed, by bisection on the quantile function.
    const auto shareBelow = [&](double speed_ms) {
      if (w.wind_speed_ms.isConstant()) return w.wind_speed_ms.lowest() < speed_ms ? 1.0 : 0.0;
      double lo = 0, hi = 1;
      for (int i = 0; i < 40; ++i) {
        const double mid = (lo + hi) / 2;
        (w.wind_speed_ms.quantile(mid) < speed_ms ? lo : hi) = mid;
      }
      return lo;
    };
    if (w.wind_speed_ms.lowest() < 1.3) {
      d_.warning(at, "weather.wind_speed_ms",
                 (w.wind_speed_ms.isConstant() ? tf("is {1} m/s", significantNumber(w.wind_speed_ms.lowest()))
                                               : tf("is below 1.3 m/s in {1} % of draws",
                                                    significantNumber(std::round(shareBelow(1.3) * 1000) / 10))) +
                     tr("; in winds below about 1.3 m/s the dispersion models (the Gaussian plume and the dense-gas "
                        "correlations) are unreliable (ALOHA's limitations): read those runs' doses as indicative (drillsim "
                        "run flags them)"));
    }
    // A class drawn apart from the wind may be one Pasquill's table does not allow at that wind: F
    // only below 3 m/s, E only below 5 m/s (Pasquill 1961 via NOAA READY; hazard.md section 1).
    if (!w.fromSky()) {
      const WordChoice<Stability>& c = w.stability;
      double total = 0;
      for (std::size_t i = 0; i < c.values.size(); ++i) total += c.weights.empty() ? 1 : c.weights[i];
      for (const auto& [value, limit] : {std::pair<Stability, double>{Stability::F, 3.0}, {Stability::E, 5.0}}) {
        const std::string& cls = wordOf(value);
        double weight = 0;
        for (std::size_t i = 0; i < c.values.size(); ++i)
          if (c.values[i] == value) weight += c.weights.empty() ? 1 : c.weights[i];
        const double above = 1 - shareBelow(limit);
        const double share = total > 0 ? weight / total * above : 0;
        if (share >= 0.0005)  // at least 0.05 %, as the message rounds it
          d_.warning(at, "weather.stability",
                     tf("class {1} is drawn apart from the wind, which is {2} m/s or more in {3} % of draws: {4} % of "
                        "replications get class {1} in a wind Pasquill's table gives it only below {2} m/s; derive the "
                        "class from the sky instead, stability: {pasquill: SKY}",
                        cls, significantNumber(limit), significantNumber(std::round(above * 1000) / 10),
                        significantNumber(std::round(share * 1000) / 10)));
      }
    }
    const bool stable = std::any_of(w.stability.values.begin(), w.stability.values.end(),
                                    [](Stability c) { return c == Stability::E || c == Stability::F; }) ||
                        std::any_of(w.sky.values.begin(), w.sky.values.end(),
                                    [](Sky sky) { return sky == Sky::NightCloudy || sky == Sky::NightClear; });
    // Britter-McQuaid's correlations have no stability class; the Gaussian plume (passive releases,
    // and dense ones beyond the correlations' last line) is the model stable air makes unreliable.
    if (stable)
      d_.warning(at, "weather.stability",
                 s_.dispersion == DispersionModel::Passive
                     ? tr("stable air (class E or F) is possible; the Gaussian plume is least reliable there (ALOHA's "
                          "limitations), and with --model passive a dense gas such as chlorine stays lower and travels "
                          "further than it shows")
                     : tr("stable air (class E or F) is possible; the Gaussian plume is least reliable there (ALOHA's "
                          "limitations): passive releases, and dense ones beyond the dense-gas correlations' range"));
    for (const HazardSource* src : sources) {
      std::string near, far;
      int nearCount = 0, farCount = 0;
      for (const Zone& z : p_.zones) {
        const int people = s_.night() ? z.pop_night : z.pop_day;
        if (people <= 0) continue;
        const double d = distanceToArea(src->position, z.outer);
        if (d < 100 && nearCount++ < 6) near += (near.empty() ? "" : ", ") + z.id + " (" + std::to_string(people) + ")";
        if (distance(src->position, z.centroid) > 10000 && farCount++ < 6) far += (far.empty() ? "" : ", ") + z.id;
      }
      if (nearCount)
        d_.warning(src->where, "position",
                   tnf("{1} populated zone lies within 100 m of {2}: {3}; the dispersion models are unreliable that "
                       "close to the source, doses there are indicative only",
                       "{1} populated zones lie within 100 m of {2}: {3}; the dispersion models are unreliable that "
                       "close to the source, doses there are indicative only",
                       nearCount, nearCount, src->id, near + (nearCount > 6 ? ", ..." : "")));
      if (farCount)
        d_.warning(src->where, "position",
                   tf("{1} populated zones lie beyond 10 km of {2}: {3}; the plume is not computed that far, they are "
                      "counted unexposed",
                      farCount, src->id, far + (farCount > 6 ? ", ..." : "")));
    }
  }


 private:
  void checkCapacity() {
    // DrillSim's limit on the persons of one park (README "Limits"): counts of persons are kept
    // in 32-bit numbers inside a replication, and a park of more is not an industrial park.
    for (const bool night : {false, true})
      if (const long people = p_.population(night); people > kMaxParkPopulation)
        d_.error({s_.file, 0, 0, {}}, "population",
                 tf("the zones' {1} adds up to {2} persons; expected at most {3} in one park",
                    wordOf(night ? Population::Night : Population::Day), people, kMaxParkPopulation));
    const long people = p_.population(s_.night());
    const long capacity = p_.shelterCapacity();
    if (capacity < people)
      d_.warning({s_.file, 0, 0, {}}, "population",
                 tf("the shelters hold {1} persons but the park has {2} ({3}); {4} cannot be sheltered if everyone "
                    "evacuates",
                    capacity, people, wordOf(s_.population), people - capacity));
  }

  void checkReachability() {
    std::vector<NodeId> shelterNodes;
    for (const auto& s : p_.shelters)
      if (s.node != kNoNode) shelterNodes.push_back(s.node);
    const std::vector<bool> reachesShelter = p_.graph.reachesAny(shelterNodes);
    for (const auto& z : p_.zones) {
      if (z.node == kNoNode) continue;
      const bool reaches = reachesShelter[static_cast<std::size_t>(z.node)];
      const int people = s_.night() ? z.pop_night : z.pop_day;
      if (!reaches)
        d_.warning(z.where, "", tf("no shelter can be reached by road from this zone; its {1} persons ({2}) can only "
                                   "shelter in place",
                                   people, wordOf(s_.population)));
    }
  }

  const Scenario& s_;
  const Park& p_;
  const SubstanceTable& t_;
  Diagnostics& d_;
  std::vector<std::string> zones_, shelters_, stations_, sources_, teams_, hazards_;
};

}  // namespace

void validate(const Scenario& scenario, const Park& park, const SubstanceTable& substances, Diagnostics& diagnostics) {
  Checker(scenario, park, substances, diagnostics).run();
}

void validityWarnings(const LoadedScenario& loaded, Diagnostics& diagnostics) {
  validityWarnings(loaded.scenario, loaded.park, loaded.substances, diagnostics);
}

void validityWarnings(const Scenario& scenario, const Park& park, const SubstanceTable& substances,
                      Diagnostics& diagnostics) {
  Checker(scenario, park, substances, diagnostics).checkPlumeValidity();
}

std::string resolveParkPath(const std::string& scenarioPath, const std::string& park) {
  namespace fs = std::filesystem;
  const fs::path p(park);
  if (p.is_absolute()) return p.lexically_normal().string();
  return (fs::path(scenarioPath).parent_path() / p).lexically_normal().string();
}

std::optional<LoadedScenario> loadAndValidate(const std::string& scenarioPath, Diagnostics& diagnostics,
                                              const std::string& substancesPath, const std::string& layoutPath) {
  Diagnostics found;
  auto scenario = loadScenarioPartial(scenarioPath, found);
  if (!layoutPath.empty()) {
    const auto layout = loadShelterLayout(layoutPath, found);
    if (!layout) scenario.reset();
    else if (scenario)
      scenario->shelter_changes.insert(scenario->shelter_changes.end(), layout->changes.begin(), layout->changes.end());
  }
  auto table = SubstanceTable::load(substancesPath.empty() ? defaultSubstanceTablePath() : substancesPath, found);
  std::optional<Park> park;
  if (scenario && !scenario->park.empty()) {
    namespace fs = std::filesystem;
    const std::string parkPath = resolveParkPath(scenarioPath, scenario->park);
    std::error_code ec;
    const PathProblem pathProblem = checkInputPath(parkPath, true);
    if (pathProblem && pathProblem.kind != PathProblem::Kind::Missing) {
      found.error(scenario->park_where, "park",
                  tf("{1}: {2}; expected a folder of GeoJSON layers or a .gpkg file", parkPath, pathProblem.text));
    } else if (pathProblem) {
      // Name the place in the scenario where the park is given, and what is there instead.
      std::vector<std::string> siblings;
      const fs::path parent = fs::path(parkPath).parent_path();
      for (const auto& e : fs::directory_iterator(parent.empty() ? fs::path(".") : parent, ec))
        if (e.is_directory() || e.path().extension() == ".gpkg") siblings.push_back(e.path().filename().string());
      std::sort(siblings.begin(), siblings.end());
      const std::string hint = didYouMean(fs::path(parkPath).filename().string(), siblings);
      found.error(scenario->park_where, "park",
                  hint.empty() ? tf("no folder or GeoPackage {1} (looked for {2}, relative to the scenario's folder)",
                                    inQuotes(scenario->park), parkPath)
                               : tf("no folder or GeoPackage {1} (looked for {2}, relative to the scenario's folder); did "
                                    "you mean '{3}'?",
                                    inQuotes(scenario->park), parkPath, hint));
    } else {
      park = loadPark(parkPath, parkPath, ParkOptions{scenario->crs, 2.0}, found);
      if (park) applyParkChanges(*scenario, *park, found);
    }
  }
  if (scenario && park && table) validate(*scenario, *park, *table, found);
  const bool ok = scenario && park && table && !found.hasErrors();
  diagnostics.append(found);
  if (!ok) return std::nullopt;
  return LoadedScenario{std::move(*scenario), std::move(*park), std::move(*table)};
}

}  // namespace drillsim
