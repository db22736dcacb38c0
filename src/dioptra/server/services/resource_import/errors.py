"""The errors of a resource import (their class names are Dioptra 1.2's)."""

from __future__ import annotations

from dioptra.server.services.core.errors import DioptraError


class ImportFailedError(DioptraError):
    """The import source or its config is unusable (400; ``detail.reason`` says why)."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message, {"reason": reason} if reason else {})
        self.reason = reason


class GitError(DioptraError):
    """The repository could not be fetched (400; Dioptra 1.2 answers 500)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Failed to download repository archive: {reason}")


class UnexpectedImportError(DioptraError):
    """Something other than the input failed during an import (500; the cause is logged)."""

    def __init__(self) -> None:
        super().__init__("Resource import failed unexpectedly.")
