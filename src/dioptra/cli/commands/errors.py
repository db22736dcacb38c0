"""How commands fail: a red message (the problem, then one line per detail) and an exit
code, or a traceback as well with `--debug`."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from http import HTTPStatus
from typing import Final, NoReturn, ParamSpec, TypeVar

import typer

from dioptra.cli.commands.options import global_options
from dioptra.cli.output import print_error, stderr_console
from dioptra.client import (
    APIConnectionError,
    DioptraClientError,
    StatusCodeError,
    UnauthorizedError,
)

EXIT_FAILED: Final = 1  # the server refused, the job failed, a file could not be written
EXIT_USAGE: Final = 2  # the command line is wrong (Click uses 2 for its own usage errors)
EXIT_INTERRUPTED: Final = 130  # Ctrl-C, the shell convention

P = ParamSpec("P")
R = TypeVar("R")


class CliError(Exception):
    """A failure to report in one line; `code` is the exit status."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class UsageProblem(CliError):
    """The arguments are wrong in a way only the command can tell (exit status 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, EXIT_USAGE)


def debug_enabled() -> bool:
    """Whether `--debug` was given to the root command."""
    return global_options().debug


def describe_client_error(error: DioptraClientError) -> str:
    """The server's message for a refused request, with a hint where one helps."""
    if isinstance(error, UnauthorizedError):
        return (
            f"{error.message} (log in with `dioptra login`, or pass --token or "
            "--username/--password)"
        )
    if isinstance(error, StatusCodeError):
        return "\n".join([refusal_headline(error), *refusal_problems(error)])
    if isinstance(error, APIConnectionError):
        return f"{error} (is the server running? `dioptra up` starts one)"
    return str(error)


# Headlines for errors whose `message` is not for people (Dioptra 1.2 puts a dict's repr
# in an entrypoint validation error's message; `detail.reason` holds the same findings).
REFUSAL_HEADLINES: Final = {
    "EntrypointValidationError": "The entrypoint's task graph does not validate:",
}


def refusal_headline(error: StatusCodeError) -> str:
    """The server's message without the status phrase it starts with ("Bad Request - ")."""
    prefix, separator, rest = error.message.partition(" - ")
    message = rest if separator and prefix == _status_phrase(error.status_code) else error.message
    if message.startswith(("{", "[")):
        return REFUSAL_HEADLINES.get(error.error or "", "The server refused the request:")
    return message


def _status_phrase(status_code: int) -> str | None:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:  # a code the standard library does not name
        return None


def refusal_problems(error: StatusCodeError) -> list[str]:
    """The server's structured detail, one problem a line (never a repr): the lines of
    `detail.reason` (text, a list, or lists by category), or a request's field errors."""
    detail = error.detail
    if isinstance(detail, dict):
        detail = detail.get("reason")
    if isinstance(detail, str):
        return [line for line in detail.splitlines() if line.strip()]
    if isinstance(detail, dict):
        detail = [line for key, items in detail.items() for line in _reason_lines(key, items)]
    if isinstance(detail, list):
        return [_problem_text(item) for item in detail]
    return []


# An entrypoint finding as Dioptra 1.2 words it: "semantic.error: [Swap combination {}] step ...".
# With no swaps the combination says nothing, so it is dropped (as the web UI does).
_NO_SWAPS: Final = re.compile(r"^(\w+\.(?:error|warning): )\[Swap combination \{\}\] ")


def _reason_lines(category: str, items: object) -> list[object]:
    """One category of `detail.reason`: its findings, or for `missing_global_params` (bare
    names, each also reported as a finding of its own) one line that says what they are."""
    found = _as_list(items)
    if category == "missing_global_params":
        if not found:
            return []
        names = ", ".join(str(name) for name in found)
        return [f"parameters the graph uses but the entrypoint does not declare: {names}"]
    return [_NO_SWAPS.sub(r"\1", item) if isinstance(item, str) else item for item in found]


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _problem_text(item: object) -> str:
    if isinstance(item, dict) and "msg" in item:  # a request field error: {loc, msg}
        where = ".".join(str(part) for part in item.get("loc") or ())
        return f"{where}: {item['msg']}" if where else str(item["msg"])
    return str(item)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turns the errors a user can cause into one red line and an exit status.

    Keeps the command's signature (via `functools.wraps`), so Typer still sees its
    parameters. With `--debug` the traceback is printed as well.
    """

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            _fail("Interrupted.", EXIT_INTERRUPTED)
        except CliError as error:
            _fail(error.message, error.code)
        except DioptraClientError as error:
            _fail(describe_client_error(error), EXIT_FAILED)
        except OSError as error:
            _fail(_os_error_text(error), EXIT_FAILED)

    return wrapper


def _fail(message: str, code: int) -> NoReturn:
    if debug_enabled():
        stderr_console().print_exception(show_locals=False)
    print_error(message)
    raise typer.Exit(code)


def _os_error_text(error: OSError) -> str:
    if error.filename is not None and error.strerror:
        return f"{error.strerror}: {error.filename}"
    return str(error)
