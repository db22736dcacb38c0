"""Transactions for the async job routes (event stream, uploads).

Those routes must not hold a database transaction while they wait on the network, so
they cannot take ``Ctx`` (one transaction around the whole route). Instead they run short
units of work, each in a worker thread with its own session, committed at its end.
"""

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from dioptra.server.api.v1.core.deps import RequestContext, logged_in_context
from dioptra.server.services.core.context import ServiceContext

T = TypeVar("T")


def _run(ctx: RequestContext, work: Callable[[ServiceContext], T]) -> T:
    try:
        ctx.authenticate()
        result = work(ctx)
        ctx.db.commit()
        return result
    except BaseException:
        ctx.db.rollback()
        raise
    finally:
        ctx.db.close()


async def in_transaction(request: Request, work: Callable[[ServiceContext], T]) -> T:
    """Runs ``work`` as the request's user, in one transaction, off the event loop."""
    ctx = await logged_in_context(request)
    return await run_in_threadpool(_run, ctx, work)
