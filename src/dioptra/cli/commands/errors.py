"""How commands fail: one red line and an exit code, or a traceback with `--debug`."""

from __future__ import annotations

import functools
from collections.abc import Callable
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
        return error.message
    if isinstance(error, APIConnectionError):
        return f"{error} (is the server running? `dioptra up` starts one)"
    return str(error)


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
