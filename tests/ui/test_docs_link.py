"""The web UI links the platform's own documentation: the top bar's "Docs" opens /docs/ in a
new tab, served by the same server (the built site, or the page saying how to build it)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from conftest import DioptraServer
from playwright.sync_api import expect
from ui_flows import PASSWORD, sign_in

from dioptra.server.api.docs_site import DOCS_SITE_DIR, is_built

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

USER = "reader"


@pytest.fixture(scope="module")
def user(server: DioptraServer) -> str:
    body = {"username": USER, "email": f"{USER}@example.org", "password": PASSWORD}
    answer = httpx.post(
        f"{server.url}/api/v1/users/", json=body | {"confirmPassword": PASSWORD}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    return USER


def test_the_top_bar_opens_the_documentation(page: Any, server: DioptraServer, user: str) -> None:
    sign_in(page, user)
    link = page.get_by_role("banner").get_by_role("link", name="Documentation")
    expect(link).to_have_attribute("href", "/docs/")
    with page.expect_popup() as opened:
        link.click()
    docs = opened.value
    docs.wait_for_load_state()
    assert docs.url == f"{server.url}/docs/"
    if is_built(DOCS_SITE_DIR):
        expect(docs.get_by_role("heading", name="Dioptra", level=1)).to_be_visible()
        docs.get_by_role("link", name="Tutorials", exact=True).first.click()
        expect(docs).to_have_url(f"{server.url}/docs/tutorials/")
    else:
        expect(docs.get_by_role("heading", name="The documentation is not built")).to_be_visible()
    docs.close()
