"""The documentation site at ``/docs/``: the platform's own copy, built by ``make docs-build``
(MkDocs, from ``docs/``) into ``dioptra/docs_site`` (package data), so it reads offline and
matches the version that serves it.

- ``/docs`` redirects to ``/docs/``; a folder without its slash (``/docs/tutorials``) gets it,
  since the pages' links are relative to their folder;
- a folder answers its ``index.html``, a file is served as it is (HTML always revalidated,
  the rest cached briefly); anything else is a 404 page that links the site's home (MkDocs'
  own 404 page takes its links from a ``site_url``, which a copy served anywhere has not);
- without a build, ``/docs/`` answers a short page saying how to build it.

The paths are under ``/docs``, which neither the API (``/api/``) nor the web UI's routes use.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse, Response

from dioptra.server.api.ui import REVALIDATE, SHORT, simple_page

DOCS_SITE_DIR = Path(__file__).resolve().parents[2] / "docs_site"
SITE_PATH = "/docs"


def is_built(site_dir: Path) -> bool:
    return (site_dir / "index.html").is_file()


def install_docs_site(app: FastAPI, site_dir: Path = DOCS_SITE_DIR) -> None:
    @app.get(SITE_PATH, include_in_schema=False)
    def docs_root() -> Response:
        return RedirectResponse(f"{SITE_PATH}/", status_code=308)

    @app.get(SITE_PATH + "/{path:path}", include_in_schema=False)
    def docs_file(path: str) -> Response:
        return site_response(site_dir, path)


def site_response(site_dir: Path, path: str) -> Response:
    """The file of the site at ``path`` (relative to ``/docs/``)."""
    if not is_built(site_dir):
        return simple_page(
            "The documentation is not built",
            """<p>This server runs from a source checkout whose documentation site has not been
built yet. In the repository, run</p>
<pre>make docs-build</pre>
<p>(<code>make setup</code> builds it too), and reload this page (no restart needed). The
same pages are in the repository's <code>docs/</code> folder, and <code>make docs</code>
serves them while you edit them.</p>""",
        )
    root = site_dir.resolve()
    candidate = (root / path).resolve()
    if candidate.is_relative_to(root):
        if candidate.is_dir() and (candidate / "index.html").is_file():
            if path and not path.endswith("/"):
                return RedirectResponse(f"{SITE_PATH}/{path}/", status_code=308)
            candidate = candidate / "index.html"
        if candidate.is_file():
            cache = REVALIDATE if candidate.suffix == ".html" else SHORT
            return FileResponse(candidate, headers={"Cache-Control": cache})
    return simple_page(
        "No such page",
        f'<p>The documentation has no page here: start from <a href="{SITE_PATH}/">its '
        "home</a>.</p>",
        status_code=404,
    )
