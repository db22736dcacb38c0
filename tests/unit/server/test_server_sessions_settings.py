"""Units of the server core that need no HTTP: session tokens, settings, names, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from dioptra.server.services.accounts.sessions import SessionSigner
from dioptra.server.services.core.errors import EntityDoesNotExistError, EntityExistsError
from dioptra.server.services.core.names import IDENTIFIER_PATTERN, RESOURCE_NAME_PATTERN
from dioptra.server.settings import Settings


def test_session_token_round_trip() -> None:
    signer = SessionSigner("key", max_age_seconds=60)

    token = signer.issue(7, "abc", now=1000)
    claims = signer.read(token, now=1030)

    assert claims is not None
    assert (claims.user_id, claims.session_key, claims.issued_at) == (7, "abc", 1000)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature
        lambda t: t.replace("v2.7.", "v2.8.", 1),  # user id
        lambda t: "",
        lambda t: "garbage",
    ],
)
def test_tampered_session_tokens_are_rejected(mutate: object) -> None:
    signer = SessionSigner("key", max_age_seconds=60)
    token = signer.issue(7, "abc", now=1000)

    assert callable(mutate)
    assert signer.read(mutate(token), now=1000) is None


def test_expired_or_foreign_session_tokens_are_rejected() -> None:
    token = SessionSigner("key", max_age_seconds=60).issue(7, "abc", now=1000)

    assert SessionSigner("key", max_age_seconds=60).read(token, now=1061) is None
    assert SessionSigner("other", max_age_seconds=60).read(token, now=1000) is None


def test_settings_derive_paths_from_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)

    assert settings.database_url == f"sqlite:///{tmp_path / 'dioptra.db'}"
    assert settings.artifacts_url == str(tmp_path / "artifacts")
    assert settings.host == "127.0.0.1"
    assert settings.max_page_size == 1000


def test_settings_read_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOPTRA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DIOPTRA_MAX_PAGE_SIZE", "50")
    monkeypatch.setenv("DIOPTRA_ALLOWED_ORIGINS", '["http://localhost:5173"]')

    settings = Settings()

    assert settings.data_dir == tmp_path
    assert settings.max_page_size == 50
    assert settings.allowed_origins == ["http://localhost:5173"]


@pytest.mark.parametrize(
    ("tracking_uri", "expected"),
    [
        ("file:///srv/mlruns", "/srv/mlruns"),
        ("file://localhost/srv/ml%20runs", "/srv/ml runs"),
        ("/srv/mlruns", "/srv/mlruns"),
        ("mlruns", "{cwd}/mlruns"),
        ("http://mlflow.example:5000", None),
        ("sqlite:///mlflow.db", None),
        ("file://elsewhere/srv/mlruns", None),
        ("", None),
    ],
)
def test_external_artifact_roots_default_to_the_mlflow_file_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tracking_uri: str, expected: str | None
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", tracking_uri)
    wanted = [] if expected is None else [Path(expected.format(cwd=tmp_path))]

    assert Settings(data_dir=tmp_path).artifact_external_roots == wanted


def test_external_artifact_roots_are_the_operators_when_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "file:///srv/mlruns")
    monkeypatch.setenv("DIOPTRA_ARTIFACT_EXTERNAL_ROOTS", "[]")
    assert Settings(data_dir=tmp_path).artifact_external_roots == []
    monkeypatch.setenv("DIOPTRA_ARTIFACT_EXTERNAL_ROOTS", '["/a", "/b"]')
    assert Settings(data_dir=tmp_path).artifact_external_roots == [Path("/a"), Path("/b")]


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path).resolved_secret_key()
    second = Settings(data_dir=tmp_path).resolved_secret_key()

    assert len(first) >= 40
    assert first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert Settings(data_dir=tmp_path, secret_key="given").resolved_secret_key() == "given"


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("queue 1.2_x-y", True),
        ("a", True),
        ("   ", False),
        ("", False),
        ("a/b", False),
        ("tab\t", False),
        ("trailing\n", False),
        ("ünïcode", False),
    ],
)
def test_resource_name_rule(name: str, ok: bool) -> None:
    assert (RESOURCE_NAME_PATTERN.fullmatch(name) is not None) is ok


@pytest.mark.parametrize(
    ("name", "ok"), [("plugin_1", True), ("P", True), ("_", False), ("1a", False), ("a-b", False)]
)
def test_identifier_rule(name: str, ok: bool) -> None:
    assert (IDENTIFIER_PATTERN.fullmatch(name) is not None) is ok


def test_error_messages_follow_dioptra() -> None:
    exists = EntityExistsError("queue", "Queue", 3, name="q", group_id=1)
    missing = EntityDoesNotExistError("queue", "Queue", resource_id=9)

    assert exists.message == (
        "The Queue with name having value (q), and group_id having value (1) already exists."
    )
    assert exists.detail == {
        "entity_type": "queue",
        "existing_id": 3,
        "entity_attributes": {"name": "q", "group_id": 1},
    }
    assert missing.message == "Failed to locate Queue with resource_id having value (9)."
    assert missing.detail == {"entity_type": "queue", "resource_id": 9}
