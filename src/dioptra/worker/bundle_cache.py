"""Unpacked plugin bundles kept between the jobs of a worker.

A bundle of an entrypoint snapshot or a plugin snapshot never changes (snapshots are
immutable), so each is downloaded and unpacked once, and later jobs import from the
same folder. Folders appear atomically (unpacked under a temporary name, then renamed),
so concurrent jobs never see half a bundle. Their Python files are compiled as they are
unpacked: a confined job cannot write ``__pycache__`` there, and would otherwise compile
every plugin module again in every job.

Ids only mean something within one database, so a cache must not outlive it: the local
dispatcher keeps its cache in the data folder (per database), ``dioptra worker`` makes a
fresh one per run, and a lone ``run_job`` keeps bundles in the job's own folder.
"""

from __future__ import annotations

import compileall
import hashlib
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path


class BundleCache:
    def __init__(self, root: Path, api_url: str) -> None:
        self.root = root
        # Ids are per server: the same ids on another server are other bundles.
        self.server = hashlib.sha256(api_url.rstrip("/").encode()).hexdigest()[:12]

    def cached(self, name: str) -> Path | None:
        """The cached folder ``name``, None while there is none."""
        target = self.root / self.server / name
        return target if target.is_dir() else None

    def folder(self, name: str, fill: Callable[[Path], None]) -> Path:
        """The cached folder ``name``; when missing, ``fill(empty folder)`` makes it."""
        target = self.root / self.server / name
        if target.is_dir():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.parent / f".{name}.{uuid.uuid4().hex}"
        try:
            fill(staging)
            # Tracebacks name the files where they will be (``ddir``); a file that does
            # not compile is left to fail at its import, with the job's error message.
            compileall.compile_dir(staging, ddir=str(target), quiet=2, workers=1)
            try:
                os.rename(staging, target)
            except OSError:  # another job cached it meanwhile
                if not target.is_dir():
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return target
