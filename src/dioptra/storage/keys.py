"""Validation of storage keys: relative POSIX paths confined to the store's root."""

from __future__ import annotations

import unicodedata

from dioptra.storage.errors import StorageKeyError

MAX_KEY_LENGTH = 1024  # S3's limit on a key, applied everywhere so both backends agree
TEMP_PREFIX = ".dioptra-tmp-"  # names of in-flight writes; never valid in a user key


def validate_key(key: object) -> str:
    """Return `key` unchanged if it is a safe relative key, else raise `StorageKeyError`.

    A key is one or more `/`-separated names. Rejected: empty keys, absolute keys, empty,
    `.` or `..` components, backslashes, control characters (NUL included), unpaired
    surrogates and names reserved for the store's temporary files.
    """
    if not isinstance(key, str):
        raise StorageKeyError(key, "a key must be a string")
    if not key:
        raise StorageKeyError(key, "a key must not be empty")
    if len(key) > MAX_KEY_LENGTH:
        raise StorageKeyError(key, f"a key must be at most {MAX_KEY_LENGTH} characters long")
    for position, char in enumerate(key):
        category = unicodedata.category(char)
        if category in ("Cc", "Cs"):
            raise StorageKeyError(
                key, f"control or surrogate character {char!r} at position {position}"
            )
        if char == "\\":
            raise StorageKeyError(key, f"backslash at position {position}; use '/' between names")
    if key.startswith("/"):
        raise StorageKeyError(key, "a key must be relative, not start with '/'")
    for component in key.split("/"):
        if component == "":
            raise StorageKeyError(key, "empty path component (a doubled or trailing '/')")
        if component in (".", ".."):
            raise StorageKeyError(key, f"'{component}' components are not allowed")
        if component.startswith(TEMP_PREFIX):
            raise StorageKeyError(key, f"names starting with {TEMP_PREFIX!r} are reserved")
    return key


def join_key(*parts: str) -> str:
    """Join validated key parts with `/` and validate the result."""
    return validate_key("/".join(validate_key(part) for part in parts))


def key_name(key: str) -> str:
    """The last component of a key (its file or folder name)."""
    return key.rsplit("/", 1)[-1]
