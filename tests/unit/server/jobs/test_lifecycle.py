"""The job lifecycle, tested through its services without HTTP: every allowed and refused
move, the claim (exactly once among racing claimants), cancel and timeout races, delete,
and the watchdog that fails jobs whose worker fell silent."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import get_args

import pytest
import sqlalchemy as sa
from lifecycle_testing import World

from dioptra import job_states
from dioptra.job_states import (
    CANCELLED,
    DEFERRED,
    FAILED,
    FINISHED,
    QUEUED,
    RESET,
    STARTED,
    TIMEOUT,
)
from dioptra.server.api.v1.jobs.jobs import RequestedStatus
from dioptra.server.db.tables import (
    ApiToken,
    GroupMember,
    Job,
    JobLog,
    Resource,
    ResourceSnapshot,
    Worker,
)
from dioptra.server.services.accounts import auth, users
from dioptra.server.services.accounts.passwords import Passwords
from dioptra.server.services.background import watchdog
from dioptra.server.services.core.context import ServiceContext
from dioptra.server.services.jobs import jobs, lifecycle
from dioptra.server.services.jobs.errors import (
    JobInvalidStatusTransitionError,
    JobNotQueuedError,
)

NewJob = Callable[[], int]
CHEAP = Passwords(time_cost=1, memory_kib=1024, parallelism=1)
# Reports that bring a queued job into each status.
PATH_TO: dict[str, list[str]] = {
    QUEUED: [],
    STARTED: [STARTED],
    DEFERRED: [DEFERRED],
    FINISHED: [STARTED, FINISHED],
    FAILED: [STARTED, FAILED],
    CANCELLED: [CANCELLED],
    TIMEOUT: [STARTED, TIMEOUT],
}
ALLOWED = {
    (QUEUED, STARTED),
    (QUEUED, DEFERRED),
    (QUEUED, CANCELLED),
    (STARTED, FINISHED),
    (STARTED, FAILED),
    (STARTED, CANCELLED),
    (STARTED, TIMEOUT),
    (DEFERRED, STARTED),
    (DEFERRED, CANCELLED),
} | {(status, RESET) for status in job_states.STATUSES}


def report(world: World, job_id: int, requested: str, message: str | None = None) -> None:
    with world.session() as db:
        lifecycle.report(world.ctx(db), job_id, requested, message)
        db.commit()


def row_of(world: World, job_id: int) -> Job:
    with world.session() as db:
        row = db.get(Job, job_id)
        assert row is not None
        db.expunge(row)
        return row


def statuses_recorded(world: World, job_id: int) -> list[str]:
    """The status of each snapshot of the job, oldest first."""
    with world.session() as db:
        payloads = db.scalars(
            sa.select(ResourceSnapshot.payload)
            .where(ResourceSnapshot.resource_id == job_id)
            .order_by(ResourceSnapshot.id)
        )
        return [str(payload["status"]) for payload in payloads]


def claim(world: World, job_id: int, worker: str, now: dt.datetime | None = None) -> None:
    with world.session() as db:
        lifecycle.claim(world.ctx(db), job_id, worker, now=now)
        db.commit()


# -- the table -----------------------------------------------------------------------------


def test_the_names_are_the_api_s_and_the_table_covers_every_status() -> None:
    assert get_args(RequestedStatus) == job_states.REQUESTABLE
    assert set(lifecycle.TRANSITIONS) == set(job_states.STATUSES)
    assert all(not lifecycle.TRANSITIONS[status] for status in job_states.TERMINAL)


def test_a_new_job_is_queued_in_its_row_and_its_snapshot(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    row = row_of(world, job_id)
    assert (row.status, row.queue_name, row.cancel_requested) == (QUEUED, "q", False)
    assert row.enqueued_on is not None
    assert statuses_recorded(world, job_id) == [QUEUED]


@pytest.mark.parametrize("current", job_states.STATUSES)
def test_every_move_from_a_status(world: World, new_job: NewJob, current: str) -> None:
    for requested in job_states.REQUESTABLE:
        job_id = new_job()
        for step in PATH_TO[current]:
            report(world, job_id, step)
        before = statuses_recorded(world, job_id)
        assert row_of(world, job_id).status == current
        if (current, requested) in ALLOWED:
            report(world, job_id, requested, "why")
            expected = QUEUED if requested == RESET else requested
            row = row_of(world, job_id)
            assert (row.status, row.error) == (expected, "why")
            assert statuses_recorded(world, job_id) == [*before, expected]
        else:
            with pytest.raises(JobInvalidStatusTransitionError):
                report(world, job_id, requested)
            assert row_of(world, job_id).status == current
            assert statuses_recorded(world, job_id) == before


def test_an_unknown_status_is_refused(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    with pytest.raises(JobInvalidStatusTransitionError):
        report(world, job_id, "paused")
    assert row_of(world, job_id).status == QUEUED


def test_the_side_effects_of_ending_and_of_reset(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    claim(world, job_id, "w1")
    with world.session() as db:
        auth.create_token(world.ctx(db), "job token", None, job_id=job_id)
        db.commit()
    report(world, job_id, FINISHED)
    ended = row_of(world, job_id)
    assert ended.finished_on is not None
    with world.session() as db:
        assert db.scalars(sa.select(ApiToken.revoked).where(ApiToken.job_id == job_id)).all() == [
            True
        ]

    with world.session() as db:
        change = lifecycle.report(world.ctx(db), job_id, RESET)
        db.commit()
    assert (change.requeued, change.queue_name) == (True, "q")
    row = row_of(world, job_id)
    assert (row.status, row.worker_id, row.started_on, row.finished_on) == (
        QUEUED,
        None,
        None,
        None,
    )


# -- claim ---------------------------------------------------------------------------------


def test_a_claim_starts_the_job_for_its_worker(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    now = dt.datetime(2030, 1, 2, tzinfo=dt.UTC)
    claim(world, job_id, "w1", now)
    row = row_of(world, job_id)
    assert (row.status, row.worker_id, row.started_on, row.heartbeat_on) == (
        STARTED,
        "w1",
        now,
        now,
    )
    assert statuses_recorded(world, job_id) == [QUEUED, STARTED]
    with pytest.raises(JobNotQueuedError):
        claim(world, job_id, "w2")
    assert row_of(world, job_id).worker_id == "w1"


def test_the_views_a_claim_and_a_report_return_are_the_job_as_stored(
    world: World, new_job: NewJob
) -> None:
    """A claim given the job's view read before it (it writes from that) returns the job
    as stored, as a report does (the job's JSON of the claim and the status route is
    rendered from them)."""
    job_id = new_job()
    with world.session() as db:
        ctx = world.ctx(db)
        before = jobs.get_job(ctx, job_id)
        _row, claimed = lifecycle.claim(ctx, job_id, "w1", latest=before)
        db.commit()
    with world.session() as db:
        assert claimed == jobs.get_job(world.ctx(db), job_id)
    with world.session() as db:
        change = lifecycle.report(world.ctx(db), job_id, FINISHED, "done")
        db.commit()
    with world.session() as db:
        assert change.view == jobs.get_job(world.ctx(db), job_id)
    assert (claimed.payload["status"], change.view.payload["status"]) == (STARTED, FINISHED)


def test_exactly_one_of_many_racing_claimants_wins(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    barrier = threading.Barrier(6)
    won: list[str] = []
    lost: list[str] = []

    def race(worker: str) -> None:
        barrier.wait()
        try:
            claim(world, job_id, worker)
        except JobNotQueuedError:
            lost.append(worker)
        else:
            won.append(worker)

    threads = [threading.Thread(target=race, args=(f"w{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1 and len(lost) == 5
    assert row_of(world, job_id).worker_id == won[0]
    assert statuses_recorded(world, job_id) == [QUEUED, STARTED]


def test_a_cancelled_or_ended_job_cannot_be_claimed(world: World, new_job: NewJob) -> None:
    for steps in ([CANCELLED], [DEFERRED], [STARTED, FINISHED]):
        job_id = new_job()
        for step in steps:
            report(world, job_id, step)
        with pytest.raises(JobNotQueuedError):
            claim(world, job_id, "w1")


# -- cancel, timeout and their races ---------------------------------------------------------


def cancel(world: World, job_id: int) -> None:
    with world.session() as db:
        lifecycle.cancel(world.ctx(db), job_id)
        db.commit()


def test_cancel_before_the_claim_wins_over_the_claim(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    cancel(world, job_id)
    assert (row_of(world, job_id).status, row_of(world, job_id).error) == (
        CANCELLED,
        "Cancelled by ann.",
    )
    with pytest.raises(JobNotQueuedError):
        claim(world, job_id, "w1")


def test_cancel_of_a_running_job_asks_its_worker(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    claim(world, job_id, "w1")
    cancel(world, job_id)
    row = row_of(world, job_id)
    assert (row.status, row.cancel_requested) == (STARTED, True)
    assert row.error == "Cancellation requested by ann."
    # The request is recorded in a snapshot of the same status.
    assert statuses_recorded(world, job_id) == [QUEUED, STARTED, STARTED]
    report(world, job_id, CANCELLED, "stopped")
    assert row_of(world, job_id).status == CANCELLED


def test_a_timeout_reported_after_a_cancel_request_ends_the_job(
    world: World, new_job: NewJob
) -> None:
    job_id = new_job()
    claim(world, job_id, "w1")
    cancel(world, job_id)
    report(world, job_id, TIMEOUT, "ran past 1h")
    assert row_of(world, job_id).status == TIMEOUT
    # The worker's cancelled report, late, and another cancel find the job ended.
    with pytest.raises(JobInvalidStatusTransitionError):
        report(world, job_id, CANCELLED)
    with pytest.raises(JobInvalidStatusTransitionError):
        cancel(world, job_id)
    assert statuses_recorded(world, job_id) == [QUEUED, STARTED, STARTED, TIMEOUT]


def test_cancel_and_timeout_racing_leave_one_ending(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    claim(world, job_id, "w1")
    barrier = threading.Barrier(2)
    refused: list[str] = []

    def move(requested: str) -> None:
        barrier.wait()
        try:
            report(world, job_id, requested)
        except JobInvalidStatusTransitionError:
            refused.append(requested)

    threads = [threading.Thread(target=move, args=(status,)) for status in (CANCELLED, TIMEOUT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(refused) == 1
    final = row_of(world, job_id).status
    assert final in {CANCELLED, TIMEOUT} and final not in refused
    assert statuses_recorded(world, job_id) == [QUEUED, STARTED, final]


# -- delete ----------------------------------------------------------------------------------


def test_delete_cancels_a_job_that_has_not_ended(world: World, new_job: NewJob) -> None:
    queued, running, ended = new_job(), new_job(), new_job()
    claim(world, running, "w1")
    report(world, ended, CANCELLED)
    for job_id in (queued, running, ended):
        with world.session() as db:
            lifecycle.delete(world.ctx(db), job_id)
            db.commit()
    assert [row_of(world, job_id).status for job_id in (queued, running, ended)] == [CANCELLED] * 3
    assert row_of(world, running).cancel_requested is True
    assert row_of(world, queued).cancel_requested is False
    assert statuses_recorded(world, running) == [QUEUED, STARTED, CANCELLED]
    assert statuses_recorded(world, ended) == [QUEUED, CANCELLED]


# -- the watchdog ----------------------------------------------------------------------------

GRACE = dt.timedelta(seconds=30)


def silent_since(world: World, job_id: int, seconds: float) -> None:
    with world.session() as db:
        db.execute(
            sa.update(Job)
            .where(Job.resource_id == job_id)
            .values(heartbeat_on=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds))
        )
        db.commit()


def fail_orphans(world: World) -> list[int]:
    with world.session() as db:
        failed = lifecycle.fail_orphans(world.ctx(db), grace=GRACE)
        db.commit()
    return failed


def test_the_watchdog_fails_only_jobs_whose_worker_fell_silent(
    world: World, new_job: NewJob
) -> None:
    silent, alive, waiting = new_job(), new_job(), new_job()
    claim(world, silent, "w1")
    claim(world, alive, "w2")
    silent_since(world, silent, 3600)
    assert fail_orphans(world) == [silent]
    row = row_of(world, silent)
    assert (row.status, row.error) == (FAILED, "worker w1 stopped responding")
    assert row.finished_on is not None
    assert statuses_recorded(world, silent) == [QUEUED, STARTED, FAILED]
    assert [row_of(world, job).status for job in (alive, waiting)] == [STARTED, QUEUED]
    with world.session() as db:
        logged = db.scalars(sa.select(JobLog.message).where(JobLog.job_id == silent)).all()
    assert logged == ["worker w1 stopped responding"]
    assert fail_orphans(world) == []


def test_the_watchdog_fails_a_deleted_job_without_a_snapshot(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    claim(world, job_id, "w1")
    with world.session() as db:  # deleted behind the lifecycle's back (e.g. older data)
        db.execute(sa.update(Resource).where(Resource.id == job_id).values(deleted=True))
        db.commit()
    silent_since(world, job_id, 3600)
    assert fail_orphans(world) == [job_id]
    assert row_of(world, job_id).status == FAILED
    assert statuses_recorded(world, job_id) == [QUEUED, STARTED]


def test_a_heartbeat_after_the_scan_saves_the_job(world: World, new_job: NewJob) -> None:
    job_id = new_job()
    claim(world, job_id, "w1")
    silent_since(world, job_id, 10)  # within the grace period
    assert fail_orphans(world) == []
    assert watchdog.run_watchdog_once(world.engine, GRACE) == []
    silent_since(world, job_id, 3600)
    assert watchdog.run_watchdog_once(world.engine, GRACE) == [job_id]


# -- queued jobs that no worker with access serves ------------------------------------------


def note_unserved(world: World) -> list[int]:
    with world.session() as db:
        changed = lifecycle.note_unserved(world.ctx(db), grace=GRACE)
        db.commit()
    return changed


def live_worker(world: World, user_id: int, queue: str, seconds_ago: float = 0) -> None:
    at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds_ago)
    with world.session() as db:
        db.merge(
            Worker(
                worker_id=f"w-{user_id}",
                queue_name=queue,
                user_id=user_id,
                first_seen_on=at,
                heartbeat_on=at,
            )
        )
        db.commit()


def test_a_queued_job_says_while_no_live_worker_with_access_serves_its_queue(
    world: World, new_job: NewJob
) -> None:
    job_id = new_job()
    assert note_unserved(world) == []  # just submitted: workers get the grace period
    with world.session() as db:
        bob = users.register(ServiceContext(db=db, passwords=CHEAP), "bob", "b@x.org", "p", "p").id
        # Bob may read the group but not write to it: his worker may not run the job.
        db.execute(sa.update(GroupMember).where(GroupMember.user_id == bob).values(write=False))
        old = dt.datetime.now(dt.UTC) - 2 * GRACE
        db.execute(sa.update(Job).where(Job.resource_id == job_id).values(enqueued_on=old))
        db.commit()
    waiting = lifecycle.unserved_message("public", "q")
    live_worker(world, bob, "q")
    assert note_unserved(world) == [job_id]
    assert row_of(world, job_id).error == waiting
    assert note_unserved(world) == []  # said once
    live_worker(world, world.actor.user_id, "*")  # serves every queue
    assert note_unserved(world) == [job_id]
    assert row_of(world, job_id).error is None
    live_worker(world, world.actor.user_id, "*", seconds_ago=2 * GRACE.total_seconds())
    assert note_unserved(world) == [job_id]
    assert statuses_recorded(world, job_id) == [QUEUED] * 4
    claim(world, job_id, "w1")
    assert row_of(world, job_id).error is None
    assert note_unserved(world) == []
