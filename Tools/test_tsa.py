#!/usr/bin/env python3
"""A throwaway RFC 3161 time-stamping authority for tests, made of `openssl ts`.

  setup DIR              a root CA and a TSA certificate (EKU critical timeStamping) in DIR,
                         and the `openssl ts` configuration; prints DIR/root.pem's path
  reply DIR QUERY OUT    answers one DER TimeStampReq file with a DER TimeStampResp
  serve DIR [--port N]   answers POSTs of application/timestamp-query on 127.0.0.1; prints the
                         URL on its first line, then serves until killed

Nothing here is for production: the keys are unencrypted and made on the spot.
"""

import http.server
import os
import subprocess
import sys
import tempfile

CONFIG = """
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/root.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5.6
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def run(*args, cwd=None):
    subprocess.run(["openssl", *args], check=True, cwd=cwd, capture_output=True)


def setup(directory):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "root.ext"), "w") as handle:
        handle.write("basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n")
    with open(os.path.join(directory, "tsa.ext"), "w") as handle:
        handle.write("basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n")
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "root.key",
        "-out", "root.pem", "-days", "3650", "-subj", "/CN=Colophon test TSA root", "-addext",
        "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=directory)
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr",
        "-subj", "/CN=Colophon test TSA", cwd=directory)
    run("x509", "-req", "-in", "tsa.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-out", "tsa.pem",
        "-days", "3650", "-extfile", "tsa.ext", cwd=directory)
    with open(os.path.join(directory, "serial"), "w") as handle:
        handle.write("01\n")
    with open(os.path.join(directory, "tsa.cnf"), "w") as handle:
        handle.write(CONFIG.format(dir=directory))
    return os.path.join(directory, "root.pem")


def reply(directory, query, out):
    run("ts", "-reply", "-config", os.path.join(directory, "tsa.cnf"), "-queryfile", query, "-out", out)


def serve(directory, port):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server naming
            length = int(self.headers.get("Content-Length", "0"))
            if self.headers.get("Content-Type") != "application/timestamp-query" or not 0 < length < 65536:
                self.send_error(400, "expected application/timestamp-query")
                return
            with tempfile.TemporaryDirectory() as work:
                query, answer = os.path.join(work, "q.tsq"), os.path.join(work, "r.tsr")
                with open(query, "wb") as handle:
                    handle.write(self.rfile.read(length))
                try:
                    reply(directory, query, answer)
                except subprocess.CalledProcessError:
                    self.send_error(400, "openssl ts could not answer")
                    return
                with open(answer, "rb") as handle:
                    body = handle.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", port), Handler)
    print(f"http://127.0.0.1:{server.server_address[1]}/tsa", flush=True)
    server.serve_forever()


def main(argv):
    if len(argv) >= 2 and argv[0] == "setup":
        print(setup(os.path.abspath(argv[1])))
    elif len(argv) == 4 and argv[0] == "reply":
        reply(os.path.abspath(argv[1]), argv[2], argv[3])
    elif len(argv) >= 2 and argv[0] == "serve":
        port = int(argv[argv.index("--port") + 1]) if "--port" in argv else 0
        serve(os.path.abspath(argv[1]), port)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
