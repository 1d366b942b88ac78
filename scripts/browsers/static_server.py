"""Serving a built site on 127.0.0.1, as GitHub Pages would: the one web server of the tests and
the measurement scripts.

A folder answers with its index.html, a missing path with the site's 404.html and status 404, and
the site can sit under a subpath (`/after-he-leaves/`), as a project site on Pages does. With
`compress`, text files go out gzipped at level 6 to a client that accepts it, as Pages sends them.
Like Pages, it keeps connections open and lets the browser cache every file for ten minutes, so
a browser test that loads many pages fetches and compiles the site's scripts and styles once.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import socketserver
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

GZIP_LEVEL = 6
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as every response gives its length
    prefix = "/"
    compress = False

    def log_message(self, *args) -> None:
        pass

    def _file(self, path: str) -> Path | None:
        """The file a request's path names, or None if there is none (a 404)."""
        if not path.startswith(self.prefix):
            return None
        target = Path(self.translate_path("/" + path[len(self.prefix):]))
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(self.prefix) and not path.endswith("/") and Path(self.translate_path("/" + path[len(self.prefix):])).is_dir():
            # As Pages does: a folder's address without its slash would break relative links.
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        target = self._file(path)
        status = 200
        if target is None:
            status, target = 404, Path(self.directory) / "404.html"
            if not target.is_file():
                self.send_error(404)
                return None
        content_type = self.guess_type(str(target))
        body = target.read_bytes()
        gzipped = self.compress and content_type.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = _gzipped(str(target), target.stat().st_mtime_ns)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", CACHE_CONTROL)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that closes a kept-open connection, or leaves before a file is sent, is no
        error; anything else is reported as usual."""
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, _mtime: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL)


@contextlib.contextmanager
def serve(site: Path, *, prefix: str = "/", compress: bool = False) -> Iterator[str]:
    """Serve `site` on a free port until the block ends; yield its address (ending in `prefix`).
    The folder may be filled after the server starts, so a build can be given the address."""
    handler = type("Handler", (SiteHandler,), {"prefix": prefix, "compress": compress})
    with running(SiteServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))) as address:
        yield address + prefix


@contextlib.contextmanager
def running(server: socketserver.BaseServer) -> Iterator[str]:
    """Run a server listening on 127.0.0.1 in a thread until the block ends; yield its address
    (http://127.0.0.1:port, no path). Also the WebKit tests' proxy (scripts/browsers/webkit.py)."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
