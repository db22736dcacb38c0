"""Tasks for the worker tests: sleeping, failing, talking on every channel, metrics."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from dioptra import pyplugs
from dioptra.sdk.api.artifact import ArtifactTaskInterface
from dioptra.sdk.utilities.auth_client import get_authenticated_worker_client

LOGGER = logging.getLogger("worker_testing")


@pyplugs.register
def sleep_for(seconds: float) -> float:
    """Sleep, and say so first (tests wait for this line to know the job is running)."""
    print(f"sleeping for {seconds} s in pid {os.getpid()}", flush=True)
    time.sleep(seconds)
    return seconds


@pyplugs.register
def fail_with(message: str) -> None:
    raise ValueError(message)


@pyplugs.register
def talk(text: str) -> str:
    print(f"stdout: {text}")
    print(f"stderr: {text}", file=sys.stderr)
    LOGGER.warning("logging: %s", text)
    LOGGER.debug("debug lines are not forwarded")
    os.write(1, f"raw fd: {text}\n".encode())
    try:
        import structlog
    except ImportError:
        return text
    structlog.get_logger("worker_testing.structured").error("structlog", text=text)
    return text


@pyplugs.register
def log_metrics(name: str, values: list[float]) -> int:
    """Log each value as one step of a metric, the way Dioptra plugins do."""
    client = get_authenticated_worker_client(LOGGER, "json")
    for step, value in enumerate(values):
        client.jobs.append_metric_by_id(
            job_id=os.environ["__JOB_ID"], metric_name=name, metric_value=value, metric_step=step
        )
    return len(values)


@pyplugs.register
def environment() -> dict[str, Any]:
    keys = (
        "__JOB_ID",
        "DIOPTRA_API",
        "DIOPTRA_API_TOKEN",
        "DIOPTRA_WORKER_PASSWORD",
        "DIOPTRA_DATABASE_URL",
    )
    shown = (f"{key}={'set' if os.environ.get(key) else 'unset'}" for key in keys)
    print("environment: " + ", ".join(shown))
    print(f"cwd: {Path.cwd()}")
    return {key: os.environ.get(key) for key in keys}


@pyplugs.register
def make_text(text: str) -> str:
    return text


class TextArtifactTask(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: str, **kwargs: Any) -> Path:
        path = Path(working_dir) / f"{name}.txt"
        path.write_text(contents)
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> str:
        return (Path(working_dir) / path).read_text()


class FolderArtifactTask(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: str, **kwargs: Any) -> Path:
        folder = Path(working_dir) / name
        (folder / "sub").mkdir(parents=True)
        (folder / "a.txt").write_text(contents)
        (folder / "sub" / "b.txt").write_text(contents.upper())
        return folder

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> str:
        folder = Path(working_dir) / path
        return (folder / "a.txt").read_text() + (folder / "sub" / "b.txt").read_text()


class ModeArtifactTask(TextArtifactTask):
    """Loads a text file and says how the worker handed it over (mode and link count)."""

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> str:
        file = Path(working_dir) / path
        status = file.stat()
        return f"{file.read_text()} (mode {status.st_mode & 0o777:o}, {status.st_nlink} links)"


class BrokenArtifactTask(ArtifactTaskInterface):
    @staticmethod
    def serialize(working_dir: Path, name: str, contents: Any, **kwargs: Any) -> Path:
        raise RuntimeError("cannot serialize this")

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> Any:
        raise RuntimeError("cannot deserialize this")


@pyplugs.register
def read_file(path: str) -> int:
    """What a curious plugin does: read a file by its path (the job fails if it cannot)."""
    size = len(Path(path).read_bytes())
    print(f"read {size} bytes of {path}")
    return size


@pyplugs.register
def write_file(path: str) -> str:
    Path(path).write_text("written by a job")
    print(f"wrote {path}")
    return path


class LinkArtifactTask(ArtifactTaskInterface):
    """Hands over an existing file by hard link instead of writing one."""

    @staticmethod
    def serialize(working_dir: Path, name: str, contents: str, **kwargs: Any) -> Path:
        path = Path(working_dir) / name
        os.link(contents, path)
        return path

    @staticmethod
    def deserialize(working_dir: Path, path: str, **kwargs: Any) -> str:
        return (Path(working_dir) / path).read_text()
