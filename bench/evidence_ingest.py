"""Evidence ingest throughput: pushed signed reports, and pulled sources on real workers.

1. Push: 2,000 distinct JUnit XML reports, each with a detached Ed25519 signature, go through
   ``POST /api/v1/evidence/batch/`` (Django test ``Client``, an integration user with an
   ``add_evidence`` grant) in batches of 100 JSON items. Printed next to a bare
   ``EvidenceItem.objects.bulk_create`` of 2,000 equivalent rows (same fields, files written
   beforehand, summaries given): the limit a database insert sets. Every pushed item also
   decodes base64, parses XML (defusedxml), verifies a signature, locks the asset row, writes
   its file and an audit event, in a transaction of its own.
2. Pull: 500 sources on a local HTTP server (``/r/0.xml`` … ``/r/499.xml``, small JUnit bodies
   with an ETag) are queued by ``collect_due_sources()`` and collected by 2 Celery worker
   processes (prefork, concurrency 1 each) on a queue of the bench's own; it prints the wall time
   from queueing until all 500 jobs are finished.

    .venv/bin/python bench/evidence_ingest.py [--reports 2000] [--batch 100] [--sources 500]

SQLite and the embedded filesystem broker in a temporary directory by default. With
``DATABASE_URL`` set (PostgreSQL), it creates and finally drops its own ``<name>_bench``
database; with ``CELERY_BROKER_URL`` (Redis) the workers use it.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.inventory_list import bench_database_url, pg_admin  # noqa: E402


def junit(n: int, label: str) -> bytes:
    """A small, distinct JUnit report: 3 to 7 test cases, some failing or skipped."""
    cases = []
    tests = 3 + n % 5
    failures = 1 if n % 4 == 0 else 0
    skipped = 1 if n % 7 == 0 else 0
    for c in range(tests):
        inner = ""
        if c == 0 and failures:
            inner = f'<failure message="regression in run {n}"/>'
        elif c == 1 and skipped:
            inner = "<skipped/>"
        cases.append(f'<testcase classname="tests.test_{label}" name="test_case_{c}" time="0.0{c}">{inner}</testcase>'
                     if inner else f'<testcase classname="tests.test_{label}" name="test_case_{c}" time="0.0{c}"/>')
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="{label}-{n}" tests="{tests}" '
            f'failures="{failures}" errors="0" skipped="{skipped}" time="0.{n % 10}">'
            + "".join(cases) + "</testsuite></testsuites>").encode()


def setup_world():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from attest.accounts.services import create_team, create_user
    from compliance.evidence.services import register_trusted_key
    from inventory.services import create_asset, grant_asset_access

    team = create_team(actor=None, name="Bench Platform")
    asset = create_asset(actor=None, data={"kind": "system", "name": "Bench assistant", "team": team})
    bot = create_user(actor=None, username="bench-ci", password="bench-password-123", role="integration",
                      email="bench-ci@example.org")
    grant_asset_access(actor=None, asset=asset, user=bot, permission="add_evidence")
    private = ed25519.Ed25519PrivateKey.generate()
    pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    key = register_trusted_key(actor=None, name="Bench CI signer", algorithm="ed25519", public_key_pem=pem)
    return asset, bot, private, key


def bench_push(asset, bot, private, key, *, reports: int, batch: int):
    from django.test import Client

    from compliance.evidence.models import EvidenceItem

    bodies = [junit(i, "push") for i in range(reports)]
    items = [{"asset": asset.pk, "kind": "test_report", "title": f"Nightly tests #{i}", "filename": f"report-{i}.xml",
              "content_base64": base64.b64encode(body).decode(),
              "signature": base64.b64encode(private.sign(body)).decode(), "key_id": str(key.pk)}
             for i, body in enumerate(bodies)]
    client = Client()
    client.force_login(bot)
    start = time.perf_counter()
    for offset in range(0, reports, batch):
        response = client.post("/api/v1/evidence/batch/", json.dumps({"items": items[offset:offset + batch]}),
                               content_type="application/json")
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        assert body["rejected"] == 0, [r for r in body["results"] if r["status"] == "rejected"][:3]
        assert all(r["status"] == "created" and r["evidence_status"] == "verified" for r in body["results"])
    elapsed = time.perf_counter() - start
    stored = EvidenceItem.objects.filter(asset=asset, source="api", status="verified", created_by=bot)
    assert stored.count() == reports, f"{stored.count()} verified items stored, expected {reports}"
    return elapsed


def bench_bulk_create(asset, bot, key, *, reports: int):
    """The same rows without the service: files written first, then one bulk_create (timed)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import transaction
    from django.utils import timezone

    from compliance.evidence.models import EvidenceItem

    template = list(EvidenceItem.objects.filter(asset=asset, source="api").order_by("pk")[:reports])
    rows = []
    for item in template:  # the same content, stored again under a path of its own
        data = item.file.open("rb").read()
        item.file.close()
        path = default_storage.save(f"evidence-bulk/{item.sha256[:2]}/{item.sha256}-{item.filename}", ContentFile(data))
        now = timezone.now()
        rows.append(EvidenceItem(
            asset=asset, kind=item.kind, title=item.title, file=path, filename=item.filename, sha256=item.sha256,
            size=item.size, media_type=item.media_type, format=item.format, collected_at=now, valid_until=None,
            stale_after=None, source="bulk", status=item.status, verification_detail=item.verification_detail,
            summary=dict(item.summary), trusted_key=key, created_by=bot))
    start = time.perf_counter()
    with transaction.atomic():
        EvidenceItem.objects.bulk_create(rows)
    elapsed = time.perf_counter() - start
    assert EvidenceItem.objects.filter(source="bulk").count() == reports
    return elapsed


class ReportServer:
    """``/r/<n>.xml`` for n < count: a small JUnit body with an ETag; 304 on a matching If-None-Match."""

    def __init__(self, count: int):
        self.requests = 0
        lock = threading.Lock()
        bodies = {f"/r/{n}.xml": junit(n, "pull") for n in range(count)}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                with lock:
                    server.requests += 1
                body = bodies.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = f'"{self.path}-v1"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def start_workers(count: int, queue: str, data_dir: str, first: int = 0):
    from django.conf import settings
    from django.db import connection

    env = os.environ.copy()
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{connection.settings_dict['NAME']}"
    env.pop("LOG_LEVEL", None)  # the worker logs "ready." at INFO
    env["ATTEST_COLLECT_BLOCK_PRIVATE_NETWORKS"] = "0"  # the report server is on 127.0.0.1
    procs = []
    for n in range(first, first + count):
        log_path = Path(data_dir) / f"worker-{n}.log"
        with open(log_path, "w") as log:
            procs.append((subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "attest", "worker", "--pool", "prefork", "--concurrency", "1",
                 "--loglevel", "INFO", "-n", f"bench{n}-{queue}@%h", "-Q", queue,
                 "--without-gossip", "--without-mingle", "--without-heartbeat"],
                env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT), log_path))
    return procs


def wait_ready(procs, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc, log_path in procs:
            if proc.poll() is not None:
                raise RuntimeError(f"worker exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        if all(" ready." in log_path.read_text() for _, log_path in procs):
            return
        time.sleep(0.2)
    raise RuntimeError(f"workers not ready after {timeout:.0f} s")


def stop_workers(procs):
    for proc, _ in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc, _ in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def forget_redis_queue(queue: str):
    from django.conf import settings

    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    for tag, raw in client.hscan_iter("unacked"):
        if json.loads(raw)[2] == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    client.close()


def bench_collect(asset, *, sources: int, workers: int, data_dir: str, timeout: float):
    from attest.celery import app
    from attest.core.models import Job
    from compliance.evidence.models import EvidenceItem
    from compliance.evidence.services import COLLECT_JOB, save_source
    from compliance.evidence.tasks import collect_due_sources

    server = ReportServer(sources)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    procs = []
    try:
        for n in range(sources):
            save_source(actor=None, asset=asset, name=f"CI report {n}", kind="test_report",
                        url=f"{server.base}/r/{n}.xml", interval_minutes=60)
        app.conf.task_default_queue = queue
        # One after the other: two workers declaring the same queue at once on the filesystem broker
        # can read its half-written exchange table and die (JSONDecodeError in kombu's _queue_bind).
        for n in range(workers):
            procs += start_workers(1, queue, data_dir, first=n)
            wait_ready(procs, timeout=60)
        start = time.perf_counter()
        queued = collect_due_sources()
        enqueue_s = time.perf_counter() - start
        assert queued == sources, f"collect_due_sources queued {queued}, expected {sources}"
        jobs = Job.objects.filter(kind=COLLECT_JOB)
        deadline = time.monotonic() + timeout
        while jobs.filter(status__in=["done", "failed"]).count() < sources:
            for proc, log_path in procs:
                if proc.poll() is not None:
                    raise RuntimeError(f"worker exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {jobs.filter(status='done').count()} of {sources} jobs done after "
                                   f"{timeout:.0f} s")
            time.sleep(0.1)
        wall = time.perf_counter() - start
        failed = list(jobs.filter(status="failed").values_list("error", flat=True)[:3])
        return {"wall": wall, "enqueue": enqueue_s, "done": jobs.filter(status="done").count(),
                "failed": jobs.filter(status="failed").count(), "failed_examples": failed,
                "items": EvidenceItem.objects.filter(asset=asset, source__startswith="pull:").count(),
                "requests": server.requests}
    finally:
        stop_workers(procs)
        app.conf.task_default_queue = "celery"
        server.close()
        forget_redis_queue(queue)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000, help="signed reports pushed (default 2000)")
    parser.add_argument("--batch", type=int, default=100, help="items per batch request (default 100)")
    parser.add_argument("--sources", type=int, default=500, help="pull sources collected (default 500)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for the pull (default 2)")
    parser.add_argument("--timeout", type=float, default=600, help="limit for the pull, seconds (default 600)")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="attest-bench-")
    os.environ.update(ATTEST_DATA_DIR=data_dir, ATTEST_FAST_PASSWORD_HASHER="1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "attest.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    pg = bench_database_url() if os.environ.get("DATABASE_URL") else None
    if pg:
        pg_admin(pg[0], f'DROP DATABASE IF EXISTS "{pg[1]}"')
        pg_admin(pg[0], f'CREATE DATABASE "{pg[1]}"')
    try:
        import django

        django.setup()
        import logging

        logging.getLogger("kombu.connection").setLevel(logging.ERROR)  # "No hostname was supplied" (filesystem)
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        broker = settings.CELERY_BROKER_URL.split("://")[0]
        print(f"{connection.vendor} ({settings.DATABASES['default']['NAME']}), broker {broker}, DEBUG={settings.DEBUG}")
        asset, bot, private, key = setup_world()

        push_s = bench_push(asset, bot, private, key, reports=args.reports, batch=args.batch)
        bulk_s = bench_bulk_create(asset, bot, key, reports=args.reports)
        pull = bench_collect(asset, sources=args.sources, workers=args.workers, data_dir=data_dir,
                             timeout=args.timeout)

        print()
        print(f"{'phase':<44} {'items':>6} {'wall s':>8} {'items/s':>9}")
        print(f"{'-' * 44} {'-' * 6} {'-' * 8} {'-' * 9}")
        print(f"{f'push API, batches of {args.batch}, Ed25519-signed JUnit':<44} {args.reports:>6} {push_s:>8.2f} "
              f"{args.reports / push_s:>9.0f}")
        print(f"{'bare bulk_create of the same rows (limit)':<44} {args.reports:>6} {bulk_s:>8.3f} "
              f"{args.reports / bulk_s:>9.0f}")
        print(f"{f'pull: {args.sources} sources, {args.workers} workers (prefork x1)':<44} {pull['items']:>6} "
              f"{pull['wall']:>8.2f} {pull['done'] / pull['wall']:>9.1f}")
        print()
        print(f"ratio push / bulk_create: {push_s / bulk_s:.0f}x  (per pushed item: base64 decode, defusedxml parse, "
              f"Ed25519 verify, asset row lock, file write, audit event, own transaction; all {args.reports} stored "
              f"as verified)")
        print(f"pull: {pull['done']} jobs done, {pull['failed']} failed, {pull['items']} items created, "
              f"{pull['requests']} HTTP requests; queueing them took {pull['enqueue']:.2f} s of the "
              f"{pull['wall']:.2f} s wall time")
        if broker == "filesystem":
            interval = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("polling_interval", 1.0)
            print(f"note: on the filesystem broker a worker that may not take a message yet (prefetch 1, so after "
                  f"every task) sleeps kombu's polling_interval ({interval} s) before it looks again: about "
                  f"{1 / interval:g} job/s per worker at most")
        if pull["failed_examples"]:
            print("failed:", *pull["failed_examples"], sep="\n  ")
    finally:
        from django.db import connections

        connections.close_all()
        if pg:
            pg_admin(pg[0], f'DROP DATABASE IF EXISTS "{pg[1]}" WITH (FORCE)')
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
