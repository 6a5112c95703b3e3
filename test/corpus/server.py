"""A tiny JSON API in front of the report files."""
import json
import mimetypes
import os
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

ROOT = os.environ.get("REPORT_ROOT", "reports")
PAGE = """<!doctype html>
<html><head><style>
body { margin: 0; padding: 1rem; font-family: sans-serif; }
.card { border: 1px solid #ccc; padding: 8px; background: linear-gradient(#fff, #eee); }
</style></head><body><div class="card">{body}</div></body></html>"""


class Handler(BaseHTTPRequestHandler):
    server_version = "report/1.0"

    def _send(self, status: int, payload: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/health":
            self._send(HTTPStatus.OK, b'{"ok": true}')
        elif url.path == "/reports":
            names = sorted(os.listdir(ROOT)) if os.path.isdir(ROOT) else []
            limit = int(query.get("limit", ["50"])[0])
            self._send(HTTPStatus.OK, json.dumps({"reports": names[:limit]}).encode())
        elif url.path.startswith("/reports/"):
            self._serve_file(url.path.removeprefix("/reports/"))
        elif url.path == "/":
            body = "<h1>Reports</h1><p>See /reports for the list.</p>"
            self._send(HTTPStatus.OK, PAGE.replace("{body}", body).encode(), "text/html; charset=utf-8")
        else:
            self._send(HTTPStatus.NOT_FOUND, b'{"error": "not found"}')

    def _serve_file(self, name: str) -> None:
        path = os.path.normpath(os.path.join(ROOT, name))
        if not path.startswith(os.path.abspath(ROOT)) and not path.startswith(ROOT):
            self._send(HTTPStatus.FORBIDDEN, b'{"error": "forbidden"}')
            return
        if not os.path.isfile(path):
            self._send(HTTPStatus.NOT_FOUND, b'{"error": "missing"}')
            return
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as handle:
            self._send(HTTPStatus.OK, handle.read(), kind)

    def log_message(self, fmt: str, *args) -> None:
        # Quieter than the default: one line per request, no timestamps.
        print(f"{self.address_string()} {fmt % args}")


def serve(port: int = 8000) -> None:
    with ThreadingHTTPServer(("127.0.0.1", port), Handler) as httpd:
        print(f"serving {ROOT} on http://127.0.0.1:{port}")
        httpd.serve_forever()


if __name__ == "__main__":
    serve(int(os.environ.get("PORT", "8000")))
