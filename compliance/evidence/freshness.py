"""When evidence counts: accepted or verified, and not past its stale_after time."""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import EvidenceItem, EvidenceStatus

GOOD = (EvidenceStatus.ACCEPTED, EvidenceStatus.VERIFIED)


def stale_after(*, collected_at: datetime, valid_until: datetime | None, max_age_days: int | None) -> datetime | None:
    limits = [valid_until] if valid_until else []
    if max_age_days:
        limits.append(collected_at + timedelta(days=max_age_days))
    return min(limits) if limits else None


def fresh_q(now: datetime | None = None, prefix: str = "") -> Q:
    """Good and not stale at ``now``; for a past ``now`` (an audit pack's as-of time), also
    collected by then."""
    q = Q(**{f"{prefix}status__in": GOOD})
    if now is not None:
        q &= Q(**{f"{prefix}collected_at__lte": now})
    now = now or timezone.now()
    return q & (Q(**{f"{prefix}stale_after__isnull": True}) | Q(**{f"{prefix}stale_after__gt": now}))


def evidenced_q(implementation_ref: str = "pk", now: datetime | None = None) -> Exists:
    """For a ControlImplementation queryset (or a path to one): it has fresh evidence."""
    return Exists(EvidenceItem.objects.filter(fresh_q(now), control_implementation_id=OuterRef(implementation_ref)))


def soon_stale_q(days: int = 14, now: datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(status__in=GOOD, stale_after__gt=now, stale_after__lte=now + timedelta(days=days))


def stale_q(now: datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(status__in=GOOD, stale_after__lte=now)
