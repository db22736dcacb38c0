"""The documentation site served at /docs/: pages of the build, folders with and without
their slash, a 404 that links home, nothing outside the build, the not-built page; next to
the web UI and the API without shadowing them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from dioptra.server.api.docs_site import install_docs_site
from dioptra.server.api.ui import install_ui
from dioptra.server.api.v1.core.errors import install_error_handlers
from dioptra.server.app import create_app
from dioptra.server.settings import Settings


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "tutorials" / "hello-world").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "index.html").write_text("<title>Home</title>")
    (root / "tutorials" / "hello-world" / "index.html").write_text("<title>Hello</title>")
    (root / "assets" / "bundle.js").write_text("console.log(1)")
    (tmp_path / "secret.txt").write_text("not part of the site")
    return root


def client_for(site: Path, tmp_path: Path) -> TestClient:
    """An app with an API route, the docs site and a built web UI, as create_app puts them."""
    app = FastAPI(docs_url=None, redoc_url=None, redirect_slashes=False)
    install_error_handlers(app)

    @app.get("/api/v1/things/")
    def things() -> list[int]:
        return [1]

    install_docs_site(app, site)
    ui = tmp_path / "ui"
    ui.mkdir()
    (ui / "index.html").write_text("<title>Web UI</title>")
    install_ui(app, ui)
    return TestClient(app)


def test_pages_folders_and_files(site: Path, tmp_path: Path) -> None:
    with client_for(site, tmp_path) as client:
        home = client.get("/docs/")
        assert home.status_code == 200 and "<title>Home</title>" in home.text
        assert home.headers["cache-control"] == "no-cache"
        page = client.get("/docs/tutorials/hello-world/")
        assert "<title>Hello</title>" in page.text
        script = client.get("/docs/assets/bundle.js")
        assert script.status_code == 200 and script.headers["cache-control"].startswith("public")


@pytest.mark.parametrize(
    ("path", "location"),
    [("/docs", "/docs/"), ("/docs/tutorials/hello-world", "/docs/tutorials/hello-world/")],
)
def test_a_folder_gets_its_slash(site: Path, tmp_path: Path, path: str, location: str) -> None:
    with client_for(site, tmp_path) as client:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 308
        assert response.headers["location"] == location


@pytest.mark.parametrize(
    "path", ["/docs/no/such/page/", "/docs/%2e%2e/secret.txt", "/docs/..%2fsecret.txt"]
)
def test_missing_pages_and_escapes_are_404_with_a_link_home(
    site: Path, tmp_path: Path, path: str
) -> None:
    with client_for(site, tmp_path) as client:
        response = client.get(path)
        assert response.status_code == 404
        assert "not part of the site" not in response.text
        assert 'href="/docs/"' in response.text


def test_the_api_and_the_ui_routes_are_untouched(site: Path, tmp_path: Path) -> None:
    with client_for(site, tmp_path) as client:
        assert client.get("/api/v1/things/").json() == [1]
        assert client.get("/api/v1/nothing").headers["content-type"] == "application/json"
        # The UI's client-side routes, /documents or /docsearch included, stay the UI's.
        for path in ("/queues", "/documents", "/docsearch"):
            assert "<title>Web UI</title>" in client.get(path).text


def test_the_app_serves_the_site_outside_its_api_document(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", migrate_on_start=False))
    paths = {getattr(route, "path", None) for route in app.routes}
    assert {"/docs", "/docs/{path:path}", "/api/docs"} <= paths
    assert not [path for path in app.openapi()["paths"] if "docs" in path]


def test_without_a_build_it_says_how_to_build_it(tmp_path: Path) -> None:
    app = FastAPI()
    install_docs_site(app, tmp_path / "missing")
    response = TestClient(app).get("/docs/")
    assert response.status_code == 200
    assert "make docs-build" in response.text
