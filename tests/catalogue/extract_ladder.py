#!/usr/bin/env python3
"""Extract the ladder catalogue (kb/catalogue/ladder-<daemon>-<version>.tsv)
mechanically from a daemon's git tree: every log call at the default log
level in the IKE send/receive/retransmit/drop/reject code whose format
speaks of a message (sent, received, retransmitting, dropping, ...).

  extract_ladder.py GITDIR TAG DAEMON VERSION > ladder-DAEMON-VERSION.tsv

The daemons' code is read with `git show TAG:path` (nothing is copied into
the tree). The output is a draft: role, ike, kind and example are guessed
from the format and file name; maps is filled by map_ladder.py from the
dialect events that recognise the example, and what stays unmapped is
reviewed by hand (note column).
"""
import re
import subprocess
import sys

LOG_CALLS = {
    "libreswan": r"\b(llog|llog_sa|log_state|log_md|log_ike|log_child|loglog|libreswan_log|plog|"
                 r"log_pending|llog_md|log_message|llog_diag|LSWLOG_RC|ldbg_sa_never)\s*\(",
    "openswan": r"\b(openswan_log|loglog|plog|libreswan_log)\s*\(",
    "strongswan": r"\b(DBG0|DBG1)\s*\(",
}
FILES = {
    "libreswan": r"^programs/pluto/(ikev1[a-z_]*|ikev2[a-z_]*|demux|retransmit|send|timer|state|"
                 r"packet|server|ikev1_dpd|ikev2_liveness|pending|initiate|ipsec_doi|dpd|"
                 r"ikev2_parent|ikev2_child|ikev2_informational|ikev1_main|ikev1_quick|ikev1_aggr)\.c$",
    "openswan": r"^programs/pluto/(ikev1[a-z_]*|ikev2[a-z_]*|demux|timer|state|ipsec_doi|dpd|"
                r"pending|server|spdb[a-z_]*)\.c$",
    "strongswan": r"^src/libcharon/(network/(sender|receiver)|encoding/message|sa/(ike_sa|task_manager)|"
                  r"sa/ikev[12]/(task_manager_v[12]|phase1)|sa/ikev[12]/tasks/[a-z_0-9]+)\.c$",
}
# what the ladder is about: a message on the wire, or its fate
KEYWORDS = re.compile(
    r"(\bsent\b|\bsending\b|\bsend\b|received|receiv|retransmi|dropping|dropped|discard|ignor|"
    r"reject|responding|respond|initiating|initiate |established|\bparsed\b|generating|duplicate|"
    r"unexpected|R_U_THERE|DPD|liveness|expecting|timeout|giving up|packet|request|response|reply|"
    r"message ID|Main Mode|Aggressive|Quick Mode|IKE_SA_INIT|IKE_AUTH|CREATE_CHILD_SA|INFORMATIONAL)",
    re.I)
# failure-path lines belong to failure-*.tsv (the diagnosis engineer)
FAILURE = re.compile(r"((authenticat|certificate|\bcert\b|\bCA\b|PSK|preshared|signature|proposal|"
                     r"traffic selector|\bTS\b|subnet|identity|X\.509|CRL|OCSP|policy|config).*"
                     r"(fail|mismatch|no acceptable|not |invalid|unacceptable|refus|cannot|can't|error|"
                     r"no suitable|does not match|expired|revoked)|"
                     r"(fail|mismatch|no acceptable|invalid|unacceptable|cannot|can't|does not match).*"
                     r"(authenticat|certificate|\bcert\b|PSK|preshared|signature|proposal|traffic selector|"
                     r"\bTS\b|subnet|identity|policy|config))", re.I)

STRLIT = re.compile(r'"((?:[^"\\]|\\.)*)"')
CONV = re.compile(r"%[-+ #0]*(\*|\d+)?(\.(\*|\d+))?(hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcspBHYNR%]|"
                  r"PRI_[A-Z_]+|\"\s*PRI[a-zA-Z0-9_]+\s*\"")


def show(gitdir, tag, path):
    return subprocess.run(["git", "-C", gitdir, "show", f"{tag}:{path}"],
                          capture_output=True, text=True, errors="replace").stdout


def files(gitdir, tag, daemon):
    out = subprocess.run(["git", "-C", gitdir, "ls-tree", "-r", "--name-only", tag],
                         capture_output=True, text=True).stdout.split("\n")
    pat = re.compile(FILES[daemon])
    return [f for f in out if pat.match(f)]


def calls(text, daemon):
    """(line, format) for each log call whose format is a string literal."""
    call = re.compile(LOG_CALLS[daemon])
    for m in call.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        # the argument list up to the closing parenthesis
        depth, i = 1, m.end()
        while i < len(text) and depth > 0 and i - m.end() < 2000:
            c = text[i]
            if c == '"':
                j = i + 1
                while j < len(text) and text[j] != '"':
                    j += 2 if text[j] == "\\" else 1
                i = j
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            i += 1
        args = text[m.end():i - 1]
        if daemon == "strongswan":
            # DBG1(DBG_IKE, "fmt", ...)
            args = args.split(",", 1)[1] if "," in args else ""
        lits = []
        pos = 0
        args = re.sub(r'"\s*PRI[a-z]*?([diouxX])(8|16|32|64|MAX|PTR)?\s*"', r'\1', args)
        args = re.sub(r'"\s*PRI_SO\s*"', '#%lu', args)
        args = re.sub(r'"\s*(PRI_[A-Z_]+|VERSION)\s*"', r'%s', args)
        for lm in STRLIT.finditer(args):
            between = args[pos:lm.start()]
            if lits and between.strip() not in ("",):
                break
            lits.append(lm.group(1))
            pos = lm.end()
        if lits:
            yield line, "".join(lits)


def guess(fmt, path):
    f = fmt.lower()
    kind = "state"
    if re.search(r"retransmi|giving up|timeout", f):
        kind = "retransmit"
    elif re.search(r"drop|discard|ignor", f):
        kind = "drop"
    elif re.search(r"reject|refus", f):
        kind = "reject"
    elif re.search(r"\bsent\b|sending|generating|initiating|responding to|send ", f):
        kind = "send"
    elif re.search(r"receiv|parsed|processing|processed", f):
        kind = "recv"
    ike = "both"
    if "ikev1" in path or "v1" in fmt or re.search(r"main mode|quick mode|aggressive|ID_PROT|QUICK_MODE", fmt, re.I):
        ike = "1"
    if "ikev2" in path or re.search(r"IKE_SA_INIT|IKE_AUTH|CREATE_CHILD_SA|v2", fmt):
        ike = "2"
    role = "both"
    if re.search(r"initiat|\bI[123]\b|request", fmt):
        role = "initiator"
    if re.search(r"respond|\bR[123]\b|response|reply", fmt):
        role = "responder" if role == "both" else "both"
    return role, ike, kind


def example(fmt):
    vals = {"H": "198.51.100.20[500]", "Y": "C=CH, O=lab, CN=gw", "N": "ID_PROT", "R": "10.1.0.0/24",
            "d": "2", "u": "2", "i": "2", "x": "1a2b3c4d", "X": "1A2B3C4D", "s": "lab",
            "lu": "2", "zu": "96", "f": "0.5", "g": "0.5", "p": "0x0", "c": "x", "B": "on"}

    def rep(m):
        s = m.group(0)
        if s.startswith("PRI"):
            return "2"
        conv = s[-1]
        if conv == "%":
            return "%"
        return vals.get(conv, "2")
    return CONV.sub(rep, fmt).replace("\\n", " ").replace("\\\"", "\"").replace("\t", " ")


STORY_S = re.compile(r'S\((STATE_[A-Z0-9_]+),\s*"((?:[^"\\]|\\.)*)"')
STORY_ARR = re.compile(r'^\s*"((?:[^"\\]|\\.)*)",\s*/\*\s*(STATE_[A-Z0-9_]+)\s*\*/', re.M)
EXCHANGES = ["IKE_SA_INIT", "IKE_AUTH", "CREATE_CHILD_SA", "INFORMATIONAL"]


def stories(gitdir, tag, daemon, version):
    """The state stories pluto logs on each transition: 'STATE_X: story'
    (Openswan, libreswan 3) or the story alone (libreswan 4, 5)."""
    if daemon == "openswan":
        srcs = ["lib/libpluto/pluto_constants.c"]
    elif daemon == "libreswan":
        srcs = ["programs/pluto/ikev1_states.c", "programs/pluto/ikev2_states.c",
                "lib/libswan/pluto_constants.c"]
    else:
        return
    prefixed = daemon == "openswan" or version.startswith("3.")
    for path in srcs:
        text = show(gitdir, tag, path)
        found = [(m.start(), m.group(1), m.group(2)) for m in STORY_S.finditer(text)]
        found += [(m.start(), m.group(2), m.group(1)) for m in STORY_ARR.finditer(text)]
        for pos, state, story in found:
            if not KEYWORDS.search(story) or story.startswith("STATE_") or "ephemeral" in story:
                continue
            line = text.count("\n", 0, pos) + 1
            yield path, line, (f"{state}: {story}" if prefixed else story)


def composed(gitdir, tag, daemon, version):
    """libreswan 4/5 IKEv2 transition lines built with jam(): 'sent EXCHANGE
    request|response to ADDR', '(responder|initiator) processed EXCHANGE; story'."""
    if daemon != "libreswan" or version.startswith("3."):
        return
    text = show(gitdir, tag, "programs/pluto/ikev2.c")
    for needle, forms in (('jam_string(buf, "sent ")', ["sent {x} request to 192.1.2.23:UDP/500",
                                                       "sent {x} response to 192.1.2.45:UDP/500"]),
                          ('"responder processed"', ["responder processed {x}; established IKE SA"]),
                          ('"initiator processed"', ["initiator processed {x}; established IKE SA"])):
        pos = text.find(needle)
        if pos < 0:
            continue
        line = text.count("\n", 0, pos) + 1
        for f in forms:
            for x in EXCHANGES:
                yield "programs/pluto/ikev2.c", line, f.replace("{x}", x)


# charon's "generating %s" / "parsed %s" (encoding/message.c): the exchange,
# request|response, message ID and payloads of every message of the ladder
CHARON_MSGS = [
    ("ID_PROT request 0 [ SA V V V V V ]", "1"), ("ID_PROT response 0 [ SA V V V V ]", "1"),
    ("ID_PROT request 0 [ KE No NAT-D NAT-D ]", "1"), ("ID_PROT response 0 [ KE No NAT-D NAT-D ]", "1"),
    ("ID_PROT request 0 [ ID HASH ]", "1"), ("ID_PROT response 0 [ ID HASH ]", "1"),
    ("AGGRESSIVE request 0 [ SA KE No ID V V V V V ]", "1"), ("AGGRESSIVE response 0 [ SA KE No ID V V V NAT-D NAT-D HASH ]", "1"),
    ("AGGRESSIVE request 0 [ NAT-D NAT-D HASH ]", "1"),
    ("QUICK_MODE request 1250692532 [ HASH SA No ID ID ]", "1"), ("QUICK_MODE response 1250692532 [ HASH SA No ID ID ]", "1"),
    ("QUICK_MODE request 1250692532 [ HASH ]", "1"),
    ("INFORMATIONAL_V1 request 3528834102 [ HASH N(DPD) ]", "1"), ("INFORMATIONAL_V1 request 2916483925 [ HASH N(DPD_ACK) ]", "1"),
    ("INFORMATIONAL_V1 request 1741416478 [ HASH N(NO_PROP) ]", "1"),
    ("IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) N(REDIR_SUP) ]", "2"),
    ("IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) N(CHDLESS_SUP) N(MULT_AUTH) ]", "2"),
    ("IKE_AUTH request 1 [ IDi N(INIT_CONTACT) IDr AUTH SA TSi TSr N(MOBIKE_SUP) N(NO_ADD_ADDR) N(EAP_ONLY) N(MSG_ID_SYN_SUP) ]", "2"),
    ("IKE_AUTH response 1 [ IDr AUTH SA TSi TSr N(MOBIKE_SUP) N(ADD_4_ADDR) ]", "2"),
    ("CREATE_CHILD_SA request 2 [ N(REKEY_SA) SA No KE TSi TSr ]", "2"), ("CREATE_CHILD_SA response 2 [ SA No KE TSi TSr ]", "2"),
    ("INFORMATIONAL request 2 [ ]", "2"), ("INFORMATIONAL response 2 [ ]", "2"),
    ("INFORMATIONAL request 3 [ D ]", "2"), ("INFORMATIONAL response 3 [ ]", "2"),
]


def charon_composed(gitdir, tag, daemon, version):
    if daemon != "strongswan":
        return
    text = show(gitdir, tag, "src/libcharon/encoding/message.c")
    for verb in ("generating", "parsed"):
        pos = text.find(f'"{verb} %s"')
        if pos < 0:
            continue
        line = text.count("\n", 0, pos) + 1
        for m, _ in CHARON_MSGS:
            yield "src/libcharon/encoding/message.c", line, f"{verb} {m}"


def prefixed_example(daemon, fmt, ex):
    """The example as the daemon writes it, with its state prefix."""
    if daemon == "strongswan":
        return "09[IKE] <lab|1> " + ex
    if ex.startswith("packet from") or ex.startswith("\""):
        return ex
    return '"lab" #1: ' + ex


def main():
    gitdir, tag, daemon, version = sys.argv[1:5]
    print("id\tsource\tformat\texample\trole\tike\tkind\tmaps\tnote")
    seen = set()
    n = 0
    for path in files(gitdir, tag, daemon):
        text = show(gitdir, tag, path)
        for line, fmt in calls(text, daemon):
            if not KEYWORDS.search(fmt) or FAILURE.search(fmt) or len(fmt) < 6:
                continue
            if fmt in seen:
                continue
            seen.add(fmt)
            n += 1
            role, ike, kind = guess(fmt, path)
            base = re.sub(r"[^a-z0-9]+", "-", path.rsplit("/", 1)[1][:-2].lower())
            print(f"{base}-{line}\t{path}:{line}\t{fmt.replace(chr(9), ' ')}\t"
                  f"{prefixed_example(daemon, fmt, example(fmt))}\t{role}\t{ike}\t{kind}\t\t")
    for gen, note in ((stories, "state story, logged on the transition"),
                      (charon_composed, "message.c get_string(): exchange, role, message ID, payloads"),
                      (composed, "composed with jam() from the exchange name")):
        for path, line, fmt in gen(gitdir, tag, daemon, version):
            if fmt in seen:
                continue
            seen.add(fmt)
            n += 1
            role, ike, kind = guess(fmt, path)
            base = re.sub(r"[^a-z0-9]+", "-", path.rsplit("/", 1)[1][:-2].lower())
            print(f"{base}-{line}-{n}\t{path}:{line}\t{fmt}\t{prefixed_example(daemon, fmt, example(fmt))}\t"
                  f"{role}\t{ike}\t{kind}\t\t{note}")
    print(f"# {n} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
