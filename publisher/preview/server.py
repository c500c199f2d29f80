"""`publisher serve`: every built file on a local address, pages that reload themselves
after a rebuild, and the build's errors shown on the page with file and line."""

from __future__ import annotations

import json
import mimetypes
from datetime import date
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..config import Config
from ..formats.templates import templates_dir
from .listing import editions
from .script_text import script_text
from .watch import Watcher

RELOAD = b"""<script>/* publisher serve: reload after each rebuild, show its problems */
(function () {
  var seen = null;
  function show(status) {
    var box = document.getElementById("publisher-preview-problems");
    if (box) box.remove();
    if (!status.problems.length) return;
    box = document.createElement("div");
    box.id = "publisher-preview-problems";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:99999;max-height:40vh;" +
      "overflow:auto;background:#fff;color:#000;border-top:4px solid #a00000;" +
      "font:16px/1.5 sans-serif;padding:0.5rem 1rem;white-space:pre-wrap";
    box.textContent = (status.ok ? "" : "The last build failed. ") + status.problems.join("\\n");
    document.body.appendChild(box);
  }
  function tick() {
    fetch("/__status").then(function (r) { return r.json(); }).then(function (status) {
      if (seen === null) seen = status.generation;
      else if (status.generation !== seen) { location.reload(); return; }
      show(status);
    }).catch(function () {}).then(function () { setTimeout(tick, 500); });
  }
  tick();
})();
</script>"""


class Handler(BaseHTTPRequestHandler):
    """Routes: / (the list), /files/<path in out/>, /script/<slug>/<lang>, /__status."""

    def __init__(self, *args, preview: Preview, **kwargs) -> None:  # noqa: ANN002, ANN003
        self.preview = preview
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return  # quiet: the terminal shows the build's messages, not every request

    def do_GET(self) -> None:  # noqa: N802
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            self.send(self.preview.index().encode(), "text/html; charset=utf-8", inject=True)
        elif path == "/__status":
            self.send(self.preview.status().encode(), "application/json")
        elif path.startswith("/script/") and path.count("/") == 3:
            _, _, slug, language = path.split("/")
            self.send(self.preview.script(slug, language).encode(), "text/plain; charset=utf-8")
        elif path.startswith("/files/"):
            self.file(path.removeprefix("/files/"))
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def file(self, relative: str) -> None:
        out = self.preview.out_dir.resolve()
        target = (out / relative).resolve()
        if not target.is_relative_to(out) or not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        download = target.suffix in (".docx", ".brf", ".pef", ".epub")
        self.send(target.read_bytes(), kind, inject=target.suffix == ".html", download=download)

    def send(self, body: bytes, kind: str, inject: bool = False, download: bool = False) -> None:
        if inject:
            body = body.replace(b"</body>", RELOAD + b"</body>", 1)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if download:
            self.send_header("Content-Disposition", "attachment")
        self.end_headers()
        self.wfile.write(body)


class Preview:
    """What the pages show: the list of editions, the build's status, speech scripts."""

    def __init__(self, config: Config, watcher: Watcher) -> None:
        self.config, self.watcher, self.out_dir = config, watcher, watcher.out_dir
        loader = FileSystemLoader(templates_dir("preview.html"))
        self.templates = Environment(loader=loader, autoescape=select_autoescape(["html"]))

    def index(self) -> str:
        outcome = self.watcher.outcome()
        return self.templates.get_template("preview.html").render(
            editions=editions(self.out_dir), outcome=outcome, organisation=self.config.organisation
        )

    def status(self) -> str:
        outcome = self.watcher.outcome()
        return json.dumps(
            {
                "generation": outcome.generation,
                "building": outcome.building,
                "problems": list(outcome.problems),
                "ok": outcome.ok,
            }
        )

    def script(self, slug: str, language: str) -> str:
        return script_text(self.config, slug, language, date.today())


def serve(config: Config, host: str, port: int, announce) -> None:  # noqa: ANN001
    """Serve until interrupted while the watcher builds; `announce` gets the address to open."""
    watcher = Watcher(config, config.root / config.cache_dir / "preview")
    watcher.start()  # builds at once, then on every save; pages reload when it finishes
    handler = partial(Handler, preview=Preview(config, watcher))
    with ThreadingHTTPServer((host, port), handler) as server:
        announce(f"http://{host}:{server.server_address[1]}/")
        try:
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            watcher.stop()
