"""A worker killed (SIGKILL) in the middle of a collection loses nothing and duplicates nothing.

The collection is a job row first (DESIGN.md, Background work). The worker is killed while it
waits for the evidence server, so the row is left ``running`` and the broker message is gone
(filesystem broker: taken off the queue when read) or parked unacked until the visibility timeout
(Redis, two hours). The beat sweeper re-enqueues the row; a second worker collects the evidence
once; every later delivery of the same job is a no-op.

The shared ``celery_worker`` fixture is not used: its worker consumes the session queue and
could take the job, and it must not be killed. This test runs its own workers on a queue of its own.
"""

import hashlib
import json
import os
import signal
import subprocess
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction

from attest.celery import app
from attest.core.models import Job
from attest.core.tasks import requeue_stale_jobs, run_job
from compliance.evidence.models import EvidenceItem, EvidenceSource
from compliance.evidence.services import COLLECT_JOB, request_collection, save_source
from tests.conftest import start_worker, stop_worker, wait_for

REPORT = b"""<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="nightly" tests="4" failures="1" errors="0" skipped="1" time="0.4">
<testcase classname="tests.test_model" name="test_accuracy" time="0.1"/>
<testcase classname="tests.test_model" name="test_drift" time="0.1"><failure message="drifted"/></testcase>
<testcase classname="tests.test_model" name="test_bias" time="0.1"/>
<testcase classname="tests.test_model" name="test_gpu" time="0.1"><skipped/></testcase>
</testsuite></testsuites>"""


class ReportServer:
    """Serves REPORT on 127.0.0.1; the first request hangs until ``release`` is set (at most 25 s)."""

    def __init__(self):
        self.release = threading.Event()
        self.first_request = threading.Event()
        self.requests = 0
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                with lock:
                    server.requests += 1
                    number = server.requests
                if number == 1:
                    server.first_request.set()
                    server.release.wait(timeout=25)
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(REPORT)))
                    self.send_header("ETag", '"nightly-1"')
                    self.end_headers()
                    self.wfile.write(REPORT)
                except OSError:
                    pass  # the client was killed while it waited

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/reports/nightly.xml"

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def alive(proc: subprocess.Popen, log_path: Path) -> None:
    if proc.poll() is not None:
        raise AssertionError(f"worker exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")


def redis_client():
    """The broker's Redis client, or None on the filesystem broker."""
    if not django_settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return None
    import redis

    return redis.Redis.from_url(django_settings.CELERY_BROKER_URL)


def unacked_for(client, queue: str) -> dict:
    """Messages of ``queue`` that a worker took and never acknowledged (kombu's ``unacked`` hash)."""
    found = {}
    for tag, raw in client.hscan_iter("unacked"):
        message, _exchange, routing_key = json.loads(raw)
        if routing_key == queue:
            found[tag] = message
    return found


def redeliver_unacked(client, queue: str) -> int:
    """What kombu does when the visibility timeout runs out: put unacked messages back on the queue."""
    found = unacked_for(client, queue)
    for tag, message in found.items():
        client.hdel("unacked", tag)
        client.zrem("unacked_index", tag)
        client.lpush(queue, json.dumps(message))
    return len(found)


def forget_queue(client, queue: str) -> None:
    for tag in unacked_for(client, queue):
        client.hdel("unacked", tag)
        client.zrem("unacked_index", tag)
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def items_of(source):
    return EvidenceItem.objects.filter(asset_id=source.asset_id, source=f"pull:{source.pk}")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_sigkill_mid_collection_loses_nothing_and_duplicates_nothing(world, settings):
    server = ReportServer()
    queue = f"test-kill-{uuid.uuid4().hex[:8]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue  # run_job.delay() in this process sends to our own workers
    broker = redis_client()
    workers = []
    try:
        source = save_source(actor=None, asset=world.model_a, name="Nightly tests", kind="test_report",
                             url=server.url, interval_minutes=60)
        with transaction.atomic():
            job = request_collection(actor=None, source=source)
            assert Job.objects.get(pk=job.pk).status == "queued"
        assert job.kind == COLLECT_JOB

        # 1. A worker takes the job and hangs on the evidence server: kill it there.
        first, first_log = start_worker(queue, "doomed")
        workers.append(first)

        def first_is_fetching():
            alive(first, first_log)
            return server.first_request.is_set() and Job.objects.get(pk=job.pk).status == "running"

        wait_for(first_is_fetching, timeout=40, what="the first worker to start fetching")
        os.kill(first.pid, signal.SIGKILL)
        assert first.wait(timeout=10) == -signal.SIGKILL
        server.release.set()  # the hung handler finds its client gone

        job.refresh_from_db()
        assert (job.status, job.attempts) == ("running", 1)
        assert not items_of(source).exists()
        if broker is not None:  # acks_late: Redis keeps the message unacked (back after the visibility timeout)
            assert len(unacked_for(broker, queue)) == 1

        # 2. The sweeper re-enqueues the job left running; a new worker collects it once.
        assert requeue_stale_jobs() == 0  # not before the threshold (default: hard time limit + 60 s)
        settings.ATTEST_JOB_RUNNING_STALE_SECONDS = 0
        assert requeue_stale_jobs() == 1
        second, second_log = start_worker(queue, "revived")
        workers.append(second)

        def job_finished():
            alive(second, second_log)
            return Job.objects.get(pk=job.pk).finished

        wait_for(job_finished, timeout=40, what="the re-enqueued job")
        job.refresh_from_db()
        assert job.status == "done", job.error
        assert job.attempts == 2 and job.result["outcome"] == "created"
        assert server.requests == 2

        digest = hashlib.sha256(REPORT).hexdigest()
        item = items_of(source).get()
        assert job.result["item"] == item.pk
        assert item.external_id == f"pull:{source.pk}:{digest}" and item.sha256 == digest
        assert item.status == "accepted" and item.format == "junit"
        assert (item.summary["tests"], item.summary["failures"], item.summary["skipped"]) == (4, 1, 1)
        source = EvidenceSource.objects.get(pk=source.pk)
        assert source.last_success_at is not None and source.last_error == ""
        assert source.last_body_sha256 == digest and source.etag == '"nightly-1"'

        # 3. Later deliveries of the same job change nothing.
        if broker is not None:
            # The killed worker's message, as Redis hands it out again after the visibility timeout.
            assert redeliver_unacked(broker, queue) == 1

            def redelivery_handled():
                alive(second, second_log)
                return second_log.read_text().count("succeeded in") == 2 and not unacked_for(broker, queue)

            wait_for(redelivery_handled, timeout=30, what="the redelivered message to be run and acknowledged")
        run_job.apply(args=[job.pk])
        after = Job.objects.get(pk=job.pk)
        assert (after.status, after.attempts, after.result, after.finished_at) == \
            ("done", 2, job.result, job.finished_at)
        assert items_of(source).count() == 1
        assert EvidenceItem.objects.filter(sha256=digest).count() == 1
        assert server.requests == 2
    finally:
        for proc in workers:
            stop_worker(proc)
        app.conf.task_default_queue = previous_queue
        server.close()
        if broker is not None:
            forget_queue(broker, queue)
            broker.close()
