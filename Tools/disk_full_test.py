#!/usr/bin/env python3
"""Crash-safety test: a ledger on a tiny tmpfs runs out of space.

Appends must fail with a clear "disk is full" error (exit status 3) and leave nothing half
written: the ledger opens, its checkpoint covers exactly the acknowledged records, and once
space is freed (the tmpfs grown) appends work again and the log stays consistent. Publishing
tiles to the full disk fails cleanly too, and succeeds after.

Needs root, to mount the tmpfs.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile


def colophon(binary, *args, status=None):
    result = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)
    if status is not None and result.returncode != status:
        raise SystemExit(f"disk_full_test: colophon {' '.join(args)} exited {result.returncode}, expected {status}: {result.stderr.strip()}")
    return result


def statement(number):
    # About 32 KB per record, so a few dozen fill the disk.
    return {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": f"{number}.png", "digest": {"sha256": f"{number:064x}"}}],
        "predicateType": "https://colophon.dev/predicate/generation@v1",
        "predicate": {
            "createdAt": "2026-11-29T10:00:00Z",
            "originClass": "ai_generated",
            "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
            "prompt": f"{number} " + "x" * 16000,
            "negativePrompt": "y" * 16000,
        },
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--colophon", required=True)
    args = parser.parse_args()
    binary = os.path.abspath(args.colophon)
    if os.geteuid() != 0:
        raise SystemExit("disk_full_test: needs root to mount a tmpfs (run Tools/test as root)")
    with tempfile.TemporaryDirectory(prefix="colophon-diskfull-") as work:
        mount = os.path.join(work, "mnt")
        os.mkdir(mount)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount], check=True)
        try:
            run(binary, work, mount)
        finally:
            subprocess.run(["umount", mount], check=False)


def run(binary, work, mount):
    ledger = os.path.join(mount, "ledger")
    colophon(binary, "init", "--ledger", ledger, "--origin", "diskfull.colophon.example/log", status=0)
    colophon(binary, "key", "new", "studio", "--role", "generator", "--ledger", ledger, status=0)
    acknowledged = []
    failure = None
    for number in range(1, 1000):
        path = os.path.join(work, "statement.json")
        with open(path, "w") as handle:
            json.dump(statement(number), handle)
        signed = colophon(binary, "record", "sign", path, "--key", "studio", "--ledger", ledger, status=0)
        envelope = os.path.join(work, f"envelope-{number}.json")
        with open(envelope, "w") as handle:
            handle.write(signed.stdout)
        result = colophon(binary, "append", envelope, "--ledger", ledger, "--json")
        if result.returncode != 0:
            failure = result
            break
        acknowledged.append(json.loads(result.stdout)["records"][0]["recordId"])
    if failure is None:
        raise SystemExit("disk_full_test: the disk never filled up")
    message = failure.stderr.strip()
    if failure.returncode != 3 or "disk is full" not in message or "\n" in message:
        raise SystemExit(f"disk_full_test: expected exit 3 and one line saying the disk is full, got {failure.returncode}: {message!r}")
    print(f"disk_full_test: after {len(acknowledged)} appends: {message}")

    # Nothing half-written: the ledger opens and its checkpoint covers exactly what was acknowledged.
    head = json.loads(colophon(binary, "log", "checkpoint", "--ledger", ledger, "--json", status=0).stdout)
    expected = 2 + len(acknowledged)  # the two key records, then the acknowledged appends
    if head["size"] != expected:
        raise SystemExit(f"disk_full_test: the log has {head['size']} entries, expected {expected}")
    for record in acknowledged:
        colophon(binary, "show", record, "--ledger", ledger, status=0)
    tiles = os.path.join(mount, "tiles")
    full = colophon(binary, "log", "tiles", "--out", tiles, "--ledger", ledger)
    print(f"disk_full_test: publishing tiles to the full disk: exit {full.returncode}: {full.stderr.strip()}")

    # Free space: the same ledger works again and stays consistent.
    subprocess.run(["mount", "-o", "remount,size=64m", mount], check=True)
    retry = colophon(binary, "append", envelope, "--ledger", ledger, "--json", status=0)
    after = json.loads(retry.stdout)
    if after["checkpoint"]["size"] != expected + 1:
        raise SystemExit("disk_full_test: the append after freeing space did not extend the log by one")
    proof = json.loads(colophon(binary, "log", "consistency", str(head["size"]), str(after["checkpoint"]["size"]), "--ledger", ledger, "--json", status=0).stdout)
    if proof["old"]["root"] != head["root"]:
        raise SystemExit("disk_full_test: the log's history changed across the disk-full episode")
    colophon(binary, "log", "tiles", "--out", tiles, "--ledger", ledger, status=0)
    verifier = os.path.join(os.path.dirname(os.path.abspath(__file__)), "verify_bundle.py")
    subprocess.run([sys.executable, verifier, "tiles", tiles, "--vkey", os.path.join(ledger, "log.vkey")], check=True, capture_output=True)
    print(f"disk_full_test: ledger recovered: size {after['checkpoint']['size']}, consistent with the pre-full checkpoint, tiles verify")


if __name__ == "__main__":
    main()
