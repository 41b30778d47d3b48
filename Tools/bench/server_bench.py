#!/usr/bin/env python3
"""Server load benchmark with wrk (Debian) on loopback, the load generator on the same machine.

For the embedded SQLite ledger and, with --postgres, a PostgreSQL one:
  1. record submissions: every request a distinct envelope, freshly signed (Ed25519) by a
     registered key, so each is parsed, schema-checked, signature-verified and durably appended;
     target ≥ 5,000/s with p99 < 100 ms;
  2. tile reads: full hash tiles (8 KiB), target ≥ 20,000/s; and full entry bundles (256 whole
     envelopes, about 170 KiB each), reported with their throughput in MB/s.
Prints the figures and the ratio to each target. Use a release build:
    swift build -c release --product colophon
    python3 Tools/bench/server_bench.py --colophon .build/release/colophon [--postgres URL]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from colophon_client import generation_envelope, load_key, start_server  # noqa: E402

SUBMIT_LUA = r"""
local envelopes = {}
local next_index = 0
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  local path = args[1]
  local count = tonumber(args[2])
  local n = 0
  for line in io.lines(path) do
    if n % count == id then table.insert(envelopes, line) end
    n = n + 1
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  next_index = next_index + 1
  local body = envelopes[((next_index - 1) % #envelopes) + 1]
  return wrk.format("POST", "/v1/records", nil, body)
end
"""

TILES_LUA = r"""
local paths = {}
local next_index = 0
function init(args)
  for index = 0, tonumber(args[1]) - 1 do
    table.insert(paths, string.format(args[2], index))
  end
end
function request()
  next_index = next_index + 1
  return wrk.format("GET", paths[((next_index - 1) % #paths) + 1])
end
"""


def run(*command, **options):
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800, **options)
    if result.returncode != 0:
        raise SystemExit(f"server_bench: {' '.join(command[:3])} failed: {result.stderr.strip()[-2000:]}")
    return result.stdout


def sign_all(key, key_id, count, path):
    run_id = uuid.uuid4().hex[:8]
    with open(path, "w") as handle:
        for number in range(count):
            body, _ = generation_envelope(key, key_id, f"bench-{run_id}-{number}")
            handle.write(body.decode() + "\n")


def wrk(url, script, args, duration, connections, threads):
    output = run("wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s",
                 "-s", script, url, "--", *args)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99_match = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    p99 = float(p99_match.group(1)) * scale[p99_match.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return rate, p99, int(errors.group(1)) if errors else 0, socket_errors.group(1) if socket_errors else None


def bench(name, colophon, work, postgres, records, duration, connections, threads):
    ledger = os.path.join(work, f"ledger-{name}")
    init = [colophon, "init", "--ledger", ledger, "--origin", f"bench-{name}.colophon.example/log"]
    if postgres:
        init += ["--postgres", postgres + ("&" if "?" in postgres else "?") + "schema=bench_" + uuid.uuid4().hex[:10]]
    run(*init)
    run(colophon, "key", "new", "studio", "--role", "generator", "--ledger", ledger)
    key, key_id = load_key(os.path.join(ledger, "keys", "studio.pem"))
    envelopes = os.path.join(work, f"envelopes-{name}.jsonl")
    started = time.time()
    sign_all(key, key_id, records, envelopes)
    print(f"  signed {records} envelopes in {time.time() - started:.1f} s", flush=True)
    server, base = start_server(colophon, "--ledger", ledger, "--rate-per-key", "1e9", "--rate-per-address", "1e9")
    try:
        submit = os.path.join(work, "submit.lua")
        with open(submit, "w") as handle:
            handle.write(SUBMIT_LUA)
        before = json.load(urllib.request.urlopen(base + "/healthz"))["size"]
        rate, p99, errors, socket_errors = wrk(base, submit, [envelopes, str(threads)], duration, connections, threads)
        after = json.load(urllib.request.urlopen(base + "/healthz"))["size"]
        appended = after - before
        if after - before > records:
            raise SystemExit("server_bench: more entries than envelopes")
        tiles = os.path.join(work, "tiles.lua")
        with open(tiles, "w") as handle:
            handle.write(TILES_LUA)
        full = min(after // 256, 999)
        hash_rate, hash_p99, hash_errors, _ = wrk(base, tiles, [str(full), "/tile/0/%03d"], duration, connections, threads)
        bundle_rate, bundle_p99, bundle_errors, _ = wrk(base, tiles, [str(full), "/tile/entries/%03d"], duration, connections, threads)
        bundle_bytes = len(urllib.request.urlopen(base + "/tile/entries/000").read())
    finally:
        server.terminate()
        server.wait(timeout=60)
    print(f"  submissions: {rate:,.0f}/s, p99 {p99:.1f} ms, {errors} non-2xx, socket errors {socket_errors or 'none'}; "
          f"{appended:,} entries appended ({appended / duration:,.0f}/s)")
    print(f"    vs target 5,000/s: {rate / 5000:.2f}x; p99 vs 100 ms: {'ok' if p99 < 100 else 'OVER'}")
    print(f"  hash tile reads (8 KiB): {hash_rate:,.0f}/s, p99 {hash_p99:.2f} ms, {hash_errors} non-2xx; "
          f"vs target 20,000/s: {hash_rate / 20000:.2f}x")
    print(f"  entry bundle reads ({bundle_bytes // 1024} KiB): {bundle_rate:,.0f}/s "
          f"({bundle_rate * bundle_bytes / 1e6:,.0f} MB/s), p99 {bundle_p99:.2f} ms, {bundle_errors} non-2xx")
    return {"store": name, "submissions": rate, "p99_ms": p99, "appended": appended, "hash_tiles": hash_rate, "hash_tile_p99_ms": hash_p99,
            "bundles": bundle_rate, "bundle_bytes": bundle_bytes}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--colophon", required=True)
    parser.add_argument("--postgres")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("server_bench: wrk is missing (apt-get install wrk)")
    results = []
    with tempfile.TemporaryDirectory(prefix="colophon-server-bench-") as work:
        for name, postgres in [("sqlite", None)] + ([("postgres", args.postgres)] if args.postgres else []):
            print(f"{name}:", flush=True)
            results.append(bench(name, args.colophon, work, postgres, args.records, args.duration, args.connections, args.threads))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
