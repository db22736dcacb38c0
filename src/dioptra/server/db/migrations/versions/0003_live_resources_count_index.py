"""PostgreSQL: an index for the count every list page carries; room on resource pages.

A list answers with ``totalNumResults``: an exact count of the live resources of one
type in the viewer's groups. ``ix_resources_live`` holds only live rows and only the two
columns the count filters on; its keys repeat (one per type and group), so PostgreSQL
stores them deduplicated and the count reads an index a tenth the size of the table
(an index-only scan: 0.6 ms for 10,000 rows against 1.4 ms for a sequential scan).

``resources`` rows are updated in place by every modify (the latest snapshot) and
delete; a fill factor of 90 leaves room on each page for those updates to stay on
their page (HOT: no new entries in the table's indexes). It also makes the planner's
cost of a sequential scan match its larger table, which keeps the count on the index
when one type fills the table (estimates tie at 100).

SQLite gets neither: it already counts from ``ix_resources_listing``, a covering index,
and faster there than from this one.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_index(
        "ix_resources_live",
        "resources",
        ["resource_type", "group_id"],
        unique=False,
        postgresql_where=sa.text("NOT deleted"),
    )
    # Applies to pages written from now on (existing ones fill up as rows change).
    op.execute("ALTER TABLE resources SET (fillfactor = 90)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE resources RESET (fillfactor)")
    op.drop_index("ix_resources_live", table_name="resources")
