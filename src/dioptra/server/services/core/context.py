"""Who is acting, and the database session they act in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from dioptra.server.db.engine import WriteAttemptedError as WriteAttemptedError
from dioptra.server.db.engine import checking_bind as checking_bind
from dioptra.server.db.engine import reader_bind as reader_bind  # a request's binds
from dioptra.server.db.engine import writer_bind as writer_bind
from dioptra.server.services.core.errors import (
    EntityDoesNotExistError,
    GroupPermissionError,
    NoCurrentUserError,
)

if TYPE_CHECKING:
    from dioptra.server.services.accounts.attempts import PasswordAttempts
    from dioptra.server.services.accounts.passwords import Passwords


class CostlyWorkRefusedError(Exception):
    """Costly work reached in a write transaction that may not do it (not a
    ``DioptraError``: no service catches it; the route's wrapper does)."""


@dataclass(frozen=True)
class Actor:
    """The logged-in user and the groups they may read, write and manage."""

    user_id: int
    username: str
    readable_groups: frozenset[int] = frozenset()
    writable_groups: frozenset[int] = frozenset()
    admin_groups: frozenset[int] = frozenset()
    # Set when authenticated with a job-scoped worker token.
    job_id: int | None = None
    # Set when authenticated with a session cookie: the stored session (logout ends it).
    session_id: int | None = None


@dataclass
class ServiceContext:
    """Passed to every service call: one database session (one transaction) and the actor."""

    db: Session
    actor: Actor | None = None
    passwords: Passwords | None = None
    # Failed password checks by account and client (None: no limit, e.g. the CLI).
    password_attempts: PasswordAttempts | None = None
    # The address the request came from (the per-client limit of password checks).
    client: str = ""
    # Lets a service leave a note for the response (e.g. the session cookie to set).
    notes: dict[str, object] = field(default_factory=dict)
    # Costly results kept for the rest of the request, under keys naming everything they
    # depend on: a request that runs its checks before its write transaction
    # (``api.v1.core.deps.checks_first``) finds them here when it runs again to write.
    memo: dict[object, object] = field(default_factory=dict)
    # Set while a ``checks_when_costly`` route tries its write transaction straight away:
    # costly work must not run under SQLite's write lock (see ``costly_work_ahead``).
    refuse_costly_work: bool = False

    def costly_work_ahead(self) -> None:
        """Called before work that takes more than a few queries (building and validating
        an entrypoint document); raises ``CostlyWorkRefusedError`` where the transaction
        must not do it (the route then checks first, outside it, and comes back)."""
        if self.refuse_costly_work:
            raise CostlyWorkRefusedError()

    @property
    def password_hasher(self) -> Passwords:
        if self.passwords is None:
            from dioptra.server.services.accounts.passwords import Passwords

            self.passwords = Passwords()
        return self.passwords

    def end_reads(self) -> None:
        """Ends the transaction begun so far, which must only have read, so that slow work
        (a password hash) holds no database lock or connection; the next query begins a
        new transaction. Objects loaded before are reloaded on their next use."""
        if self.db.new or self.db.dirty or self.db.deleted:
            raise RuntimeError("end_reads() would drop unsaved changes")
        self.db.rollback()

    @property
    def user(self) -> Actor:
        if self.actor is None:
            raise NoCurrentUserError()
        return self.actor

    def require_readable_group(self, group_id: int) -> None:
        """Groups the user is not in look absent (404), like the resources they hold."""
        if group_id not in self.user.readable_groups:
            raise EntityDoesNotExistError("group", "Group", group_id=group_id)

    def require_writable_group(self, group_id: int) -> None:
        self.require_readable_group(group_id)
        if group_id not in self.user.writable_groups:
            raise GroupPermissionError(
                f"User {self.user.user_id} has no write permission in group {group_id}."
            )
