"""Writes for the control library, control implementations and AI Act classifications."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from attest.accounts.models import User
from attest.auditlog.services import record_event
from attest.rbac.roles import GlobalRole, role_of
from inventory.models import Asset
from inventory.services import lock_asset

from . import classification as engine
from .choices import ClassificationStatus, ControlStrength, EvidenceKind, ImplementationStatus, LifecyclePhase
from .fingerprint import describe_changes, inventory_fingerprint, systems_affected_by
from .models import Classification, Control, ControlImplementation, ControlMapping, Requirement


def _require_governance(actor) -> None:
    if actor is not None and role_of(actor) not in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE):
        raise PermissionDenied("Only governance leads and administrators change the control library.")


# --- control library -------------------------------------------------------------------------

CONTROL_FIELDS = ("code", "title", "description", "phase", "evidence_kinds", "max_evidence_age_days")


def _clean_control(data: dict) -> dict:
    errors = {}
    if "phase" in data and data["phase"] not in LifecyclePhase.values:
        errors["phase"] = [f"Use one of: {', '.join(LifecyclePhase.values)}."]
    kinds = data.get("evidence_kinds", [])
    if not isinstance(kinds, list) or any(k not in EvidenceKind.values for k in kinds):
        errors["evidence_kinds"] = [f"Give a list drawn from: {', '.join(EvidenceKind.values)}."]
    if "max_evidence_age_days" in data and not (isinstance(data["max_evidence_age_days"], int)
                                                and 1 <= data["max_evidence_age_days"] <= 3650):
        errors["max_evidence_age_days"] = ["A whole number of days between 1 and 3650."]
    if errors:
        raise ValidationError(errors)
    return data


def _control_snapshot(control: Control) -> dict:
    return {f: getattr(control, f) for f in CONTROL_FIELDS}


@transaction.atomic
def create_control(*, actor: User | None, data: dict[str, Any]) -> Control:
    _require_governance(actor)
    data = _clean_control({k: v for k, v in data.items() if k in CONTROL_FIELDS})
    if Control.objects.filter(code__iexact=data.get("code", "")).exists():
        raise ValidationError({"code": f"A control with code {data['code']} already exists."})
    control = Control(**data)
    control.full_clean()
    control.save()
    record_event(actor=actor, action="control.created", obj=control, after=_control_snapshot(control))
    return control


@transaction.atomic
def update_control(*, actor: User | None, control: Control, data: dict[str, Any]) -> Control:
    _require_governance(actor)
    control = Control.objects.select_for_update().get(pk=control.pk)
    before = _control_snapshot(control)
    data = _clean_control({k: v for k, v in data.items() if k in CONTROL_FIELDS and k != "code"})
    for name, value in data.items():
        setattr(control, name, value)
    control.updated_at = timezone.now()
    control.full_clean()
    control.save()
    after = _control_snapshot(control)
    changed = [k for k in after if after[k] != before[k]]
    if "max_evidence_age_days" in changed:
        from .evidence.services import recompute_stale_after

        recompute_stale_after(control=control)
    record_event(actor=actor, action="control.updated", obj=control,
                 before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    return control


@transaction.atomic
def set_control_mapping(*, actor: User | None, control: Control, requirement: Requirement, strength: str | None) -> None:
    """Map a control to a requirement with a strength, or remove the mapping (strength None)."""
    _require_governance(actor)
    existing = ControlMapping.objects.filter(control=control, requirement=requirement).first()
    if strength is None:
        if existing is None:
            raise Http404
        existing.delete()
        record_event(actor=actor, action="control.unmapped", obj=control, before={"requirement": str(requirement)})
        return
    if strength not in ControlStrength.values:
        raise ValidationError({"strength": f"Use one of: {', '.join(ControlStrength.values)}."})
    before = existing.strength if existing else None
    ControlMapping.objects.update_or_create(control=control, requirement=requirement, defaults={"strength": strength})
    record_event(actor=actor, action="control.mapped", obj=control,
                 before={"requirement": str(requirement), "strength": before},
                 after={"requirement": str(requirement), "strength": strength})


# --- control implementations -----------------------------------------------------------------

def _implementation_snapshot(impl: ControlImplementation) -> dict:
    return {"control": impl.control.code, "status": impl.status, "justification": impl.justification,
            "owner": impl.owner_id, "due_date": impl.due_date.isoformat() if impl.due_date else None, "notes": impl.notes}


@transaction.atomic
def set_implementation(*, actor: User | None, asset: Asset | int, control: Control, status: str,
                       justification: str = "", owner: User | None = None, due_date=None,
                       notes: str = "") -> ControlImplementation:
    """Create or update the implementation of ``control`` on ``asset``."""
    asset = lock_asset(actor=actor, asset=asset, action="change")
    if status not in ImplementationStatus.values:
        raise ValidationError({"status": f"Use one of: {', '.join(ImplementationStatus.values)}."})
    if status == ImplementationStatus.NOT_APPLICABLE and not justification.strip():
        raise ValidationError({"justification": "Say why the control does not apply to this asset."})
    if owner is not None and actor is not None and not User.objects.restrict(actor, "view").filter(pk=owner.pk).exists():
        raise ValidationError({"owner": "Choose a user you can see."})
    impl = ControlImplementation.objects.select_for_update().filter(asset=asset, control=control).first()
    before = _implementation_snapshot(impl) if impl else None
    if impl is None:
        impl = ControlImplementation(asset=asset, control=control)
    impl.status, impl.justification, impl.owner, impl.due_date, impl.notes = status, justification, owner, due_date, notes
    impl.updated_at = timezone.now()
    impl.save()
    record_event(actor=actor, action="implementation.created" if before is None else "implementation.updated",
                 obj=impl, asset_id=asset.pk, before=before, after=_implementation_snapshot(impl))
    return impl


@transaction.atomic
def delete_implementation(*, actor: User | None, implementation: ControlImplementation) -> None:
    lock_asset(actor=actor, asset=implementation.asset_id, action="change")
    record_event(actor=actor, action="implementation.deleted", obj=implementation,
                 asset_id=implementation.asset_id, before=_implementation_snapshot(implementation))
    implementation.delete()


# --- EU AI Act classification ----------------------------------------------------------------

def _record(decision) -> dict:
    return {"tier": decision.tier, "role": decision.role, "gpai_model": decision.gpai_model,
            "gpai_systemic_risk": decision.gpai_systemic_risk, "transparency": decision.transparency,
            "deciding_articles": list(decision.deciding_articles), "reasons": list(decision.reasons),
            "obligations": list(decision.obligations)}


@transaction.atomic
def classify_system(*, actor: User | None, asset: Asset | int, answers: dict) -> Classification:
    """Record a new version of the system's decision record from the answers (proposed until confirmed)."""
    asset = lock_asset(actor=actor, asset=asset, action="change")
    if asset.kind != "system":
        raise ValidationError({"asset": "Only AI systems are classified under the AI Act; this asset is a "
                                        f"{asset.get_kind_display().lower()}."})
    if not isinstance(answers, dict):
        raise ValidationError({"answers": "Give the answers as an object of question keys and values."})
    decision = engine.classify(answers)
    current = Classification.objects.select_for_update().filter(asset=asset, is_current=True).first()
    version = (current.version + 1) if current else 1
    if current:
        current.is_current = False
        current.save(update_fields=["is_current"])
    record = Classification.objects.create(
        asset=asset, version=version, answers=engine.validate_answers(answers), **_record(decision),
        inventory_fingerprint=inventory_fingerprint(asset), created_by=actor if actor and actor.pk else None,
    )
    record.obligation_requirements.set(
        Requirement.objects.filter(framework__slug="eu-ai-act", code__in=decision.obligations))
    changed = {}
    if current:
        changed = {k: [current.answers.get(k), v] for k, v in record.answers.items() if current.answers.get(k) != v}
    record_event(actor=actor, action="classification.proposed", obj=record, asset_id=asset.pk,
                 before={"version": current.version, "tier": current.tier} if current else None,
                 after={"version": version, "tier": record.tier, "changed_answers": changed,
                        "obligations": record.obligations})
    return record


@transaction.atomic
def confirm_classification(*, actor: User | None, asset: Asset | int) -> Classification:
    """Governance confirms the current decision record: the classification is decided."""
    pk = asset.pk if isinstance(asset, Asset) else asset
    if actor is not None and not Asset.objects.restrict(actor, "view").filter(pk=pk).exists():
        raise Http404
    if actor is not None and role_of(actor) not in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE):
        raise PermissionDenied("Only governance leads confirm AI Act classifications.")
    record = Classification.objects.select_for_update().filter(asset_id=pk, is_current=True).first()
    if record is None:
        raise ValidationError("This system has no classification to confirm yet; answer the questions first.")
    if record.status == ClassificationStatus.REOPENED:
        raise ValidationError("The inventory under this system changed; review the answers and classify again "
                              "before confirming.")
    if record.status != ClassificationStatus.CONFIRMED:
        record.status, record.confirmed_by, record.confirmed_at = ClassificationStatus.CONFIRMED, actor, timezone.now()
        record.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        record_event(actor=actor, action="classification.decided", obj=record, asset_id=pk,
                     after={"version": record.version, "tier": record.tier, "role": record.role,
                            "deciding_articles": record.deciding_articles, "obligations": record.obligations})
    return record


def reopen_for_inventory_change(*, actor, asset_ids: list[int], reason: str) -> None:
    """Asset hook: re-open the decision records of systems whose inventory changed underneath."""
    for system in systems_affected_by(asset_ids):
        record = Classification.objects.select_for_update().filter(asset=system, is_current=True).first()
        if record is None or record.status == ClassificationStatus.REOPENED:
            continue
        now = inventory_fingerprint(system)
        changes = describe_changes(record.inventory_fingerprint, now)
        if not changes:
            continue
        record.status, record.reopened_because = ClassificationStatus.REOPENED, changes
        record.save(update_fields=["status", "reopened_because"])
        record_event(actor=actor, action="classification.reopened", obj=record, asset_id=system.pk,
                     after={"version": record.version, "because": changes, "trigger": reason})


@transaction.atomic
def delete_control(*, actor: User | None, control: Control) -> None:
    _require_governance(actor)
    if control.implementations.exists():
        raise ValidationError({"control": f"{control.code} is implemented on {control.implementations.count()} "
                                          "asset(s); remove those implementations first."})
    record_event(actor=actor, action="control.deleted", obj=control, before=_control_snapshot(control))
    control.delete()
