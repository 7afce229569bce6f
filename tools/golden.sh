#!/usr/bin/env bash
# Regenerates the golden outputs under tests/golden/ on purpose (tests/GoldenTest.cpp compares the
# program's outputs with them byte for byte). For every bundled scenario and plan: one
# replication's event log and metrics JSON (`drillsim run --out`, replication 0 of the scenario's
# own seed); for every bundled scenario: the stored metrics of a 20-replication batch of all its
# plans (`drillsim batch --csv`). Review the diff of tests/golden/ like code, and say in the commit
# why it changed.
#
# Usage: tools/golden.sh [BUILD_DIR]   (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
drillsim="$build/sim/drillsim"
[ -x "$drillsim" ] || { echo "golden.sh: no $drillsim; build first (README, Set up)" >&2; exit 66; }
out=tests/golden
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -rf "$out"/runs "$out"/batches
mkdir -p "$out"/runs "$out"/batches
for scenario in data/scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  # The plans' ids: the bundled scenarios write each plan as a block starting "  - id: X".
  plans=$(sed -n '/^plans:/,/^[a-z_]*:/p' "$scenario" | sed -n 's/^  - id: \([^ ]*\).*/\1/p')
  [ -n "$plans" ] || { echo "golden.sh: no plans found in $scenario" >&2; exit 65; }
  for plan in $plans; do
    rm -rf "$scratch/run"
    "$drillsim" run "$scenario" --plan "$plan" --out "$scratch/run" > /dev/null 2>&1
    cp "$scratch/run/events.csv" "$out/runs/$name.$plan.events.csv"
    cp "$scratch/run/metrics.json" "$out/runs/$name.$plan.metrics.json"
  done
  "$drillsim" batch "$scenario" --replications 20 --jobs 2 --out "$scratch/$name.gpkg" --csv "$out/batches/$name.csv" --quiet \
    > /dev/null 2>&1
done
echo "golden.sh: wrote $(find "$out" -type f | wc -l) files under $out; review them with git diff $out"
