"""Helpers for callers: bundle file types and choosing files to upload."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from .files import DioptraFile


class FileTypes(enum.Enum):
    """Archive formats the API can bundle files into; `suffix` is the file extension."""

    TAR_GZ = "tar_gz"
    ZIP = "zip"

    @property
    def suffix(self) -> str:
        return {"tar_gz": ".tar.gz", "zip": ".zip"}[self.value]


def select_files_in_directory(
    dir_path: str | Path,
    recursive: bool = False,
    include_pattern: str | re.Pattern[str] | None = None,
    follow_symlinks: bool = False,
) -> list[DioptraFile]:
    """Open the regular files of a directory for upload, named by their relative paths.

    Args:
        dir_path: The root directory.
        recursive: Also select files in sub-directories.
        include_pattern: Only select files whose name matches this regular expression
            (matched from the start of the name). None selects every file.
        follow_symlinks: Follow symbolic links whose targets stay inside the root
            (directory links only when `recursive`). Links are skipped otherwise.

    Returns:
        The selected files, sorted by relative path. The caller owns their streams.

    Raises:
        FileNotFoundError: If `dir_path` does not exist.
        NotADirectoryError: If `dir_path` is not a directory.
        ValueError: If a followed link leaves the root or forms a cycle.
    """
    root = Path(dir_path)
    if not root.exists():
        raise FileNotFoundError(f"Invalid directory path (reason: does not exist): {root}")
    if not root.is_dir():
        raise NotADirectoryError(f"Invalid directory path (reason: not a directory): {root}")
    pattern = re.compile(include_pattern) if include_pattern is not None else None
    resolved_root = root.resolve(strict=True)
    selection = _walk(resolved_root, resolved_root, Path(), recursive, pattern, follow_symlinks)

    with ExitStack() as opened:
        files = [
            DioptraFile(
                filename=relative.as_posix(),
                stream=opened.enter_context(target.open("rb")),
                content_type=None,
            )
            for relative, target in sorted(selection)
        ]
        opened.pop_all()  # Hand the streams to the caller only once all opened.
    return files


def _walk(
    root: Path,
    directory: Path,
    relative_dir: Path,
    recursive: bool,
    pattern: re.Pattern[str] | None,
    follow_symlinks: bool,
    ancestors: frozenset[Path] = frozenset(),
) -> Iterator[tuple[Path, Path]]:
    """Yield (relative path, resolved target) for each selected file under `directory`."""
    if directory in ancestors:
        raise ValueError(f"Directory symlink cycle: {relative_dir}")
    ancestors = ancestors | {directory}
    for entry in sorted(directory.iterdir()):
        if entry.is_symlink() and not follow_symlinks:
            continue
        relative = relative_dir / entry.name
        is_dir = entry.is_dir()
        if is_dir and not recursive:
            continue
        if not is_dir and pattern is not None and not pattern.match(entry.name):
            continue
        try:
            target = entry.resolve(strict=True)
        except (RuntimeError, OSError) as err:
            raise ValueError(f"Unresolvable path (symlink cycle or dangling): {relative}") from err
        if not target.is_relative_to(root):
            raise ValueError(f"Selected path escapes root directory: {relative}")
        if is_dir:
            yield from _walk(root, target, relative, recursive, pattern, follow_symlinks, ancestors)
        elif target.is_file():
            yield relative, target


def select_one_or_more_files(
    file_paths: list[str | Path], renames: dict[str | Path, str] | None = None
) -> list[DioptraFile]:
    """Open files for upload under their base names (flattened into one directory).

    Args:
        file_paths: The files to open.
        renames: Maps some of `file_paths` (matched exactly, unresolved) to the name
            to upload them under, e.g. to make names unique.

    Returns:
        The opened files. The caller owns their streams.

    Raises:
        ValueError: If two files would be uploaded under the same name.
        OSError: If a file cannot be opened.
    """
    new_names = {Path(original): name for original, name in (renames or {}).items()}
    chosen: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for file_path in map(Path, file_paths):
        name = new_names.get(file_path, file_path.name)
        if name in seen:
            advice = (
                "renamed filename is not unique"
                if file_path in new_names
                else ("filename is not unique, try renaming it")
            )
            raise ValueError(f"Invalid filename (reason: {advice}): {name}")
        seen.add(name)
        chosen.append((file_path, name))

    with ExitStack() as opened:
        files = []
        for file_path, name in chosen:
            try:
                stream = opened.enter_context(file_path.open("rb"))
            except OSError as err:
                raise OSError(f"File opening failed (reason: {err.strerror}): {file_path}") from err
            files.append(DioptraFile(filename=name, stream=stream, content_type=None))
        opened.pop_all()
    return files


def delimited_values(
    kv_dict: dict[str, str] | None, equality: str = ":", separator: str = ","
) -> str:
    """Render a mapping as "k1:v1,k2:v2" (the delimiters are configurable)."""
    return separator.join(f"{key}{equality}{value}" for key, value in (kv_dict or {}).items())


def download_path(
    output_dir: str | Path | None, file_stem: str, file_type: FileTypes | None
) -> Path:
    """Where a download is saved: `<output_dir>/<file_stem><suffix of file_type>`.

    With no `output_dir` the path is relative to the working directory. The suffix is
    appended (not substituted), so a stem such as "run.1" keeps its dot.
    """
    name = file_stem if file_type is None else f"{file_stem}{file_type.suffix}"
    return Path(name) if output_dir is None else Path(output_dir, name)
