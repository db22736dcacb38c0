"""The S3 server stops in the middle of an artifact upload: the job fails with a status
naming the cause, no artifact is registered for it, no object (partial or whole) is left
in the bucket, and once S3 is back the next job's artifact is stored."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_project import artifacts_of_job, deploy_faults
from server_harness import ServerProcess
from tutorial_checks import finished

pytestmark = pytest.mark.slow

BUCKET = "dioptra-faults"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}
# Larger than one part (5 MiB): the upload is multipart, and stops after its first part.
ARTIFACT_BYTES = 12 * 1024 * 1024


class S3Server:
    """A moto S3 server on 127.0.0.1 that can stop at the first part of an upload and be
    started again on the same port (moto keeps the buckets in this process)."""

    def __init__(self) -> None:
        self.moto = pytest.importorskip("moto.server")
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.port = 0
        self.server: Any = None
        self.running = False
        self.stop_at_first_part = False
        self.stopped_mid_upload = threading.Event()

    def start(self) -> None:
        self.server = self.moto.ThreadedMotoServer(
            ip_address="127.0.0.1", port=self.port, verbose=False
        )
        self.server.start()
        self.running = True
        self.port = self.server.get_host_and_port()[1]
        wsgi = self.server._server
        wsgi.app = self._watching(wsgi.app)

    def _watching(self, app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
        def watched(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            is_part = environ["REQUEST_METHOD"] == "PUT" and "partNumber=" in environ.get(
                "QUERY_STRING", ""
            )
            if is_part and self.stop_at_first_part:
                self.stop_at_first_part = False
                # Not from this request's thread: stopping waits for the serving loop.
                threading.Thread(target=self._stop_mid_upload, daemon=True).start()
                self.stopped_mid_upload.wait(30)
                # As a server that died would: the connection drops without an answer
                # (after the part's bytes are taken, so the client is not left sending).
                environ["wsgi.input"].read()
                environ["werkzeug.socket"].shutdown(socket.SHUT_RDWR)
                return []
            return app(environ, start_response)

        return watched

    def _stop_mid_upload(self) -> None:
        self.stop()
        self.stopped_mid_upload.set()

    def stop(self) -> None:
        self.running = False
        self.server.stop()
        self.server._server.server_close()  # refuse connections (not queue them) from now

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self) -> Any:
        boto3 = pytest.importorskip("boto3")
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
        )


@pytest.fixture
def s3() -> Iterator[S3Server]:
    server = S3Server()
    server.start()
    server.client().create_bucket(Bucket=BUCKET)
    try:
        yield server
    finally:
        if server.running:
            server.stop()


def s3_server_env(s3: S3Server, prefix: str) -> dict[str, str]:
    return {
        **CREDENTIALS,
        "AWS_ENDPOINT_URL": s3.endpoint,
        "AWS_MAX_ATTEMPTS": "1",  # botocore's retries of a refused connection take long
        "DIOPTRA_ARTIFACTS_URL": f"s3://{BUCKET}/{prefix}",
        "DIOPTRA_RUNNERS": "1",
    }


def test_a_local_runner_with_an_s3_store_runs_a_job(tmp_path: Path, s3: S3Server) -> None:
    # A confined job opens the S3 store once confined (fsspec's I/O thread came first).
    server = ServerProcess(tmp_path / "data", env=s3_server_env(s3, tmp_path.name))
    server.start()
    try:
        deployment = deploy_faults(server)
        finished(deployment, deployment.submit("big_file", {"size": 1000}))
    finally:
        server.stop()


def test_s3_stopping_mid_upload_fails_the_job_cleanly(tmp_path: Path, s3: S3Server) -> None:
    prefix = tmp_path.name
    server = ServerProcess(tmp_path / "data", env=s3_server_env(s3, prefix))
    server.start()
    try:
        deployment = deploy_faults(server)
        s3.stop_at_first_part = True
        job_id = deployment.submit("big_file", {"size": ARTIFACT_BYTES})
        job = deployment.session.wait(job_id, 150)
        assert s3.stopped_mid_upload.is_set(), (job, deployment.session.log_messages(job_id))

        assert job["status"] == "failed", job
        assert "cannot store artifact output 'data'" in job["statusMessage"], job
        assert (
            f"cannot upload to s3://{BUCKET}/{prefix}/jobs/{job_id}/data/data.bin"
            in (job["statusMessage"])
        ), job
        assert artifacts_of_job(deployment, job_id) == []

        s3.start()  # back, on the same port
        bucket = s3.client()
        assert bucket.list_objects_v2(Bucket=BUCKET, Prefix=f"{prefix}/").get("Contents", []) == []
        fits = finished(deployment, deployment.submit("big_file", {"size": 1000}))
        assert len(fits["artifacts"]) == 1
        keys = [
            o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET, Prefix=f"{prefix}/")["Contents"]
        ]
        assert keys == [f"{prefix}/jobs/{fits['id']}/data/data.bin"]
    finally:
        server.stop()
