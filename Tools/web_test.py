#!/usr/bin/env python3
"""The verification page at / in a real browser: headless Chromium (Debian) driven over the
Chrome DevTools Protocol. On the quickstart's ledger it chooses a stamped panel through the
file input, drops the comic onto the drop zone, and drops a file that is no image, and checks
the text the page rendered from the JSON API: verdict, model, LoRA and weight, prompt, the
human contribution, the consent flag and the log proof; the comic's pages; a clear error.
Nothing is loaded from anywhere but the server (its content security policy forbids it).
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from colophon_client import start_server  # noqa: E402


class Page:
    """One browser tab, spoken to over its DevTools WebSocket."""

    def __init__(self, url):
        self.socket = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise SystemExit(f"web_test: {method} failed: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            # A check that throws must fail the test, not read as "no problems".
            details = result["exceptionDetails"]
            raise SystemExit(f"web_test: the page threw: {details.get('exception', {}).get('description') or details}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression, what, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise SystemExit(f"web_test: timed out waiting for {what}; page says: {self.evaluate('document.body.innerText')!r}")


# Where the browser laid things out, as a list of problems (empty when the layout holds).
LAYOUT_PROBLEMS = r"""
(() => {
  const problems = [];
  const viewport = document.documentElement.clientWidth;
  const name = (node) => node.id ? `#${node.id}` : node.tagName.toLowerCase() +
    (node.className && typeof node.className === "string" ? "." + node.className.trim().split(/\s+/).join(".") : "");
  const shown = (node) => {
    for (let at = node; at && at.nodeType === 1; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.display === "none" || style.visibility === "hidden") return false;
    }
    return true;
  };
  // Every line of visible text, as the rectangles the browser gave it.
  const lines = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.textContent.trim() || !text.parentElement || !shown(text.parentElement)) continue;
    if (["SCRIPT", "STYLE"].includes(text.parentElement.tagName)) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const rect of range.getClientRects()) {
      if (rect.width < 1 || rect.height < 1) continue;
      lines.push({ text, rect, words: text.textContent.trim().slice(0, 40) });
    }
  }
  // Nothing past the right edge.
  if (document.documentElement.scrollWidth > viewport + 1) {
    problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${viewport} px viewport`);
  }
  // Text inside a box that scrolls sideways (a wide table on a phone) is clipped by that box.
  const clipped = (line) => {
    for (let at = line.text.parentElement; at && at !== document.body; at = at.parentElement) {
      const overflow = getComputedStyle(at).overflowX;
      if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") {
        return at.getBoundingClientRect().right <= viewport + 1;
      }
    }
    return false;
  };
  for (const line of lines) {
    if (line.rect.right > viewport + 1 && !clipped(line)) {
      problems.push(`text "${line.words}" reaches ${Math.round(line.rect.right)} px, past the ${viewport} px viewport`);
    }
  }
  // No two lines of text on top of each other.
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i].rect, b = lines[j].rect;
      const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (width > 2 && height > 2) {
        problems.push(`text "${lines[i].words}" and "${lines[j].words}" overlap (${Math.round(width)} × ${Math.round(height)} px)`);
      }
    }
  }
  // Every bordered box is one box and holds its own text.
  for (const node of document.body.querySelectorAll("*")) {
    if (!shown(node)) continue;
    const style = getComputedStyle(node);
    const bordered = ["Top", "Right", "Bottom", "Left"].some((side) =>
      style[`border${side}Style`] !== "none" && parseFloat(style[`border${side}Width`]) > 0);
    if (!bordered || !node.textContent.trim()) continue;
    const pieces = node.getClientRects();
    if (pieces.length > 1) {
      problems.push(`the bordered ${name(node)} is laid out in ${pieces.length} pieces`);
      continue;
    }
    const box = node.getBoundingClientRect();
    for (const line of lines) {
      if (!node.contains(line.text)) continue;
      const r = line.rect;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        problems.push(`text "${line.words}" spills out of the bordered ${name(node)}`);
        break;
      }
    }
  }
  return problems.slice(0, 20);
})()
"""

# The drop zone as it once was: an inline label with padding and a border around a block.
BROKEN_DROP_ZONE = """<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.45 sans-serif;max-width:860px;margin:0 auto;padding:16px 20px}
#drop{border:2px dashed #999;border-radius:12px;padding:36px 20px;text-align:center}
#drop strong{display:block;font-size:17px}</style>
<p>Drop an AI-generated image or a comic (CBZ) to see what made it: the model, the LoRAs and the prompt.</p>
<label id="drop"><strong>Drop an image or a CBZ here</strong><span>or click to choose a file</span></label>"""


def look(page, state, folder):
    """Screenshots of the page at both widths, saved in `folder`; the layout problems found."""
    found = []
    for width in (375, 1280):
        page.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=width < 600)
        page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        found += [f"{state} at {width} px: {problem}" for problem in page.evaluate(LAYOUT_PROBLEMS) or []]
        shot = page.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        with open(os.path.join(folder, f"{state}-{width}.png"), "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
    page.call("Emulation.clearDeviceMetricsOverride")
    return found


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("web_test: no Chromium found (apt-get install chromium)")


def expect(text, needle, what):
    if needle not in text:
        raise SystemExit(f"web_test: {what}: {needle!r} is not on the page:\n{text}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--colophon", required=True)
    parser.add_argument("--screenshots", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                              ".build", "screenshots"))
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    problems = []
    with tempfile.TemporaryDirectory(prefix="colophon-web-") as work:
        story = os.path.join(work, "story")
        subprocess.run([args.colophon, "quickstart", "--keep", story], check=True, capture_output=True, timeout=600)
        ledger = os.path.join(story, "ledger")
        signed = os.path.join(work, "panel-2-c2pa.png")
        for command in (["c2pa", "cert", "--name", "Quickstart Studio"],
                        ["c2pa", "sign", os.path.join(story, "samples", "panel-2.png"), "--key", "studio", "--out", signed]):
            subprocess.run([args.colophon, *command, "--ledger", ledger], check=True, capture_output=True, timeout=120)
        server, base = start_server(args.colophon, "--ledger", os.path.join(story, "ledger"))
        browser = None
        try:
            browser = subprocess.Popen(
                [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--remote-debugging-port=0", f"--user-data-dir={os.path.join(work, 'profile')}", "about:blank"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )
            port = None
            deadline = time.time() + 60
            while port is None and time.time() < deadline:
                text = browser.stderr.readline()
                if "DevTools listening on ws://" in text:
                    port = int(text.split("ws://127.0.0.1:")[1].split("/")[0])
            if port is None:
                raise SystemExit("web_test: Chromium did not open its DevTools port")
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
            target = next(t for t in targets if t["type"] == "page")
            page = Page(target["webSocketDebuggerUrl"])
            page.call("Page.enable")
            page.call("Runtime.enable")
            page.call("Log.enable")
            page.call("Page.navigate", url=base + "/")
            page.wait_for("document.readyState === 'complete' && document.getElementById('log').textContent.startsWith('Log ')",
                          "the page to load and read the checkpoint")
            footer = page.evaluate("document.getElementById('log').textContent")
            expect(footer, "23 entries", "the log footer")
            problems += look(page, "empty", args.screenshots)

            # 1. A stamped panel, chosen through the file input.
            document = page.call("DOM.getDocument")
            node = page.call("DOM.querySelector", nodeId=document["root"]["nodeId"], selector="#file")["nodeId"]
            page.call("DOM.setFileInputFiles", nodeId=node, files=[os.path.join(story, "samples", "panel-2.png")])
            card = page.wait_for("!document.getElementById('card').hidden && document.getElementById('card').innerText",
                                 "the panel's provenance card")
            for needle, what in [
                ("verified", "the verdict"),
                ("sd_xl_base_sample", "the base model"),
                ("painterly @ 0.8", "the LoRA and its weight"),
                ("a lighthouse keeper at dawn, panel 2", "the prompt"),
                ("seed 1234567892", "the settings"),
                ("studio", "the signer"),
                ("Human contributions", "the contributions heading"),
                ("modification of ai output by Kris Kashtanova", "the human contribution"),
                ("conflicts with Greg Rutkowski's declared refusal", "the consent flag"),
                ("entry 11, inclusion proved against the checkpoint of 23 entries", "the log proof"),
            ]:
                expect(card, needle, what)
            problems += look(page, "image", args.screenshots)

            # 2. The same panel with a C2PA manifest: its state on the card.
            page.call("DOM.setFileInputFiles", nodeId=node, files=[signed])
            card = page.wait_for("document.getElementById('card').innerText.includes('Content Credentials') &&"
                                 " document.getElementById('card').innerText", "the signed panel's card")
            expect(card, "Trusted C2PA manifest, signed by", "the C2PA state")
            expect(card, "Quickstart Studio Claim Signer", "the C2PA signer")
            expect(card, "verified", "the verdict through the manifest's record")

            # 3. The comic, dropped onto the drop zone.
            box = page.evaluate("(() => { const r = document.getElementById('drop').getBoundingClientRect();"
                                " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
            data = {"items": [], "files": [os.path.join(story, "lighthouse.cbz")], "dragOperationsMask": 1}
            for kind in ("dragEnter", "dragOver", "drop"):
                page.call("Input.dispatchDragEvent", type=kind, x=box[0], y=box[1], data=data)
            card = page.wait_for("document.getElementById('card').innerText.includes('Pages') &&"
                                 " document.getElementById('card').innerText", "the comic's card")
            for needle, what in [
                ("The Lighthouse", "the work's title"),
                ("Disclosure", "the platform disclosure"),
                ("Kris Kashtanova", "the author"),
                ("conflicts with Greg Rutkowski", "the comic's consent flag"),
            ]:
                expect(card, needle, what)
            problems += look(page, "comic", args.screenshots)

            # 4. A file that is no image: the API's error, in words.
            junk = os.path.join(work, "notes.txt")
            with open(junk, "w") as handle:
                handle.write("not an image\n")
            page.call("DOM.setFileInputFiles", nodeId=node, files=[junk])
            status = page.wait_for("document.getElementById('card').hidden && document.getElementById('status').textContent"
                                   ".includes('notes.txt:') && document.getElementById('status').textContent",
                                   "the error message")
            expect(status, "notes.txt: ", "the error")
            problems += look(page, "error", args.screenshots)
            blocked = [e for e in page.events if e.get("method") == "Log.entryAdded"
                       and "Content Security Policy" in e["params"]["entry"].get("text", "")]
            if blocked:
                raise SystemExit(f"web_test: the page broke its own content security policy: {blocked[0]}")

            # 5. The quickstart's HTML report, opened from its file as a person would.
            page.call("Page.navigate", url="file://" + os.path.join(story, "lighthouse-report.html"))
            page.wait_for("document.readyState === 'complete' && document.querySelectorAll('.sheet img').length === 3 &&"
                          " [...document.images].every((image) => image.complete)", "the report and its page images")
            problems += look(page, "report", args.screenshots)

            # 6. The checks themselves: the old inline drop zone must fail them.
            page.call("Page.navigate", url="data:text/html;base64," + base64.b64encode(BROKEN_DROP_ZONE.encode()).decode())
            page.wait_for("document.readyState === 'complete'", "the broken drop zone")
            caught = look(page, "broken-drop-zone", args.screenshots)
            if not any("#drop" in problem for problem in caught):
                raise SystemExit(f"web_test: the layout checks missed the inline drop zone: {caught}")

            if problems:
                raise SystemExit("web_test: layout problems (screenshots in " + args.screenshots + "):\n  " + "\n  ".join(problems))
            print("web_test: the empty page, a verified image, a comic, an error and the HTML report hold their layout at "
                  f"375 and 1280 px (screenshots in {args.screenshots}); the old inline drop zone is caught")
            print("web_test: headless Chromium rendered the panel's provenance card (model, LoRA, prompt, human "
                  "contribution, consent flag, log proof), a C2PA-signed copy's manifest state, the dropped comic's card and an upload error")
        finally:
            if browser:
                browser.kill()
                browser.wait()
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
