// drillsim register: the park's hazard-source register (重大危险源登记): for each source its
// substance and inventory, the GB 18218-2018 ratio q/Q and grade, and how far a worst-case release
// would carry each AEGL level, with the zones and shelters within that reach.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>

#include <nlohmann/json.hpp>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/DocumentOutput.hpp"
#include "sim/cli/TextTable.hpp"
#include "sim/hazard/DenseGas.hpp"
#include "sim/hazard/Dispersion.hpp"
#include "sim/hazard/HazardModel.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"format", true, i18n::kNoop("text (default), json, html (a page to print) or docx (a Word/WPS document, with --out)"), "FORMAT"},
    {"gpkg", true, i18n::kNoop("also write the register as layer hazard_register (points) of this GeoPackage"), "FILE.gpkg"},
    {"model", true, i18n::kNoop("dispersion model: auto (default: dense where Britter-McQuaid's criterion says so), passive or dense"), "MODEL"},
    {"out", true, i18n::kNoop("write the html or docx document to this file (html without it: the standard output)"), "FILE"},
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
};

// Worst case of US EPA 40 CFR 68.25: the inventory released over 10 minutes, wind 1.5 m/s, class F,
// at ground level. Used here as "typical worst weather" for the register's distances.
constexpr double kWorstCaseDuration_s = 600;
constexpr double kWorstCaseWind_ms = 1.5;
// The air's temperature of the worst case: 20 degC, an assumption of the register (40 CFR 68.22
// asks for the site's highest daily maximum of three years, which the scenario does not hold).
constexpr double kWorstCaseAir_K = 293.15;

// The worst-case release of a source as a run sees it: the inventory over 10 min at ground level,
// its cloud the pure vapour at the air's temperature or, for a gas liquefied under pressure (a
// boiling point below the air's), at its boiling point (the flashed gas cools to it), with the
// dispersion model chosen as in a run.
DrawnRelease worstCase(const Substance& sub, double inventory_kg, const hazard::Weather& w, DispersionModel model) {
  DrawnRelease d;
  d.substance = &sub;
  d.release.rate_kg_s = inventory_kg / kWorstCaseDuration_s;
  d.release.height_m = 0;
  const double boiling = sub.boiling_point_k.value_or(w.temperature_K);
  d.cloud = hazard::pureVapour(sub.molar_mass_g_mol, std::min(boiling, w.temperature_K));
  chooseDispersion(d, w, model);
  return d;
}

// GB 18218-2018 / SAWS order 40, annex 1: alpha from the persons within 500 m outside the site.
double alphaFor(long persons) {
  if (persons >= 100) return 2.0;
  if (persons >= 50) return 1.5;
  if (persons >= 30) return 1.2;
  if (persons >= 1) return 1.0;
  return 0.5;
}

std::string gradeFor(double r) {
  if (r >= 100) return "1 (一级)";
  if (r >= 50) return "2 (二级)";
  if (r >= 10) return "3 (三级)";
  return "4 (四级)";
}

double distanceToZone(Point2 p, const Zone& z) { return distanceToArea(p, z.outer); }
}  // namespace

std::string helpRegister() {
  return std::string(tr("Usage: drillsim register SCENARIO.yaml [options]\n\n"
         "The hazard-source register of the scenario's park. For each source: substance, inventory,\n"
         "the critical quantity Q of GB 18218-2018 and q/Q; where q/Q >= 1 (a major hazard source),\n"
         "R = alpha * beta * q/Q and its grade (SAWS order 40, annex 1, kept by GB 18218-2018), with\n"
         "alpha from the night population of other zones within 500 m of the source's zone. Then the\n"
         "downwind reach of each 60 min AEGL for a worst-case release (the inventory over 10 min,\n"
         "wind 1.5 m/s, class F: US EPA 40 CFR 68.25; air 20 degC; the dense-gas model where\n"
         "Britter-McQuaid's criterion selects it, as in a run), and the zones and shelters within the\n"
         "AEGL-2 reach in any wind direction.\n\n")) +
         describeOptions(kOptions) + tr("\nExit codes: 0 printed, 2 the scenario is invalid, 64 bad command line.\n");
}

namespace {
// The register of the park's sources, in every form the command writes: the JSON entries, the
// table's rows as shown, a line per source on what lies within its AEGL-2 reach, and the layer.
struct Register {
  nlohmann::json sources = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> within;
  std::vector<OutFeature> features;
};

std::vector<std::string> registerColumns() {
  return {tr("id"), tr("name"), tr("substance"), tr("inventory"), "Q", "q/Q", "beta", "alpha", "R", tr("grade"), "AEGL-3",
          "AEGL-2", "AEGL-1", tr("plume")};
}

// A source's GB 18218-2018 figures as the table shows them; the numbers go into its JSON entry.
struct Grading {
  std::string ratio, beta, alpha, r;
  std::string grade = i18n::kNoop("no Q in the table");  // as the JSON and the layer keep it; the table translates it
};

Grading grading(const Substance& sub, double inventory_t, long nearby, nlohmann::json& entry) {
  Grading g;
  if (!sub.gb18218_critical_t || !sub.gb18218_beta) return g;
  const double qQ = inventory_t / *sub.gb18218_critical_t;
  entry["q_over_Q"] = qQ;
  g.ratio = fixed(qQ, 2);
  if (qQ < 1) {
    g.grade = i18n::kNoop("below Q: not a major hazard source");
    return g;
  }
  const double a = alphaFor(nearby), value = a * *sub.gb18218_beta * qQ;
  entry["alpha"] = a;
  entry["R"] = value;
  entry["grade"] = gradeFor(value);
  g.beta = fixed(*sub.gb18218_beta, 1);
  g.alpha = fixed(a, 1);
  g.r = fixed(value, 1);
  g.grade = gradeFor(value);
  return g;
}

void addId(nlohmann::json& ids, std::string& list, const std::string& id) {
  ids.push_back(id);
  list += (list.empty() ? "" : " ") + id;
}

void addSource(Register& reg, const LoadedScenario& loaded, const HazardSource& src, const hazard::Weather& worst) {
  const Park& park = loaded.park;
  const Substance* sub = loaded.substances.find(src.substance);
  const Zone* own = park.zone(src.zone);
  if (!sub || !own) return;
  long nearby = 0;
  for (const auto& z : park.zones)
    if (&z != own && distanceToZone(z.centroid, *own) <= 500) nearby += z.pop_night;
  const double inventory_t = src.inventory_kg / 1000;
  nlohmann::json entry = {{"id", src.id}, {"name", src.name}, {"substance", sub->id}, {"inventory_t", inventory_t},
                          {"persons_within_500m", nearby}};
  const Grading g = grading(*sub, inventory_t, nearby, entry);
  std::vector<std::string> reach(3, "");
  double aegl2Reach = 0;
  const DrawnRelease release = worstCase(*sub, src.inventory_kg, worst, loaded.scenario.dispersion);
  entry["dispersion"] = release.dense() ? "dense" : "passive";
  for (int level = 1; level <= 3; ++level) {
    const auto& ppm = sub->aegl_ppm[std::size_t(level - 1)][2];
    if (!ppm) continue;
    const double d = hazard::centrelineDistanceTo_m(sub->mgPerM3(*ppm), release.release, worst);
    entry["aegl" + std::to_string(level) + "_m"] = d;
    reach[std::size_t(level - 1)] = d >= 10000 ? "> 10 km" : fixed(d, 0) + " m";  // the same in both languages
    if (level == 2) aegl2Reach = d;
  }
  nlohmann::json zones = nlohmann::json::array(), shelters = nlohmann::json::array();
  std::string list, shelterList;
  for (const auto& z : park.zones)
    if (distanceToZone(src.position, z) <= aegl2Reach) addId(zones, list, z.id);
  for (const auto& sh : park.shelters)
    if (distance(src.position, sh.position) <= aegl2Reach) addId(shelters, shelterList, sh.id);
  entry["zones_within_aegl2"] = zones;
  entry["shelters_within_aegl2"] = shelters;
  reg.sources.push_back(entry);
  const double none = std::numeric_limits<double>::quiet_NaN();
  auto number = [&](const char* key) { return entry.contains(key) ? entry[key].get<double>() : none; };
  reg.features.push_back({OutFeature::Kind::Point, {{src.position}},
                          {{"id", src.id}, {"name", src.name}, {"substance", sub->id}, {"inventory_t", inventory_t},
                           {"critical_t", sub->gb18218_critical_t ? *sub->gb18218_critical_t : none},
                           {"q_over_Q", number("q_over_Q")}, {"alpha", number("alpha")}, {"R", number("R")},
                           {"grade", entry.value("grade", g.grade)}, {"persons_within_500m", double(nearby)},
                           {"aegl1_m", number("aegl1_m")}, {"aegl2_m", number("aegl2_m")}, {"aegl3_m", number("aegl3_m")},
                           {"zones_within_aegl2", list}, {"shelters_within_aegl2", shelterList}}});
  reg.rows.push_back({src.id, src.name, sub->id, fixed(inventory_t, 1) + " t",
                      sub->gb18218_critical_t ? fixed(*sub->gb18218_critical_t, 0) + " t" : "", g.ratio, g.beta, g.alpha, g.r,
                      tr(g.grade.c_str()), reach[2], reach[1], reach[0],
                      release.dense() ? tc("dispersion", "dense") : tc("dispersion", "passive")});
  const std::string shelterText = shelterList.empty() ? std::string(tr("none")) : shelterList;
  reg.within.push_back(zones.empty()
                           ? tf("{1}: {2} zone(s) within the AEGL-2 reach; shelters: {3}", src.id, zones.size(), shelterText)
                           : tf("{1}: {2} zone(s) within the AEGL-2 reach ({3}); shelters: {4}", src.id, zones.size(), list,
                                shelterText));
}

std::string registerText(const LoadedScenario& loaded, const Register& reg) {
  TextTable table(registerColumns(), {false, false, false, true, true, true, true, true, true, false, true, true, true, false});
  for (const auto& row : reg.rows) table.row(row);
  std::string within;
  for (const auto& line : reg.within) within += "  " + line + "\n";
  return tf("Hazard-source register of {1} ({2})", loaded.park.path, loaded.scenario.name) + "\n" +
         tf("GB 18218-2018 ratios and grades; AEGL reach (60 min) of a worst-case release: the inventory over\n"
            "10 min at ground level, wind 1.5 m/s, class F (US EPA 40 CFR 68.25), air 20 degC, {1} terrain;\n"
            "the plume dense or passive as a run chooses it (--model {2}).",
            shownWord(loaded.scenario.weather.terrain), dispersionName(loaded.scenario.dispersion)) +
         "\n\n" + table.str() + "\n" + tr("Within the AEGL-2 reach, in any wind direction:") + "\n" + within;
}

// The register as a document to print or file (README "Documents"): the park's name heads each
// page, or the scenario's when it names no park (park_name).
report::Document registerDocument(const LoadedScenario& loaded, const Register& reg) {
  report::Document doc = scenarioDocument(loaded, tr("Hazard-source register"));
  doc.subtitle = tf("Scenario {1}, park {2}", loaded.scenario.name, loaded.park.path);
  doc.paragraph(tf("GB 18218-2018 ratios and grades. AEGL reach (60 min) of a worst-case release: the inventory over 10 min "
                   "at ground level, wind 1.5 m/s, class F (US EPA 40 CFR 68.25), air 20 degC, {1} terrain; the plume dense "
                   "or passive as a run chooses it (--model {2}).",
                   shownWord(loaded.scenario.weather.terrain), dispersionName(loaded.scenario.dispersion)));
  report::Table table;
  table.columns = registerColumns();
  table.widths = {0.9, 2.0, 1.9, 1.3, 1.0, 1.1, 0.9, 1.0, 1.0, 1.5, 1.4, 1.4, 1.4, 1.1};
  table.rows = reg.rows;
  doc.table(std::move(table));
  doc.note(tr("q/Q: GB 18218-2018. R = alpha x beta x q/Q and its grade: SAWS order 40, annex 1, with alpha from the night "
              "population of other zones within 500 m of the source's zone."));
  doc.heading(tr("Within the AEGL-2 reach, in any wind direction:"), 2);
  doc.bullets(reg.within);
  return doc;
}

}  // namespace

int runRegister(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  const std::string format = args.choice("format", {"text", "json", "html", "docx"}, "text");
  const bool document = documentFormat(args, format);
  auto loaded = loadScenarioArgument(args);
  if (!loaded) return kExitInvalidInput;
  hazard::Weather worst;
  worst.windSpeed_ms = kWorstCaseWind_ms;
  worst.stability = hazard::Stability::F;
  worst.terrain = loaded->scenario.weather.terrain;
  worst.temperature_K = kWorstCaseAir_K;
  Register reg;
  for (const auto& src : loaded->park.sources) addSource(reg, *loaded, src, worst);
  if (auto file = args.value("gpkg")) {
    writeGeoPackageLayer(*file, "hazard_register", loaded->park.crs, reg.features);
  }
  if (format == "json") {
    std::cout << nlohmann::json{{"sources", reg.sources}}.dump(2) << "\n";
    return kExitOk;
  }
  if (document) return writeDocumentOutput(args, format, registerDocument(*loaded, reg));
  std::cout << registerText(*loaded, reg);
  return kExitOk;
}

}  // namespace drillsim::cli
