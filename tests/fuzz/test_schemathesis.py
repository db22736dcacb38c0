"""Schemathesis over every operation of the OpenAPI document, in-process (ASGI).

Each operation gets a bounded, derandomized run of schema-valid and schema-violating
requests as a logged-in user (bearer token) against a seeded database; path ids and id
fields of bodies are often swapped for ids that exist so the requests reach the services.
Checks: no 5xx, responses match the document where it declares them, and every 4xx
carries Dioptra's error body (or the request-validation shape).
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from fuzz_apps import fuzz_settings
from fuzz_checks import dioptra_error_body
from fuzz_ids import with_seeded_ids
from fuzz_seed import API, Seeded, logged_in_client, new_token
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from dioptra.server.app import create_app

pytestmark = pytest.mark.slow

# Examples per operation (fuzzing phase); the coverage phase adds its boundary cases.
MAX_EXAMPLES = 12
SEED = 20240601

# Not fuzzed here: a live event stream never ends for a running job (its errors are
# covered in test_regressions.py).
EXCLUDED = {"GET /api/v1/jobs/{id}/events"}
# Operations on the caller's own account (delete it, change its password, log out,
# revoke tokens) run as a throwaway user so the seeded owner stays logged in.
SELF_SERVICE = {
    "PUT /api/v1/users/current",
    "DELETE /api/v1/users/current",
    "POST /api/v1/users/current/password",
    "POST /api/v1/users/{id}/password",
    "POST /api/v1/auth/logout",
    "DELETE /api/v1/users/current/tokens/{id}",
    "DELETE /api/v1/groups/{id}/members/{userId}",
}


# The owner may change their own permissions here, which would lock them out of writing.
MEMBERSHIP = "POST /api/v1/groups/{id}/members"
OWNER_PERMISSIONS = {"read": True, "write": True, "shareRead": True, "shareWrite": True}


def _restore_owner(app: FastAPI, headers: dict[str, str]) -> None:
    client = TestClient(app, headers=headers)
    try:
        body = {"user": 1, **OWNER_PERMISSIONS, "admin": True}
        restored = client.post(f"{API}/groups/1/members", json=body)
        assert restored.status_code == 200, restored.text
    finally:
        client.close()


def _document() -> dict[str, Any]:
    """The OpenAPI document of an app that is never started (no database needed)."""
    settings = fuzz_settings(Path("unused"), database_url="sqlite://")
    return create_app(settings).openapi()


CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {"mode": "all", "deterministic": True, "max-examples": MAX_EXAMPLES},
        "phases": {"stateful": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_dict(_document(), config=CONFIG).exclude(
    func=lambda ctx: ctx.operation.label in EXCLUDED
)

_SEEDED: list[Seeded] = []
STATUSES: defaultdict[str, Counter[int]] = defaultdict(Counter)
SAMPLES: dict[str, str] = {}


@schema.hook
def flatmap_case(context: Any, case: Any) -> Any:
    """Often points path ids and body id fields at seeded rows (chosen by Hypothesis, so
    runs stay deterministic)."""
    if not _SEEDED:
        return st.just(case)
    return with_seeded_ids(case, _SEEDED[0])


class Victim:
    """A throwaway user for the account operations, replaced once it stops working."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.count = 0
        self.token = ""

    def headers(self) -> dict[str, str]:
        if not self.token or not self._alive():
            self.count += 1
            client = logged_in_client(self.app, f"victim{self.count}")
            self.token = new_token(client)
            client.close()
        return {"Authorization": f"Bearer {self.token}"}

    def _alive(self) -> bool:
        client = TestClient(self.app, headers={"Authorization": f"Bearer {self.token}"})
        try:
            return bool(client.get(f"{API}/users/current").status_code == 200)
        finally:
            client.close()


@pytest.fixture(scope="session")
def fuzz_app(fuzz_target: tuple[FastAPI, Seeded]) -> FastAPI:
    return fuzz_target[0]


@pytest.fixture(scope="session")
def victim(fuzz_app: FastAPI) -> Victim:
    return Victim(fuzz_app)


@pytest.fixture(scope="session")
def owner_headers(fuzz_target: tuple[FastAPI, Seeded]) -> dict[str, str]:
    _SEEDED[:] = [fuzz_target[1]]
    return {"Authorization": f"Bearer {fuzz_target[1].token}"}


@schema.parametrize()
@hypothesis.settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    max_examples=MAX_EXAMPLES,
)
def test_no_server_errors(
    case: Any, fuzz_app: FastAPI, owner_headers: dict[str, str], victim: Victim
) -> None:
    headers = victim.headers() if case.operation.label in SELF_SERVICE else owner_headers
    try:
        response = case.call(app=fuzz_app, headers=headers)
    finally:
        if case.operation.label == MEMBERSHIP:
            _restore_owner(fuzz_app, owner_headers)
    STATUSES[case.operation.label][response.status_code] += 1
    SAMPLES.setdefault(f"{case.operation.label} {response.status_code}", response.text[:300])
    case.validate_response(
        response,
        checks=[not_a_server_error, response_schema_conformance, dioptra_error_body],
        headers=headers,
    )


@pytest.fixture(scope="module", autouse=True)
def _write_statuses() -> Iterator[None]:
    """``DIOPTRA_FUZZ_STATS=<file>`` writes the statuses seen per operation and a sample
    body of each (how deep the fuzzer got: mostly 404s means the ids missed)."""
    yield
    target = os.environ.get("DIOPTRA_FUZZ_STATS")
    if target:
        stats = {"statuses": STATUSES, "samples": SAMPLES}
        Path(target).write_text(json.dumps(stats, indent=1, sort_keys=True))
