"""Every write to the inventory. Each checks access inside its transaction and records an audit event."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from attest.accounts.models import Team, User
from attest.auditlog.services import record_event
from attest.core.registry import notify_assets_changed

from .choices import ACYCLIC_RELATIONS, ALL_KIND_FIELDS, COMMON_FIELDS, KIND_DEFAULTS, KIND_FIELDS, AssetKind, RelationType
from .models import Asset, AssetRelation

if TYPE_CHECKING:
    from attest.core.models import Job

EDITABLE_FIELDS = set(COMMON_FIELDS) | set(ALL_KIND_FIELDS)

# Which kinds may stand at each end of a relation (None: any kind).
RELATION_KINDS: dict[str, tuple[set[str] | None, set[str] | None]] = {
    RelationType.PART_OF: (None, {AssetKind.SYSTEM}),
    RelationType.TRAINED_ON: ({AssetKind.MODEL}, {AssetKind.DATASET}),
    RelationType.FINE_TUNED_FROM: ({AssetKind.MODEL}, {AssetKind.MODEL}),
    RelationType.DEPLOYED_ON: ({AssetKind.SYSTEM, AssetKind.MODEL}, {AssetKind.INFRASTRUCTURE}),
    RelationType.DEPENDS_ON: (None, None),
    RelationType.FEEDS: (None, None),
}


def asset_snapshot(asset: Asset) -> dict[str, Any]:
    fields = [f for f in COMMON_FIELDS if f not in ("team", "owner")] + KIND_FIELDS.get(asset.kind, [])
    snapshot = {name: getattr(asset, name) for name in fields}
    snapshot["team"] = asset.team_id
    snapshot["owner"] = asset.owner_id
    return snapshot


def _normalise_tags(value) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    if not isinstance(value, (list, tuple)):
        raise ValidationError({"tags": "Give tags as a list of strings."})
    tags = []
    for tag in value:
        if not isinstance(tag, str):
            raise ValidationError({"tags": "Each tag must be a string."})
        tag = tag.strip()[:50]
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def build_asset(*, actor: User | None, data: dict[str, Any], instance: Asset | None = None) -> Asset:
    """Validate ``data`` into an unsaved Asset. Raises ValidationError with per-field messages."""
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: "Unknown field." for name in sorted(unknown)})
    asset = instance or Asset()
    kind = data.get("kind", asset.kind)
    if kind not in AssetKind.values:
        raise ValidationError({"kind": f"Unknown kind '{kind}'. Use one of: {', '.join(AssetKind.values)}."})
    if instance is not None and kind != instance.kind:
        raise ValidationError({"kind": "The kind of an asset cannot change. Create a new asset instead."})
    errors: dict[str, list[str]] = {}
    own_fields = set(KIND_FIELDS[kind])
    defaults = Asset()
    for name in ALL_KIND_FIELDS:
        if name in data and name not in own_fields and data[name] not in (None, "", getattr(defaults, name)):
            errors.setdefault(name, []).append(f"'{name}' does not apply to a {kind} asset.")
    if errors:
        raise ValidationError(errors)

    if "team" in data:
        team = data["team"]
        allowed = Team.objects.restrict(actor, "add_asset") if actor is not None else Team.objects.all()
        team_id = team.pk if isinstance(team, Team) else team
        if team_id is None or not allowed.filter(pk=team_id).exists():
            if team_id is not None and actor is not None and Team.objects.restrict(actor, "view").filter(pk=team_id).exists():
                raise PermissionDenied("You can see this team but not register assets in it; ask a team owner.")
            raise ValidationError({"team": "Choose a team you can register assets in."})
        asset.team_id = team_id
    if "owner" in data:
        owner = data["owner"]
        owner_id = owner.pk if isinstance(owner, User) else owner
        visible = User.objects.restrict(actor, "view") if actor is not None else User.objects.all()
        if owner_id is not None and not visible.filter(pk=owner_id, is_active=True).exists():
            raise ValidationError({"owner": "Choose an active user you can see."})
        asset.owner_id = owner_id
    for name, value in data.items():
        if name in ("team", "owner"):
            continue
        if name == "tags":
            value = _normalise_tags(value)
        elif value is None and name not in ("record_count",):
            value = getattr(defaults, name)
        setattr(asset, name, value)
    asset.kind = kind
    for name, value in KIND_DEFAULTS[kind].items():
        if not getattr(asset, name):
            setattr(asset, name, value)
    asset.name = (asset.name or "").strip()
    asset.full_clean()
    return asset


@transaction.atomic
def create_asset(*, actor: User | None, data: dict[str, Any]) -> Asset:
    asset = build_asset(actor=actor, data=data)
    asset.created_at = asset.updated_at = timezone.now()
    asset.save()
    record_event(actor=actor, action="asset.created", obj=asset, asset_id=asset.pk, after=asset_snapshot(asset))
    notify_assets_changed(actor=actor, asset_ids=[asset.pk], reason="asset created")
    return asset


def lock_asset(*, actor: User | None, asset: Asset | int, action: str) -> Asset:
    """Re-read the asset for a write, inside the transaction: 404 if hidden, 403 if read-only."""
    pk = asset.pk if isinstance(asset, Asset) else asset
    if actor is None:
        return Asset.objects.select_for_update().get(pk=pk)
    if not Asset.objects.restrict(actor, "view").filter(pk=pk).exists():
        raise Http404
    locked = Asset.objects.restrict(actor, action).select_for_update().filter(pk=pk).first()
    if locked is None:
        raise PermissionDenied(f"You can see this asset but not {action} it.")
    return locked


@transaction.atomic
def update_asset(*, actor: User | None, asset: Asset, data: dict[str, Any]) -> Asset:
    current = lock_asset(actor=actor, asset=asset, action="change")
    before = asset_snapshot(current)
    if "team" in data and (data["team"].pk if isinstance(data["team"], Team) else data["team"]) == current.team_id:
        data = {k: v for k, v in data.items() if k != "team"}  # keeping the team needs no add right on it
    updated = build_asset(actor=actor, data=data, instance=current)
    updated.updated_at = timezone.now()
    updated.save()
    after = asset_snapshot(updated)
    changed = {k for k in after if before.get(k) != after[k]}
    record_event(actor=actor, action="asset.updated", obj=updated, asset_id=updated.pk,
                 before={k: before.get(k) for k in changed}, after={k: after[k] for k in changed})
    if changed:
        notify_assets_changed(actor=actor, asset_ids=[updated.pk], reason=f"changed {', '.join(sorted(changed))}")
    return updated


@transaction.atomic
def delete_asset(*, actor: User | None, asset: Asset) -> None:
    current = lock_asset(actor=actor, asset=asset, action="delete")
    snapshot = asset_snapshot(current)
    pk = current.pk
    neighbours = set(AssetRelation.objects.filter(source_id=pk).values_list("target_id", flat=True)) | set(
        AssetRelation.objects.filter(target_id=pk).values_list("source_id", flat=True))
    record_event(actor=actor, action="asset.deleted", obj=current, asset_id=pk, before=snapshot)
    current.delete()
    if neighbours:
        notify_assets_changed(actor=actor, asset_ids=sorted(neighbours), reason=f"{snapshot['name']} was deleted")


def _reaches(start_id: int, goal_id: int, rel_type: str, max_depth: int = 1000) -> bool:
    """Is ``goal_id`` reachable from ``start_id`` along ``rel_type`` edges? One query per level."""
    frontier, seen = {start_id}, {start_id}
    for _ in range(max_depth):
        if goal_id in frontier:
            return True
        nxt = set(AssetRelation.objects.filter(source_id__in=frontier, type=rel_type).values_list("target_id", flat=True))
        frontier = nxt - seen
        if not frontier:
            return False
        seen |= frontier
    return True


@transaction.atomic
def create_relation(*, actor: User | None, source: Asset, type: str, target: Asset | int) -> AssetRelation:
    source = lock_asset(actor=actor, asset=source, action="change")
    if type not in RelationType.values:
        raise ValidationError({"type": f"Unknown relation type '{type}'. Use one of: {', '.join(RelationType.values)}."})
    target_id = target.pk if isinstance(target, Asset) else target
    visible = Asset.objects.restrict(actor, "view") if actor is not None else Asset.objects.all()
    target = visible.filter(pk=target_id).first()
    if target is None:
        raise ValidationError({"target": f"There is no asset {target_id} that you can see."})
    if target.pk == source.pk:
        raise ValidationError({"target": "An asset cannot be related to itself."})
    source_kinds, target_kinds = RELATION_KINDS[type]
    label = RelationType(type).label
    if source_kinds and source.kind not in source_kinds:
        raise ValidationError({"type": f"Only a {' or '.join(sorted(source_kinds))} can be '{label}' something."})
    if target_kinds and target.kind not in target_kinds:
        raise ValidationError({"target": f"'{label}' must point to a {' or '.join(sorted(target_kinds))}, not a {target.kind}."})
    if AssetRelation.objects.filter(source=source, type=type, target=target).exists():
        raise ValidationError({"target": f"{source} is already {label} {target}."})
    if type in ACYCLIC_RELATIONS and _reaches(target.pk, source.pk, type):
        raise ValidationError({"target": f"This would make a cycle: {target} is already (indirectly) {label} {source}."})
    relation = AssetRelation.objects.create(source=source, type=type, target=target)
    record_event(actor=actor, action="relation.created", obj=relation, asset_id=source.pk,
                 after={"source": source.pk, "type": type, "target": target.pk})
    notify_assets_changed(actor=actor, asset_ids=[source.pk, target.pk], reason=f"new relation: {relation}")
    return relation


@transaction.atomic
def delete_relation(*, actor: User | None, relation: AssetRelation) -> None:
    source = lock_asset(actor=actor, asset=relation.source_id, action="change")
    record_event(actor=actor, action="relation.deleted", obj=relation, asset_id=source.pk,
                 before={"source": relation.source_id, "type": relation.type, "target": relation.target_id})
    ids = [relation.source_id, relation.target_id]
    relation.delete()
    notify_assets_changed(actor=actor, asset_ids=ids, reason="relation removed")


GRANTABLE = {"view_asset", "change_asset", "add_evidence"}


@transaction.atomic
def grant_asset_access(*, actor: User | None, asset: Asset, user: User, permission: str) -> None:
    """Share one asset with a user: a teammate elsewhere, an auditor or an integration."""
    from guardian.shortcuts import assign_perm

    if permission not in GRANTABLE:
        raise ValidationError({"permission": f"Use one of: {', '.join(sorted(GRANTABLE))}."})
    asset = lock_asset(actor=actor, asset=asset, action="delete")
    if user.role == "auditor" and permission != "view_asset":
        raise ValidationError({"permission": "Auditors get read-only access."})
    assign_perm(f"inventory.{permission}", user, asset)
    record_event(actor=actor, action="asset.access_granted", obj=asset, asset_id=asset.pk,
                 after={"user": user.username, "permission": permission})


@transaction.atomic
def revoke_asset_access(*, actor: User | None, asset: Asset, user: User | int, permission: str) -> None:
    from guardian.shortcuts import remove_perm

    asset = lock_asset(actor=actor, asset=asset, action="delete")
    if not isinstance(user, User):  # an id taken from the asset's own grant rows
        user = User.objects.get(pk=user)
    remove_perm(f"inventory.{permission}", user, asset)
    record_event(actor=actor, action="asset.access_revoked", obj=asset, asset_id=asset.pk,
                 before={"user": user.username, "permission": permission})


IMPORT_JOB = "inventory.import_assets"


@transaction.atomic
def upload_import(*, actor: User, text: str, filename: str) -> "Job":
    """Keep an uploaded CSV as a draft job so its preview survives a reload."""
    from attest.core.models import Job

    job = Job.objects.create(kind=IMPORT_JOB, created_by=actor, payload={"csv": text, "filename": filename[:200]})
    record_event(actor=actor, action="asset.import_uploaded", obj=job, after={"filename": filename[:200]})
    return job


@transaction.atomic
def confirm_import(*, actor: User, job: "Job") -> "Job":
    from attest.core.jobs import enqueue_job
    from attest.core.models import Job, JobStatus

    from .csv_io import parse_assets_csv

    job = Job.objects.restrict(actor, "change").select_for_update().filter(pk=job.pk, kind=IMPORT_JOB).first()
    if job is None:
        raise Http404
    if job.status != JobStatus.DRAFT:
        return job  # confirming twice queues once
    rows = parse_assets_csv(actor=actor, text=job.payload["csv"])
    bad = [r for r in rows if not r.ok]
    if bad:
        raise ValidationError(f"{len(bad)} row(s) have errors; fix the file and upload it again.")
    record_event(actor=actor, action="asset.import_queued", obj=job, after={"rows": len(rows)})
    return enqueue_job(job=job)


def run_import(job) -> dict:
    """Job handler: create every row or none. Runs on a worker as the user who confirmed."""
    from attest.core.jobs import finish, set_progress
    from attest.core.models import Job, JobStatus

    from .csv_io import parse_assets_csv

    set_progress(job.pk, progress=5, step="Checking rows")
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.status != JobStatus.RUNNING:
            return job.result
        actor = job.created_by
        if actor is None or not actor.is_active:
            raise PermissionDenied("The user who started this import no longer exists or is disabled.")
        rows = parse_assets_csv(actor=actor, text=job.payload["csv"])
        bad = [r for r in rows if not r.ok]
        if bad:
            details = "; ".join(f"line {r.line}: {', '.join(m for ms in r.errors.values() for m in ms)}" for r in bad[:5])
            raise ValidationError(f"{len(bad)} row(s) are no longer valid ({details}). Nothing was imported.")
        created = [create_asset(actor=actor, data=row.data) for row in rows]
        result = {"created": len(created), "asset_ids": [a.pk for a in created]}
        record_event(actor=actor, action="asset.import_finished", obj=job, after={"created": len(created)})
        finish(job, result=result)
    return result
