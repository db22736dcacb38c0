"""`dioptra import`: plugins, parameter types and entrypoints from a dioptra.toml."""

from __future__ import annotations

import mimetypes
import posixpath
import re
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Final

import typer
from rich.markup import escape

from dioptra.cli.commands.connection import Client, open_client
from dioptra.cli.commands.errors import (
    CliError,
    describe_client_error,
    refusal_headline,
    refusal_problems,
    reports_errors,
)
from dioptra.cli.commands.lookup import default_group_id
from dioptra.cli.output import examples, human_size, print_note, print_table, spinner
from dioptra.client import BadRequestError, ConflictError, DioptraFile, select_files_in_directory

GIT_URL_PREFIXES: Final = ("https://", "http://")
ARCHIVE_SUFFIXES: Final = (".tar.gz", ".tgz", ".tar", ".zip")
# Never uploaded from a folder: caches, virtual environments, version control.
SKIPPED_DIRECTORIES: Final = frozenset({"__pycache__", "node_modules"})
RESOURCE_KINDS: Final = (
    ("plugin_param_types", "parameter type"),
    ("plugins", "plugin"),
    ("entrypoints", "entrypoint"),
)


# Refusals whose cause `dioptra engine validate` finds locally as well.
LOCALLY_CHECKED: Final = frozenset({"ImportFailedError", "EntrypointValidationError"})
# "entrypoints/x.yml:16: ..." (a problem the server located in an entrypoint file)
LOCATED_YAML: Final = re.compile(r"^(\S+?\.ya?ml)(?::\d+)?: ")


class Strategy(StrEnum):
    fail = "fail"
    update = "update"
    overwrite = "overwrite"


@reports_errors
def import_command(
    source: Annotated[
        str,
        typer.Argument(
            metavar="PATH|GIT_URL",
            help="A folder, a .tar/.tar.gz archive, or an https git URL (with optional #ref).",
        ),
    ],
    group: Annotated[
        int | None,
        typer.Option(
            "--group", metavar="ID", help="The group to import into (default: your first)."
        ),
    ] = None,
    strategy: Annotated[
        Strategy,
        typer.Option(
            "--strategy",
            help="When a name is taken: fail, update it (new snapshot), or overwrite it.",
        ),
    ] = Strategy.fail,
    config: Annotated[
        str,
        typer.Option("--config", help="The dioptra.toml's path inside the source."),
    ] = "dioptra.toml",
) -> None:
    """Import the plugins, parameter types and entrypoints a dioptra.toml describes."""
    client = open_client()
    group_id = group if group is not None else default_group_id(client)
    result = _import(client, source, group_id, strategy, config)
    _print_result(result)


def _import(
    client: Client, source: str, group_id: int, strategy: Strategy, config: str
) -> dict[str, Any]:
    def send(what: str | DioptraFile | list[DioptraFile], description: str) -> dict[str, Any]:
        try:
            with spinner(f"Importing {description}…"):
                return client.workflows.import_resources(
                    group_id,
                    what,
                    config_path=config,
                    resolve_name_conflicts_strategy=strategy.value,
                )
        except ConflictError as error:
            raise CliError(
                f"{refusal_headline(error)} (a type or plugin the group has can be used "
                f"without declaring it in {config}; --strategy update makes a new version)"
            ) from error
        except BadRequestError as error:
            hint = _local_check_hint(error, source, config)
            if hint is None:
                raise
            raise CliError(f"{describe_client_error(error)}\n{hint}") from error

    if source.startswith(GIT_URL_PREFIXES):
        return send(source, source)
    path = Path(source)
    if path.is_dir():
        files = _folder_files(path)
        if not any(f.filename == posixpath.normpath(config) for f in files):
            _close(files)
            raise CliError(f"{config} not found in {path}")
        try:
            size = sum(Path(path, f.filename).stat().st_size for f in files)
            return send(files, f"{len(files)} files ({human_size(size)}) from {path}")
        finally:
            _close(files)
    if path.is_file():
        if not path.name.endswith(ARCHIVE_SUFFIXES):
            raise CliError(
                f"{path} is neither a folder nor an archive ({', '.join(ARCHIVE_SUFFIXES)})"
            )
        content_type, _ = mimetypes.guess_type(path.name)
        with path.open("rb") as stream:
            archive = DioptraFile(filename=path.name, stream=stream, content_type=content_type)
            return send(archive, f"{path} ({human_size(path.stat().st_size)})")
    raise CliError(f"No such folder or archive: {source} (git URLs start with https://)")


def _local_check_hint(error: BadRequestError, source: str, config: str) -> str | None:
    """For a problem `dioptra engine validate` finds too (the manifest, the files it
    names, a task graph): the command that finds it without a server."""
    if error.error not in LOCALLY_CHECKED or not Path(source).is_dir():
        return None
    project = f" --config {config}" if config != "dioptra.toml" else ""
    located = next(
        (match for line in refusal_problems(error) if (match := LOCATED_YAML.match(line))),
        None,
    )
    if located is not None:  # the file is enough: validate finds the project above it
        command = f"dioptra engine validate {Path(source, located[1])}{project}"
    else:
        command = f"dioptra engine validate --project {source}{project} ENTRYPOINT"
    return f"(`{command}` finds this without a server)"


def _folder_files(folder: Path) -> list[DioptraFile]:
    """The folder's files, without hidden ones and caches."""
    chosen: list[DioptraFile] = []
    for candidate in select_files_in_directory(folder, recursive=True):
        parts = PurePosixPath(candidate.filename).parts
        if any(part.startswith(".") or part in SKIPPED_DIRECTORIES for part in parts):
            candidate.stream.close()
        else:
            chosen.append(candidate)
    return chosen


def _close(files: list[DioptraFile]) -> None:
    for file_ in files:
        file_.stream.close()


def _print_result(result: dict[str, Any]) -> None:
    resources = result.get("resources") or {}
    # Ours (a Dioptra 1.2.2 server sends none): created, updated or replaced, by name.
    changes = result.get("changes")
    rows = [
        (label, name, resource_id)
        + ((str((changes.get(key) or {}).get(name, "")),) if changes else ())
        for key, label in RESOURCE_KINDS
        for name, resource_id in (resources.get(key) or {}).items()
    ]
    columns = ("kind", "name", "id") + (("change",) if changes else ())
    print_table(columns, rows, empty="Nothing was imported.")
    source_hash = result.get("hash")
    print_note(
        f"[green]Imported {len(rows)} resources[/]"
        + (f" (source sha {escape(str(source_hash)[:12])})" if source_hash else "")
    )
    # Ours (a Dioptra 1.2.2 server sends none): saved, but jobs will be refused.
    for warning in result.get("warnings") or []:
        entrypoint = escape(str(warning.get("entrypoint", "")))
        print_note(
            f"[yellow]warning[/] entrypoint {entrypoint}: {escape(str(warning.get('message')))}"
        )


def register(app: typer.Typer) -> None:
    app.command(
        "import",
        epilog=examples(
            "dioptra import examples/tutorial",
            "dioptra import project.tar.gz --strategy update",
            "dioptra import https://github.com/org/repo.git#main --config study/dioptra.toml",
        ),
    )(import_command)
