"""The form of ``POST /workflows/resourceImport``, read as it streams in.

Uploaded files go straight to a private staging folder under the limits of Dioptra 1.2
(``services.import_staging``), never all into memory. Form fields are then checked as
1.2 checks them, with its error bodies: ``{"errors": {field: [...]}}`` (plus
``"message"`` where 1.2's argument parser also complained), and the chosen source is
staged: files as uploaded, an archive unpacked, or a repository fetched.
"""

from __future__ import annotations

import http
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import parse_qsl

import anyio.from_thread
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from dioptra.server.api.v1.core.wire import JsonResponse, ok
from dioptra.server.api.v1.jobs.context import in_transaction
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.resource_import import resource_import
from dioptra.server.services.resource_import.errors import (
    ImportFailedError,
)
from dioptra.server.services.resource_import.git import fetch_repository, parse_git_url
from dioptra.server.services.resource_import.resource_import import ConflictStrategy, ImportResult
from dioptra.server.services.resource_import.staging import (
    DEFAULT_LIMITS,
    ArchiveReceiver,
    FileStager,
    ImportLimits,
    StagedSource,
    remove_tree,
    stage_archive,
)

# 1.2 answers 500 for any git failure; the cause is the URL or repository the client
# named (refused, unknown, unreachable, too slow), so it is a client error here.

SOURCE_TYPES = ("git", "upload_archive", "upload_files")
_FIELD_BYTES = 64 * 1024  # a text field (group, gitUrl, configPath, ...)
_MAX_FIELDS = 100
_FORM_FAILED = "Failed to read the import form"

# OpenAPI description of the form (the route reads the body itself).
OPENAPI_FORM: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["group", "sourceType"],
                    "properties": {
                        "group": {"type": "integer", "description": "Group that will own them."},
                        "sourceType": {"type": "string", "enum": list(SOURCE_TYPES)},
                        "gitUrl": {
                            "type": "string",
                            "description": "https://github.com/o/r or https://gitlab.com/p, "
                            "optionally #branch, tag or commit.",
                        },
                        "archiveFile": {
                            "type": "string",
                            "format": "binary",
                            "description": "A tar, tar.gz or zip archive of the project.",
                        },
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "The project's files; each file name is its "
                            "path relative to the project root.",
                        },
                        "configPath": {"type": "string", "default": "dioptra.toml"},
                        "resolveNameConflictsStrategy": {
                            "type": "string",
                            "enum": [strategy.value for strategy in ConflictStrategy],
                            "default": "fail",
                        },
                    },
                }
            }
        },
    }
}


def import_limits(app: FastAPI) -> ImportLimits:
    """The limits in force: Dioptra 1.2's and the settings' (tests may replace them
    through ``app.state.import_limits``)."""
    limits: ImportLimits | None = getattr(app.state, "import_limits", None)
    if limits is None:
        settings = app.state.dioptra.settings
        limits = replace(DEFAULT_LIMITS, expanded_bytes=settings.import_max_expanded_bytes)
    return limits


# -- reading the body ----------------------------------------------------------------------


def blocking_chunks(request: Request) -> Iterator[bytes]:
    """The request body as a blocking iterator for a worker thread: each chunk is
    fetched from the event loop only when asked for."""
    stream = request.stream().__aiter__()

    async def next_chunk() -> bytes | None:
        try:
            return await stream.__anext__()
        except StopAsyncIteration:
            return None

    while (chunk := anyio.from_thread.run(next_chunk)) is not None:
        if chunk:
            yield chunk


class _Sink(Protocol):
    def write(self, chunk: bytes) -> None: ...

    def close(self) -> None: ...


class _Discard:
    def write(self, chunk: bytes) -> None:
        pass

    def close(self) -> None:
        pass


class _Text:
    def __init__(self, form: ReceivedForm, name: str) -> None:
        self.form = form
        self.name = name
        self.data = bytearray()

    def write(self, chunk: bytes) -> None:
        self.data += chunk
        if len(self.data) > _FIELD_BYTES:
            raise ImportFailedError(_FORM_FAILED, f"the form field {self.name!r} is too long")

    def close(self) -> None:
        self.form.add_field(self.name, self.data.decode("utf-8", errors="replace"))


class _Recording:
    """A staged file or archive whose failures are kept for later: form fields are
    checked before the upload's own problems are reported, as 1.2 does."""

    def __init__(self, form: ReceivedForm, sink: _Sink, kind: str) -> None:
        self.form = form
        self.sink: _Sink = sink
        self.kind = kind

    def write(self, chunk: bytes) -> None:
        try:
            self.sink.write(chunk)
        except ImportFailedError as error:
            self.form.record_error(self.kind, error)
            self.sink = _Discard()

    def close(self) -> None:
        self.sink.close()


@dataclass
class ReceivedForm:
    """What the body held: text fields, and the uploads staged on the way."""

    workdir: Path
    limits: ImportLimits
    fields: dict[str, str] = field(default_factory=dict)
    uploads: Counter[str] = field(default_factory=Counter)  # file parts per field name
    files: FileStager | None = None
    archive: ArchiveReceiver | None = None
    errors: dict[str, ImportFailedError] = field(default_factory=dict)

    def add_field(self, name: str, value: str) -> None:
        if len(self.fields) >= _MAX_FIELDS:
            raise ImportFailedError(_FORM_FAILED, "the form has too many fields")
        self.fields.setdefault(name, value)  # the first value counts, as in Flask

    def record_error(self, kind: str, error: ImportFailedError) -> None:
        self.errors.setdefault(kind, error)

    def sink_for(self, name: str, filename: str | None) -> _Sink:
        if filename is None:
            return _Text(self, name)
        self.uploads[name] += 1
        if name == "files" and "files" not in self.errors:
            if self.files is None:
                self.files = FileStager(self.workdir / "files", self.limits)
            try:
                return _Recording(self, self.files.open(filename), "files")
            except ImportFailedError as error:
                self.record_error("files", error)
        elif name == "archiveFile" and self.archive is None:
            self.archive = ArchiveReceiver(self.workdir / "archive.upload", self.limits)
            return _Recording(self, self.archive, "archiveFile")
        return _Discard()


class _MultipartReader:
    """python-multipart callbacks that route each part to its sink."""

    def __init__(self, form: ReceivedForm) -> None:
        self.form = form
        self.headers: dict[str, bytes] = {}
        self.header_field = bytearray()
        self.header_value = bytearray()
        self.sink: _Sink = _Discard()

    def on_part_begin(self) -> None:
        self.headers = {}

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        name = bytes(self.header_field).decode("latin-1").lower()
        self.headers[name] = bytes(self.header_value)
        self.header_field.clear()
        self.header_value.clear()

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get("content-disposition", b""))
        name = _text(options.get(b"name", b""))
        filename = options.get(b"filename")
        self.sink = self.form.sink_for(name, None if filename is None else _text(filename))

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        self.sink.write(data[start:end])

    def on_part_end(self) -> None:
        self.sink.close()
        self.sink = _Discard()


def _text(raw: bytes) -> str:
    """Header parameters arrive as latin-1 text; clients send UTF-8 names."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_form(
    chunks: Iterable[bytes], content_type: str, workdir: Path, limits: ImportLimits
) -> ReceivedForm:
    """Reads a multipart or urlencoded body (anything else is an empty form)."""
    form = ReceivedForm(workdir, limits)
    # Generous: both kinds of upload at their limits, plus the form's own bytes.
    max_body = limits.archive_bytes + limits.total_bytes + _MAX_FIELDS * _FIELD_BYTES
    media_type, options = parse_options_header(content_type)
    received = 0

    def counted() -> Iterator[bytes]:
        nonlocal received
        for chunk in chunks:
            received += len(chunk)
            if received > max_body:
                raise ImportFailedError(_FORM_FAILED, "the request body is too large")
            yield chunk

    if media_type == b"multipart/form-data":
        boundary = options.get(b"boundary")
        if not boundary:
            raise ImportFailedError(_FORM_FAILED, "the multipart body has no boundary")
        reader = _MultipartReader(form)
        parser = MultipartParser(
            boundary,
            {
                "on_part_begin": reader.on_part_begin,
                "on_part_data": reader.on_part_data,
                "on_part_end": reader.on_part_end,
                "on_header_field": reader.on_header_field,
                "on_header_value": reader.on_header_value,
                "on_header_end": reader.on_header_end,
                "on_headers_finished": reader.on_headers_finished,
            },
        )
        try:
            for chunk in counted():
                parser.write(chunk)
            parser.finalize()
        except MultipartParseError as error:
            raise ImportFailedError(_FORM_FAILED, f"malformed multipart body: {error}") from None
        finally:
            reader.sink.close()
    elif media_type == b"application/x-www-form-urlencoded":
        body = bytearray()
        for chunk in counted():
            body += chunk
            if len(body) > _MAX_FIELDS * _FIELD_BYTES:
                raise ImportFailedError(_FORM_FAILED, "the form is too large")
        for name, value in parse_qsl(body.decode("utf-8", errors="replace"), True):
            form.add_field(name, value)
    else:
        for _ in counted():  # drained, so that the client sees the answer
            pass
    return form


# -- checking the fields -------------------------------------------------------------------


class FormRejected(Exception):
    """The form's fields are wrong: answered with this body (400), as 1.2 does."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(body)
        self.body = body


@dataclass(frozen=True)
class ImportRequest:
    group_id: int
    source_type: str
    config_path: str
    strategy: ConflictStrategy
    git_url: str | None


_MISSING = ["Missing data for required field."]


def check_form(form: ReceivedForm) -> ImportRequest:
    """The form's fields, or ``FormRejected`` with 1.2's body for what is wrong."""
    fields = form.fields
    errors: dict[str, Any] = {}
    parser_failed = False  # 1.2's argument parser adds "message" for these
    group_id = 0
    if "group" not in fields:
        errors["group"], parser_failed = _MISSING, True
    else:
        try:
            group_id = int(fields["group"].strip())
        except ValueError:
            errors["group"], parser_failed = ["Not a valid integer."], True
    source_type = fields.get("sourceType")
    if source_type is None:
        errors["sourceType"], parser_failed = _MISSING, True
    elif source_type not in SOURCE_TYPES:
        errors["sourceType"] = [f"Must be one of: {', '.join(SOURCE_TYPES)}."]
    strategies = [strategy.value for strategy in ConflictStrategy]
    strategy = fields.get("resolveNameConflictsStrategy", ConflictStrategy.FAIL.value)
    if strategy not in strategies:
        errors["resolveNameConflictsStrategy"] = [f"Must be one of: {', '.join(strategies)}."]
    if errors:
        body: dict[str, Any] = {"errors": errors}
        if parser_failed:
            body["message"] = "Input payload validation failed"
        raise FormRejected(body)
    assert source_type is not None
    given = {
        "gitUrl": "gitUrl" in fields,
        "archiveFile": form.uploads["archiveFile"] > 0,
        "files": form.uploads["files"] > 0,
    }
    if sum(given.values()) != 1:
        message = "Must only provide exactly one of ('gitUrl', 'archiveFile', 'files')."
        raise FormRejected({"errors": {"sourceType": message}})
    needed = {"git": "gitUrl", "upload_archive": "archiveFile", "upload_files": "files"}
    if not given[needed[source_type]]:
        message = f"field required when sourceType is '{source_type}'"
        raise FormRejected({"errors": {needed[source_type]: message}})
    return ImportRequest(
        group_id=group_id,
        source_type=source_type,
        config_path=fields.get("configPath", "dioptra.toml"),
        strategy=ConflictStrategy(strategy),
        git_url=fields.get("gitUrl"),
    )


# -- staging the source --------------------------------------------------------------------


def stage_source(
    request: ImportRequest, form: ReceivedForm, *, allow_any_git: bool
) -> StagedSource:
    """The chosen source in a folder of its own under the form's working folder."""
    limits = form.limits
    if request.source_type == "git":
        assert request.git_url is not None
        source = parse_git_url(request.git_url, allow_any=allow_any_git)
        return fetch_repository(
            source, form.workdir / "repository", allow_any=allow_any_git, limits=limits
        )
    if request.source_type == "upload_archive":
        if "archiveFile" in form.errors:
            raise form.errors["archiveFile"]
        assert form.archive is not None
        return stage_archive(
            form.archive.path, form.archive.sha256, form.workdir / "archive", limits
        )
    if "files" in form.errors:
        raise form.errors["files"]
    assert form.files is not None
    return form.files.finish()


# -- the route -----------------------------------------------------------------------------


class ImportedResourcesOut(BaseModel):
    plugins: dict[str, int]
    plugin_param_types: dict[str, int]
    entrypoints: dict[str, int]


class ImportWarningOut(BaseModel):
    entrypoint: str
    path: str
    message: str


ImportChange = Literal["created", "updated", "replaced"]


class ImportChangesOut(BaseModel):
    plugins: dict[str, ImportChange]
    plugin_param_types: dict[str, ImportChange]
    entrypoints: dict[str, ImportChange]


class ResourceImportOut(BaseModel):
    message: str
    hash: str = Field(description="sha256 of the upload, or the commit id of the repository.")
    resources: ImportedResourcesOut
    warnings: list[ImportWarningOut] = Field(
        description="Ours: the imported entrypoints' save warnings (an artifact task no "
        "attached artifact plugin registers: the import succeeds, jobs are refused).",
    )
    changes: ImportChangesOut = Field(
        description="Ours: what happened to each resource, by name: created, updated (a "
        "new snapshot, --strategy update) or replaced (deleted and created, overwrite).",
    )


def _require_login(ctx: ServiceContext) -> None:
    """Authentication happens in ``in_transaction``; nothing else to do."""


async def handle_import(request: Request) -> Response:
    """Authenticates, reads and checks the form, stages the source (no transaction is
    open meanwhile), then imports in one transaction; the staging folder is removed."""
    await in_transaction(request, _require_login)  # 401 before reading any upload
    settings = request.app.state.dioptra.settings
    limits = import_limits(request.app)
    workdir = Path(await run_in_threadpool(tempfile.mkdtemp, prefix="dioptra-import-"))
    try:
        form = await run_in_threadpool(
            read_form,
            blocking_chunks(request),
            request.headers.get("content-type", ""),
            workdir,
            limits,
        )
        try:
            parsed = check_form(form)
        except FormRejected as rejected:
            return JsonResponse(rejected.body, status_code=http.HTTPStatus.BAD_REQUEST)
        source = await run_in_threadpool(
            partial(stage_source, parsed, form, allow_any_git=settings.import_allow_any_git)
        )

        def run(ctx: ServiceContext) -> ImportResult:
            return resource_import.import_resources(
                ctx,
                parsed.group_id,
                source,
                config_path=parsed.config_path,
                strategy=parsed.strategy,
            )

        result = await in_transaction(request, run)
    finally:
        await run_in_threadpool(remove_tree, workdir)
    return ok(result.to_wire())
