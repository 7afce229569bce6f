// drillsim map: draw the scenario's park as an SVG map (open it in a browser, a GIS or print it).
#include <iostream>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "scenarios/Validation.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/map/ParkMap.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"out", true, i18n::kNoop("where to write the SVG (default: standard output)"), "FILE.svg"},
    {"title", true, i18n::kNoop("title above the map (default: the scenario's name)"), "TEXT"},
    {"width", true, i18n::kNoop("width of the picture in pixels (default 1400)"), "PX"},
    {"no-labels", false, i18n::kNoop("leave out the zone ids"), ""},
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
};
}  // namespace

std::string helpMap() {
  return std::string(tr("Usage: drillsim map SCENARIO.yaml [options]\n\n"
         "Draws the scenario's park as SVG: zones coloured by kind, roads to their width (oneway\n"
         "dashed), shelters sized by capacity (squares indoor, circles outdoor), rescue stations\n"
         "and hazard sources, with a legend, scale bar and north arrow. Hovering a feature in a\n"
         "browser shows its name and figures.\n\n")) +
         describeOptions(kOptions) + tr("\nExit codes: 0 written, 2 the scenario is invalid, 64 bad command line.\n");
}

int runMap(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  auto loaded = loadScenarioArgument(args);
  if (!loaded) return kExitInvalidInput;
  MapOptions options;
  options.title = args.value("title", loaded->scenario.name);
  options.zoneLabels = !args.flag("no-labels");
  options.width_px = int(args.number("width", 400, 20000, options.width_px));
  const std::string svg = parkMapSvg(loaded->park, loaded->substances, options);
  if (auto out = args.value("out")) {
    writeFileAtomically(*out, svg);
    std::cerr << "wrote " << *out << "\n";
  } else {
    std::cout << svg;
  }
  return kExitOk;
}

}  // namespace drillsim::cli
