"""Creating an account straight in the server's database (on the server machine).

Goes through the server's own services, so the rules are the ones registration over
REST follows (unique names, the `public` group, password hashing). Imports the server
stack lazily: a worker-only install has no server extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dioptra.cli.commands.errors import CliError


@dataclass(frozen=True)
class CreatedAccount:
    user_id: int
    username: str
    groups: list[str]
    database: str


def create_account_in_database(
    username: str,
    email: str,
    password: str,
    data_dir: Path | None,
    database_url: str | None,
) -> CreatedAccount:
    """Registers a user in the database the server settings point at (migrating it first)."""
    try:
        from sqlalchemy.orm import Session

        from dioptra.server.db import create_db_engine, upgrade_database
        from dioptra.server.db.engine import writer_bind
        from dioptra.server.services.accounts import users as user_service
        from dioptra.server.services.accounts.passwords import Passwords
        from dioptra.server.services.core.context import ServiceContext
        from dioptra.server.services.core.errors import DioptraError
        from dioptra.server.settings import Settings
    except ImportError as error:
        raise CliError(
            f"The server parts of dioptra are not installed ({error.name}); "
            "install `dioptra[server]`, or register through a server with --api URL."
        ) from error

    overrides: dict[str, object] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if database_url is not None:
        overrides["database_url"] = database_url
    settings = Settings(**overrides)  # type: ignore[arg-type]
    if settings.database_url.startswith("sqlite"):
        settings.ensure_data_dir()
    shown_url = _hide_password(settings.database_url)
    engine = create_db_engine(settings.database_url)
    try:
        try:
            upgrade_database(engine)
        except Exception as error:  # any driver error: report it, do not crash
            raise CliError(f"Cannot prepare the database {shown_url}: {error}") from error
        passwords = Passwords(
            time_cost=settings.password_time_cost,
            memory_kib=settings.password_memory_kib,
            parallelism=settings.password_parallelism,
        )
        with Session(writer_bind(engine)) as db:
            ctx = ServiceContext(db=db, passwords=passwords)
            try:
                user = user_service.register(ctx, username, email, password, password)
                groups = [group.name for group in user_service.groups_of(ctx, user.id)]
                db.commit()
            except DioptraError as error:
                raise CliError(error.message) from error
            return CreatedAccount(user.id, user.username, groups, shown_url)
    finally:
        engine.dispose()


def _hide_password(database_url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(database_url).render_as_string(hide_password=True)
