import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError, InterfaceError
from django.utils import timezone

from . import jobs
from .models import Job, JobStatus

logger = logging.getLogger("attest.jobs")


@shared_task(bind=True, acks_late=True, autoretry_for=(DatabaseError, InterfaceError), retry_backoff=True,
             retry_backoff_max=300, max_retries=8)
def run_job(self, job_id: int) -> None:
    job = jobs.claim(job_id)
    if job is None:
        return  # finished already: a redelivery after success is a no-op
    handler = jobs.handlers.get(job.kind)
    if handler is None:
        jobs.fail(job_id, error=f"No handler for job kind '{job.kind}'.")
        return
    try:
        handler(job)
    except (DatabaseError, InterfaceError):
        raise  # transient: retried with backoff
    except jobs.RetryableJobError as exc:
        if self.request.retries >= self.max_retries:
            jobs.fail(job_id, error=f"Gave up after {self.request.retries + 1} attempts: {exc}")
            return
        # queued_at moves on so the sweeper does not send a second copy while this retry waits.
        Job.objects.filter(pk=job_id).update(status=JobStatus.QUEUED, queued_at=timezone.now(),
                                             step=f"Retrying: {exc}"[:200])
        raise self.retry(exc=exc, countdown=min(settings.ATTEST_JOB_STALE_AFTER_SECONDS // 2,
                                                5 * 2 ** self.request.retries))
    except Exception as exc:  # noqa: BLE001 - a job's failure is recorded on its row
        logger.exception("job %s failed", job_id)
        jobs.fail(job_id, error=exc)


@shared_task
def requeue_stale_jobs() -> int:
    """Re-enqueue jobs stuck in queued (lost at the broker) or running (worker died)."""
    now = timezone.now()
    stale_queued = Job.objects.filter(
        status=JobStatus.QUEUED, queued_at__lt=now - timedelta(seconds=settings.ATTEST_JOB_STALE_AFTER_SECONDS)
    )
    stale_running = Job.objects.filter(
        status=JobStatus.RUNNING, started_at__lt=now - timedelta(seconds=settings.ATTEST_JOB_RUNNING_STALE_SECONDS)
    )
    ids = list(stale_queued.values_list("pk", flat=True)) + list(stale_running.values_list("pk", flat=True))
    for job_id in ids:
        Job.objects.filter(pk=job_id).update(queued_at=now)
        run_job.delay(job_id)
    return len(ids)
