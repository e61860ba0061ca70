"""A worker SIGKILLed while it renders a pack: the pack still completes after redelivery, once,
with no stray file from the killed attempt."""

import os
import signal
import uuid

import pytest

from attest.celery import app
from attest.core.models import Job
from attest.core.tasks import requeue_stale_jobs
from inventory.models import Asset
from reports import services
from reports.verifier import verify
from attest import signing
from tests.conftest import start_worker, stop_worker, wait_for
from tests.evidence.test_worker_kill import alive, forget_queue, redis_client

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_sigkill_mid_render_then_the_pack_completes(demo, settings):
    queue = f"test-pack-kill-{uuid.uuid4().hex[:8]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    workers = []
    try:
        pack = services.request_pack(actor=demo["grace"], asset_ids=list(Asset.objects.values_list("pk", flat=True)),
                                     framework_slugs=["eu-ai-act", "gdpr", "nist-ai-rmf"])
        first, first_log = start_worker(queue, "doomed-pack")
        workers.append(first)

        def rendering():
            alive(first, first_log)
            return Job.objects.filter(pk=pack.job_id, step__startswith="Rendering").exists()

        wait_for(rendering, timeout=120, interval=0.05, what="the worker to start rendering")
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        pack.refresh_from_db()
        assert pack.status == "building" and not pack.pdf and not pack.zip

        settings.ATTEST_JOB_RUNNING_STALE_SECONDS = 0
        assert requeue_stale_jobs() == 1
        second, second_log = start_worker(queue, "revived-pack")
        workers.append(second)

        def done():
            alive(second, second_log)
            return Job.objects.get(pk=pack.job_id).finished

        wait_for(done, timeout=240, what="the redelivered build")
        pack.refresh_from_db()
        assert pack.status == "ready", pack.job.error
        assert pack.job.attempts == 2
        problems, _, _ = verify(pack.zip.path, signing.public_key_pem().encode())
        assert problems == []
        folder = os.path.dirname(pack.zip.path)
        assert sorted(os.listdir(folder)) == [f"attest-pack-{pack.pk}.pdf", f"attest-pack-{pack.pk}.zip"]
    finally:
        app.conf.task_default_queue = previous_queue
        for proc in workers:
            stop_worker(proc)
        broker = redis_client()
        if broker is not None:
            forget_queue(broker, queue)
