"""GET /health (outside /api/v1, as in Dioptra)."""

from starlette.responses import Response

from dioptra import __version__
from dioptra.server.api.v1.core.deps import api_router
from dioptra.server.api.v1.core.wire import OutModel, ok

router = api_router(prefix="", tags=["health"])


class HealthOut(OutModel):
    status: str
    version: str


@router.get("/health", response_model=HealthOut, summary="Liveness check")
def health() -> Response:
    return ok({"status": "healthy", "version": __version__})
