#!/usr/bin/env python3
"""Serves dist/ on 127.0.0.1 like any static host should for this console: files as they are, and
index.html for every other path so deep links (/users/classic) open the app. Usage: serve.py DIR PORT"""
import http.server, os, sys

root, port = sys.argv[1], int(sys.argv[2])

class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}

    def __init__(self, *a, **kw):
        super().__init__(*a, directory=root, **kw)

    def send_head(self):
        path = self.translate_path(self.path)
        if not os.path.isfile(path):
            self.path = "/index.html"
        return super().send_head()

    def log_message(self, *a):
        pass

http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
