"""Points generated requests at rows that exist: random integers almost never name a
seeded resource, so without this most requests would stop at a 404."""

from __future__ import annotations

from typing import Any

from fuzz_seed import API, Seeded
from hypothesis import strategies as st

# Body fields holding an id, and which seeded ids fit them.
BODY_ID_FIELDS = {
    "group": "groups",
    "user": "users",
    "queue": "queues",
    "entrypoint": "entrypoints",
    "job": "jobs",
    "artifact": "artifacts",
    "parameterType": "pluginParameterTypes",
    "taskId": "fileId",
    "pluginSnapshotId": "snapshotId",
}
BODY_ID_LISTS = {
    "plugins": "plugins",
    "artifactPlugins": "plugins",
    "entrypoints": "entrypoints",
    "queues": "queues",
    "pluginSnapshotIds": "snapshotId",
    "artifactPluginSnapshotIds": "snapshotId",
}


def family_of(path: str) -> str:
    """``/api/v1/queues/{id}/tags`` -> ``queues``; the owner of ``{id}``."""
    if path.startswith(f"{API}/users/current/tokens/"):
        return "tokens"
    if path.startswith(f"{API}/workflows/draftCommit/"):
        return "draftId"
    return path.removeprefix(API + "/").split("/", 1)[0]


def _pool(seeded: Seeded, path: str, name: str) -> list[Any]:
    if name == "id":
        return list(seeded.ids.get(family_of(path), []))
    if name == "name":
        return list(seeded.metric_names)
    return list(seeded.ids.get(name, []))


def _ids_list_pool(seeded: Seeded, path: str) -> str:
    """``{"ids": [...]}`` bodies: tags, or the entrypoints/queues/plugins of a resource."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return {"entrypoints": "entrypoints", "queues": "queues", "plugins": "plugins"}.get(
        last, "tags"
    )


def _maybe(original: Any, pool: list[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(original), st.sampled_from(pool)) if pool else st.just(original)


def with_seeded_ids(case: Any, seeded: Seeded) -> st.SearchStrategy[Any]:
    """A strategy of ``case`` with some ids replaced by seeded ones (Hypothesis chooses
    which, so shrinking and derandomized runs still work)."""
    path = case.path
    params = {
        name: _maybe(value, _pool(seeded, path, name))
        for name, value in case.path_parameters.items()
    }
    body = case.body
    fields: dict[str, st.SearchStrategy[Any]] = {}
    if isinstance(body, dict):
        for key, value in body.items():
            if key in BODY_ID_FIELDS:
                fields[key] = _maybe(value, seeded.ids.get(BODY_ID_FIELDS[key], []))
            elif key in BODY_ID_LISTS or key == "ids":
                kind = BODY_ID_LISTS.get(key) or _ids_list_pool(seeded, path)
                pool = seeded.ids.get(kind, [])
                fields[key] = _maybe(value, [pool[:1], pool] if pool else [])

    def rebuild(chosen: tuple[dict[str, Any], dict[str, Any]]) -> Any:
        new_params, new_fields = chosen
        if new_params != case.path_parameters:
            case.path_parameters = {**case.path_parameters, **new_params}
        if new_fields and any(body[k] != v for k, v in new_fields.items()):
            case.body = {**body, **new_fields}
        return case

    return st.tuples(st.fixed_dictionaries(params), st.fixed_dictionaries(fields)).map(rebuild)
