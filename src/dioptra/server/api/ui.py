"""The web UI: the single-page app built from ``frontend/`` into ``dioptra/ui`` (package data).

- Files of the build are served as they are, or as the ``.gz`` the build wrote beside them
  when the browser accepts gzip; the hashed ones under ``/assets/`` are cached for a year, the
  others briefly; ``index.html`` is always revalidated.
- Any other GET outside ``/api/`` is a client-side route: it answers ``index.html`` and the
  app's router shows the page (or its own 404 page).
- ``/api/...`` never falls back: an unknown API path keeps the API's JSON 404 (and 405).
- ``/api/docs`` is Swagger UI with its assets served from the build (``swagger/``), so the
  docs load nothing from a CDN.

This adds no route that could shadow the API: the fallback hooks the app's 404 handler, so
it runs only when no route matched.

Without a build (a source checkout that has not run ``make setup`` with Node.js), ``/`` and
``/api/docs`` answer a small page that says how to build the UI.
"""

from __future__ import annotations

import html
import mimetypes
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import cast

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

UI_DIR = Path(__file__).resolve().parents[2] / "ui"
DOCS_PATH = "/api/docs"
SWAGGER_DIR = "swagger"

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
REVALIDATE = "no-cache"

Handler = Callable[[Request, Exception], Awaitable[Response]]


def is_built(ui_dir: Path) -> bool:
    return (ui_dir / "index.html").is_file()


def install_ui(app: FastAPI, ui_dir: Path = UI_DIR) -> None:
    """Serves the UI build at ``/`` and Swagger UI at ``/api/docs``. Call after the app's
    error handlers are installed (it wraps the 404 handler)."""
    install_docs(app, ui_dir)
    inner = cast(Handler | None, app.exception_handlers.get(StarletteHTTPException))

    async def ui_or_not_found(request: Request, exc: Exception) -> Response:
        if (
            isinstance(exc, StarletteHTTPException)
            and exc.status_code == 404
            and request.method in ("GET", "HEAD")
            and not _is_api(request.url.path)
        ):
            response = ui_response(ui_dir, request.url.path, _accepts_gzip(request))
            if response is not None:
                return response
        if inner is not None:
            return await inner(request, exc)
        raise exc

    app.add_exception_handler(StarletteHTTPException, ui_or_not_found)


def install_docs(app: FastAPI, ui_dir: Path = UI_DIR) -> None:
    @app.get(DOCS_PATH, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        if not (ui_dir / SWAGGER_DIR / "swagger-ui-bundle.js").is_file():
            return not_built_page(
                "The API docs need the web UI build",
                "Swagger UI's files are copied in by the web UI build, which has not run.",
            )
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/api/v1/openapi.json",
            title=f"{app.title} API",
            swagger_js_url=f"/{SWAGGER_DIR}/swagger-ui-bundle.js",
            swagger_css_url=f"/{SWAGGER_DIR}/swagger-ui.css",
            swagger_favicon_url=f"/{SWAGGER_DIR}/favicon-32x32.png",
            oauth2_redirect_url=None,
        )


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def ui_response(ui_dir: Path, path: str, accepts_gzip: bool = False) -> Response | None:
    """A file of the build, ``index.html`` for a client-side route, or None (a real 404)."""
    if not is_built(ui_dir):
        if path == "/":
            return not_built_page(
                "The web UI is not built",
                "This server runs from a source checkout whose web UI has not been built yet.",
            )
        return None
    root = ui_dir.resolve()
    relative = path.lstrip("/")
    if relative:
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            hashed = candidate.is_relative_to(root / "assets")
            return build_file(candidate, IMMUTABLE if hashed else SHORT, accepts_gzip)
        # A missing build file is a real 404, not a page of the app.
        if relative.startswith(("assets/", f"{SWAGGER_DIR}/")):
            return None
    return FileResponse(root / "index.html", headers={"Cache-Control": REVALIDATE})


def build_file(file: Path, cache_control: str, accepts_gzip: bool) -> FileResponse:
    """A file of the build; its ``.gz`` twin (written by the build) when the browser takes gzip."""
    headers = {"Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    compressed = file.with_name(file.name + ".gz")
    if accepts_gzip and compressed.is_file():
        media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        headers["Content-Encoding"] = "gzip"
        return FileResponse(compressed, media_type=media_type, headers=headers)
    return FileResponse(file, headers=headers)


def _accepts_gzip(request: Request) -> bool:
    for part in request.headers.get("accept-encoding", "").lower().split(","):
        coding, _, params = part.partition(";")
        if coding.strip() == "gzip":
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def not_built_page(title: str, reason: str) -> HTMLResponse:
    """A small self-contained page (no external assets) saying how to build the UI."""
    return simple_page(
        title,
        f"""<p>{html.escape(reason)} The REST API works: <a href="/api/v1/openapi.json">its OpenAPI
document</a> is at <code>/api/v1/openapi.json</code>.</p>
<p>To build the UI, install Node.js 20.19 or newer with npm, then in the repository run</p>
<pre>make setup</pre>
<p>or, by hand,</p>
<pre>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</pre>
<p>and reload this page (no restart needed). The interactive API docs,
<a href="{DOCS_PATH}">{DOCS_PATH}</a>, use files of the same build.</p>""",
    )


def simple_page(title: str, body_html: str, status_code: int = 200) -> HTMLResponse:
    """A small self-contained page (no external assets): ``title``, then ``body_html``."""
    body = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Dioptra: {html.escape(title)}</title>
<style>
  body {{ font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
         max-width: 40rem; margin: 4rem auto; padding: 0 1.25rem; }}
  h1 {{ font-size: 1.4rem; }}
  code, pre {{ font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }}
  pre {{ padding: .75rem 1rem; border-radius: 6px; background: rgba(127,127,127,.12);
         overflow-x: auto; }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
{body_html}
</body>
</html>
"""
    return HTMLResponse(body, status_code=status_code, headers={"Cache-Control": REVALIDATE})
