"""A pack built from the demo data by a real Celery worker, as a governance lead would get it."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from compliance.models import EvidenceItem
from compliance.selectors import applicable_requirements, current_classification
from inventory.models import Asset
from tests.conftest import wait_for

from .test_packs import rewrite_zip, squeezed

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_demo_pack_built_by_a_worker(demo, celery_worker, api, tmp_path):
    grace = api(demo["grace"])
    assets = list(Asset.objects.order_by("pk"))
    response = grace.post("/api/v1/audit-packs/", {
        "title": "Demo audit pack", "frameworks": ["eu-ai-act", "gdpr"], "assets": [a.pk for a in assets]},
        format="json")
    assert response.status_code == 202, response.content
    url = f"/api/v1/audit-packs/{response.json()['id']}/"
    seen = set()

    def ready():
        body = grace.get(url).json()
        seen.add(body["status"])
        assert body["status"] != "failed", body["error"]
        return body if body["status"] == "ready" else None

    body = wait_for(ready, timeout=240, interval=0.5, what="the pack to be built")
    assert seen & {"queued", "building"}  # progress was visible before it was ready
    assert body["progress"] == 100 and body["page_count"] > 10

    pdf = grace.get(body["pdf_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = squeezed("".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages))
    assert "Demoauditpack" in text and "EUArtificialIntelligenceAct" in text
    for asset in assets:
        assert squeezed(asset.name) in text, asset.name
        record = current_classification(asset=asset)
        for requirement in applicable_requirements(asset, record).filter(framework__slug__in=["eu-ai-act", "gdpr"]):
            assert squeezed(requirement.code) in text, (asset.name, requirement.code)
    items = list(EvidenceItem.objects.all())
    assert items, "the demo data carries evidence"
    for item in items:
        assert item.sha256 in text

    archive = tmp_path / "pack.zip"
    archive.write_bytes(b"".join(grace.get(body["zip_url"]).streaming_content))
    call_command("verify_pack", str(archive))
    with zipfile.ZipFile(archive) as z:
        evidence_files = [n for n in z.namelist() if n.startswith("evidence/")]
    assert len(evidence_files) == len(items)
    tampered = tmp_path / "tampered.zip"
    rewrite_zip(archive, tampered, change=evidence_files[0])
    with pytest.raises(CommandError):
        call_command("verify_pack", str(tampered))
    from reports.verifier import verify
    from attest import signing

    problems, _, _ = verify(str(tampered), signing.public_key_pem().encode())
    assert problems == [problems[0]] and problems[0].startswith(f"{evidence_files[0]}: changed")

    # The auditor of the demo engagement sees none of this (it was not built for the engagement).
    assert api(demo["audrey"]).get(url).status_code == 404
