#!/usr/bin/env python3
"""Measure the Python "peer" tools the Swift benchmarks are compared against.

Usage (prints ONE JSON object on stdout; diagnostics go to stderr):
  python3 Tools/bench/peers.py setup VENV_DIR
  VENV/bin/python Tools/bench/peers.py metadata FILE... [--repeat N]   # sd-parsers
  VENV/bin/python Tools/bench/peers.py pdq FILE... [--repeat N]        # pdqhash
  VENV/bin/python Tools/bench/peers.py c2pa PNG --out DIR [--repeat N] # c2pa-python
  python3 Tools/bench/peers.py sha256sum FILE                          # coreutils
  python3 Tools/bench/peers.py b3sum FILE                              # b3sum 1 thread + default
Throughput figures use MB = 10^6 bytes.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

# c2pa-python 0.38.2 is not on PyPI; 0.38.1 is the newest 0.38.x.
PINS = ["pillow==13.0.0", "numpy", "pdqhash==0.2.8", "sd-parsers==0.6",
        "c2pa-python==0.38.1"]
DST_AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


def log(*a):
    print(*a, file=sys.stderr)


def cmd_setup(a):
    subprocess.run([sys.executable, "-m", "venv", a.venv], check=True)
    py = os.path.join(os.path.abspath(a.venv), "bin", "python")
    subprocess.run([py, "-m", "pip", "install", "-q", *PINS], check=True,
                   stdout=sys.stderr)  # keep stdout for the JSON only
    return {"python": py, "pins": PINS}


def cmd_metadata(a):
    from sd_parsers import Eagerness, ParserManager
    pm = ParserManager(eagerness=Eagerness.EAGER)  # built once, outside timing

    def parse(p):
        try:
            return pm.parse(p)
        except Exception as e:  # count as not parsed, keep going
            log(f"metadata: {p}: {type(e).__name__}: {e}")
            return None

    parsed = sum(parse(p) is not None for p in a.files)  # warm-up + count
    t0 = time.perf_counter()
    for _ in range(a.repeat):
        for p in a.files:
            parse(p)
    dt = time.perf_counter() - t0
    return {"files": len(a.files), "rounds": a.repeat, "seconds": dt,
            "per_file_us": dt / (a.repeat * len(a.files)) * 1e6, "parsed": parsed}


def cmd_pdq(a):
    import numpy as np
    import pdqhash
    from PIL import Image

    def pdq_hex(bits):
        # bits[0] is hash bit 255, so packing MSB-first gives the same hex as
        # the C++ Hash256::format() and Tools/pdq_reference.py hex_from_bits.
        return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()

    hashes, total = {}, 0.0
    for r in range(a.repeat):
        for p in a.files:
            t0 = time.perf_counter()
            arr = np.asarray(Image.open(p).convert("RGB"))
            bits, q = pdqhash.compute(arr)
            dt = time.perf_counter() - t0
            total += dt
            if r == 0:
                hashes[p] = {"hex": pdq_hex(bits), "quality": int(q), "ms": 0.0}
            hashes[p]["ms"] += dt * 1e3 / a.repeat  # mean per-file time
    return {"files": len(a.files), "rounds": a.repeat, "seconds": total,
            "per_image_ms": total / (a.repeat * len(a.files)) * 1e3,
            "hashes": hashes}


def make_certs(d):
    """ES256 root CA + end-entity C2PA signing cert via the openssl CLI.
    Returns (chain_pem_bytes leaf+root, leaf_pkcs8_key_pem_bytes)."""
    def ossl(*args):
        subprocess.run(["openssl", *args], check=True, cwd=d,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ec = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
    ossl("genpkey", *ec, "-out", "root.key")
    ossl("req", "-x509", "-new", "-key", "root.key", "-sha256", "-days", "3650",
         "-subj", "/CN=Colophon Bench Root CA/O=Colophon Bench",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign",
         "-addext", "subjectKeyIdentifier=hash", "-out", "root.pem")
    ossl("genpkey", *ec, "-out", "leaf.key")  # PKCS#8 PEM
    ossl("req", "-new", "-key", "leaf.key", "-subj",
         "/CN=Colophon Bench Signer/O=Colophon Bench", "-out", "leaf.csr")
    with open(os.path.join(d, "leaf.ext"), "w") as f:
        f.write("basicConstraints=critical,CA:FALSE\n"
                "keyUsage=critical,digitalSignature\n"
                "extendedKeyUsage=emailProtection\n"
                "subjectKeyIdentifier=hash\n"
                "authorityKeyIdentifier=keyid:always\n")
    ossl("x509", "-req", "-in", "leaf.csr", "-CA", "root.pem", "-CAkey", "root.key",
         "-set_serial", "0x" + os.urandom(8).hex(), "-days", "365", "-sha256",
         "-extfile", "leaf.ext", "-out", "leaf.pem")
    rd = lambda n: open(os.path.join(d, n), "rb").read()
    return rd("leaf.pem") + rd("root.pem"), rd("leaf.key")


def cmd_c2pa(a):
    import c2pa
    manifest = json.dumps({
        "claim_generator_info": [{"name": "bench", "version": "1.0"}],
        "title": os.path.basename(a.file),
        "format": mime_of(a.file),
        "assertions": [{"label": "c2pa.actions", "data": {"actions": [
            {"action": "c2pa.created", "digitalSourceType": DST_AI}]}}],
    })
    # Thumbnails off via a per-instance Context (load_settings is deprecated
    # in 0.38 and Builder/Reader no longer read it).
    settings = c2pa.Settings.from_dict({"builder": {"thumbnail": {"enabled": False}}})
    ctx = c2pa.Context(settings=settings)
    with tempfile.TemporaryDirectory() as d:
        chain, key = make_certs(d)
    signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(
        alg=b"es256", sign_cert=chain, private_key=key, ta_url=None))  # reused
    os.makedirs(a.out, exist_ok=True)
    stem = os.path.splitext(os.path.basename(a.file))[0]
    mime = mime_of(a.file)
    out = os.path.join(a.out, stem + ".c2pa" + os.path.splitext(a.file)[1])  # overwritten every round
    sign_s = build_s = 0.0
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        builder = c2pa.Builder(manifest, context=ctx)  # single-use: one per image
        t1 = time.perf_counter()
        with open(a.file, "rb") as src, open(out, "w+b") as dst:
            builder.sign(signer, mime, src, dst)
        t2 = time.perf_counter()
        build_s += t1 - t0
        sign_s += t2 - t1

    # Read one output back: validation errors other than trust ones => invalid.
    with open(out, "rb") as f, c2pa.Reader(mime, f) as rd:
        store = json.loads(rd.json())
        active = store["manifests"][store["active_manifest"]]
        status = store.get("validation_status") or []
        errors = [s["code"] for s in status if "untrusted" not in s.get("code", "")]
        res = store.get("validation_results", {}).get("activeManifest", {})
        failures = [s["code"] for s in res.get("failure", [])]
        ingredient_thumbs = [g for g in active.get("ingredients", []) if "thumbnail" in g]
    return {
        "seconds": sign_s, "per_image_ms": sign_s / a.repeat * 1e3, "repeat": a.repeat,
        "builder_seconds": build_s, "output_bytes": os.path.getsize(out),
        "input_bytes": os.path.getsize(a.file),
        "valid": not errors and all("untrusted" in c for c in failures),
        "validation_state": store.get("validation_state"),
        "validation_failures": failures,
        "thumbnail_embedded": "thumbnail" in active or bool(ingredient_thumbs),
        "c2pa_python": c2pa.__version__, "sdk": c2pa.sdk_version(),
        "notes": "signer (ES256, leaf+root chain, no TSA) built once; Builder is "
                 "single-use so one is built per image, timed separately in "
                 "builder_seconds; 'seconds' = open src + Builder.sign + write dst "
                 "(streams); thumbnails disabled via Context(Settings builder."
                 "thumbnail.enabled=false)",
    }


def mime_of(path):
    return "image/jpeg" if path.lower().endswith((".jpg", ".jpeg")) else "image/png"


def cmd_jpeg(a):
    """Re-encodes an image as a JPEG (quality 90), the benchmark's second file."""
    from PIL import Image
    Image.open(a.source).convert("RGB").save(a.out, quality=90)
    return {"bytes": os.path.getsize(a.out)}


def time_cmd(argv, size, runs=3):
    best = min(_run_once(argv) for _ in range(runs))
    return {"cmd": " ".join(argv), "seconds": best, "MB_per_s": size / best / 1e6}


def _run_once(argv):
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def cmd_sum(a):
    size = os.path.getsize(a.file)
    r = {"file": a.file, "bytes": size, "best_of": 3}
    if a.task == "sha256sum":
        r["sha256sum"] = time_cmd(["sha256sum", a.file], size)
    else:
        r["b3sum_1_thread"] = time_cmd(["b3sum", "--num-threads", "1", a.file], size)
        r["b3sum_default"] = time_cmd(["b3sum", a.file], size)
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="task", required=True)
    sub.add_parser("setup").add_argument("venv")
    for name in ("metadata", "pdq"):
        p = sub.add_parser(name)
        p.add_argument("files", nargs="+")
        p.add_argument("--repeat", type=int, default=10)
    p = sub.add_parser("c2pa")
    p.add_argument("file")
    p.add_argument("--out", required=True)
    p.add_argument("--repeat", type=int, default=10)
    for name in ("sha256sum", "b3sum"):
        sub.add_parser(name).add_argument("file")
    p = sub.add_parser("jpeg")
    p.add_argument("source")
    p.add_argument("out")
    a = ap.parse_args()
    fn = {"setup": cmd_setup, "metadata": cmd_metadata, "pdq": cmd_pdq,
          "c2pa": cmd_c2pa, "jpeg": cmd_jpeg, "sha256sum": cmd_sum, "b3sum": cmd_sum}[a.task]
    print(json.dumps(fn(a)))


if __name__ == "__main__":
    main()
