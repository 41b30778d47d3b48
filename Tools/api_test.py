#!/usr/bin/env python3
"""The server against its OpenAPI document: Schemas/openapi.yaml must be a valid OpenAPI 3
document, and schemathesis (PyPI) drives a live `colophon serve` with generated requests —
valid and invalid — checking that it never fails with a 5xx, that every status, content type,
header and JSON body it answers is the one the document declares, and that invalid requests
are refused (Tools/schemathesis.toml lists the few checks OpenAPI cannot express).
"""

import argparse
import os
import subprocess
import sys
import tempfile

import yaml
from openapi_spec_validator import validate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from colophon_client import start_server  # noqa: E402


def run(*command, **options):
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **options)
    if result.returncode != 0:
        raise SystemExit(
            f"api_test: {' '.join(command[:4])} … failed ({result.returncode}):\n{result.stdout[-6000:]}{result.stderr[-3000:]}"
        )
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--colophon", required=True)
    parser.add_argument("--examples", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    tools = os.path.dirname(os.path.abspath(__file__))
    spec = os.path.join(tools, "..", "Schemas", "openapi.yaml")
    with open(spec) as handle:
        validate(yaml.safe_load(handle))
    with tempfile.TemporaryDirectory(prefix="colophon-api-") as work:
        ledger = os.path.join(work, "ledger")
        run(args.colophon, "init", "--ledger", ledger, "--origin", "api.colophon.example/log")
        run(args.colophon, "key", "new", "studio", "--role", "generator", "--ledger", ledger)
        log = open(os.path.join(work, "server.log"), "w")
        server, url = start_server(args.colophon, "--ledger", ledger, stderr=log)
        try:
            output = run(
                "schemathesis", "--config-file", os.path.join(tools, "schemathesis.toml"), "run", spec,
                "--url", url, "--max-examples", str(args.examples), "--seed", str(args.seed),
                "--phases", "examples,coverage,fuzzing", "--no-color",
                env=dict(os.environ, SCHEMATHESIS_HOOKS=""),
                cwd=work,  # its caches (.schemathesis, .hypothesis) stay out of the repository
            )
            summary = [line for line in output.splitlines() if "generated" in line or "passed" in line]
            print("api_test: openapi.yaml valid; schemathesis: " + "; ".join(s.strip() for s in summary[-3:]))
        finally:
            server.terminate()
            if server.wait(timeout=60) != 0:
                raise SystemExit(f"api_test: colophon serve exited with {server.returncode} on SIGTERM")


if __name__ == "__main__":
    main()
