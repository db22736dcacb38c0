"""Safe archive extraction: good archives unpack; every kind of unsafe one is refused."""

from __future__ import annotations

import dataclasses
import io
import os
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from pathlib import Path

import pytest

from dioptra.storage import ArchiveError, StorageError, UnsafeArchiveError, extract, extract_archive

LIMITS = {"max_total_bytes": 1 << 20, "max_members": 50}

TarEntry = tuple[str, str, bytes | str]  # (name, kind, data or link target)


def make_tar(path: Path, entries: list[TarEntry], mode: str = "w:gz") -> Path:
    """kind: file, exec, dir, sym, hard, chr, fifo."""
    with tarfile.open(path, mode) as archive:  # type: ignore[call-overload]
        for name, kind, payload in entries:
            info = tarfile.TarInfo(name)
            data = b""
            if kind in ("file", "exec"):
                data = payload if isinstance(payload, bytes) else payload.encode()
                info.size = len(data)
                info.mode = 0o755 if kind == "exec" else 0o644
            elif kind == "dir":
                info.type = tarfile.DIRTYPE
            elif kind == "sym":
                info.type, info.linkname = tarfile.SYMTYPE, str(payload)
            elif kind == "hard":
                info.type, info.linkname = tarfile.LNKTYPE, str(payload)
            elif kind == "chr":
                info.type, info.devmajor, info.devminor = tarfile.CHRTYPE, 1, 3
            elif kind == "fifo":
                info.type = tarfile.FIFOTYPE
            archive.addfile(info, io.BytesIO(data) if data else None)
    return path


def make_zip(path: Path, entries: list[tuple[str, bytes, int | None]]) -> Path:
    """(name, data, unix mode or None)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name)
            if mode is not None:
                info.external_attr = mode << 16
            archive.writestr(info, data)
    return path


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(name for name in os.listdir(tmp_path) if name.startswith(".dioptra-tmp-"))


# -- good archives -----------------------------------------------------------------------


def test_tar_gz_with_folders_links_and_exec_bits(tmp_path: Path) -> None:
    archive = make_tar(
        tmp_path / "bundle.tar.gz",
        [
            ("./", "dir", ""),
            ("./pkg", "dir", ""),
            ("./pkg/__init__.py", "file", "X = 1\n"),
            ("./pkg/run.sh", "exec", "#!/bin/sh\n"),
            ("./pkg/alias.py", "sym", "__init__.py"),
            ("./pkg/copy.py", "hard", "pkg/__init__.py"),
            ("./top_link", "sym", "pkg"),
        ],
    )
    dest = tmp_path / "out"
    names = extract_archive(archive, dest, **LIMITS)
    assert names == ["pkg/__init__.py", "pkg/alias.py", "pkg/copy.py", "pkg/run.sh", "top_link"]
    assert (dest / "pkg" / "alias.py").read_text() == "X = 1\n"
    assert os.readlink(dest / "pkg" / "alias.py") == "__init__.py"
    assert (dest / "pkg" / "copy.py").read_text() == "X = 1\n"
    assert os.stat(dest / "pkg" / "run.sh").st_mode & 0o777 == 0o755
    assert os.stat(dest / "pkg" / "__init__.py").st_mode & 0o777 == 0o644
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("mode", ["w", "w:bz2", "w:xz"])
def test_plain_and_other_compressed_tars(tmp_path: Path, mode: str) -> None:
    archive = make_tar(tmp_path / "a.tar", [("a/b.txt", "file", "b")], mode)
    assert extract_archive(archive, tmp_path / "out", **LIMITS) == ["a/b.txt"]


def test_zip_with_folders(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "bundle.zip",
        [("pkg/", b"", 0o40755), ("pkg/mod.py", b"print(1)\n", 0o100644), ("top.txt", b"t", None)],
    )
    dest = tmp_path / "out"
    assert extract_archive(archive, dest, **LIMITS) == ["pkg/mod.py", "top.txt"]
    assert (dest / "pkg" / "mod.py").read_bytes() == b"print(1)\n"


def test_existing_empty_destination_is_fine(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", [("x.txt", b"x", None)])
    (tmp_path / "out").mkdir()
    extract_archive(archive, tmp_path / "out", **LIMITS)
    assert (tmp_path / "out" / "x.txt").read_bytes() == b"x"


# -- unsafe archives ---------------------------------------------------------------------

UNSAFE_TARS: list[tuple[str, list[TarEntry], str]] = [
    ("absolute", [("/etc/cron.d/evil", "file", "x")], "absolute paths"),
    ("dot-dot", [("../evil.txt", "file", "x")], "'..' would leave"),
    ("nested dot-dot", [("a/b/../../../evil", "file", "x")], "'..' would leave"),
    ("backslash", [("a\\..\\evil", "file", "x")], "backslashes"),
    ("control char", [("a\x01b", "file", "x")], "control character"),
    ("drive letter", [("C:/evil", "file", "x")], "absolute paths"),
    ("reserved name", [(".dioptra-tmp-x/y", "file", "x")], "reserved"),
    ("absolute symlink", [("l", "sym", "/etc/passwd")], "absolute path"),
    ("escaping symlink", [("a/l", "sym", "../../etc")], "outside the destination"),
    ("symlink chain", [("s", "sym", "."), ("t", "sym", "s/..")], "resolves outside"),
    (
        "write through symlink",
        [("d", "dir", ""), ("l", "sym", "d"), ("l/x", "file", "x")],
        "through a symlink",
    ),
    ("file over symlink", [("l", "sym", "x"), ("l", "file", "x")], "more than once"),
    ("hard link outside", [("h", "hard", "../../etc/passwd")], "'..' would leave"),
    ("hard link to nothing", [("h", "hard", "missing.txt")], "earlier file"),
    ("hard link to a folder", [("d", "dir", ""), ("h", "hard", "d")], "earlier file"),
    ("character device", [("dev/null2", "chr", "")], "device, fifo"),
    ("fifo", [("pipe", "fifo", "")], "device, fifo"),
    ("duplicate", [("a.txt", "file", "1"), ("./a.txt", "file", "2")], "more than once"),
    ("oversize", [("big.bin", "file", b"\0" * ((1 << 20) + 1))], "more than 1048576 bytes"),
    (
        "oversize total",
        [("a", "file", b"\0" * 600_000), ("b", "file", b"\0" * 600_000)],
        "more than 1048576 bytes",
    ),
    ("too many members", [(f"f{i}", "file", "x") for i in range(51)], "more than 50 members"),
]


@pytest.mark.parametrize(
    ("entries", "reason"),
    [pytest.param(entries, reason, id=name) for name, entries, reason in UNSAFE_TARS],
)
def test_unsafe_tar_is_refused_and_leaves_nothing(
    tmp_path: Path, entries: list[TarEntry], reason: str
) -> None:
    archive = make_tar(tmp_path / "evil.tar.gz", entries)
    with pytest.raises(UnsafeArchiveError, match=reason):
        extract_archive(archive, tmp_path / "out", **LIMITS)
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []
    assert not (tmp_path.parent / "evil.txt").exists()


UNSAFE_ZIPS: list[tuple[str, list[tuple[str, bytes, int | None]], str]] = [
    ("absolute", [("/tmp/evil", b"x", None)], "absolute paths"),
    ("dot-dot", [("../../evil", b"x", None)], "'..' would leave"),
    ("backslash", [("..\\..\\evil.txt", b"x", None)], "backslashes"),
    ("symlink out", [("link", b"../../etc/passwd", 0o120777)], "outside the destination"),
    ("absolute symlink", [("link", b"/etc/passwd", 0o120777)], "absolute path"),
    ("fifo", [("pipe", b"", 0o010644)], "device, fifo"),
    ("duplicate", [("a", b"1", None), ("a", b"2", None)], "more than once"),
    ("oversize", [("z", b"\0" * ((1 << 20) + 1), None)], "more than 1048576 bytes"),
]


@pytest.mark.parametrize(
    ("entries", "reason"),
    [pytest.param(entries, reason, id=name) for name, entries, reason in UNSAFE_ZIPS],
)
def test_unsafe_zip_is_refused_and_leaves_nothing(
    tmp_path: Path, entries: list[tuple[str, bytes, int | None]], reason: str
) -> None:
    archive = tmp_path / "evil.zip"
    with pytest.warns(UserWarning) if reason == "more than once" else nullcontext():
        make_zip(archive, entries)
    with pytest.raises(UnsafeArchiveError, match=reason):
        extract_archive(archive, tmp_path / "out", **LIMITS)
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []


def test_bytes_written_are_counted_even_if_headers_understate_sizes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = make_tar(tmp_path / "bomb.tar.gz", [("a", "file", b"\0" * 300_000)])
    real_members = extract._TarReader.members

    def understated(self: extract._TarReader, max_members: int) -> Iterator[extract._Member]:
        for member in real_members(self, max_members):
            yield dataclasses.replace(member, size=10)  # what a forged header would claim

    monkeypatch.setattr(extract._TarReader, "members", understated)
    with pytest.raises(UnsafeArchiveError, match="more bytes than allowed"):
        extract_archive(archive, tmp_path / "out", max_total_bytes=1000, max_members=5)
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []


# -- unreadable archives and bad destinations -------------------------------------------

CORRUPT: list[tuple[str, Callable[[Path], object], str]] = [
    ("not an archive", lambda p: p.write_bytes(b"just some text, not an archive"), "not a tar"),
    ("missing", lambda p: None, "does not exist"),
    ("truncated gzip", lambda p: p.write_bytes(b"\x1f\x8b\x08\x00" + b"\0" * 20), "broken"),
]


@pytest.mark.parametrize(
    ("write", "reason"), [pytest.param(w, r, id=name) for name, w, r in CORRUPT]
)
def test_unreadable_archives_raise_archive_error(
    tmp_path: Path, write: Callable[[Path], object], reason: str
) -> None:
    archive = tmp_path / "broken.tar.gz"
    write(archive)
    with pytest.raises(ArchiveError, match=reason) as caught:
        extract_archive(archive, tmp_path / "out", **LIMITS)
    assert not isinstance(caught.value, UnsafeArchiveError)
    assert not (tmp_path / "out").exists()


def test_truncated_tar_data_is_an_archive_error(tmp_path: Path) -> None:
    good = make_tar(tmp_path / "good.tar", [("a.bin", "file", os.urandom(50_000))], "w")
    cut = tmp_path / "cut.tar"
    cut.write_bytes(good.read_bytes()[:20_000])
    with pytest.raises(ArchiveError):
        extract_archive(cut, tmp_path / "out", **LIMITS)
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []


def test_non_empty_destination_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", [("x.txt", b"x", None)])
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine").write_text("keep")
    with pytest.raises(StorageError, match="not empty"):
        extract_archive(archive, tmp_path / "out", **LIMITS)
    assert os.listdir(tmp_path / "out") == ["mine"]


def test_setuid_bits_are_not_kept(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "s.zip", [("suid", b"x", 0o104755)])
    extract_archive(archive, tmp_path / "out", **LIMITS)
    mode = os.stat(tmp_path / "out" / "suid").st_mode
    assert not mode & stat.S_ISUID
    assert mode & 0o777 == 0o755
