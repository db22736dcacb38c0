"""The kinds of text request bodies share, each with its bounds (Dioptra 1.2 had none, so
a 50 MB description or a 5 MB name was stored): one type per kind, used by every family."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

MAX_NAME_LENGTH = 255
MAX_DESCRIPTION_LENGTH = 10_000
# RFC 5321 bounds a usable address at 254 characters.
MAX_EMAIL_LENGTH = 254
# Bounds the work of hashing; the least length is a setting (``password_min_length``).
MAX_PASSWORD_LENGTH = 1024

# One "@" between a local part and a domain, no spaces: the shape, not deliverability
# (intranet domains without a dot are fine).
_EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s.][^@\s]*")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("string_blank", "Must not be blank.")
    return value


def _email_shaped(value: str) -> str:
    if not _EMAIL_SHAPE.fullmatch(value):
        raise PydanticCustomError("email_shape", "Not a valid email address.")
    return value


# The name of a resource, group, tag or (to log in) user; the services check which
# characters a name may hold.
Name = Annotated[str, StringConstraints(max_length=MAX_NAME_LENGTH)]
Description = Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION_LENGTH)]
# The name a new account takes, or an account is renamed to.
Username = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_NAME_LENGTH), AfterValidator(_not_blank)
]
Email = Annotated[
    str, StringConstraints(max_length=MAX_EMAIL_LENGTH), AfterValidator(_email_shaped)
]
Password = Annotated[str, StringConstraints(max_length=MAX_PASSWORD_LENGTH)]
