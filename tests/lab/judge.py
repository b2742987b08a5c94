#!/usr/bin/env python3
"""judge.py - the packet captures as the judge of tunneldoc's ladder.

    judge.py [--json OUT] [--quiet] REPORT.json A.pcap A-ADDR B.pcap B-ADDR

REPORT.json is the output of `tunneldoc analyze --json` or `connect --batch
--json` with gateway A's log on the left and gateway B's on the right.
A.pcap / B.pcap are captures on the gateways' WAN interfaces (lab.sh
capture_start), A-ADDR / B-ADDR the address each gateway sends from (a
packet from it is "sent", any other "arrived"). Python standard library
only: pcap, Ethernet, IPv4 (with fragment reassembly), UDP, ESP, the
non-ESP marker on UDP 4500 and the ISAKMP header are parsed here.

From both captures the judge builds the list of IKE messages: one per
distinct message (retransmissions are byte-identical repeats and counted),
with the side that sent it, how often it was sent and whether it arrived.
IKEv1 and IKEv2 fragments are put together first. Each message gets the
ladder's step name (MI1..MR3, AI1..AI2, QI1..QI2, INFO, SA_INIT_I ..
INFO2_R). Then every ladder row is matched to a wire message of its step:
first by identity (a row whose `identity` is an IKE SPI / cookie takes only
that IKE SA's messages), then the nearest in time (both gateways share the
machine's clock); each is checked:
  1. no row marked lost whose message the capture shows arrived;
  2. every message the capture shows never arrived has a row marked lost
     (or in progress / log ended when it was sent just before the captures end);
  3. every IKE SA both gateways took part in (something of it reached B)
     is one paired negotiation of the ladder (rows of one negotiation only,
     which has both sides);
  4. no row marked lost for a message that was never sent.
A per-row table is printed (always, or only on failure with --quiet);
exit status 0 when every check holds, 1 when one fails, 2 on bad input.
"""
import hashlib
import json
import re
import struct
import sys
import time

IKEV1_EXCH = {2: "main", 4: "aggr", 5: "info", 32: "quick"}
IKEV2_EXCH = {34: "SA_INIT", 35: "AUTH", 36: "CHILD", 37: "INFO2"}
# ladder steps a wire step may appear as (DPD is an INFORMATIONAL exchange)
COMPAT = {
    "INFO": {"INFO", "DPD", "DPD_ACK"},
    "INFO2_I": {"INFO2_I", "DPD"},
    "INFO2_R": {"INFO2_R", "DPD_ACK"},
}
LOST = "lost"
NOTIFY_NAMES = {14: "NO_PROPOSAL_CHOSEN", 17: "INVALID_KE_PAYLOAD", 24: "AUTHENTICATION_FAILED",
                18: "INVALID_ID_INFORMATION", 16390: "COOKIE", 36136: "R_U_THERE", 36137: "R_U_THERE_ACK"}


class BadInput(Exception):
    pass


def read_pcap(path):
    """Yield (timestamp, link type, frame bytes) of a classic pcap file."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise BadInput(f"{path}: not a pcap file")
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(end + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _orig = struct.unpack(end + "IIII", data[off:off + 16])
        off += 16
        frame = data[off:off + incl]
        off += incl
        yield sec + frac / (1e9 if nano else 1e6), linktype, frame


def ip_payloads(path):
    """Yield (ts, src, dst, proto, payload) of the IPv4 packets of a capture,
    IP fragments reassembled."""
    frags = {}
    for ts, lt, fr in read_pcap(path):
        if lt == 1:
            off, et = 14, struct.unpack("!H", fr[12:14])[0] if len(fr) >= 14 else 0
            while et == 0x8100 and len(fr) >= off + 4:
                et = struct.unpack("!H", fr[off + 2:off + 4])[0]
                off += 4
        elif lt == 113:
            off, et = 16, struct.unpack("!H", fr[14:16])[0] if len(fr) >= 16 else 0
        elif lt == 276:
            off, et = 20, struct.unpack("!H", fr[0:2])[0] if len(fr) >= 20 else 0
        elif lt in (101, 12):
            off, et = 0, 0x0800
        else:
            raise BadInput(f"{path}: link type {lt} not supported")
        if et != 0x0800 or len(fr) < off + 20:
            continue
        ip = fr[off:]
        ihl = (ip[0] & 0x0F) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        ident, fo = struct.unpack("!HH", ip[4:8])
        proto = ip[9]
        src, dst = ".".join(map(str, ip[12:16])), ".".join(map(str, ip[16:20]))
        body = ip[ihl:total]
        more, offset = bool(fo & 0x2000), (fo & 0x1FFF) * 8
        if more or offset:
            key = (src, dst, ident, proto)
            parts = frags.setdefault(key, {})
            parts[offset] = (body, more)
            got, pos, last = b"", 0, False
            while pos in parts:
                chunk, m = parts[pos]
                got += chunk
                pos += len(chunk)
                if not m:
                    last = True
                    break
            if not last:
                continue
            del frags[key]
            body = got
        yield ts, src, dst, proto, body


class Unit:
    """One packet of IKE (or ESP) as seen on one capture."""

    def __init__(self, ts, cap, sent, src, dst, kind, data):
        self.ts, self.cap, self.sent, self.src, self.dst = ts, cap, sent, src, dst
        self.kind, self.data = kind, data


def units_of(path, cap, own):
    """Yield the IKE / ESP units of one gateway's capture."""
    for ts, src, dst, proto, body in ip_payloads(path):
        sent = src == own
        if proto == 50:
            yield Unit(ts, cap, sent, src, dst, "esp", body[:8])
            continue
        if proto != 17 or len(body) < 8:
            continue
        sport, dport = struct.unpack("!HH", body[:4])
        pl = body[8:]
        if 4500 in (sport, dport):
            if pl == b"\xff":
                yield Unit(ts, cap, sent, src, dst, "keepalive", pl)
            elif len(pl) >= 4 and pl[:4] == b"\0\0\0\0":
                yield Unit(ts, cap, sent, src, dst, "ike", pl[4:])
            elif len(pl) >= 8:
                yield Unit(ts, cap, sent, src, dst, "esp", pl[:8])
        elif 500 in (sport, dport):
            yield Unit(ts, cap, sent, src, dst, "ike", pl)


def payload_chain(pkt, first, start=28):
    """Yield (type, body) of the unencrypted payloads of an ISAKMP packet."""
    np_, off = first, start
    while np_ not in (0, 46, 53) and off + 4 <= len(pkt):
        nxt, _crit, ln = struct.unpack("!BBH", pkt[off:off + 4])
        if ln < 4:
            return
        yield np_, pkt[off + 4:off + ln]
        np_, off = nxt, off + ln
    if np_ in (46, 53) and off + 4 <= len(pkt):
        yield np_, pkt[off + 4:]


class Msg:
    """One IKE message (all its copies) of one IKE SA."""

    def __init__(self, sa, version, exch, msgid, sender, key):
        self.sa, self.version, self.exch, self.msgid = sa, version, exch, msgid
        self.sender, self.key = sender, key      # sender: "A" or "B"
        self.sent, self.arrived = [], []         # timestamps per copy
        self.step, self.note, self.row = "?", "", None
        self.frags = 1

    @property
    def first(self):
        return min(self.sent + self.arrived)

    def window(self):
        t = self.sent + self.arrived
        return min(t), max(t)


def parse_ike(u):
    """Decode an ISAKMP header: dict or None."""
    p = u.data
    if len(p) < 28:
        return None
    icky, rcky = p[:8].hex(), p[8:16].hex()
    np_, ver, exch, flags = p[16], p[17], p[18], p[19]
    msgid = struct.unpack("!I", p[20:24])[0]
    h = {"icky": icky, "rcky": rcky, "np": np_, "v": ver >> 4, "exch": exch,
         "flags": flags, "msgid": msgid, "frag": None, "notify": None}
    if h["v"] not in (1, 2):
        return None
    content = p
    for t, body in payload_chain(p, np_):
        if h["v"] == 1 and t == 132 and len(body) >= 4:
            fid, fno, fl = struct.unpack("!HBB", body[:4])
            h["frag"] = ("v1", fid, fno, bool(fl & 1))
            content = body[4:]
        elif h["v"] == 2 and t == 53 and len(body) >= 4:
            fno, total = struct.unpack("!HH", body[:4])
            h["frag"] = ("v2", 0, fno, fno == total)
        elif t in (11, 41) and not (h["v"] == 1 and flags & 1):
            off = 4 if h["v"] == 1 else 0
            if len(body) >= off + 4:
                ntype = struct.unpack("!H", body[off + 2:off + 4])[0]
                if ntype < 16384 or ntype in NOTIFY_NAMES:
                    h["notify"] = h["notify"] or NOTIFY_NAMES.get(ntype, f"notify {ntype}")
    h["digest"] = hashlib.sha1(content).hexdigest()
    return h


def build_messages(units, side_of):
    """Group IKE units into messages per IKE SA; return (sas, esp)."""
    sas, esp = {}, {}
    units.sort(key=lambda x: x.ts)
    open_frag = {}
    for u in units:
        if u.kind == "esp":
            spi = u.data[:4].hex()
            e = esp.setdefault((spi, side_of(u)), {"sent": 0, "arrived": 0})
            e["sent" if u.sent else "arrived"] += 1
            continue
        if u.kind != "ike":
            continue
        h = parse_ike(u)
        if h is None:
            continue
        sender = side_of(u)
        sa = sas.setdefault(h["icky"], {"version": h["v"], "msgs": [], "initiator": None,
                                        "first": u.ts})
        if sa["initiator"] is None and h["rcky"] == "0" * 16:
            sa["initiator"] = sender
        if h["v"] == 2:
            base = (h["exch"], h["msgid"], bool(h["flags"] & 0x20), bool(h["flags"] & 0x08))
        else:
            base = (h["exch"], h["msgid"], sender)
        # a fragment belongs to the message whose first fragment came before
        if h["frag"] and h["frag"][2] != 1:
            m = open_frag.get((h["icky"], base, sender))
            if m is not None:
                m.frags = max(m.frags, h["frag"][2])
                continue
            # fragment without its first one: its own message
        key = (base, h["digest"])
        m = next((x for x in sa["msgs"] if x.key == key), None)
        if m is None:
            m = Msg(h["icky"], h["v"], h["exch"], h["msgid"], sender, key)
            m.flags, m.notify, m.rcky = h["flags"], h["notify"], h["rcky"]
            sa["msgs"].append(m)
        (m.sent if u.sent else m.arrived).append(u.ts)
        if h["frag"]:
            open_frag[(h["icky"], base, sender)] = m
    return sas, esp


def name_steps(sa):
    """Give each message of an IKE SA the ladder's step name."""
    ini = sa["initiator"] or "A"
    seq = {}
    for m in sorted(sa["msgs"], key=lambda x: x.first):
        if m.version == 2:
            ex = IKEV2_EXCH.get(m.exch, f"EXCH{m.exch}")
            m.step = ex + ("_R" if m.flags & 0x20 else "_I")
        elif m.exch in (2, 4):
            role = "I" if m.sender == ini else "R"
            n = seq.get((m.exch, role), 0) + 1
            seq[(m.exch, role)] = n
            m.step = ("M" if m.exch == 2 else "A") + role + str(n)
        elif m.exch == 32:
            qini = seq.setdefault(("qini", m.msgid), m.sender)
            role = "I" if m.sender == qini else "R"
            n = seq.get((m.msgid, role), 0) + 1
            seq[(m.msgid, role)] = n
            m.step = "Q" + role + str(n)
        elif m.exch == 5:
            m.step = "INFO"
        else:
            m.step = f"EXCH{m.exch}"
        if m.notify:
            m.note = m.notify


TIME_RE = re.compile(r"(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?")


def tod(text):
    """Seconds of the day of a log time string, or None."""
    if not text:
        return None
    mt = TIME_RE.search(text)
    if not mt:
        return None
    h, mi, s, frac = mt.groups()
    return int(h) * 3600 + int(mi) * 60 + int(s) + (float("0." + frac) if frac else 0.0)


def pcap_tod(ts):
    lt = time.localtime(ts)
    return lt.tm_hour * 3600 + lt.tm_min * 60 + lt.tm_sec + (ts % 1)


def tdist(a, b):
    d = abs(a - b) % 86400
    return min(d, 86400 - d)


def row_cost(row, m):
    """How far a ladder row's cells lie from a wire message (seconds), or
    None when they cannot be the same message."""
    compat = COMPAT.get(m.step, {m.step})
    if row.get("step") not in compat:
        return None
    lo, hi = (pcap_tod(t) for t in m.window())
    best = None
    for side in ("left", "right"):
        cell = row.get(side) or {}
        t = tod(cell.get("time") or cell.get("text"))
        if t is None:
            continue
        if tdist(t, lo) + tdist(t, hi) <= tdist(lo, hi) + 1e-6:
            d = 0.0
        else:
            d = min(tdist(t, lo), tdist(t, hi))
        best = d if best is None else min(best, d)
    if best is None or best > 3.0:
        return None
    return best


def row_sa(row, sas):
    """The IKE SA a row's identity names (its IKE SPI or cookie, which the
    capture's ISAKMP header carries), or None: the ladder said which
    message it is, so the judge pairs by it before any time."""
    ident = (row.get("identity") or "").lower().removeprefix("0x")
    if len(ident) != 16:
        return None
    for icky, sa in sas.items():
        if ident == icky or any(ident == getattr(m, "rcky", "") for m in sa["msgs"]):
            return icky
    return None


def judge(report, sas, esp):
    rows = report.get("rows") or []
    negs = {n.get("index"): n for n in report.get("negotiations") or []}
    msgs = [m for sa in sas.values() for m in sa["msgs"]]
    # identity first (a row that names an IKE SA by its SPI takes only that
    # IKE SA's messages, before any row paired by time), then greedy,
    # nearest pairs first
    cand = []
    for ri, r in enumerate(rows):
        named = row_sa(r, sas)
        for mi, m in enumerate(msgs):
            c = row_cost(r, m)
            if c is None or (named is not None and m.sa != named):
                continue
            cand.append((0 if named is not None else 1, c, ri, mi))
    cand.sort()
    row_of, msg_of = {}, {}
    for _, c, ri, mi in cand:
        if ri in row_of or mi in msg_of:
            continue
        row_of[ri], msg_of[mi] = mi, ri
    fails, table, notes = [], [], []
    # the last IKE packet of either capture: a message sent shortly before
    # it may truthfully be "in progress" (younger than a retransmission
    # interval, 10 s by default) or "log ended" (the receiver stopped
    # logging before it could arrive) instead of lost (DESIGN.md, Alignment)
    cap_end = max((t for m in msgs for t in m.sent + m.arrived), default=0.0)

    def unproven_ok(st, m):
        if not m.sent:
            return False
        age = cap_end - max(m.sent)
        return (st == "in-progress" and age < 10.0) or (st == "log-ended" and age < 3.0)

    def verdict(problems):
        fails.extend(problems)
        return "FAIL: " + "; ".join(problems) if problems else "ok"

    for ri, r in enumerate(rows):
        st = r.get("status", "?")
        rt = r.get("retransmissions") or {}
        lad = f"{st} (retr {rt.get('left', 0)}/{rt.get('right', 0)})"
        mi = row_of.get(ri)
        where = f"row {ri + 1} (neg {r.get('negotiation')} {r.get('step')})"
        if mi is None:
            p = [f"{where}: marked lost, but the capture has no such message"] if st == LOST else []
            table.append((r.get("negotiation"), r.get("step"), lad, "-", verdict(p)))
            continue
        m = msgs[mi]
        p, truth = [], None
        if st == LOST and m.arrived:
            p.append(f"{where}: marked lost, but the capture shows {m.step} from {m.sender} arrived")
        if not m.arrived and st != LOST:
            if unproven_ok(st, m):
                truth = f"sent {cap_end - max(m.sent):.1f} s before the captures end, {st} is the truth"
                notes.append(f"{where}: {truth}")
            else:
                p.append(f"{where}: {m.step} from {m.sender} never arrived, the ladder says {st}")
        v = verdict(p)
        if truth:
            v += f" ({truth})"
        note = retrans_note(r, m, negs)
        if note:
            notes.append(f"{where}: {note}")
            v += f" (note: {note})"
        table.append((r.get("negotiation"), r.get("step"), lad, wire_text(m), v))
    for mi, m in enumerate(msgs):
        if mi in msg_of:
            continue
        p = [f"{m.step} from {m.sender} (IKE SA {m.sa[:8]}) never arrived and has no row"] if not m.arrived else []
        table.append(("-", m.step, "no row", wire_text(m), verdict(p)))
    # one IKE SA that reached both gateways = one paired negotiation
    for icky, sa in sas.items():
        reached_b = any(m.arrived and m.sender == "A" for m in sa["msgs"]) or \
            any(m.sender == "B" for m in sa["msgs"])
        reached_a = any(m.sender == "A" for m in sa["msgs"]) or \
            any(m.arrived and m.sender == "B" for m in sa["msgs"])
        if not (reached_a and reached_b):
            continue
        ns = sorted({rows[msg_of[i]].get("negotiation") for i, m in enumerate(msgs)
                     if m.sa == icky and i in msg_of}, key=str)
        if len(ns) != 1:
            fails.append(f"IKE SA {icky[:8]}.. (both gateways took part) is "
                         + (f"split over negotiations {ns}" if ns else "in no negotiation"))
            continue
        n = negs.get(ns[0]) or {}
        if not (n.get("left") and n.get("right")):
            fails.append(f"IKE SA {icky[:8]}.. (both gateways took part) is negotiation {ns[0]}, "
                         "which is not paired (one side missing)")
    return fails, table, notes


def retrans_note(row, m, negs):
    """A difference between the ladder's retransmission count of the
    sender and the wire's (copies sent minus one), or ''."""
    n = negs.get(row.get("negotiation")) or {}
    want = "initiator" if m.sender == (n_initiator(n) or "A") else "responder"
    side = None
    for s in ("left", "right"):
        if (n.get(s) or {}).get("role") == want:
            side = s
    if side is None:
        side = "left" if m.sender == "A" else "right"
    got = (row.get("retransmissions") or {}).get(side)
    wire = max(len(m.sent) - 1, 0)
    if got is None or got == wire:
        return ""
    return f"retransmissions: ladder {got}, capture {wire}"


def n_initiator(n):
    """The gateway (A = left, B = right) a negotiation names initiator."""
    if (n.get("left") or {}).get("role") == "initiator":
        return "A"
    if (n.get("right") or {}).get("role") == "initiator":
        return "B"
    return None


def wire_text(m):
    arrow = "A->B" if m.sender == "A" else "B->A"
    t = f"{m.step} {arrow} sent {len(m.sent)}x arrived {len(m.arrived)}x"
    if m.frags > 1:
        t += f" ({m.frags} fragments)"
    if m.note:
        t += f" [{m.note}]"
    return t


def print_table(table, sas, esp, out):
    w = [max(len(str(x[i])) for x in table + [("neg", "step", "ladder", "capture", "")]) for i in range(4)]
    fmt = "  {:<%d}  {:<%d}  {:<%d}  {:<%d}  {}" % tuple(w)
    print(fmt.format("neg", "step", "ladder", "capture", "verdict"), file=out)
    for t in table:
        print(fmt.format(*(str(x) for x in t)), file=out)
    for icky, sa in sas.items():
        print(f"  IKE SA {icky} (IKEv{sa['version']}, initiator {sa['initiator'] or '?'}): "
              f"{len(sa['msgs'])} messages", file=out)
    for (spi, side), e in sorted(esp.items()):
        print(f"  ESP SPI {spi} from {side}: sent {e['sent']}, arrived {e['arrived']}", file=out)


def main(argv):
    args, out_json, quiet = [], None, False
    it = iter(argv)
    for a in it:
        if a == "--json":
            out_json = next(it, None)
        elif a == "--quiet":
            quiet = True
        else:
            args.append(a)
    if len(args) != 5:
        print(__doc__.split("\n\n")[0], file=sys.stderr)
        return 2
    rep, pa, aa, pb, ab = args
    try:
        report = json.load(open(rep))
        units = []
        ua = list(units_of(pa, "A", aa))
        ub = list(units_of(pb, "B", ab))
        # A unit's sender: the gateway whose capture saw it leave
        for u in ua:
            u.side = "A" if u.sent else "B"
        for u in ub:
            u.side = "B" if u.sent else "A"
        units = ua + ub
        sas, esp = build_messages(units, lambda u: u.side)
    except (OSError, ValueError, BadInput) as e:
        print(f"judge: {e}", file=sys.stderr)
        return 2
    for sa in sas.values():
        name_steps(sa)
    fails, table, notes = judge(report, sas, esp)
    # nothing on the wire is a fact (a gateway refused to start), unless the
    # ladder says a message arrived: then the captures are broken
    if not sas and any(r.get("status") == "ok" for r in report.get("rows") or []):
        fails.append("the captures hold no IKE message, but the ladder shows messages that arrived")
    if fails or not quiet:
        print_table(table, sas, esp, sys.stdout)
    for f in fails:
        print("  FAIL " + f)
    if out_json:
        with open(out_json, "w") as f:
            json.dump({"fails": fails, "notes": notes, "rows": [list(map(str, t)) for t in table],
                       "messages": sum(len(s["msgs"]) for s in sas.values()),
                       "lost_on_wire": sum(1 for s in sas.values() for m in s["msgs"] if not m.arrived)},
                      f, indent=1)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
