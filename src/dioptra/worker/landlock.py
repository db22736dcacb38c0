"""Landlock, Linux's unprivileged sandbox, from Python through ctypes (no stdlib binding).

A process builds a *ruleset*: the file-system rights it means to restrict ("handled"),
and, per folder or file, which of them stay allowed beneath it. ``restrict_self`` then
applies it to the calling thread and to everything it starts later, for good; rules
only ever add up, and nothing can lift them (root included). Whatever is not allowed by
some rule is denied. Network and signals are left alone (we handle only file rights).

Kernel interface (``include/uapi/linux/landlock.h``): three system calls, the same
numbers on x86_64 and aarch64 (the generic table), and ``PR_SET_NO_NEW_PRIVS`` first.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import stat
import sys
from collections.abc import Iterable
from typing import Final

_SYS_CREATE_RULESET: Final[int] = 444
_SYS_ADD_RULE: Final[int] = 445
_SYS_RESTRICT_SELF: Final[int] = 446
_CREATE_RULESET_VERSION: Final[int] = 1 << 0
_RULE_PATH_BENEATH: Final[int] = 1
_PR_SET_NO_NEW_PRIVS: Final[int] = 38

# File-system rights, and the ABI version that introduced each.
EXECUTE: Final[int] = 1 << 0
WRITE_FILE: Final[int] = 1 << 1
READ_FILE: Final[int] = 1 << 2
READ_DIR: Final[int] = 1 << 3
REMOVE_DIR: Final[int] = 1 << 4
REMOVE_FILE: Final[int] = 1 << 5
MAKE_CHAR: Final[int] = 1 << 6
MAKE_DIR: Final[int] = 1 << 7
MAKE_REG: Final[int] = 1 << 8
MAKE_SOCK: Final[int] = 1 << 9
MAKE_FIFO: Final[int] = 1 << 10
MAKE_BLOCK: Final[int] = 1 << 11
MAKE_SYM: Final[int] = 1 << 12
REFER: Final[int] = 1 << 13  # ABI 2: link or rename into another folder
TRUNCATE: Final[int] = 1 << 14  # ABI 3

_ABI1_RIGHTS: Final[int] = (1 << 13) - 1
# The rights that mean something on a file (not a folder); others make add_rule fail.
_FILE_RIGHTS: Final[int] = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE

READ: Final[int] = EXECUTE | READ_FILE | READ_DIR
# Writing: everything but making device files (denied everywhere).
WRITE: Final[int] = (
    WRITE_FILE
    | REMOVE_DIR
    | REMOVE_FILE
    | MAKE_DIR
    | MAKE_REG
    | MAKE_SOCK
    | MAKE_FIFO
    | MAKE_SYM
    | REFER
    | TRUNCATE
)


class LandlockError(OSError):
    """The kernel refused to build or apply a ruleset."""


class _RulesetAttr(ctypes.Structure):
    # Only the first field: a kernel with a longer struct takes a shorter one.
    _fields_ = [("handled_access_fs", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


@functools.cache
def abi_version() -> int:
    """The kernel's Landlock ABI version; 0 where Landlock is missing or turned off."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        libc = _libc()
        version = libc.syscall(
            ctypes.c_long(_SYS_CREATE_RULESET), None, ctypes.c_size_t(0), _CREATE_RULESET_VERSION
        )
    except (OSError, AttributeError):
        return 0
    return max(0, int(version))


def supported_rights(abi: int) -> int:
    rights = _ABI1_RIGHTS
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    return rights


class Ruleset:
    """A ruleset being built; ``restrict_self`` applies it to this thread."""

    def __init__(self, abi: int) -> None:
        if abi < 1:
            raise LandlockError("this kernel does not offer Landlock")
        self.handled = supported_rights(abi)
        self._libc = _libc()
        attr = _RulesetAttr(self.handled)
        fd = self._libc.syscall(
            ctypes.c_long(_SYS_CREATE_RULESET),
            ctypes.byref(attr),
            ctypes.c_size_t(ctypes.sizeof(attr)),
            0,
        )
        if fd < 0:
            raise self._error("landlock_create_ruleset")
        self._fd: int | None = fd

    def allow(self, path: str, rights: int) -> bool:
        """Allow ``rights`` beneath ``path`` (a file gets only file rights); False when
        the path cannot be opened (gone, a dangling link)."""
        assert self._fd is not None
        try:
            target = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return False
        try:
            if not stat.S_ISDIR(os.fstat(target).st_mode):
                rights &= _FILE_RIGHTS
            attr = _PathBeneathAttr(rights & self.handled, target)
            done = self._libc.syscall(
                ctypes.c_long(_SYS_ADD_RULE), self._fd, _RULE_PATH_BENEATH, ctypes.byref(attr), 0
            )
            if done < 0:
                raise self._error(f"landlock_add_rule({path})")
        finally:
            os.close(target)
        return True

    def allow_all(self, paths: Iterable[str], rights: int) -> None:
        for path in paths:
            self.allow(path, rights)

    def restrict_self(self) -> None:
        """Apply the rules to this thread and its future children, for good."""
        assert self._fd is not None
        if self._libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise self._error("prctl(PR_SET_NO_NEW_PRIVS)")
        if self._libc.syscall(ctypes.c_long(_SYS_RESTRICT_SELF), self._fd, 0) != 0:
            raise self._error("landlock_restrict_self")
        self.close()

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    @staticmethod
    def _error(what: str) -> LandlockError:
        number = ctypes.get_errno()
        return LandlockError(number, f"{what}: {os.strerror(number)}")
