#!/usr/bin/env bash
# The register's .docx as LibreOffice lays it out (README "Documents"): converted to PDF by
# soffice --headless, its text read back by pdftotext. The pages are A4, every page has the
# running header and "第 X 页 共 Y 页" with the fields computed, the table's cells are there, and
# a Chinese font is embedded (no missing-glyph boxes).
#   tests/report/docx-to-pdf.sh DRILLSIM SOURCE_DIR
# Exit 77 (skipped) when LibreOffice or poppler-utils is not installed (tools/setup.sh installs both).
set -euo pipefail
drillsim=$1 source=$2
command -v soffice > /dev/null && command -v pdftotext > /dev/null || { echo "soffice or pdftotext not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$drillsim" --lang zh register "$source/data/scenarios/chlorine_night.yaml" --format docx --out "$tmp/register.docx" 2> /dev/null
# A profile of its own, so that a desktop's LibreOffice or another test run does not hold it.
start=$(date +%s)
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf --outdir "$tmp" "$tmp/register.docx" > "$tmp/soffice.log" 2>&1 ||
  { cat "$tmp/soffice.log"; exit 1; }
echo "converted in $(( $(date +%s) - start )) s"
fail() { echo "docx-to-pdf: $*"; exit 1; }
[ -s "$tmp/register.pdf" ] || fail "no PDF written"
pages=$(pdfinfo "$tmp/register.pdf" | awk '/^Pages:/ { print $2 }')
pdfinfo "$tmp/register.pdf" | grep -q '^Page size: *595.* x 841.* pts (A4)' || fail "not A4: $(pdfinfo "$tmp/register.pdf" | grep 'Page size')"
text=$(pdftotext -layout "$tmp/register.pdf" -)
for p in $(seq 1 "$pages"); do
  grep -qE "第 ?$p ?页 ?共 ?$pages ?页" <<< "$text" || fail "page $p has no footer 第 $p 页 共 $pages 页"
done
[ "$(grep -c '宝丰示例产业集聚区管委会 .*危险化学品重大危险源辨识' <<< "$text")" -ge "$pages" ] || fail "the running header is not on every page"
for word in 危险化学品重大危险源辨识 HS1 chlorine 存量 AEGL-2; do grep -qF "$word" <<< "$text" || fail "missing: $word"; done
pdffonts "$tmp/register.pdf" | grep -qiE 'WenQuanYi|Noto.*CJK|SimSun|SimHei|Song|Hei' || fail "no Chinese font embedded: $(pdffonts "$tmp/register.pdf")"
echo "register.docx: $pages A4 pages, header and footer on each"
