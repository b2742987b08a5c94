#!/usr/bin/env python3
"""readme_causes.py SOURCE_DIR - the README's cause table is the program's.

Every cause of kb/causes.json (the only causes a finding can carry) has a
row in the table of README.md's "The cause vocabulary" section, the table
has no row for a cause the kb does not know, and the causes the README says
are "never the cause of a finding from the logs" are indeed the cause of
no signature and no rule. Exit status 1 with every difference listed.
"""
import glob
import json
import os
import re
import sys


def readme_section(text, title):
    m = re.search(r"^## " + re.escape(title) + r"\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    return m.group(1) if m else None


def main():
    src = sys.argv[1]
    kb = os.path.join(src, "kb")
    causes = [c["id"] for c in json.load(open(os.path.join(kb, "causes.json")))["causes"]]
    sec = readme_section(open(os.path.join(src, "README.md"), encoding="utf-8").read(), "The cause vocabulary")
    if sec is None:
        print("README.md has no section '## The cause vocabulary'")
        return 1
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|", sec, re.M)
    bad = []
    for c in causes:
        if c not in rows:
            bad.append(f"cause {c} (kb/causes.json) has no row in the README's cause table")
    for r in rows:
        if r not in causes:
            bad.append(f"the README's cause table lists {r}, which kb/causes.json does not define")
    if len(rows) != len(set(rows)):
        bad.append("the README's cause table lists a cause twice")
    # the causes the README says only the checklist reaches
    m = re.search(r"never the cause of a finding from the logs, only a\s+conclusion[^:]*:(.*?)\.\n", sec, re.S)
    if m is None:
        bad.append("the README no longer says which causes only the checklist reaches: update this test")
        never = []
    else:
        never = re.findall(r"`([a-z0-9-]+)`", m.group(1))
    used = {}
    for f in glob.glob(os.path.join(kb, "signatures", "*.json")):
        for s in json.load(open(f))["signatures"]:
            used.setdefault(s.get("cause"), s["id"])
    for f in glob.glob(os.path.join(kb, "rules", "*.json")):
        for r in json.load(open(f))["rules"]:
            used.setdefault(r.get("cause"), r["id"])
    for c in never:
        if c not in causes:
            bad.append(f"the README says {c} is reached only by the checklist, but kb/causes.json does not define it")
        elif c in used:
            bad.append(f"the README says {c} is never the cause of a finding from the logs, but {used[c]} has it")
    for b in bad:
        print(b)
    if not bad:
        print(f"ok: the README's cause table lists all {len(causes)} causes; {len(never)} reached only by the checklist")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
