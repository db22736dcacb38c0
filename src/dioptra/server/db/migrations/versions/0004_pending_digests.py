"""Artifacts may be registered before their sha256 is known.

A job's own outputs are registered with the size the store reported and no digest, so
saving an artifact costs no second read of its bytes; ``pending_digests`` lists the
artifacts whose sha256 the server still has to compute (and, for a local store, whose
files it still has to flush to disk). A row survives a crash of the server and is
picked up again when it restarts.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dioptra.server.db.base import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_digests",
        sa.Column("artifact_id", sa.Integer(), nullable=False),
        sa.Column("store_key", sa.String(), nullable=False),
        sa.Column("file_size", sa.BigInteger(), nullable=False),
        sa.Column("created_on", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["artifact_id"],
            ["resources.id"],
            name=op.f("fk_pending_digests_artifact_id_resources"),
        ),
        sa.PrimaryKeyConstraint("artifact_id", name=op.f("pk_pending_digests")),
    )


def downgrade() -> None:
    op.drop_table("pending_digests")
