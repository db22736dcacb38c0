"""Every table of the server, for all resource families.

Resources are versioned: ``resources`` holds one row per logical object (ids shared by all
types) and ``resource_snapshots`` one immutable row per version (ids shared by all types).
Type-specific fields live in the snapshot's ``payload`` JSON, so a new family needs no new
table; only mutable run state (jobs, their logs and metrics) has tables of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from dioptra.job_states import QUEUED
from dioptra.server.db.base import Base, UTCDateTime, utcnow

JsonDict = dict[str, Any]

# Indexes created on PostgreSQL only (``ddl_if``); Alembic's comparison skips them
# elsewhere (see migrations/env.py).
POSTGRESQL_ONLY_INDEXES = frozenset({"ix_resources_live"})


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String, unique=True)
    email: Mapped[str] = mapped_column(String, unique=True)
    password_hash: Mapped[str] = mapped_column(String)
    # Dioptra's second user id (kept for its schema; sessions live in ``user_sessions``).
    alternative_id: Mapped[str] = mapped_column(String(36), index=True)
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_on: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    password_expire_on: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    creator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class GroupMember(Base):
    __tablename__ = "group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    read: Mapped[bool] = mapped_column(Boolean, default=True)
    write: Mapped[bool] = mapped_column(Boolean, default=False)
    share_read: Mapped[bool] = mapped_column(Boolean, default=False)
    share_write: Mapped[bool] = mapped_column(Boolean, default=False)
    owner: Mapped[bool] = mapped_column(Boolean, default=False)
    admin: Mapped[bool] = mapped_column(Boolean, default=False)


class ApiToken(Base):
    """A bearer token. Only the sha256 of the secret is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Set for worker tokens: valid only for this job, and only while it runs.
    job_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id"))
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_on: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_used_on: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class UserSession(Base):
    """A browser session (login). Its cookie carries the secret key; only the key's sha256
    is stored, and deleting the row ends the session (logout, password change)."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_on: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Resource(Base):
    __tablename__ = "resources"
    __table_args__ = (
        # Serves every list query: WHERE type AND NOT deleted AND group IN (...) ORDER BY id.
        Index("ix_resources_listing", "resource_type", "deleted", "group_id", "id"),
        # PostgreSQL counts a list from this one (live rows of a type in the viewer's
        # groups): its repeated keys are stored deduplicated. See migration 0003.
        Index(
            "ix_resources_live",
            "resource_type",
            "group_id",
            postgresql_where=text("NOT deleted"),
        ).ddl_if(dialect="postgresql"),
        # Names are unique per group and type among live resources; enforced by the database
        # too, so two concurrent creates cannot both win. NULL names (jobs, files) never clash.
        Index(
            "uq_resources_live_name",
            "resource_type",
            "group_id",
            "unique_name",
            unique=True,
            sqlite_where=text("deleted = 0"),
            postgresql_where=text("NOT deleted"),
        ),
        # Room for the in-place updates of modify and delete (see migration 0003).
        {"sqlite_autoincrement": True, "postgresql_with": {"fillfactor": 90}},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_type: Mapped[str] = mapped_column(String(40))
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    readonly: Mapped[bool] = mapped_column(Boolean, default=False)
    # Denormalised so a list needs a single join. No foreign key: the two tables point at
    # each other and the services write both in one transaction.
    latest_snapshot_id: Mapped[int | None] = mapped_column(Integer)
    # Copy of the latest snapshot's name for families whose names are unique in a group.
    unique_name: Mapped[str | None] = mapped_column(String)


class ResourceSnapshot(Base):
    __tablename__ = "resource_snapshots"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), index=True)
    resource_type: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    name: Mapped[str | None] = mapped_column(String, index=True)
    description: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[JsonDict] = mapped_column(JSON, default=dict)


class ResourceLink(Base):
    """Resource-level parent -> child edge (changing it creates no snapshot)."""

    __tablename__ = "resource_links"

    parent_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), primary_key=True, index=True)
    # "<parent type>.<child type>", one of services.links.ALLOWED_LINKS.
    link_type: Mapped[str] = mapped_column(String(80))
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SnapshotLink(Base):
    """Snapshot -> snapshot edge that is part of the parent version (e.g. plugin -> files)."""

    __tablename__ = "snapshot_links"

    parent_snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("resource_snapshots.id"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_snapshot_id: Mapped[int] = mapped_column(ForeignKey("resource_snapshots.id"), index=True)


class PluginTask(Base):
    __tablename__ = "plugin_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_snapshot_id: Mapped[int] = mapped_column(ForeignKey("resource_snapshots.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "function" | "artifact"
    name: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer)
    # [{"name", "required"?, "parameter_type_id", "parameter_type_snapshot_id"}]
    input_params: Mapped[list[JsonDict]] = mapped_column(JSON, default=list)
    output_params: Mapped[list[JsonDict]] = mapped_column(JSON, default=list)


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("group_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String)
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ResourceTag(Base):
    __tablename__ = "resource_tags"

    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Draft(Base):
    """A user's unsaved edit: of a new resource (no base) or of an existing one."""

    __tablename__ = "drafts"
    __table_args__ = (Index("ix_drafts_owner", "user_id", "resource_type"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    resource_type: Mapped[str] = mapped_column(String(40))
    base_resource_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id"), index=True)
    base_snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("resource_snapshots.id"))
    # The resource a new nested resource will belong to (a plugin, for a new plugin file).
    parent_resource_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id"))
    payload: Mapped[JsonDict] = mapped_column(JSON, default=dict)
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Job(Base):
    """Mutable run state of a job resource; the source of truth for dispatch."""

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_dispatch", "status", "queue_name"),
        Index("ix_jobs_watchdog", "status", "heartbeat_on"),
    )

    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), primary_key=True)
    # What the job runs, as resource ids (the pinned snapshots are in its payload).
    experiment_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id"), index=True)
    entrypoint_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id"))
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id"))
    status: Mapped[str] = mapped_column(String(16), default=QUEUED)
    queue_name: Mapped[str | None] = mapped_column(String)
    worker_id: Mapped[str | None] = mapped_column(String)
    heartbeat_on: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    enqueued_on: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    started_on: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_on: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    # Why the job failed, timed out or was cancelled (``statusMessage`` on the wire).
    error: Mapped[str | None] = mapped_column(Text)
    mlflow_run_id: Mapped[str | None] = mapped_column(String)


class JobLog(Base):
    __tablename__ = "job_logs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    logger_name: Mapped[str] = mapped_column(String)
    message: Mapped[str] = mapped_column(Text)
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class JobMetric(Base):
    __tablename__ = "job_metrics"
    __table_args__ = (Index("ix_job_metrics_recorded", "job_id", "recorded_on"),)

    job_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String, primary_key=True)
    step: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    # "nan", "inf" or "-inf" (value is then 0.0): not every database stores them as floats.
    special_value: Mapped[str | None] = mapped_column(String(8))
    timestamp: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Server time the value arrived (``timestamp`` may be the client's): a stream cursor.
    recorded_on: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=utcnow)


class JobSwap(Base):
    __tablename__ = "job_swaps"

    job_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), primary_key=True)
    swap_name: Mapped[str] = mapped_column(String, primary_key=True)
    task_alias: Mapped[str] = mapped_column(String)
    plugin_file_snapshot_id: Mapped[int] = mapped_column(ForeignKey("resource_snapshots.id"))


class Worker(Base):
    """A worker's last heartbeat, one row per queue it serves ("*": every queue)."""

    __tablename__ = "workers"
    __table_args__ = (Index("ix_workers_liveness", "queue_name", "heartbeat_on"),)

    worker_id: Mapped[str] = mapped_column(String, primary_key=True)
    queue_name: Mapped[str] = mapped_column(String, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    first_seen_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    heartbeat_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PendingDigest(Base):
    """An artifact registered before its bytes were read: the server still owes its
    sha256 (and, for a local store, the flush to disk). Removed once recorded."""

    __tablename__ = "pending_digests"

    artifact_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), primary_key=True)
    store_key: Mapped[str] = mapped_column(String)
    file_size: Mapped[int] = mapped_column(BigInteger)
    created_on: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
