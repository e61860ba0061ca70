"""Writes for evidence: ingest (push, upload, pull), trusted keys and sources.

Ingest is all or nothing: the row and its audit event commit together, and the stored file
is removed again if anything after writing it fails, so a rejected item leaves no row and
no file.
"""

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from attest.accounts.models import Team, User
from attest.auditlog.services import record_event
from attest.rbac.roles import GlobalRole, role_of
from inventory.models import Asset
from inventory.services import lock_asset

from ..choices import EvidenceKind
from ..models import ControlImplementation
from . import secrets
from .freshness import stale_after
from .models import EvidenceItem, EvidenceSource, TrustedKey


class EvidenceConflict(Exception):
    """The idempotency key or external id was used before for different content (HTTP 409)."""


class EvidenceTooLarge(Exception):
    """Over the size cap (HTTP 413)."""


@dataclass
class Ingested:
    item: EvidenceItem
    created: bool


def _safe_name(filename: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", (filename or "evidence").rsplit("/", 1)[-1])[:80]
    return name.lstrip(".") or "evidence"


def _same_item(item: EvidenceItem, *, asset_id: int, kind: str, sha256: str) -> bool:
    return item.asset_id == asset_id and item.kind == kind and item.sha256 == sha256


def _check_replay(*, actor, asset_id, kind, sha256, idempotency_key, external_id) -> EvidenceItem | None:
    """A retry of an earlier push returns that item; the same key for other content is a conflict."""
    earlier = None
    if idempotency_key:
        earlier = EvidenceItem.objects.filter(created_by=actor if actor and actor.pk else None,
                                              idempotency_key=idempotency_key).first()
    if earlier is None and external_id:
        earlier = EvidenceItem.objects.filter(asset_id=asset_id, external_id=external_id).first()
    if earlier is None:
        return None
    if not _same_item(earlier, asset_id=asset_id, kind=kind, sha256=sha256):
        raise EvidenceConflict(
            f"{'Idempotency-Key' if idempotency_key else 'external_id'} was already used for evidence item "
            f"{earlier.pk} with different content; use a new key for new evidence.")
    return earlier


def _resolve_key(actor, key_id) -> TrustedKey | None:
    if key_id in (None, ""):
        return None
    keys = TrustedKey.objects.restrict(actor, "view") if actor is not None else TrustedKey.objects.all()
    key = keys.filter(pk=key_id, revoked_at__isnull=True).first() if str(key_id).isdigit() else \
        keys.filter(fingerprint=key_id, revoked_at__isnull=True).first()
    if key is None:
        raise ValidationError({"key_id": f"There is no active trusted key '{key_id}' that you can use."})
    return key


def ingest_evidence(**kwargs) -> Ingested:
    """Store one evidence item (see _ingest). A concurrent retry with the same key returns the first."""
    try:
        return _ingest(**kwargs)
    except IntegrityError:
        data = kwargs["data"]
        asset = kwargs["asset"]
        earlier = _check_replay(actor=kwargs["actor"], asset_id=getattr(asset, "pk", asset), kind=kwargs["kind"],
                                sha256=hashlib.sha256(data).hexdigest(),
                                idempotency_key=kwargs.get("idempotency_key"), external_id=kwargs.get("external_id"))
        if earlier is None:
            raise
        return Ingested(earlier, False)


def _ingest(
    *, actor: User | None, asset: Asset | int, kind: str, title: str, data: bytes, filename: str = "",
    media_type: str = "", control_implementation: ControlImplementation | int | None = None,
    collected_at: datetime | None = None, valid_until: datetime | None = None, signature: bytes | None = None,
    key_id=None, source: str = "api", idempotency_key: str | None = None, external_id: str | None = None,
) -> Ingested:
    from .parsers import EvidenceRejected, parse_evidence

    if len(data) > settings.ATTEST_EVIDENCE_MAX_BYTES:
        raise EvidenceTooLarge(f"The file is {len(data):,} bytes; the limit is {settings.ATTEST_EVIDENCE_MAX_BYTES:,}.")
    if kind not in EvidenceKind.values:
        raise ValidationError({"kind": f"Use one of: {', '.join(EvidenceKind.values)}."})
    if not (title or "").strip():
        raise ValidationError({"title": "Give the evidence a title."})
    if not data:
        raise ValidationError({"file": "The file is empty."})
    sha256 = hashlib.sha256(data).hexdigest()
    asset_id = asset.pk if isinstance(asset, Asset) else asset
    with transaction.atomic():
        asset = lock_asset(actor=actor, asset=asset_id, action="add_evidence")
        earlier = _check_replay(actor=actor, asset_id=asset.pk, kind=kind, sha256=sha256,
                                idempotency_key=idempotency_key, external_id=external_id)
        if earlier is not None:
            return Ingested(earlier, False)
        impl = None
        if control_implementation is not None:
            impl_id = getattr(control_implementation, "pk", control_implementation)
            impl = ControlImplementation.objects.select_related("control").filter(pk=impl_id, asset=asset).first()
            if impl is None:
                raise ValidationError({"control_implementation": "No such control implementation on this asset."})
        key = _resolve_key(actor, key_id)
        if signature is not None and key is None:
            raise ValidationError({"key_id": "A signature needs the id of the trusted key that made it."})
        try:
            result = parse_evidence(kind=kind, data=data, filename=filename, signature=signature, key=key)
        except EvidenceRejected as exc:
            raise ValidationError({"file": str(exc)}) from exc
        if collected_at and collected_at > timezone.now() + timedelta(minutes=5):
            raise ValidationError({"collected_at": "collected_at is in the future; evidence cannot be collected later "
                                                   "than it is pushed."})
        if idempotency_key and len(idempotency_key) > 200:
            raise ValidationError({"idempotency_key": "Use an Idempotency-Key of at most 200 characters."})
        collected_at = collected_at or timezone.now()
        if valid_until and valid_until <= collected_at:
            raise ValidationError({"valid_until": "valid_until must be later than collected_at."})
        path = f"evidence/{sha256[:2]}/{sha256}-{_safe_name(filename)}"
        existed = default_storage.exists(path)
        stored = path if existed else default_storage.save(path, ContentFile(data))
        try:
            # A savepoint: if the insert loses a race (unique key), the clean-up below can still query.
            with transaction.atomic():
                item = EvidenceItem.objects.create(
                    asset=asset, control_implementation=impl, kind=kind, title=title.strip()[:200], file=stored,
                    filename=(filename or "")[:200], sha256=sha256, size=len(data), media_type=media_type[:100],
                    format=result.format, collected_at=collected_at, valid_until=valid_until,
                    stale_after=stale_after(collected_at=collected_at, valid_until=valid_until,
                                            max_age_days=impl.control.max_evidence_age_days if impl else None),
                    source=source, status=result.status, verification_detail=result.detail, summary=result.summary,
                    trusted_key=key, external_id=external_id or None, idempotency_key=idempotency_key or None,
                    created_by=actor if actor is not None and actor.pk else None,
                )
                record_event(actor=actor, action=f"evidence.{result.status}", obj=item, asset_id=asset.pk,
                             after={"kind": kind, "title": item.title, "sha256": sha256, "size": len(data),
                                    "status": result.status, "detail": result.detail[:500], "source": source})
        except BaseException:
            if not existed and not EvidenceItem.objects.filter(file=stored).exists():
                default_storage.delete(stored)
            raise
    return Ingested(item, True)


def decode_base64(value: str, *, field: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (ValueError, TypeError) as exc:
        raise ValidationError({field: "Not valid base64."}) from exc


# --- trusted keys -----------------------------------------------------------------------------

@transaction.atomic
def register_trusted_key(*, actor: User | None, name: str, algorithm: str, public_key_pem: str,
                         team: Team | None = None) -> TrustedKey:
    from .signatures import key_fingerprint, load_public_key

    if actor is not None:
        governance = role_of(actor) in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE)
        if team is None and not governance:
            raise PermissionDenied("Only governance leads register keys trusted by every team; choose your team.")
        if team is not None and not governance and not Team.objects.restrict(actor, "manage").filter(pk=team.pk).exists():
            raise PermissionDenied("Only the team's owners register keys for it.")
    try:
        load_public_key(public_key_pem, algorithm)
    except ValueError as exc:
        raise ValidationError({"public_key_pem": str(exc)}) from exc
    fingerprint = key_fingerprint(public_key_pem)
    if TrustedKey.objects.filter(fingerprint=fingerprint).exists():
        raise ValidationError({"public_key_pem": "This key is already registered."})
    key = TrustedKey.objects.create(name=name.strip()[:100] or "key", algorithm=algorithm,
                                    public_key_pem=public_key_pem.strip(), fingerprint=fingerprint, team=team,
                                    created_by=actor if actor and actor.pk else None)
    record_event(actor=actor, action="trusted_key.registered", obj=key,
                 after={"name": key.name, "algorithm": algorithm, "fingerprint": fingerprint,
                        "team": team.pk if team else None})
    return key


@transaction.atomic
def revoke_trusted_key(*, actor: User | None, key: TrustedKey) -> TrustedKey:
    if actor is not None and not TrustedKey.objects.restrict(actor, "change").filter(pk=key.pk).exists():
        raise PermissionDenied("Only governance or the team's owners revoke this key.")
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        record_event(actor=actor, action="trusted_key.revoked", obj=key, after={"fingerprint": key.fingerprint})
    return key


# --- sources ----------------------------------------------------------------------------------

SOURCE_FIELDS = ("name", "kind", "url", "interval_minutes", "control_implementation", "trusted_key", "valid_for_days",
                 "enabled")


@transaction.atomic
def save_source(*, actor: User | None, asset: Asset | int, source: EvidenceSource | None = None,
                auth_header: str | None = None, **fields) -> EvidenceSource:
    asset = lock_asset(actor=actor, asset=getattr(asset, "pk", asset), action="change")
    if fields.get("kind", getattr(source, "kind", None)) not in EvidenceKind.values:
        raise ValidationError({"kind": f"Use one of: {', '.join(EvidenceKind.values)}."})
    url = fields.get("url", getattr(source, "url", ""))
    if not url.startswith(("http://", "https://")):
        raise ValidationError({"url": "Give an http(s) URL."})
    if not 1 <= int(fields.get("interval_minutes", getattr(source, "interval_minutes", 60))) <= 60 * 24 * 31:
        raise ValidationError({"interval_minutes": "Between 1 minute and 31 days."})
    impl = fields.get("control_implementation")
    if impl is not None and impl.asset_id != asset.pk:
        raise ValidationError({"control_implementation": "That implementation belongs to another asset."})
    created = source is None
    source = source or EvidenceSource(asset=asset, created_by=actor if actor and actor.pk else None)
    for name, value in fields.items():
        if name in SOURCE_FIELDS:
            setattr(source, name, value)
    if auth_header is not None:
        source.auth_header_encrypted = secrets.encrypt(auth_header)
    source.save()
    record_event(actor=actor, action="evidence_source.created" if created else "evidence_source.updated",
                 obj=source, asset_id=asset.pk,
                 after={"name": source.name, "url": source.url, "kind": source.kind,
                        "interval_minutes": source.interval_minutes, "has_auth_header": bool(source.auth_header_encrypted)})
    return source


@transaction.atomic
def delete_source(*, actor: User | None, source: EvidenceSource) -> None:
    lock_asset(actor=actor, asset=source.asset_id, action="change")
    record_event(actor=actor, action="evidence_source.deleted", obj=source, asset_id=source.asset_id,
                 before={"name": source.name, "url": source.url})
    source.delete()


COLLECT_JOB = "evidence.collect"


@transaction.atomic
def request_collection(*, actor: User | None, source: EvidenceSource):
    """Queue a collection as a job row (enqueued on commit); a queued one already waiting is reused."""
    from attest.core.jobs import enqueue_job
    from attest.core.models import Job

    if actor is not None:
        lock_asset(actor=actor, asset=source.asset_id, action="change")
    waiting = Job.objects.filter(kind=COLLECT_JOB, payload__source_id=source.pk, status__in=["queued", "running"]).first()
    if waiting:
        return waiting
    job = Job.objects.create(kind=COLLECT_JOB, created_by=actor if actor and actor.pk else None,
                             payload={"source_id": source.pk})
    record_event(actor=actor, action="evidence_source.collect_requested", obj=source, asset_id=source.asset_id,
                 after={"job": job.pk})
    return enqueue_job(job=job)


def recompute_stale_after(*, control) -> int:
    """After a control's maximum evidence age changes, bring its items' stale_after in step."""
    items = EvidenceItem.objects.filter(control_implementation__control=control)
    changed = []
    for item in items.only("pk", "collected_at", "valid_until", "stale_after"):
        new = stale_after(collected_at=item.collected_at, valid_until=item.valid_until,
                          max_age_days=control.max_evidence_age_days)
        if new != item.stale_after:
            item.stale_after = new
            changed.append(item)
    EvidenceItem.objects.bulk_update(changed, ["stale_after"], batch_size=500)
    return len(changed)


def notify_stale_evidence() -> int:
    """E-mail each asset owner once about their evidence that went stale. Idempotent."""
    from collections import defaultdict

    from django.core.mail import send_mail

    from .freshness import stale_q

    by_owner = defaultdict(list)
    with transaction.atomic():
        items = list(EvidenceItem.objects.select_for_update(of=("self",)).filter(stale_q(), stale_notified_at__isnull=True)
                     .select_related("asset__owner"))
        for item in items:
            if item.asset.owner and item.asset.owner.email:
                by_owner[item.asset.owner.email].append(item)
        EvidenceItem.objects.filter(pk__in=[i.pk for i in items]).update(stale_notified_at=timezone.now())
        for email, owned in by_owner.items():
            lines = "\n".join(f"- {i.title} on {i.asset.name} (stale since {i.stale_after:%Y-%m-%d})" for i in owned)
            body = ("This evidence no longer counts: the controls it proves are implemented but not evidenced until "
                    f"fresh evidence arrives.\n\n{lines}\n")
            transaction.on_commit(lambda e=email, b=body, n=len(owned): send_mail(
                f"{n} evidence item(s) went stale", b, None, [e]))
    return len(items)
