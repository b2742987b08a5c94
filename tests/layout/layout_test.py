#!/usr/bin/env python3
"""layout_test.py SRCDIR CASE - the source layout of DESIGN.md (Layout).

Cases:
  order    every #include "stage/x.h" under src/ names a stage at or before
           the includer's own (the order of src/CMakeLists.txt); src/ never
           includes ui/ (only src/cli/, the top, includes ui.h); ui/ never
           includes libssh; no core file includes curses
  cycles   no cycle among the project's headers and files
  sizes    no .c file over 600 lines, no function over 100 lines
Prints each violation with file and line; exits 1 when there is one.
"""
import os
import re
import sys

SRC = sys.argv[1]
CASE = sys.argv[2]

INC = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def stages():
    text = open(os.path.join(SRC, 'src', 'CMakeLists.txt')).read()
    m = re.search(r'set\(td_stages ([^)]*)\)', text)
    if not m:
        sys.exit('layout_test: no td_stages list in src/CMakeLists.txt')
    return m.group(1).split()


def files():
    out = []
    for top in ('src', 'ui'):
        for d, _, fs in os.walk(os.path.join(SRC, top)):
            for f in sorted(fs):
                if f.endswith(('.c', '.h')):
                    out.append(os.path.relpath(os.path.join(d, f), SRC))
    return sorted(out)


def includes(path):
    with open(os.path.join(SRC, path), encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            m = INC.match(line)
            if m:
                yield n, m.group(1), m.group(2)


def stage_of(path, order):
    parts = path.split('/')
    if parts[0] == 'ui':
        return 'ui'
    return parts[1] if len(parts) > 2 else None


def check_order():
    order = stages()
    rank = {s: i for i, s in enumerate(order)}
    rank['cli'] = len(order) + 1
    rank['ui'] = len(order)
    bad = []
    ui_headers = {f for f in os.listdir(os.path.join(SRC, 'ui')) if f.endswith('.h')}
    for path in files():
        own = stage_of(path, order)
        if own not in rank:
            bad.append('%s: the folder is not a stage of src/CMakeLists.txt' % path)
            continue
        for n, kind, name in includes(path):
            where = '%s:%d: #include %s' % (path, n, name)
            if kind == '<':
                if re.match(r'(n?curses|ncursesw/)', name) and own != 'ui':
                    bad.append(where + ': curses outside ui/')
                if name.startswith('libssh') and own not in ('live', 'cli'):
                    bad.append(where + ': libssh outside src/live/')
                continue
            if own == 'ui':
                if '/' in name and not name.startswith('views/'):
                    st = name.split('/')[0]
                    if st not in rank or st == 'cli':
                        bad.append(where + ': ui/ may use the core stages only')
                continue
            if '/' not in name:
                if own == 'cli' and name in ui_headers:
                    continue
                bad.append(where + ': name the stage folder ("stage/file.h")')
                continue
            st = name.split('/')[0]
            if st not in rank:
                bad.append(where + ': no such stage')
            elif rank[st] > rank[own]:
                bad.append(where + ': %s may not use the later stage %s' % (own, st))
    return bad


def resolve(path, name):
    for cand in (os.path.join('src', name), os.path.join('ui', name),
                 os.path.join(os.path.dirname(path), name)):
        if os.path.exists(os.path.join(SRC, cand)):
            return os.path.normpath(cand)
    return None


def check_cycles():
    graph = {}
    for path in files():
        deps = []
        for _, kind, name in includes(path):
            if kind == '"':
                r = resolve(path, name)
                if r:
                    deps.append(r)
        graph[path] = deps
    # module graph: a .c and its .h are one module; module A -> B when A's
    # files include B's header. Cycles there are circles between modules.
    def mod(p):
        return os.path.splitext(p)[0]
    mg = {}
    for p, ds in graph.items():
        mg.setdefault(mod(p), set()).update(mod(d) for d in ds if mod(d) != mod(p))
    bad = []
    state = {}

    def visit(n, stack):
        state[n] = 1
        stack.append(n)
        for d in sorted(mg.get(n, ())):
            if state.get(d) == 1:
                cyc = stack[stack.index(d):] + [d]
                bad.append('include cycle: ' + ' -> '.join(cyc))
            elif not state.get(d):
                visit(d, stack)
        stack.pop()
        state[n] = 2
    for n in sorted(mg):
        if not state.get(n):
            visit(n, [])
    return bad


FUNC = re.compile(r'^[A-Za-z_][^;{}()]*\b([A-Za-z_]\w*)\s*\([^;]*$')


def check_sizes():
    bad = []
    for path in files():
        if not path.endswith('.c'):
            continue
        lines = open(os.path.join(SRC, path), encoding='utf-8').read().split('\n')
        if len(lines) > 600:
            bad.append('%s: %d lines (split it: ~600 at most)' % (path, len(lines)))
        start = name = None
        for i, line in enumerate(lines, 1):
            if start is None:
                m = FUNC.match(line)
                if m and not line.startswith(('static const', 'const ', 'struct ', 'enum ', 'typedef')) \
                        or (m and '(' in line and line.rstrip().endswith(')') and i < len(lines)
                            and lines[i].startswith('{')):
                    name = m.group(1)
                    cand = i
                if line == '{' and name:
                    start = cand
            elif line == '}':
                if i - start > 100:
                    bad.append('%s:%d: %s() is %d lines (~100 at most)' % (path, start, name, i - start))
                start = name = None
    return bad


checks = {'order': check_order, 'cycles': check_cycles, 'sizes': check_sizes}
if CASE not in checks:
    sys.exit('layout_test: unknown case %s' % CASE)
problems = checks[CASE]()
for p in problems:
    print(p)
print('%s: %d problem(s)' % (CASE, len(problems)))
sys.exit(1 if problems else 0)
