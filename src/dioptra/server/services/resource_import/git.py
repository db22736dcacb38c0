"""Fetching an import's source from a git repository.

Dioptra 1.2 takes only public ``https://github.com/<owner>/<repo>[.git]`` and
``https://gitlab.com/<path>[.git]`` URLs, with an optional ``#<branch|tag|commit>`` and
no query or ``;path`` selection. With ``allow_any`` (the setting
``DIOPTRA_IMPORT_ALLOW_ANY_GIT``, off by default) any URL git can fetch is taken,
``file://`` included, for servers without internet access.

The repository is fetched shallowly (one commit) by the ``git`` command in a subprocess
under a deadline; its ``.git`` folder is removed before anything is imported. Every
failure is a ``GitError`` (400; 1.2 answers 500).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dioptra.server.services.resource_import.errors import GitError
from dioptra.server.services.resource_import.staging import (
    DEFAULT_LIMITS,
    ImportLimits,
    StagedSource,
    check_tree,
)

_APPROVED_HOSTS = ("github.com", "gitlab.com")
_SEGMENT = re.compile(r"[A-Za-z0-9_.-]+")
_REF = re.compile(r"(?!-)(?!.*\.\.)[A-Za-z0-9._/+-]+")
_OUTPUT_TAIL = 500


@dataclass(frozen=True)
class GitSource:
    """What to fetch: a URL git understands and the ref (None: the default branch)."""

    url: str
    ref: str | None = None


def parse_git_url(raw: str, *, allow_any: bool = False) -> GitSource:
    """Splits ``url#ref`` and checks both (``GitError`` when refused)."""
    url, hashed, ref = raw.strip().partition("#")
    if hashed and not _REF.fullmatch(ref):
        raise GitError(f"{ref!r} is not a branch, tag or commit name")
    if not url or url.startswith("-") or any(ord(char) < 32 for char in url):
        raise GitError("the repository URL is empty or malformed")
    if ";" in url or "?" in url:
        raise GitError("repository URLs cannot contain a query or ;path selections")
    if not allow_any:
        _check_public_https(url)
    return GitSource(url, ref or None)


def _check_public_https(url: str) -> None:
    refused = GitError(
        "only public https://github.com/ and https://gitlab.com/ repositories can be imported"
    )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise refused from None
    if parts.scheme != "https" or parts.hostname not in _APPROVED_HOSTS:
        raise refused
    if parts.username or parts.password or port is not None:
        raise refused
    segments = parts.path.strip("/").removesuffix(".git").split("/")
    wanted = 2 if parts.hostname == "github.com" else None
    if len(segments) < 2 or (wanted is not None and len(segments) != wanted):
        raise GitError(f"{url!r} does not name a repository (https://host/owner/repository)")
    if not all(_SEGMENT.fullmatch(segment) for segment in segments):
        raise GitError(f"{url!r} does not name a repository (https://host/owner/repository)")


def _git_environment(allow_any: bool) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        GIT_TERMINAL_PROMPT="0",  # never wait for credentials
        GIT_LFS_SKIP_SMUDGE="1",  # no downloads beyond the repository itself
        GIT_CONFIG_NOSYSTEM="1",
    )
    if not allow_any:
        environment["GIT_ALLOW_PROTOCOL"] = "https"
    return environment


def _run_git(arguments: list[str], cwd: Path, deadline: float, environment: dict[str, str]) -> str:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise GitError("fetching the repository took too long")
    try:
        completed = subprocess.run(
            ["git", *arguments],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            timeout=remaining,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError("fetching the repository took too long") from None
    except OSError as error:
        raise GitError(f"git cannot be run on the server: {error}") from None
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip()[-_OUTPUT_TAIL:]
        raise GitError(f"git {arguments[0]} failed: {output or 'no output'}")
    return completed.stdout.strip()


def fetch_repository(
    source: GitSource,
    dest: Path,
    *,
    allow_any: bool = False,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> StagedSource:
    """Fetches one commit of the repository into ``dest`` (created; must not exist);
    the staged source's hash is the commit id."""
    deadline = time.monotonic() + limits.git_timeout_seconds
    environment = _git_environment(allow_any)
    dest.mkdir(parents=True)
    _run_git(["init", "--quiet", "."], dest, deadline, environment)
    _run_git(
        ["fetch", "--quiet", "--depth", "1", "--no-tags", "--", source.url, source.ref or "HEAD"],
        dest,
        deadline,
        environment,
    )
    _run_git(["checkout", "--quiet", "--detach", "FETCH_HEAD"], dest, deadline, environment)
    commit = _run_git(["rev-parse", "HEAD"], dest, deadline, environment)
    shutil.rmtree(dest / ".git")
    try:
        check_tree(dest, limits)
    except ValueError as error:
        raise GitError(str(error)) from None
    return StagedSource(dest, commit)
