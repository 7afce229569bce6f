#!/usr/bin/env bash
# The front end's pictures for the README (docs/gui-*.png) and its frame times, made by its
# headless mode under Xvfb on the bundled park:
#   tools/gui-pictures.sh           pictures of the four views, then frame times of each view on
#                                   the bundled park and of the editor on a 1,020-zone park
#   tools/gui-pictures.sh --quick   frame times only, few frames and a small batch (ctest runs this
#                                   so that it keeps working; the figures are printed, not asserted)
# Needs a build (tools/setup.sh build) in build/, or in $DRILLSIM_BUILD.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
build=$(realpath "${DRILLSIM_BUILD:-build}")
gui=$build/viz/drillsim-gui
cli=$build/sim/drillsim
docs=$PWD/docs
work=$(mktemp -d /tmp/drillsim-gui-pictures.XXXXXX)
trap 'rm -rf "$work"' EXIT
xvfb() { xvfb-run -a -s '-screen 0 1600x1000x24' "$@"; }

# A copy of the night chlorine scenario next to a link to the bundled park, so that the batch's
# results and the pictures folder stay out of the source tree.
mkdir -p "$work/parks" "$work/scenarios"
ln -s "$PWD/data/parks/baofeng" "$work/parks/baofeng"
cp data/scenarios/chlorine_night.yaml "$work/scenarios/"
scenario="$work/scenarios/chlorine_night.yaml"
reps=200 frames=100
[ $quick = 1 ] && reps=10 frames=5
"$cli" batch "$scenario" --replications $reps --out "$work/results.gpkg" --quiet

if [ $quick = 0 ]; then
  # From the scenario's folder, so that the pictures show short relative paths.
  (
    cd "$work/scenarios"
    xvfb "$gui" chlorine_night.yaml --view editor --select S03 --screenshot "$docs/gui-editor.png"
    xvfb "$gui" chlorine_night.yaml --run-batch 200 --screenshot "$docs/gui-batch.png"
    cp ../results.gpkg chlorine_night-200.gpkg
    xvfb "$gui" chlorine_night.yaml --view compare --results chlorine_night-200.gpkg --screenshot "$docs/gui-compare.png"
    xvfb "$gui" chlorine_night.yaml --view replay --results chlorine_night-200.gpkg --plan A --replication p95 --time 900 \
      --screenshot "$docs/gui-replay.png"
  )
  echo "Wrote docs/gui-editor.png, docs/gui-batch.png, docs/gui-compare.png, docs/gui-replay.png"
fi

echo "Frame times at 1400x900 under Xvfb (Mesa's software renderer):"
for view in editor compare replay; do
  xvfb "$gui" "$scenario" --view $view --results "$work/results.gpkg" --replication p95 --time 900 --frames $frames |
    grep frames
done
"$cli" synth --zones 1000 --seed 1 --out "$work/synthetic" > /dev/null
xvfb "$gui" "$work/synthetic/synthetic.yaml" --frames $frames | grep frames
