"""Objects for the permission matrix (tests/test_permission_matrix.py), built through the services.

``build(world)`` returns one bag of objects per scope:

- ``team_a``: objects of team A, in scope for owner_a, viewer_a, the auditor (view grant on
  asset_a, and an engagement on asset_a and model_a) and the integration (add_evidence grant on
  model_a, plus one on asset_a added here so that every team-A asset route is "in scope" for it);
  out of scope for member_b.
- ``team_b``: the same kinds of objects on team B: in scope for member_b only (and the global
  roles admin and governance), out of scope for everyone else.
- ``global``: catalog data (frameworks, controls, the threat catalog) that every signed-in user
  reads; there is no out-of-scope object.

Exceptions to "team" scope, which follow DESIGN.md rather than team membership: an audit pack
is visible to its requester and to the auditor of its engagement, an import job to its
uploader only. The team-A pack is requested by governance for the auditor's engagement; the
team-B pack by member_b for team B; the team-A job is owner_a's, the team-B job member_b's.
"""

import re
from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from attest.accounts import services as accounts
from attest.auditlog.models import AuditEvent
from compliance import services as compliance
from compliance.evidence import services as evidence
from compliance.models import Control, ControlMapping
from compliance.seed import load_catalogs
from inventory import services as inventory
from reports import services as reports
from risk import services as risk
from risk.models import AssetThreat, Risk, Threat
from risk.seed import load_threats
from tests.compliance.conftest import HIGH_RISK_PROVIDER
from tests.conftest import make_asset, make_user
from tests.evidence.conftest import JUNIT
from tests.inventory.test_csv import HEADER as IMPORT_HEADER

SCOPES = ("team_a", "team_b")

# The path segment right before ``<pk>`` names the kind of object a route takes; a route whose
# path contains one of the keys of PATH_KINDS takes that kind instead (checked first).
PATH_KINDS = {"model-card": "model", "risks/threats/": "threat", "threat-catalog/": "threat"}
SEGMENT_KINDS = {
    "assets": "asset", "relations": "relation", "import": "job", "teams": "team", "users": "user",
    "audit-log": "auditevent", "frameworks": "framework", "controls": "control",
    "control-implementations": "implementation", "evidence": "evidence", "evidence-sources": "source",
    "trusted-keys": "key", "threats": "assetthreat", "risks": "risk", "audit-packs": "pack",
    "engagements": "engagement",
}
GLOBAL_KINDS = {"framework", "control", "threat"}

# Routes whose URL takes more than one object: route name → kwargs from a scope's bag.
COMPOSITE = {
    "api:asset-delete-relation": lambda o: {"pk": o.relation.source_id, "relation_id": o.relation.pk},
    "api:asset-revoke-grant": lambda o: {"pk": o.grant_asset.pk, "user_id": o.grantee.pk, "permission": "view_asset"},
    "api:team-remove-member": lambda o: {"pk": o.team.pk, "user_id": o.member.pk},
    "api:control-unmap": lambda o: {"pk": o.control.pk, "requirement_id": o.requirement.pk},
    "compliance:implementation_set": lambda o: {"pk": o.asset.pk, "control_id": o.control.pk},
}
# Composite routes whose objects are all catalog data.
GLOBAL_COMPOSITE = {"api:control-unmap"}


def kind_of(path: str) -> str:
    """The kind of object a route's ``pk`` names, from its path pattern."""
    for marker, kind in PATH_KINDS.items():
        if marker in path:
            return kind
    match = re.search(r"([\w-]+)/(?:<int:pk>|\(\?P<pk>[^)]*\))", path)
    if not match or match.group(1) not in SEGMENT_KINDS:
        raise LookupError(f"cannot tell which object the route {path!r} takes: add it to "
                          "tests/matrix_objects.py (PATH_KINDS, SEGMENT_KINDS or COMPOSITE)")
    return SEGMENT_KINDS[match.group(1)]


def scopes_for(name: str, path: str, params: set[str]) -> tuple[str, ...]:
    if not params:
        return ("-",)
    if name in GLOBAL_COMPOSITE or (name not in COMPOSITE and kind_of(path) in GLOBAL_KINDS):
        return ("global",)
    return SCOPES


def url_kwargs(name: str, path: str, params: set[str], bag: SimpleNamespace) -> dict:
    if name in COMPOSITE:
        return COMPOSITE[name](bag)
    if params != {"pk"}:
        raise LookupError(f"route {name} ({path}) takes {sorted(params)}: add it to COMPOSITE in tests/matrix_objects.py")
    return {"pk": getattr(bag, kind_of(path)).pk}


def _today(days: int = 0) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


# Representative writes with a valid body, so that a refusal shows as 403/404 and not as a 400
# from validation that runs before the permission check. Route name → body from a scope's bag.
# A body on a route without an object is sent once per team scope (the body names the team's
# objects); a route without a body here gets an empty one.
SCOPED_BODIES = {
    "api:asset-list": lambda o: {"kind": "system", "name": f"New system {o.letter}", "team": o.team.pk},
    "api:assetthreat-list": lambda o: {"asset": o.model.pk, "title": "Leaked API key", "reason": "Keys in notebooks",
                                       "likelihood": 2, "impact": 4},
    "api:controlimplementation-list": lambda o: {"asset": o.asset.pk, "control": o.control2.code,
                                                 "status": "implemented"},
    "api:evidence-list": lambda o: {"asset": o.model.pk, "kind": "document", "title": "Policy",
                                    "content_base64": "cG9saWN5IHYy"},
    "api:evidencesource-list": lambda o: {"asset": o.model.pk, "name": "Scanner", "kind": "test_report",
                                          "url": "https://scan.example/sarif.json", "interval_minutes": 120},
    "api:trustedkey-list": lambda o: {"name": "New signer", "algorithm": "ed25519", "public_key_pem": o.pem,
                                      "team": o.team.pk},
    "api:engagement-list": lambda o: {"name": "New review", "auditor": o.grantee.pk, "assets": [o.asset.pk],
                                      "period_start": _today(), "period_end": _today(30)},
    "api:auditpack-list": lambda o: {"title": "New pack", "team": o.team.pk},
    "inventory:asset_add": lambda o: {"kind": "system", "name": f"New system {o.letter}", "team": o.team.pk,
                                      "criticality": "low", "lifecycle_stage": "design",
                                      "data_classification": "internal"},
    "compliance:trusted_key_list": lambda o: {"name": "New signer", "algorithm": "ed25519", "public_key_pem": o.pem,
                                              "team": o.team.pk},
}
BODIES = {
    "api:team-list": lambda o: {"name": "Team C", "description": "New"},
    "api:user-list": lambda o: {"username": "newbie", "password": "correct-horse-42", "email": "newbie@example.org",
                                "role": "member"},
    "api:control-list": lambda o: {"code": "TST-99", "title": "Test control", "description": "Made in a test.",
                                   "phase": "design", "evidence_kinds": ["document"], "max_evidence_age_days": 30},
    "api:control-mappings": lambda o: {"requirement": o.requirement2.pk, "strength": "partial"},
    "api:risk-accept": lambda o: {"justification": "Accepted for the pilot.", "expires_on": _today(30)},
    "api:asset-classification": lambda o: {"answers": HIGH_RISK_PROVIDER},
    "api:asset-relations": lambda o: {"type": "depends_on", "target": o.model.pk},
    "api:asset-grants": lambda o: {"user": o.invitee.pk, "permission": "view_asset"},
    "api:team-members": lambda o: {"user": o.invitee.pk, "role": "viewer"},
    **SCOPED_BODIES,
}


def body(name: str, bag: SimpleNamespace | None) -> dict:
    return BODIES[name](bag) if name in BODIES else {}


def _key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _team_objects(world, *, letter, team, asset, model, member, grantee, auditor, pack_requester, job_owner,
                  **common) -> SimpleNamespace:
    """One team's objects: ``asset`` is a system, ``model`` a model part of it."""
    today = timezone.localdate()
    relation = inventory.create_relation(actor=None, source=model, type="part_of", target=asset)
    risk.regenerate_threat_model(actor=None, asset=asset)  # a system's regeneration covers its components
    entry = AssetThreat.objects.filter(asset__in=[asset, model], status="applicable").order_by("pk").first()
    engagement = reports.create_engagement(
        actor=world.governance, name=f"Review {letter}", auditor=auditor, asset_ids=[asset.pk, model.pk],
        period_start=today - timedelta(days=5), period_end=today + timedelta(days=30))
    if pack_requester.role == "governance":
        pack = reports.request_pack(actor=pack_requester, engagement_id=engagement.pk, title=f"Pack {letter}")
    else:
        pack = reports.request_pack(actor=pack_requester, team_id=team.pk, title=f"Pack {letter}")
    return SimpleNamespace(
        letter=letter, team=team, member=member, invitee=world.viewer_a if letter == "b" else world.member_b,
        pem=_key_pem(), user=member, asset=asset, model=model, relation=relation,
        grant_asset=asset, grantee=grantee,
        auditevent=AuditEvent.objects.get(asset_id=asset.pk, action="asset.created"),
        implementation=compliance.set_implementation(actor=None, asset=asset, control=common["control"],
                                                     status="planned"),
        evidence=evidence.ingest_evidence(actor=None, asset=model, kind="test_report", title=f"Suite {letter}",
                                          data=JUNIT, filename=f"{letter}.xml").item,
        source=evidence.save_source(actor=None, asset=model, name=f"CI {letter}", kind="test_report",
                                    url=f"https://ci.example/{letter}.xml", interval_minutes=30),
        key=evidence.register_trusted_key(actor=None, name=f"Team {letter} signer", algorithm="ed25519",
                                          public_key_pem=_key_pem(), team=team),
        assetthreat=entry, risk=Risk.objects.get(asset_threat=entry),
        classification=compliance.classify_system(actor=None, asset=asset, answers=HIGH_RISK_PROVIDER),
        engagement=engagement, pack=pack,
        job=inventory.upload_import(actor=job_owner, text=IMPORT_HEADER + f"model,imported-{letter},{team.name},,low,llm,,\n",
                                    filename=f"{letter}.csv"),
        **common,
    )


def build(world) -> dict[str, SimpleNamespace]:
    load_catalogs(log=lambda *_: None)
    load_threats(log=lambda *_: None)
    control, control2 = Control.objects.order_by("code")[:2]
    mapping = ControlMapping.objects.filter(control=control).order_by("pk").first()
    framework = mapping.requirement.framework
    requirement2 = framework.requirements.exclude(mappings__control=control).order_by("pk").first()
    inventory.grant_asset_access(actor=None, asset=world.asset_a, user=world.integration, permission="add_evidence")
    model_b = make_asset(world.team_b, "bravo-model", kind="model", model_type="llm")
    member_b2 = make_user("beth", teams={world.team_b: "contributor"})
    common = {"control": control, "control2": control2, "requirement": mapping.requirement,
              "requirement2": requirement2}
    bags = {
        "team_a": _team_objects(world, letter="a", team=world.team_a, asset=world.asset_a, model=world.model_a,
                                member=world.contributor_a, grantee=world.auditor, auditor=world.auditor,
                                pack_requester=world.governance, job_owner=world.owner_a, **common),
        "team_b": _team_objects(world, letter="b", team=world.team_b, asset=world.asset_b, model=model_b,
                                member=member_b2, grantee=world.auditor_b, auditor=world.auditor_b,
                                pack_requester=world.member_b, job_owner=world.member_b, **common),
        "global": SimpleNamespace(framework=framework, threat=Threat.objects.order_by("code").first(), **common),
    }
    return bags
