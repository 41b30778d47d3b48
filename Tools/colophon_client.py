"""What the Python tools share when they drive a live `colophon serve`: starting it on a free
port, and signing generation records the way the ledger expects (RFC 8785 canonical statement,
DSSE over its PAE, Ed25519, key id = SHA-256 of the key's DER SubjectPublicKeyInfo).
"""

import base64
import hashlib
import json
import subprocess

from cryptography.hazmat.primitives import serialization

PAYLOAD_TYPE = b"application/vnd.in-toto+json"


def start_server(colophon, *arguments, stderr=subprocess.DEVNULL):
    """Starts `colophon serve --port 0 ARGUMENTS`; returns the process and its base URL."""
    process = subprocess.Popen([colophon, "serve", "--port", "0", *arguments], stdout=subprocess.PIPE,
                               stderr=stderr, text=True)
    line = process.stdout.readline()
    if not line.startswith("listening on http://"):
        process.kill()
        raise SystemExit(f"colophon serve did not start: {line!r}")
    return process, line.split(" ", 2)[2].strip()


def canonical(value):
    """RFC 8785 for the ASCII strings and small integers these records hold."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def load_key(path):
    """A PEM private key and its key id."""
    with open(path, "rb") as handle:
        key = serialization.load_pem_private_key(handle.read(), None)
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return key, hashlib.sha256(der).hexdigest()


def generation_envelope(key, key_id, name):
    """A signed generation record about an image named `name` (distinct names, distinct
    records); returns the envelope's canonical bytes and the record id."""
    statement = {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": f"{name}.png", "digest": {"sha256": hashlib.sha256(name.encode()).hexdigest()}}],
        "predicateType": "https://colophon.dev/predicate/generation@v1",
        "predicate": {
            "createdAt": "2026-11-29T10:00:00Z",
            "originClass": "ai_generated",
            "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
            "contentId": name,
        },
    }
    payload = canonical(statement)
    pae = b"DSSEv1 %d %s %d %s" % (len(PAYLOAD_TYPE), PAYLOAD_TYPE, len(payload), payload)
    envelope = {
        "payload": base64.b64encode(payload).decode(),
        "payloadType": PAYLOAD_TYPE.decode(),
        "signatures": [{"keyid": key_id, "sig": base64.b64encode(key.sign(pae)).decode()}],
    }
    return canonical(envelope), "sha256:" + hashlib.sha256(payload).hexdigest()
