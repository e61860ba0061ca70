"""Fault tests: a real gunicorn on the test database while PostgreSQL or Redis is stopped and started.

They restart the machine's shared services, so they run only in the production-shape pass
(PostgreSQL + Redis on 127.0.0.1, as in ``.ci/run``) and keep each outage to a few seconds; the
service is started again in a ``finally`` whatever happens.
"""

import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection, connections

from bench.load import start_gunicorn, stop_process

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
ON_REDIS = os.environ.get("CELERY_BROKER_URL", "").startswith("redis://")
LOCAL_REDIS = ON_REDIS and urlsplit(os.environ["CELERY_BROKER_URL"]).port in (None, 6379) and \
    urlsplit(os.environ["CELERY_BROKER_URL"]).hostname in ("127.0.0.1", "localhost")
PG_VERSIONS = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []

needs_postgres = pytest.mark.skipif(
    not (ON_POSTGRES and PG_VERSIONS and shutil.which("pg_ctlcluster")),
    reason="PostgreSQL pass only (DATABASE_URL=postgres://…, a local cluster pg_ctlcluster can restart)")
needs_redis = pytest.mark.skipif(
    not (LOCAL_REDIS and shutil.which("redis-server") and shutil.which("redis-cli")),
    reason="Redis broker pass only (CELERY_BROKER_URL=redis://127.0.0.1:6379/…, a local redis-server)")

REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
               "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"]


def _until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


def redis_up() -> bool:
    return subprocess.run(["redis-cli", "ping"], capture_output=True, text=True).stdout.strip() == "PONG"


@contextmanager
def redis_stopped():
    """Redis shut down (its data is not saved: every queued message is lost) and started again."""
    subprocess.run(["redis-cli", "shutdown", "nosave"], capture_output=True)
    try:
        _until(lambda: not redis_up(), 10, "Redis to stop")
        yield
    finally:
        if not redis_up():
            subprocess.run(REDIS_START, check=True, capture_output=True)
        _until(redis_up, 20, "Redis to start")


def pg_ctl(action: str) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSIONS[-1], "main", action]
                   + (["--mode", "fast"] if action == "stop" else []), check=True, capture_output=True, timeout=120)


@contextmanager
def postgres_stopped():
    """PostgreSQL stopped (fast: sessions are cut) and started again; this process reconnects after."""
    connections.close_all()
    pg_ctl("stop")
    try:
        yield
    finally:
        try:
            pg_ctl("start")
        finally:
            connections.close_all()


@contextmanager
def live_gunicorn(tmp_path: Path, *, queue: str = "", workers: int = 2, threads: int = 4):
    """gunicorn on the test database (committed data: use ``django_db(transaction=True)``).

    Evidence files go to ``tmp_path / "media"`` (the web process, Celery workers started after this and
    the test share it). Yields (base URL, process, log path).
    """
    name = connection.settings_dict["NAME"]
    database = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + name).geturl() if ON_POSTGRES \
        else f"sqlite:///{name}"
    media = tmp_path / "media"
    media.mkdir(exist_ok=True)
    previous_media = os.environ.get("ATTEST_MEDIA_ROOT")
    os.environ["ATTEST_MEDIA_ROOT"] = str(media)  # inherited by start_worker's processes too
    env = {**os.environ, "DATABASE_URL": database, "ATTEST_TEST_QUEUE": queue,
           "ATTEST_COLLECT_BLOCK_PRIVATE_NETWORKS": "0"}
    log_path = tmp_path / "gunicorn.log"
    proc, base = start_gunicorn(env, log_path=log_path, workers=workers, threads=threads,
                                config=str(Path(__file__).with_name("gunicorn_conf.py")))
    try:
        yield base, proc, log_path
    finally:
        stop_process(proc)
        if previous_media is None:
            os.environ.pop("ATTEST_MEDIA_ROOT", None)
        else:
            os.environ["ATTEST_MEDIA_ROOT"] = previous_media


def push_body(asset_id: int, data: bytes, title: str) -> bytes:
    import base64
    import json

    return json.dumps({"asset": asset_id, "kind": "test_report", "title": title, "filename": f"{title}.xml",
                       "content_base64": base64.b64encode(data).decode()}).encode()


def assert_clean_refusal(status: int, headers: dict, body: bytes, allowed=range(400, 600)) -> None:
    """A refusal is a 4xx or 503 carrying a readable detail, never a traceback."""
    assert status in allowed and (status < 500 or status == 503), (status, body[:300])
    assert b"Traceback" not in body and b'File "/' not in body, body[:300]
    if headers.get("content-type", "").startswith("application/json"):
        import json

        assert json.loads(body)["detail"], body
    else:
        assert b"Temporarily unavailable" in body or status < 500, body[:300]


def assert_nothing_half_stored(media: Path, accepted: dict[int, str]) -> None:
    """Every accepted item (id -> SHA-256 sent) has its row, file and audit event; no file lacks a row and
    no row lacks its file."""
    import hashlib

    from attest.auditlog.models import AuditEvent
    from compliance.evidence.models import EvidenceItem

    rows = {pk: (sha, name) for pk, sha, name in EvidenceItem.objects.values_list("pk", "sha256", "file")}
    for pk, sha in accepted.items():
        assert pk in rows and rows[pk][0] == sha, f"accepted item {pk} is not stored with its SHA-256"
        assert AuditEvent.objects.filter(action__startswith="evidence.", object_id=str(pk)).count() == 1, pk
    for pk, (sha, name) in rows.items():
        path = media / name
        assert path.is_file(), f"item {pk} has no file ({name})"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha, f"item {pk}: the file has another hash"
    on_disk = {str(p.relative_to(media)) for p in (media / "evidence").rglob("*") if p.is_file()} \
        if (media / "evidence").exists() else set()
    orphans = on_disk - {name for _, name in rows.values()}
    assert not orphans, f"files without a row: {sorted(orphans)}"
