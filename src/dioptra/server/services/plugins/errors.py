"""Errors of the plugin family. Class names are what clients see as ``error``."""

from __future__ import annotations

from dioptra.server.services.core.errors import DioptraError


class PluginTaskDoesNotExistError(DioptraError):
    """No task has this id (404, mapped by the API)."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"The plugin task with task_id having value ({task_id}) does not exist.")
