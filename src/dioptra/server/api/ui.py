"""The web UI: the built single-page app shipped as package data in ``dioptra/ui``.

Until a UI build is present (a source checkout that has not built it), ``/`` sends the
browser to the interactive API documentation instead of answering 404.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

UI_DIR = Path(__file__).resolve().parents[2] / "ui"


def install_ui(app: FastAPI, ui_dir: Path = UI_DIR) -> None:
    if (ui_dir / "index.html").is_file():
        app.mount("/", StaticFiles(directory=ui_dir, html=True), name="ui")
        return

    @app.get("/", include_in_schema=False)
    def api_docs_until_ui_is_built() -> RedirectResponse:
        return RedirectResponse("/api/docs", status_code=307)
