import base64

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from compliance.evidence import services

JUNIT = b"""<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="model-tests" tests="3" failures="1" errors="0" skipped="0" time="0.5">
<testcase classname="tests.test_model" name="test_accuracy" time="0.1"/>
<testcase classname="tests.test_model" name="test_robustness" time="0.2"><failure message="too brittle"/></testcase>
<testcase classname="tests.test_model" name="test_bias" time="0.2"/>
</testsuite></testsuites>"""


@pytest.fixture
def ed_key(world):
    private = ed25519.Ed25519PrivateKey.generate()
    pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    key = services.register_trusted_key(actor=None, name="CI signer", algorithm="ed25519", public_key_pem=pem)
    return private, key


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
