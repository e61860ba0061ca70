"""Demo evidence: a test report, metrics and a signed document on the demo assets. Idempotent.

The signature is made with a demo key registered as a trusted key, so one item shows as
verified; the others are accepted (unsigned).
"""

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..models import ControlImplementation, TrustedKey
from . import services

# A fixed demo key (never use it for anything real): the same demo data on every machine.
DEMO_SEED = bytes(range(32))

JUNIT = b"""<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="fraud-gbm-validation" tests="4" failures="0" errors="0" skipped="0" time="2.1">
<testcase classname="validation.performance" name="test_auc_above_threshold" time="0.6"/>
<testcase classname="validation.fairness" name="test_equal_opportunity_gap" time="0.5"/>
<testcase classname="validation.robustness" name="test_feature_perturbation" time="0.7"/>
<testcase classname="validation.drift" name="test_population_stability" time="0.3"/>
</testsuite></testsuites>"""
METRICS = {"auc": 0.947, "precision": 0.81, "recall": 0.74, "false_positive_rate": 0.012}
DPIA = (b"Data protection impact assessment: Retail Credit Scoring\n\n"
        b"Purpose: creditworthiness assessment of retail loan applicants.\n"
        b"Personal data: application form, bureau data, account history.\n"
        b"Measures: pseudonymised training data, human review of declines, 24-month retention.\n")


def _first_implemented(asset) -> ControlImplementation | None:
    return ControlImplementation.objects.filter(asset=asset, status="implemented").order_by("control__code").first()


def build(ctx: dict, log) -> None:
    assets, users = ctx["assets"], ctx["users"]
    private = Ed25519PrivateKey.from_private_bytes(DEMO_SEED)
    pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    key = TrustedKey.objects.filter(public_key_pem=pem).first() or services.register_trusted_key(
        actor=None, name="Demo release signer", algorithm="ed25519", public_key_pem=pem)
    model, system = assets["fraud-gbm"], assets["Retail Credit Scoring"]
    items = [
        dict(asset=model, kind="test_report", title="Validation suite (nightly)", data=JUNIT,
             filename="fraud-gbm-validation.xml", external_id="demo-junit"),
        dict(asset=model, kind="metric", title="Hold-out metrics", data=json.dumps(METRICS).encode(),
             filename="metrics.json", external_id="demo-metrics"),
        dict(asset=system, kind="document", title="DPIA (signed)", data=DPIA, filename="dpia.txt",
             signature=private.sign(DPIA), key_id=key.pk, external_id="demo-dpia"),
    ]
    for item in items:
        services.ingest_evidence(actor=None, control_implementation=_first_implemented(item["asset"]),
                                 source="demo", **item)
