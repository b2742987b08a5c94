#!/usr/bin/env python3
"""certs.py DIR - a throwaway PKI for the lab's X.509 scenarios.

Writes into DIR (mode 0700, keys 0600): the lab CA (ca.pem) and a second
CA nobody's certificates come from (other-ca.pem); gateway A's certificate
(a.pem, a.key: subject CN=gwa.lab, subjectAltName DNS gwa.lab), a new one
with the same subject and a new key (a-new.pem, a-new.key), an expired one
with A's key (a-expired.pem), gateway B's (b.pem, b.key: gwb.lab), and for
libreswan's NSS databases PKCS#12 files of each with an empty password
(a.p12, a-new.p12, a-expired.p12, b.p12; friendly names gwa, gwa, gwa,
gwb). Needs python3-cryptography (Debian package). The keys are lab-only:
they live in the run directory, which `lab.sh down` deletes.
"""
import datetime
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

NOW = datetime.datetime.now(datetime.timezone.utc)
DAY = datetime.timedelta(days=1)


def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "tunneldoc lab"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def ca_cert(k, cn):
    b = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(name(cn))
         .public_key(k.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(NOW - DAY).not_valid_after(NOW + 30 * DAY)
         .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
         .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                        critical=True))
    return b.sign(k, hashes.SHA256())


def ee_cert(k, cn, ca, cakey, before, after):
    b = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(ca.subject)
         .public_key(k.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(before).not_valid_after(after)
         .add_extension(x509.SubjectAlternativeName([x509.DNSName(cn)]), critical=False)
         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True))
    return b.sign(cakey, hashes.SHA256())


def write(path, data, mode=0o644):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def pem(c):
    return c.public_bytes(serialization.Encoding.PEM)


def keypem(k):
    return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                           serialization.NoEncryption())


def main(d):
    os.makedirs(d, mode=0o700, exist_ok=True)
    cak, otherk = key(), key()
    ca, other = ca_cert(cak, "tunneldoc lab CA"), ca_cert(otherk, "tunneldoc other CA")
    ak, anewk, bk = key(), key(), key()
    certs = {
        "a": (ak, ee_cert(ak, "gwa.lab", ca, cak, NOW - DAY, NOW + 30 * DAY), "gwa"),
        "a-new": (anewk, ee_cert(anewk, "gwa.lab", ca, cak, NOW - DAY, NOW + 30 * DAY), "gwa"),
        "a-expired": (ak, ee_cert(ak, "gwa.lab", ca, cak, NOW - 30 * DAY, NOW - 2 * DAY), "gwa"),
        "b": (bk, ee_cert(bk, "gwb.lab", ca, cak, NOW - DAY, NOW + 30 * DAY), "gwb"),
    }
    write(os.path.join(d, "ca.pem"), pem(ca))
    write(os.path.join(d, "other-ca.pem"), pem(other))
    for n, (k, c, friendly) in certs.items():
        write(os.path.join(d, n + ".pem"), pem(c))
        write(os.path.join(d, n + ".key"), keypem(k), 0o600)
        p12 = pkcs12.serialize_key_and_certificates(friendly.encode(), k, c, None,
                                                    serialization.NoEncryption())
        write(os.path.join(d, n + ".p12"), p12, 0o600)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[0])
    main(sys.argv[1])
