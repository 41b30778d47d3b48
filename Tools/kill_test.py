#!/usr/bin/env python3
"""Crash-safety test: SIGKILL a process appending to a ledger, hundreds of times, at random moments.

After every kill the ledger must open without repair, every append the process acknowledged must
be there, every checkpoint it printed must be consistent with the newest one, and the tiles
published so far must verify. The Swift side checks that after each kill (colophon-hammer check);
every few rounds and at the end, Tools/verify_bundle.py checks the tiles independently.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"kill_test: {' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--colophon", required=True)
    parser.add_argument("--hammer", required=True)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    random.seed(args.seed)
    verifier = os.path.join(os.path.dirname(os.path.abspath(__file__)), "verify_bundle.py")
    with tempfile.TemporaryDirectory(prefix="colophon-kill-") as work:
        ledger = os.path.join(work, "ledger")
        tiles = os.path.join(work, "tiles")
        acks_all = os.path.join(work, "acks-all")
        run(args.colophon, "init", "--ledger", ledger, "--origin", "kill.colophon.example/log")
        run(args.colophon, "key", "new", "hammer", "--role", "generator", "--ledger", ledger)
        total_acks = cut_lines = 0
        for round_number in range(1, args.rounds + 1):
            batch = random.choice([1, 5, 20, 50])
            process = subprocess.Popen(
                [args.hammer, "append", ledger, "hammer", str(batch), tiles], stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            time.sleep(random.uniform(0.0, 0.4))
            process.send_signal(signal.SIGKILL)
            output, errors = process.communicate()
            if process.returncode != -signal.SIGKILL:
                raise SystemExit(f"kill_test: the hammer exited by itself ({process.returncode}): {errors.decode().strip()}")
            text = output.decode()
            # Only whole lines count: a line cut by the kill was never acknowledged.
            lines = text.split("\n")[:-1]
            acks = [line for line in lines if line.startswith(("ack ", "checkpoint "))]
            if text and not text.endswith("\n"):
                cut_lines += 1
            round_file = os.path.join(work, "acks-round")
            with open(round_file, "w") as handle:
                handle.write("\n".join(acks) + "\n")
            with open(acks_all, "a") as handle:
                handle.write("\n".join(acks) + "\n")
            total_acks += sum(1 for line in acks if line.startswith("ack "))
            # Check this round's acknowledgements and checkpoints after every kill ...
            run(args.hammer, "check", ledger, round_file, tiles)
            # ... and everything ever acknowledged, independently, now and then.
            if round_number % 50 == 0 or round_number == args.rounds:
                status = run(args.hammer, "check", ledger, acks_all, tiles).strip()
                if os.path.exists(os.path.join(tiles, "checkpoint")):
                    run(sys.executable, verifier, "tiles", tiles, "--vkey", os.path.join(ledger, "log.vkey"))
                print(f"kill_test: round {round_number}: {status}")
        print(
            f"kill_test: {args.rounds} kills (seed {args.seed}), {total_acks} acknowledged appends all present, "
            f"every printed checkpoint consistent, tiles valid ({cut_lines} kills cut a line mid-write)"
        )


if __name__ == "__main__":
    main()
