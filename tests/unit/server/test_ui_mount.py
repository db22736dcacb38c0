from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from dioptra.server.api.ui import install_ui


def test_root_redirects_to_api_docs_without_a_ui_build(tmp_path: Path) -> None:
    app = FastAPI()
    install_ui(app, tmp_path)
    response = TestClient(app).get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/api/docs"


def test_built_ui_is_served_at_root(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<title>Dioptra</title>")
    app = FastAPI()
    install_ui(app, tmp_path)
    response = TestClient(app).get("/")
    assert response.status_code == 200
    assert "<title>Dioptra</title>" in response.text
