"""Redis (the broker) shut down and started again in the middle of a burst of evidence pushes.

A push never touches the broker: ingest enqueues nothing (``compliance/evidence/services.py``), so
pushes keep answering 201 while Redis is down. What does touch it is a collection request
(``POST /api/v1/evidence-sources/{id}/collect/``): its job row commits, and sending the task on
commit fails (``attest.core.jobs._send`` logs it and the request still answers 202). Redis is
shut down without saving, so messages already queued are lost as well. After Redis is back, the
sweeper (``requeue_stale_jobs``) re-enqueues every job left ``queued``, a real worker runs them,
and each source's report is stored exactly once; new requests reach the broker again directly.
"""

import hashlib
import json
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from attest.accounts.services import issue_token
from attest.celery import app
from attest.core.models import Job
from attest.core.tasks import requeue_stale_jobs
from bench.evidence_ingest import ReportServer, junit
from bench.load import http_call
from compliance.evidence.models import EvidenceItem
from compliance.evidence.services import COLLECT_JOB, save_source
from tests.conftest import start_worker, stop_worker, wait_for
from tests.evidence.test_worker_kill import forget_queue, redis_client

from .conftest import (
    assert_clean_refusal, assert_nothing_half_stored, live_gunicorn, needs_redis, push_body, redis_stopped,
)

pytestmark = [pytest.mark.faults, pytest.mark.worker, needs_redis, pytest.mark.django_db(transaction=True)]

PUSHERS = 6
SOURCES = 24


def test_redis_restart_during_a_push_burst_loses_nothing(world, settings, tmp_path):
    server = ReportServer(SOURCES + 1)
    queue = f"test-faults-{uuid.uuid4().hex[:8]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue  # the sweeper below sends from this process
    sources = [save_source(actor=None, asset=(world.asset_a, world.model_a)[n % 2], name=f"Nightly {n}",
                           kind="test_report", url=f"{server.base}/r/{n}.xml", interval_minutes=60)
               for n in range(SOURCES + 1)]
    _, key = issue_token(actor=None, user=world.owner_a)
    headers = {"Authorization": f"Token {key}", "Accept": "application/json", "Content-Type": "application/json"}
    worker = None
    try:
        with live_gunicorn(tmp_path, queue=queue, workers=2, threads=4) as (base, _proc, _log):
            worker, worker_log = start_worker(queue, "faults")
            wait_for(lambda: " ready." in worker_log.read_text(), timeout=60, what="the worker to be ready")

            phase = {"now": "before"}
            stop = threading.Event()
            answers = []  # (kind, phase, status, headers, body, payload)
            lock = threading.Lock()

            def record(kind, when, response, payload=None):
                with lock:
                    answers.append((kind, when, *response, payload))

            def pusher(n):
                count = 0
                while not stop.is_set():
                    count += 1
                    data = junit(count, f"burst{n}")
                    when = phase["now"]
                    response = http_call(base, "POST", "/api/v1/evidence/", body=push_body(
                        world.model_a.pk if count % 2 else world.asset_a.pk, data, f"burst-{n}-{count}"),
                        headers={**headers, "Idempotency-Key": f"burst-{n}-{count}"})
                    record("push", when, response, hashlib.sha256(data).hexdigest())

            def collector():
                for source in sources[:SOURCES]:
                    if stop.wait(0.4):
                        return
                    when = phase["now"]
                    record("collect", when, http_call(base, "POST", f"/api/v1/evidence-sources/{source.pk}/collect/",
                                                      headers=headers), source.pk)

            with ThreadPoolExecutor(PUSHERS + 1) as pool:
                futures = [pool.submit(pusher, n) for n in range(PUSHERS)] + [pool.submit(collector)]
                try:
                    time.sleep(2)
                    with redis_stopped():
                        phase["now"] = "outage"
                        time.sleep(4)
                    phase["now"] = "after"
                    time.sleep(3)
                finally:
                    stop.set()
                for future in futures:
                    future.result()

            # Every answer: accepted, or a clean refusal.
            for kind, when, status, response_headers, body, _ in answers:
                if status not in (200, 201, 202):
                    assert_clean_refusal(status, response_headers, body)
            pushes = [a for a in answers if a[0] == "push"]
            collects = [a for a in answers if a[0] == "collect"]
            assert {a[1] for a in pushes} == {"before", "outage", "after"}
            assert all(a[2] == 201 for a in pushes), by_phase(pushes)  # pushes do not need the broker
            assert any(a[1] == "outage" for a in collects) and any(a[1] == "after" for a in collects)
            assert all(a[2] == 202 for a in collects), by_phase(collects)

            # Nothing half-stored: every accepted push has its row, its file and its audit event.
            accepted = {json.loads(body)["id"]: sha for kind, _, status, _, body, sha in pushes}
            assert len(accepted) == len(pushes)
            assert EvidenceItem.objects.filter(source="api").count() == len(pushes)

            # The jobs sent during the outage (and any queued message Redis dropped) are left queued...
            jobs = Job.objects.filter(kind=COLLECT_JOB, pk__in=[json.loads(a[4])["job"] for a in collects])
            wait_for(lambda: not jobs.filter(status="running").exists(), timeout=60, what="running jobs to end")
            time.sleep(2)  # the worker has drained what reached the broker
            lost = set(jobs.filter(status="queued").values_list("pk", flat=True))
            assert lost, "no job was left queued by the outage"
            # ...until the sweeper re-enqueues them; the worker then runs every one.
            settings.ATTEST_JOB_STALE_AFTER_SECONDS = 0
            assert requeue_stale_jobs() >= len(lost)
            print(f"{len(pushes)} pushes ({by_phase(pushes)}), {len(collects)} collects, {len(lost)} jobs re-enqueued")
            wait_for(lambda: jobs.filter(status="done").count() == len(collects), timeout=90,
                     what=f"all {len(collects)} collection jobs to finish ({len(lost)} re-enqueued)")
            for _, _, _, _, _, source_pk in collects:
                assert EvidenceItem.objects.filter(source=f"pull:{source_pk}").count() == 1, source_pk

            # After the outage the web process reaches the broker again without the sweeper.
            settings.ATTEST_JOB_STALE_AFTER_SECONDS = 300
            status, _, body = http_call(base, "POST", f"/api/v1/evidence-sources/{sources[SOURCES].pk}/collect/",
                                        headers=headers)
            assert status == 202, body
            fresh = Job.objects.get(pk=json.loads(body)["job"])
            wait_for(lambda: Job.objects.get(pk=fresh.pk).status == "done", timeout=30,
                     what="a job requested after the outage to run without the sweeper")

            pulled = {item.pk: item.sha256 for item in EvidenceItem.objects.filter(source__startswith="pull:")}
            assert_nothing_half_stored(tmp_path / "media", accepted | pulled)
    finally:
        if worker is not None:
            stop_worker(worker)
        app.conf.task_default_queue = previous_queue
        server.close()
        broker = redis_client()
        if broker is not None:
            forget_queue(broker, queue)
            broker.close()


def by_phase(answers):
    """(phase, status) -> count: the assertion message."""
    return Counter((a[1], a[2]) for a in answers)
