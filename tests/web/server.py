#!/usr/bin/env python3
"""server.py - the web test's static server (tests/web/web_test.sh), standard
library only. Serves the build (build/web) at /, the repository's seeds and
assets under /t/, files the test made in OUTDIR under /o/, the test page /test.html (index.html plus harness.js), and
takes the page's results: POST /result/NAME writes OUTDIR/NAME, POST /done
ends the server. After POST /offline every GET fails (503) and is logged to
OUTDIR/offline_gets.log: the network is gone, only the service worker serves. Every request is logged to OUTDIR/requests.log.

    server.py WEB_DIR REPO OUTDIR PORT_FILE
"""
import http.server
import os
import sys
import threading

WEB, REPO, OUT, PORT_FILE = sys.argv[1:5]
HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".css": "text/css",
         ".png": "image/png", ".jpg": "image/jpeg", ".smp": "application/json",
         ".webmanifest": "application/manifest+json"}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        with open(os.path.join(OUT, "requests.log"), "a") as f:
            f.write("%s %s\n" % (self.command, self.path))

    def send(self, code, body, ctype="text/plain"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def file_for(self, path):
        path = path.split("?", 1)[0]
        if path == "/test.html":
            page = open(os.path.join(WEB, "index.html"), "rb").read()
            return page.replace(b'<script src="app.js">', b'<script src="t/harness.js"></script>\n<script src="app.js">'), ".html"
        if path == "/t/harness.js":
            return open(os.path.join(HERE, "harness.js"), "rb").read(), ".js"
        base, rel = (REPO, path[3:]) if path.startswith("/t/") else (OUT, path[3:]) if path.startswith("/o/") \
            else (WEB, path[1:] or "index.html")
        full = os.path.realpath(os.path.join(base, rel))
        if not full.startswith(os.path.realpath(base) + os.sep) or not os.path.isfile(full):
            return None, None
        return open(full, "rb").read(), os.path.splitext(full)[1]

    offline = False

    def do_GET(self):
        if Handler.offline:
            with open(os.path.join(OUT, "offline_gets.log"), "a") as f:
                f.write(self.path + "\n")
            self.send(503, b"offline")
            return
        body, ext = self.file_for(self.path)
        if body is None:
            self.send(404, b"not found")
        else:
            self.send(200, body, TYPES.get(ext, "application/octet-stream"))

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        if self.path.startswith("/result/"):
            name = os.path.basename(self.path[len("/result/"):])
            with open(os.path.join(OUT, name), "wb") as f:
                f.write(body)
            self.send(200, b"ok")
        elif self.path == "/offline":
            Handler.offline = True
            self.send(200, b"offline")
        elif self.path == "/done":
            self.send(200, b"bye")
            threading.Thread(target=self.server.shutdown).start()
        else:
            self.send(404, b"not found")


def main():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(PORT_FILE + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(PORT_FILE + ".tmp", PORT_FILE)
    srv.serve_forever()


if __name__ == "__main__":
    main()
