#!/usr/bin/env python3
"""de_terms_test.py SOURCE_DIR - the German strings keep the term decisions
of kb/README.md ("German terms"): every German value of src/base/i18n*.c and
of kb/**/*.json ("de" fields) is checked, outside quoted log text, for the
words that were replaced. Fails with file, key and the text."""
import glob
import json
import os
import re
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else '.'

# forbidden (regex) -> the term to use
FORBIDDEN = [
    (r'\bLeiter\w*', 'Ablauf (the ladder view)'),
    (r'\bGegenseite\w*', 'Gegenstelle'),
    (r'\b\w*[Pp]artner\w*', 'Gegenstelle'),
    (r'\bGegenstation\w*|\bGegengerät\w*|\bFernstelle\w*|\bGegenüber\b', 'Gegenstelle'),
    (r'(?<!Dead )(?<!Dead-)\b[Pp]eers?\b(?![- ]Detection)', 'Gegenstelle (Peer only in Dead Peer Detection)'),
    (r'Vorschl[aä]g\w*', 'Proposal / Proposals (das Proposal)'),
    (r'\bPhase [12]\b|\bPhase-[12]-', 'Phase I / Phase II (as the mGuard guide)'),
    (r'\bentfernte[nms]? Netz\w*', 'Remote-Netzwerk (as on the mGuard)'),
    (r'Zertifikate >> Maschinenzertifikat\b(?!e)', 'Authentifizierung >> Zertifikate >> Maschinenzertifikate'),
    (r'\bLogdatei\w*', 'Log-Datei'),
    (r'(?<!DPD-)(?<!Detection-)\bNachricht\w*', 'Meldung (Nachricht only in DPD-Nachrichten, as the guide)'),
    (r'\bVerhandlung\w*', 'Aushandlung'),
    (r'Authentisierung', 'Authentifizierung (the mGuard menu)'),
    (r'\b(IPsec|ISAKMP|IKE|Child)-SA\b(?!-)', 'IPsec SA / ISAKMP SA (die SA, without a hyphen)'),
]
QUOTED = re.compile(r'„[^“]*“|"[^"]*"|“[^”]*”|»[^«]*«')


def german_json(path):
    def walk(o, key):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == 'de' and isinstance(v, str):
                    yield key, v
                elif k == 'de' and isinstance(v, list):
                    for x in v:
                        if isinstance(x, str):
                            yield key, x
                else:
                    yield from walk(v, f'{key}/{k}' if key else k)
        elif isinstance(o, list):
            for i, v in enumerate(o):
                yield from walk(v, f'{key}[{i}]')
    with open(path, encoding='utf-8') as f:
        yield from walk(json.load(f), '')


def german_i18n(path, minimum=100):
    text = open(path, encoding='utf-8').read()
    # [M_X] = { "en" "en…", "de" "de…" }: each side one or more C literals
    lits = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'
    pair = re.compile(r'\[(M_\w+)\]\s*=\s*\{\s*' + lits + r',\s*' + lits + r',?\s*\}')
    one = re.compile(r'"((?:[^"\\]|\\.)*)"')
    n = 0
    for m in pair.finditer(text):
        n += 1
        de = ''.join(one.findall(m.group(3)))
        yield m.group(1), de.replace('\\"', '"').replace('\\n', '\n')
    if n < minimum:
        raise SystemExit(f'FAIL: only {n} message pairs read from {path}: the table format changed')


def main():
    bad, seen = [], 0
    # the i18n table and its parts for the kb loader and the command helps
    sources = [(os.path.join(SRC, 'src/base/i18n.c'), german_i18n),
               (os.path.join(SRC, 'src/base/i18n_kb.c'), lambda p: german_i18n(p, 40)),
               (os.path.join(SRC, 'src/base/i18n_cli.c'), lambda p: german_i18n(p, 20))]
    for p in sorted(glob.glob(os.path.join(SRC, 'kb/**/*.json'), recursive=True)):
        sources.append((p, german_json))
    for path, read in sources:
        for key, value in read(path):
            seen += 1
            prose = QUOTED.sub(' ', value)
            for pat, use in FORBIDDEN:
                for m in re.finditer(pat, prose):
                    bad.append(f'{os.path.relpath(path, SRC)}: {key}: "{m.group(0)}" (use {use}): {value[:160]}')
    if seen < 1000:
        print(f'FAIL: only {seen} German strings found: the kb or i18n layout changed')
        return 1
    for b in bad:
        print('FAIL:', b)
    print(f'{seen} German strings checked, {len(bad)} forbidden terms')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
