"""Python client for the Dioptra REST API (compatible with Dioptra 1.2's client).

from dioptra.client import connect_json_dioptra_client

client = connect_json_dioptra_client("http://localhost:8000")
client.auth.login("alice", "secret")
queue = client.queues.create(group_id=1, name="default")
"""

from .client import DioptraClient, connect_json_dioptra_client, connect_response_dioptra_client
from .errors import (
    APIConnectionError,
    BadRequestError,
    ConflictError,
    DioptraClientError,
    DraftFieldsValidationError,
    FieldNameCollisionError,
    FieldsValidationError,
    ForbiddenError,
    IllegalArgumentError,
    JobEventStreamClosedError,
    JobWaitTimeoutError,
    JSONDecodeError,
    LockedError,
    NotFoundError,
    ServerError,
    StatusCodeError,
    SubCollectionUrlError,
    UnauthorizedError,
    ValidationError,
)
from .files import DioptraFile
from .jobs import JobEvent
from .responses import DioptraResponse
from .utils import FileTypes, select_files_in_directory, select_one_or_more_files

__all__ = [
    "APIConnectionError",
    "BadRequestError",
    "ConflictError",
    "DioptraClient",
    "DioptraClientError",
    "DioptraFile",
    "DioptraResponse",
    "DraftFieldsValidationError",
    "FieldNameCollisionError",
    "FieldsValidationError",
    "FileTypes",
    "ForbiddenError",
    "IllegalArgumentError",
    "JSONDecodeError",
    "JobEvent",
    "JobEventStreamClosedError",
    "JobWaitTimeoutError",
    "LockedError",
    "NotFoundError",
    "ServerError",
    "StatusCodeError",
    "SubCollectionUrlError",
    "UnauthorizedError",
    "ValidationError",
    "connect_json_dioptra_client",
    "connect_response_dioptra_client",
    "select_files_in_directory",
    "select_one_or_more_files",
]
