"""Writes for audit packs and engagements. Each records its audit event in its transaction."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from attest.accounts.models import Team, User
from attest.auditlog.services import record_event
from attest.core.jobs import enqueue_job
from attest.core.models import Job, JobStatus
from attest.rbac.roles import GlobalRole, role_of
from compliance.models import Framework
from inventory.models import Asset
from inventory.services import lock_asset

from .models import AuditPack, Engagement

PACK_JOB = "audit_pack"
PACK_BUILDERS = (GlobalRole.ADMIN, GlobalRole.GOVERNANCE, GlobalRole.MEMBER)


def _frameworks(actor: User, slugs: list[str]) -> list[Framework]:
    found = list(Framework.objects.restrict(actor, "view").filter(slug__in=slugs))
    unknown = sorted(set(slugs) - {f.slug for f in found})
    if unknown:
        known = ", ".join(Framework.objects.order_by("slug").values_list("slug", flat=True))
        raise ValidationError({"frameworks": f"Unknown framework(s): {', '.join(unknown)}. Use any of: {known}."})
    return found


def _scope_assets(actor: User, *, team_id: int | None, asset_ids: list[int] | None) -> tuple[Team | None, list[Asset]]:
    """The assets of a team or a list, through the actor's restricted queryset.

    An id the actor cannot see is reported exactly like one that does not exist.
    """
    visible = Asset.objects.restrict(actor, "view")
    if team_id is not None and asset_ids:
        raise ValidationError({"team": "Give either a team or a list of assets, not both."})
    if team_id is not None:
        team = Team.objects.restrict(actor, "view").filter(pk=team_id).first()
        if team is None:
            raise ValidationError({"team": f"There is no team with id {team_id} that you can see."})
        assets = list(visible.filter(team=team))
    elif asset_ids:
        assets = list(visible.filter(pk__in=asset_ids))
        missing = sorted(set(asset_ids) - {a.pk for a in assets})
        if missing:
            raise ValidationError({"assets": f"There is no asset with id {', '.join(map(str, missing))} that you can see."})
    else:
        raise ValidationError({"assets": "Give a team or a list of assets for the scope."})
    if not assets:
        raise ValidationError({"assets": "The scope holds no asset that you can see."})
    return (team if team_id is not None else None), assets


def _dates(as_of: date | None, since: date | None) -> tuple[date, date]:
    today = timezone.localdate()
    as_of = as_of or today
    if as_of > today:
        raise ValidationError({"as_of": "The as-of date cannot be in the future: a pack records what was, not what will be."})
    since = since or as_of - timedelta(days=settings.ATTEST_PACK_DEFAULT_PERIOD_DAYS)
    if since > as_of:
        raise ValidationError({"since": "The audit-log period must start on or before the as-of date."})
    return as_of, since


@transaction.atomic
def request_pack(*, actor: User, title: str = "", framework_slugs: list[str] | None = None, team_id: int | None = None,
                 asset_ids: list[int] | None = None, as_of: date | None = None, since: date | None = None,
                 engagement_id: int | None = None) -> AuditPack:
    """Record a pack request and enqueue its build; the worker does the rest."""
    if role_of(actor) not in PACK_BUILDERS:
        raise PermissionDenied("Auditors and integrations read packs; they cannot build them.")
    engagement = None
    if engagement_id is not None:
        engagement = Engagement.objects.restrict(actor, "change").filter(pk=engagement_id, ended_at__isnull=True).first()
        if engagement is None:
            raise ValidationError({"engagement": f"There is no active engagement with id {engagement_id} that you manage."})
        if not asset_ids and team_id is None:
            asset_ids = list(engagement.assets.values_list("pk", flat=True))
        framework_slugs = framework_slugs or list(engagement.frameworks.values_list("slug", flat=True))
        as_of = as_of or min(timezone.localdate(), engagement.period_end)
        since = since or engagement.period_start
    frameworks = _frameworks(actor, framework_slugs or [])
    team, assets = _scope_assets(actor, team_id=team_id, asset_ids=asset_ids)
    if engagement and not {a.pk for a in assets} <= set(engagement.assets.values_list("pk", flat=True)):
        raise ValidationError({"assets": "A pack for an engagement can only cover the engagement's assets."})
    as_of, since = _dates(as_of, since)
    title = (title or "").strip() or f"Audit pack as of {as_of:%d %B %Y}"
    job = Job.objects.create(kind=PACK_JOB, created_by=actor, payload={"title": title})
    pack = AuditPack.objects.create(title=title[:200], organisation=settings.ATTEST_ORGANISATION, team=team,
                                    as_of=as_of, since=since, engagement=engagement, job=job, created_by=actor)
    pack.frameworks.set(frameworks or Framework.objects.all())
    pack.assets.set(assets)
    job.payload["pack"] = pack.pk
    job.save(update_fields=["payload"])
    record_event(actor=actor, action="audit_pack.requested", obj=pack, after={
        "as_of": as_of.isoformat(), "since": since.isoformat(), "assets": [a.pk for a in assets],
        "frameworks": sorted(f.slug for f in pack.frameworks.all()), "engagement": engagement_id})
    enqueue_job(job=job)
    return pack


@transaction.atomic
def retry_pack(*, actor: User, pack: AuditPack) -> AuditPack:
    pack = AuditPack.objects.restrict(actor, "change").select_for_update(of=("self",)).select_related("job").filter(
        pk=pack.pk).first()
    if pack is None:
        raise PermissionDenied("You cannot retry this pack.")
    if pack.job.status != JobStatus.FAILED:
        raise ValidationError("Only a failed pack can be retried.")
    job = pack.job
    previous_error = job.error
    job.error, job.progress, job.step, job.finished_at = "", 0, "", None
    job.save(update_fields=["error", "progress", "step", "finished_at"])
    record_event(actor=actor, action="audit_pack.retried", obj=pack, before={"error": previous_error})
    enqueue_job(job=job)
    return pack


def require_governance(actor: User) -> None:
    if role_of(actor) not in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE):
        raise PermissionDenied("Only governance leads and administrators manage auditor engagements.")


@transaction.atomic
def create_engagement(*, actor: User, name: str, auditor: User, period_start: date, period_end: date,
                      team_id: int | None = None, asset_ids: list[int] | None = None,
                      framework_slugs: list[str] | None = None) -> Engagement:
    """Give an auditor read-only access to a scope for a period: one view grant per asset."""
    require_governance(actor)
    if role_of(auditor) != GlobalRole.AUDITOR:
        raise ValidationError({"auditor": f"{auditor.username} is not an auditor; engagements are for auditors."})
    if period_end < period_start:
        raise ValidationError({"period_end": "The period must end on or after its start."})
    frameworks = _frameworks(actor, framework_slugs or [])
    team, assets = _scope_assets(actor, team_id=team_id, asset_ids=asset_ids)
    engagement = Engagement.objects.create(name=name.strip()[:200], auditor=auditor, team=team,
                                           period_start=period_start, period_end=period_end, created_by=actor)
    engagement.assets.set(assets)
    engagement.frameworks.set(frameworks)
    for asset in assets:
        asset = lock_asset(actor=actor, asset=asset, action="view")
        assign_perm("inventory.view_asset", auditor, asset)
        record_event(actor=actor, action="asset.access_granted", obj=asset, asset_id=asset.pk,
                     after={"user": auditor.username, "permission": "view_asset", "engagement": engagement.pk})
    record_event(actor=actor, action="engagement.created", obj=engagement, after={
        "auditor": auditor.username, "assets": [a.pk for a in assets], "period": [str(period_start), str(period_end)]})
    return engagement


@transaction.atomic
def end_engagement(*, actor: User | None, engagement: Engagement) -> Engagement:
    """Close the window: the auditor loses the grants no other active engagement still needs."""
    if actor is not None:
        require_governance(actor)
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.ended_at:
        return engagement
    engagement.ended_at = timezone.now()
    engagement.save(update_fields=["ended_at"])
    still_needed = set(Engagement.objects.filter(auditor=engagement.auditor, ended_at__isnull=True)
                       .values_list("assets", flat=True)) - {None}
    for asset in engagement.assets.exclude(pk__in=still_needed):
        remove_perm("inventory.view_asset", engagement.auditor, asset)
        record_event(actor=actor, action="asset.access_revoked", obj=asset, asset_id=asset.pk,
                     before={"user": engagement.auditor.username, "permission": "view_asset",
                             "engagement": engagement.pk})
    record_event(actor=actor, action="engagement.ended", obj=engagement, after={"ended_at": engagement.ended_at.isoformat()})
    return engagement


def end_expired_engagements() -> int:
    today = timezone.localdate()
    expired = list(Engagement.objects.filter(ended_at__isnull=True, period_end__lt=today))
    for engagement in expired:
        end_engagement(actor=None, engagement=engagement)
    return len(expired)
