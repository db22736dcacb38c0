"""Safe extraction of tar, tar.gz (and other compressed tars) and zip archives.

For archives that come from users (plugin bundles, imports). Every member is checked
before anything is written: no absolute paths, no `..`, no backslashes or control
characters, no devices, fifos or sockets, no duplicates, links only to places inside the
destination, and member count and total size under the caller's limits. Extraction goes
to a temporary folder beside the destination, which is renamed into place only when all
went well, so a rejected archive leaves nothing behind.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import stat
import tarfile
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from dioptra.storage.errors import (
    ArchiveError,
    ArchiveTooLargeError,
    StorageError,
    UnsafeArchiveError,
)
from dioptra.storage.keys import TEMP_PREFIX

MemberKind = Literal["file", "dir", "symlink", "hardlink"]
_COPY_CHUNK = 1024 * 1024
_MAX_LINK_TARGET = 4096
_DRIVE = re.compile(r"^[A-Za-z]:")
_UNIX = 3  # ZipInfo.create_system of archives made on Unix


@dataclass(frozen=True)
class _Member:
    name: str  # normalised relative path
    kind: MemberKind
    size: int
    executable: bool
    link_target: str = ""
    source: object = None  # the TarInfo or ZipInfo it came from


def normalize_member_name(raw: str) -> str | None:
    """The safe relative path of an archive member, None for the archive's root entry.

    Raises `UnsafeArchiveError` for absolute paths, drive letters, `..`, backslashes and
    control characters. `./` prefixes and doubled slashes are tolerated.
    """
    for position, char in enumerate(raw):
        if unicodedata.category(char) in ("Cc", "Cs"):
            raise UnsafeArchiveError(f"member {raw!r}: control character at position {position}")
    if "\\" in raw:
        raise UnsafeArchiveError(f"member {raw!r}: backslashes are not allowed in member names")
    if raw.startswith("/") or _DRIVE.match(raw):
        raise UnsafeArchiveError(f"member {raw!r}: absolute paths are not allowed")
    parts = [part for part in raw.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise UnsafeArchiveError(f"member {raw!r}: '..' would leave the destination folder")
    if any(part.startswith(TEMP_PREFIX) for part in parts):
        raise UnsafeArchiveError(f"member {raw!r}: names starting with {TEMP_PREFIX} are reserved")
    return "/".join(parts) or None


def _check_symlink_target(name: str, target: str) -> None:
    if not target or "\0" in target:
        raise UnsafeArchiveError(f"symlink {name!r} has an empty or invalid target")
    if target.startswith("/") or _DRIVE.match(target) or "\\" in target:
        raise UnsafeArchiveError(f"symlink {name!r} points at the absolute path {target!r}")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
    if resolved == ".." or resolved.startswith("../"):
        raise UnsafeArchiveError(f"symlink {name!r} points outside the destination: {target!r}")


class _TarReader:
    def __init__(self, path: Path) -> None:
        self._archive = tarfile.open(path, "r:*")  # noqa: SIM115 - closed by close()

    def close(self) -> None:
        self._archive.close()

    def members(self, max_members: int) -> Iterator[_Member]:
        for count, info in enumerate(self._archive, start=1):
            if count > max_members:
                raise UnsafeArchiveError(f"the archive has more than {max_members} members")
            name = normalize_member_name(info.name)
            if name is None:
                continue
            if info.isreg():
                yield _Member(name, "file", info.size, bool(info.mode & 0o100), source=info)
            elif info.isdir():
                yield _Member(name, "dir", 0, False, source=info)
            elif info.issym():
                yield _Member(name, "symlink", 0, False, info.linkname, source=info)
            elif info.islnk():
                target = normalize_member_name(info.linkname)
                yield _Member(name, "hardlink", 0, False, target or "", source=info)
            else:
                raise UnsafeArchiveError(
                    f"member {info.name!r} is a device, fifo or other special file"
                )

    def open(self, member: _Member) -> IO[bytes]:
        assert isinstance(member.source, tarfile.TarInfo)
        stream = self._archive.extractfile(member.source)
        if stream is None:
            raise ArchiveError(f"member {member.name!r} has no readable data")
        return stream


class _ZipReader:
    def __init__(self, path: Path) -> None:
        self._archive = zipfile.ZipFile(path)

    def close(self) -> None:
        self._archive.close()

    def members(self, max_members: int) -> Iterator[_Member]:
        infos = self._archive.infolist()
        if len(infos) > max_members:
            raise UnsafeArchiveError(f"the archive has more than {max_members} members")
        for info in infos:
            name = normalize_member_name(info.filename)
            if name is None:
                continue
            if info.flag_bits & 0x1:
                raise ArchiveError(f"member {info.filename!r} is encrypted")
            # Only zips made on Unix carry a file mode; the file-type bits may be 0.
            mode = info.external_attr >> 16 if info.create_system == _UNIX else 0
            file_type = stat.S_IFMT(mode)
            if info.is_dir() or file_type == stat.S_IFDIR:
                yield _Member(name, "dir", 0, False, source=info)
            elif file_type == stat.S_IFLNK:
                if info.file_size > _MAX_LINK_TARGET:
                    raise UnsafeArchiveError(f"symlink {name!r} has an oversized target")
                target = self._archive.read(info).decode("utf-8", errors="replace")
                yield _Member(name, "symlink", 0, False, target, source=info)
            elif file_type not in (0, stat.S_IFREG):
                raise UnsafeArchiveError(
                    f"member {info.filename!r} is a device, fifo or other special file"
                )
            else:
                yield _Member(name, "file", info.file_size, bool(mode & 0o100), source=info)

    def open(self, member: _Member) -> IO[bytes]:
        assert isinstance(member.source, zipfile.ZipInfo)
        return self._archive.open(member.source)


_READ_ERRORS = (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError)


def _open_reader(path: Path) -> _TarReader | _ZipReader:
    if not path.is_file():
        raise ArchiveError(f"archive {path} does not exist or is not a file")
    try:
        if zipfile.is_zipfile(path):
            return _ZipReader(path)
        if tarfile.is_tarfile(path):
            return _TarReader(path)
    except _READ_ERRORS as error:
        raise ArchiveError(f"cannot read archive {path.name}: {error}") from None
    raise ArchiveError(f"{path.name} is not a tar, tar.gz or zip archive")


def _plan(
    reader: _TarReader | _ZipReader, *, max_total_bytes: int, max_members: int
) -> list[_Member]:
    """Read and check every member's header before anything is written."""
    members: list[_Member] = []
    seen: dict[str, MemberKind] = {}
    declared = 0
    for member in reader.members(max_members):
        if member.name in seen:
            raise UnsafeArchiveError(f"member {member.name!r} appears more than once")
        if member.kind == "symlink":
            _check_symlink_target(member.name, member.link_target)
        if member.kind == "hardlink" and seen.get(member.link_target) != "file":
            raise UnsafeArchiveError(
                f"hard link {member.name!r} must point at an earlier file of the archive"
            )
        declared += member.size
        if declared > max_total_bytes:
            raise ArchiveTooLargeError(f"the archive unpacks to more than {max_total_bytes} bytes")
        seen[member.name] = member.kind
        members.append(member)
    return members


class _Extraction:
    """Writes checked members into a staging folder, never through a symlink."""

    def __init__(self, staging: Path, reader: _TarReader | _ZipReader, max_total_bytes: int):
        self._root = os.path.realpath(staging)
        self._reader = reader
        self._budget = max_total_bytes
        self._links: list[str] = []

    def _path(self, name: str) -> str:
        return os.path.join(self._root, *name.split("/"))

    def _target(self, name: str) -> str:
        """The member's path, its parent folders made one by one, none of them a link."""
        current = self._root
        for part in name.split("/")[:-1]:
            current = os.path.join(current, part)
            if os.path.islink(current):
                raise UnsafeArchiveError(f"member {name!r} would be written through a symlink")
            if not os.path.isdir(current):
                os.mkdir(current)
        target = self._path(name)
        if os.path.islink(target):
            raise UnsafeArchiveError(f"member {name!r} would replace a symlink")
        return target

    def write(self, member: _Member) -> None:
        target = self._target(member.name)
        if member.kind == "dir":
            os.makedirs(target, exist_ok=True)
        elif member.kind == "symlink":
            os.symlink(member.link_target, target)
            self._links.append(member.name)
        elif member.kind == "hardlink":
            os.link(self._path(member.link_target), target, follow_symlinks=False)
        else:
            self._copy(member, target)

    def _copy(self, member: _Member, target: str) -> None:
        with self._reader.open(member) as source, open(target, "xb") as sink:
            while chunk := source.read(_COPY_CHUNK):
                self._budget -= len(chunk)
                if self._budget < 0:
                    raise ArchiveTooLargeError("the archive unpacks to more bytes than allowed")
                sink.write(chunk)
        os.chmod(target, 0o755 if member.executable else 0o644)

    def check_links(self) -> None:
        """Links are checked once all exist: a later link can redirect an earlier one."""
        for name in self._links:
            resolved = os.path.realpath(self._path(name))
            if resolved != self._root and not resolved.startswith(self._root + os.sep):
                raise UnsafeArchiveError(f"symlink {name!r} resolves outside the destination")


def extract_archive(
    archive_path: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    *,
    max_total_bytes: int,
    max_members: int,
) -> list[str]:
    """Unpack a tar (optionally gz/bz2/xz-compressed) or zip archive into `dest`.

    `dest` must not exist or be an empty folder. Returns the relative paths of the files
    and links extracted, sorted. Raises `UnsafeArchiveError` for a dangerous member or a
    limit exceeded, `ArchiveError` for an unreadable archive; `dest` is then untouched.
    """
    archive = Path(archive_path)
    destination = Path(dest)
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise StorageError(f"cannot extract into {destination}: it exists and is not empty")
    reader = _open_reader(archive)
    staging = destination.parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    try:
        members = _plan(reader, max_total_bytes=max_total_bytes, max_members=max_members)
        staging.mkdir(parents=True)
        extraction = _Extraction(staging, reader, max_total_bytes)
        for member in members:
            extraction.write(member)
        extraction.check_links()
        os.replace(staging, destination)
    except ArchiveError:
        raise
    except _READ_ERRORS as error:
        raise ArchiveError(f"cannot extract {archive.name}: {error}") from None
    finally:
        reader.close()
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(member.name for member in members if member.kind != "dir")
