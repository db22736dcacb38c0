"""Artifacts and models through the original client, with no worker: a job's output is
uploaded with plain HTTP to our upload route (the original client has none; its worker
writes to MLflow), then registered, read, downloaded, fed to a second job and versioned
as a model with the original client.

Runs against our server only: 1.2.2 stores artifacts in MLflow instead.
"""

from __future__ import annotations

import io
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from _support import (
    address_from_argv,
    done,
    expect_status,
    logged_in_client,
    plain_session,
    public_group_id,
    unique,
)
from _world import (
    ARTIFACT_GRAPH,
    PARAMETERS,
    TASK_GRAPH,
    artifact_parameters,
    builtin_types,
    make_plugins,
)

from dioptra.client.utils import FileTypes


def upload(session: Any, job_id: int, name: str, filename: str, data: bytes, is_dir: bool) -> str:
    response = session.post(
        f"{address_from_argv()}/api/v1/jobs/{job_id}/artifactUploads",
        params={"name": name, "filename": filename, "isDir": str(is_dir).lower()},
        data=data,
    )
    assert response.status_code == 200, response.text
    uri: str = response.json()["artifactUri"]
    return uri


def tar_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as packed:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            packed.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def setup(client: Any, group: int) -> dict[str, Any]:
    types = builtin_types(client, group)
    training, savers = make_plugins(client, group, types)
    queue = client.queues.create(group_id=group, name=unique("art-q"))
    common = {
        "group_id": group,
        "task_graph": TASK_GRAPH,
        "parameters": PARAMETERS,
        "plugins": [training["id"]],
        "queues": [queue["id"]],
    }
    producer = client.entrypoints.create(
        name=unique("producer"),
        artifact_graph=ARTIFACT_GRAPH,
        artifact_plugins=[savers["id"]],
        **common,
    )
    consumer = client.entrypoints.create(
        name=unique("consumer"), artifact_parameters=artifact_parameters(types), **common
    )
    experiment = client.experiments.create(
        group_id=group, name=unique("art-exp"), entrypoints=[producer["id"], consumer["id"]]
    )
    (saver_file,) = savers["files"]
    (saver_task,) = saver_file["tasks"]["artifacts"]
    return {
        "queue": queue,
        "producer": producer,
        "consumer": consumer,
        "experiment": experiment,
        "savers": savers,
        "saver_task": saver_task,
    }


def artifacts(client: Any, group: int, world: dict[str, Any]) -> dict[str, Any]:
    session = plain_session()
    job = client.experiments.jobs.create(
        world["experiment"]["id"],
        world["producer"]["id"],
        world["queue"]["id"],
        swaps={"model": "small"},
    )
    # Bytes are taken only while the job runs: start it, as Dioptra's worker does.
    started = session.put(
        f"{address_from_argv()}/api/v1/jobs/{job['id']}/status", json={"status": "started"}
    )
    assert started.status_code == 200, started.text
    file_uri = upload(session, job["id"], "saved", "value.txt", b"1.5", is_dir=False)
    folder_uri = upload(
        session,
        job["id"],
        "plots",
        "plots",
        tar_of({"a.txt": b"alpha", "sub/b.txt": b"beta"}),
        is_dir=True,
    )

    value = client.artifacts.create(
        group,
        job["id"],
        file_uri,
        plugin_snapshot_id=world["savers"]["snapshot"],
        task_id=world["saver_task"]["id"],
        description="the fit",
    )
    assert value["artifactUri"] == file_uri and value["isDir"] is False, value
    assert value["fileSize"] == 3 and value["job"] == job["id"], value
    assert value["task"]["id"] == world["saver_task"]["id"], value
    expect_status(409, client.artifacts.create, group, job["id"], file_uri)
    folder = client.artifacts.create(group, job["id"], folder_uri)
    assert folder["isDir"] is True, folder
    assert {a["id"] for a in client.jobs.get_by_id(job["id"])["artifacts"]} == {
        value["id"],
        folder["id"],
    }

    assert client.artifacts.get_by_id(value["id"])["description"] == "the fit"
    mine = client.artifacts.get(search=f"artifactUri:*{job['id']}*", page_length=100)
    assert {a["id"] for a in mine["data"]} >= {value["id"], folder["id"]}, mine
    modified = client.artifacts.modify_by_id(
        value["id"],
        plugin_snapshot_id=world["savers"]["snapshot"],
        task_id=world["saver_task"]["id"],
        description="the fit, described",
    )
    assert modified["snapshot"] > value["snapshot"], modified
    history = client.artifacts.snapshots.get(value["id"])
    assert [s["description"] for s in history["data"]] == ["the fit", "the fit, described"]

    files = client.artifacts.get_files(folder["id"])
    assert sorted(f["relativePath"] for f in files) == ["a.txt", "sub/b.txt"], files
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        got = client.artifacts.get_contents(value["id"], output_dir=out, file_stem="value")
        assert got.read_bytes() == b"1.5", got
        old = client.artifacts.snapshots.get_contents(
            value["id"], value["snapshot"], output_dir=out, file_stem="old"
        )
        assert old.read_bytes() == b"1.5"
        bundle = client.artifacts.get_contents(
            folder["id"], file_type=FileTypes.ZIP, output_dir=out
        )
        with zipfile.ZipFile(bundle) as packed:
            # Bundles hold the folder itself, as a download of the MLflow folder would.
            assert sorted(n for n in packed.namelist() if not n.endswith("/")) == [
                "plots/a.txt",
                "plots/sub/b.txt",
            ], packed.namelist()
        tarball = client.artifacts.get_contents(
            folder["id"], file_type=FileTypes.TAR_GZ, output_dir=out
        )
        with tarfile.open(tarball) as packed:
            assert sorted(m.name for m in packed.getmembers() if m.isfile()) == [
                "plots/a.txt",
                "plots/sub/b.txt",
            ]
        one = client.artifacts.get_contents(
            folder["id"], artifact_path="sub/b.txt", output_dir=out, file_stem="b"
        )
        assert one.read_bytes() == b"beta", one
    return modified


def consuming_job(client: Any, world: dict[str, Any], artifact: dict[str, Any]) -> None:
    job = client.experiments.jobs.create(
        world["experiment"]["id"],
        world["consumer"]["id"],
        world["queue"]["id"],
        swaps={"model": "large"},
        artifact_values={"prev": {"id": artifact["id"], "snapshotId": artifact["snapshot"]}},
    )
    assert job["artifactValues"]["prev"]["id"] == artifact["id"], job
    used = client.jobs.get_artifact_parameters(job["id"])
    assert used["prev"]["artifact_id"] == artifact["id"], used
    assert used["prev"]["artifact_task"]["task_name"] == "NumberSaver", used
    expect_status(
        400,
        client.experiments.jobs.create,
        world["experiment"]["id"],
        world["consumer"]["id"],
        world["queue"]["id"],
        swaps={"model": "large"},
    )


def models(client: Any, group: int, artifact: dict[str, Any]) -> None:
    name = unique("model")
    model = client.models.create(group_id=group, name=name, description="fits")
    assert model["name"] == name and model["latestVersion"] is None, model
    expect_status(409, client.models.create, group_id=group, name=name)
    first = client.models.versions.create(model["id"], artifact["id"], description="v1")
    second = client.models.versions.create(model["id"], artifact["id"])
    assert (first["versionNumber"], second["versionNumber"]) == (1, 2), (first, second)
    assert first["artifact"]["id"] == artifact["id"], first
    versions = client.models.versions.get(model["id"])
    assert [v["versionNumber"] for v in versions["data"]] == [1, 2], versions
    assert client.models.versions.get_by_id(model["id"], 1)["description"] == "v1"
    changed = client.models.versions.modify_by_id(model["id"], 2, description="v2")
    assert changed["description"] == "v2", changed
    latest = client.models.get_by_id(model["id"])
    assert latest["latestVersion"]["versionNumber"] == 2, latest
    expect_status(404, client.models.versions.get_by_id, model["id"], 3)

    renamed = client.models.modify_by_id(model["id"], name=unique("model2"), description=None)
    assert renamed["snapshot"] > model["snapshot"], renamed
    tag = client.tags.create(group_id=group, name=unique("model-tag"))
    client.models.tags.append(model["id"], ids=[tag["id"]])
    assert [m["id"] for m in client.models.get(search=f"tag:{unique('model-tag')}")["data"]] == [
        model["id"]
    ]
    client.models.delete_by_id(model["id"])
    assert client.models.get(search=f"name:{unique('model2')}")["totalNumResults"] == 0


def main() -> None:
    client, _ = logged_in_client()
    group = public_group_id(client)
    world = setup(client, group)
    artifact = artifacts(client, group, world)
    consuming_job(client, world, artifact)
    models(client, group, artifact)
    done("artifacts_models")


if __name__ == "__main__":
    main()
