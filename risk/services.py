"""Writes for threat models and the risk register. Each records its audit event."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from attest.accounts.models import User
from attest.auditlog.services import record_event
from attest.rbac.roles import GlobalRole, role_of
from inventory.models import Asset
from inventory.services import lock_asset

from .choices import RiskStatus, ThreatOrigin, ThreatStatus, Treatment
from .engine import applicable_threats, components_of, load_graph
from .models import AssetThreat, Risk, Threat


@dataclass
class RegenerationResult:
    assets: list[int] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    reapplied: list[str] = field(default_factory=list)
    kept: int = 0

    def as_dict(self) -> dict:
        return {"assets": self.assets, "added": self.added, "retired": self.retired,
                "reapplied": self.reapplied, "kept": self.kept}


def _targets(asset: Asset) -> tuple[list[int], object]:
    graph = load_graph({asset.pk})
    ids = [asset.pk]
    if asset.kind == "system":
        ids += sorted(components_of(asset.pk, graph))
    return ids, graph


@transaction.atomic
def regenerate_threat_model(*, actor: User | None, asset: Asset | int, check_access: bool = True) -> RegenerationResult:
    """Re-derive the threats of the asset (and of a system's components), keeping user decisions.

    New derived threats are added with a risk; derived threats that no longer apply are
    retired and their risks closed; "not applicable" decisions and hand-added threats stay.
    """
    asset = lock_asset(actor=actor if check_access else None, asset=asset, action="change")
    ids, graph = _targets(asset)
    if asset.kind == "system":
        graph = load_graph(set(ids))  # the components' own neighbourhoods too
    threats = list(Threat.objects.all())
    now = timezone.now()
    existing = {(t.asset_id, t.threat_id): t for t in AssetThreat.objects.filter(asset_id__in=ids, origin="derived")}
    result = RegenerationResult(assets=ids)
    new_entries, touched, reopen, derived_again, seen = [], [], [], [], set()
    for asset_id in ids:
        target = graph.assets[asset_id]
        for threat, reason in applicable_threats(target, threats, graph):
            key = (asset_id, threat.pk)
            seen.add(key)
            entry = existing.get(key)
            if entry is None:
                new_entries.append(AssetThreat(asset_id=asset_id, threat=threat, reason=reason, last_derived_at=now))
                result.added.append(f"{threat.code} on {target.name}")
                continue
            derived_again.append(entry.pk)
            if entry.status == ThreatStatus.RETIRED:
                entry.status, entry.reason = ThreatStatus.APPLICABLE, reason
                reopen.append(entry.pk)
                touched.append(entry)
                result.reapplied.append(f"{threat.code} on {target.name}")
            else:
                result.kept += 1
                if entry.reason != reason:
                    entry.reason = reason
                    touched.append(entry)
    # Set-based writes: a system with 50 components has hundreds of entries, mostly unchanged.
    AssetThreat.objects.bulk_update(touched, ["reason", "status"], batch_size=500)
    AssetThreat.objects.filter(pk__in=derived_again).update(last_derived_at=now)
    Risk.objects.filter(asset_threat_id__in=reopen, status=RiskStatus.CLOSED).update(status=RiskStatus.OPEN,
                                                                                     updated_at=now)
    created = AssetThreat.objects.bulk_create(new_entries)
    Risk.objects.bulk_create(Risk(asset_id=e.asset_id, asset_threat=e, likelihood=e.threat.likelihood,
                                  impact=e.threat.impact, owner_id=graph.assets[e.asset_id].owner_id) for e in created)
    retired = [entry for key, entry in existing.items()
               if key not in seen and entry.status == ThreatStatus.APPLICABLE]
    AssetThreat.objects.filter(pk__in=[e.pk for e in retired]).update(status=ThreatStatus.RETIRED)
    Risk.objects.filter(asset_threat_id__in=[e.pk for e in retired]).exclude(status=RiskStatus.CLOSED).update(
        status=RiskStatus.CLOSED, updated_at=now)
    threat_codes = {t.pk: t.code for t in threats}
    result.retired = [f"{threat_codes[e.threat_id]} on {graph.assets[e.asset_id].name}" for e in retired]
    record_event(actor=actor, action="threat_model.regenerated", obj=asset, asset_id=asset.pk,
                 after=result.as_dict())
    return result


def regenerate_for_inventory_change(*, actor, asset_ids: list[int], reason: str) -> None:
    """Asset hook: keep derived threat models current as the inventory changes (system action)."""
    if not Threat.objects.exists():
        return
    # Rules look along relations, so a change reaches the neighbours' threat models too.
    from inventory.models import AssetRelation

    near = set(asset_ids)
    near |= set(AssetRelation.objects.filter(source_id__in=asset_ids).values_list("target_id", flat=True))
    near |= set(AssetRelation.objects.filter(target_id__in=asset_ids).values_list("source_id", flat=True))
    for asset in Asset.objects.filter(pk__in=near):
        regenerate_threat_model(actor=None, asset=asset, check_access=False)


def _lock_entry(actor, entry: AssetThreat) -> AssetThreat:
    lock_asset(actor=actor, asset=entry.asset_id, action="change")
    return AssetThreat.objects.select_for_update().get(pk=entry.pk)


@transaction.atomic
def set_threat_status(*, actor: User | None, entry: AssetThreat, status: str, reason: str = "") -> AssetThreat:
    """Mark a threat not applicable (with a reason), or applicable again."""
    entry = _lock_entry(actor, entry)
    if status not in (ThreatStatus.APPLICABLE, ThreatStatus.NOT_APPLICABLE):
        raise ValidationError({"status": "Use 'applicable' or 'not_applicable'."})
    if status == ThreatStatus.NOT_APPLICABLE and not reason.strip():
        raise ValidationError({"decision_reason": "Say why the threat does not apply to this asset."})
    before = {"status": entry.status, "decision_reason": entry.decision_reason}
    entry.status, entry.decision_reason = status, reason.strip() if status == ThreatStatus.NOT_APPLICABLE else ""
    entry.decided_by, entry.decided_at = actor, timezone.now()
    entry.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    risks = Risk.objects.filter(asset_threat=entry)
    if status == ThreatStatus.NOT_APPLICABLE:
        risks.update(status=RiskStatus.CLOSED, updated_at=timezone.now())
    else:  # restoring re-opens a closed risk; an accepted one keeps its acceptance
        risks.filter(status=RiskStatus.CLOSED).update(status=RiskStatus.OPEN, updated_at=timezone.now())
    record_event(actor=actor, action="threat.decided", obj=entry, asset_id=entry.asset_id, before=before,
                 after={"status": entry.status, "decision_reason": entry.decision_reason})
    return entry


@transaction.atomic
def add_custom_threat(*, actor: User | None, asset: Asset | int, title: str, description: str = "",
                      reason: str, likelihood: int = 3, impact: int = 3) -> AssetThreat:
    asset = lock_asset(actor=actor, asset=asset, action="change")
    errors = {}
    if not title.strip():
        errors["title"] = ["Name the threat."]
    if not reason.strip():
        errors["reason"] = ["Say why the threat applies to this asset."]
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            errors[name] = ["A whole number from 1 to 5."]
    if errors:
        raise ValidationError(errors)
    entry = AssetThreat.objects.create(asset=asset, title=title.strip(), description=description, reason=reason,
                                       origin=ThreatOrigin.MANUAL, decided_by=actor, decided_at=timezone.now())
    Risk.objects.create(asset=asset, asset_threat=entry, likelihood=likelihood, impact=impact, owner=asset.owner)
    record_event(actor=actor, action="threat.added", obj=entry, asset_id=asset.pk,
                 after={"title": entry.title, "likelihood": likelihood, "impact": impact})
    return entry


RISK_FIELDS = ("likelihood", "impact", "treatment", "owner", "due_date")


def _risk_snapshot(risk: Risk) -> dict:
    return {"likelihood": risk.likelihood, "impact": risk.impact, "treatment": risk.treatment,
            "status": risk.status, "owner": risk.owner_id,
            "due_date": risk.due_date.isoformat() if risk.due_date else None}


@transaction.atomic
def update_risk(*, actor: User | None, risk: Risk, **changes) -> Risk:
    lock_asset(actor=actor, asset=risk.asset_id, action="change")
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    errors = {}
    for name in ("likelihood", "impact"):
        if name in changes and not (isinstance(changes[name], int) and 1 <= changes[name] <= 5):
            errors[name] = ["A whole number from 1 to 5."]
    if changes.get("treatment") == Treatment.ACCEPT:
        errors["treatment"] = ["Acceptance goes through POST risks/{id}/accept/ with a justification and an expiry."]
    elif "treatment" in changes and changes["treatment"] not in Treatment.values:
        errors["treatment"] = [f"Use one of: {', '.join(Treatment.values)}."]
    unknown = set(changes) - set(RISK_FIELDS)
    for name in unknown:
        errors[name] = ["This field cannot be changed here."]
    if errors:
        raise ValidationError(errors)
    before = _risk_snapshot(risk)
    for name, value in changes.items():
        setattr(risk, name, value)
    if "treatment" in changes and risk.status == RiskStatus.ACCEPTED:
        risk.status = RiskStatus.OPEN  # a new treatment withdraws the acceptance
    risk.updated_at = timezone.now()
    risk.save()
    record_event(actor=actor, action="risk.updated", obj=risk, asset_id=risk.asset_id, before=before,
                 after=_risk_snapshot(risk))
    return risk


@transaction.atomic
def accept_risk(*, actor: User | None, risk: Risk, justification: str, expires_on: date) -> Risk:
    """Governance accepts a risk until a date; the acceptance lapses back to open after it."""
    if actor is not None:
        lock_asset(actor=actor, asset=risk.asset_id, action="view")
        if role_of(actor) not in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE):
            raise PermissionDenied("Only governance leads accept risks.")
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    errors = {}
    if not (justification or "").strip():
        errors["justification"] = ["Explain why the risk is acceptable."]
    if not isinstance(expires_on, date) or expires_on <= timezone.localdate():
        errors["expires_on"] = ["Give an expiry date in the future."]
    if risk.status == RiskStatus.CLOSED:
        errors["risk"] = ["This risk is closed (its threat no longer applies); there is nothing to accept."]
    if errors:
        raise ValidationError(errors)
    before = _risk_snapshot(risk)
    risk.status, risk.treatment = RiskStatus.ACCEPTED, Treatment.ACCEPT
    risk.accepted_by, risk.accepted_at = actor, timezone.now()
    risk.acceptance_justification, risk.acceptance_expires_on = justification.strip(), expires_on
    risk.updated_at = timezone.now()
    risk.save()
    record_event(actor=actor, action="risk.accepted", obj=risk, asset_id=risk.asset_id, before=before,
                 after={**_risk_snapshot(risk), "justification": risk.acceptance_justification,
                        "expires_on": expires_on.isoformat()})
    return risk


def lapse_expired_acceptances(*, today: date | None = None) -> list[int]:
    """Re-open accepted risks whose acceptance has expired and tell their owners. Idempotent."""
    from django.core.mail import send_mail

    today = today or timezone.localdate()
    lapsed = []
    for risk_id in Risk.objects.filter(status=RiskStatus.ACCEPTED, acceptance_expires_on__lt=today).values_list(
            "pk", flat=True):
        with transaction.atomic():
            risk = Risk.objects.select_for_update(of=("self",)).select_related("owner", "asset").filter(
                pk=risk_id, status=RiskStatus.ACCEPTED).first()
            if risk is None:
                continue
            risk.status, risk.treatment, risk.updated_at = RiskStatus.OPEN, Treatment.MITIGATE, timezone.now()
            risk.save(update_fields=["status", "treatment", "updated_at"])
            record_event(actor=None, action="risk.acceptance_lapsed", obj=risk, asset_id=risk.asset_id,
                         after={"expired_on": risk.acceptance_expires_on.isoformat()})
            if risk.owner and risk.owner.email:
                owner_email = risk.owner.email
                subject = f"Risk acceptance expired: {risk}"
                body = (f"The acceptance of the risk '{risk}' expired on {risk.acceptance_expires_on}. "
                        "The risk is open again: choose a treatment or ask governance to accept it anew.")
                transaction.on_commit(lambda s=subject, b=body, to=owner_email: send_mail(s, b, None, [to]))
            lapsed.append(risk.pk)
    return lapsed
