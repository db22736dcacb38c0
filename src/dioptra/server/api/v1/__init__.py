"""REST API v1. Each family module exposes ``router``; ``api_router`` mounts them all."""

from fastapi import APIRouter

from dioptra.server.api.v1 import (
    artifacts,
    auth,
    entrypoint_routes,
    entrypoints,
    experiment_jobs,
    experiments,
    groups,
    job_events,
    job_outputs,
    jobs,
    models,
    parameter_types,
    plugin_files,
    plugins,
    queues,
    tags,
    tokens,
    users,
    workers,
    workflows,
)

# Order matters only where paths could collide; ids are typed (``{id:int}``) so they never
# swallow literal segments such as ``drafts`` or ``current``.
FAMILY_ROUTERS: list[APIRouter] = [
    auth.router,
    users.router,
    tokens.router,
    groups.router,
    tags.router,
    queues.router,
    parameter_types.router,
    plugins.router,
    plugin_files.router,
    entrypoints.router,
    entrypoint_routes.router,
    experiments.router,
    experiment_jobs.router,
    jobs.router,
    job_outputs.router,
    job_events.router,
    artifacts.router,
    models.router,
    workers.router,
    workflows.router,
]


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    for family_router in FAMILY_ROUTERS:
        router.include_router(family_router)
    return router
