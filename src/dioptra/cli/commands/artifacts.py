"""`dioptra artifacts list|show|download`: what jobs produced, saved to disk with a progress
bar."""

from __future__ import annotations

import hashlib
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Final

import typer
from rich.markup import escape

from dioptra.cli.commands.connection import Client, open_client
from dioptra.cli.commands.errors import CliError, reports_errors
from dioptra.cli.commands.lookup import first_items
from dioptra.cli.commands.options import JsonOption, QuietOption
from dioptra.cli.output import (
    download_progress,
    examples,
    fields_table,
    human_size,
    print_ids,
    print_json,
    print_note,
    print_table,
    short_time,
    stdout_console,
)
from dioptra.client import FileTypes

app = typer.Typer(help="List, show and download the artifacts jobs produced.", no_args_is_help=True)

CHUNK_SIZE: Final = 256 * 1024


class ArchiveFormat(StrEnum):
    tar_gz = "tar_gz"
    zip = "zip"


def artifact_name(artifact: dict[str, Any]) -> str:
    """A short name: the last part of the artifact's URI."""
    uri = str(artifact.get("artifactUri") or "")
    return PurePosixPath(uri.rstrip("/")).name or f"artifact-{artifact.get('id')}"


def artifact_rows(client: Client, artifact_ids: list[int]) -> list[tuple[Any, ...]]:
    """Rows (id, name, uri, size) of the given artifacts."""
    rows: list[tuple[Any, ...]] = []
    for artifact_id in artifact_ids:
        artifact = client.artifacts.get_by_id(artifact_id)
        size = "directory" if artifact.get("isDir") else human_size(artifact.get("fileSize"))
        rows.append((artifact["id"], artifact_name(artifact), artifact.get("artifactUri"), size))
    return rows


@app.command(
    "list",
    epilog=examples(
        "dioptra artifacts list",
        "dioptra artifacts list --job 12",
        "dioptra artifacts list -n 1 -q",
    ),
)
@reports_errors
def list_artifacts(
    job: Annotated[int | None, typer.Option("--job", metavar="ID", help="Only this job's.")] = None,
    limit: Annotated[
        int, typer.Option("-n", "--limit", min=1, help="Show at most this many.")
    ] = 20,
    quiet: QuietOption = False,
) -> None:
    """List artifacts, newest first: id, job, name, URI, size."""
    client = open_client()
    if job is not None:
        ids = [int(a["id"]) for a in client.jobs.get_by_id(job).get("artifacts", [])]
        artifacts = [client.artifacts.get_by_id(i) for i in sorted(ids, reverse=True)[:limit]]
    else:
        artifacts = first_items(
            lambda index, length: client.artifacts.get(
                index=index, page_length=length, sort_by="createdOn", descending=True
            ),
            limit,
        )
    if quiet:
        print_ids(artifacts)
        return
    rows = [
        (
            a["id"],
            a.get("job"),
            artifact_name(a),
            a.get("artifactUri"),
            "directory" if a.get("isDir") else human_size(a.get("fileSize")),
            short_time(a.get("createdOn")),
        )
        for a in artifacts
    ]
    print_table(("id", "job", "name", "uri", "size", "created"), rows, empty="No artifacts.")


@app.command("show", epilog=examples("dioptra artifacts show 7", "dioptra artifacts show 7 --json"))
@reports_errors
def show(
    artifact_id: Annotated[int, typer.Argument(metavar="ID", help="The artifact's id.")],
    as_json: JsonOption = False,
) -> None:
    """Show an artifact: the task that saved it, its size, sha256, job and URI."""
    artifact = open_client().artifacts.get_by_id(artifact_id)
    if as_json:
        print_json(artifact)
        return
    task = artifact.get("task") or {}
    outputs = ", ".join(
        f"{o.get('name')}: {(o.get('parameterType') or {}).get('name')}"
        for o in task.get("outputParams") or []
    )
    fields = [
        ("id", artifact.get("id")),
        ("job", artifact.get("job")),
        ("task", task.get("name")),
        ("outputs", outputs),
        ("plugin", _plugin_version(task)),
        ("kind", "directory" if artifact.get("isDir") else "file"),
        ("size", human_size(artifact.get("fileSize"))),
        ("sha256", artifact.get("sha256") or "not computed yet"),
        ("uri", artifact.get("artifactUri")),
        ("description", artifact.get("description")),
        ("created", short_time(artifact.get("createdOn"))),
    ]
    stdout_console().print(fields_table(f"Artifact {artifact['id']}", fields))


def _plugin_version(task: dict[str, Any]) -> str | None:
    if task.get("pluginResourceId") is None:
        return None
    return f"{task['pluginResourceId']} (snapshot {task.get('pluginResourceSnapshotId')})"


@app.command(
    "download",
    epilog=examples(
        "dioptra artifacts download 7 -o results/", "dioptra artifacts download 9 --format zip"
    ),
)
@reports_errors
def download(
    artifact_id: Annotated[int, typer.Argument(metavar="ID", help="The artifact's id.")],
    output_dir: Annotated[
        Path, typer.Option("-o", "--output-dir", file_okay=False, help="Where to save it.")
    ] = Path("."),
    archive_format: Annotated[
        ArchiveFormat | None,
        typer.Option(
            "--format", help="For a directory artifact: the archive to get (default tar_gz)."
        ),
    ] = None,
) -> None:
    """Download an artifact's contents (a directory comes as an archive).

    A file is checked against the sha256 the server recorded for it, when it has one
    (an artifact a job just saved gets its digest a few seconds later)."""
    client = open_client()
    artifact = client.artifacts.get_by_id(artifact_id)
    is_dir = bool(artifact.get("isDir"))
    if archive_format is not None and not is_dir:
        raise CliError(f"Artifact {artifact_id} is a file; --format applies to directories only.")
    file_type = FileTypes(archive_format.value) if archive_format else None
    if is_dir and file_type is None:
        file_type = FileTypes.TAR_GZ
    name = artifact_name(artifact) + (file_type.suffix if file_type else "")
    expected_sha256 = None if is_dir else artifact.get("sha256")
    saved = stream_to_file(
        client,
        artifact_id,
        output_dir / name,
        {"fileType": file_type.value} if file_type else {},
        expected_size=None if is_dir else artifact.get("fileSize"),
        expected_sha256=expected_sha256,
    )
    size = human_size(saved.stat().st_size)
    checked = ", sha256 verified" if expected_sha256 else ""
    print_note(f"Saved artifact {artifact_id} to {escape(str(saved))} ({size}{checked})")


def stream_to_file(
    client: Client,
    artifact_id: int,
    target: Path,
    params: dict[str, str],
    expected_size: int | None,
    expected_sha256: str | None = None,
) -> Path:
    """Streams `/artifacts/{id}/contents` into `target` (via a `.part` file) with progress;
    with `expected_sha256`, nothing is kept unless the bytes have that digest."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    url = client.session.build_url(client.artifacts.url, artifact_id, "contents")
    try:
        with client.session.stream(url, params=params) as response, download_progress() as progress:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else expected_size
            task = progress.add_task(escape(target.name), total=total)
            digest = hashlib.sha256()
            with partial.open("wb") as sink:
                for chunk in response.iter_bytes(CHUNK_SIZE):
                    sink.write(chunk)
                    digest.update(chunk)
                    progress.advance(task, len(chunk))
        if expected_sha256 is not None and digest.hexdigest() != expected_sha256:
            raise CliError(
                f"The download of artifact {artifact_id} is damaged: its sha256 is "
                f"{digest.hexdigest()}, the server recorded {expected_sha256}. Nothing was saved."
            )
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target
