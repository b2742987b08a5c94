#!/usr/bin/env python3
"""livelib.py - helpers for tests/live/live_test.sh and tests/bench/live_bench.sh.

  livelib.py write FMT INTERVAL COUNT|--seconds S FILE...  [--from N]
        append numbered lines to every FILE (one write + flush per line and
        file); FMT is a str.format template with {file} (the file's base
        name), {n} (the number) and {ms} (write time, ms since 1970);
        INTERVAL seconds between lines
  livelib.py json FILE EXPR       print eval(EXPR) with d = the JSON document
  livelib.py sameseq WANT GOT     GOT holds exactly the lines of WANT, in order
                                  (prints the first difference, exit 1)
  livelib.py subseq WANT GOT      the lines of WANT appear in GOT contiguously
  livelib.py gaps TIMES FROM TO   largest gap (ms) between consecutive receive
                                  times that overlaps [FROM, TO], and how many
                                  lines arrived in [FROM, TO]
  livelib.py follows NS FILE     exit 0 when a process in network namespace NS
                                  runs tunneldoc's follower of FILE
  livelib.py latency LOG TIMES WRITTEN [PHASE...]   (benchmark) per phase:
                                  median/p99/max latency, rates, lost lines
"""
import json
import os
import sys
import time


def now_ms():
    return int(time.time() * 1000)


def cmd_write(args):
    start = 1
    reopen = "--reopen" in args
    if reopen:
        args.remove("--reopen")
    if "--from" in args:
        i = args.index("--from")
        start = int(args[i + 1])
        del args[i:i + 2]
    fmt, interval = args[0], float(args[1])
    if args[2] == "--seconds":
        count, seconds, files = None, float(args[3]), args[4:]
    else:
        count, seconds, files = int(args[2]), None, args[3:]
    fds = [None] * len(files) if reopen else \
        [os.open(f, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644) for f in files]
    names = [os.path.basename(f) for f in files]
    t0 = time.monotonic()
    n = start
    while True:
        if count is not None and n >= start + count:
            break
        if seconds is not None and time.monotonic() - t0 >= seconds:
            break
        for fd, name, path in zip(fds, names, files):
            data = (fmt.format(file=name, n=n, ms=now_ms()) + "\n").encode()
            if reopen:
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                os.write(fd, data)
                os.close(fd)
            else:
                os.write(fd, data)
        n += 1
        if interval > 0:
            # keep the pace without drifting
            due = t0 + (n - start) * interval
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    for fd in fds:
        if fd is not None:
            os.close(fd)
    print(n - start)


def cmd_json(args):
    d = json.load(open(args[0]))  # noqa: F841 (used by eval)
    print(eval(args[1]))


def lines(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace").split("\n")[:-1]


def cmd_sameseq(args):
    want, got = lines(args[0]), lines(args[1])
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else "<end>"
        g = got[i] if i < len(got) else "<end>"
        if w != g:
            seen = {}
            for x in got:
                seen[x] = seen.get(x, 0) + 1
            dups = sum(1 for v in seen.values() if v > 1)
            missing = len(set(want) - set(got))
            print("line %d: want %r, got %r (want %d lines, got %d; %d missing, %d repeated)"
                  % (i + 1, w, g, len(want), len(got), missing, dups))
            sys.exit(1)
    print(len(want))


def cmd_subseq(args):
    want, got = lines(args[0]), lines(args[1])
    if not want:
        print("nothing expected")
        sys.exit(1)
    for i in range(len(got) - len(want) + 1):
        if got[i:i + len(want)] == want:
            print(i + 1)
            return
    print("the %d expected lines are not in %s in one piece" % (len(want), args[1]))
    sys.exit(1)


def cmd_gaps(args):
    times = [int(x) for x in lines(args[0]) if x.strip()]
    lo, hi = int(args[1]), int(args[2])
    worst, inside = 0, 0
    for t in times:
        if lo <= t <= hi:
            inside += 1
    for a, b in zip(times, times[1:]):
        if b >= lo and a <= hi:
            worst = max(worst, b - a)
    print(worst, inside)


def cmd_follows(args):
    import subprocess
    ns, path = args[0], args[1]
    pids = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True).stdout.split()
    for p in pids:
        try:
            cmd = open("/proc/%s/cmdline" % p, "rb").read().decode("utf-8", "replace").replace("\0", " ")
        except OSError:
            continue
        if "td_follow" in cmd and path in cmd:
            sys.exit(0)
    sys.exit(1)


def pct(v, p):
    if not v:
        return float("nan")
    v = sorted(v)
    k = min(len(v) - 1, max(0, int(round(p / 100.0 * (len(v) - 1)))))
    return v[k]


def cmd_latency(args):
    """Benchmark report for one side.

    LOG: received lines "... ms=WRITE_MS seq=N phase=P ..."; TIMES: receive
    times; WRITTEN: the file as written on the gateway.
    """
    log, times, written = args[0], args[1], args[2]
    got = lines(log)
    rt = [int(x) for x in lines(times)]
    wrote = lines(written)

    def parse(line):
        f = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
        return int(f["ms"]), int(f["seq"]), f["phase"]

    sent = {}
    for line in wrote:
        try:
            ms, seq, ph = parse(line)
        except (KeyError, ValueError):
            continue
        sent[seq] = (ms, ph)
    recv = {}
    dup = 0
    order_bad = 0
    last = 0
    for line, t in zip(got, rt):
        try:
            ms, seq, ph = parse(line)
        except (KeyError, ValueError):
            continue
        if seq in recv:
            dup += 1
            continue
        if seq < last:
            order_bad += 1
        last = seq
        recv[seq] = (ms, ph, t)
    res = {}
    for ph in sorted({p for _, p in sent.values()}):
        s = {k: v for k, v in sent.items() if v[1] == ph}
        r = {k: v for k, v in recv.items() if v[1] == ph}
        lat = [t - ms for ms, _, t in r.values()]
        w0, w1 = min(v[0] for v in s.values()), max(v[0] for v in s.values())
        r_first = min((v[2] for v in r.values()), default=0)
        r_last = max((v[2] for v in r.values()), default=0)
        res[ph] = {
            "written": len(s),
            "received": len(r),
            "lost": len(set(s) - set(r)),
            "write_rate": len(s) / max(0.001, (w1 - w0) / 1000.0),
            # delivered: lines of the phase over the time from its first
            # write to its last arrival
            "recv_rate": len(r) / max(0.001, (r_last - w0) / 1000.0) if r else 0.0,
            "recv_span_rate": len(r) / max(0.001, (r_last - r_first) / 1000.0) if r else 0.0,
            "median": pct(lat, 50),
            "p99": pct(lat, 99),
            "max": max(lat) if lat else float("nan"),
        }
    res["_"] = {"duplicates": dup, "out_of_order": order_bad, "lines_recorded": len(got),
                "times_recorded": len(rt)}
    print(json.dumps(res))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"write": cmd_write, "json": cmd_json, "sameseq": cmd_sameseq, "subseq": cmd_subseq,
     "gaps": cmd_gaps, "follows": cmd_follows, "latency": cmd_latency}[cmd](args)


if __name__ == "__main__":
    main()
