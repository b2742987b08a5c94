#!/usr/bin/env python3
"""judge_test.py - unit test of judge.py on hand-made captures.

Writes pcap files of a small IKEv1 Main Mode exchange (MI1, MR1, MI2 with
MI2 retransmitted and dropped between the gateways, as the router does)
and an IKEv2 IKE_SA_INIT on UDP 4500 with the non-ESP marker, plus ladder
reports that are right or wrong about them, and checks the judge's verdict
for each. No root, no lab.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
A, B = "198.51.100.10", "198.51.100.20"
T0 = 1764650000.0  # a fixed time; the reports name it as time of day


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def frame(src, dst, sport, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, ip4(src), ip4(dst)) + udp
    return b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip


def isakmp(icky, rcky, exch, flags, msgid, ver, body):
    return icky + rcky + struct.pack("!BBBBII", 0, ver, exch, flags, msgid, 28 + len(body)) + body


def pcap(path, packets):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for ts, fr in packets:
            f.write(struct.pack("<IIII", int(ts), int(round((ts % 1) * 1e6)), len(fr), len(fr)) + fr)


def tod(ts):
    import time
    lt = time.localtime(ts)
    return "Dec  2 %02d:%02d:%02d.%06d: " % (lt.tm_hour, lt.tm_min, lt.tm_sec, int(round((ts % 1) * 1e6)))


def cell(ts, text):
    return {"line": 1, "time": tod(ts), "text": tod(ts) + text}


def row(neg, step, sender, left, right, status):
    return {"negotiation": neg, "step": step, "sender": sender, "left": left, "right": right,
            "status": status, "retransmissions": {"left": 0, "right": 0}}


def negs(n, both=True):
    side = {"role": "initiator"}
    return [{"index": i, "left": side, "right": {"role": "responder"} if both else None} for i in range(1, n + 1)]


def run(d, rep, name):
    p = os.path.join(d, name + ".json")
    with open(p, "w") as f:
        json.dump(rep, f)
    r = subprocess.run([sys.executable, os.path.join(HERE, "judge.py"), p,
                        os.path.join(d, "a.pcap"), A, os.path.join(d, "b.pcap"), B],
                       capture_output=True, text=True)
    return r.returncode, r.stdout


def identity_cases(d, fails):
    """Two IKEv2 SAs 4 ms apart: X's IKE_SA_INIT request arrived, Y's was
    dropped. The ladder's rows name their IKE SA by its SPI (identity); X's
    row was logged late, inside Y's window. By time alone the judge would
    give X's row Y's message and the other way round; by identity first
    each row gets its own IKE SA's message."""
    x, y = b"\x55" * 8, b"\x66" * 8
    rx = frame(A, B, 500, 500, isakmp(x, b"\0" * 8, 34, 0x08, 0, 0x20, b"x"))
    ry = frame(A, B, 500, 500, isakmp(y, b"\0" * 8, 34, 0x08, 0, 0x20, b"y"))
    pcap(os.path.join(d, "a.pcap"), [(T0, rx), (T0 + 0.004, ry)])
    pcap(os.path.join(d, "b.pcap"), [(T0 + 0.001, rx)])
    rep = {"negotiations": negs(2), "rows": [
        row(1, "SA_INIT_I", "initiator", cell(T0 + 0.0042, "sent"), cell(T0 + 0.0045, "parsed"), "ok"),
        row(2, "SA_INIT_I", "initiator", cell(T0 + 0.0060, "sent"), None, "lost")]}
    rep["rows"][0]["identity"], rep["rows"][1]["identity"] = x.hex(), y.hex()
    rc_, out = run(d, rep, "identity")
    if rc_ != 0:
        fails.append("rows that name their IKE SA by SPI are paired with the other IKE SA's message:\n" + out)
    wrong = json.loads(json.dumps(rep))
    wrong["rows"][1]["status"] = "ok"
    rc_, out = run(d, wrong, "identity-wrong")
    if rc_ != 1 or "SA_INIT_I from A never arrived, the ladder says ok" not in out:
        fails.append("a row paired by identity is not checked against its message:\n" + out)
    # without identities the same rows are paired by time, crosswise: the
    # judge then fails them, which is why identity comes first
    anon = json.loads(json.dumps(rep))
    for r in anon["rows"]:
        r["identity"] = None
    rc_, out = run(d, anon, "identity-none")
    if rc_ != 1:
        fails.append("the identity case does not need the identity (the test proves nothing):\n" + out)


def main():
    fails = []
    with tempfile.TemporaryDirectory() as d:
        ic, rc = b"\x11" * 8, b"\x22" * 8
        mi1 = frame(A, B, 500, 500, isakmp(ic, b"\0" * 8, 2, 0, 0, 0x10, b"mi1"))
        mr1 = frame(B, A, 500, 500, isakmp(ic, rc, 2, 0, 0, 0x10, b"mr1"))
        mi2 = frame(A, B, 500, 500, isakmp(ic, rc, 2, 0, 0, 0x10, b"mi2"))
        # MI2 sent three times, dropped by the router: only on A's capture
        a = [(T0, mi1), (T0 + 0.01, mr1), (T0 + 0.02, mi2), (T0 + 0.52, mi2), (T0 + 1.52, mi2)]
        b = [(T0 + 0.001, mi1), (T0 + 0.009, mr1)]
        pcap(os.path.join(d, "a.pcap"), a)
        pcap(os.path.join(d, "b.pcap"), b)
        good = {"negotiations": negs(1), "rows": [
            row(1, "MI1", "initiator", cell(T0, "initiating"), cell(T0 + 0.001, "responding"), "ok"),
            row(1, "MR1", "responder", cell(T0 + 0.02, "sent MI2"), cell(T0 + 0.009, "sent MR1"), "ok"),
            row(1, "MI2", "initiator", cell(T0 + 0.02, "sent MI2"), None, "lost")]}
        rc_, out = run(d, good, "good")
        if rc_ != 0:
            fails.append("a right ladder is judged wrong:\n" + out)
        if "sent 3x arrived 0x" not in out:
            fails.append("the table does not count MI2's three copies:\n" + out)
        bad1 = json.loads(json.dumps(good))
        bad1["rows"][1]["status"] = "lost"
        rc_, out = run(d, bad1, "lost-but-arrived")
        if rc_ != 1 or "marked lost, but the capture shows MR1 from B arrived" not in out:
            fails.append("a lost row whose message arrived is not caught:\n" + out)
        bad2 = json.loads(json.dumps(good))
        bad2["rows"][2]["status"] = "one-sided"
        rc_, out = run(d, bad2, "never-arrived-not-lost")
        if rc_ != 1 or "MI2 from A never arrived, the ladder says one-sided" not in out:
            fails.append("a message that never arrived and is not marked lost is not caught:\n" + out)
        # MI2 last sent at the captures' end: "in progress" is the truth
        young = json.loads(json.dumps(good))
        young["rows"][2]["status"] = "in-progress"
        rc_, out = run(d, young, "in-progress-young")
        if rc_ != 0 or "in-progress is the truth" not in out:
            fails.append("a message sent just before the captures end may be in progress:\n" + out)
        # ... but not when the captures go on 20 s longer (a later packet)
        pcap(os.path.join(d, "a.pcap"), a + [(T0 + 21.5, mi1)])
        pcap(os.path.join(d, "b.pcap"), b + [(T0 + 21.501, mi1)])
        rc_, out = run(d, young, "in-progress-old")
        if rc_ != 1 or "MI2 from A never arrived, the ladder says in-progress" not in out:
            fails.append("an old message that never arrived may not be in progress:\n" + out)
        pcap(os.path.join(d, "a.pcap"), a)
        pcap(os.path.join(d, "b.pcap"), b)
        bad3 = json.loads(json.dumps(good))
        bad3["rows"] = bad3["rows"][:2]
        rc_, out = run(d, bad3, "no-row")
        if rc_ != 1 or "never arrived and has no row" not in out:
            fails.append("a lost message without a row is not caught:\n" + out)
        bad4 = json.loads(json.dumps(good))
        bad4["negotiations"] = negs(2)
        bad4["rows"][2]["negotiation"] = 2
        rc_, out = run(d, bad4, "split")
        if rc_ != 1 or "split over negotiations [1, 2]" not in out:
            fails.append("one IKE SA split over two negotiations is not caught:\n" + out)
        bad5 = json.loads(json.dumps(good))
        bad5["negotiations"] = negs(1, both=False)
        rc_, out = run(d, bad5, "unpaired")
        if rc_ != 1 or "not paired" not in out:
            fails.append("an unpaired negotiation is not caught:\n" + out)
        # IKEv2 on UDP 4500 (non-ESP marker), response flag, arrived both ways
        si, sr = b"\x33" * 8, b"\x44" * 8
        req = frame(A, B, 4500, 4500, b"\0\0\0\0" + isakmp(si, b"\0" * 8, 34, 0x08, 0, 0x20, b"req"))
        rsp = frame(B, A, 4500, 4500, b"\0\0\0\0" + isakmp(si, sr, 34, 0x20, 0, 0x20, b"rsp"))
        esp = frame(A, B, 4500, 4500, b"\x01\x02\x03\x04" + b"\0" * 20)
        pcap(os.path.join(d, "a.pcap"), [(T0, req), (T0 + 0.01, rsp), (T0 + 0.02, esp)])
        pcap(os.path.join(d, "b.pcap"), [(T0 + 0.001, req), (T0 + 0.009, rsp), (T0 + 0.021, esp)])
        v2 = {"negotiations": negs(1), "rows": [
            row(1, "SA_INIT_I", "initiator", cell(T0, "sending"), cell(T0 + 0.001, "parsed"), "ok"),
            row(1, "SA_INIT_R", "responder", cell(T0 + 0.01, "parsed"), None, "lost")]}
        rc_, out = run(d, v2, "v2")
        if rc_ != 1 or "marked lost, but the capture shows SA_INIT_R from B arrived" not in out:
            fails.append("IKEv2 on UDP 4500: a lost response that arrived is not caught:\n" + out)
        if "ESP SPI 01020304 from A: sent 1, arrived 1" not in out:
            fails.append("ESP in UDP 4500 is not counted:\n" + out)
        identity_cases(d, fails)
    for f in fails:
        print("FAIL " + f)
    print("ok" if not fails else f"{len(fails)} failures")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
