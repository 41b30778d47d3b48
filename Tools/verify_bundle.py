#!/usr/bin/env python3
"""Independent verifier for what Colophon publishes.

It shares no code with Colophon: Python's standard library plus `cryptography` for Ed25519.
It checks, from the bytes alone and a log's verifier key (vkey):

  tiles DIR --vkey VKEY           a C2SP tlog-tiles directory: the signed checkpoint, every entry
                                  bundle, every hash tile, and the root recomputed from the entries
  proof FILE --vkey VKEY --entry E a c2sp.org/tlog-proof@v1 file for one entry (a DSSE envelope)
  consistency FILE.json --vkey V  an RFC 6962 consistency proof as `colophon log consistency --json`
                                  prints it, against the two checkpoint notes given with --old/--new
  bundle BUNDLE.zip [--vkey V]    an evidence bundle from `colophon export`: every file against
                                  SHA256SUMS and MANIFEST.json, the manifest's signature, every
                                  record's id and signatures against the key history in the bundle,
                                  every inclusion proof, the consistency proof, the custody record.
                                  Without --vkey the log key is taken from the bundle.

Exit status: 0 verified, 1 not verified, 2 unreadable input.
"""

import argparse
import base64
import hashlib
import json
import os
import struct
import sys

import zipfile
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

EM_DASH = "\u2014"


class Unverified(Exception):
    """The input parsed, but does not verify."""


class Unreadable(Exception):
    """The input is malformed."""


# --- RFC 6962 -------------------------------------------------------------------------------

def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def merkle_root(leaves):
    """MTH over a list of leaf hashes, by the RFC 6962 recursive split (iteratively)."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    # Fold perfect subtrees left to right, keeping a stack like a compact range.
    stack = []  # (height, hash)
    for leaf in leaves:
        height, value = 0, leaf
        while stack and stack[-1][0] == height:
            _, left = stack.pop()
            value = node_hash(left, value)
            height += 1
        stack.append((height, value))
    value = stack[-1][1]
    for _, left in reversed(stack[:-1]):
        value = node_hash(left, value)
    return value


def root_from_inclusion(index, size, leaf, path):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        raise Unverified(f"index {index} is outside a tree of size {size}")
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            raise Unverified("inclusion path too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Unverified("inclusion path too short")
    return r


def verify_consistency(size1, size2, root1, root2, proof):
    """RFC 9162 section 2.1.4.2, with the size rules checked first."""
    if size1 > size2:
        raise Unverified("old size larger than new size")
    if size1 == 0:
        raise Unverified("consistency with the empty tree proves nothing")
    if size1 == size2:
        if proof or root1 != root2:
            raise Unverified("equal sizes need an empty proof and equal roots")
        return
    if not proof:
        raise Unverified("empty consistency proof")
    path = list(proof)
    if size1 & (size1 - 1) == 0:
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise Unverified("consistency proof too long")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0 or fr != root1 or sr != root2:
        raise Unverified("consistency proof does not lead to both roots")


# --- C2SP signed notes and checkpoints ------------------------------------------------------

def b64decode(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except Exception as error:  # noqa: BLE001 - any decoding failure is unreadable input
        raise Unreadable(f"not base64: {text[:40]!r}") from error


class Verifier:
    """A vkey: name+hex8(key id)+base64(0x01 || Ed25519 public key)."""

    def __init__(self, vkey: str):
        parts = vkey.strip().split("+", 2)
        if len(parts) != 3:
            raise Unreadable("a vkey is name+id+key")
        self.name, key_id_hex, key_b64 = parts
        raw = b64decode(key_b64)
        if len(raw) != 33 or raw[0] != 0x01:
            raise Unreadable("the vkey is not an Ed25519 (type 0x01) key")
        self.public = raw[1:]
        computed = hashlib.sha256(self.name.encode() + b"\n" + raw[:1] + self.public).digest()[:4]
        if computed.hex() != key_id_hex:
            raise Unreadable("the vkey's key id does not match its key")
        self.key_id = computed
        self.key = Ed25519PublicKey.from_public_bytes(self.public)


def open_checkpoint(note: str, verifier: Verifier):
    """Verifies a signed checkpoint note and returns (origin, size, root)."""
    if "\n\n" not in note or not note.endswith("\n"):
        raise Unreadable("not a signed note")
    split = note.rindex("\n\n")
    text, signatures = note[: split + 1], note[split + 2 :]
    verified = False
    for line in signatures.splitlines():
        if not line.startswith(EM_DASH + " "):
            raise Unreadable("a line after the blank line is not a signature")
        name, _, sig_b64 = line[2:].partition(" ")
        sig = b64decode(sig_b64)
        if name != verifier.name or sig[:4] != verifier.key_id:
            continue  # an unknown signer (a witness, say) is ignored
        try:
            verifier.key.verify(sig[4:], text.encode())
        except InvalidSignature as error:
            raise Unverified(f"the checkpoint signature by {name} does not verify") from error
        verified = True
    if not verified:
        raise Unverified("the checkpoint carries no signature by the log's key")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        raise Unreadable("a checkpoint has origin, size and root lines")
    origin, size_text, root_b64 = lines[0], lines[1], lines[2]
    if origin != verifier.name:
        raise Unverified(f"checkpoint for {origin}, not {verifier.name}")
    if not size_text.isdigit() or (len(size_text) > 1 and size_text[0] == "0"):
        raise Unreadable("bad checkpoint size")
    root = b64decode(root_b64)
    if len(root) != 32:
        raise Unreadable("the checkpoint root is not 32 bytes")
    return origin, int(size_text), root


# --- tlog-tiles ------------------------------------------------------------------------------

def tile_index_path(index: int) -> str:
    groups = []
    while True:
        groups.append(f"{index % 1000:03d}")
        index //= 1000
        if index == 0:
            break
    groups.reverse()
    return "/".join(["x" + g for g in groups[:-1]] + [groups[-1]])


def tile_path(level, index, width):
    name = "entries" if level is None else str(level)
    suffix = "" if width == 256 else f".p/{width}"
    return f"tile/{name}/{tile_index_path(index)}{suffix}"


def read_file(directory, relative):
    path = os.path.join(directory, relative)
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise Unverified(f"{relative} is missing") from error


def verify_tiles(directory, verifier):
    origin, size, root = open_checkpoint(read_file(directory, "checkpoint").decode(), verifier)
    leaves = []
    for bundle in range((size + 255) // 256):
        width = min(256, size - bundle * 256)
        data = read_file(directory, tile_path(None, bundle, width))
        offset, count = 0, 0
        while offset < len(data):
            if offset + 2 > len(data):
                raise Unverified(f"bundle {bundle} is truncated")
            (length,) = struct.unpack(">H", data[offset : offset + 2])
            entry = data[offset + 2 : offset + 2 + length]
            if len(entry) != length:
                raise Unverified(f"bundle {bundle} is truncated")
            leaves.append(leaf_hash(entry))
            offset += 2 + length
            count += 1
        if count != width:
            raise Unverified(f"bundle {bundle} holds {count} entries, expected {width}")
    if merkle_root(leaves) != root:
        raise Unverified("the entries do not hash to the checkpoint's root")
    level, hashes, tiles = 0, leaves, 0
    while hashes:
        for tile in range((len(hashes) + 255) // 256):
            chunk = hashes[tile * 256 : tile * 256 + 256]
            if read_file(directory, tile_path(level, tile, len(chunk))) != b"".join(chunk):
                raise Unverified(f"{tile_path(level, tile, len(chunk))} does not match the entries")
            tiles += 1
        hashes = [merkle_root(hashes[t * 256 : t * 256 + 256]) for t in range(len(hashes) // 256)]
        level += 1
    return {"origin": origin, "size": size, "root": base64.b64encode(root).decode(), "tiles": tiles}


# --- tlog-proof ------------------------------------------------------------------------------

def canonical_envelope(data: bytes) -> bytes:
    """RFC 8785 form of a DSSE envelope. Its members are ASCII-named strings and arrays, for
    which sorted keys, no whitespace and no ASCII escaping are exactly JCS."""
    try:
        envelope = json.loads(data)
    except ValueError as error:
        raise Unreadable(f"the entry is not JSON: {error}") from error
    if not isinstance(envelope, dict) or set(envelope) != {"payload", "payloadType", "signatures"}:
        raise Unreadable("the entry is not a DSSE envelope")
    return json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def verify_proof(text, entry, verifier):
    lines = text.split("\n")
    if lines[0] != "c2sp.org/tlog-proof@v1":
        raise Unreadable("not a c2sp.org/tlog-proof@v1 file")
    position = 1
    if lines[position].startswith("extra "):
        position += 1
    if not lines[position].startswith("index "):
        raise Unreadable("missing index line")
    index = int(lines[position][6:])
    position += 1
    path = []
    while lines[position] != "":
        path.append(b64decode(lines[position]))
        position += 1
    note = "\n".join(lines[position + 1 :])
    origin, size, root = open_checkpoint(note, verifier)
    if root_from_inclusion(index, size, leaf_hash(entry), path) != root:
        raise Unverified("the inclusion path does not lead to the checkpoint's root")
    return {"origin": origin, "index": index, "size": size, "root": base64.b64encode(root).decode()}


# --- RFC 3161 time-stamp tokens (CMS SignedData), read with a minimal DER parser -------------

OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
OID_TST_INFO = "1.2.840.113549.1.9.16.1.4"
OID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
HASHES = {"2.16.840.1.101.3.4.2.1": hashes.SHA256, "2.16.840.1.101.3.4.2.2": hashes.SHA384,
          "2.16.840.1.101.3.4.2.3": hashes.SHA512}
SIGNATURE_HASHES = {"1.2.840.10045.4.3.2": hashes.SHA256, "1.2.840.10045.4.3.3": hashes.SHA384,
                    "1.2.840.10045.4.3.4": hashes.SHA512, "1.2.840.113549.1.1.11": hashes.SHA256,
                    "1.2.840.113549.1.1.12": hashes.SHA384, "1.2.840.113549.1.1.13": hashes.SHA512}


def der(data, offset=0):
    """One TLV at offset: (tag, value start, value end, TLV start)."""
    if offset + 2 > len(data):
        raise Unverified("truncated DER")
    tag, length, position = data[offset], data[offset + 1], offset + 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or position + count > len(data):
            raise Unverified("bad DER length")
        length = int.from_bytes(data[position:position + count], "big")
        position += count
    if position + length > len(data):
        raise Unverified("truncated DER")
    return tag, position, position + length, offset


def children(data, item):
    """The TLVs inside a constructed TLV."""
    found, offset = [], item[1]
    while offset < item[2]:
        child = der(data, offset)
        found.append(child)
        offset = child[2]
    return found


def oid(data, item):
    body = data[item[1]:item[2]]
    if item[0] != 0x06 or not body:
        raise Unverified("expected an OID")
    parts, value = [body[0] // 40, body[0] % 40], 0
    for byte in body[1:]:
        value = value << 7 | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    return ".".join(map(str, parts))


def verify_timestamp(response, digest, roots_pem):
    """Checks a DER TimeStampResp over `digest` (SHA-256 bytes) against PEM roots: status
    granted, the imprint, the signed attributes, the signature, the signer's timeStamping
    EKU and its chain to a root. Returns the token's genTime."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
    parts = children(response, der(response))
    status = children(response, parts[0])[0]
    if int.from_bytes(response[status[1]:status[2]], "big") not in (0, 1) or len(parts) < 2:
        raise Unverified("the TSA did not grant the time-stamp")
    content_info = children(response, parts[1])
    if oid(response, content_info[0]) != OID_SIGNED_DATA:
        raise Unverified("the token is not CMS SignedData")
    fields = children(response, der(response, content_info[1][1]))
    encap = children(response, fields[2])
    if oid(response, encap[0]) != OID_TST_INFO:
        raise Unverified("the token does not hold a TSTInfo")
    octets = der(response, encap[1][1])
    tst = bytes(response[octets[1]:octets[2]])
    tst_fields = children(tst, der(tst))
    imprint = children(tst, tst_fields[2])
    if oid(tst, children(tst, imprint[0])[0]) != "2.16.840.1.101.3.4.2.1" or tst[imprint[1][1]:imprint[1][2]] != digest:
        raise Unverified("the token's message imprint is not the SHA-256 of the stamped file")
    gen_time = tst[tst_fields[4][1]:tst_fields[4][2]].decode()
    certificates = []
    for item in fields[3:-1]:
        if item[0] == 0xA0:
            certificates = [x509.load_der_x509_certificate(bytes(response[c[3]:c[2]])) for c in children(response, item)]
    info = children(response, children(response, fields[-1])[0])
    sid, attrs = info[1], info[3]
    if attrs[0] != 0xA0:
        raise Unverified("the token's signer has no signed attributes")
    # Signed attributes are signed as a DER SET: the [0] IMPLICIT tag becomes 0x31.
    signed_attrs = b"\x31" + bytes(response[attrs[3] + 1:attrs[2]])
    seen = {}
    for attribute in children(response, attrs):
        pieces = children(response, attribute)
        seen[oid(response, pieces[0])] = children(response, pieces[1])[0]
    hash_class = HASHES.get(oid(response, children(response, info[2])[0]))
    if hash_class is None or OID_MESSAGE_DIGEST not in seen or OID_CONTENT_TYPE not in seen:
        raise Unverified("the token's signed attributes are incomplete")
    if oid(response, seen[OID_CONTENT_TYPE]) != OID_TST_INFO:
        raise Unverified("the token's content type attribute is not TSTInfo")
    hasher = hashes.Hash(hash_class())
    hasher.update(tst)
    message_digest = seen[OID_MESSAGE_DIGEST]
    if response[message_digest[1]:message_digest[2]] != hasher.finalize():
        raise Unverified("the token's message digest is not the TSTInfo's")
    signature_hash = SIGNATURE_HASHES.get(oid(response, children(response, info[4])[0]), hash_class)
    signature = bytes(response[info[5][1]:info[5][2]])
    serial = None
    if sid[0] == 0x30:
        serial_item = children(response, sid)[1]
        serial = int.from_bytes(response[serial_item[1]:serial_item[2]], "big")
    signer_cert = next((c for c in certificates if serial is None or c.serial_number == serial), None)
    if signer_cert is None:
        raise Unverified("the token does not carry its signer's certificate")
    key = signer_cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed_attrs, ec.ECDSA(signature_hash()))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed_attrs, padding.PKCS1v15(), signature_hash())
        elif isinstance(key, Ed25519PublicKey):
            key.verify(signature, signed_attrs)
        else:
            raise Unverified("the TSA's key type is not supported")
    except InvalidSignature as error:
        raise Unverified("the token's signature does not verify") from error
    usage = signer_cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    if not usage.critical or list(usage.value) != [x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]:
        raise Unverified("the TSA's certificate is not for time-stamping alone (RFC 3161: a critical EKU)")
    roots = x509.load_pem_x509_certificates(roots_pem)
    now = datetime.now(tz=datetime.now().astimezone().tzinfo)
    current, pool = signer_cert, certificates + roots
    for _ in range(6):
        if not current.not_valid_before_utc <= now <= current.not_valid_after_utc:
            raise Unverified(f"the certificate {current.subject.rfc4514_string()} is not valid now")
        if any(current.issuer == root.subject and issued_by(current, root) for root in roots):
            return gen_time
        parent = next((c for c in pool if c.subject == current.issuer and c != current and issued_by(current, c)), None)
        if parent is None:
            break
        current = parent
    raise Unverified("the TSA's certificate does not chain to a trusted root")


def issued_by(certificate, issuer):
    """Signed by `issuer`, which must be a CA."""
    from cryptography import x509
    try:
        if not issuer.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            return False
    except x509.ExtensionNotFound:
        return False
    try:
        certificate.verify_directly_issued_by(issuer)
        return True
    except (ValueError, TypeError, InvalidSignature):
        return False


# --- evidence bundles ------------------------------------------------------------------------

KEY_TYPE = "https://colophon.dev/predicate/key@v1"
CUSTODY_TYPE = "https://colophon.dev/predicate/custody@v1"
MANIFEST_TYPE = "https://colophon.dev/bundle/manifest@v1"
MAX_ENTRIES, MAX_TOTAL, MAX_RATIO = 700_000, 8 << 30, 200


def read_bundle(path):
    """Every entry of the zip, refusing what could escape a folder or exhaust memory."""
    try:
        return read_entries(path)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as error:
        raise Unreadable(f"not a readable zip archive: {error}") from error
    except Exception as error:  # noqa: BLE001 - zlib.error and friends: the archive is damaged
        raise Unreadable(f"a damaged zip archive: {error}") from error


def read_entries(path):
    archive = zipfile.ZipFile(path)
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise Unreadable("too many entries")
    files, total, packed = {}, 0, 0
    for info in infos:
        name = info.orig_filename
        parts = name.split("/")
        if (not name or name.startswith("/") or "\\" in name or ".." in parts or "." in parts or name[1:2] == ":"
                or any(ord(c) < 0x20 or ord(c) == 0x7F for c in name)):
            raise Unreadable(f"the entry name {name!r} could escape the folder (zip-slip)")
        canonical = name
        if canonical in files:
            raise Unreadable(f"the entry {name} appears twice")
        if info.is_dir():
            continue
        total += info.file_size
        packed += info.compress_size
        if total > MAX_TOTAL or (info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1)) \
                or (total > 16 << 20 and total > MAX_RATIO * max(packed, 1)):
            raise Unreadable(f"{name} expands too far (a zip bomb?)")
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
        if len(data) != info.file_size:
            raise Unreadable(f"{name} does not hold the size its header declares")
        files[canonical] = data
    return files


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_sums(data: bytes):
    sums = {}
    for line in data.decode().split("\n")[:-1] if data.endswith(b"\n") else data.decode().split("\n"):
        digest, sep, path = line.partition("  ")
        if not sep or len(digest) != 64:
            raise Unverified("a malformed checksum line")
        sums[path] = digest
    return sums


def rfc3339(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def pae(payload_type: str, payload: bytes) -> bytes:
    kind = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def open_envelope(data: bytes):
    envelope = json.loads(data)
    if set(envelope) != {"payload", "payloadType", "signatures"}:
        raise Unverified("not a DSSE envelope")
    return envelope, b64decode(envelope["payload"])


class KeyHistory:
    """The key records of the log, applied in log order: who may sign what, and when."""

    def __init__(self):
        self.keys = {}

    @staticmethod
    def load_key(pem: str, key_id: str):
        key = serialization.load_pem_public_key(pem.encode())
        der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        if sha256_hex(der) != key_id:
            raise Unverified(f"key {key_id[:16]}: its id is not the SHA-256 of its public key")
        return key

    @staticmethod
    def signature_verifies(key, signature: bytes, message: bytes) -> bool:
        try:
            if isinstance(key, Ed25519PublicKey):
                key.verify(signature, message)
            else:
                if len(signature) == 64:
                    signature = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
                key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
            return True
        except (InvalidSignature, ValueError):
            return False

    def problem(self, key_id, index, time):
        """Why a signature by this key at this log position and time does not count, or None."""
        state = self.keys[key_id]
        revocation, rotation = state.get("revocation"), state.get("rotation")
        if revocation and revocation["compromised"] and time >= revocation["compromised"]:
            return f"signed with key {state['name']} at or after its compromise"
        if index < state["registered"]:
            return f"signed with key {state['name']} before it was registered"
        if revocation and index > revocation["index"]:
            return f"signed with key {state['name']} after it was revoked"
        if rotation and index > rotation["index"]:
            return f"signed with key {state['name']} after it was rotated out"
        return None

    def check(self, envelope, payload, index, time, introduced=None):
        """Every signature verifies and counts; returns the signing key ids."""
        message = pae(envelope["payloadType"], payload)
        if not envelope["signatures"]:
            raise Unverified("a record without signatures")
        signers = []
        for signature in envelope["signatures"]:
            key_id = signature.get("keyid", "")
            raw = b64decode(signature["sig"])
            if key_id in self.keys:
                if not self.signature_verifies(self.keys[key_id]["key"], raw, message):
                    raise Unverified(f"the signature by key {self.keys[key_id]['name']} does not verify")
                problem = self.problem(key_id, index, time)
                if problem:
                    raise Unverified(problem)
            elif introduced and key_id == introduced[0]:
                if not self.signature_verifies(introduced[1], raw, message):
                    raise Unverified("the signature by the key being registered does not verify")
            else:
                raise Unverified(f"key {key_id[:16]} is not registered by any key record in the bundle")
            signers.append(key_id)
        return signers

    def apply(self, envelope, payload, statement, index, time):
        predicate = statement["predicate"]
        key_id, action = predicate["keyId"], predicate["action"]
        if not any(s.get("digest", {}).get("sha256") == key_id for s in statement["subject"]):
            raise Unverified("a key record's subject must be the key id")
        introduced = None
        if action in ("register", "rotate"):
            introduced = (key_id, self.load_key(predicate["publicKey"], key_id))
        signers = set(self.check(envelope, payload, index, time, introduced))
        if action in ("register", "rotate"):
            if key_id in self.keys or key_id not in signers:
                raise Unverified(f"key {key_id[:16]}: registered twice, or without proof of possession")
            name = predicate["name"]
            if action == "register" and any(k["name"] == name and self.active(k) for k in self.keys.values()):
                raise Unverified(f"the name {name} is held by an active key")
            if action == "rotate":
                previous = self.keys.get(predicate.get("previousKeyId", ""))
                if not previous or not self.active(previous) or predicate["previousKeyId"] not in signers:
                    raise Unverified("a rotation must replace an active key and be signed by it")
                previous["rotation"] = {"index": index, "successor": key_id}
            self.keys[key_id] = {"name": name, "role": predicate["role"], "key": introduced[1], "registered": index}
        elif action == "revoke":
            state = self.keys.get(key_id)
            if not state or state.get("revocation"):
                raise Unverified(f"key {key_id[:16]}: revoked but not registered, or revoked twice")
            successor = (state.get("rotation") or {}).get("successor")
            if not any(s in (key_id, successor) or (s in self.keys and self.keys[s]["role"] == "log" and self.active(self.keys[s]))
                       for s in signers):
                raise Unverified("a revocation must be signed by the key, its successor or the log key")
            compromised = predicate.get("compromisedAt")
            state["revocation"] = {"index": index, "compromised": rfc3339(compromised) if compromised else None}
        else:
            raise Unverified(f"unknown key action {action}")

    @staticmethod
    def active(state):
        return not state.get("rotation") and not state.get("revocation")


def referenced_blobs(value, key=None):
    """Blob references, by Colophon's naming convention: members named blob or ending in Blob."""
    found = []
    is_blob = key is not None and (key == "blob" or key.endswith("Blob"))
    if isinstance(value, str) and is_blob and value.startswith("sha256:") and len(value) == 71:
        found.append(value)
    elif isinstance(value, list):
        for item in value:
            found += referenced_blobs(item, key if is_blob else None)
    elif isinstance(value, dict):
        for name, member in value.items():
            found += referenced_blobs(member, name)
    return found


def verify_evidence_bundle(path, vkey=None, openings=(), tsa_roots=None):
    files = read_bundle(path)
    extra = {}
    for position, opening_path in enumerate(openings):
        with open(opening_path) as handle:
            extra[f"--opening {position}: {opening_path}"] = json.load(handle)
    try:
        return check_evidence_bundle(files, vkey, extra, tsa_roots)
    except Unverified:
        raise
    except Exception as error:  # noqa: BLE001 - the archive was readable: anything malformed inside it is a failed check, as in Colophon
        raise Unverified(f"{type(error).__name__}: {error}") from error


def opening_commitment(opening):
    """sha256: + SHA-256 of the RFC 8785 form of {"field", "salt", "value"} (all strings)."""
    body = {"field": opening["field"], "salt": opening["salt"], "value": opening["value"]}
    return "sha256:" + sha256_hex(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())


def verify_openings(document, files):
    """Each opening matches the commitment its record carries for that field."""
    record = document["record"]
    data = files.get(f"records/{record[len('sha256:'):]}.json")
    if data is None:
        raise Unverified(f"an opening names {record}, which is not in the bundle")
    _, payload = open_envelope(data)
    predicate = json.loads(payload)["predicate"]
    for opening in document["openings"]:
        committed = predicate.get(opening["field"])
        if not isinstance(committed, dict) or committed.get("commitment") != opening_commitment(opening):
            raise Unverified(f"the opening of {opening['field']} does not match {record}'s commitment")


def check_evidence_bundle(files, vkey, extra_openings=None, tsa_roots=None):
    extra_openings = extra_openings or {}
    if "SHA256SUMS" not in files or "MANIFEST.json" not in files:
        raise Unverified("SHA256SUMS or MANIFEST.json is missing")
    sums = parse_sums(files["SHA256SUMS"])
    others = set(files) - {"SHA256SUMS"}
    if set(sums) != others:
        raise Unverified(f"SHA256SUMS does not list exactly the bundle's files: {sorted(set(sums) ^ others)[:5]}")
    for name, digest in sums.items():
        if sha256_hex(files[name]) != digest:
            raise Unverified(f"{name} does not match SHA256SUMS")
    manifest = json.loads(files["MANIFEST.json"])
    if manifest.get("format") != "colophon-bundle/v1":
        raise Unverified("not a colophon-bundle/v1 manifest")
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    after = {manifest["timestamps"]["manifest"], manifest["timestamps"]["manifestRequest"]} if manifest.get("timestamps") else set()
    if set(listed) != others - {"MANIFEST.json", "MANIFEST.sig"} - after:
        raise Unverified("the manifest does not list exactly the bundle's files")
    if any(sha256_hex(files[name]) != digest for name, digest in listed.items()):
        raise Unverified("a file does not match the manifest")

    verifier = Verifier(vkey if vkey else files["log/vkey"].decode().strip())
    _, size, root = open_checkpoint(files[manifest["log"]["checkpoint"]].decode(), verifier)
    if size != manifest["log"]["size"] or base64.b64encode(root).decode() != manifest["log"]["root"]:
        raise Unverified("the checkpoint is not the one the manifest names")

    history = KeyHistory()
    records = sorted(manifest["records"], key=lambda r: r["index"])
    record_files = [r["file"] for r in records]
    if sorted(record_files) != sorted(n for n in files if n.startswith("records/")) or len(set(record_files)) != len(record_files):
        raise Unverified("the manifest does not list each record file exactly once")
    previous = None
    for record in records:
        time = rfc3339(record["integratedAt"])
        if previous and (record["index"] <= previous[0] or time < previous[1]):
            raise Unverified(f"{record['id']}: its index or time goes back")
        previous = (record["index"], time)
        _, payload = open_envelope(files[record["file"]])
        if json.loads(payload).get("predicateType") != record["predicateType"]:
            raise Unverified(f"{record['id']} is labelled with another type than its statement's")
    for record in records:
        if record["predicateType"] != KEY_TYPE:
            continue
        envelope, payload = open_envelope(files[record["file"]])
        history.apply(envelope, payload, json.loads(payload), record["index"], rfc3339(record["integratedAt"]))

    cited, custody, subjects = set(), None, set()
    for record in records:
        data = files.get(record["file"])
        if data is None:
            raise Unverified(f"{record['file']} is missing")
        if canonical_envelope(data) != data:
            raise Unverified(f"{record['file']} is not in canonical form")
        envelope, payload = open_envelope(data)
        digest = sha256_hex(payload)
        if "sha256:" + digest != record["id"] or record["file"] != f"records/{digest}.json":
            raise Unverified(f"{record['file']} does not hash to its record id")
        statement = json.loads(payload)
        if record["predicateType"] != KEY_TYPE:
            history.check(envelope, payload, record["index"], rfc3339(record["integratedAt"]))
        proven = verify_proof(files[record["proof"]].decode(), data, verifier)
        if proven["index"] != record["index"] or proven["size"] != size or proven["root"] != base64.b64encode(root).decode():
            raise Unverified(f"{record['proof']} proves another index or checkpoint")
        cited.update(referenced_blobs(statement.get("predicate")))
        subjects.update(s.get("digest", {}).get("sha256") for s in statement.get("subject", []))
        if record["id"] == manifest["custody"]:
            custody = (record, statement)

    for name, data in files.items():
        if name.startswith("blobs/") and name != "blobs/" + sha256_hex(data):
            raise Unverified(f"{name} does not hash to its name")
        if name.startswith("assets/") and sha256_hex(data) not in subjects:
            raise Unverified(f"{name} is the subject of no record in the bundle")

    envelope, payload = open_envelope(files["MANIFEST.sig"])
    statement = json.loads(payload)
    if statement.get("predicateType") != MANIFEST_TYPE or \
            statement["subject"][0]["digest"]["sha256"] != sha256_hex(files["MANIFEST.json"]):
        raise Unverified("MANIFEST.sig does not sign this MANIFEST.json")
    if custody is None:
        raise Unverified("the custody record is missing")
    exporter = manifest["exporter"]["keyId"]
    custody_envelope, _ = open_envelope(files[custody[0]["file"]])
    if exporter not in [s.get("keyid") for s in custody_envelope["signatures"]]:
        raise Unverified("the manifest's exporter did not sign the custody record of the export")
    envelope["signatures"] = [s for s in envelope["signatures"] if s.get("keyid") == exporter]
    if not envelope["signatures"]:
        raise Unverified("MANIFEST.sig is not signed by the exporter's key")
    history.check(envelope, payload, custody[0]["index"], rfc3339(custody[0]["integratedAt"]))

    record, statement = custody
    predicate = statement["predicate"]
    contents = files[manifest["contents"]]
    if statement["predicateType"] != CUSTODY_TYPE or predicate["action"] != "export" or \
            predicate.get("package", {}).get("sha256") != sha256_hex(contents):
        raise Unverified("the custody record does not name these contents")
    expected = {n for n in files if n.startswith(("records/", "blobs/", "openings/", "assets/"))} - {record["file"]}
    listed = parse_sums(contents)
    if set(listed) != expected or any(sha256_hex(files[n]) != d for n, d in listed.items()):
        raise Unverified("contents.sha256 does not list exactly the bundle's records, blobs and openings")

    opened = 0
    for name in sorted(n for n in files if n.startswith("openings/")) + sorted(extra_openings):
        document = json.loads(files[name]) if name in files else extra_openings[name]
        verify_openings(document, files)
        opened += 1

    stamped = []
    timestamps = manifest.get("timestamps")
    if timestamps:
        roots = tsa_roots if tsa_roots else files[timestamps["roots"]]
        for token, data in ((timestamps["checkpoint"], manifest["log"]["checkpoint"]), (timestamps["manifest"], "MANIFEST.json")):
            stamped.append(verify_timestamp(files[token], hashlib.sha256(files[data]).digest(), roots))
    elif tsa_roots:
        raise Unverified("the bundle carries no RFC 3161 tokens")

    since = manifest["log"].get("since")
    if since:
        _, old_size, old_root = open_checkpoint(files[since["checkpoint"]].decode(), verifier)
        document = json.loads(files[since["proof"]])
        verify_consistency(old_size, size, old_root, root, [b64decode(h) for h in document["proof"]])
    return {"records": len(records), "checkpoint": size, "openings": opened, "timestamps": stamped, "blobs": sum(1 for n in files if n.startswith("blobs/")),
            "uncitedBlobs": len(cited - {"sha256:" + n[6:] for n in files if n.startswith("blobs/")})}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    tiles = commands.add_parser("tiles")
    tiles.add_argument("directory")
    tiles.add_argument("--vkey", required=True)
    proof = commands.add_parser("proof")
    proof.add_argument("file")
    proof.add_argument("--vkey", required=True)
    proof.add_argument("--entry", required=True)
    consistency = commands.add_parser("consistency")
    consistency.add_argument("file")
    consistency.add_argument("--vkey", required=True)
    consistency.add_argument("--old", required=True, help="the older checkpoint note")
    consistency.add_argument("--new", required=True, help="the newer checkpoint note")
    bundle = commands.add_parser("bundle")
    bundle.add_argument("file")
    bundle.add_argument("--vkey", help="the log's vkey (or a file holding it); default: the bundle's")
    bundle.add_argument("--opening", action="append", default=[], help="an opening from `colophon reveal` to check")
    bundle.add_argument("--tsa-roots", help="PEM roots of the time-stamping authority to trust; default: the bundle's")
    args = parser.parse_args(argv)
    try:
        if args.command == "bundle":
            vkey = args.vkey
            if vkey and os.path.exists(vkey):
                with open(vkey) as handle:
                    vkey = handle.read().strip()
            roots = None
            if args.tsa_roots:
                with open(args.tsa_roots, "rb") as handle:
                    roots = handle.read()
            result = verify_evidence_bundle(args.file, vkey, args.opening, roots)
            print(json.dumps({"verified": True, **result}, sort_keys=True))
            return 0
        vkey = args.vkey
        if os.path.exists(vkey):
            with open(vkey) as handle:
                vkey = handle.read().strip()
        verifier = Verifier(vkey)
        if args.command == "tiles":
            result = verify_tiles(args.directory, verifier)
        elif args.command == "proof":
            with open(args.file) as handle, open(args.entry, "rb") as entry:
                result = verify_proof(handle.read(), canonical_envelope(entry.read()), verifier)
        else:
            with open(args.file) as handle:
                document = json.load(handle)
            notes = []
            for path in (args.old, args.new):
                with open(path) as handle:
                    notes.append(open_checkpoint(handle.read(), verifier))
            (_, size1, root1), (_, size2, root2) = notes
            if document["old"]["size"] != size1 or document["new"]["size"] != size2:
                raise Unverified("the proof is for other sizes than the checkpoints")
            verify_consistency(size1, size2, root1, root2, [b64decode(h) for h in document["proof"]])
            result = {"old": size1, "new": size2}
    except Unverified as error:
        print(f"verify_bundle: NOT VERIFIED: {error}", file=sys.stderr)
        return 1
    except (Unreadable, OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        print(f"verify_bundle: unreadable input: {error}", file=sys.stderr)
        return 2
    print(json.dumps({"verified": True, **result}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
