"""Pulling evidence from a source URL: conditional GET, no new item when nothing changed."""

import hashlib
import posixpath
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from attest.core.jobs import RetryableJobError, finish, set_progress

from . import secrets
from .models import EvidenceSource
from .services import ingest_evidence


def _request(source: EvidenceSource) -> urllib.request.Request:
    headers = {"User-Agent": "Attest evidence collector"}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    header = secrets.decrypt(source.auth_header_encrypted)
    if header:
        name, _, value = header.partition(":")
        headers[name.strip()] = value.strip()
    return urllib.request.Request(source.url, headers=headers)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are refused: one could carry the auth header to another host or into the internal network."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise urllib.error.HTTPError(req.full_url, code, f"redirect to {newurl} refused; point the source at the final URL",
                                     headers, fp)


_opener = urllib.request.build_opener(_NoRedirects)


def _check_destination(url: str) -> None:
    """With ATTEST_COLLECT_BLOCK_PRIVATE_NETWORKS, refuse hosts that resolve to private or local addresses."""
    import ipaddress
    import socket

    if not settings.ATTEST_COLLECT_BLOCK_PRIVATE_NETWORKS:
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    for info in socket.getaddrinfo(host, None):
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            raise ValueError(f"{host} resolves to {address}, an internal address; collecting from it is not allowed")


def _record_error(source: EvidenceSource, message: str) -> None:
    EvidenceSource.objects.filter(pk=source.pk).update(last_error=message[:2000], last_error_at=timezone.now())


def collect(job) -> dict:
    """Job handler for one source. Idempotent: a repeated run finds the item by its external id."""
    source = EvidenceSource.objects.filter(pk=job.payload["source_id"]).first()
    if source is None:
        with transaction.atomic():
            finish(job, result={"outcome": "source deleted"})
        return {}
    set_progress(job.pk, progress=10, step=f"Fetching {source.url}")
    limit = settings.ATTEST_EVIDENCE_MAX_BYTES
    try:
        _check_destination(source.url)
        request = _request(source)
    except ValueError as exc:
        _record_error(source, str(exc))
        raise
    try:
        with _opener.open(request, timeout=settings.ATTEST_COLLECT_TIMEOUT_SECONDS) as response:
            body = response.read(limit + 1)
            etag, modified = response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")
            media_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return _done(job, source, outcome="not modified")
        message = f"{source.url} answered HTTP {exc.code}: {exc.reason}"
        _record_error(source, message)
        if exc.code >= 500 or exc.code == 429:
            raise RetryableJobError(message) from exc
        raise ValueError(message) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        message = f"Could not reach {source.url}: {getattr(exc, 'reason', exc)}"
        _record_error(source, message)
        raise RetryableJobError(message) from exc
    if len(body) > limit:
        message = f"{source.url} returned more than the {limit:,}-byte limit"
        _record_error(source, message)
        raise ValueError(message)
    digest = hashlib.sha256(body).hexdigest()
    if digest == source.last_body_sha256:
        return _done(job, source, outcome="unchanged", etag=etag, modified=modified)
    set_progress(job.pk, progress=60, step="Checking and storing the evidence")
    now = timezone.now()
    try:
        ingested = ingest_evidence(
            actor=None, asset=source.asset_id, kind=source.kind, title=f"{source.name} ({now:%Y-%m-%d %H:%M})",
            data=body, filename=posixpath.basename(urllib.parse.urlsplit(source.url).path) or "evidence",
            media_type=media_type, control_implementation=source.control_implementation_id,
            valid_until=now + timedelta(days=source.valid_for_days) if source.valid_for_days else None,
            key_id=source.trusted_key_id, source=f"pull:{source.pk}", external_id=f"pull:{source.pk}:{digest}")
    except Exception as exc:  # noqa: BLE001 - the reason is shown on the source
        _record_error(source, f"Evidence from {source.url} was refused: {exc}")
        raise
    return _done(job, source, outcome="created" if ingested.created else "already stored", item=ingested.item.pk,
                 etag=etag, modified=modified, digest=digest)


def _done(job, source, *, outcome: str, item: int | None = None, etag: str = "", modified: str = "",
          digest: str = "") -> dict:
    now = timezone.now()
    with transaction.atomic():
        fields = {"last_success_at": now, "last_error": "", "next_run_at": now + timedelta(minutes=source.interval_minutes)}
        if etag or modified:
            fields.update(etag=etag[:200], last_modified=modified[:100])
        if digest:
            fields["last_body_sha256"] = digest
        EvidenceSource.objects.filter(pk=source.pk).update(**fields)
        result = {"outcome": outcome, "item": item}
        finish(job, result=result)
    return result
