#!/usr/bin/env python3
"""plant.py - plant every form of secret tunneldoc must redact (issue 16).

  plant.py logs IN_LEFT IN_RIGHT OUT_LEFT OUT_RIGHT
        copy two real logs, appending one planted form to every line (in
        turn, so every form lands on lines that become evidence), and insert
        PEM private keys (bare and with a log prefix) and a certificate
  plant.py status OUT   a status command's output with every form
  plant.py needles      the planted values, one per line (what must never
                        appear in an output)
  plant.py cert         the certificate body lines (must pass unchanged
                        into a recording: they are not secret)

Every planted value contains TDSEC (or the hex 7464736563) and nothing
else in tunneldoc's input does.
"""
import sys

# (form, the value a leak shows)
FORMS = [
    (': PSK "TDSEC01q"', "TDSEC01"),                      # ipsec.secrets, quoted
    (': PSK 0sTDSEC02b64x==', "TDSEC02"),                  # base64, no quotes
    (': PSK 0x74647365630303', "74647365630303"),          # hex, no quotes
    (': PSK TDSEC04bare', "TDSEC04"),                      # bare word
    ('@carol : XAUTH carol "TDSEC05"', "TDSEC05"),
    ('carol : EAP "TDSEC06"', "TDSEC06"),
    (': RSA moon.pem "TDSEC07"', "TDSEC07"),               # key file passphrase
    (': ECDSA ec.pem TDSEC08', "TDSEC08"),
    ("pass='TDSEC09'", "TDSEC09"),
    ("preshared_key=TDSEC10", "TDSEC10"),
    ("ike_psk=TDSEC11", "TDSEC11"),
    ("leftpsk=TDSEC12", "TDSEC12"),
    ("rightpsk=TDSEC13", "TDSEC13"),
    ('{"psk": "TDSEC14"}', "TDSEC14"),                     # JSON
    ("pre-shared-key TDSEC15", "TDSEC15"),                 # router CLI
    ("Passwort: TDSEC16", "TDSEC16"),
    ("Kennwort=TDSEC17", "TDSEC17"),
    ("Schl\u00fcssel: TDSEC18", "TDSEC18"),
    ("secrets { ike-lab { secret = TDSEC19 } }", "TDSEC19"),   # swanctl.conf
    ('eap-carol { id = carol secret = "TDSEC20" }', "TDSEC20"),
    ("private-k { file = k.pem secret = TDSEC21 }", "TDSEC21"),
    ('PSK = "TDSEC22"', "TDSEC22"),                        # mGuard .atv
    ('ROOT_PASSWORD = "TDSEC23"', "TDSEC23"),
    ("{Shared-Sec} TDSEC24", "TDSEC24"),                   # LANCOM script
    ('{Local-Password} "TDSEC25"', "TDSEC25"),
    ('psk="TDSEC26"', "TDSEC26"),                          # the forms caught before
    ("password=TDSEC27,", "TDSEC27"),
    ("PrivateExponent: 0x7464736563ff", "7464736563ff"),   # Openswan raw RSA key
]

PEM_KEY = [
    "-----BEGIN RSA PRIVATE KEY-----",
    "MIIEpAIBAAKCAQEATDSEC40s0mEr4nd0mB4s3SixtyFourCharsLongAbCdEfGhIj",
    "TDSEC41xyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx==",
    "-----END RSA PRIVATE KEY-----",
]
# the same kind of block as a daemon's debug log would print it
PEM_PREFIXED = [
    "{t}: -----BEGIN PRIVATE KEY-----",
    "{t}: MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjTDSEC42AgEAAoIBAQC7",
    "{t}: TDSEC43Z2V0IGEgam9iIGFuZCB3cml0ZSBiZXR0ZXIgdGVzdHM",
    "{t}: -----END PRIVATE KEY-----",
]
CERT = [
    "-----BEGIN CERTIFICATE-----",
    "MIIBszCCAVmgAwIBAgIUcertbodyNotSecretPSKandPasswordAreJustLetters",
    "cGFzc3dvcmQ9bm90LWEtc2VjcmV0LWJ1dC1iYXNlNjQ=",
    "-----END CERTIFICATE-----",
]
NEEDLES = [v for _, v in FORMS] + ["TDSEC40", "TDSEC41", "TDSEC42", "TDSEC43", "TDSEC"]


def plant(src, dst, shift):
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for i, line in enumerate(lines):
        form = FORMS[(i + shift) % len(FORMS)][0]
        out.append(line + " " + form)
        if i == len(lines) // 3:
            out.extend(PEM_KEY)
            out.extend(CERT)
        if i == 2 * len(lines) // 3:
            t = line.split(": ", 1)[0] if ": " in line else "x"
            out.extend(p.format(t=t) for p in PEM_PREFIXED)
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "logs":
        plant(args[0], args[2], 0)
        plant(args[1], args[3], len(FORMS) // 2)
    elif cmd == "status":
        with open(args[0], "w", encoding="utf-8") as f:
            f.write("000 Connection list:\n")
            for form, _ in FORMS:
                f.write("000 " + form + "\n")
            f.write("\n".join(PEM_KEY + CERT) + "\n")
    elif cmd == "needles":
        print("\n".join(NEEDLES))
    elif cmd == "cert":
        print("\n".join(CERT[1:3]))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
