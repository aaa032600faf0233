"""``vwo serve``: publish to the local branch and serve that branch on 127.0.0.1.

Pipeline: ``vwo publish`` to the branch -> export the branch tree to a temporary
folder (``git archive``) -> a static HTTP server bound to 127.0.0.1 that serves it
under the same path as the public site (``/vwo/`` for ``site_url`` ``…/vwo/``), so
the root redirect, aliases, the version selector and ``404.html`` behave as online.
"""

from __future__ import annotations

import functools
import http.server
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from vwo.errors import VwoError
from vwo.git.objects import export_tree
from vwo.interrupt import Interrupted
from vwo.versions.plan import read_config
from vwo.versions.publish import DEFAULT_BRANCH, Log, publish

HOST = "127.0.0.1"


def site_base(root: Path) -> str:
    """The path of the public site (``/vwo/``) from ``site_url``; ``/`` if it has none."""
    path = urlparse(str(read_config(root).get("site_url") or "/")).path or "/"
    return path if path.endswith("/") else path + "/"


class BranchHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``base``; unknown paths get the root ``404.html``."""

    base = "/"
    # The download types, also on a machine without /etc/mime.types (as GitHub Pages sends them).
    extensions_map = {  # noqa: RUF012 (the base class declares it as an instance attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".pdf": "application/pdf",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".odt": "application/vnd.oasis.opendocument.text",
        ".csv": "text/csv; charset=utf-8",
        ".json": "application/json",
    }

    def __init__(self, *args: Any, base: str, **kwargs: Any) -> None:
        self.base = base
        super().__init__(*args, **kwargs)

    def send_head(self) -> Any:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if self.base != "/" and path in ("/", self.base.rstrip("/")):
            self.send_response(302)
            self.send_header("Location", self.base)
            self.end_headers()
            return None
        if not path.startswith(self.base):
            return self._not_found()
        self.path = "/" + self.path[len(self.base) :]
        if not Path(self.translate_path(self.path)).exists():
            return self._not_found()
        return super().send_head()

    def _not_found(self) -> Any:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"404"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: Any) -> None:
        pass


def make_server(directory: Path, base: str, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(BranchHandler, directory=str(directory), base=base)
    return http.server.ThreadingHTTPServer((HOST, port), handler)


def check_port(port: int) -> int:
    """``port`` if a server can bind it: 1-65535, or 0 for any free port; checked before
    anything is published."""
    if not 0 <= port <= 65535:
        raise VwoError(f"--port {port}", "is not a port number", "use 1-65535 (or 0 for any free port)")
    return port


def serve(root: Path, *, port: int = 8000, branch: str = DEFAULT_BRANCH, log: Log = print) -> None:
    """Publish, then serve until interrupted."""
    check_port(port)
    publish(root, branch=branch, log=log)
    base = site_base(root)
    with tempfile.TemporaryDirectory(prefix="vwo-serve-") as tmp:
        export_tree(root, f"refs/heads/{branch}", Path(tmp))
        try:
            server = make_server(Path(tmp), base, port)
        except OSError as error:
            raise VwoError(
                f"{HOST}:{port}",
                f"cannot serve here: {error.strerror}",
                "choose another port, e.g. make serve PORT=8001",
            ) from None
        with server:
            try:
                log(f"De site staat op http://{HOST}:{server.server_address[1]}{base} (stoppen: Ctrl+C)")
                server.serve_forever()
            except (KeyboardInterrupt, Interrupted):  # stopping is how serving ends
                log("Gestopt.")
