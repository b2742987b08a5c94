#!/usr/bin/env python3
"""kbj_args.py SRCDIR - every kbj_fail() call passes as many arguments as its
message's printf conversions, in English and in German.

kbj_fail(c, field, M_KB_..., ...) formats a message of the i18n table
(src/base/i18n_kb.c), so the compiler cannot check its arguments against
the format. This does the part a script can do: the number of arguments
against the number of conversions of both languages, and a literal argument
("text" or a number) against the kind of its conversion. Prints each call
that does not agree, with file and line; exits 1 when there is one.
"""
import os
import re
import sys

SRC = sys.argv[1]
CONV = re.compile(r'%(?:%|[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t)?([diouxXeEfgGcsp]))')


def c_strings(text):
    """The concatenated string literals of text, in order."""
    return ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', text))


def table():
    text = open(os.path.join(SRC, 'src/base/i18n_kb.c')).read()
    out = {}
    for m in re.finditer(r'\[(M_[A-Z0-9_]+)\]\s*=\s*\{(.*?)\}\s*,\s*\n', text, re.S):
        body = m.group(2)
        # the two languages: literals before and after the top-level comma
        parts, depth, cur, instr, esc = [], 0, '', False, False
        for ch in body:
            if instr:
                cur += ch
                if esc:
                    esc = False
                elif ch == '\\':
                    esc = True
                elif ch == '"':
                    instr = False
                continue
            if ch == '"':
                instr = True
                cur += ch
            elif ch == ',':
                parts.append(cur)
                cur = ''
            else:
                cur += ch
        parts.append(cur)
        langs = [c_strings(p) for p in parts if '"' in p]
        out[m.group(1)] = langs
    return out


def convs(fmt):
    return [k for k in CONV.findall(fmt) if k]


def split_args(s):
    """Top-level comma-separated arguments of a call's argument text."""
    args, depth, cur, instr, esc = [], 0, '', False, False
    for ch in s:
        if instr:
            cur += ch
            if esc:
                esc = False
            elif ch == '\\':
                esc = True
            elif ch == '"':
                instr = False
            continue
        if ch == '"':
            instr = True
        elif ch in '([{':
            depth += 1
        elif ch in ')]}':
            depth -= 1
        elif ch == ',' and depth == 0:
            args.append(cur.strip())
            cur = ''
            continue
        cur += ch
    if cur.strip():
        args.append(cur.strip())
    return args


def calls(path):
    text = open(path).read()
    for m in re.finditer(r'\bkbj_fail\s*\(', text):
        i, depth = m.end(), 1
        while depth and i < len(text):
            depth += {'(': 1, ')': -1}.get(text[i], 0)
            i += 1
        yield text.count('\n', 0, m.start()) + 1, split_args(text[m.end():i - 1])


def main():
    tab = table()
    bad = checked = 0
    for d, _, fs in os.walk(os.path.join(SRC, 'src')):
        for f in sorted(fs):
            if not f.endswith('.c'):
                continue
            path = os.path.join(d, f)
            rel = os.path.relpath(path, SRC)
            for line, args in calls(path):
                if len(args) < 3 or not args[2].startswith('M_'):
                    continue        # the definition, or an id from a variable
                mid, rest = args[2], args[3:]
                if mid not in tab:
                    print('%s:%d: %s is not a message of src/base/i18n_kb.c' % (rel, line, mid))
                    bad += 1
                    continue
                checked += 1
                for lang, fmt in zip(('en', 'de'), tab[mid]):
                    k = convs(fmt)
                    if len(k) != len(rest):
                        print('%s:%d: %s (%s) has %d conversion(s), the call passes %d argument(s)'
                              % (rel, line, mid, lang, len(k), len(rest)))
                        bad += 1
                        continue
                    for kind, a in zip(k, rest):
                        lit_s = a.startswith('"')
                        lit_n = re.fullmatch(r'-?\d+[uUlL]*', a) is not None
                        if (kind == 's' and lit_n) or (kind != 's' and lit_s):
                            print('%s:%d: %s (%s): argument %s for %%%s' % (rel, line, mid, lang, a, kind))
                            bad += 1
                if len(tab[mid]) != 2:
                    print('%s:%d: %s has %d language(s) in the table' % (rel, line, mid, len(tab[mid])))
                    bad += 1
    if checked == 0:
        print('kbj_args: no kbj_fail() call found under src/: the check checked nothing')
        return 1
    print('kbj_args: %d kbj_fail() calls checked, %d disagreement(s)' % (checked, bad))
    return 1 if bad else 0


sys.exit(main())
