"""Logging in and out, and turning a session or a bearer token into an ``Actor``."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from dioptra.job_states import QUEUED, STARTED
from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import ApiToken as ApiToken  # the API renders these rows
from dioptra.server.db.tables import GroupMember, Job, User, UserSession
from dioptra.server.services.accounts.attempts import check_password, user_if_unchanged
from dioptra.server.services.core.context import Actor, ServiceContext
from dioptra.server.services.core.errors import EntityDoesNotExistError, UserAuthenticationError
from dioptra.server.services.core.listing import ListQuery, Page, paginate

TOKEN_PREFIX = "dioptra_"
# A job token works while its job may still report (queued: the worker marks it started).
JOB_TOKEN_STATUSES = (QUEUED, STARTED)


def authenticate(ctx: ServiceContext, username: str, password: str) -> User:
    """The user for these credentials; unknown user and wrong password fail alike.

    The password is checked outside any transaction (see ``check_password``); the login is
    then recorded in a new one, unless the account changed meanwhile."""
    found = ctx.db.execute(
        select(User.id, User.password_hash).where(User.username == username, ~User.deleted)
    ).first()
    if not check_password(ctx, username, found.password_hash if found else None, password):
        raise UserAuthenticationError()
    assert found is not None
    user = user_if_unchanged(ctx, found.id, found.password_hash)
    now = utcnow()
    if user is None or user.password_expire_on <= now:
        raise UserAuthenticationError()
    user.last_login_on = now
    return user


def start_session(ctx: ServiceContext, user: User, lifetime: dt.timedelta) -> str:
    """Stores a new session of ``user`` and returns its secret key (for the cookie); the
    user's expired sessions are dropped on the way."""
    now = utcnow()
    ctx.db.execute(
        delete(UserSession).where(UserSession.user_id == user.id, UserSession.expires_on <= now)
    )
    key = secrets.token_urlsafe(32)
    ctx.db.add(
        UserSession(
            user_id=user.id, key_hash=hash_token(key), created_on=now, expires_on=now + lifetime
        )
    )
    return key


def end_sessions(ctx: ServiceContext, user_id: int) -> None:
    """Ends every session of the user and revokes their personal API tokens (a stolen
    token would otherwise outlive the password it was made with). Job tokens stay: each
    works only for its running job, which would fail without it."""
    ctx.db.execute(delete(UserSession).where(UserSession.user_id == user_id))
    ctx.db.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.job_id.is_(None), ~ApiToken.revoked)
        .values(revoked=True)
    )


def logout(ctx: ServiceContext, everywhere: bool) -> User:
    """Ends this session, or (``everywhere``) every session and personal API token."""
    user = ctx.db.get(User, ctx.user.user_id)
    if user is None:
        raise EntityDoesNotExistError("user", "User", user_id=ctx.user.user_id)
    if everywhere:
        end_sessions(ctx, user.id)
    elif ctx.user.session_id is not None:
        ctx.db.execute(delete(UserSession).where(UserSession.id == ctx.user.session_id))
    return user


# The actor query runs on every request: its two shapes (with and without a session)
# are built once, with bound parameters (building and hashing a statement cost more
# than running it).
_ACTOR_COLUMNS = (
    User.username,
    User.deleted,
    GroupMember.group_id,
    GroupMember.read,
    GroupMember.write,
    GroupMember.admin,
)
_MEMBERSHIPS = (GroupMember, GroupMember.user_id == User.id)
_ACTOR = select(*_ACTOR_COLUMNS).where(User.id == bindparam("user_id")).outerjoin(*_MEMBERSHIPS)
_SESSION_ACTOR = (
    select(*_ACTOR_COLUMNS, UserSession.id.label("session_id"))
    .where(User.id == bindparam("user_id"))
    .join(
        UserSession,
        (UserSession.user_id == User.id)
        & (UserSession.key_hash == bindparam("key_hash"))
        & (UserSession.expires_on > bindparam("now")),
    )
    .outerjoin(*_MEMBERSHIPS)
)


def _load_actor(
    db: Session, user_id: int, session_key: str | None = None, job_id: int | None = None
) -> Actor | None:
    """The live user with their memberships (and, given a session key, the session if it
    is still open), in one query."""
    rows: Sequence[Row[*tuple[Any, ...]]]
    if session_key is None:
        rows = db.execute(_ACTOR, {"user_id": user_id}).all()
    else:
        parameters = {"user_id": user_id, "key_hash": hash_token(session_key), "now": utcnow()}
        rows = db.execute(_SESSION_ACTOR, parameters).all()
    if not rows or rows[0].deleted:
        return None
    members = [row for row in rows if row.group_id is not None]
    return Actor(
        user_id=user_id,
        username=rows[0].username,
        readable_groups=frozenset(row.group_id for row in members if row.read),
        writable_groups=frozenset(row.group_id for row in members if row.read and row.write),
        admin_groups=frozenset(row.group_id for row in members if row.admin),
        job_id=job_id,
        session_id=rows[0].session_id if session_key is not None else None,
    )


def actor_from_session(db: Session, user_id: int, session_key: str) -> Actor | None:
    """The actor of a session cookie, while its session is open."""
    return _load_actor(db, user_id, session_key=session_key)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_from_token(db: Session, token: str) -> Actor | None:
    """The actor of a bearer token that is known, unrevoked, unexpired (and, for a job
    token, whose job is still running)."""
    row = db.scalars(select(ApiToken).where(ApiToken.token_hash == hash_token(token))).first()
    now = utcnow()
    if row is None or row.revoked or (row.expires_on is not None and row.expires_on <= now):
        return None
    if row.job_id is not None:
        status = db.scalar(select(Job.status).where(Job.resource_id == row.job_id))
        if status not in JOB_TOKEN_STATUSES:
            return None
    return _load_actor(db, row.user_id, job_id=row.job_id)


# -- personal API tokens ---------------------------------------------------------------


def create_token(
    ctx: ServiceContext,
    name: str,
    expires_in_days: int | None,
    *,
    job_id: int | None = None,
) -> tuple[ApiToken, str]:
    """A new token and its plaintext (shown once; only its sha256 is kept)."""
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(
        user_id=ctx.user.user_id,
        name=name,
        token_hash=hash_token(plaintext),
        job_id=job_id,
        created_on=now,
        expires_on=now + dt.timedelta(days=expires_in_days) if expires_in_days else None,
        revoked=False,
    )
    ctx.db.add(token)
    ctx.db.flush()
    return token, plaintext


def list_tokens(ctx: ServiceContext, query: ListQuery) -> Page[ApiToken]:
    conditions = [
        ApiToken.user_id == ctx.user.user_id,
        ~ApiToken.revoked,
        ApiToken.job_id.is_(None),
    ]
    statement = select(ApiToken).where(*conditions).order_by(ApiToken.id)
    count = select(func.count()).select_from(ApiToken).where(*conditions)
    rows, total = paginate(ctx.db, statement, count, query.index, query.page_length)
    return Page([row[0] for row in rows], total)


def revoke_token(ctx: ServiceContext, token_id: int) -> None:
    token = ctx.db.get(ApiToken, token_id)
    if token is None or token.user_id != ctx.user.user_id or token.revoked:
        raise EntityDoesNotExistError("api_token", "API Token", token_id=token_id)
    token.revoked = True
