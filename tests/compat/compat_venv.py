"""Builds the venv that holds Dioptra 1.2.2's published client, once per machine.

The venv holds ``dioptra-platform==1.2.2`` installed without its server dependencies
(TensorFlow, Flask, ...): the client needs only ``requests``, ``requests-toolbelt`` and
``structlog``, so a build from PyPI takes seconds, not minutes. It is cached in
``~/.cache/dioptra-compat-venv/`` (``DIOPTRA_COMPAT_VENV_DIR`` overrides).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import venv
from collections.abc import Mapping
from pathlib import Path

CLIENT_VERSION = "1.2.2"
# What the original client imports besides the standard library.
CLIENT_REQUIREMENTS = ("requests>=2.25,<3", "requests-toolbelt>=1.0.0", "structlog>=20.2.0")
# Bump when the recipe below changes, so machines with an older cache rebuild it.
RECIPE = "client-only-1"
# Per pip call; below pytest-timeout (300 s), so our message, not a bare timeout, is seen.
PIP_TIMEOUT_S = 120


class ClientVenvError(RuntimeError):
    """The client venv could not be built (typically: the package index is unreachable)."""


def cache_root() -> Path:
    configured = os.environ.get("DIOPTRA_COMPAT_VENV_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "dioptra-compat-venv"


def venv_python(root: Path) -> Path:
    return root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _pip(python: Path, args: list[str], env: Mapping[str, str]) -> None:
    command = [str(python), "-m", "pip", "install", "--quiet", *args]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=PIP_TIMEOUT_S, env=env
        )
    except subprocess.TimeoutExpired as error:
        raise ClientVenvError(f"pip did not finish within {PIP_TIMEOUT_S} s: {command}") from error
    if result.returncode != 0:
        raise ClientVenvError(
            f"pip install {' '.join(args)} failed (is the package index reachable?):\n"
            + result.stderr[-1500:]
        )


def build_client_venv(
    root: Path, env: Mapping[str, str] | None = None, *, extras: tuple[str, ...] = ()
) -> Path:
    """``root/<version>-<recipe>``'s Python, building the venv first if it is missing.

    The build happens in a staging folder that is renamed into place only when complete,
    so an interrupted or concurrent build never leaves a broken cache behind. pip gets
    short network timeouts and few retries: without an index it fails in seconds.
    """
    # Extras (e.g. numpy for a script that checks arrays) get a venv of their own.
    suffix = "".join(f"+{name}" for name in extras)
    target = root / f"{CLIENT_VERSION}-{RECIPE}{suffix}"
    if venv_python(target).exists():
        return venv_python(target)
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".{target.name}.{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    pip_env = {**(env if env is not None else os.environ)}
    pip_env.setdefault("PIP_DEFAULT_TIMEOUT", "15")
    pip_env.setdefault("PIP_RETRIES", "2")
    pip_env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    pip_env.pop("PYTHONPATH", None)
    try:
        venv.create(staging, with_pip=True)
        python = venv_python(staging)
        _pip(python, [*CLIENT_REQUIREMENTS, *extras], pip_env)
        # Only the client is wanted: the package's own requirements are the server's.
        _pip(python, ["--no-deps", f"dioptra-platform=={CLIENT_VERSION}"], pip_env)
        # pip_env has no PYTHONPATH: with ours on it, this would import our dioptra instead.
        check = subprocess.run(
            [str(python), "-c", "import dioptra.client"],
            capture_output=True,
            text=True,
            env=pip_env,
        )
        if check.returncode != 0:
            raise ClientVenvError(f"the installed client does not import:\n{check.stderr}")
        with contextlib.suppress(OSError):  # another session finished first: use theirs
            staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return venv_python(target)
