#include "scenarios/Substance.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"

#ifndef DRILLSIM_DATA_DIR
#define DRILLSIM_DATA_DIR "data"
#endif

namespace drillsim {

namespace {

struct Cell {
  std::string text;
  int line = 0, column = 0;
};

// RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes.
std::vector<std::vector<Cell>> parseCsv(const std::string& s, const std::string& file, Diagnostics& d) {
  std::vector<std::vector<Cell>> rows(1);
  Cell cell{"", 1, 1};
  int line = 1, column = 1;
  bool quoted = false, fieldStarted = false;
  auto endCell = [&] {
    rows.back().push_back(cell);
    cell = {"", line, column + 1};
    fieldStarted = false;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        cell.text += '"';
        ++i;
        ++column;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.text += c;
      }
    } else if (c == '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c == ',') {
      endCell();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      endCell();
      rows.emplace_back();
      ++line;
      column = 0;
      cell = {"", line, 1};
    } else {
      cell.text += c;
      fieldStarted = true;
    }
    if (c == '\n') column = 1;
    else ++column;
  }
  if (quoted) d.error({file, cell.line, cell.column, {}}, "", tr("a quoted field is not closed before the end of the file"));
  if (!cell.text.empty() || !rows.back().empty()) rows.back().push_back(cell);
  // Drop blank lines.
  rows.erase(std::remove_if(rows.begin(), rows.end(),
                            [](const std::vector<Cell>& r) { return r.empty() || (r.size() == 1 && r[0].text.empty()); }),
             rows.end());
  return rows;
}

const std::vector<std::string> kColumns = {
    "id", "name_zh", "name_en", "cas", "molar_mass_g_mol",
    "aegl1_10min_ppm", "aegl1_30min_ppm", "aegl1_60min_ppm", "aegl1_240min_ppm", "aegl1_480min_ppm",
    "aegl2_10min_ppm", "aegl2_30min_ppm", "aegl2_60min_ppm", "aegl2_240min_ppm", "aegl2_480min_ppm",
    "aegl3_10min_ppm", "aegl3_30min_ppm", "aegl3_60min_ppm", "aegl3_240min_ppm", "aegl3_480min_ppm", "aegl_n",
    "erpg1_ppm", "erpg2_ppm", "erpg3_ppm", "idlh_ppm",
    "probit_a", "probit_b", "probit_n", "probit_conc_unit", "probit_time_unit",
    "gb18218_critical_t", "gb18218_beta", "heat_of_combustion_mj_kg",
    "boiling_point_k", "liquid_density_kg_m3", "liquid_cp_j_kgk", "latent_heat_j_kg", "vapour_gamma",
    "antoine_a", "antoine_b", "antoine_c", "antoine_tmin_k", "antoine_tmax_k",
    "source_aegl", "source_aegl_n", "source_erpg", "source_idlh", "source_probit", "source_gb18218",
    "source_properties", "notes"};

// The source-term properties of a row: all five or none, each in a physical range, with their source;
// the Antoine constants all three or none, their range with them.
template <class Number>
void readSourceProperties(Substance& s, Number& number, const std::string& source, Diagnostics& found) {
  struct Property {
    const char* column;
    std::optional<double>* value;
    double low, high;
    const char* expected;  // marked for translation, translated where shown
  };
  const Property properties[] = {
      {"boiling_point_k", &s.boiling_point_k, 20, 1000, i18n::kNoop("a normal boiling point between 20 and 1000 K")},
      {"liquid_density_kg_m3", &s.liquid_density_kg_m3, 50, 5000, i18n::kNoop("a liquid density between 50 and 5000 kg/m3")},
      {"liquid_cp_j_kgk", &s.liquid_cp_j_kgk, 100, 20000, i18n::kNoop("a liquid heat capacity between 100 and 20000 J/(kg K)")},
      {"latent_heat_j_kg", &s.latent_heat_j_kg, 1e4, 1e7, i18n::kNoop("a heat of vaporisation between 10000 and 10000000 J/kg")},
      {"vapour_gamma", &s.vapour_gamma, 1.0001, 1.7, i18n::kNoop("a ratio of heat capacities c_p/c_v above 1 and at most 1.7")},
  };
  int given = 0;
  for (const Property& p : properties) {
    *p.value = number(p.column);
    if (!*p.value) continue;
    ++given;
    if (!(**p.value >= p.low && **p.value <= p.high)) {
      found.error(s.where, p.column, tf("expected {1}, found {2}", tr(p.expected), std::to_string(**p.value)));
      p.value->reset();
    }
  }
  if (given > 0 && given < 5)
    for (const Property& p : properties)
      if (!*p.value)
        found.error(s.where, p.column,
                    tr("missing; a substance with source-term properties needs all of boiling_point_k, "
                       "liquid_density_kg_m3, liquid_cp_j_kgk, latent_heat_j_kg and vapour_gamma"));
  if (given > 0 && source.empty())
    found.error(s.where, "source_properties", tr("missing; the source-term properties need their source"));
  s.antoine_a = number("antoine_a");
  s.antoine_b = number("antoine_b");
  s.antoine_c = number("antoine_c");
  s.antoine_tmin_k = number("antoine_tmin_k");
  s.antoine_tmax_k = number("antoine_tmax_k");
  const int antoine = int(s.antoine_a.has_value()) + int(s.antoine_b.has_value()) + int(s.antoine_c.has_value());
  if (antoine > 0 && antoine < 3)
    found.error(s.where, "antoine_a", tr("expected all of antoine_a, antoine_b and antoine_c, or none"));
  if (antoine == 3 && !(*s.antoine_b > 0))
    found.error(s.where, "antoine_b",
                tf("expected B > 0 (log10(p / Pa) = A - B / (T + C)), found {1}", std::to_string(*s.antoine_b)));
  if (antoine == 3 && !(s.antoine_tmin_k && s.antoine_tmax_k && *s.antoine_tmin_k < *s.antoine_tmax_k))
    found.error(s.where, "antoine_tmin_k", tr("expected the Antoine constants' range, antoine_tmin_k < antoine_tmax_k [K]"));
  if (antoine == 3 && given == 0)
    found.error(s.where, "antoine_a", tr("Antoine constants without the other source-term properties (boiling_point_k ...)"));
}

}  // namespace

std::string defaultSubstanceTablePath() {
  if (const char* env = std::getenv("DRILLSIM_SUBSTANCES"); env && *env) return env;
  return std::string(DRILLSIM_DATA_DIR) + "/substances.csv";
}

std::optional<SubstanceTable> SubstanceTable::load(const std::string& path, Diagnostics& diagnostics) {
  auto text = readTextFile(path, 1u << 20, i18n::kNoop("substance table"), diagnostics);
  if (!text) return std::nullopt;
  return parse(*text, path, diagnostics);
}

std::optional<SubstanceTable> SubstanceTable::parse(const std::string& text, const std::string& file,
                                                    Diagnostics& diagnostics) {
  Diagnostics found;
  auto rows = parseCsv(text, file, found);
  if (rows.empty()) {
    found.error({file, 1, 1, {}}, "", tr("the substance table is empty; expected a header line naming the columns"));
    diagnostics.append(found);
    return std::nullopt;
  }
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < rows[0].size(); ++i) {
    const Cell& h = rows[0][i];
    if (std::find(kColumns.begin(), kColumns.end(), h.text) == kColumns.end())
      found.error({file, h.line, h.column, {}}, h.text, tf("unknown column; {1}", expectedOneOf(h.text, kColumns)));
    else column[h.text] = i;
  }
  for (const char* required : {"id", "molar_mass_g_mol"})
    if (!column.count(required)) found.error({file, 1, 1, {}}, required, tr("missing column"));
  SubstanceTable table;
  table.file_ = file;
  for (std::size_t r = 1; r < rows.size() && !found.hasErrors(); ++r) {
    const auto& row = rows[r];
    Substance s;
    const int line = row.front().line;
    s.where = {file, line, 1, {}};
    auto cell = [&](const std::string& name) -> const Cell* {
      auto it = column.find(name);
      if (it == column.end() || it->second >= row.size() || row[it->second].text.empty()) return nullptr;
      return &row[it->second];
    };
    auto number = [&](const std::string& name) -> std::optional<double> {
      const Cell* c = cell(name);
      if (!c) return std::nullopt;
      double v = 0;
      auto [end, ec] = std::from_chars(c->text.data(), c->text.data() + c->text.size(), v);
      if (ec != std::errc() || end != c->text.data() + c->text.size() || !std::isfinite(v)) {
        found.error({file, c->line, c->column, {}}, name, tf("expected a number or an empty cell, found {1}", inQuotes(c->text)));
        return std::nullopt;
      }
      return v;
    };
    auto textOf = [&](const std::string& name) { const Cell* c = cell(name); return c ? c->text : std::string(); };
    if (row.size() != rows[0].size())
      found.error(s.where, "", tf("expected {1} columns like the header, found {2}", rows[0].size(), row.size()));
    s.id = textOf("id");
    if (s.id.empty()) found.error(s.where, "id", tr("missing; every substance needs an id"));
    else if (table.find(s.id)) found.error(s.where, "id", tf("duplicate substance {1}", inQuotes(s.id)));
    s.name_zh = textOf("name_zh");
    s.name_en = textOf("name_en");
    s.cas = textOf("cas");
    s.molar_mass_g_mol = number("molar_mass_g_mol").value_or(0);
    if (s.molar_mass_g_mol <= 0) found.error(s.where, "molar_mass_g_mol", tr("expected a molar mass > 0 g/mol"));
    const char* durations[] = {"10min", "30min", "60min", "240min", "480min"};
    for (int level = 0; level < 3; ++level)
      for (int k = 0; k < 5; ++k)
        s.aegl_ppm[std::size_t(level)][std::size_t(k)] =
            number("aegl" + std::to_string(level + 1) + "_" + durations[k] + "_ppm");
    for (int level = 0; level < 3; ++level) s.erpg_ppm[std::size_t(level)] = number("erpg" + std::to_string(level + 1) + "_ppm");
    s.idlh_ppm = number("idlh_ppm");
    s.probit_a = number("probit_a");
    s.probit_b = number("probit_b");
    s.probit_n = number("probit_n");
    const std::string concentrationUnit = textOf("probit_conc_unit"), timeUnit = textOf("probit_time_unit");
    if (s.probit_a || s.probit_b || s.probit_n) {
      if (!(s.probit_a && s.probit_b && s.probit_n))
        found.error(s.where, "probit_a", tr("expected all of probit_a, probit_b and probit_n, or none"));
      if (const auto u = fromWord<ProbitConcentrationUnit>(probitConcentrationUnitNames(), concentrationUnit))
        s.probit_conc_unit = *u;
      else
        found.error(s.where, "probit_conc_unit", tf("expected mg/m3 or ppm, found {1}", inQuotes(concentrationUnit)));
      if (const auto u = fromWord<ProbitTimeUnit>(probitTimeUnitNames(), timeUnit))
        s.probit_time_unit = *u;
      else
        found.error(s.where, "probit_time_unit", tf("expected min or s, found {1}", inQuotes(timeUnit)));
      if (textOf("source_probit").empty()) found.error(s.where, "source_probit", tr("missing; every probit needs its source"));
    }
    bool anyAegl = false;
    for (const auto& level : s.aegl_ppm)
      for (const auto& v : level) anyAegl = anyAegl || v.has_value();
    if (anyAegl && textOf("source_aegl").empty()) found.error(s.where, "source_aegl", tr("missing; AEGL values need their source"));
    s.aegl_n = number("aegl_n");
    if (s.aegl_n && !(*s.aegl_n > 0 && *s.aegl_n <= 10))
      found.error(s.where, "aegl_n", tf("expected ten Berge's n between 0 and 10, found {1}", std::to_string(*s.aegl_n)));
    if (s.aegl_n && textOf("source_aegl_n").empty())
      found.error(s.where, "source_aegl_n", tr("missing; the AEGL document's n needs its source"));
    s.gb18218_critical_t = number("gb18218_critical_t");
    s.gb18218_beta = number("gb18218_beta");
    s.heat_of_combustion_mj_kg = number("heat_of_combustion_mj_kg");
    readSourceProperties(s, number, textOf("source_properties"), found);
    for (const char* k : {"source_aegl", "source_aegl_n", "source_erpg", "source_idlh", "source_probit", "source_gb18218",
                          "source_properties"})
      if (!textOf(k).empty()) s.sources[k] = textOf(k);
    s.notes = textOf("notes");
    table.items_.push_back(std::move(s));
  }
  const bool ok = !found.hasErrors();
  diagnostics.append(found);
  if (!ok) return std::nullopt;
  return table;
}

const Substance* SubstanceTable::find(const std::string& id) const {
  auto it = std::find_if(items_.begin(), items_.end(), [&](const Substance& s) { return s.id == id; });
  return it == items_.end() ? nullptr : &*it;
}

std::vector<std::string> SubstanceTable::ids() const {
  std::vector<std::string> out;
  for (const auto& s : items_) out.push_back(s.id);
  return out;
}

}  // namespace drillsim
