"""Logging in and out, and turning a session or a bearer token into an ``Actor``."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from dioptra.server.db.base import utcnow
from dioptra.server.db.models import ApiToken, GroupMember, Job, User
from dioptra.server.services.context import Actor, ServiceContext
from dioptra.server.services.errors import EntityDoesNotExistError, UserAuthenticationError
from dioptra.server.services.listing import ListQuery, Page, paginate
from dioptra.server.services.users import new_alternative_id

TOKEN_PREFIX = "dioptra_"
# A job token works while its job may still report (queued: the worker marks it started).
JOB_TOKEN_STATUSES = ("queued", "started")


def authenticate(ctx: ServiceContext, username: str, password: str) -> User:
    """The user for these credentials; unknown user and wrong password fail alike."""
    user = ctx.db.scalars(select(User).where(User.username == username)).first()
    hasher = ctx.password_hasher
    if user is None or user.deleted:
        hasher.burn_time(password)
        raise UserAuthenticationError()
    if not hasher.verify(user.password_hash, password):
        raise UserAuthenticationError()
    now = utcnow()
    if user.password_expire_on <= now:
        raise UserAuthenticationError()
    user.last_login_on = now
    return user


def logout(ctx: ServiceContext, everywhere: bool) -> User:
    user = ctx.db.get(User, ctx.user.user_id)
    if user is None:
        raise EntityDoesNotExistError("user", "User", user_id=ctx.user.user_id)
    if everywhere:
        user.alternative_id = new_alternative_id()
    return user


def _actor_for(db: Session, user: User, job_id: int | None = None) -> Actor:
    rows = db.execute(
        select(GroupMember.group_id, GroupMember.read, GroupMember.write, GroupMember.admin).where(
            GroupMember.user_id == user.id
        )
    ).all()
    return Actor(
        user_id=user.id,
        username=user.username,
        readable_groups=frozenset(g for g, read, _w, _a in rows if read),
        writable_groups=frozenset(g for g, read, write, _a in rows if read and write),
        admin_groups=frozenset(g for g, _r, _w, admin in rows if admin),
        job_id=job_id,
    )


def actor_from_session(db: Session, user_id: int, alternative_id: str) -> Actor | None:
    """The actor of a session cookie, unless the user logged out everywhere since."""
    user = db.get(User, user_id)
    if user is None or user.deleted or user.alternative_id != alternative_id:
        return None
    return _actor_for(db, user)


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
    user = db.get(User, row.user_id)
    if user is None or user.deleted:
        return None
    return _actor_for(db, user, job_id=row.job_id)


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
    from sqlalchemy import func

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
