"""MkDocs hook: writes the generated reference pages at every build, from the code itself.

- ``reference/configuration.md``: every field of the settings objects (``DIOPTRA_*``), and the
  environment variables the commands and the client read;
- ``reference/cli.md``: every ``dioptra`` command, from the Typer app;
- ``reference/python-client.md``: ``dioptra.client``, rendered by mkdocstrings from its
  docstrings (read statically, nothing imported);
- ``reference/rest-api.md``: every endpoint and schema of the server's OpenAPI document.

The pages are not in git: editing them means editing the code they are read from. The page
functions are plain (no MkDocs object), so tests call them too.
"""

from __future__ import annotations

import html
import inspect
import json
import re
import sys
import tempfile
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
if str(SRC) not in sys.path:  # a build from a checkout without an editable install
    sys.path.insert(0, str(SRC))

GENERATED_NOTE = (
    "<!-- Generated at build time by docs/hooks/reference_pages.py from {source}: "
    "edit that, not this page. -->\n\n"
)


# ---------------------------------------------------------------------------------------------
# Markdown helpers


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell (one line, pipes escaped)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def code(text: object) -> str:
    """An inline code span that survives backticks inside ``text``."""
    value = str(text)
    fence = "``" if "`" in value else "`"
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def slug(*parts: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A Markdown table; a column empty in every row is left out."""
    head = list(header)
    body = [[cell(value) for value in row] for row in rows]
    kept = [i for i in range(len(head)) if any(row[i] for row in body)] or list(range(len(head)))
    lines = ["| " + " | ".join(head[i] for i in kept) + " |", "|" + " --- |" * len(kept)]
    lines += ["| " + " | ".join(row[i] for i in kept) + " |" for row in body]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Configuration


def settings_classes() -> list[tuple[str, str, type]]:
    """(title, intro, class) of every settings object read from ``DIOPTRA_*``."""
    from dioptra.server.dispatch.settings import DispatchSettings
    from dioptra.server.settings import Settings
    from dioptra.worker.confinement import ConfinementSettings
    from dioptra.worker.import_learning import PreloadSettings

    return [
        ("Server", "Read by `dioptra up` and `dioptra serve`.", Settings),
        (
            "Job dispatch",
            "How queued jobs reach the processes that run them. Read by the server.",
            DispatchSettings,
        ),
        (
            "Job confinement",
            "What job processes may reach on disk. Read by the server's local runners and by "
            "`dioptra worker`.",
            ConfinementSettings,
        ),
        (
            "Worker preloading",
            "What a worker imports once, in the fork server its job processes are forked from, "
            "so that jobs start with it imported. Read by the server's local runners and by "
            "`dioptra worker`.",
            PreloadSettings,
        ),
    ]


# Variables read outside the settings objects and outside any CLI option (those are listed
# from the commands themselves below).
OTHER_VARIABLES: dict[str, str] = {
    "DIOPTRA_CONFIG_DIR": "The folder where `dioptra login` saves tokens (`credentials.json`) "
    "and where a running `dioptra up` records its address (`server.json`), read by the CLI and "
    "by `connect_json_dioptra_client()`. Default: the operating system's per-user config "
    "folder for `dioptra` (`~/.config/dioptra` on Linux).",
    "DIOPTRA_WORKER_USERNAME": "The account `dioptra worker` logs in as when it has no API "
    "token; Dioptra 1.2 plugins that log in on their own (`dioptra.sdk.utilities.auth_client`) "
    "read it too.",
    "DIOPTRA_WORKER_PASSWORD": "The password of `DIOPTRA_WORKER_USERNAME`.",
    "DIOPTRA_FORK_SERVER_PRELOAD": "Not a setting: what a worker asks its fork server to "
    "import (set by the worker for the fork server it starts; job processes do not see it).",
    "DIOPTRA_MIGRATE_DATABASE_URL": "Not a setting: how `dioptra up`, `serve` and `db upgrade` "
    "hand the database URL to the child process that migrates it (kept off its command line, "
    "where other users of the machine could read a password).",
}


def type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return "one of " + ", ".join(code(value) for value in typing.get_args(annotation))
    if origin in (list, tuple, set, frozenset):
        (item, *_) = typing.get_args(annotation) or (str,)
        return f"JSON list of {type_name(item)}"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(arg) for arg in typing.get_args(annotation))
    names = {bool: "boolean", int: "integer", float: "number", str: "string", Path: "path"}
    if annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation))


def constraints(metadata: Iterable[Any]) -> str:
    symbols = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<"}
    found = []
    for item in metadata:
        for name, symbol in symbols.items():
            value = getattr(item, name, None)
            if value is not None:
                found.append(f"{symbol} {value}")
    return ", ".join(found)


def default_text(field: Any) -> str:
    factory = field.default_factory
    if factory is not None:
        if factory in (list, dict):
            return code("[]" if factory is list else "{}")
        doc = inspect.getdoc(factory) or factory.__name__
        return doc.split("\n\n")[0]
    value = field.default
    if isinstance(value, bool):
        return code(str(value).lower())
    if value == "":
        return "empty"
    return code(value)


def settings_fields() -> Iterator[tuple[str, str, type, Any]]:
    """(env var, field name, class, field) of every settings field."""
    for _, _, cls in settings_classes():
        prefix = cls.model_config.get("env_prefix", "")
        for name, field in cls.model_fields.items():
            yield f"{prefix}{name}".upper(), name, cls, field


def cli_variables() -> dict[str, list[tuple[str, str, str]]]:
    """For each environment variable a CLI option reads: (command, option, help) of each."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for path, command in walk_commands():
        for param in command.params:
            names = [param.envvar] if isinstance(param.envvar, str) else param.envvar or []
            for envvar in names:
                option = "/".join(param.opts)
                found.setdefault(envvar, []).append((" ".join(path), option, param.help or ""))
    return dict(sorted(found.items()))


def configuration_page() -> str:
    parts = [
        "# Configuration\n\n",
        GENERATED_NOTE.format(source="the settings objects and the CLI's options"),
        "Every setting is an environment variable. The server reads them when it starts "
        "(`dioptra up`, `dioptra serve`); options of those commands, such as `--data-dir` and "
        "`--port`, set the same values. Booleans take `true`/`false` (or `1`/`0`); list "
        "settings take JSON, e.g. `DIOPTRA_ALLOWED_HOSTS='[\"dioptra.lab.example\"]'`. "
        "Paths that are not set derive from `DIOPTRA_DATA_DIR`.\n\n",
    ]
    for title, intro, cls in settings_classes():
        parts.append(f"## {title}\n\n{intro}\n\n")
        prefix = cls.model_config.get("env_prefix", "")
        for name, field in cls.model_fields.items():
            envvar = f"{prefix}{name}".upper()
            kind = type_name(field.annotation)
            limits = constraints(field.metadata)
            parts.append(
                f"### `{envvar}` {{ #{slug(envvar)} }}\n\n"
                f"{field.description or ''}\n\n"
                f"- Type: {kind}{f' ({limits})' if limits else ''}\n"
                f"- Default: {default_text(field)}\n\n"
            )
    parts.append(
        "## Command line and client\n\n"
        "Options of `dioptra` commands that an environment variable can give instead (see the "
        "[CLI reference](cli.md)). The Python client reads `DIOPTRA_API` and "
        "`DIOPTRA_API_TOKEN` too, when `connect_json_dioptra_client()` is given no address or "
        "token.\n\n"
    )
    settings_names = {envvar for envvar, *_ in settings_fields()}
    for envvar, uses in cli_variables().items():
        # A server setting that a command's option reads too has its anchor above.
        anchor = slug(envvar, "option") if envvar in settings_names else slug(envvar)
        parts.append(f"### `{envvar}` {{ #{anchor} }}\n\n")
        parts.extend(f"- `{command} {option}`: {text}\n" for command, option, text in uses)
        parts.append("\n")
    parts.append("## Read by the commands, the client and the workers\n\n")
    for envvar, meaning in OTHER_VARIABLES.items():
        parts.append(f"### `{envvar}` {{ #{slug(envvar)} }}\n\n{meaning}\n\n")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# CLI


def cli_root() -> Any:
    from typer.main import get_command

    import dioptra.cli as cli

    cli._register_subcommands()
    return get_command(cli.app)


def walk_commands(
    command: Any = None, path: tuple[str, ...] = ("dioptra",)
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command, depth first, in the order ``--help`` lists them."""
    command = command or cli_root()
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        if not sub.hidden:
            yield from walk_commands(sub, (*path, name))


def help_markdown(text: str) -> str:
    """Click help text as Markdown: ``$ command`` lines of examples become a console block."""
    out: list[str] = []
    example: list[str] = []

    def flush() -> None:
        if example:
            out.extend(["```console", *example, "```", ""])
            example.clear()

    for line in inspect.cleandoc(text).splitlines():
        stripped = line.strip()
        if stripped.startswith("$ "):
            example.append(stripped)
        elif stripped or not example:
            flush()
            out.append(stripped if stripped.startswith("$") else line)
    flush()
    return "\n".join(out).strip() + "\n\n"


ENV_VAR_NOTE = re.compile(r"\s*\[env var: [^\]]*\]")


def cli_page() -> str:
    parts = [
        "# CLI\n\n",
        GENERATED_NOTE.format(source="the `dioptra` command's Typer app"),
        "Every `dioptra` command, with its arguments and options, as `dioptra COMMAND --help` "
        "prints them. Options of `dioptra` itself (`--api`, `--token`, ...) come before the "
        "command: `dioptra --api https://dioptra.example.org queues list`.\n\n",
    ]
    for path, command in walk_commands():
        name = " ".join(path)
        level = "#" * min(len(path) + 1, 4)
        ctx = command.context_class(command, info_name=path[-1])
        usage = " ".join([name, *command.collect_usage_pieces(ctx)])
        parts.append(f"{level} `{name}` {{ #{slug(*path)} }}\n\n")
        parts.append(f"```text\n{usage}\n```\n\n")
        if command.help:
            parts.append(help_markdown(command.help))
        rows = []
        for param in command.params:
            if param.hidden or param.name == "help":
                continue
            synopsis, help_text = param.get_help_record(ctx) or ("", "")
            help_text = ENV_VAR_NOTE.sub("", help_text)  # the Variable column says it
            envvars = [param.envvar] if isinstance(param.envvar, str) else param.envvar or []
            envvar = ", ".join(envvars)
            rows.append((code(synopsis), help_text, code(envvar) if envvar else ""))
        if rows:
            parts.append(table(["Argument or option", "Meaning", "Variable"], rows) + "\n")
        subcommands = getattr(command, "commands", {})
        if subcommands and len(path) > 1:
            listed = ", ".join(
                f"[`{sub}`](#{slug(*path, sub)})"
                for sub, child in subcommands.items()
                if not child.hidden
            )
            parts.append(f"Commands: {listed}.\n\n")
        if command.epilog:
            parts.append(help_markdown(command.epilog))
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Python client

CLIENT_MODULES_FIRST = ["client", "auth", "users", "groups", "queues", "tags", "plugins"]
# Plumbing under the public classes: documented by what they do for the classes above.
CLIENT_INTERNAL = {"base", "sessions", "sse", "__version__", "__init__"}


def client_modules() -> list[str]:
    found = {path.stem for path in (SRC / "dioptra" / "client").glob("*.py")} - CLIENT_INTERNAL
    first = [name for name in CLIENT_MODULES_FIRST if name in found]
    return first + sorted(found - set(first))


def python_client_page() -> str:
    parts = [
        "# Python client\n\n",
        GENERATED_NOTE.format(source="the docstrings of `dioptra.client`"),
        "`dioptra.client` speaks the REST API with the same classes and methods as the "
        "published `dioptra-platform` 1.2.2 client, so scripts written for one run with the "
        "other. Start from `connect_json_dioptra_client()` (answers as dicts, errors as "
        "exceptions) or `connect_response_dioptra_client()` (raw `httpx` responses); with no "
        "address it finds the `dioptra up` running on this machine and the token `dioptra "
        "login` saved.\n\n",
        "```python\n"
        "from dioptra.client import connect_json_dioptra_client\n\n"
        "client = connect_json_dioptra_client()\n"
        "print(client.queues.get()['data'])\n"
        "```\n\n",
    ]
    for module in client_modules():
        parts.append(
            f"::: dioptra.client.{module}\n"
            "    options:\n"
            "      heading_level: 2\n"
            "      show_root_full_path: true\n\n"
        )
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# REST API


def openapi_document() -> dict[str, Any]:
    from dioptra.server.app import create_app
    from dioptra.server.settings import Settings

    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(data_dir=Path(data_dir), migrate_on_start=False)
        return create_app(settings).openapi()


def schema_anchor(name: str) -> str:
    return slug("schema", name)


def schema_type(schema: dict[str, Any]) -> str:
    """A schema in one line: ``Queue``, ``string or null``, ``list of Tag``..."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{schema_anchor(name)})"
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            joiner = " and " if key == "allOf" else " or "
            return joiner.join(schema_type(option) for option in schema[key])
    if "const" in schema:
        return code(json.dumps(schema["const"]))
    if "enum" in schema:
        return "one of " + ", ".join(code(value) for value in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        return f"list of {schema_type(schema.get('items', {}))}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"map of {schema_type(schema['additionalProperties'])}"
    if isinstance(kind, list):
        return " or ".join(kind)
    text = kind or "any"
    if schema.get("format"):
        text += f" ({schema['format']})"
    return text


def schema_limits(schema: dict[str, Any]) -> str:
    words = {
        "minimum": "≥",
        "maximum": "≤",
        "exclusiveMinimum": ">",
        "exclusiveMaximum": "<",
        "minLength": "length ≥",
        "maxLength": "length ≤",
        "minItems": "items ≥",
        "maxItems": "items ≤",
        "pattern": "matches",
    }
    found = [f"{word} {code(schema[key])}" for key, word in words.items() if key in schema]
    if "default" in schema:
        found.append(f"default {code(json.dumps(schema['default']))}")
    return "; ".join(found)


def schema_description(schema: dict[str, Any]) -> str:
    parts = [schema.get("description", "")]
    limits = schema_limits(schema)
    if limits:
        parts.append(f"({limits})")
    return " ".join(part for part in parts if part)


def body_line(content: dict[str, Any]) -> str:
    return "; ".join(
        f"{code(media)}: {schema_type(value.get('schema', {}))}" for media, value in content.items()
    )


def operation_markdown(method: str, path: str, operation: dict[str, Any]) -> str:
    anchor = slug("op", method, path)
    parts = [f"### {operation.get('summary', '')} {{ #{anchor} }}\n\n"]
    parts.append(f"```http\n{method.upper()} {path}\n```\n\n")
    if operation.get("description"):
        parts.append(operation["description"].strip() + "\n\n")
    params = operation.get("parameters", [])
    if params:
        rows = (
            (
                code(param["name"]),
                param["in"],
                schema_type(param.get("schema", {})),
                "yes" if param.get("required") else "no",
                param.get("description") or schema_description(param.get("schema", {})),
            )
            for param in params
        )
        parts.append(table(["Parameter", "In", "Type", "Required", "Meaning"], rows) + "\n")
    body = operation.get("requestBody")
    if body:
        required = "" if body.get("required") else " (optional)"
        parts.append(f"**Request body**{required}: {body_line(body.get('content', {}))}\n\n")
    rows = []
    for status, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        rows.append((code(status), response.get("description", ""), body_line(content)))
    parts.append(table(["Status", "Meaning", "Body"], rows) + "\n")
    return "".join(parts)


def schema_markdown(name: str, schema: dict[str, Any]) -> str:
    parts = [f"### {name} {{ #{schema_anchor(name)} }}\n\n"]
    if schema.get("description"):
        parts.append(html.unescape(schema["description"]).strip() + "\n\n")
    properties = schema.get("properties")
    if properties:
        required = set(schema.get("required", []))
        rows = (
            (
                code(prop),
                schema_type(spec),
                "yes" if prop in required else "no",
                schema_description(spec),
            )
            for prop, spec in properties.items()
        )
        parts.append(table(["Field", "Type", "Required", "Meaning"], rows) + "\n")
    else:
        parts.append(f"Type: {schema_type(schema)}\n\n")
    return "".join(parts)


def rest_api_page(document: dict[str, Any] | None = None) -> str:
    document = document or openapi_document()
    info = document["info"]
    parts = [
        "# REST API\n\n",
        GENERATED_NOTE.format(source="the server's OpenAPI document"),
        f"{info.get('description', '')} This page is the server's OpenAPI document "
        f"(version {info['version']}, OpenAPI {document['openapi']}) made readable; a running "
        "server serves the document itself at `/api/v1/openapi.json` and an interactive "
        "explorer at `/api/docs`.\n\n"
        "Requests and answers are JSON. Sign in with `POST /api/v1/auth/login` (a session "
        "cookie) or send a personal API token as `Authorization: Bearer <token>`.\n\n",
    ]
    by_tag: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            tag = (operation.get("tags") or ["other"])[0]
            by_tag.setdefault(tag, []).append((method, path, operation))
    for tag in sorted(by_tag):
        parts.append(f"## {tag} {{ #tag-{slug(tag)} }}\n\n")
        rows = (
            (
                code(f"{method.upper()} {path}"),
                f"[{op.get('summary', '')}](#{slug('op', method, path)})",
            )
            for method, path, op in by_tag[tag]
        )
        parts.append(table(["Endpoint", "What it does"], rows) + "\n")
        parts.extend(operation_markdown(method, path, op) for method, path, op in by_tag[tag])
    parts.append("## Schemas\n\n")
    schemas = document.get("components", {}).get("schemas", {})
    parts.extend(schema_markdown(name, schemas[name]) for name in sorted(schemas))
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# The hook

PAGES: dict[str, Callable[[], str]] = {
    "reference/configuration.md": configuration_page,
    "reference/cli.md": cli_page,
    "reference/python-client.md": python_client_page,
    "reference/rest-api.md": rest_api_page,
}


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for uri, page in PAGES.items():
        files.append(File.generated(config, uri, content=page()))
    return files
