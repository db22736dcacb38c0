"""The web UI build served by the API app: files, the client-route fallback, /api kept JSON,
the not-built page, and Swagger UI without a CDN."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from dioptra.server.api.trailing_slash import TrailingSlashMiddleware
from dioptra.server.api.ui import install_ui
from dioptra.server.api.v1.core.errors import install_error_handlers


def make_app(ui_dir: Path) -> FastAPI:
    app = FastAPI(
        docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json", redirect_slashes=False
    )
    install_error_handlers(app)

    @app.get("/api/v1/things/")
    def things() -> list[int]:
        return [1]

    @app.post("/api/v1/login")
    def login() -> dict[str, str]:
        return {}

    install_ui(app, ui_dir)
    app.add_middleware(TrailingSlashMiddleware, route_paths=["/api/v1/things/", "/api/v1/login"])
    return app


@pytest.fixture
def built(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><title>Dioptra</title><div id=app>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log(1)")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    (tmp_path / "swagger").mkdir()
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"):
        (tmp_path / "swagger" / name).write_text("x")
    return tmp_path


def test_index_at_root(built: Path) -> None:
    response = TestClient(make_app(built)).get("/")
    assert response.status_code == 200
    assert "<title>Dioptra</title>" in response.text
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", ["/queues", "/queues/12", "/jobs/3/logs", "/no/such/page"])
def test_client_routes_fall_back_to_index(built: Path, path: str) -> None:
    response = TestClient(make_app(built)).get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>Dioptra</title>" in response.text


def test_assets_are_served_with_long_cache(built: Path) -> None:
    client = TestClient(make_app(built))
    asset = client.get("/assets/index-abc123.js")
    assert asset.status_code == 200
    assert asset.text == "console.log(1)"
    assert "javascript" in asset.headers["content-type"]
    assert "immutable" in asset.headers["cache-control"]
    icon = client.get("/favicon.svg")
    assert icon.status_code == 200
    assert "immutable" not in icon.headers["cache-control"]


def test_missing_asset_is_a_404_not_the_page(built: Path) -> None:
    response = TestClient(make_app(built)).get("/assets/gone-123.js")
    assert response.status_code == 404
    assert response.json()["error"] == "NotFound"


def test_no_path_escapes_the_build(built: Path) -> None:
    (built.parent / "secret.txt").write_text("secret")
    response = TestClient(make_app(built)).get("/..%2Fsecret.txt")
    assert "secret" not in response.text


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/nope", "/api"])
def test_api_paths_keep_the_json_404(built: Path, path: str) -> None:
    response = TestClient(make_app(built)).get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == "NotFound"


def test_api_keeps_405_404_and_both_slash_forms(built: Path) -> None:
    client = TestClient(make_app(built))
    assert client.get("/api/v1/login").status_code == 405
    slashless = client.get("/api/v1/things", follow_redirects=False)
    assert slashless.status_code == 200
    assert slashless.json() == [1]
    assert client.get("/api/v1/things/").json() == [1]
    unknown = client.get("/api/v1/nothing")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/json"


def test_other_methods_do_not_fall_back(built: Path) -> None:
    response = TestClient(make_app(built)).post("/queues")
    assert response.status_code in (404, 405)
    assert response.headers["content-type"] == "application/json"


def test_not_built_page(tmp_path: Path) -> None:
    client = TestClient(make_app(tmp_path))
    response = client.get("/")
    assert response.status_code == 200
    assert "not built" in response.text
    assert "npm ci" in response.text
    assert "make setup" in response.text
    assert 'href="/api/docs"' in response.text
    assert not re.search(r"(src|href)=\"https?://", response.text)
    # Other paths stay plain 404s; the API is untouched.
    assert client.get("/queues").status_code == 404
    assert client.get("/api/v1/things/").json() == [1]


def test_docs_without_a_build_say_so(tmp_path: Path) -> None:
    response = TestClient(make_app(tmp_path)).get("/api/docs")
    assert response.status_code == 200
    assert "npm ci" in response.text


def test_docs_load_nothing_from_outside(built: Path) -> None:
    client = TestClient(make_app(built))
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "/swagger/swagger-ui-bundle.js" in response.text
    assert "/api/v1/openapi.json" in response.text
    assert not re.findall(r"https?://", response.text)
    assert client.get("/swagger/swagger-ui.css").status_code == 200


def test_real_app_serves_docs_and_keeps_api_404(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dioptra.server import app as app_module
    from dioptra.server.settings import Settings

    real_install = app_module.install_ui
    monkeypatch.setattr(app_module, "install_ui", lambda app: real_install(app, built))
    settings = Settings(database_url="sqlite://", migrate_on_start=False)
    client = TestClient(app_module.create_app(settings), base_url="http://localhost")
    assert client.get("/api/v1/no-such-route").json()["error"] == "NotFound"
    assert client.get("/experiments/4").text.startswith("<!doctype html>")
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert not re.findall(r"https?://", docs.text)


def test_precompressed_assets_go_to_browsers_that_take_gzip(built: Path) -> None:
    script = "console.log('a long enough script');\n" * 100
    (built / "assets" / "big-abc123.js").write_text(script)
    (built / "assets" / "big-abc123.js.gz").write_bytes(gzip.compress(script.encode()))
    client = TestClient(make_app(built))

    compressed = client.get("/assets/big-abc123.js", headers={"Accept-Encoding": "gzip, br"})
    assert compressed.headers["content-encoding"] == "gzip"
    assert compressed.headers["content-type"].startswith("text/javascript")
    assert compressed.headers["vary"] == "Accept-Encoding"
    assert compressed.text == script  # httpx undoes the encoding

    for refusal in ("identity", "gzip;q=0", "br"):
        plain = client.get("/assets/big-abc123.js", headers={"Accept-Encoding": refusal})
        assert "content-encoding" not in plain.headers
        assert plain.text == script


def test_a_file_without_a_gz_twin_is_sent_as_it_is(built: Path) -> None:
    response = TestClient(make_app(built)).get(
        "/assets/index-abc123.js", headers={"Accept-Encoding": "gzip"}
    )
    assert "content-encoding" not in response.headers
    assert response.text == "console.log(1)"
