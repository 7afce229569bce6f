#!/usr/bin/env bash
# The font the register's HTML page embeds (README "Documents"), read by fontconfig rather than
# by our own reader: the @font-face's data: URL decoded, fc-query must take it for a TrueType
# face with a charset, and that charset must hold every Chinese character of the page. Written
# with DRILLSIM_REPORT_FONT empty, the page has no @font-face.
#   tests/report/font-subset.sh DRILLSIM SOURCE_DIR
# Exit 77 (skipped) when fc-query (fontconfig), python3 or WenQuanYi Micro Hei
# (fonts-wqy-microhei) is not installed; tools/setup.sh installs all three.
set -euo pipefail
drillsim=$1 source=$2
command -v fc-query > /dev/null || { echo "fc-query not installed: skipped"; exit 77; }
command -v python3 > /dev/null || { echo "python3 not installed: skipped"; exit 77; }
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || { echo "WenQuanYi Micro Hei not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "font-subset: $*"; exit 1; }
scenario="$source/data/scenarios/chlorine_night.yaml"
env -u DRILLSIM_REPORT_FONT "$drillsim" --lang zh register "$scenario" --format html --out "$tmp/register.html" 2> /dev/null
grep -q '@font-face { font-family: "DrillSim CJK"; src: url(data:font/ttf;base64,' "$tmp/register.html" ||
  fail "no @font-face with the font in the page"
sed -n 's|.*src: url(data:font/ttf;base64,\([A-Za-z0-9+/=]*\)) format("truetype").*|\1|p' "$tmp/register.html" > "$tmp/font.b64"
base64 -d "$tmp/font.b64" > "$tmp/font.ttf" || fail "the data: URL is not base64"
fc-query "$tmp/font.ttf" > "$tmp/query.txt" 2>&1 || { cat "$tmp/query.txt"; fail "fc-query cannot read the font"; }
grep -q 'charset:' "$tmp/query.txt" || fail "fc-query reports no charset: $(cat "$tmp/query.txt")"
grep -q 'fontformat: "TrueType"' "$tmp/query.txt" || fail "not a TrueType font: $(grep fontformat "$tmp/query.txt")"
fc-query --format '%{charset}' "$tmp/font.ttf" > "$tmp/charset.txt"
[ -s "$tmp/charset.txt" ] || fail "fc-query --format '%{charset}' is empty"
# fc-query's charset is hexadecimal code points and ranges ("4e00 4e09 4e0b-4e0d"); the page's
# Chinese is every character from U+2E80 on in its text, its styles left out.
missing=$(python3 - "$tmp/register.html" "$tmp/charset.txt" << 'EOF'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
covered = set()
for item in open(sys.argv[2]).read().split():
    lo, _, hi = item.partition("-")
    covered.update(range(int(lo, 16), int(hi or lo, 16) + 1))
# the page margins' words are in the styles: 第 页 共
chinese = {c for c in text + "第页共" if ord(c) >= 0x2E80}
print("".join(sorted(c for c in chinese if ord(c) not in covered)))
EOF
)
[ -z "$missing" ] || fail "the embedded font lacks: $missing"
DRILLSIM_REPORT_FONT= "$drillsim" --lang zh register "$scenario" --format html --out "$tmp/plain.html" 2> /dev/null
grep -q '@font-face' "$tmp/plain.html" && fail "DRILLSIM_REPORT_FONT= still embeds a font"
echo "register.html: $(wc -c < "$tmp/register.html") bytes, $(wc -c < "$tmp/plain.html") without the font;" \
  "the font $(wc -c < "$tmp/font.ttf") bytes"
