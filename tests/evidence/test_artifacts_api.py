"""Real artefacts made in the test, pushed through the API, and their tampered twins."""

import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from compliance.evidence import services
from tests.evidence.conftest import b64
from tests.evidence.test_parsers import junit_report, public_pem, signed_model  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def push(client, asset, data, kind, **extra):
    return client.post("/api/v1/evidence/", {"asset": asset.pk, "kind": kind, "title": "artefact",
                                             "content_base64": b64(data), **extra}, format="json")


def test_junit_from_a_real_pytest_run_signed_with_ed25519(world, api, junit_report):  # noqa: F811
    private = ed25519.Ed25519PrivateKey.generate()
    key = services.register_trusted_key(actor=None, name="ci", algorithm="ed25519", public_key_pem=public_pem(private))
    client = api(world.owner_a)
    good = push(client, world.model_a, junit_report, "test_report", signature=b64(private.sign(junit_report)),
                key_id=key.pk).json()
    assert good["status"] == "verified" and good["summary"]["tests"] == 5 and good["summary"]["failures"] == 1
    twin = junit_report.replace(b'failures="1"', b'failures="0"', 1) if b'failures="1"' in junit_report \
        else junit_report + b"\n"
    bad = push(client, world.model_a, twin, "test_report", signature=b64(private.sign(junit_report)), key_id=key.pk)
    assert bad.json()["status"] == "failed"


def test_model_signing_bundle_verified_against_the_registered_key(world, api, signed_model):  # noqa: F811
    model, bundle, key = signed_model
    trusted = services.register_trusted_key(actor=None, name="model signer", algorithm="ecdsa-p256",
                                            public_key_pem=key.public_key_pem)
    other = services.register_trusted_key(actor=None, name="someone else", algorithm="ecdsa-p256",
                                          public_key_pem=public_pem(ec.generate_private_key(ec.SECP256R1())))
    client = api(world.owner_a)
    good = push(client, world.model_a, bundle, "attestation", key_id=trusted.pk, filename="model.sig").json()
    assert good["status"] == "verified", good["verification_detail"]
    assert {s["name"] for s in good["summary"]["subjects"]} == {p.name for p in model.iterdir()}
    wrong = push(client, world.model_a, bundle, "attestation", key_id=other.pk, external_id="other-key").json()
    assert wrong["status"] == "failed" and wrong["verification_detail"]
    envelope = json.loads(bundle)
    envelope["dsseEnvelope"]["signatures"][0]["sig"] = b64(b"\x00" * 64)
    forged = push(client, world.model_a, json.dumps(envelope).encode(), "attestation", key_id=trusted.pk).json()
    assert forged["status"] == "failed"


def test_sarif_findings_per_level(world, api):
    sarif = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "scanner"}}, "results": [
        {"ruleId": "R1", "level": "error", "message": {"text": "a"}},
        {"ruleId": "R1", "level": "error", "message": {"text": "b"}},
        {"ruleId": "R2", "level": "warning", "message": {"text": "c"}}]}]}
    body = push(api(world.owner_a), world.model_a, json.dumps(sarif).encode(), "test_report").json()
    assert body["format"] == "sarif" and body["summary"]["by_level"]["error"] == 2
    assert body["summary"]["by_rule"]["R1"] == 2
