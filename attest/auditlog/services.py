from typing import Any

from django.db import transaction
from django.utils import timezone

from attest.core.context import request_id

from .chain import event_hash
from .models import GENESIS_HASH, AuditChainHead, AuditEvent


def record_event(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    asset_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside the transaction of the write it records")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)[:255]
    # Locking the head row serialises writers so the chain never forks.
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"hash": GENESIS_HASH})
    event = AuditEvent(
        seq=head.seq + 1,
        created_at=timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None and actor.pk else "system",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr,
        asset_id=asset_id,
        before=before,
        after=after,
        request_id=request_id.get(),
        prev_hash=head.hash,
    )
    event.hash = event_hash(event)
    event.save(force_insert=True)
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event
