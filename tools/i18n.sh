#!/usr/bin/env bash
# The message catalogue (README "Languages").
#   tools/i18n.sh update   extract every marked message of scenarios/, sim/ and viz/ into
#                          po/drillsim.pot and merge it into po/zh_CN.po (new messages untranslated,
#                          changed ones fuzzy): then translate them with any PO editor
#   tools/i18n.sh check    fails, naming them, when a marked message has no Chinese translation
#                          (missing, empty or fuzzy in po/zh_CN.po), a translation drops a
#                          placeholder or a term of po/glossary.tsv, or po/zh_CN.po does not compile
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-check}

extract() {  # $1: the .pot to write
  find scenarios sim viz -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort > "$1.files"
  # The markers of scenarios/I18n.hpp. Their messages are not printf formats: "95 % interval"
  # would otherwise be taken for one.
  xgettext --language=C++ --from-code=UTF-8 --add-comments=TRANSLATORS --sort-by-file --add-location=file \
    --package-name=DrillSim --msgid-bugs-address=drillsim@localhost \
    --keyword= --keyword=tr --keyword=tc:1c,2 --keyword=tn:1,2 --keyword=tf --keyword=tnf:1,2 \
    --keyword=tcf:1c,2 --keyword=kNoop \
    --flag=tr:1:no-c-format --flag=tf:1:no-c-format --flag=tn:1:no-c-format --flag=tn:2:no-c-format \
    --flag=tnf:1:no-c-format --flag=tnf:2:no-c-format --flag=tc:2:no-c-format --flag=tcf:2:no-c-format \
    --flag=kNoop:1:no-c-format \
    --files-from="$1.files" -o "$1"
  rm -f "$1.files"
  # The template's date changes at every extraction; a fixed one keeps the file's diff to its messages.
  sed -i 's/^"POT-Creation-Date: .*\\n"$/"POT-Creation-Date: 2026-01-01 00:00+0000\\n"/' "$1"
}

case "$what" in
  update)
    extract po/drillsim.pot
    msgmerge --quiet --update --backup=none --no-wrap --sort-by-file po/zh_CN.po po/drillsim.pot
    msgattrib --no-obsolete --no-wrap -o po/zh_CN.po po/zh_CN.po
    msgfmt --statistics --check-format -o /dev/null po/zh_CN.po
    ;;
  check)
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    extract "$tmp/drillsim.pot"
    msgfmt --check-format --check-header -o /dev/null po/zh_CN.po
    # Every message in the sources, translated and not fuzzy (msgcmp counts an untranslated or
    # fuzzy entry as missing).
    if ! msgcmp po/zh_CN.po "$tmp/drillsim.pot" 2> "$tmp/missing"; then
      echo "Messages without a Chinese translation in po/zh_CN.po (run tools/i18n.sh update, then translate):"
      grep -v "^msgcmp: " "$tmp/missing" | head -60 || true
      grep -c "this message" "$tmp/missing" | sed 's/^/count: /' || true
      exit 1
    fi
    # Placeholders kept, and the glossary's terms (po/glossary.tsv).
    python3 tools/po-check.py po/zh_CN.po po/glossary.tsv
    echo "catalogue: every message translated ($(grep -c '^msgid' "$tmp/drillsim.pot") in the sources)"
    ;;
  *) echo "usage: tools/i18n.sh update|check" >&2; exit 64 ;;
esac
