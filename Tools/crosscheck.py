#!/usr/bin/env python3
"""Cross-checks Colophon against independent implementations.

* Every JSON Schema in Schemas/ is valid draft 2020-12, and `jsonschema` agrees with Colophon on
  every example under Schemas/examples (valid ones pass, invalid ones fail).
* A ledger is driven through the `colophon` binary as a user would; every --json output is
  validated against its schema in Schemas/cli, every envelope against the envelope, statement
  and predicate schemas.
* Envelopes made by `colophon record sign` verify with securesystemslib's DSSE implementation
  (Ed25519 and ECDSA P-256), and a tampered one does not.
* Tiles, tlog-proof files and consistency proofs written by Colophon verify with
  Tools/verify_bundle.py, which shares no code with Colophon; damaged ones do not.
* Stamping: exiftool reads the XMP credential Colophon embeds (and the generator's own metadata
  is still there); an image re-saved by Pillow without metadata is found by its pixel digest,
  resized or JPEG-compressed copies by PDQ; model hashes agree with hashlib and b3sum.

Usage: crosscheck.py [path/to/colophon]
"""

import base64
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile
import hashlib
import shutil

from cryptography.hazmat.primitives.serialization import load_pem_public_key
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from securesystemslib.dsse import Envelope as DSSEEnvelope
from securesystemslib.signer import SSlibKey

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.path.join(ROOT, "Tools")
FAILURES = []
CHECKS = 0


def check(condition, what):
    global CHECKS
    CHECKS += 1
    if not condition:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def load_schemas():
    schemas = {}
    for path in glob.glob(os.path.join(ROOT, "Schemas", "**", "*.schema.json"), recursive=True):
        with open(path) as handle:
            schema = json.load(handle)
        Draft202012Validator.check_schema(schema)
        schemas[schema["$id"]] = schema
    registry = Registry().with_resources([(key, Resource.from_contents(value)) for key, value in schemas.items()])
    return schemas, registry


SCHEMAS, REGISTRY = load_schemas()


def validator(schema_id):
    return Draft202012Validator(SCHEMAS[schema_id], registry=REGISTRY, format_checker=FormatChecker())


def errors(schema_id, instance):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema_id).iter_errors(instance)]


def check_statement(statement, what):
    check(not errors("https://colophon.dev/schemas/statement/v1", statement), f"{what}: statement schema")
    if statement["predicateType"] in SCHEMAS:
        found = errors(statement["predicateType"], statement.get("predicate", {}))
        check(not found, f"{what}: predicate schema {found[:2]}")


def check_examples():
    for path in sorted(glob.glob(os.path.join(ROOT, "Schemas", "examples", "valid", "*.json"))):
        with open(path) as handle:
            statement = json.load(handle)
        check_statement(statement, os.path.relpath(path, ROOT))
    invalid = sorted(glob.glob(os.path.join(ROOT, "Schemas", "examples", "invalid", "*.json")))
    check(len(invalid) >= 10, "there are invalid examples")
    for path in invalid:
        with open(path) as handle:
            statement = json.load(handle)
        check(bool(errors(statement["predicateType"], statement["predicate"])), f"{os.path.relpath(path, ROOT)} is rejected")


class CLI:
    def __init__(self, binary, ledger):
        self.binary = binary
        self.ledger = ledger

    def run(self, *args, status=0, stdin=None):
        result = subprocess.run(
            [self.binary, *args, "--ledger", self.ledger], capture_output=True, text=True, input=stdin, timeout=120
        )
        check(result.returncode == status, f"colophon {' '.join(args)} exited {result.returncode}, expected {status}: {result.stderr.strip()}")
        return result

    def json(self, schema, *args, status=0):
        result = self.run(*args, "--json", status=status)
        try:
            document = json.loads(result.stdout)
        except ValueError:
            check(False, f"colophon {' '.join(args)} --json printed no JSON: {result.stdout[:200]!r}")
            return {}
        found = errors(f"https://colophon.dev/schemas/cli/{schema}/v1", document)
        check(not found, f"colophon {' '.join(args)} --json matches Schemas/cli/{schema}: {found[:3]}")
        return document


def sslib_key(pem, keyid, algorithm):
    scheme = "ed25519" if algorithm == "ed25519" else "ecdsa-sha2-nistp256"
    return SSlibKey.from_crypto(load_pem_public_key(pem.encode()), keyid=keyid, scheme=scheme)


def check_envelope_with_securesystemslib(envelope, key, what):
    try:
        DSSEEnvelope.from_dict(copy.deepcopy(envelope)).verify([key], 1)
        check(True, what)
    except Exception as error:  # noqa: BLE001
        check(False, f"{what}: securesystemslib rejected it: {error}")
    tampered = copy.deepcopy(envelope)
    payload = bytearray(base64.b64decode(tampered["payload"]))
    payload[-2] ^= 1
    tampered["payload"] = base64.b64encode(bytes(payload)).decode()
    try:
        DSSEEnvelope.from_dict(tampered).verify([key], 1)
        check(False, f"{what}: securesystemslib accepted a tampered payload")
    except Exception:  # noqa: BLE001
        check(True, f"{what}: tampered payload rejected")


def verify_bundle(*args, status=0):
    result = subprocess.run([sys.executable, os.path.join(TOOLS, "verify_bundle.py"), *args], capture_output=True, text=True)
    check(result.returncode == status, f"verify_bundle.py {' '.join(args)} exited {result.returncode}, expected {status}: {result.stderr.strip()}")
    return result


def exercise_ledger(binary, work):
    cli = CLI(binary, os.path.join(work, "ledger"))
    init = cli.json("init", "init", "--origin", "crosscheck.colophon.example/log")
    vkey_file = os.path.join(work, "ledger", "log.vkey")
    keys = {}
    for name, role, algorithm in (("studio", "generator", "ed25519"), ("press", "publisher", "ecdsa-p256-sha256")):
        keys[name] = cli.json("key-new", "key", "new", name, "--role", role, "--algorithm", algorithm)["key"]
    listed = cli.json("key-list", "key", "list")
    check({k["name"] for k in listed["keys"]} == {"ledger", "studio", "press"}, "key list names every key")

    envelopes = []
    examples = sorted(glob.glob(os.path.join(ROOT, "Schemas", "examples", "valid", "*.json")))
    for index, path in enumerate(examples):
        if os.path.basename(path) in ("key.json", "correction.json"):
            continue  # these need ledger context; the CLI makes its own
        signer = "studio" if index % 2 else "press"
        result = cli.run("record", "sign", path, "--key", signer)
        envelope = json.loads(result.stdout)
        check(not errors("https://colophon.dev/schemas/envelope/v1", envelope), f"{os.path.basename(path)} envelope schema")
        check_statement(json.loads(base64.b64decode(envelope["payload"])), f"signed {os.path.basename(path)}")
        public_pem = show_key_pem(cli, keys[signer]["keyId"])
        check_envelope_with_securesystemslib(envelope, sslib_key(public_pem, keys[signer]["keyId"], keys[signer]["algorithm"]), f"DSSE {os.path.basename(path)} by {signer}")
        file = os.path.join(work, f"envelope-{index}.json")
        with open(file, "w") as handle:
            json.dump(envelope, handle, indent=2)
        envelopes.append(file)
        verified = cli.json("record-verify", "record", "verify", file)
        check(verified.get("valid") is True, f"record verify {os.path.basename(path)}")

    appended = cli.json("append", "append", *envelopes)
    check(len(appended["records"]) == len(envelopes), "append reports every record")
    first = appended["records"][0]
    shown = cli.json("show", "show", first["recordId"])
    check(shown["index"] == first["index"] and shown["valid"], "show agrees with append")
    disputed = cli.json("correct", "correct", first["recordId"], "--dispute", "--reason", "cross-check dispute", "--key", "studio")
    check(cli.json("show", "show", first["recordId"])["status"] == "disputed", "show reports the dispute")
    check(disputed["action"] == "dispute", "correct reports its action")

    old_note = os.path.join(work, "old.checkpoint")
    with open(old_note, "w") as handle:
        handle.write(init["checkpoint"]["note"])
    head = cli.json("log-checkpoint", "log", "checkpoint")
    new_note = os.path.join(work, "new.checkpoint")
    with open(new_note, "w") as handle:
        handle.write(head["note"])

    for position, record in enumerate(appended["records"]):
        proof = os.path.join(work, f"record-{position}.tlog-proof")
        cli.json("log-prove", "log", "prove", record["recordId"], "--out", proof)
        verify_bundle("proof", proof, "--vkey", vkey_file, "--entry", envelopes[position])
        cli.json("log-verify-proof", "log", "verify-proof", proof, "--vkey", vkey_file, "--entry", envelopes[position])
        other = envelopes[(position + 1) % len(envelopes)]
        verify_bundle("proof", proof, "--vkey", vkey_file, "--entry", other, status=1)

    consistency = cli.json("log-consistency", "log", "consistency", str(init["checkpoint"]["size"]), str(head["size"]))
    consistency_file = os.path.join(work, "consistency.json")
    with open(consistency_file, "w") as handle:
        json.dump(consistency, handle)
    verify_bundle("consistency", consistency_file, "--vkey", vkey_file, "--old", old_note, "--new", new_note)
    consistency["proof"] = consistency["proof"][::-1]
    with open(consistency_file, "w") as handle:
        json.dump(consistency, handle)
    if len(consistency["proof"]) > 1:
        verify_bundle("consistency", consistency_file, "--vkey", vkey_file, "--old", old_note, "--new", new_note, status=1)

    tiles = os.path.join(work, "tiles")
    cli.json("log-tiles", "log", "tiles", "--out", tiles)
    verify_bundle("tiles", tiles, "--vkey", vkey_file)
    cli.json("key-revoke", "key", "revoke", "press", "--reason", "cross-check revocation")
    cli.json("log-tiles", "log", "tiles", "--out", tiles)
    verify_bundle("tiles", tiles, "--vkey", vkey_file)
    partials = glob.glob(os.path.join(tiles, "tile", "entries", "*.p", "*"))
    bundle = max(partials, key=lambda path: int(os.path.basename(path)))  # the one the checkpoint uses
    with open(bundle, "r+b") as handle:
        data = bytearray(handle.read())
        data[10] ^= 1
        handle.seek(0)
        handle.write(bytes(data))
    verify_bundle("tiles", tiles, "--vkey", vkey_file, status=1)

    result = subprocess.run([binary, "quickstart", "--json"], capture_output=True, text=True, timeout=300)
    check(result.returncode == 0, f"quickstart --json exited {result.returncode}: {result.stderr.strip()}")
    if result.returncode == 0:
        quick = json.loads(result.stdout)
        check(not errors("https://colophon.dev/schemas/cli/quickstart/v1", quick), "quickstart --json matches its schema")


FIXTURES = os.path.join(os.path.dirname(ROOT), "shared", "fixtures", "gen-metadata")


def exercise_stamping(binary, work):
    from PIL import Image

    cli = CLI(binary, os.path.join(work, "stamp-ledger"))
    cli.run("init", "--origin", "stamp.colophon.example/log")
    cli.run("key", "new", "studio", "--role", "generator")
    lora = os.path.join(FIXTURES, "synth", "lora_test.safetensors")
    added = cli.json("lora-add", "lora", "add", lora, "--emulates", "Artist Name")
    with open(lora, "rb") as handle:
        data = handle.read()
    header = int.from_bytes(data[:8], "little")
    check(added.get("hashes", {}).get("sha256") == hashlib.sha256(data).hexdigest(), "lora add: SHA-256 agrees with hashlib")
    check(added.get("hashes", {}).get("autov3") == hashlib.sha256(data[8 + header:]).hexdigest(), "lora add: AutoV3 agrees with hashlib")
    b3 = subprocess.run(["b3sum", "--no-names", lora], capture_output=True, text=True).stdout.strip()
    check(added.get("hashes", {}).get("blake3") == b3, f"lora add: BLAKE3 agrees with b3sum ({b3})")
    model = os.path.join(work, "tiny-model.ckpt")
    with open(model, "wb") as handle:
        handle.write(os.urandom(1 << 21))
    cli.json("model-add", "model", "add", model, "--name", "Tiny")
    again = cli.json("model-add", "model", "add", model)
    check(again.get("new") is False, "model add twice: the first record is returned")

    images = os.path.join(work, "images")
    os.makedirs(images)
    source = os.path.join(FIXTURES, "sd-parsers", "AUTOMATIC1111", "automatic1111_stealth.png")
    shutil.copy(source, os.path.join(images, "stealth.png"))
    shutil.copy(os.path.join(FIXTURES, "synth", "a1111_s2.jpg"), os.path.join(images, "fox.jpg"))
    shutil.copy(os.path.join(FIXTURES, "synth", "comfyui_s1.webp"), os.path.join(images, "heron.webp"))
    shutil.copy(os.path.join(FIXTURES, "synth", "a1111_s2.png"), os.path.join(images, "fox.png"))
    names = ["stealth.png", "fox.jpg", "heron.webp", "fox.png"]
    stamped = cli.json("stamp", "stamp", *[os.path.join(images, n) for n in names], "--embed")
    check([i.get("status") for i in stamped.get("images", [])] == ["stamped"] * 4, "stamp --embed: four images stamped")
    for name in names:
        path = os.path.join(images, name)
        tags = json.loads(subprocess.run(["exiftool", "-j", "-G1", "-XMP:all", "-UserComment", path], capture_output=True, text=True).stdout)[0]
        dst = tags.get("XMP-iptcExt:DigitalSourceType")
        check(dst == "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", f"exiftool reads the digital source type of {name}: {dst}")
        record = next(i["recordId"] for i in stamped["images"] if i["path"].endswith(name))
        found = [v for k, v in tags.items() if k.endswith(":RecordID")]
        check(found == [record], f"exiftool reads the record id of {name}: {found}")
        check(any(k.endswith(":Aigc") for k in tags), f"exiftool reads the GB 45438 AIGC label of {name}")
        kept = {
            "fox.jpg": ["-ExifIFD:UserComment"], "fox.png": ["-PNG:Parameters"], "heron.webp": ["-IFD0:Model"],
        }.get(name)
        if kept:
            text = subprocess.run(["exiftool", "-s3", *kept, path], capture_output=True, text=True).stdout
            check("red fox" in text or "prompt:" in text, f"{name} keeps the generator's own metadata")
        verified = cli.json("verify", "verify", path)
        check(verified.get("verdict") == "verified", f"verify {name}: verified ({verified.get('problems')})")

    # A platform re-save: Pillow drops the credential and the generator's text, keeps the pixels.
    stripped = os.path.join(work, "stripped.png")
    Image.open(os.path.join(images, "fox.png")).save(stripped, compress_level=9)
    result = cli.json("verify", "verify", stripped, status=1)
    check(result.get("verdict") == "matches-record" and result.get("method") == "pixel-digest", f"Pillow re-save found by pixel digest: {result.get('verdict')}/{result.get('method')}")
    for size, quality in [((640, 427), 75), ((48, 40), None), ((1000, 1000), 30)]:
        copy_path = os.path.join(work, f"copy_{size[0]}x{size[1]}.{'jpg' if quality else 'png'}")
        resized = Image.open(source).convert("RGB").resize(size, Image.BICUBIC)
        resized.save(copy_path, **({"quality": quality} if quality else {}))
        result = cli.json("verify", "verify", copy_path, status=1)
        check(result.get("verdict") == "similar-to" and result.get("distance", 99) <= 31, f"{os.path.basename(copy_path)} found by PDQ: {result.get('verdict')} {result.get('distance')}")
        cli.json("lookup", "lookup", copy_path)

    ingest_dir = os.path.join(work, "ingest")
    os.makedirs(ingest_dir)
    for name in ["a1111_s1.png", "comfyui_s1.png", "fooocus_s1.jpg", "a1111_s2.webp"]:
        shutil.copy(os.path.join(FIXTURES, "synth", name), ingest_dir)
    shutil.copy(os.path.join(TOOLS, "fixtures", "pdq", "derived", "synthetic_301x226.png"), ingest_dir)
    first = cli.json("ingest", "ingest", ingest_dir)
    second = cli.json("ingest", "ingest", ingest_dir)
    check(first.get("failed") == 0 and first.get("found") == 5, f"ingest: {first.get('found')} found, {first.get('failed')} failed")
    check(second.get("stamped") == 0 and second.get("alreadyStamped") == 5, "ingest again: everything already stamped")
    cli.json("lookup", "lookup", "--artist", "artist name")
    cli.json("lookup", "lookup", "--lora", "inkwash_style_v2")
    cli.json("lookup", "lookup", "--sha256", hashlib.sha256(open(stripped, "rb").read()).hexdigest(), status=1)
    cli.json("verify", "verify", os.path.join(TOOLS, "fixtures", "pdq", "derived", "synthetic_1200x900.png"), status=1)
    broken = os.path.join(work, "broken.png")
    with open(source, "rb") as handle:
        content = handle.read()
    with open(broken, "wb") as handle:
        handle.write(content[: len(content) // 2])
    cli.run("stamp", broken, status=2)
    cli.run("verify", broken, status=2)
    mixed = cli.json("stamp", "stamp", os.path.join(images, "fox.png"), broken, status=2)
    check([i.get("status") for i in mixed.get("images", [])] == ["already-stamped", "failed"], "stamp --json reports each image, failures included")

    cli.run("key", "new", "painter", "--role", "artist")
    declared = cli.json("consent-declare", "consent", "declare", "--artist", "Inkwash ArtistName", "--scope", "style-emulation", "--scope", "training", "--status", "refused", "--key", "painter")
    check([a.get("basis") for a in declared.get("attributions", [])] == ["training_metadata"], "consent declare links the LoRA whose dataset folder names the artist")
    listed = cli.json("consent-list", "consent", "list", "--artist", "inkwash artistname")
    check(len(listed.get("declarations", [])) == 1, "consent list shows the declaration in force")
    looked = cli.json("lookup", "lookup", "--artist", "inkwash artistname")
    check([m.get("type") for m in looked.get("matches", [])][:2] == ["consent", "adapter"], "lookup --artist lists the declaration and the attributed LoRA")


def show_key_pem(cli, key_id):
    listed = json.loads(cli.run("key", "list", "--json").stdout)
    index = next(k["registeredIndex"] for k in listed["keys"] if k["keyId"] == key_id)
    statement = json.loads(cli.run("show", f"#{index}", "--json").stdout)["statement"]
    return statement["predicate"]["publicKey"]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "colophon")
    check_examples()
    with tempfile.TemporaryDirectory(prefix="colophon-crosscheck-") as work:
        exercise_ledger(os.path.abspath(binary), work)
        exercise_stamping(os.path.abspath(binary), work)
    if FAILURES:
        print(f"crosscheck: {len(FAILURES)} of {CHECKS} checks failed", file=sys.stderr)
        return 1
    print(f"crosscheck: all {CHECKS} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
