"""Hashing and verification of the audit chain."""

import hashlib
import json
from dataclasses import dataclass

from .models import GENESIS_HASH, AuditChainHead, AuditEvent


def canonical_json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(event: AuditEvent) -> str:
    payload = {
        "seq": event.seq,
        "created_at": event.created_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "asset_id": event.asset_id,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
        "prev_hash": event.prev_hash,
    }
    return hashlib.sha256(canonical_json(payload).encode()).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    problem: str = ""
    event_id: int | None = None
    seq: int | None = None


def verify_chain(*, batch_size: int = 2000) -> ChainReport:
    expected_seq, expected_prev, checked = 1, GENESIS_HASH, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        where = {"event_id": event.pk, "seq": event.seq}
        if event.seq != expected_seq:
            problem = f"event #{expected_seq} is missing (found #{event.seq} next): rows were removed or reordered"
            return ChainReport(False, checked, problem, **where)
        if event.prev_hash != expected_prev:
            problem = f"event #{event.seq} does not follow #{event.seq - 1}: its prev_hash does not match (row removed, replaced or reordered)"
            return ChainReport(False, checked, problem, **where)
        if event_hash(event) != event.hash:
            problem = f"event #{event.seq} (id {event.pk}, {event.action}) was changed: its content no longer matches its hash"
            return ChainReport(False, checked, problem, **where)
        expected_seq, expected_prev, checked = expected_seq + 1, event.hash, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    if head_seq != checked or head_hash != expected_prev:
        problem = f"the chain ends at event #{checked} but the head records #{head_seq}: the newest events were removed"
        return ChainReport(False, checked, problem, seq=checked + 1)
    return ChainReport(True, checked)
