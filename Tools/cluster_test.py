#!/usr/bin/env python3
"""Many servers, one PostgreSQL log: three `colophon serve` processes share a ledger in a real
PostgreSQL database while concurrent clients submit records to all of them, and one server is
killed (SIGKILL) mid-load.

Afterwards the log must have no gaps and no duplicates, every record a server acknowledged must
be in it at the index it was given, and every checkpoint any server published during the load
must be a prefix of the one final tree (checkpoints never forked). The tiles are read back over
HTTP and verified by the independent verifier (Tools/verify_bundle.py).
"""

import argparse
import base64
import concurrent.futures
import hashlib
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify_bundle  # noqa: E402
from colophon_client import generation_envelope, load_key, start_server  # noqa: E402


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"cluster_test: {' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--colophon", required=True)
    parser.add_argument("--postgres", default=os.environ.get("COLOPHON_POSTGRES_URL"))
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=12)
    args = parser.parse_args()
    if not args.postgres:
        raise SystemExit("cluster_test: give --postgres URL or set COLOPHON_POSTGRES_URL")
    schema = "cluster_" + uuid.uuid4().hex[:12]
    url = args.postgres + ("&" if "?" in args.postgres else "?") + "schema=" + schema
    with tempfile.TemporaryDirectory(prefix="colophon-cluster-") as work:
        ledger = os.path.join(work, "ledger")
        run(args.colophon, "init", "--ledger", ledger, "--origin", "cluster.colophon.example/log", "--postgres", url)
        run(args.colophon, "key", "new", "studio", "--role", "generator", "--ledger", ledger)
        key, key_id = load_key(os.path.join(ledger, "keys", "studio.pem"))
        records = [generation_envelope(key, key_id, f"cluster-{number}") for number in range(args.records)]

        log = open(os.path.join(work, "servers.log"), "w")
        servers = []
        for _ in range(3):
            process, url = start_server(args.colophon, "--ledger", ledger, stderr=log)
            servers.append((process, int(url.rsplit(":", 1)[1])))
        alive = [True, True, True]
        acknowledged = {}  # record id -> index
        checkpoints = set()  # (size, root) seen during the load
        lock = threading.Lock()
        sent = [0]
        victim = 1

        def submit(item):
            body, record_id = item
            for attempt in range(20):
                with lock:
                    sent[0] += 1
                    if sent[0] == args.records // 3 and alive[victim]:
                        # Killed mid-load, with requests in flight.
                        servers[victim][0].send_signal(signal.SIGKILL)
                        alive[victim] = False
                    choices = [i for i in range(3) if alive[i]]
                server = random.choice(choices) if attempt else random.randrange(3)
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", servers[server][1], timeout=30)
                    connection.request("POST", "/v1/records", body, {"Content-Type": "application/json"})
                    reply = connection.getresponse()
                    data = reply.read()
                    connection.close()
                except OSError:
                    continue
                if reply.status in (200, 201):
                    answer = json.loads(data)
                    if answer["recordId"] != record_id:
                        raise SystemExit(f"cluster_test: the server answered {answer['recordId']} for {record_id}")
                    with lock:
                        if record_id in acknowledged and acknowledged[record_id] != answer["index"]:
                            raise SystemExit(f"cluster_test: {record_id} acknowledged at two indexes")
                        acknowledged[record_id] = answer["index"]
                    return
                if reply.status not in (503,):
                    raise SystemExit(f"cluster_test: submission answered {reply.status}: {data[:300]!r}")
            raise SystemExit(f"cluster_test: {record_id} was never accepted")

        def watch(stop):
            while not stop.is_set():
                for index, (_, port) in enumerate(servers):
                    if not alive[index]:
                        continue
                    try:
                        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                        connection.request("GET", "/checkpoint")
                        note = connection.getresponse().read().decode()
                        connection.close()
                        lines = note.split("\n")
                        with lock:
                            checkpoints.add((int(lines[1]), lines[2]))
                    except (OSError, IndexError, ValueError):
                        pass
                time.sleep(0.02)

        stop = threading.Event()
        watcher = threading.Thread(target=watch, args=(stop,))
        watcher.start()
        started = time.time()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(submit, records))
        elapsed = time.time() - started
        stop.set()
        watcher.join()

        # Read the final log back over HTTP from a surviving server, into a tile folder.
        port = next(port for index, (_, port) in enumerate(servers) if alive[index])
        mirror = os.path.join(work, "mirror")

        def fetch(path):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/" + path)
            reply = connection.getresponse()
            data = reply.read()
            connection.close()
            if reply.status != 200:
                raise SystemExit(f"cluster_test: GET /{path} answered {reply.status}: {data[:200]!r}")
            os.makedirs(os.path.dirname(os.path.join(mirror, path)), exist_ok=True)
            with open(os.path.join(mirror, path), "wb") as handle:
                handle.write(data)
            return data

        note = fetch("checkpoint").decode()
        size = int(note.split("\n")[1])
        bodies = []
        for bundle in range((size + 255) // 256):
            data = fetch(verify_bundle.tile_path(None, bundle, min(256, size - bundle * 256)))
            offset = 0
            while offset < len(data):
                (length,) = (int.from_bytes(data[offset : offset + 2], "big"),)
                bodies.append(data[offset + 2 : offset + 2 + length])
                offset += 2 + length
        level, count = 0, size
        while count:
            for tile in range((count + 255) // 256):
                fetch(verify_bundle.tile_path(level, tile, min(256, count - tile * 256)))
            count //= 256
            level += 1
        run(sys.executable, verify_bundle.__file__, "tiles", mirror, "--vkey", os.path.join(ledger, "log.vkey"))

        ids = ["sha256:" + hashlib.sha256(base64.b64decode(json.loads(body)["payload"])).hexdigest() for body in bodies]
        if len(bodies) != size:
            raise SystemExit(f"cluster_test: the checkpoint says {size} entries, the tiles hold {len(bodies)}")
        if len(set(ids)) != len(ids):
            raise SystemExit("cluster_test: the log holds a record twice")
        position = {record_id: index for index, record_id in enumerate(ids)}
        for record_id, index in acknowledged.items():
            if position.get(record_id) != index:
                raise SystemExit(f"cluster_test: {record_id} was acknowledged at {index}, the log has it at {position.get(record_id)}")
        missing = [record_id for _, record_id in records if record_id not in position]
        if missing:
            raise SystemExit(f"cluster_test: {len(missing)} submitted records are not in the log")
        leaves = [verify_bundle.leaf_hash(body) for body in bodies]
        for seen_size, seen_root in sorted(checkpoints):
            if base64.b64encode(verify_bundle.merkle_root(leaves[:seen_size])).decode() != seen_root:
                raise SystemExit(f"cluster_test: the checkpoint of size {seen_size} is not a prefix of the final tree (a fork)")
        for index, (process, _) in enumerate(servers):
            if alive[index]:
                process.send_signal(signal.SIGTERM)
                if process.wait(timeout=60) != 0:
                    raise SystemExit(f"cluster_test: server {index} exited with {process.returncode} on SIGTERM")
        print(
            f"cluster_test: 3 servers, 1 killed mid-load; {len(records)} records from {args.clients} clients in "
            f"{elapsed:.1f} s ({len(records) / elapsed:.0f}/s); log of {size} entries, no gaps, no duplicates, "
            f"{len(acknowledged)} acknowledged all present, {len(checkpoints)} checkpoints seen all on one tree; tiles verified"
        )


if __name__ == "__main__":
    main()
