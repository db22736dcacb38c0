"""REST API v1. Each family module exposes ``router``; ``api_router`` mounts them all."""

from collections.abc import Iterable

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from dioptra.server.api.v1.accounts import auth, groups, tokens, users
from dioptra.server.api.v1.artifacts import artifacts
from dioptra.server.api.v1.core import tags, workflows
from dioptra.server.api.v1.core.deps import install_routes
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


def install_api(app: FastAPI) -> None:
    """Adds every route of the API to the app (held by the app, see ``install_routes``)."""
    install_routes(app, FAMILY_ROUTERS)


def route_paths(routers: Iterable[APIRouter]) -> list[str]:
    """The path template of every route of ``routers`` (``/api/v1/queues/``)."""
    return [
        route.path for router in routers for route in router.routes if isinstance(route, APIRoute)
    ]


def api_route_paths() -> list[str]:
    """Every API route's path template."""
    return route_paths(FAMILY_ROUTERS)
