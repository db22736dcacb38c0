"""Database layer: typed SQLAlchemy tables, engine/session factory and Alembic migrations."""

from dioptra.server.db.engine import create_db_engine, make_session_factory
from dioptra.server.db.migrate import upgrade_database

__all__ = ["create_db_engine", "make_session_factory", "upgrade_database"]
