"""Jobs record what they run (experiment, entrypoint, queue); workers record liveness.

The ``jobs`` columns serve the job lists (filter by experiment, sort by the names of
what a job runs) without reading JSON; ``workers`` holds one row per (worker, queue) it
serves, refreshed by every heartbeat, so the server can tell whether a queue is served
and which running jobs lost their worker. ``job_metrics.recorded_on`` is the server time
a value arrived (``timestamp`` may come from the client): the live event stream's cursor.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dioptra.server.db.base import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("experiment_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("entrypoint_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("queue_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_jobs_experiment_id_resources"), "resources", ["experiment_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_jobs_entrypoint_id_resources"), "resources", ["entrypoint_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_jobs_queue_id_resources"), "resources", ["queue_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_jobs_experiment_id"), ["experiment_id"])
        batch_op.create_index("ix_jobs_watchdog", ["status", "heartbeat_on"])

    with op.batch_alter_table("job_metrics", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_on", UTCDateTime(), nullable=True))
        batch_op.create_index("ix_job_metrics_recorded", ["job_id", "recorded_on"])

    op.create_table(
        "workers",
        sa.Column("worker_id", sa.String(), nullable=False),
        sa.Column("queue_name", sa.String(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("first_seen_on", UTCDateTime(), nullable=False),
        sa.Column("heartbeat_on", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_workers_user_id_users")),
        sa.PrimaryKeyConstraint("worker_id", "queue_name", name=op.f("pk_workers")),
    )
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.create_index("ix_workers_liveness", ["queue_name", "heartbeat_on"])


def downgrade() -> None:
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.drop_index("ix_workers_liveness")
    op.drop_table("workers")
    with op.batch_alter_table("job_metrics", schema=None) as batch_op:
        batch_op.drop_index("ix_job_metrics_recorded")
        batch_op.drop_column("recorded_on")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_watchdog")
        batch_op.drop_index(batch_op.f("ix_jobs_experiment_id"))
        batch_op.drop_constraint(batch_op.f("fk_jobs_queue_id_resources"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_jobs_entrypoint_id_resources"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_jobs_experiment_id_resources"), type_="foreignkey")
        batch_op.drop_column("queue_id")
        batch_op.drop_column("entrypoint_id")
        batch_op.drop_column("experiment_id")
