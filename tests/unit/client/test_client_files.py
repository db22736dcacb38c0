"""DioptraFile names and the helpers that choose files to upload."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from dioptra.client import DioptraFile, select_files_in_directory, select_one_or_more_files
from dioptra.client.utils import FileTypes, delimited_values


@pytest.mark.parametrize("name", ["a.py", "dir/sub/a.py", "..hidden", ".env", "a..b/c"])
def test_valid_upload_names(name: str) -> None:
    assert DioptraFile(name, io.BytesIO(), None).filename == name


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/etc/passwd", "not relative"),
        ("../up.py", "not a sub-directory"),
        ("a/../b.py", "not normalized"),
        ("./a.py", "not normalized"),
        ("a//b.py", "not normalized"),
        ("a\\b.py", "Windows path"),
        ("C:/x.py", "Windows path"),
        ("a/.../b.py", "all dots"),
        ("", "empty"),
        (".", "not normalized"),
    ],
)
def test_unsafe_upload_names_are_refused(name: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        DioptraFile(name, io.BytesIO(), None)


def _tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "top.py").write_text("top")
    (root / "notes.txt").write_text("notes")
    (root / "sub" / "mid.py").write_text("mid")
    (root / "sub" / "deeper" / "low.py").write_text("low")


def _names_and_contents(files: list[DioptraFile]) -> list[tuple[str, bytes]]:
    try:
        return [(f.filename, f.stream.read()) for f in files]
    finally:
        for f in files:
            f.stream.close()


def test_select_top_level_files_only(tmp_path: Path) -> None:
    _tree(tmp_path)

    assert _names_and_contents(select_files_in_directory(tmp_path)) == [
        ("notes.txt", b"notes"),
        ("top.py", b"top"),
    ]


def test_select_recursively_with_a_pattern(tmp_path: Path) -> None:
    _tree(tmp_path)

    files = select_files_in_directory(str(tmp_path), recursive=True, include_pattern=r".*\.py$")

    assert [name for name, _ in _names_and_contents(files)] == [
        "sub/deeper/low.py",
        "sub/mid.py",
        "top.py",
    ]


def test_symlinks_are_skipped_unless_followed(tmp_path: Path) -> None:
    _tree(tmp_path)
    os.symlink(tmp_path / "top.py", tmp_path / "alias.py")
    os.symlink(tmp_path / "sub", tmp_path / "linked")

    plain = _names_and_contents(select_files_in_directory(tmp_path, recursive=True))
    followed = _names_and_contents(
        select_files_in_directory(tmp_path, recursive=True, follow_symlinks=True)
    )

    assert "alias.py" not in dict(plain)
    assert dict(followed)["alias.py"] == b"top"
    assert dict(followed)["linked/mid.py"] == b"mid"


def test_followed_link_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    os.symlink(tmp_path / "secret.txt", root / "leak.txt")

    with pytest.raises(ValueError, match=r"escapes root directory: leak\.txt"):
        select_files_in_directory(root, follow_symlinks=True)


def test_directory_link_cycle_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    os.symlink(tmp_path, tmp_path / "a" / "back")

    with pytest.raises(ValueError, match="cycle"):
        select_files_in_directory(tmp_path, recursive=True, follow_symlinks=True)


def test_selecting_a_missing_or_plain_path_fails_clearly(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")

    with pytest.raises(FileNotFoundError, match="does not exist"):
        select_files_in_directory(tmp_path / "nope")
    with pytest.raises(NotADirectoryError, match="not a directory"):
        select_files_in_directory(tmp_path / "file.txt")


def test_select_files_flattens_to_base_names_with_renames(tmp_path: Path) -> None:
    _tree(tmp_path)
    mid = tmp_path / "sub" / "mid.py"

    files = select_one_or_more_files([tmp_path / "top.py", str(mid)], renames={str(mid): "m.py"})

    assert _names_and_contents(files) == [("top.py", b"top"), ("m.py", b"mid")]


def test_duplicate_base_names_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "a.py").write_text("1")
    (tmp_path / "x" / "a.py").write_text("2")

    with pytest.raises(ValueError, match="not unique, try renaming it"):
        select_one_or_more_files([tmp_path / "a.py", tmp_path / "x" / "a.py"])
    with pytest.raises(ValueError, match="renamed filename is not unique"):
        select_one_or_more_files(
            [tmp_path / "a.py", tmp_path / "x" / "a.py"], renames={tmp_path / "x" / "a.py": "a.py"}
        )


def test_missing_file_names_itself(tmp_path: Path) -> None:
    with pytest.raises(OSError, match=r"File opening failed.*gone\.py"):
        select_one_or_more_files([tmp_path / "gone.py"])


def test_file_types_and_delimited_values() -> None:
    assert (FileTypes.TAR_GZ.value, FileTypes.TAR_GZ.suffix) == ("tar_gz", ".tar.gz")
    assert (FileTypes.ZIP.value, FileTypes.ZIP.suffix) == ("zip", ".zip")
    assert delimited_values({"a": "1", "b": "2"}) == "a:1,b:2"
    assert delimited_values({"a": "1"}, equality="=", separator=";") == "a=1"
    assert delimited_values(None) == ""
