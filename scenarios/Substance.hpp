#pragma once
// The substance table (data/substances.csv): physical constants, exposure guidelines and probit
// constants of each hazardous substance, every figure with its source in the same row.

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Vocabulary.hpp"

namespace drillsim {

/// Molar volume at 25 degC, 1 atm [L/mol]: the rounded 24.45 of the OSHA/NIOSH/ACGIH ppm
/// conversions (R T / p itself is 24.465), so that converted limits match the published tables.
/// The one place every ppm <-> mg/m3 conversion takes it from.
inline constexpr double kMolarVolume_L_mol = 24.45;

struct Substance {
  std::string id, name_zh, name_en, cas;
  double molar_mass_g_mol = 0;
  // aegl_ppm[level-1][d] for level 1..3 and d = 0..4 for 10, 30, 60 min, 4 h and 8 h exposure
  std::array<std::array<std::optional<double>, 5>, 3> aegl_ppm{};
  // ten Berge's n of the AEGL document, C^n t = k between durations (sim/hazard/Aegl.hpp)
  std::optional<double> aegl_n;
  std::array<std::optional<double>, 3> erpg_ppm{};  // ERPG-1, -2, -3 (60 min)
  std::optional<double> idlh_ppm;
  // Toxic probit Y = a + b ln(C^n t), with C in probit_conc_unit and t in probit_time_unit
  std::optional<double> probit_a, probit_b, probit_n;
  ProbitConcentrationUnit probit_conc_unit = ProbitConcentrationUnit::Ppm;
  ProbitTimeUnit probit_time_unit = ProbitTimeUnit::Minute;
  std::optional<double> gb18218_critical_t;  // critical quantity Q of GB 18218-2018 [t]
  std::optional<double> gb18218_beta;        // correction factor beta (SAWS order 40, annex 1)
  std::optional<double> heat_of_combustion_mj_kg;
  // What a release given by its vessel and hole needs (sim/hazard/VesselRelease.hpp): the normal
  // boiling point, the liquid's density at 20 degC, its mean heat capacity between the boiling
  // point and 20 degC, the heat of vaporisation at the boiling point and the vapour's c_p/c_v at
  // 25 degC; all of them or none, with source_properties. Antoine constants for log10(p / Pa) =
  // A - B / (T / K + C) over [antoine_tmin_k, antoine_tmax_k] are optional (Clausius-Clapeyron from
  // the boiling point is used outside their range or without them).
  std::optional<double> boiling_point_k, liquid_density_kg_m3, liquid_cp_j_kgk, latent_heat_j_kg, vapour_gamma;
  std::optional<double> antoine_a, antoine_b, antoine_c, antoine_tmin_k, antoine_tmax_k;
  bool hasSourceProperties() const { return boiling_point_k.has_value(); }
  std::map<std::string, std::string> sources;  // column name ("source_aegl", ...) -> citation
  std::string notes;
  Location where;

  /// ppm -> mg/m3 at 25 degC and 1 atm: mg/m3 = ppm x M / kMolarVolume_L_mol.
  double mgPerM3(double ppm) const { return ppm * molar_mass_g_mol / kMolarVolume_L_mol; }
};

class SubstanceTable {
 public:
  static std::optional<SubstanceTable> load(const std::string& path, Diagnostics& diagnostics);
  /// Parses CSV text; `file` names it in messages.
  static std::optional<SubstanceTable> parse(const std::string& text, const std::string& file, Diagnostics& diagnostics);

  const Substance* find(const std::string& id) const;
  const std::vector<Substance>& all() const { return items_; }
  std::vector<std::string> ids() const;
  std::string file() const { return file_; }

 private:
  std::vector<Substance> items_;
  std::string file_;
};

/// The bundled table, found next to the program's data (DRILLSIM_DATA_DIR) unless overridden by
/// the environment variable DRILLSIM_SUBSTANCES.
std::string defaultSubstanceTablePath();

}  // namespace drillsim
