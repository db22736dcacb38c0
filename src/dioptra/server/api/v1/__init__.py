"""REST API v1. Each family module exposes ``router``; ``api_router`` mounts them all."""

from fastapi import APIRouter

from dioptra.server.api.v1.accounts import auth, groups, tokens, users
from dioptra.server.api.v1.artifacts import artifacts
from dioptra.server.api.v1.core import tags, workflows
from dioptra.server.api.v1.entrypoints import entrypoints
from dioptra.server.api.v1.entrypoints import routes as entrypoint_routes
from dioptra.server.api.v1.experiments import experiments
from dioptra.server.api.v1.jobs import events as job_events
from dioptra.server.api.v1.jobs import experiment_jobs, jobs
from dioptra.server.api.v1.jobs import outputs as job_outputs
from dioptra.server.api.v1.ml_models import ml_models
from dioptra.server.api.v1.plugins import files as plugin_files
from dioptra.server.api.v1.plugins import parameter_types, plugins
from dioptra.server.api.v1.workers import queues, workers

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
    ml_models.router,
    workers.router,
    workflows.router,
]


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    for resource_router in FAMILY_ROUTERS:
        router.include_router(resource_router)
    return router
