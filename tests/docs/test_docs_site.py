"""The documentation site builds strictly (a broken link or anchor, a missing page, any
warning fails), loads nothing from outside (the platform serves it offline), and its
generated reference pages cover the code they are generated from."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
HOOK = REPO / "docs" / "hooks" / "reference_pages.py"
# Resources a page loads (scripts, styles, images, fonts), not links a reader may follow.
EXTERNAL_RESOURCE = re.compile(
    r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"(?:https?:)?//"
    r"|<link\b(?![^>]*\brel=\"(?:canonical|alternate)\")[^>]*\bhref=\"(?:https?:)?//"
    r"|url\((?:['\"])?(?:https?:)?//"
)


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reference_pages", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    return load_hook()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-8000:]}"
    yield target


def nav_pages(items: list[object]) -> Iterator[str]:
    for item in items:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from nav_pages(value) if isinstance(value, list) else [value]


def test_every_page_of_the_nav_is_built(site: Path) -> None:
    # mkdocs.yml has Python tags of no concern here; the nav is plain.
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    pages = list(nav_pages(config["nav"]))
    assert "reference/configuration.md" in pages
    for page in pages:
        built = site / ("index.html" if page == "index.md" else page.removesuffix(".md"))
        if page.endswith("/index.md"):
            built = site / page.removesuffix("index.md") / "index.html"
        elif page != "index.md":
            built = built / "index.html"
        assert built.is_file(), f"{page} was not built"


@pytest.mark.slow
def test_the_site_loads_nothing_from_outside(site: Path) -> None:
    offenders = [
        f"{path.relative_to(site)}: {match.group(0)}"
        for path in site.rglob("*.html")
        for match in EXTERNAL_RESOURCE.finditer(path.read_text(errors="replace"))
    ]
    assert not offenders, "pages load outside resources:\n" + "\n".join(offenders[:20])


def test_no_page_has_two_elements_with_one_id(site: Path) -> None:
    """A duplicate id is an anchor that links to the wrong place (generated pages included)."""
    duplicates = []
    for path in site.rglob("*.html"):
        ids = re.findall(r'\bid="([^"]+)"', path.read_text(errors="replace"))
        duplicates += [f"{path.relative_to(site)}: {i}" for i in set(ids) if ids.count(i) > 1]
    assert not duplicates, "\n".join(sorted(duplicates)[:20])


def test_the_configuration_page_lists_every_setting_with_its_description(hook: ModuleType) -> None:
    page = hook.configuration_page()
    fields = list(hook.settings_fields())
    assert len(fields) > 30
    for envvar, name, cls, field in fields:
        assert f"### `{envvar}`" in page, f"{cls.__name__}.{name} is missing"
        assert field.description, f"{cls.__name__}.{name} has no description (Field(description=))"
        assert " ".join(field.description.split()) in " ".join(page.split())


def test_every_environment_variable_the_code_reads_is_documented(hook: ModuleType) -> None:
    page = hook.configuration_page()
    named = {
        name
        for path in (REPO / "src" / "dioptra").rglob("*.py")
        for name in re.findall(r"\bDIOPTRA_[A-Z0-9_]*[A-Z0-9]\b", path.read_text())
    }
    # Prefixes, not variables: DIOPTRA_JOB_* is told as each of its variables.
    named -= {"DIOPTRA_JOB"}
    missing = sorted(name for name in named if f"`{name}`" not in page)
    assert not missing, f"not on the configuration page: {missing}"


def test_the_cli_page_has_every_command_and_option(hook: ModuleType) -> None:
    page = hook.cli_page()
    for path, command in hook.walk_commands():
        assert f"`{' '.join(path)}` {{ #{hook.slug(*path)} }}" in page
        for param in command.params:
            if param.hidden or param.name == "help":
                continue
            # Options by their flag; arguments by their help (their synopsis is a metavar).
            shown = param.opts[0] if param.param_type_name == "option" else param.help
            assert shown and " ".join(shown.split()) in page, f"{path}: {param.name}"


def test_the_rest_api_page_has_every_endpoint_and_schema(hook: ModuleType) -> None:
    document = hook.openapi_document()
    page = hook.rest_api_page(document)
    for path, methods in document["paths"].items():
        for method in methods:
            assert f"{method.upper()} {path}\n" in page
    for name in document["components"]["schemas"]:
        assert f"### {name} {{ #{hook.schema_anchor(name)} }}" in page


def test_the_python_client_page_documents_the_public_modules(hook: ModuleType) -> None:
    page = hook.python_client_page()
    for module in ("client", "queues", "jobs", "artifacts", "errors"):
        assert f"::: dioptra.client.{module}\n" in page
