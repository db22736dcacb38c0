"""Initial schema: every table of every resource family.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dioptra.server.db.base import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column("alternative_id", sa.String(length=36), nullable=False),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.Column("last_modified_on", UTCDateTime(), nullable=False),
        sa.Column("last_login_on", UTCDateTime(), nullable=True),
        sa.Column("password_expire_on", UTCDateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_users_alternative_id"), ["alternative_id"], unique=False
        )

    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=True),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.Column("last_modified_on", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["creator_id"], ["users.id"], name=op.f("fk_groups_creator_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
        sa.UniqueConstraint("name", name=op.f("uq_groups_name")),
    )
    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("read", sa.Boolean(), nullable=False),
        sa.Column("write", sa.Boolean(), nullable=False),
        sa.Column("share_read", sa.Boolean(), nullable=False),
        sa.Column("share_write", sa.Boolean(), nullable=False),
        sa.Column("owner", sa.Boolean(), nullable=False),
        sa.Column("admin", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_group_members_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_group_members_user_id_users")
        ),
        sa.PrimaryKeyConstraint("group_id", "user_id", name=op.f("pk_group_members")),
    )
    with op.batch_alter_table("group_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_members_user_id"), ["user_id"], unique=False)

    op.create_table(
        "resources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resource_type", sa.String(length=40), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("readonly", sa.Boolean(), nullable=False),
        sa.Column("latest_snapshot_id", sa.Integer(), nullable=True),
        sa.Column("unique_name", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_resources_group_id_groups")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resources")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("resources", schema=None) as batch_op:
        batch_op.create_index(
            "ix_resources_listing", ["resource_type", "deleted", "group_id", "id"], unique=False
        )
        batch_op.create_index(
            "uq_resources_live_name",
            ["resource_type", "group_id", "unique_name"],
            unique=True,
            sqlite_where=sa.text("deleted = 0"),
            postgresql_where=sa.text("NOT deleted"),
        )

    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.Column("last_modified_on", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], name=op.f("fk_tags_group_id_groups")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_tags_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("group_id", "name", name=op.f("uq_tags_group_id_name")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.Column("expires_on", UTCDateTime(), nullable=True),
        sa.Column("last_used_on", UTCDateTime(), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["resources.id"], name=op.f("fk_api_tokens_job_id_resources")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_user_id"), ["user_id"], unique=False)

    op.create_table(
        "job_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("logger_name", sa.String(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["resources.id"], name=op.f("fk_job_logs_job_id_resources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_logs")),
    )
    with op.batch_alter_table("job_logs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_logs_job_id"), ["job_id"], unique=False)

    op.create_table(
        "job_metrics",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("step", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("special_value", sa.String(length=8), nullable=True),
        sa.Column("timestamp", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["resources.id"], name=op.f("fk_job_metrics_job_id_resources")
        ),
        sa.PrimaryKeyConstraint("job_id", "name", "step", name=op.f("pk_job_metrics")),
    )
    op.create_table(
        "jobs",
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("queue_name", sa.String(), nullable=True),
        sa.Column("worker_id", sa.String(), nullable=True),
        sa.Column("heartbeat_on", UTCDateTime(), nullable=True),
        sa.Column("enqueued_on", UTCDateTime(), nullable=True),
        sa.Column("started_on", UTCDateTime(), nullable=True),
        sa.Column("finished_on", UTCDateTime(), nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("mlflow_run_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["resource_id"], ["resources.id"], name=op.f("fk_jobs_resource_id_resources")
        ),
        sa.PrimaryKeyConstraint("resource_id", name=op.f("pk_jobs")),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index("ix_jobs_dispatch", ["status", "queue_name"], unique=False)

    op.create_table(
        "resource_links",
        sa.Column("parent_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("link_type", sa.String(length=80), nullable=False),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["resources.id"], name=op.f("fk_resource_links_child_id_resources")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["resources.id"], name=op.f("fk_resource_links_parent_id_resources")
        ),
        sa.PrimaryKeyConstraint("parent_id", "child_id", name=op.f("pk_resource_links")),
    )
    with op.batch_alter_table("resource_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resource_links_child_id"), ["child_id"], unique=False)

    op.create_table(
        "resource_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("resource_type", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.Column("name", sa.String(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["resources.id"],
            name=op.f("fk_resource_snapshots_resource_id_resources"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_resource_snapshots_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resource_snapshots")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("resource_snapshots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resource_snapshots_name"), ["name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_resource_snapshots_resource_id"), ["resource_id"], unique=False
        )

    op.create_table(
        "resource_tags",
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resource_id"], ["resources.id"], name=op.f("fk_resource_tags_resource_id_resources")
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_resource_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("resource_id", "tag_id", name=op.f("pk_resource_tags")),
    )
    with op.batch_alter_table("resource_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resource_tags_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("resource_type", sa.String(length=40), nullable=False),
        sa.Column("base_resource_id", sa.Integer(), nullable=True),
        sa.Column("base_snapshot_id", sa.Integer(), nullable=True),
        sa.Column("parent_resource_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.Column("last_modified_on", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["base_resource_id"],
            ["resources.id"],
            name=op.f("fk_drafts_base_resource_id_resources"),
        ),
        sa.ForeignKeyConstraint(
            ["base_snapshot_id"],
            ["resource_snapshots.id"],
            name=op.f("fk_drafts_base_snapshot_id_resource_snapshots"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_drafts_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["parent_resource_id"],
            ["resources.id"],
            name=op.f("fk_drafts_parent_resource_id_resources"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_drafts_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_drafts_base_resource_id"), ["base_resource_id"], unique=False
        )
        batch_op.create_index("ix_drafts_owner", ["user_id", "resource_type"], unique=False)

    op.create_table(
        "job_swaps",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("swap_name", sa.String(), nullable=False),
        sa.Column("task_alias", sa.String(), nullable=False),
        sa.Column("plugin_file_snapshot_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["resources.id"], name=op.f("fk_job_swaps_job_id_resources")
        ),
        sa.ForeignKeyConstraint(
            ["plugin_file_snapshot_id"],
            ["resource_snapshots.id"],
            name=op.f("fk_job_swaps_plugin_file_snapshot_id_resource_snapshots"),
        ),
        sa.PrimaryKeyConstraint("job_id", "swap_name", name=op.f("pk_job_swaps")),
    )
    op.create_table(
        "plugin_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_snapshot_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("input_params", sa.JSON(), nullable=False),
        sa.Column("output_params", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_snapshot_id"],
            ["resource_snapshots.id"],
            name=op.f("fk_plugin_tasks_file_snapshot_id_resource_snapshots"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plugin_tasks")),
    )
    with op.batch_alter_table("plugin_tasks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plugin_tasks_file_snapshot_id"), ["file_snapshot_id"], unique=False
        )

    op.create_table(
        "snapshot_links",
        sa.Column("parent_snapshot_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("child_snapshot_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_snapshot_id"],
            ["resource_snapshots.id"],
            name=op.f("fk_snapshot_links_child_snapshot_id_resource_snapshots"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_snapshot_id"],
            ["resource_snapshots.id"],
            name=op.f("fk_snapshot_links_parent_snapshot_id_resource_snapshots"),
        ),
        sa.PrimaryKeyConstraint(
            "parent_snapshot_id", "role", "position", name=op.f("pk_snapshot_links")
        ),
    )
    with op.batch_alter_table("snapshot_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_snapshot_links_child_snapshot_id"), ["child_snapshot_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("snapshot_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_snapshot_links_child_snapshot_id"))

    op.drop_table("snapshot_links")
    with op.batch_alter_table("plugin_tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plugin_tasks_file_snapshot_id"))

    op.drop_table("plugin_tasks")
    op.drop_table("job_swaps")
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index("ix_drafts_owner")
        batch_op.drop_index(batch_op.f("ix_drafts_base_resource_id"))

    op.drop_table("drafts")
    with op.batch_alter_table("resource_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resource_tags_tag_id"))

    op.drop_table("resource_tags")
    with op.batch_alter_table("resource_snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resource_snapshots_resource_id"))
        batch_op.drop_index(batch_op.f("ix_resource_snapshots_name"))

    op.drop_table("resource_snapshots")
    with op.batch_alter_table("resource_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resource_links_child_id"))

    op.drop_table("resource_links")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_dispatch")

    op.drop_table("jobs")
    op.drop_table("job_metrics")
    with op.batch_alter_table("job_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_logs_job_id"))

    op.drop_table("job_logs")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_user_id"))

    op.drop_table("api_tokens")
    op.drop_table("tags")
    with op.batch_alter_table("resources", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_resources_live_name",
            sqlite_where=sa.text("deleted = 0"),
            postgresql_where=sa.text("NOT deleted"),
        )
        batch_op.drop_index("ix_resources_listing")

    op.drop_table("resources")
    with op.batch_alter_table("group_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_members_user_id"))

    op.drop_table("group_members")
    op.drop_table("groups")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_alternative_id"))

    op.drop_table("users")
