#!/usr/bin/env bash
# Seed corpora for the fuzz targets of tests/fuzz, from the bundled data and the malformed-file
# corpus: tools/fuzz-corpus.sh BUILD_DIR OUT_DIR makes OUT_DIR/scenario, OUT_DIR/park and
# OUT_DIR/results (see each target's header for its input format).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: tools/fuzz-corpus.sh BUILD_DIR OUT_DIR}
out=${2:?usage: tools/fuzz-corpus.sh BUILD_DIR OUT_DIR}
rm -rf "$out"
mkdir -p "$out/scenario" "$out/park" "$out/results"

# Scenarios: the bundled ones, the test park's, and every malformed one.
cp data/scenarios/*.yaml tests/data/mini/mini.yaml "$out/scenario/"
for f in tests/malformed/*.yaml; do cp "$f" "$out/scenario/malformed-$(basename "$f")"; done

# Park layers: one byte naming the layer (0 zones, 1 roads, 2 shelters, 3 stations,
# 4 hazard_sources), then the layer's GeoJSON.
layers=(zones roads shelters stations hazard_sources)
n=0
for folder in data/parks/baofeng tests/data/mini/park tests/malformed/parks/*; do
  for i in "${!layers[@]}"; do
    f="$folder/${layers[$i]}.geojson"
    [ -f "$f" ] || continue
    { printf "\\x$(printf %02x "$i")"; cat "$f"; } > "$out/park/$n-${layers[$i]}"
    n=$((n + 1))
  done
done

# Results: a small store made by a batch of the test park, whole (first byte 0) and as its tables
# in text (first byte 1).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/sim/drillsim" batch tests/data/mini/mini.yaml --substances tests/data/mini/substances.csv \
  --replications 2 --jobs 1 --out "$tmp/store.gpkg" --quiet > /dev/null
{ printf '\x00'; cat "$tmp/store.gpkg"; } > "$out/results/store"
python3 - "$tmp/store.gpkg" "$out/results/tables" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "wb") as out:
    out.write(b"\x01")
    for key, value in db.execute("SELECT key, value FROM batch_settings"):
        out.write(f"{key}={value}\n".encode())
    out.write(b"--\n")
    for plan, rep, status, metrics in db.execute(
            "SELECT plan, replication, status, metrics_json FROM replications"):
        out.write(f"{plan}\t{rep}\t{status}\t{metrics or ''}\n".encode())
PY
# Damage records for the reference store (tests/fuzz/FuzzResults.cpp, mode 2).
cp tests/fuzz/seeds/results/* "$out/results/"
echo "seed corpora in $out: $(ls "$out/scenario" | wc -l) scenarios, $(ls "$out/park" | wc -l) park layers, $(ls "$out/results" | wc -l) stores"
