"""Model cards: what each format says, what it leaves out for whom, and how the PDF gets rendered."""

import io
import json
import re

import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from django.core.files.storage import default_storage
from pypdf import PdfReader

from attest.auditlog.models import AuditEvent
from attest.core.models import Job
from attest.core.tasks import run_job
from compliance import services as compliance
from compliance.evidence import services as evidence
from compliance.models import Control
from compliance.seed import load_catalogs
from inventory import services as inventory
from reports.models import ModelCardRender
from reports.modelcards.data import model_card
from reports.modelcards.services import JOB_KIND, pdf_path
from risk.seed import load_threats
from tests.conftest import make_asset, wait_for

URL = "/api/v1/assets/{}/model-card/"
METRICS = b'{"accuracy": 0.931, "f1": 0.88}'
JUNIT = b"""<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="model-tests" tests="4" failures="1" errors="0" skipped="0" time="0.5">
<testcase classname="tests.test_model" name="test_accuracy" time="0.1"/>
<testcase classname="tests.test_model" name="test_robustness" time="0.1"><failure message="too brittle"/></testcase>
<testcase classname="tests.test_model" name="test_bias" time="0.1"/>
<testcase classname="tests.test_model" name="test_latency" time="0.1"/>
</testsuite></testsuites>"""
SECTION_TITLES = ["Model details", "Intended use", "Training and evaluation data", "Metrics and evaluation results",
                  "Limitations and ethical considerations", "Security", "Compliance status"]


def card_url(asset, fmt: str) -> str:
    return f"{URL.format(asset.pk)}?format={fmt}"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def split_front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(front), body


@pytest.fixture
def catalogs(world):
    load_catalogs(log=lambda *_: None)
    load_threats(log=lambda *_: None)
    return world


def document_model(world) -> dict:
    """Fill in what a reviewer expects: details, a using system, training data, metrics, a test
    report, an implemented control and a verified signature."""
    model = inventory.update_asset(actor=None, asset=world.model_a, data={
        "version": "2.1.0", "framework": "PyTorch", "license": "apache-2.0", "owner": world.owner_a,
        "registry_uri": "s3://models/alpha/2.1.0", "description": "Scores loan applications for manual review.",
        "tags": ["credit"]})
    system = inventory.update_asset(actor=None, asset=world.asset_a, data={
        "intended_purpose": "Pre-screen loan applications", "affected_persons": "Loan applicants",
        "deployment_context": "Back office, EU"})
    dataset = make_asset(world.team_a, "Applications 2024", kind="dataset", provenance="Exported from the CRM",
                         source="crm://loans", legal_basis="Contract (GDPR Art. 6(1)(b))",
                         contains_personal_data=True)
    inventory.create_relation(actor=None, source=model, type="part_of", target=system)
    inventory.create_relation(actor=None, source=model, type="trained_on", target=dataset)
    evidence.ingest_evidence(actor=None, asset=model, kind="metric", title="Validation metrics", data=METRICS,
                             filename="metrics.json")
    evidence.ingest_evidence(actor=None, asset=model, kind="test_report", title="Release tests", data=JUNIT,
                             filename="junit.xml")
    compliance.set_implementation(actor=None, asset=model, control=Control.objects.order_by("code").first(),
                                  status="implemented")
    private = Ed25519PrivateKey.generate()
    pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    key = evidence.register_trusted_key(actor=None, name="Release signer", algorithm="ed25519", public_key_pem=pem)
    weights = b"model weights v2.1.0"
    evidence.ingest_evidence(actor=None, asset=model, kind="signature", title="Signed weights", data=weights,
                             filename="model.bin", signature=private.sign(weights), key_id=key.pk)
    return {"model": model, "system": system, "dataset": dataset}


@pytest.fixture
def documented(catalogs):
    return {**document_model(catalogs), "world": catalogs}


# --- formats -----------------------------------------------------------------------------------

def test_cyclonedx_is_a_valid_1_6_ml_bom_with_the_dataset_and_metrics(documented, api):
    world, dataset = documented["world"], documented["dataset"]
    response = api(world.viewer_a).get(card_url(world.model_a, "cyclonedx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.cyclonedx+json")
    text = response.content.decode()
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    bom = json.loads(text)
    assert bom["specVersion"] == "1.6" and re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", bom["serialNumber"])
    model = bom["components"][0]
    assert model["type"] == "machine-learning-model" and model["name"] == "alpha-model"
    assert model["version"] == "2.1.0" and model["licenses"] == [{"license": {"id": "Apache-2.0"}}]
    card = model["modelCard"]
    data_refs = [d["ref"] for d in card["modelParameters"]["datasets"]]
    data_components = {c["bom-ref"]: c for c in bom["components"] if c["type"] == "data"}
    assert data_refs == list(data_components)
    assert data_components[data_refs[0]]["name"] == dataset.name
    assert data_components[data_refs[0]]["data"][0]["sensitiveData"] == ["personal data"]
    metrics = {(m["type"], m["value"]) for m in card["quantitativeAnalysis"]["performanceMetrics"]}
    assert {("accuracy", "0.931"), ("f1", "0.88"), ("pass_rate", "0.75")} <= metrics
    assert any("Pre-screen loan applications" in use for use in card["considerations"]["useCases"])
    assert card["considerations"]["technicalLimitations"], "the derived threat model lists limitations"
    # The same content gives the same bytes (the serial number comes from the content hash).
    assert api(world.owner_a).get(card_url(world.model_a, "cyclonedx")).content.decode() == text


def test_the_schema_check_is_not_a_formality(documented, api):
    world = documented["world"]
    bom = json.loads(api(world.viewer_a).get(card_url(world.model_a, "cyclonedx")).content)
    bom["components"][0]["type"] = "ml-model"
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(bom)) is not None


def test_free_text_licence_and_registry_still_give_a_valid_bom(world, api):
    model = inventory.update_asset(actor=None, asset=world.model_a, data={
        "license": "Proprietary – internal use", "registry_uri": "the team share, folder models/alpha",
        "description": "Line one\nline <two>"})
    dataset = make_asset(world.team_a, "Données clients", kind="dataset", special_category_data=True)
    inventory.create_relation(actor=None, source=model, type="trained_on", target=dataset)
    inventory.create_relation(actor=None, source=model, type="depends_on", target=dataset)
    text = api(world.owner_a).get(card_url(model, "cyclonedx")).content.decode()
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    component = json.loads(text)["components"][0]
    assert component["licenses"] == [{"license": {"name": "Proprietary – internal use"}}]
    assert {"name": "attest:registry_uri", "value": "the team share, folder models/alpha"} in component["properties"]
    meta, body = split_front_matter(api(world.owner_a).get(card_url(model, "md")).content.decode())
    assert meta["license"] == "other" and meta["license_name"] == "Proprietary – internal use"
    assert "line &lt;two>" in body and "<two>" not in body


def test_markdown_has_hugging_face_metadata_and_the_card_sections(documented, api):
    world = documented["world"]
    response = api(world.viewer_a).get(card_url(world.model_a, "md"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/markdown")
    meta, body = split_front_matter(response.content.decode())
    assert meta["license"] == "apache-2.0" and meta["library_name"] == "pytorch"
    assert {"attest", "classifier", "credit"} <= set(meta["tags"])
    assert meta["datasets"] == ["Applications 2024"]
    assert {"accuracy", "f1", "pass_rate"} <= set(meta["metrics"])
    results = meta["model-index"][0]["results"]
    assert meta["model-index"][0]["name"] == "alpha-model"
    values = {m["type"]: m["value"] for r in results for m in r["metrics"]}
    assert values["accuracy"] == 0.931 and values["pass_rate"] == 0.75
    assert all(r["task"]["type"] == "classification" and r["dataset"]["name"] for r in results)
    headings = re.findall(r"^## (.+)$", body, flags=re.M)
    assert headings == SECTION_TITLES
    assert "Pre-screen loan applications" in body and "Applications 2024" in body


def test_html_flags_what_is_missing_and_the_score_rises_as_it_is_filled(catalogs, api):
    world = catalogs
    bare = api(world.viewer_a).get(card_url(world.model_a, "html"))
    assert bare.status_code == 200 and bare["Content-Type"].startswith("text/html")
    html = bare.content.decode()
    for title in SECTION_TITLES:
        assert f"<h2>{title}</h2>" in html
    assert "Missing: Training data." in html and "Missing: Test report." in html
    before = model_card(user=world.viewer_a, asset=world.model_a)["completeness"]
    assert {"section": "data", "item": "Training data"} in [{k: m[k] for k in ("section", "item")}
                                                            for m in before["missing"]]

    document_model(world)
    world.model_a.refresh_from_db()
    after = model_card(user=world.viewer_a, asset=world.model_a)["completeness"]
    assert after["score"] > before["score"] and after["present"] > before["present"]
    html = api(world.viewer_a).get(card_url(world.model_a, "html")).content.decode()
    assert "Missing: Training data." not in html and "Missing: Test report." not in html
    assert "Applications 2024" in html and "Release tests" in html and "Signed weights" in html


def test_the_asset_page_shows_the_card_panel_for_models_only(documented, web):
    world = documented["world"]
    page = web(world.viewer_a).get(f"/assets/{world.model_a.pk}/").content.decode()
    assert 'id="model-card"' in page and "% complete" in page
    assert f"/api/v1/assets/{world.model_a.pk}/model-card/?format=pdf" in page
    system_page = web(world.viewer_a).get(f"/assets/{world.asset_a.pk}/").content.decode()
    assert 'id="model-card"' not in system_page


# --- access and errors -------------------------------------------------------------------------

def test_anonymous_outsider_and_viewer(world, api):
    url = card_url(world.model_a, "md")
    assert api(None).get(url).status_code == 401
    outsider = api(world.member_b).get(url)
    assert outsider.status_code == 404 and outsider.json()["detail"].startswith("Not found")
    assert api(world.viewer_a).get(url).status_code == 200
    assert api(world.member_b).get(card_url(world.model_a, "pdf")).status_code == 404
    assert not ModelCardRender.objects.exists()


def test_a_dataset_the_reader_cannot_see_is_left_off_the_card(catalogs, api):
    world = catalogs
    hidden = make_asset(world.team_b, "Team B secrets", kind="dataset", contains_personal_data=True)
    inventory.create_relation(actor=None, source=world.model_a, type="trained_on", target=hidden)
    for fmt in ("html", "md", "cyclonedx"):
        assert "Team B secrets" not in api(world.viewer_a).get(card_url(world.model_a, fmt)).content.decode()
    assert "Team B secrets" in api(world.governance).get(card_url(world.model_a, "md")).content.decode()
    html = api(world.viewer_a).get(card_url(world.model_a, "html")).content.decode()
    # The threats the hidden dataset brings stay, with its name replaced in their reasons.
    assert "Membership inference" in html and "an asset you cannot see" in html
    # The viewer's card still says it lacks training data: what it cannot see, it cannot claim.
    assert "Missing: Training data." in html


def test_an_asset_that_is_not_a_model_has_no_card(world, api):
    response = api(world.owner_a).get(card_url(world.asset_a, "html"))
    assert response.status_code == 404
    assert "not a model" in response.json()["detail"]


def test_an_unknown_format_is_a_400_naming_the_formats(world, api):
    response = api(world.viewer_a).get(card_url(world.model_a, "docx"))
    assert response.status_code == 400
    assert "html, pdf, md, cyclonedx" in response.json()["detail"]


# --- PDF -----------------------------------------------------------------------------------------

def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_failed_render_is_queued_again_by_asking_again_and_a_rerender_leaves_one_file(documented, api):
    """Jobs run in this process here (the worker path is the test below); on_commit never fires in
    a test transaction, so nothing reaches the broker."""
    world = documented["world"]
    first = api(world.viewer_a).get(card_url(world.model_a, "pdf"))
    assert first.status_code == 202 and first.json()["status"] == "queued" and first["Retry-After"]
    render = ModelCardRender.objects.get()
    world.viewer_a.is_active = False  # the worker re-checks access for the user who asked
    world.viewer_a.save()
    run_job.apply(args=[render.job_id])
    assert Job.objects.get(pk=render.job_id).status == "failed"

    again = api(world.owner_a).get(card_url(world.model_a, "pdf"))
    assert again.status_code == 202
    assert again.json()["status"] == "failed" and "queued again" in again.json()["detail"]
    job = Job.objects.get(pk=render.job_id)
    assert job.status == "queued" and job.created_by == world.owner_a
    assert AuditEvent.objects.filter(action="model_card.pdf_retried").count() == 1
    # A worker killed after writing the file but before committing left it behind: the redelivery overwrites it.
    default_storage.save(pdf_path(render), io.BytesIO(b"half-written"))
    run_job.apply(args=[job.pk])
    render.refresh_from_db()
    assert render.job.status == "done", render.job.error
    folder, name = pdf_path(render).rsplit("/", 1)
    assert [f for f in default_storage.listdir(folder)[1] if f.startswith(render.content_sha256)] == [name]
    assert render.pdf.name == pdf_path(render) and render.pdf.read().startswith(b"%PDF")
    done = api(world.owner_a).get(card_url(world.model_a, "pdf"))
    assert done.status_code == 200 and done["Content-Type"] == "application/pdf"
    assert "alpha-model" in squeezed(pdf_text(b"".join(done.streaming_content)))
    assert Job.objects.filter(kind=JOB_KIND).count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_pdf_is_rendered_by_a_worker_and_reused_while_the_content_is_unchanged(world, api, celery_worker):
    client = api(world.owner_a)
    url = card_url(world.model_a, "pdf")
    first = client.get(url)
    assert first.status_code == 202, first.content
    assert first.json()["status"] in ("queued", "building") and int(first["Retry-After"]) > 0
    assert set(first.json()) == {"status", "detail", "progress"}
    response = wait_for(lambda: (r := client.get(url)).status_code == 200 and r, timeout=120, what="the PDF")
    assert response["Content-Type"] == "application/pdf"
    text = squeezed(pdf_text(b"".join(response.streaming_content)))
    assert "alpha-model" in text and "Modeldetails" in text
    assert client.get(url).status_code == 200
    assert Job.objects.filter(kind=JOB_KIND).count() == 1 and ModelCardRender.objects.count() == 1

    # New content is a new render; the old one stays for the content it shows.
    inventory.update_asset(actor=None, asset=world.model_a, data={"version": "3.0"})
    assert client.get(url).status_code == 202
    assert ModelCardRender.objects.count() == 2
