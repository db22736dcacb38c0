"""Key validation: which keys are accepted and why others are refused."""

from __future__ import annotations

import pytest

from dioptra.storage import StorageKeyError, join_key, validate_key


@pytest.mark.parametrize(
    "key",
    [
        "a",
        "jobs/12/model.npy",
        ".hidden/file",
        "name with spaces/x y.txt",
        "ünïcödé/文件.txt",
        "a..b/c...d",
        "x" * 1024,
    ],
)
def test_valid_keys_are_returned_unchanged(key: str) -> None:
    assert validate_key(key) == key


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("", "must not be empty"),
        ("/etc/passwd", "must be relative"),
        ("../escape", "'..' components"),
        ("a/../../b", "'..' components"),
        ("a/..", "'..' components"),
        ("./a", "'.' components"),
        ("a/./b", "'.' components"),
        ("a//b", "empty path component"),
        ("a/", "empty path component"),
        ("a\\..\\b", "backslash at position 1"),
        ("C:\\windows", "backslash at position 2"),
        ("nul\x00byte", "control or surrogate character '\\x00' at position 3"),
        ("line\nbreak", "control or surrogate character"),
        ("tab\there", "control or surrogate character"),
        ("del\x7f", "control or surrogate character"),
        ("bad\udc80surrogate", "control or surrogate character"),
        (".dioptra-tmp-1234", "reserved"),
        ("a/.dioptra-tmp-x/b", "reserved"),
        ("x" * 1025, "at most 1024 characters"),
    ],
)
def test_invalid_keys_are_refused_with_a_reason(key: str, reason: str) -> None:
    with pytest.raises(StorageKeyError) as caught:
        validate_key(key)
    assert reason in str(caught.value)
    assert caught.value.key == key


@pytest.mark.parametrize("key", [None, b"bytes/key", 42])
def test_non_string_keys_are_refused(key: object) -> None:
    with pytest.raises(StorageKeyError, match="must be a string"):
        validate_key(key)


def test_join_key_validates_each_part() -> None:
    assert join_key("jobs/1", "out/a.txt") == "jobs/1/out/a.txt"
    with pytest.raises(StorageKeyError):
        join_key("jobs/1", "../2")
