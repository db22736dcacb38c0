"""`DioptraFile`: one file to upload, named by its path relative to an upload root."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import BinaryIO


@dataclass
class DioptraFile:
    """A file to upload to the Dioptra API.

    Attributes:
        filename: The file's path relative to the upload root, in POSIX form
            (e.g. "plugins/tasks.py"). It must be normalized and stay inside the root.
        stream: The open binary stream to read the contents from.
        content_type: The MIME type to send, or None to let it be guessed.
    """

    filename: str
    stream: BinaryIO
    content_type: str | None

    def __post_init__(self) -> None:
        problem = _filename_problem(self.filename)
        if problem is not None:
            raise ValueError(f"Invalid filename (reason: {problem}): {self.filename}")


def _filename_problem(filename: str) -> str | None:
    """Why a filename cannot name a file inside an upload root, or None if it can."""
    if not filename:
        return "filename is empty"
    if "\\" in filename or (len(filename) > 1 and filename[1] == ":"):
        return "filename is a Windows path"
    if filename.startswith("/"):
        return "filename is not relative to ./"
    if posixpath.normpath(filename) != filename or filename == ".":
        return "filename is not normalized"
    parts = filename.split("/")
    if parts[0] == "..":
        return "filename is not a sub-directory of ./"
    if any(part and set(part) == {"."} for part in parts):
        return "filename contains a sub-directory name that is all dots"
    return None
