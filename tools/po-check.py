#!/usr/bin/env python3
"""Checks po/zh_CN.po beyond what msgfmt checks (README "Languages"):
- every placeholder {1}..{9} of a message appears in its translation (as often as the language
  needs), and no other;
- a message holding an enforced term of po/glossary.tsv holds the term's Chinese in its translation.
Prints each failure with the message and exits 1 when there is one."""
import json
import re
import sys

def entries(path):
    """(context, msgid, msgstr) of each translated entry; multi-line strings joined."""
    out = []
    for block in open(path, encoding="utf-8").read().split("\n\n"):
        fields, cur = {}, None
        for line in block.split("\n"):
            if not line or line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            if m:
                cur = m.group(1)
                fields[cur] = json.loads(m.group(2))
            elif cur:
                fields[cur] += json.loads(line)
        if fields.get("msgid"):
            out.append((fields.get("msgctxt"), fields["msgid"], fields.get("msgstr", fields.get("msgstr[0]", ""))))
    return out

def glossary(path):
    terms = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 3 and cols[2] == "yes":
            terms.append((cols[0], cols[1]))
    return terms

po, tsv = sys.argv[1], sys.argv[2]
failures = []
terms = glossary(tsv)
for ctx, msgid, msgstr in entries(po):
    if not msgstr:
        continue
    if set(re.findall(r"\{[1-9]\}", msgid)) != set(re.findall(r"\{[1-9]\}", msgstr)):
        failures.append(f"placeholders differ: {msgid!r} -> {msgstr!r}")
    for en, zh in terms:
        # A whole word, not part of a file name or key (shelters.gpkg, --shelters, pop_night).
        if re.search(r"(?<![A-Za-z_./-])" + re.escape(en) + r"(?![A-Za-z_-]|\.[A-Za-z])", msgid, re.IGNORECASE) and zh not in msgstr:
            failures.append(f"glossary: {en!r} should be {zh!r} in {msgid!r} -> {msgstr!r}")
for f in failures:
    print(f)
sys.exit(1 if failures else 0)
