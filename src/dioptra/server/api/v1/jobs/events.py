"""GET /jobs/{id}/events: a job's status, logs and metrics as server-sent events (ours).

``event: status|log|metric|end`` with ``data: <JSON>``. The stream first replays the
current status and every existing log record and metric value, then polls for new ones
(cheap indexed reads by cursor, in a worker thread, never on the event loop) and ends
with ``end`` after a final status. Comment lines keep idle connections open.
"""

import json
import time
from collections.abc import AsyncIterator

import anyio
from fastapi import Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import StreamingResponse

from dioptra.server.api.v1.core.deps import api_router
from dioptra.server.api.v1.jobs.context import in_transaction
from dioptra.server.services.core.context import Actor, ServiceContext
from dioptra.server.services.jobs.events import EventCursor, JobEvent, poll_events

router = api_router(tags=["jobs"])

POLL_SECONDS = 0.2
KEEPALIVE_SECONDS = 15.0


def format_event(event: JobEvent) -> str:
    lines = [f"event: {event.event}"]
    if event.id is not None:
        lines.append(f"id: {event.id}")
    lines.append(f"data: {json.dumps(event.data, separators=(',', ':'))}")
    return "\n".join(lines) + "\n\n"


def _poll(request: Request, actor: Actor, job_id: int, cursor: EventCursor) -> list[JobEvent]:
    """One read, as the user who opened the stream (authenticated once: a job token
    dies with its job, and the stream must still deliver the end)."""
    engine = request.app.state.dioptra.engine
    with Session(bind=engine, expire_on_commit=False) as db:
        return poll_events(ServiceContext(db=db, actor=actor), job_id, cursor)


@router.get(
    "/jobs/{id:int}/events",
    summary="Follow a job: status, log and metric events, then end (text/event-stream)",
    response_class=StreamingResponse,
)
async def job_events(request: Request, id: int) -> StreamingResponse:
    def opening(ctx: ServiceContext) -> tuple[Actor, list[JobEvent]]:
        cursor_events = poll_events(ctx, id, cursor)  # 404 / 403 before the stream starts
        return ctx.user, cursor_events

    cursor = EventCursor()
    actor, first = await in_transaction(request, opening)

    async def stream() -> AsyncIterator[str]:
        for event in first:
            yield format_event(event)
        last_sent = time.monotonic()
        while not cursor.ended:
            await anyio.sleep(POLL_SECONDS)
            if await request.is_disconnected():
                return
            events = await run_in_threadpool(_poll, request, actor, id, cursor)
            for event in events:
                yield format_event(event)
            if events:
                last_sent = time.monotonic()
            elif time.monotonic() - last_sent >= KEEPALIVE_SECONDS:
                yield ": keepalive\n\n"
                last_sent = time.monotonic()

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)
