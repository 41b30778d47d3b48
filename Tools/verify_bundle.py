#!/usr/bin/env python3
"""Independent verifier for what Colophon publishes.

It shares no code with Colophon: Python's standard library plus `cryptography` for Ed25519.
It checks, from the bytes alone and a log's verifier key (vkey):

  tiles DIR --vkey VKEY           a C2SP tlog-tiles directory: the signed checkpoint, every entry
                                  bundle, every hash tile, and the root recomputed from the entries
  proof FILE --vkey VKEY --entry E a c2sp.org/tlog-proof@v1 file for one entry (a DSSE envelope)
  consistency FILE.json --vkey V  an RFC 6962 consistency proof as `colophon log consistency --json`
                                  prints it, against the two checkpoint notes given with --old/--new

Exit status: 0 verified, 1 not verified, 2 unreadable input.
"""

import argparse
import base64
import hashlib
import json
import os
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

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
    return {"origin": origin, "index": index, "size": size}


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
    args = parser.parse_args(argv)
    try:
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
    except (Unreadable, OSError, ValueError, KeyError) as error:
        print(f"verify_bundle: unreadable input: {error}", file=sys.stderr)
        return 2
    print(json.dumps({"verified": True, **result}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
