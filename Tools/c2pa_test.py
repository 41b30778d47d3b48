#!/usr/bin/env python3
"""Colophon's C2PA manifests checked by the reference implementation, and the other way round.

c2pa-python (PyPI, pinned in requirements.txt; it bundles c2pa-rs) is the independent validator:

  export   colophon stamp --c2pa / c2pa sign on PNG and JPEG, ES256 and Ed25519, and with an
           RFC 3161 time-stamp from a local TSA. c2pa-python must read each as Valid (signer
           untrusted) without anchors, Trusted with the ledger's test root as an anchor, and a
           copy with one pixel byte changed as Invalid with assertion.dataHash.mismatch.
           `colophon verify` must reach the same state in every case.
  import   c2pa-python signs a PNG and a JPEG with an AI-generation manifest (ingredients for
           the model, a LoRA and the prompt; chain issued by the openssl command line);
           `colophon c2pa import` must turn each into a generation record citing the manifest,
           and `colophon verify` must agree with c2pa-python on its state.

Usage: c2pa_test.py [--colophon PATH]
"""

import argparse
import base64
import io
import select
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zlib

import c2pa
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "gen-metadata", "synth")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("  FAIL " + message)
    return condition


def run(binary, *arguments, ledger=None, expect=0):
    command = [binary, *arguments] + (["--ledger", ledger] if ledger else [])
    done = subprocess.run(command, capture_output=True, text=True)
    if expect is not None and done.returncode != expect:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr}{done.stdout}")
    return done


def reader_state(path, anchors=None, tsa_anchors=None):
    """(validation_state, failure codes, success codes) as c2pa-python reports them."""
    settings = {"verify": {"remote_manifest_fetch": False}}
    trust = []
    if anchors:
        trust.append({"trust_kind": "manifest", "trust_anchors": anchors})
    if tsa_anchors:
        trust.append({"trust_kind": "tsa", "trust_anchors": tsa_anchors})
    if trust:
        settings["trust"] = {"anchors": trust}
    context = c2pa.Context.from_dict(settings)
    report = json.loads(c2pa.Reader(path, context=context).json())
    results = report["validation_results"]["activeManifest"]
    return (
        report["validation_state"],
        [item["code"] for item in results.get("failure", [])],
        [item["code"] for item in results.get("success", [])],
    )


def colophon_state(binary, ledger, path, anchors=True):
    """The c2pa state `colophon verify --json` reports; without anchors, on a copy of the ledger."""
    if not anchors:
        bare = ledger + "-no-anchors"
        shutil.rmtree(bare, ignore_errors=True)
        shutil.copytree(ledger, bare)
        os.remove(os.path.join(bare, "c2pa", "anchors.pem"))
        ledger = bare
    done = run(binary, "verify", path, "--json", ledger=ledger, expect=None)
    report = json.loads(done.stdout)
    c2pa_report = report.get("c2pa") or {}
    colophon_state.last = c2pa_report
    return report["verdict"], c2pa_report.get("state"), [item["code"] for item in c2pa_report.get("failures", [])]


def flip_pixel(path, out):
    """One pixel byte changed, the file otherwise valid (PNG: IDAT re-deflated, CRC fixed)."""
    data = bytearray(open(path, "rb").read())
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        offset = 8
        while offset < len(data):
            length = int.from_bytes(data[offset:offset + 4], "big")
            kind = bytes(data[offset + 4:offset + 8])
            if kind == b"IDAT":
                raw = bytearray(zlib.decompress(bytes(data[offset + 8:offset + 8 + length])))
                raw[41] ^= 0x01
                packed = zlib.compress(bytes(raw), 9)
                chunk = len(packed).to_bytes(4, "big") + b"IDAT" + packed
                chunk += zlib.crc32(b"IDAT" + packed).to_bytes(4, "big")
                data[offset:offset + 12 + length] = chunk
                break
            offset += 12 + length
    else:
        data[-40] ^= 0x01
    open(out, "wb").write(bytes(data))


def export_checks(binary, work):
    print("== export: Colophon signs, c2pa-python validates")
    ledger = os.path.join(work, "ledger")
    run(binary, "init", "--origin", "c2pa.colophon.example/log", ledger=ledger)
    run(binary, "key", "new", "studio", "--role", "generator", ledger=ledger)
    anchors_file = os.path.join(ledger, "c2pa", "anchors.pem")
    cases = []
    for algorithm in ("es256", "ed25519"):
        run(binary, "c2pa", "cert", "--name", f"Export {algorithm}", "--algorithm", algorithm, ledger=ledger)
        for name in ("a1111_s2.png", "a1111_s2.jpg"):
            source = os.path.join(work, f"{algorithm}-{name}")
            shutil.copy(os.path.join(FIXTURES, name), source)
            signed = os.path.join(work, f"signed-{algorithm}-{name}")
            if algorithm == "es256":
                run(binary, "stamp", source, "--key", "studio", "--c2pa", "--embed", "--out", signed, ledger=ledger)
            else:
                run(binary, "c2pa", "sign", source, "--key", "studio", "--out", signed, ledger=ledger)
            cases.append((f"{algorithm} {name}", signed, open(anchors_file).read()))

    # A time-stamped manifest, from a local RFC 3161 authority.
    tsa_dir = os.path.join(work, "tsa")
    subprocess.run([sys.executable, os.path.join(HERE, "test_tsa.py"), "setup", tsa_dir], check=True, capture_output=True)
    server = subprocess.Popen(
        [sys.executable, os.path.join(HERE, "test_tsa.py"), "serve", tsa_dir], stdout=subprocess.PIPE, text=True
    )
    try:
        ready, _, _ = select.select([server.stdout], [], [], 30)
        if not ready:
            raise SystemExit("the test TSA did not start within 30 s")
        url = server.stdout.readline().strip()
        tsa_root = os.path.join(tsa_dir, "root.pem")
        run(binary, "tsa", url, "--roots", tsa_root, ledger=ledger)
        source = os.path.join(work, "tsa-fox.png")
        Image.open(os.path.join(FIXTURES, "a1111_s2.png")).convert("RGB").resize((96, 96)).save(source)
        signed = os.path.join(work, "signed-tsa-fox.png")
        run(binary, "c2pa", "sign", source, "--key", "studio", "--out", signed, ledger=ledger)
    finally:
        server.terminate()
        server.wait()
    tsa_anchor = open(tsa_root).read()

    for label, signed, anchors in cases + [("ed25519 time-stamped png", signed, open(anchors_file).read())]:
        tsa = tsa_anchor if "time-stamped" in label else None
        state, failed, passed = reader_state(signed)
        check(state == "Valid" and failed == ["signingCredential.untrusted"], f"{label}: c2pa-python without anchors: {state} {failed}")
        state, failed, passed = reader_state(signed, anchors, tsa)
        check(state == "Trusted" and not failed, f"{label}: c2pa-python with the test root: {state} {failed}")
        if tsa:
            check("timeStamp.validated" in passed, f"{label}: c2pa-python did not validate the time-stamp: {passed}")
        verdict, ours, ours_failed = colophon_state(binary, ledger, signed)
        check(ours == "Trusted" and verdict == "verified", f"{label}: colophon verify with anchors: {verdict} {ours} {ours_failed}")
        if tsa:
            check("timestamp" in colophon_state.last, f"{label}: colophon verify did not validate the time-stamp: {colophon_state.last}")
        verdict, ours, ours_failed = colophon_state(binary, ledger, signed, anchors=False)
        check(ours == "Valid" and ours_failed == ["signingCredential.untrusted"], f"{label}: colophon verify without anchors: {ours} {ours_failed}")

        flipped = signed + ".flipped" + os.path.splitext(signed)[1]
        flip_pixel(signed, flipped)
        state, failed, _ = reader_state(flipped, anchors, tsa)
        check(state == "Invalid" and "assertion.dataHash.mismatch" in failed, f"{label}: c2pa-python on a changed pixel: {state} {failed}")
        verdict, ours, ours_failed = colophon_state(binary, ledger, flipped)
        check(
            ours == "Invalid" and ours_failed == ["assertion.dataHash.mismatch"] and verdict == "tampered",
            f"{label}: colophon verify on a changed pixel: {verdict} {ours} {ours_failed}",
        )
        for kind, code in TAMPERS:
            changed = signed + f".{kind}" + os.path.splitext(signed)[1]
            tamper(signed, changed, kind)
            state, failed, _ = reader_state(changed, anchors, tsa)
            _, ours, ours_failed = colophon_state(binary, ledger, changed)
            check(state == ours == "Invalid" and code in failed and code in ours_failed,
                  f"{label} {kind} edited: c2pa-python {state} {failed}, colophon {ours} {ours_failed}")
        print(f"  ok   {label}: Valid / Trusted / Invalid (data hash, claim, label), colophon agrees")


def openssl_chain(folder, leaf_key=("ecparam", "-name", "prime256v1", "-genkey", "-noout")):
    """A root, an intermediate and a claim signer made with the openssl command line; the
    signer's key is made by `leaf_key` (P-256 by default)."""
    os.makedirs(folder, exist_ok=True)
    config = os.path.join(folder, "ca.cnf")
    open(config, "w").write(
        "[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nCN=Hosted Test Root\n"
        "[v3_ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n"
        "[v3_int]\nbasicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n"
        "[v3_leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=emailProtection,1.3.6.1.5.5.7.3.36,1.3.6.1.4.1.62558.2.1\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n"
    )

    def openssl(*arguments):
        subprocess.run(["openssl", *arguments], check=True, capture_output=True, cwd=folder)

    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "root.key")
    openssl("req", "-x509", "-new", "-key", "root.key", "-sha256", "-days", "30", "-config", config,
            "-extensions", "v3_ca", "-out", "root.pem")
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "int.key")
    openssl("req", "-new", "-key", "int.key", "-subj", "/CN=Hosted Intermediate", "-out", "int.csr")
    openssl("x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial",
            "-days", "20", "-sha256", "-extfile", config, "-extensions", "v3_int", "-out", "int.pem")
    openssl(*leaf_key, "-out", "leaf.key")
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", "leaf.key", "-out", "leaf.pkcs8.key")
    openssl("req", "-new", "-key", "leaf.key", "-subj", "/CN=Hosted Generator", "-out", "leaf.csr")
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key", "-CAcreateserial",
            "-days", "10", "-sha256", "-extfile", config, "-extensions", "v3_leaf", "-out", "leaf.pem")
    chain = open(os.path.join(folder, "leaf.pem"), "rb").read() + open(os.path.join(folder, "int.pem"), "rb").read()
    return chain, open(os.path.join(folder, "leaf.pkcs8.key"), "rb").read(), os.path.join(folder, "root.pem")


MANIFEST = {
    "claim_generator_info": [{"name": "hosted-images", "version": "2.0"}],
    "ingredients": [
        {"title": "hosted-xl-base", "format": "application/octet-stream", "relationship": "inputTo",
         "data_types": [{"type": "c2pa.types.generator"}], "description": "base model", "label": "model"},
        {"title": "heron-ink-lora", "format": "application/octet-stream", "relationship": "inputTo",
         "data_types": [{"type": "c2pa.types.model"}], "description": "LoRA weight 0.8", "label": "lora"},
        {"title": "prompt", "format": "text/plain", "relationship": "inputTo",
         "data": {"format": "text/plain", "identifier": "prompt.txt"},
         "data_types": [{"type": "c2pa.types.generator.prompt"}], "label": "prompt"},
    ],
    "assertions": [
        {"label": "c2pa.actions.v2", "data": {"actions": [{
            "action": "c2pa.created",
            "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
            "softwareAgent": {"name": "HostedDiffusion", "version": "3.1"},
            "parameters": {"ingredientIds": ["model", "lora", "prompt"], "com.hosted.seed": 4242}}]}},
    ],
}
PROMPT = "an ink heron standing in the rain"


def tamper(path, out, kind):
    """A copy with one byte of the claim edited, or the manifest's label changed (same length)."""
    data = bytearray(open(path, "rb").read())
    if kind == "claim":
        at = data.find(b"claim_generator_info") + len("claim_generator_info") + 8
    else:
        at = data.find(b"urn:c2pa:") + 9
    data[at] = ord("f") if data[at] != ord("f") else ord("e")
    chunk = data.find(b"caBX") - 4  # PNG: fix the chunk's CRC, as a careful forger would
    if data[:4] == b"\x89PNG" and chunk > 0:
        length = int.from_bytes(data[chunk:chunk + 4], "big")
        end = chunk + 8 + length
        data[end:end + 4] = zlib.crc32(bytes(data[chunk + 4:end])).to_bytes(4, "big")
    open(out, "wb").write(bytes(data))


TAMPERS = (("claim", "claimSignature.mismatch"), ("label", "claimSignature.missing"))

SIGNERS = (
    ("ES256", ("ecparam", "-name", "prime256v1", "-genkey", "-noout"), c2pa.C2paSigningAlg.ES256),
    ("ES384", ("ecparam", "-name", "secp384r1", "-genkey", "-noout"), c2pa.C2paSigningAlg.ES384),
    ("PS256", ("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"), c2pa.C2paSigningAlg.PS256),
)


def import_checks(binary, work):
    print("== import: c2pa-python signs (ES256, ES384, PS256), Colophon records")
    ledger = os.path.join(work, "import-ledger")
    run(binary, "init", "--origin", "import.colophon.example/log", ledger=ledger)
    run(binary, "key", "new", "importer", "--role", "generator", ledger=ledger)
    context = c2pa.Context.from_dict({"verify": {"remote_manifest_fetch": False}, "builder": {"thumbnail": {"enabled": False}}})
    cases = [(algorithm, key_command, alg, mime, extension)
             for algorithm, key_command, alg in SIGNERS for mime, extension in (("image/png", "png"), ("image/jpeg", "jpg"))
             if algorithm == "ES256" or extension == "png"]
    chains = {}
    for index, (algorithm, key_command, alg, mime, extension) in enumerate(cases):
        if algorithm not in chains:
            chains[algorithm] = openssl_chain(os.path.join(work, f"hosted-pki-{algorithm}"), key_command)
            run(binary, "c2pa", "trust", chains[algorithm][2], ledger=ledger)
        chain, key, root = chains[algorithm]
        signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(alg=alg, sign_cert=chain, private_key=key, ta_url=None))
        source = io.BytesIO()
        Image.new("RGB", (80, 64), (40 + 40 * index, 120, 220 - 40 * index)).save(source, format="PNG" if extension == "png" else "JPEG")
        source.seek(0)
        label = f"{algorithm} hosted.{extension}"
        signed = os.path.join(work, f"hosted-{algorithm}.{extension}")
        manifest = dict(MANIFEST, title=f"hosted.{extension}")
        builder = c2pa.Builder(manifest, context)
        builder.add_resource("prompt.txt", io.BytesIO(PROMPT.encode()))
        with open(signed, "w+b") as out:
            builder.sign(signer, mime, source, out)
        theirs, failed, _ = reader_state(signed, open(root).read())
        check(theirs == "Trusted", f"{label}: c2pa-python's own verdict {theirs} {failed}")

        done = run(binary, "c2pa", "import", signed, "--key", "importer", "--json", ledger=ledger)
        image = json.loads(done.stdout)["images"][0]
        shown = json.loads(run(binary, "show", image["recordId"], "--json", ledger=ledger).stdout)
        predicate = shown["statement"]["predicate"]
        source_info = predicate.get("source", {})
        check(source_info.get("kind") == "c2pa", f"{label}: source {source_info}")
        check("(Trusted)" in source_info.get("description", ""), f"{label}: source description {source_info}")
        check(predicate.get("generator", {}).get("name") == "HostedDiffusion", f"{label}: generator {predicate.get('generator')}")
        check(predicate.get("model", {}).get("name") == "hosted-xl-base", f"{label}: model {predicate.get('model')}")
        adapters = predicate.get("adapters", [])
        check(len(adapters) == 1 and adapters[0].get("name") == "heron-ink-lora" and adapters[0].get("weight") == 0.8,
              f"{label}: adapters {adapters}")
        check(predicate.get("prompt") == PROMPT, f"{label}: prompt {predicate.get('prompt')!r}")
        check(predicate.get("parameters", {}).get("seed") == 4242, f"{label}: seed {predicate.get('parameters')}")
        check(predicate.get("digitalSourceType", "").endswith("/trainedAlgorithmicMedia"), f"{label}: source type")
        _, ours, ours_failed = colophon_state(binary, ledger, signed)
        check(ours == theirs, f"{label}: colophon says {ours} {ours_failed}, c2pa-python {theirs}")

        flipped = signed + ".flipped." + extension
        flip_pixel(signed, flipped)
        theirs, failed, _ = reader_state(flipped, open(root).read())
        _, ours, ours_failed = colophon_state(binary, ledger, flipped)
        check(theirs == ours == "Invalid" and "assertion.dataHash.mismatch" in failed and ours_failed == ["assertion.dataHash.mismatch"],
              f"{label} changed: c2pa-python {theirs} {failed}, colophon {ours} {ours_failed}")
        refused = run(binary, "c2pa", "import", flipped, "--key", "importer", ledger=ledger, expect=1)
        check("assertion.dataHash.mismatch" in refused.stderr, f"{label} changed: import said {refused.stderr}")
        for kind, code in TAMPERS:
            changed = signed + f".{kind}.{extension}"
            tamper(signed, changed, kind)
            theirs, failed, _ = reader_state(changed, open(root).read())
            _, ours, ours_failed = colophon_state(binary, ledger, changed)
            check(theirs == ours == "Invalid" and code in failed and code in ours_failed,
                  f"{label} {kind} edited: c2pa-python {theirs} {failed}, colophon {ours} {ours_failed}")
        print(f"  ok   {label}: imported with model, LoRA @ 0.8, prompt and seed; states agree, also when changed")


def watermark_checks(binary, work):
    """A watermarked, C2PA-signed image: c2pa-python reads the c2pa.watermarked action and the
    c2pa.soft-binding assertion back, and the manifest is Trusted with the ledger's root."""
    print("== watermark: c2pa.watermarked and c2pa.soft-binding, read by c2pa-python")
    ledger = os.path.join(work, "watermark-ledger")
    run(binary, "init", "--origin", "c2pa.colophon.example/watermark", ledger=ledger)
    run(binary, "key", "new", "studio", "--role", "generator", ledger=ledger)
    run(binary, "c2pa", "cert", "--name", "Watermark Studio", ledger=ledger)
    source = os.path.join(work, "watermark-source.png")
    photo = Image.open(os.path.join(ROOT, "Tests", "Fixtures", "photos", "coffee.jpg")).convert("RGB")
    photo.save(source)
    marked = os.path.join(work, "watermark-marked.png")
    stamped = run(binary, "stamp", source, "--key", "studio", "--watermark", "--c2pa", "--embed", "--out", marked,
                  "--json", ledger=ledger)
    report = json.loads(stamped.stdout)
    image = report["images"][0] if "images" in report else report
    expected = image["watermark"]["id"]
    store = json.loads(c2pa.Reader(marked).json())
    assertions = {a["label"]: a["data"] for a in store["manifests"][store["active_manifest"]]["assertions"]}
    actions = [a["action"] for a in assertions.get("c2pa.actions.v2", {}).get("actions", [])]
    check(actions[:1] == ["c2pa.created"] and "c2pa.watermarked" in actions,
          f"the actions are {actions}, not c2pa.created then c2pa.watermarked")
    binding = assertions.get("c2pa.soft-binding", {})
    check(binding.get("alg") == "org.colophon.watermark.1", f"soft-binding alg {binding.get('alg')}")
    blocks = binding.get("blocks", [])
    value = base64.b64decode(blocks[0]["value"]).hex() if blocks and isinstance(blocks[0].get("value"), str) else None
    check(value == expected, f"the soft binding's value {value} is not the watermark id {expected}")
    state, failures_, _ = reader_state(marked, anchors=open(os.path.join(ledger, "c2pa", "anchors.pem")).read())
    check(state == "Trusted" and not failures_, f"the watermarked manifest is {state} {failures_}")
    detected = json.loads(run(binary, "watermark", "detect", marked, "--json", ledger=ledger).stdout)["images"][0]
    check(detected["id"] == expected, f"detect read {detected['id']}, the manifest says {expected}")
    if not failures:
        print(f"  ok   marked {expected}: c2pa.watermarked, soft binding {value}, Trusted; detect agrees")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--colophon", default=os.path.join(ROOT, ".build", "debug", "colophon"))
    arguments = parser.parse_args()
    print(f"c2pa-python {c2pa.__version__}, c2pa-rs {c2pa.sdk_version()}")
    with tempfile.TemporaryDirectory(prefix="colophon-c2pa-") as work:
        export_checks(arguments.colophon, work)
        import_checks(arguments.colophon, work)
        watermark_checks(arguments.colophon, work)
    if failures:
        print(f"{len(failures)} C2PA check(s) failed")
        return 1
    print("C2PA: every export validated by c2pa-python as expected; every import recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
