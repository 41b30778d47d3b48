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

    # Kept in ./colophon-quickstart (here, the work folder) and in a temporary folder.
    for arguments in (["--json"], ["--temporary", "--json"]):
        result = subprocess.run([binary, "quickstart", *arguments], capture_output=True, text=True, timeout=300, cwd=work)
        check(result.returncode == 0, f"quickstart {' '.join(arguments)} exited {result.returncode}: {result.stderr.strip()}")
        if result.returncode == 0:
            quick = json.loads(result.stdout)
            check(not errors("https://colophon.dev/schemas/cli/quickstart/v1", quick),
                  f"quickstart {' '.join(arguments)} matches its schema")
            kept = "--temporary" not in arguments
            check(kept == os.path.isfile(quick.get("report", "")), f"quickstart {' '.join(arguments)}: the report is kept: {kept}")


FIXTURES_ROOT = os.path.join(ROOT, "Tests", "Fixtures")
FIXTURES = os.path.join(FIXTURES_ROOT, "gen-metadata")


def exercise_stamping(binary, work):
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

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
    # The synthetic PNG and lossless WebP share their pixels, which makes them one image to the
    # ledger (one pixel digest): the PNG gets one pixel of its own, its text chunks kept.
    fox = Image.open(os.path.join(FIXTURES, "synth", "a1111_s2.png"))
    text = PngInfo()
    for key, value in fox.text.items():
        text.add_text(key, value)
    fox = fox.copy()
    fox.putpixel((0, 0), tuple((channel + 1) % 256 for channel in fox.getpixel((0, 0))))
    fox.save(os.path.join(images, "fox.png"), pnginfo=text)
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
    shutil.copy(os.path.join(FIXTURES_ROOT, "pdq", "derived", "synthetic_301x226.png"), ingest_dir)
    first = cli.json("ingest", "ingest", ingest_dir)
    second = cli.json("ingest", "ingest", ingest_dir)
    check(first.get("failed") == 0 and first.get("found") == 5, f"ingest: {first.get('found')} found, {first.get('failed')} failed")
    check(second.get("stamped") == 0 and second.get("alreadyStamped") == 5, "ingest again: everything already stamped")
    cli.json("lookup", "lookup", "--artist", "artist name")
    cli.json("lookup", "lookup", "--lora", "inkwash_style_v2")
    cli.json("lookup", "lookup", "--sha256", hashlib.sha256(open(stripped, "rb").read()).hexdigest(), status=1)
    cli.json("verify", "verify", os.path.join(FIXTURES_ROOT, "pdq", "derived", "synthetic_1200x900.png"), status=1)
    broken = os.path.join(work, "broken.png")
    with open(source, "rb") as handle:
        content = handle.read()
    with open(broken, "wb") as handle:
        handle.write(content[: len(content) // 2])
    cli.run("stamp", broken, status=2)
    cli.run("verify", broken, status=2)
    mixed = cli.json("stamp", "stamp", os.path.join(images, "fox.png"), broken, status=2)
    check([i.get("status") for i in mixed.get("images", [])] == ["already-stamped", "failed"], "stamp --json reports each image, failures included")

    # The watermark: stamped into the pixels, read back by Pillow's re-encode of a smaller copy.
    photo = os.path.join(work, "coffee.jpg")
    shutil.copy(os.path.join(FIXTURES_ROOT, "photos", "coffee.jpg"), photo)
    marked = os.path.join(work, "coffee-marked.png")
    watermarked = cli.json("stamp", "stamp", photo, "--watermark", "--out", marked)
    entry = (watermarked.get("images") or [{}])[0]
    mark = (entry.get("watermark") or {}).get("id")
    check(mark is not None and entry.get("watermark", {}).get("psnr", 0) > 38, f"stamp --watermark: id {mark}, {entry.get('watermark')}")
    copy_path = os.path.join(work, "coffee-copy.jpg")
    with Image.open(marked) as image:
        image.convert("RGB").resize((image.width * 4 // 5, image.height * 4 // 5), Image.BICUBIC).save(copy_path, quality=85)
    detected = cli.json("watermark-detect", "watermark", "detect", marked, copy_path)
    found = detected.get("images", [])
    check([i.get("id") for i in found] == [mark, mark], f"watermark detect reads the id from the PNG and a smaller JPEG copy: {[i.get('id') for i in found]}")
    check(all(i.get("records") == [entry.get("recordId")] for i in found), "watermark detect names the stamped record")
    check(abs((found[1:] or [{}])[0].get("scale", 0) - 0.8) < 0.01, "watermark detect measures the copy's scale")
    unmarked = cli.json("watermark-detect", "watermark", "detect", photo, status=1)
    check([i.get("found") for i in unmarked.get("images", [])] == [False], "watermark detect: the original carries no mark")
    verified = cli.json("verify", "verify", copy_path, status=1)
    layer = next((l for l in verified.get("layers", []) if l.get("layer") == "watermark"), {})
    check(verified.get("verdict") == "similar-to" and verified.get("watermarkId") == mark, f"verify: the copy is similar-to its record, watermark {verified.get('watermarkId')}")
    check(layer.get("outcome") == "matched" and layer.get("records") == [entry.get("recordId")], f"verify's watermark layer matched the record: {layer}")
    embedded = cli.json("watermark-embed", "watermark", "embed", photo, "--out", os.path.join(work, "embed.png"), "--id", "00000000000000ff")
    check(embedded.get("id") == "00000000000000ff", "watermark embed carries the id asked for")

    cli.run("key", "new", "painter", "--role", "artist")
    declared = cli.json("consent-declare", "consent", "declare", "--artist", "Inkwash ArtistName", "--scope", "style-emulation", "--scope", "training", "--status", "refused", "--key", "painter")
    check([a.get("basis") for a in declared.get("attributions", [])] == ["training_metadata", "trigger_word"], "consent declare links the LoRA whose dataset folder names the artist")
    listed = cli.json("consent-list", "consent", "list", "--artist", "inkwash artistname")
    check(len(listed.get("declarations", [])) == 1, "consent list shows the declaration in force")
    looked = cli.json("lookup", "lookup", "--artist", "inkwash artistname")
    check([m.get("type") for m in looked.get("matches", [])][:2] == ["consent", "adapter"], "lookup --artist lists the declaration and the attributed LoRA")


def exercise_comic(binary, work):
    """The comic workflow as a user runs it, every --json output checked against its schema,
    and hostile archives refused."""
    import random
    import zipfile
    import xml.etree.ElementTree as ElementTree
    from PIL import Image, ImageDraw, PngImagePlugin

    cli = CLI(binary, os.path.join(work, "comic-ledger"))
    cli.run("init", "--origin", "comic.colophon.example/log")
    for name, role in (("studio", "generator"), ("kris", "author"), ("inkwash", "artist")):
        cli.run("key", "new", name, "--role", role)
    cli.json("lora-add", "lora", "add", os.path.join(FIXTURES, "synth", "lora_test.safetensors"), "--key", "studio")
    cli.json("consent-declare", "consent", "declare", "--artist", "Inkwash ArtistName", "--scope", "style-emulation", "--status", "refused", "--key", "inkwash")

    pages_dir = os.path.join(work, "comic-pages")
    os.makedirs(pages_dir)
    rng = random.Random(7)
    panels, records = [], []
    for number in (1, 2):
        panel = Image.new("RGB", (256, 256))
        panel.putdata([(rng.randrange(256), (x * number) % 256, (y * 3) % 256) for y in range(256) for x in range(256)])
        info = PngImagePlugin.PngInfo()
        lora = ' <lora:inkwash:0.7>' if number == 1 else ""
        hashes = ', Lora hashes: "inkwash: 73323f360729"' if number == 1 else ""
        info.add_text("parameters", f"a heron, panel {number}{lora}\nSteps: 20, Seed: {number}, Size: 256x256{hashes}")
        path = os.path.join(work, f"panel-{number}.png")
        panel.save(path, pnginfo=info)
        stamped = cli.json("stamp", "stamp", path, "--key", "studio")
        records.append(stamped["images"][0]["recordId"])
        panels.append(panel)
    edited = panels[1].copy()
    ImageDraw.Draw(edited).rectangle((60, 60, 120, 200), fill=(20, 20, 20))
    edited_path = os.path.join(work, "panel-2-edited.png")
    edited.save(edited_path)
    for number in (1, 2):
        page = Image.new("RGB", (400, 560), "white")
        page.paste(panels[0] if number == 1 else edited, (20, 20))
        ImageDraw.Draw(page).rectangle((40, 300, 360, 500), outline="black", width=3)
        page.save(os.path.join(pages_dir, f"page-{number}.png"))

    lettering = []
    for number in (1, 2):
        balloon = os.path.join(work, f"balloon-{number}.txt")
        with open(balloon, "w") as handle:
            handle.write(f"balloon {number}: Hello, heron.")
        made = cli.json("contribute", "contribute", "--category", "lettering", "--work", "mini", "--page", str(number), "--box", "40,300,320,200", "--file", balloon, "--tool", "Clip Studio Paint@3.0", "--attestation", f"I lettered page {number} by hand.", "--key", "kris")
        lettering.append(made["recordId"])
    layout_file = os.path.join(work, "layout.txt")
    with open(layout_file, "w") as handle:
        handle.write("page plan v3")
    layout = cli.json("contribute", "contribute", "--category", "arrangement-layout", "--evidence", layout_file, "--attestation", "I laid out both pages.", "--key", "kris")["recordId"]
    redraw = cli.json("contribute", "contribute", "--category", "modification-of-ai-output", "--work", "mini", "--page", "2", "--before", os.path.join(work, "panel-2.png"), "--after", edited_path, "--extent", "extensive", "--evidence", edited_path, "--tool", "Krita@5.2", "--attestation", "I painted over the heron by hand.", "--key", "kris")
    check(redraw.get("beforeRecord") == records[1], "contribute links the before-image to its generation record")
    cli.run("contribute", "--category", "lettering", "--work", "mini", "--page", "1", "--box", "10,10,5,5", "--attestation", "x", "--key", "kris", status=2)

    elements = {"pages": [
        {"number": 1, "elements": [
            {"id": "p1-art", "kind": "panel_art", "origin": "ai", "box": {"x": 20, "y": 20, "width": 256, "height": 256}, "generationRecords": [records[0]]},
            {"id": "p1-balloon", "kind": "balloon", "origin": "human", "box": {"x": 40, "y": 300, "width": 320, "height": 200}, "contributionRecords": [lettering[0]]}]},
        {"number": 2, "elements": [
            {"id": "p2-art", "kind": "panel_art", "origin": "mixed", "humanModification": "extensive", "box": {"x": 20, "y": 20, "width": 256, "height": 256}, "generationRecords": [records[1]], "contributionRecords": [redraw["recordId"]]},
            {"id": "p2-balloon", "kind": "balloon", "origin": "human", "box": {"x": 40, "y": 300, "width": 320, "height": 200}, "contributionRecords": [lettering[1]]}]},
    ]}
    elements_file = os.path.join(work, "elements.json")
    with open(elements_file, "w") as handle:
        json.dump(elements, handle)
    first = cli.json("work-version", "work", "import", pages_dir, "--id", "mini", "--title", "Mini", "--elements", elements_file, "--contribution", layout, "--creator", "Kris:writer", "--key", "kris")
    check(first.get("version") == 1 and first.get("elements") == 4, "work import records version 1 with its elements")
    second = cli.json("work-version", "work", "element", "mini", "--page", "1", "--id", "p1-sfx", "--kind", "sfx", "--origin", "human", "--box", "300,30,60,40", "--element-contribution", lettering[0], "--key", "kris")
    check(second.get("version") == 2 and second.get("supersedes") == first.get("recordId"), "work element makes version 2, superseding version 1")
    shown = cli.json("work-show", "work", "show", "mini")
    check([v["version"] for v in shown.get("versions", [])] == [1, 2], "work show lists both versions")
    cbz = os.path.join(work, "mini.cbz")
    cli.json("work-export", "work", "export", "mini", "--pages", pages_dir, "--out", cbz)
    with zipfile.ZipFile(cbz) as archive:
        names = archive.namelist()
        info = ElementTree.fromstring(archive.read("ComicInfo.xml"))
        manifest = json.loads(archive.read("colophon-work.json"))
    check(names[:2] == ["page-1.png", "page-2.png"], f"the CBZ holds the pages in order: {names}")
    check(info.findtext("Title") == "Mini" and info.findtext("Writer") == "Kris", "Python reads ComicInfo.xml")
    payload = base64.b64decode(manifest["envelope"]["payload"])
    check("sha256:" + hashlib.sha256(payload).hexdigest() == manifest["workRecord"] == second["recordId"], "the manifest's envelope is the work record")

    html = os.path.join(work, "mini.html")
    report = cli.json("verify-comic", "verify", cbz, "--html", html)
    check(report.get("verdict") == "verified", f"verify mini.cbz: {report.get('verdict')} {report.get('problems')}")
    check(report.get("work", {}).get("foundBy") == "manifest", "the work is found by its manifest")
    summary = report.get("summary", {})
    check((summary.get("ai"), summary.get("human"), summary.get("humanModifiedAI")) == (1, 3, 1), f"counts AI/human/mixed: {summary}")
    flagged = sorted({p["number"] for p in report.get("pages", []) for e in p["elements"] if e["consent"]})
    check(flagged == [1], f"only the page whose panel used the LoRA is flagged: {flagged}")
    claim = report.get("claim", {})
    check("human modifications" in claim.get("authorCreated", "") and "selection, coordination, and arrangement" in claim.get("authorCreated", "").lower(), f"the claim names the human parts: {claim.get('authorCreated')}")
    check("pages 1 and 2" in claim.get("materialExcluded", ""), f"the claim excludes the AI images: {claim.get('materialExcluded')}")
    check(report.get("disclosure", {}).get("classification") == "ai-generated", "the disclosure says AI-generated")
    with open(html) as handle:
        page_html = handle.read()
    check('id="page-1"' in page_html and 'class="box mixed' in page_html and "data:image/png;base64," in page_html, "the HTML report has pages, overlays and images")
    folder = cli.json("verify-comic", "verify", pages_dir)
    check(folder.get("verdict") == "verified" and folder.get("work", {}).get("foundBy") == "page digests", "a folder of pages is found by its page digests")

    edited = cli.json("work-version", "work", "edit", "mini", "--title", "Mini, revised", "--key", "kris")
    check(edited.get("version") == 3 and edited.get("elements") == 5, "work edit makes version 3 and keeps the elements")

    def rewrite(name, edit):
        path = os.path.join(work, name)
        with zipfile.ZipFile(cbz) as source, zipfile.ZipFile(path, "w") as target:
            entries = [(item.filename, source.read(item.filename)) for item in source.infolist()]
            for entry_name, data in edit(entries):
                target.writestr(entry_name, data)
        return path

    page_bytes = open(os.path.join(pages_dir, "page-1.png"), "rb").read()
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        slip = rewrite("slip.cbz", lambda e: e + [("../evil.png", page_bytes)])
        duplicate = rewrite("duplicate.cbz", lambda e: e + [("page-1.png", page_bytes)])
    for path, reason in ((slip, "zip-slip"), (duplicate, "twice")):
        result = cli.run("verify", path, status=2)
        check(reason in result.stderr, f"{os.path.basename(path)} is refused: {result.stderr.strip()}")
    expanding = os.path.join(work, "expanding.cbz")
    with zipfile.ZipFile(expanding, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("page-1.png", b"\0" * (200 << 20))
    result = cli.run("verify", expanding, status=2)
    check("zip bomb" in result.stderr, f"a zip bomb is refused: {result.stderr.strip()}")
    many = os.path.join(work, "many.cbz")
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(40):
            archive.writestr(f"page-{index}.png", b"\0" * (900 << 10))
    result = cli.run("verify", many, status=2)
    check("zip bomb" in result.stderr, f"many small expanding entries are refused: {result.stderr.strip()}")
    extra = rewrite("extra.cbz", lambda e: e + [("page-3.png", open(os.path.join(work, "panel-2-edited.png"), "rb").read())])
    found = cli.json("verify-comic", "verify", extra, status=1)
    check(found.get("summary", {}).get("unknownProvenance") == ["page-3.png"], f"a page with no record is unknown provenance: {found.get('summary')}")
    missing = rewrite("missing.cbz", lambda e: [x for x in e if x[0] != "page-2.png"])
    found = cli.json("verify-comic", "verify", missing, status=1)
    check([p["status"] for p in found.get("pages", [])] == ["matches", "missing"], "a missing page is reported")
    changed = rewrite("changed.cbz", lambda e: [(n, d + b"\0" if n == "page-1.png" else d) for n, d in e])
    found = cli.json("verify-comic", "verify", changed, status=1)
    check(found.get("pages", [{}])[0].get("status") == "differs", "a changed page is reported")
    broken_info = rewrite("info.cbz", lambda e: [(n, b"<ComicInfo><Title>oops" if n == "ComicInfo.xml" else d) for n, d in e])
    found = cli.json("verify-comic", "verify", broken_info)
    check(any("ComicInfo.xml" in note for note in found.get("notes", [])), "a malformed ComicInfo.xml is a note, not a crash")
    elements["pages"][0]["elements"][0]["generationRecords"] = ["sha256:" + "0" * 64]
    with open(elements_file, "w") as handle:
        json.dump(elements, handle)
    result = cli.run("work", "import", pages_dir, "--id", "mini", "--elements", elements_file, "--title", "Mini", "--key", "kris", status=1)
    check("not in this ledger" in result.stderr, f"a work citing a missing record is refused: {result.stderr.strip()}")


def exercise_evidence(binary, work):
    """Evidence bundles from the quickstart's comic: both verifiers accept a good bundle and
    `sha256sum -c` accepts it unzipped; every kind of tampering is caught by both, with the
    same exit status."""
    import zipfile
    from cryptography.hazmat.primitives import serialization

    story = os.path.join(work, "evidence-story")
    result = subprocess.run([binary, "quickstart", "--keep", story, "--json"], capture_output=True, text=True, timeout=300)
    check(result.returncode == 0, f"quickstart --keep for evidence: {result.stderr.strip()}")
    cli = CLI(binary, os.path.join(story, "ledger"))
    pinned = os.path.join(work, "pinned.checkpoint")
    with open(pinned, "w") as handle:
        handle.write(cli.json("log-checkpoint", "log", "checkpoint")["note"])
    bundle = os.path.join(work, "evidence.zip")
    exported = cli.json("export", "export", "--work", "lighthouse", "--out", bundle, "--reason", "cross-check audit", "--since", pinned, "--include-assets", os.path.join(story, "samples", "pages"), "--key", "press")
    shown = cli.json("show", "show", exported["custodyRecord"])
    check(shown.get("statement", {}).get("predicateType", "").endswith("/custody@v1"), "the custody record is in the log")

    def both(path, status, what, vkey=None):
        swift = subprocess.run([binary, "bundle", "verify", path, "--json"] + (["--policy", vkey] if vkey else []), capture_output=True, text=True, timeout=120)
        python = subprocess.run([sys.executable, os.path.join(TOOLS, "verify_bundle.py"), "bundle", path] + (["--vkey", vkey + ".vkey"] if vkey else []), capture_output=True, text=True, timeout=120)
        check(swift.returncode == status and python.returncode == status,
              f"{what}: colophon exits {swift.returncode}, verify_bundle.py exits {python.returncode}, expected {status} ({python.stderr.strip()[:160]})")
        if status == 0:
            check(not errors("https://colophon.dev/schemas/cli/bundle-verify/v1", json.loads(swift.stdout)), "bundle verify --json matches its schema")
        return swift, python

    both(bundle, 0, "a good bundle")
    unpacked = os.path.join(work, "evidence-unpacked")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(unpacked)
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True)
    check(sums.returncode == 0 and "FAILED" not in sums.stdout, "sha256sum -c accepts the unzipped bundle")
    verify_bundle("bundle", bundle)
    # Pinning the log key through a tlog-policy.
    vkey = open(os.path.join(story, "ledger", "log.vkey")).read().strip()
    policy = os.path.join(work, "trusted.policy")
    with open(policy, "w") as handle:
        handle.write(f"log {vkey}\nquorum none\n")
    with open(policy + ".vkey", "w") as handle:
        handle.write(vkey)
    both(bundle, 0, "a good bundle against the pinned log key", vkey=policy)

    with zipfile.ZipFile(bundle) as archive:
        original = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    manifest = json.loads(original["MANIFEST.json"])
    press = serialization.load_pem_private_key(open(os.path.join(story, "ledger", "keys", "press.pem"), "rb").read(), None)
    studio = serialization.load_pem_private_key(open(os.path.join(story, "ledger", "keys", "studio.pem"), "rb").read(), None)

    def key_id(private):
        der = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        return hashlib.sha256(der).hexdigest()

    def write(name, files, signer=press, reseal=True, changes=None):
        files = dict(files)
        if reseal:
            # Sealed again as the exporter would: manifest file list, signature and sums all
            # consistent, so only the deeper checks can catch what was changed.
            listing = [{"path": p, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                       for p, d in sorted(files.items()) if p not in ("MANIFEST.json", "MANIFEST.sig", "SHA256SUMS")]
            body = dict(manifest, files=listing, **(changes or {}))
            files["MANIFEST.json"] = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
            statement = {"_type": "https://in-toto.io/Statement/v1", "predicateType": "https://colophon.dev/bundle/manifest@v1",
                         "predicate": {}, "subject": [{"name": "MANIFEST.json", "digest": {"sha256": hashlib.sha256(files["MANIFEST.json"]).hexdigest()}}]}
            payload = json.dumps(statement, sort_keys=True, separators=(",", ":")).encode()
            kind = b"application/vnd.in-toto+json"
            signature = signer.sign(b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload))
            files["MANIFEST.sig"] = json.dumps({"payload": base64.b64encode(payload).decode(), "payloadType": kind.decode(),
                                                "signatures": [{"keyid": key_id(signer), "sig": base64.b64encode(signature).decode()}]},
                                               sort_keys=True, separators=(",", ":")).encode()
            files.pop("SHA256SUMS", None)
            files["SHA256SUMS"] = "".join(f"{hashlib.sha256(d).hexdigest()}  {p}\n" for p, d in sorted(files.items())).encode()
        path = os.path.join(work, name)
        with zipfile.ZipFile(path, "w") as archive:
            for entry_name, data in files.items():
                archive.writestr(entry_name, data)
        return path

    both(write("resealed.zip", original), 0, "a bundle resealed unchanged")
    records = [r for r in manifest["records"] if r["predicateType"].endswith("/generation@v1")]
    first, second = records[0], records[1]

    flipped = dict(original)
    data = bytearray(flipped[first["file"]])
    data[len(data) // 2] ^= 1
    flipped[first["file"]] = bytes(data)
    both(write("flipped.zip", flipped, reseal=False), 1, "a flipped byte in a record")
    both(write("flipped-resealed.zip", flipped), 1, "a flipped byte in a record, manifest and sums resealed")
    swapped = dict(original)
    swapped[first["proof"]], swapped[second["proof"]] = original[second["proof"]], original[first["proof"]]
    both(write("swapped.zip", swapped), 1, "two records' proofs swapped")
    removed = {k: v for k, v in original.items() if k != first["proof"]}
    both(write("removed.zip", removed), 1, "a proof file removed")
    both(write("removed-raw.zip", {k: v for k, v in original.items() if k != "VERIFY.md"}, reseal=False), 1, "a file removed, nothing resealed")
    both(write("wrong-signer.zip", original, signer=studio), 1, "the manifest signed by another key")
    both(write("other-exporter.zip", original, signer=studio, changes={"exporter": {"keyId": key_id(studio), "name": "studio"}}), 1,
         "the manifest re-signed by another registered key that names itself the exporter")
    relabelled = [dict(r, predicateType="https://colophon.dev/predicate/generation@v1") if r["predicateType"].endswith("/key@v1") and i == 0 else r
                  for i, r in enumerate(sorted(manifest["records"], key=lambda r: r["index"]))]
    both(write("relabelled.zip", original, changes={"records": relabelled}), 1, "a key record relabelled in the manifest")
    both(write("dropped-record.zip", original, changes={"records": manifest["records"][1:]}), 1, "a record left out of the manifest's list")
    check(sum(1 for n in original if n.startswith("assets/")) == 3, "the three page images are in the bundle as assets")
    both(write("stray-asset.zip", dict(original, **{"assets/stray.png": b"not a page"})), 1, "an asset no record describes")
    contents = dict(original)
    contents["contents.sha256"] = original["contents.sha256"] + b"0" * 64 + b"  records/extra.json\n"
    both(write("contents.zip", contents), 1, "contents.sha256 that is not what the custody record names")
    other = CLI(binary, os.path.join(work, "other-ledger"))
    other.run("init", "--origin", "other.colophon.example/log")
    other_vkey = open(os.path.join(work, "other-ledger", "log.vkey")).read().strip()
    other_log = os.path.join(work, "other.policy")
    with open(other_log, "w") as handle:
        handle.write(f"log {other_vkey}\nquorum none\n")
    with open(other_log + ".vkey", "w") as handle:
        handle.write(other_vkey)
    both(bundle, 1, "a bundle checked against another log's key", vkey=other_log)

    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both(write("slip.zip", dict(original, **{"../evil.txt": b"x"}), reseal=False), 2, "a zip-slip entry name")
    bomb = os.path.join(work, "bundle-bomb.zip")
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records/a.json", b"\0" * (300 << 20))
    both(bomb, 2, "a zip bomb")

    # RFC 3161: a throwaway `openssl ts` authority on loopback timestamps the checkpoint and
    # the manifest; both verifiers check the tokens, and refuse another authority's roots.
    tsa_dir, other_tsa = os.path.join(work, "tsa"), os.path.join(work, "other-tsa")
    for folder in (tsa_dir, other_tsa):
        subprocess.run([sys.executable, os.path.join(TOOLS, "test_tsa.py"), "setup", folder], check=True, capture_output=True)
    server = subprocess.Popen([sys.executable, os.path.join(TOOLS, "test_tsa.py"), "serve", tsa_dir], stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        cli.run("tsa", url, "--roots", os.path.join(tsa_dir, "root.pem"))
        stamped_bundle = os.path.join(work, "stamped.zip")
        cli.json("export", "export", "--work", "lighthouse", "--out", stamped_bundle, "--key", "press")
    finally:
        server.kill()
        server.wait()
    cli.run("tsa", "--remove")
    both(stamped_bundle, 0, "a timestamped bundle")
    for roots, status, what in ((os.path.join(tsa_dir, "root.pem"), 0, "the pinned TSA root"), (os.path.join(other_tsa, "root.pem"), 1, "another TSA's root")):
        swift = subprocess.run([binary, "bundle", "verify", stamped_bundle, "--tsa-roots", roots], capture_output=True, text=True)
        python = subprocess.run([sys.executable, os.path.join(TOOLS, "verify_bundle.py"), "bundle", stamped_bundle, "--tsa-roots", roots], capture_output=True, text=True)
        check(swift.returncode == status and python.returncode == status, f"timestamps against {what}: {swift.returncode} {python.returncode}")
    python = subprocess.run([sys.executable, os.path.join(TOOLS, "verify_bundle.py"), "bundle", stamped_bundle], capture_output=True, text=True)
    check(len(json.loads(python.stdout or "{}").get("timestamps", [])) == 2, "verify_bundle.py reads both tokens' times")
    stamped_dir = os.path.join(work, "stamped-unpacked")
    with zipfile.ZipFile(stamped_bundle) as archive:
        archive.extractall(stamped_dir)
    for data, token in (("log/checkpoint", "timestamps/checkpoint.tsr"), ("MANIFEST.json", "timestamps/manifest.tsr")):
        result = subprocess.run(["openssl", "ts", "-verify", "-data", data, "-in", token, "-CAfile", "timestamps/tsa-roots.pem"], cwd=stamped_dir, capture_output=True, text=True)
        check("Verification: OK" in result.stdout, f"openssl ts -verify accepts {token}, as VERIFY.md says: {result.stdout.strip()} {result.stderr.strip()[-120:]}")
    with zipfile.ZipFile(stamped_bundle) as archive:
        stamped_files = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    manifest = json.loads(stamped_files["MANIFEST.json"])
    token = bytearray(stamped_files["timestamps/checkpoint.tsr"])
    token[-10] ^= 1
    both(write("bad-token.zip", dict(stamped_files, **{"timestamps/checkpoint.tsr": bytes(token)})), 1, "a timestamp token with a flipped signature byte")
    manifest = json.loads(original["MANIFEST.json"])

    # A prompt kept only as a commitment: withheld from a bundle, revealed later, checked by both.
    secret = os.path.join(work, "secret.png")
    shutil.copy(os.path.join(FIXTURES, "synth", "a1111_s1.png"), secret)
    stamped = cli.json("stamp", "stamp", secret, "--commit", "prompt", "--key", "studio")
    secret_id = stamped["images"][0]["recordId"]
    opening = os.path.join(work, "prompt.opening.json")
    cli.run("reveal", secret_id, "--field", "prompt", "--out", opening)
    redacted = os.path.join(work, "redacted.zip")
    cli.json("export", "export", "--record", secret_id, "--redact", "prompt", "--out", redacted, "--key", "press")
    with zipfile.ZipFile(redacted) as archive:
        check(not any(n.startswith("openings/") for n in archive.namelist()), "a redacted bundle holds no opening")
    swift = subprocess.run([binary, "bundle", "verify", redacted, "--opening", opening], capture_output=True, text=True)
    python = subprocess.run([sys.executable, os.path.join(TOOLS, "verify_bundle.py"), "bundle", redacted, "--opening", opening], capture_output=True, text=True)
    check(swift.returncode == 0 and python.returncode == 0, f"a revealed prompt checks against the bundle: {swift.returncode} {python.returncode}")
    forged = json.load(open(opening))
    forged["openings"][0]["value"] += " (edited)"
    with open(opening, "w") as handle:
        json.dump(forged, handle)
    swift = subprocess.run([binary, "bundle", "verify", redacted, "--opening", opening], capture_output=True, text=True)
    python = subprocess.run([sys.executable, os.path.join(TOOLS, "verify_bundle.py"), "bundle", redacted, "--opening", opening], capture_output=True, text=True)
    check(swift.returncode == 1 and python.returncode == 1, f"a forged opening is caught by both: {swift.returncode} {python.returncode}")

    # A record signed by a key later revoked as compromised from before it was signed.
    kris_record = next(r for r in manifest["records"] if r["predicateType"].endswith("/contribution@v1"))
    cli.json("key-revoke", "key", "revoke", "kris", "--reason", "stolen laptop", "--compromised-at", "2020-01-01T00:00:00Z")
    revoked = os.path.join(work, "revoked.zip")
    cli.json("export", "export", "--record", kris_record["id"], "--out", revoked, "--key", "press")
    swift, python = both(revoked, 1, "a record signed by a key revoked as compromised before it")
    check("compromise" in swift.stdout, "colophon names the compromise")


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
        exercise_comic(os.path.abspath(binary), work)
        exercise_evidence(os.path.abspath(binary), work)
    if FAILURES:
        print(f"crosscheck: {len(FAILURES)} of {CHECKS} checks failed", file=sys.stderr)
        return 1
    print(f"crosscheck: all {CHECKS} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
