from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .models import EvidenceSource
from .services import request_collection


@shared_task
def collect_due_sources() -> int:
    """Beat: queue a collection for every enabled source whose next run is due."""
    now = timezone.now()
    count = 0
    for source in EvidenceSource.objects.filter(enabled=True, next_run_at__lte=now):
        with transaction.atomic():
            # Push the next run forward first, so a slow collection is not queued again every minute.
            EvidenceSource.objects.filter(pk=source.pk).update(next_run_at=now + timedelta(minutes=source.interval_minutes))
            request_collection(actor=None, source=source)
        count += 1
    return count


@shared_task
def notify_stale_evidence() -> int:
    from .services import notify_stale_evidence as notify

    return notify()
