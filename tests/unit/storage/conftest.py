"""Fixtures: an `ArtifactStore` on a local folder and one on S3 (moto server on 127.0.0.1)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dioptra.storage import ArtifactStore

CREDENTIALS = {"key": "testing", "secret": "testing"}
REGION = "us-east-1"


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """URL of an S3-compatible moto server for the whole test session."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as error:
        pytest.skip(f"moto[server] is not installed (pip install -e '.[dev]'): {error}")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto logs every request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    try:
        server.start()
        host, port = server.get_host_and_port()
    except Exception as error:  # any failure to start means: no S3 tests here
        pytest.skip(f"the moto S3 server could not start on 127.0.0.1: {error}")
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_client(moto_endpoint: str) -> Any:
    """A boto3 client of the moto server, to inspect or tamper with buckets directly."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        aws_access_key_id=CREDENTIALS["key"],
        aws_secret_access_key=CREDENTIALS["secret"],
        region_name=REGION,
    )


@pytest.fixture
def s3_bucket(s3_client: Any) -> str:
    bucket = f"artifacts-{uuid.uuid4().hex[:12]}"
    s3_client.create_bucket(Bucket=bucket)
    return bucket


@pytest.fixture
def s3_store(moto_endpoint: str, s3_bucket: str) -> ArtifactStore:
    options = {
        **CREDENTIALS,
        "endpoint_url": moto_endpoint,
        "client_kwargs": {"region_name": REGION},
    }
    return ArtifactStore(f"s3://{s3_bucket}/dioptra", storage_options=options, chunk_size=1 << 20)


@pytest.fixture
def local_store(tmp_path: Path) -> ArtifactStore:
    return ArtifactStore(tmp_path / "artifacts", chunk_size=1 << 20)


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest) -> ArtifactStore:
    """The same tests run against both backends."""
    return request.getfixturevalue(f"{request.param}_store")  # type: ignore[no-any-return]


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A small folder: two files at the top, one below, one larger than a chunk."""
    root = tmp_path / "sample"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text("alpha\n")
    (root / "b.json").write_text('{"b": 2}')
    (root / "sub" / "deeper" / "c.bin").write_bytes(bytes(range(256)) * 9000)  # ~2.3 MB
    return root
