"""Domain errors. The class name is what clients see as ``error`` in the error body, so
names follow Dioptra's; the API layer maps each class to an HTTP status."""

from __future__ import annotations

from typing import Any


def _with_attributes(attributes: dict[str, Any]) -> str:
    """Renders ``key having value (v)`` pairs the way Dioptra's messages do."""
    parts = [f"{key} having value ({value})" for key, value in attributes.items()]
    if not parts:
        return ""
    if len(parts) == 1:
        return " with " + parts[0]
    return " with " + ", ".join(parts[:-1]) + ", and " + parts[-1]


class DioptraError(Exception):
    """Base class; anything not mapped more precisely is a 400."""

    def __init__(self, message: str, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail: dict[str, Any] = detail or {}


class EntityDoesNotExistError(DioptraError):
    def __init__(self, entity_type: str, display_name: str, **attributes: Any) -> None:
        super().__init__(
            f"Failed to locate {display_name}{_with_attributes(attributes)}.",
            {"entity_type": entity_type, **attributes},
        )


class EntityExistsError(DioptraError):
    def __init__(
        self, entity_type: str, display_name: str, existing_id: int, **attributes: Any
    ) -> None:
        super().__init__(
            f"The {display_name}{_with_attributes(attributes)} already exists.",
            {
                "entity_type": entity_type,
                "existing_id": existing_id,
                "entity_attributes": attributes,
            },
        )


class EntityDeletedError(DioptraError):
    def __init__(
        self, entity_type: str, display_name: str, existing_id: int, **attributes: Any
    ) -> None:
        super().__init__(
            f"The {display_name}{_with_attributes(attributes)} is deleted.",
            {"entity_type": entity_type, "existing_id": existing_id, **attributes},
        )


class LockError(DioptraError):
    """A lock forbids the change (403)."""


class ReadOnlyLockError(LockError):
    def __init__(self, display_name: str, **attributes: Any) -> None:
        super().__init__(
            f"The {display_name} type{_with_attributes(attributes)} has a read-only lock "
            "and cannot be modified."
        )


class GroupPermissionError(LockError):
    """The user belongs to the group but lacks the permission the action needs (403)."""


class ResourceNameError(DioptraError):
    pass


class SortParameterValidationError(DioptraError):
    def __init__(self, entity_display: str, column: str) -> None:
        super().__init__(f"The sort parameter, {column}, for {entity_display} is not sortable.")


class QueryParameterValidationError(DioptraError):
    def __init__(self, parameter: str, constraint: str, **attributes: Any) -> None:
        super().__init__(
            f"Input parameters for {parameter} failed {constraint} check"
            f"{_with_attributes(attributes)}."
        )


class DraftDoesNotExistError(DioptraError):
    def __init__(self, **attributes: Any) -> None:
        super().__init__(f"The requested draft{_with_attributes(attributes)} does not exist.")


class DraftAlreadyExistsError(DioptraError):
    def __init__(self, resource_type: str, resource_id: int) -> None:
        super().__init__(f"A draft for a [{resource_type}] with id: {resource_id} already exists.")


class DraftSnapshotIdInvalidError(DioptraError):
    def __init__(self, resource_id: int, snapshot_id: int) -> None:
        super().__init__(
            f"Resource snapshot {snapshot_id} is not a snapshot of resource {resource_id}"
        )


class DraftModificationRequiredError(DioptraError):
    def __init__(self, draft_id: int) -> None:
        super().__init__(f"Must be a draft modification: {draft_id}")


class InvalidDraftBaseResourceSnapshotError(DioptraError):
    def __init__(self, base_snapshot_id: int, provided_snapshot_id: int) -> None:
        super().__init__(
            "The provided resource snapshot must be greater than or equal to the base "
            "resource snapshot.",
            {
                "base_resource_snapshot_id": base_snapshot_id,
                "provided_resource_snapshot_id": provided_snapshot_id,
            },
        )


class DraftResourceModificationsCommitError(DioptraError):
    """The resource changed since the draft was based on it. The API adds both snapshots,
    rendered, to ``detail`` (it knows how each family renders)."""

    def __init__(
        self,
        resource_type: str,
        resource_id: int,
        draft_payload: dict[str, Any],
        base_snapshot_id: int,
        curr_snapshot_id: int,
    ) -> None:
        super().__init__(
            f"Draft modifications for a [{resource_type}] with id: {resource_id} "
            "could not be committed.",
            {
                "reason": f"The {resource_type} has been modified since this draft was created.",
                "draft": draft_payload,
                "base_snapshot_id": base_snapshot_id,
                "curr_snapshot_id": curr_snapshot_id,
            },
        )
        self.resource_type = resource_type


class NoCurrentUserError(DioptraError):
    def __init__(self) -> None:
        super().__init__("There is no currently logged-in user.")


class UserAuthenticationError(DioptraError):
    def __init__(self) -> None:
        super().__init__("Invalid username or password.")


class UserPasswordError(DioptraError):
    """The password given to confirm an action is wrong (401)."""


class UserPasswordChangeError(DioptraError):
    """A password change was refused (403)."""


class OriginNotAllowedError(DioptraError):
    """A browser sent a state-changing request from a foreign page (403)."""

    def __init__(self, origin: str) -> None:
        super().__init__(f"Requests from origin {origin} may not change anything here.")


class RegistrationClosedError(DioptraError):
    """The operator closed open registration (403)."""

    def __init__(self) -> None:
        super().__init__(
            "Registration is closed on this server; ask an administrator for an account."
        )


class GroupNeedsAManagerError(DioptraError):
    def __init__(self, user_id: int, group_id: int) -> None:
        super().__init__(
            f"Can't remove manager {user_id} from group {group_id}: group would have no managers"
        )


class EntityRelationshipDoesNotExistError(DioptraError):
    """Both things exist but are not related, e.g. a task outside a plugin snapshot (404)."""

    def __init__(self, entity_types: list[str], **attributes: int) -> None:
        where = ", and ".join(f"{key} having value ({value})" for key, value in attributes.items())
        super().__init__(
            f"Failed to locate relationship between {entity_types} with {where}.",
            {"entity_types": entity_types, **attributes},
        )


class RetryLaterError(DioptraError):
    """Refused for now; the response says when to try again (``Retry-After``)."""

    def __init__(self, message: str, retry_after_seconds: int, detail: dict[str, Any]) -> None:
        super().__init__(message, {**detail, "retry_after_seconds": retry_after_seconds})
        self.retry_after_seconds = retry_after_seconds


class TooManyPasswordAttemptsError(RetryLaterError):
    """Too many wrong passwords lately for this account or from this client (429)."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"Too many failed password attempts; try again in {retry_after_seconds} seconds.",
            retry_after_seconds,
            {},
        )


class PasswordChecksBusyError(RetryLaterError):
    """More password checks are waiting than the server lets queue (503)."""

    def __init__(self) -> None:
        super().__init__(
            "The server is busy checking other passwords; try again in a moment.", 1, {}
        )


class GroupOwnerError(DioptraError):
    """The owner's membership may not be reduced or removed (403)."""

    def __init__(self, user_id: int, group_id: int) -> None:
        super().__init__(
            f"User {user_id} owns group {group_id}: the owner stays a member with read, "
            "write and admin permissions (ownership can't be handed over yet).",
            {"user_id": user_id, "group_id": group_id},
        )
