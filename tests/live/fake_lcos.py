#!/usr/bin/env python3
"""fake_lcos.py [--expect FILE] - a tiny fake LANCOM (LCOS) console.

Meant to run as an sshd ForceCommand on a pty (tunneldoc's `--profile lancom`
opens a pty and an interactive shell). It paints a banner with terminal escape
sequences, prints the prompt "> " and reads command lines. On
"trace + vpn-status" it answers like LCOS does ("VPN-Status ON") and then
prints a line-polling-failed trace (LANCOM 0x1307, the records of
kb/samples/lancom-0x1307-poll-failed/left.log) with current time stamps, CRLF
line ends and a few ANSI escape sequences, and then keeps the session open
until the client goes away.

--expect FILE: also write the trace lines as a client should record them
(no escape sequences, no CR), one per line, so a test can compare.
"""
import os
import sys
import time
import termios

ESC = "\x1b"
BOLD, RESET, CLEAR_EOL = ESC + "[1m", ESC + "[0m", ESC + "[K"
GREEN, HOME_CLEAR = ESC + "[32;1m", ESC + "[H" + ESC + "[2J"
PEER = "BUGFIX (213.23.254.24)"


def out(s):
    """Write raw bytes to the terminal (no newline translation, see main)."""
    os.write(1, s.encode())


def stamp(t):
    """LCOS trace time stamp: YYYY/MM/DD HH:MM:SS,mmm (local time)."""
    return time.strftime("%Y/%m/%d %H:%M:%S", time.localtime(t)) + ",%03d" % int((t % 1) * 1000)


def trace_records(base):
    """The 0x1307 trace as (time, [message lines]) records."""
    recs = []
    left = 5
    for i in range(6):
        msg = ["VPN: poll timeout for " + PEER, "remote site did not answer during interval"]
        if i == 0:
            msg.append("setting poll time to 1 sec.")
        if left > 0:
            msg += ["(%d retries left)" % left, "send poll frame to 192.168.3.254"]
        else:
            msg.append("no retries left, disconnect channel")
        left -= 1
        recs.append((base + i, msg))
    recs.append((base + 5.01, ["VPN: Error: IFC-X-Line-polling-failed (0x1307) for " + PEER]))
    recs.append((base + 5.01, ["VPN: disconnecting " + PEER]))
    return recs


def trace(expect):
    """Print the trace; painted like a terminal would get it."""
    base = time.time() - 5.5
    plain = []
    for k, (t, msg) in enumerate(trace_records(base)):
        head = "[VPN-Status] " + stamp(t)
        plain.append(head)
        plain += msg
        # some records coloured, some with erase-to-end-of-line
        if k % 2 == 0:
            out(GREEN + head + RESET + "\r\n")
        else:
            out(head + CLEAR_EOL + "\r\n")
        for m in msg:
            if m.startswith("VPN: Error"):
                out(BOLD + m + RESET + "\r\n")
            else:
                out(m + "\r\n")
        time.sleep(0.02)
    if expect:
        with open(expect, "w") as f:
            f.write("\n".join(plain) + "\n")


def main():
    expect = None
    if len(sys.argv) == 3 and sys.argv[1] == "--expect":
        expect = sys.argv[2]
    if os.isatty(1):
        # print CRLF ourselves, exactly as given (no ONLCR: "\n" stays "\n")
        attr = termios.tcgetattr(1)
        attr[1] &= ~termios.ONLCR
        termios.tcsetattr(1, termios.TCSANOW, attr)
    out(HOME_CLEAR)
    out("\r\n" + BOLD + "LANCOM 1781VA" + RESET + "\r\n")
    out("Ver. 10.42.0123RU3 / 06.03.2024\r\n")
    out("SN.  4002123456789\r\n")
    out("Copyright (c) LANCOM Systems\r\n\r\n")
    out("Connection No.: 002 (LAN)\r\n\r\n")
    out("root@BUGFIX-GW:/\r\n> ")
    line = b""
    while True:
        try:
            ch = os.read(0, 1)
        except OSError:
            return
        if not ch:
            return
        if ch not in (b"\r", b"\n"):
            line += ch
            continue
        cmd = line.decode(errors="replace").strip()
        line = b""
        if cmd == "trace + vpn-status":
            out("\r\nVPN-Status         ON\r\n")
            trace(expect)
            # an LCOS trace keeps running: stay here until the client leaves
            while True:
                try:
                    if not os.read(0, 64):
                        return
                except OSError:
                    return
        elif cmd in ("exit", "quit"):
            return
        elif cmd:
            out("\r\nunknown command: " + cmd + "\r\n")
        out("\r\nroot@BUGFIX-GW:/\r\n> ")


if __name__ == "__main__":
    main()
