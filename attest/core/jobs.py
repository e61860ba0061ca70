"""Job lifecycle. Handlers are registered by the apps that own the work."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Job, JobStatus

handlers: dict[str, Callable[[Job], dict]] = {}


def register_job_handler(kind: str, handler: Callable[[Job], dict]) -> None:
    handlers[kind] = handler


def enqueue_job(*, job: Job) -> Job:
    """Mark a job queued and enqueue its task once the surrounding transaction commits."""
    from .tasks import run_job

    job.status, job.queued_at = JobStatus.QUEUED, timezone.now()
    job.save(update_fields=["status", "queued_at"])
    transaction.on_commit(lambda: _send(run_job, job.pk))
    return job


def _send(task, job_id: int) -> None:
    # A broker outage must not fail the request that already committed the job:
    # the sweeper re-enqueues jobs left queued.
    try:
        task.delay(job_id)
    except Exception:  # noqa: BLE001 - any broker error
        import logging

        logging.getLogger("attest.jobs").warning("could not enqueue job %s; the sweeper will retry", job_id)


def claim(job_id: int) -> Job | None:
    """Move a queued (or redelivered running) job to running; None when it is already finished."""
    updated = Job.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    return Job.objects.get(pk=job_id) if updated else None


def set_progress(job_id: int, *, progress: int, step: str) -> None:
    Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(progress=max(0, min(100, progress)), step=step[:200])


def finish(job: Job, *, result: dict) -> None:
    """Mark done; called by a handler inside the transaction that did the work."""
    job.status, job.progress, job.step, job.result = JobStatus.DONE, 100, "Finished", result
    job.finished_at, job.error = timezone.now(), ""
    job.save(update_fields=["status", "progress", "step", "result", "finished_at", "error"])


def fail(job_id: int, *, error: Exception | str) -> None:
    if isinstance(error, ValidationError):
        message = "; ".join(error.messages)
    else:
        message = str(error) or error.__class__.__name__
    Job.objects.filter(pk=job_id).exclude(status=JobStatus.DONE).update(
        status=JobStatus.FAILED, error=message[:2000], finished_at=timezone.now(), step="Failed"
    )


class RetryableJobError(Exception):
    """A transient failure (network, remote 5xx): the job is retried with backoff, then failed."""
