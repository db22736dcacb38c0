"""Finding resources by name, and reading every page of a listing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

from dioptra.cli.commands.connection import Client
from dioptra.cli.commands.errors import CliError
from dioptra.client import NotFoundError

PAGE_LENGTH: Final = 100
# Characters the search language treats specially inside a quoted value.
_SEARCH_SPECIALS: Final = frozenset('\\*?"')

PageFetcher = Callable[[int, int], dict[str, Any]]


def exact_name_search(name: str) -> str:
    """A `search=` query matching the name exactly (quoted, wildcards escaped)."""
    escaped = "".join(
        "\\n" if char == "\n" else f"\\{char}" if char in _SEARCH_SPECIALS else char
        for char in name
    )
    return f'name:"{escaped}"'


def all_items(fetch: PageFetcher, page_length: int = PAGE_LENGTH) -> Iterator[dict[str, Any]]:
    """Every item of a paged listing; `fetch(index, page_length)` returns one page."""
    index = 0
    while True:
        page = fetch(index, page_length)
        items = page.get("data", [])
        yield from items
        if page.get("isComplete", True) or not items:
            return
        index += len(items)


def first_items(fetch: PageFetcher, limit: int) -> list[dict[str, Any]]:
    """At most `limit` items of a paged listing."""
    found: list[dict[str, Any]] = []
    for item in all_items(fetch, min(limit, PAGE_LENGTH)):
        found.append(item)
        if len(found) >= limit:
            break
    return found


def find_by_name(
    kind: str,
    name: str,
    fetch: Callable[..., dict[str, Any]],
    group_id: int | None = None,
) -> dict[str, Any] | None:
    """The one resource of a kind with this name in the user's groups (or in one group).

    `fetch` is a collection's `get`. A number that names nothing is tried as an id by
    the callers; several resources of the same name in different groups are an error.
    """
    matches = [
        item
        for item in all_items(
            lambda index, length: fetch(
                group_id=group_id,
                index=index,
                page_length=length,
                search=exact_name_search(name),
            )
        )
        if item.get("name") == name
    ]
    if len(matches) > 1:
        groups = ", ".join(f"{m['group']['name']} (id {m['group']['id']})" for m in matches)
        raise CliError(
            f"There are {len(matches)} {kind}s named {name!r}, in groups {groups}; "
            "choose one by its id or with --group."
        )
    return matches[0] if matches else None


def find_by_name_or_id(
    kind: str,
    reference: str,
    fetch: Callable[..., dict[str, Any]],
    get_by_id: Callable[[int], dict[str, Any]],
    group_id: int | None = None,
) -> dict[str, Any] | None:
    """The resource named `reference`, else the one whose id it is, else None."""
    found = find_by_name(kind, reference, fetch, group_id)
    if found is not None or not reference.isdigit():
        return found
    try:
        return get_by_id(int(reference))
    except NotFoundError:
        return None


def require_by_name_or_id(
    kind: str,
    reference: str,
    fetch: Callable[..., dict[str, Any]],
    get_by_id: Callable[[int], dict[str, Any]],
    hint: str = "",
    group_id: int | None = None,
) -> dict[str, Any]:
    """As `find_by_name_or_id`, but a missing resource is an error (`hint` says what to do)."""
    found = find_by_name_or_id(kind, reference, fetch, get_by_id, group_id)
    if found is None:
        where = f"group {group_id}" if group_id is not None else "your groups"
        raise CliError(f"No {kind} named {reference!r} in {where}{hint}.")
    return found


def require_resource(
    kind: str, reference: str, collection: Any, group_id: int | None = None, hint: str = ""
) -> dict[str, Any]:
    """`require_by_name_or_id` on a client collection (one with `get` and `get_by_id`)."""
    return require_by_name_or_id(
        kind, reference, collection.get, collection.get_by_id, hint=hint, group_id=group_id
    )


def default_group_id(client: Client) -> int:
    """The first group of the logged-in user (where new resources go by default)."""
    user = client.users.get_current()
    groups = user.get("groups") or []
    if not groups:
        raise CliError(f"User {user.get('username')!r} belongs to no group.")
    return int(groups[0]["id"])
