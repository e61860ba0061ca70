"""Pushing evidence: what other tools rely on, and bad input that must change nothing."""

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from attest.auditlog.models import AuditEvent
from compliance.evidence.models import EvidenceItem
from compliance.models import Control
from compliance import services as compliance_services
from tests.evidence.conftest import JUNIT, b64

pytestmark = pytest.mark.django_db


def push(client, asset, data=JUNIT, **extra):
    payload = {"asset": asset.pk, "kind": "test_report", "title": "Nightly tests", "content_base64": b64(data), **extra}
    headers = {}
    if "idempotency_key" in payload:
        headers["HTTP_IDEMPOTENCY_KEY"] = payload.pop("idempotency_key")
    return client.post("/api/v1/evidence/", payload, format="json", **headers)


def stored_files():
    try:
        return sum(len(default_storage.listdir(f"evidence/{d}")[1]) for d in default_storage.listdir("evidence")[0])
    except FileNotFoundError:
        return 0


@pytest.fixture
def nothing_stored(world):
    before = (EvidenceItem.objects.count(), stored_files(), AuditEvent.objects.count())
    yield
    assert (EvidenceItem.objects.count(), stored_files(), AuditEvent.objects.count()) == before


def test_multipart_push_parses_and_download_returns_the_bytes(world, api):
    client = api(world.owner_a)
    upload = io.BytesIO(JUNIT)
    upload.name = "report.xml"
    response = client.post("/api/v1/evidence/", {"asset": world.model_a.pk, "kind": "test_report",
                                                 "title": "Unit tests", "file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "accepted" and body["format"] == "junit"
    assert body["summary"]["tests"] == 3 and body["summary"]["failures"] == 1
    download = api(world.viewer_a).get(body["download_url"])
    assert b"".join(download.streaming_content) == JUNIT and download["X-Content-SHA256"] == body["sha256"]
    assert api(world.member_b).get(body["download_url"]).status_code == 404


def test_idempotent_retry_and_conflicting_replay(world, api):
    client = api(world.owner_a)
    first = push(client, world.model_a, idempotency_key="run-42")
    again = push(client, world.model_a, idempotency_key="run-42")
    assert first.status_code == 201 and again.status_code == 200 and again.json()["id"] == first.json()["id"]
    conflict = push(client, world.model_a, data=JUNIT.replace(b"bias", b"fairness"), idempotency_key="run-42")
    assert conflict.status_code == 409 and "different content" in conflict.json()["detail"]
    by_external = push(client, world.model_a, external_id="ci:123")
    assert push(client, world.model_a, external_id="ci:123").json()["id"] == by_external.json()["id"]
    assert EvidenceItem.objects.count() == 2


def test_signed_push_verifies_and_a_signature_over_other_bytes_fails(world, api, ed_key):
    private, key = ed_key
    client = api(world.owner_a)
    good = push(client, world.model_a, signature=b64(private.sign(JUNIT)), key_id=key.pk)
    assert good.status_code == 201 and good.json()["status"] == "verified"
    tampered = push(client, world.model_a, data=JUNIT.replace(b"0.5", b"0.6"), signature=b64(private.sign(JUNIT)),
                    key_id=key.pk)
    assert tampered.status_code == 201
    assert tampered.json()["status"] == "failed" and "does not match" in tampered.json()["verification_detail"]
    assert AuditEvent.objects.filter(action="evidence.failed").count() == 1
    unknown = push(client, world.model_a, signature=b64(private.sign(JUNIT)), key_id=999999)
    assert unknown.status_code == 400 and "trusted key" in unknown.json()["detail"]


BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><testsuite tests="1">&lol3;</testsuite>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuite>&x;</testsuite>"""


@pytest.mark.parametrize("data, kind, message", [
    (BILLION_LAUGHS, "test_report", "DTD"),
    (XXE, "test_report", "DTD"),
    (b"<testsuite><testcase", "test_report", "line"),
    (b'{"event": "login"}\n\xff\xfe{"event": "x"}\n', "audit_log", "UTF-8"),
    (b"just some words", "test_report", "neither JUnit XML nor SARIF"),
])
def test_malicious_or_malformed_input_is_refused_and_stores_nothing(world, api, nothing_stored, data, kind, message):
    response = push(api(world.owner_a), world.model_a, data=data, kind=kind)
    assert response.status_code == 400, response.content
    assert message in response.json()["detail"]


def test_oversize_body_is_413_and_stores_nothing(world, api, settings, nothing_stored):
    settings.ATTEST_EVIDENCE_MAX_BYTES = 100
    assert push(api(world.owner_a), world.model_a).status_code == 413


def test_truncated_multipart_is_a_clear_400(world, client, nothing_stored):
    client.force_login(world.owner_a)
    boundary = "XYZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"asset\"\r\n\r\n{world.model_a.pk}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.xml\"\r\n"
            "Content-Type: text/xml\r\n\r\n<testsuite").encode()
    response = client.post("/api/v1/evidence/", body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 400 and response.json()["detail"]


def test_batch_accepts_the_good_and_rejects_the_bad_with_reasons(world, api):
    items = [{"asset": world.model_a.pk, "kind": "test_report", "title": f"run {i}",
              "content_base64": b64(JUNIT.replace(b"0.5", f"0.{i}".encode()))} for i in range(1, 4)]
    items.insert(1, {"asset": world.model_a.pk, "kind": "test_report", "title": "bad", "content_base64": b64(XXE)})
    items.append({"asset": world.asset_b.pk, "kind": "test_report", "title": "elsewhere", "content_base64": b64(JUNIT)})
    response = api(world.owner_a).post("/api/v1/evidence/batch/", {"items": items}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["accepted"] == 3 and body["rejected"] == 2
    assert body["results"][1]["status"] == "rejected" and "DTD" in body["results"][1]["error"]
    assert body["results"][4]["status"] == "rejected"
    assert EvidenceItem.objects.count() == 3
    too_many = api(world.owner_a).post("/api/v1/evidence/batch/", {"items": items * 101}, format="json")
    assert too_many.status_code == 413


def test_integration_token_pushes_only_to_its_scope_and_reads_nothing_else(world, api):
    from attest.accounts.services import issue_token

    _, key = issue_token(actor=world.integration, user=world.integration, name="ci")
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert push(client, world.model_a).status_code == 201
    assert push(client, world.asset_a).status_code == 400  # not visible to the token: no such asset
    push(api(world.owner_a), world.asset_a, data=JUNIT.replace(b"bias", b"drift"))
    listed = client.get("/api/v1/evidence/").json()["results"]
    assert {row["asset"] for row in listed} == {world.model_a.pk}
    assert client.patch(f"/api/v1/assets/{world.model_a.pk}/", {"version": "9"}, format="json").status_code == 403


def test_viewer_cannot_push(world, api, nothing_stored):
    assert push(api(world.viewer_a), world.model_a).status_code == 403


def test_fresh_evidence_makes_an_implementation_evidenced_and_stale_evidence_does_not(world, api):
    from compliance.seed import load_catalogs
    from compliance.selectors import framework_coverage
    from inventory.models import Asset

    load_catalogs(log=lambda *_: None)
    control = Control.objects.filter(mappings__requirement__framework__slug="nist-ai-rmf").first()
    impl = compliance_services.set_implementation(actor=None, asset=world.model_a, control=control, status="implemented")
    nist = lambda: next(c for c in framework_coverage(assets=Asset.objects.filter(pk=world.model_a.pk))
                        if c.framework.slug == "nist-ai-rmf")
    assert nist().implemented > 0 and nist().evidenced == 0
    old = (timezone.now() - timedelta(days=control.max_evidence_age_days + 1)).isoformat()
    push(api(world.owner_a), world.model_a, control_implementation=impl.pk, collected_at=old)
    assert nist().evidenced == 0  # older than the control's maximum evidence age
    push(api(world.owner_a), world.model_a, data=JUNIT.replace(b"bias", b"fresh"), control_implementation=impl.pk)
    assert nist().evidenced == nist().implemented
    expired = (timezone.now() - timedelta(hours=1)).isoformat()
    EvidenceItem.objects.filter(control_implementation=impl).update(stale_after=expired)
    assert nist().evidenced == 0


def test_once_evidence_exists_only_evidenced_controls_lower_residual_risk(world, api):
    from compliance.seed import load_catalogs
    from risk.models import Risk
    from risk.selectors import rated
    from risk.seed import load_threats
    from risk.services import regenerate_threat_model

    load_catalogs(log=lambda *_: None)
    load_threats(log=lambda *_: None)
    from inventory.services import create_asset

    llm = create_asset(actor=None, data={"kind": "model", "name": "Chat LLM", "team": world.team_a, "model_type": "llm"})
    regenerate_threat_model(actor=None, asset=llm)
    risk = Risk.objects.filter(asset=llm, asset_threat__threat__controls__isnull=False).first()
    controls = list(risk.asset_threat.threat.controls.all()[:2])
    impls = [compliance_services.set_implementation(actor=None, asset=llm, control=c, status="implemented")
             for c in controls]
    residual = lambda: rated(Risk.objects.filter(pk=risk.pk)).get().mitigations
    assert residual() == 2  # no evidence anywhere on the asset yet: implemented counts
    push(api(world.owner_a), llm, control_implementation=impls[0].pk)
    assert residual() == 1  # evidence exists now: only the evidenced implementation counts


def test_browser_upload_answers_the_page_script_and_falls_back_to_a_redirect(world, web):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/compliance/assets/{world.model_a.pk}/evidence/"
    client = web(world.owner_a)
    response = client.post(url, {"file": SimpleUploadedFile("r.xml", JUNIT), "kind": "test_report"},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 201 and response.json()["status"] == "accepted"
    response = client.post(url, {"file": SimpleUploadedFile("x.xml", XXE), "kind": "test_report"},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "DTD" in response.json()["detail"]
    response = client.post(url, {"file": SimpleUploadedFile("p.txt", b"policy"), "kind": "document"})
    assert response.status_code == 302 and EvidenceItem.objects.count() == 2
    assert web(world.viewer_a).post(url, {"file": SimpleUploadedFile("p.txt", b"x"), "kind": "document"}).status_code == 403
    assert web(world.member_b).post(url, {"file": SimpleUploadedFile("p.txt", b"x"), "kind": "document"}).status_code == 404
    page = client.get(world.model_a.get_absolute_url()).content.decode()
    assert "Drop a file here" in page and "3 tests, 1 failed" in page


def test_future_collection_time_and_long_keys_are_refused(world, api, nothing_stored):
    future = (timezone.now() + timedelta(days=30)).isoformat()
    response = push(api(world.owner_a), world.model_a, collected_at=future)
    assert response.status_code == 400 and "future" in response.json()["detail"]
    response = push(api(world.owner_a), world.model_a, idempotency_key="k" * 300)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["detail"]


def test_a_push_that_loses_the_race_returns_the_winner_and_leaves_one_file(world, monkeypatch):
    from compliance.evidence import services

    first = services.ingest_evidence(actor=world.owner_a, asset=world.model_a, kind="test_report", title="t",
                                     data=JUNIT, filename="r.xml", idempotency_key="k-1").item
    real = services._check_replay
    calls = []

    def blind_once(**kwargs):  # the racing request checked before the winner committed
        calls.append(1)
        return None if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(services, "_check_replay", blind_once)
    files = stored_files()
    again = services.ingest_evidence(actor=world.owner_a, asset=world.model_a, kind="test_report", title="t",
                                     data=JUNIT, filename="r.xml", idempotency_key="k-1")
    assert again.item.pk == first.pk and again.created is False
    assert EvidenceItem.objects.count() == 1 and stored_files() == files


def test_control_page_lists_its_evidence_to_those_who_may_see_it(world, web):
    from compliance.seed import load_catalogs
    from compliance.evidence import services

    load_catalogs(log=lambda *_: None)
    control = Control.objects.order_by("code").first()
    impl = compliance_services.set_implementation(actor=None, asset=world.model_a, control=control, status="implemented")
    services.ingest_evidence(actor=None, asset=world.model_a, kind="test_report", title="Robustness suite",
                             data=JUNIT, control_implementation=impl)
    assert "Robustness suite" in web(world.viewer_a).get(control.get_absolute_url()).content.decode()
    assert "Robustness suite" not in web(world.member_b).get(control.get_absolute_url()).content.decode()
