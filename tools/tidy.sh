#!/usr/bin/env bash
# clang-tidy with the committed profile (.clang-tidy) over every source of scenarios/, sim/ and
# viz/, set against the warnings accepted in tools/tidy-baseline.txt: a warning not in it fails.
#   tools/tidy.sh [BUILD]            check (BUILD: a build folder with compile_commands.json,
#                                    default build/)
#   tools/tidy.sh [BUILD] --update   write the warnings found now as the baseline
#   tools/tidy.sh [BUILD] --only RE  only the sources whose path (from the tree) matches RE, e.g.
#                                    'sim/cli/.*': a quick look at what one change brings
# Warnings are counted by "file: [check] message", without their lines, so that edits elsewhere
# in a file do not move them: one more of a kind in a file is new; one fewer shows as fixed, and
# --update lowers the count.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build update=0 only='(scenarios|sim|viz)/.*\.cpp'
while [ $# -gt 0 ]; do
  case "$1" in
    --update) update=1 ;;
    --only) only=$2; shift ;;
    *) build=$1 ;;
  esac
  shift
done
[ -f "$build/compile_commands.json" ] || { echo "tidy: no $build/compile_commands.json; build first (tools/setup.sh build)"; exit 1; }
tidy=$(command -v run-clang-tidy-14 || command -v run-clang-tidy) ||
  { echo "tidy: run-clang-tidy not found (Debian package clang-tidy; tools/setup.sh lint installs it)"; exit 1; }
root=$PWD
out=$(mktemp /tmp/drillsim-tidy.XXXXXX)
trap 'rm -f "$out" "$out.found"' EXIT
start=$(date +%s)
"$tidy" -p "$build" -j "$(nproc)" -quiet "^$root/$only\$" > "$out" 2>/dev/null || true
# The project's own warnings, relative to the tree, each place once (a header's warning is seen
# from every source that includes it), counted by kind per file: "N file: [check] message" (none is
# an empty list, not a failure).
sed 's/\x1b\[[0-9;]*m//g' "$out" |
  { grep -E "^$root/(scenarios|sim|viz|tests)/[^:]+:[0-9]+:[0-9]+: (warning|error): " || true; } | LC_ALL=C sort -u |
  sed -E "s#^$root/##; s#^([^:]+):[0-9]+:[0-9]+: (warning|error): (.*) \[([^]]+)\]\$#\1: [\4] \3#" |
  LC_ALL=C sort | uniq -c | sed -E 's/^ *//' > "$out.found"
total() { awk '!/^#/ { n += $1 } END { print n + 0 }' "$1"; }
echo "tidy: $(total "$out.found") warnings in $(( $(date +%s) - start )) s (baseline: $(total tools/tidy-baseline.txt))"
if [ $update = 1 ]; then
  [ "$only" = '(scenarios|sim|viz)/.*\.cpp' ] || { echo "tidy: --update needs every source, not --only"; exit 64; }
  { echo "# clang-tidy warnings accepted for now (tools/tidy.sh --update writes this file); fix them and update."
    cat "$out.found"; } > tools/tidy-baseline.txt
  echo "tidy: tools/tidy-baseline.txt written"
  exit 0
fi
# Per kind: the count now against the baseline's.
compare() {
  awk -v want="$1" '
    FNR == NR { if (!/^#/) { n = $1; sub(/^[0-9]+ /, ""); base[$0] = n }; next }
    { n = $1; sub(/^[0-9]+ /, ""); now[$0] = n }
    END {
      for (k in now) if (want == "new" && now[k] > base[k] + 0) print now[k] - base[k] " more: " k
      for (k in base) if (want == "gone" && base[k] > now[k] + 0) print base[k] - now[k] " fewer: " k
    }' tools/tidy-baseline.txt "$out.found" | LC_ALL=C sort
}
new=$(compare new)
gone=$(compare gone)
# With --only, the sources not read are not fixed.
[ "$only" != '(scenarios|sim|viz)/.*\.cpp' ] && gone=""
[ -n "$gone" ] && { echo "tidy: fixed since the baseline (tools/tidy.sh --update drops them):"; echo "$gone" | sed 's/^/  /'; }
if [ -n "$new" ]; then
  echo "tidy: new warnings (fix them; where one is wrong, say why in a NOLINT comment at its line):"
  echo "$new" | sed 's/^/  /'
  echo "tidy: where they are (every warning of those files):"
  sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -F -f <(echo "$new" | sed -E 's/^[0-9]+ more: //; s/: .*//' | sort -u) |
    grep -E "^$root/.*(warning|error):" | LC_ALL=C sort -u | sed "s#^$root/#  #" | head -60
  exit 1
fi
echo "tidy: no new warnings"
