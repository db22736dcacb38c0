"""The sha256 of artifacts registered without one, computed after the job moved on.

A job that writes its outputs into the store itself registers them with their size only
(reading 500 MB for its digest would cost the job more than writing it), and
``artifacts.register`` leaves a ``pending_digests`` row. Here the server reads each
such object once, makes a local store's files durable on disk, and records the sha256
in every snapshot of the artifact that still lacks it. Until then the artifact shows
``sha256: null``. Rows are kept in the database, so a server that dies mid-way picks
them up again when it restarts; two servers on one database may both digest an
artifact, and record the same value.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from dioptra.server.db.engine import writer_bind
from dioptra.server.db.tables import PendingDigest, ResourceSnapshot
from dioptra.server.services.background.running import running_every
from dioptra.storage import ArtifactStore, StorageError

LOGGER = logging.getLogger(__name__)
# A digest that failed this often (the object is gone, or its size changed), once per
# pass, is left for an operator: its row keeps the last error.
MAX_ATTEMPTS = 5
BATCH = 20


@dataclass(frozen=True)
class DigestOutcome:
    artifact_id: int
    sha256: str | None
    error: str | None = None


def _compute(store: ArtifactStore, pending: PendingDigest) -> DigestOutcome:
    try:
        stored = store.digest(pending.store_key)
    except StorageError as error:  # ObjectNotFoundError included
        return DigestOutcome(pending.artifact_id, None, f"cannot read the stored object: {error}")
    if stored.size != pending.file_size:
        return DigestOutcome(
            pending.artifact_id,
            None,
            f"{stored.size} bytes are stored, but {pending.file_size} were registered",
        )
    return DigestOutcome(pending.artifact_id, stored.sha256)


def _record(db: Session, outcome: DigestOutcome) -> None:
    # The row lock orders this against ``artifacts.modify``, which takes it before it
    # copies the latest payload into a new snapshot (PostgreSQL; SQLite runs one write
    # transaction at a time anyway).
    locked = db.scalar(
        select(PendingDigest.artifact_id)
        .where(PendingDigest.artifact_id == outcome.artifact_id)
        .with_for_update()
    )
    if locked is None:
        return  # another server recorded it first
    if outcome.sha256 is None:
        db.execute(
            update(PendingDigest)
            .where(PendingDigest.artifact_id == outcome.artifact_id)
            .values(attempts=PendingDigest.attempts + 1, last_error=outcome.error)
        )
        return
    snapshots = db.scalars(
        select(ResourceSnapshot).where(ResourceSnapshot.resource_id == outcome.artifact_id)
    )
    for snapshot in snapshots:
        if snapshot.payload.get("sha256") is None:
            # The digest completes the snapshot's record of bytes that never change;
            # a new dict, for the JSON column to see the change.
            snapshot.payload = {**snapshot.payload, "sha256": outcome.sha256}
    db.execute(delete(PendingDigest).where(PendingDigest.artifact_id == outcome.artifact_id))


def digest_pending_once(
    engine: Engine, store: ArtifactStore | Callable[[], ArtifactStore], *, limit: int = BATCH
) -> list[DigestOutcome]:
    """Digests up to ``limit`` pending artifacts; returns what became of each.

    ``store`` may be a callable, called only when something is pending. The reads run
    outside any transaction; each result is recorded in a short one of its own.
    """
    with Session(bind=engine, expire_on_commit=False) as db:
        pending = list(
            db.scalars(
                select(PendingDigest)
                .where(PendingDigest.attempts < MAX_ATTEMPTS)
                .order_by(PendingDigest.created_on)
                .limit(limit)
            )
        )
    if not pending:
        return []
    opened = store() if callable(store) else store
    outcomes = []
    for row in pending:
        outcome = _compute(opened, row)
        with Session(bind=writer_bind(engine)) as db:
            _record(db, outcome)
            db.commit()
        if outcome.error is not None:
            LOGGER.error(
                "cannot compute the sha256 of artifact %s (%s): %s",
                row.artifact_id,
                row.store_key,
                outcome.error,
            )
        outcomes.append(outcome)
    return outcomes


def digests_running(
    engine: Engine, store: Callable[[], ArtifactStore], interval_seconds: float
) -> AbstractAsyncContextManager[None]:
    """Digests what is pending every ``interval_seconds`` while the block runs, the
    first time at once (what a stopped server left); a non-positive interval runs
    nothing."""

    def drain() -> None:
        # A full batch may leave more; failures wait for the next pass.
        while True:
            outcomes = digest_pending_once(engine, store)
            if len(outcomes) < BATCH or any(o.error is not None for o in outcomes):
                return

    return running_every(interval_seconds, drain, name="artifact digests", first_after=0)
