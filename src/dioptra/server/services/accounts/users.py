"""User accounts: registration, profile, password changes, deletion."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping

from sqlalchemy import ColumnElement, func, select

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import Group, GroupMember
from dioptra.server.db.tables import User as User  # the API renders these rows
from dioptra.server.services.accounts.attempts import check_password, user_if_unchanged
from dioptra.server.services.accounts.auth import end_sessions
from dioptra.server.services.accounts.bootstrap import join_public_group
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.core.errors import (
    EntityDoesNotExistError,
    EntityExistsError,
    QueryParameterValidationError,
    UserPasswordChangeError,
    UserPasswordError,
)
from dioptra.server.services.core.kinds import SearchField, like
from dioptra.server.services.core.listing import ListQuery, Page, paginate, search_condition

PASSWORD_LIFETIME = dt.timedelta(days=365)

USER_SEARCH_FIELDS: Mapping[str, SearchField] = {
    "username": like(User.username),
    "email": like(User.email),
}


def new_alternative_id() -> str:
    return uuid.uuid4().hex


def _ensure_unique(
    ctx: ServiceContext, username: str, email: str, exclude_id: int | None = None
) -> None:
    for column, attribute, value in (
        (User.username, "username", username),
        (User.email, "email_address", email),
    ):
        statement = select(User.id).where(column == value)
        if exclude_id is not None:
            statement = statement.where(User.id != exclude_id)
        existing = ctx.db.scalars(statement.limit(1)).first()
        if existing is not None:
            raise EntityExistsError("user", "User", existing, **{attribute: value})


def register(
    ctx: ServiceContext, username: str, email: str, password: str, confirm_password: str
) -> User:
    """Creates an account and adds it to the ``public`` group (open to anyone)."""
    if password != confirm_password:
        raise QueryParameterValidationError(
            "password", "equivalence", password="***", confirmation="***"
        )
    # Hashed before the transaction's first write, holding no lock (see ``end_reads``).
    ctx.end_reads()
    password_hash = ctx.password_hasher.hash(password)
    _ensure_unique(ctx, username, email)
    now = utcnow()
    user = User(
        username=username,
        email=email,
        password_hash=password_hash,
        alternative_id=new_alternative_id(),
        created_on=now,
        last_modified_on=now,
        password_expire_on=now + PASSWORD_LIFETIME,
        deleted=False,
    )
    ctx.db.add(user)
    ctx.db.flush()
    join_public_group(ctx.db, user)
    return user


def get_user(ctx: ServiceContext, user_id: int) -> User:
    user = ctx.db.get(User, user_id)
    if user is None or user.deleted:
        raise EntityDoesNotExistError("user", "User", user_id=user_id)
    return user


def current_user(ctx: ServiceContext) -> User:
    return get_user(ctx, ctx.user.user_id)


def list_users(ctx: ServiceContext, query: ListQuery) -> Page[User]:
    conditions: list[ColumnElement[bool]] = [~User.deleted]
    searched = search_condition(query.search, USER_SEARCH_FIELDS)
    if searched is not None:
        conditions.append(searched)
    statement = select(User).where(*conditions).order_by(User.id)
    count = select(func.count()).select_from(User).where(*conditions)
    rows, total = paginate(ctx.db, statement, count, query.index, query.page_length)
    return Page([row[0] for row in rows], total)


def groups_of(ctx: ServiceContext, user_id: int) -> list[Group]:
    return list(
        ctx.db.scalars(
            select(Group)
            .join(GroupMember, GroupMember.group_id == Group.id)
            .where(GroupMember.user_id == user_id)
            .order_by(Group.id)
        )
    )


def modify_current(ctx: ServiceContext, username: str, email: str) -> User:
    user = current_user(ctx)
    # Dioptra let two accounts share a username this way; names stay unique here.
    _ensure_unique(ctx, username, email, exclude_id=user.id)
    user.username = username
    user.email = email
    user.last_modified_on = utcnow()
    return user


def delete_current(ctx: ServiceContext, password: str) -> int:
    """Closes the account after checking its password; all its sessions end."""
    checked = current_user(ctx)
    user_id, password_hash = checked.id, checked.password_hash
    if not check_password(ctx, checked.username, password_hash, password):
        raise UserPasswordError("Password authentication failed.")
    user = user_if_unchanged(ctx, user_id, password_hash)
    if user is None:
        raise UserPasswordError("Password authentication failed.")
    user.deleted = True
    user.last_modified_on = utcnow()
    end_sessions(ctx, user.id)
    return user.id


def change_password(
    ctx: ServiceContext,
    user_id: int,
    old_password: str,
    new_password: str,
    confirm_new_password: str,
) -> User:
    """Changes a password. Every session of the user ends (they log in again) and their
    personal API tokens are revoked (``auth.end_sessions``)."""
    checked = get_user(ctx, user_id)
    old_hash = checked.password_hash
    if not check_password(ctx, checked.username, old_hash, old_password):
        raise UserPasswordChangeError("Invalid Current Password.")
    # From here on no transaction is open: the hashes below hold no database lock.
    if new_password != confirm_new_password:
        raise UserPasswordChangeError("Confirmation password does not match new password.")
    hasher = ctx.password_hasher
    if hasher.verify(old_hash, new_password):
        raise UserPasswordChangeError("New password matches old password.")
    new_hash = hasher.hash(new_password)
    user = user_if_unchanged(ctx, user_id, old_hash)
    if user is None:
        raise UserPasswordChangeError("Invalid Current Password.")
    now = utcnow()
    user.password_hash = new_hash
    user.last_modified_on = now
    user.password_expire_on = now + PASSWORD_LIFETIME
    end_sessions(ctx, user.id)
    return user
