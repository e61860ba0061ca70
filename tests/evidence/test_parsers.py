"""Evidence parsers and signature checks against real artefacts made here, and their tampered twins."""

import base64
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from compliance.evidence import signatures
from compliance.evidence.parsers import EvidenceRejected, ParseResult, parse_evidence


@dataclass
class Key:
    algorithm: str
    public_key_pem: str


def public_pem(private) -> str:
    return private.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def sign(private, algorithm: str, message: bytes) -> bytes:
    if algorithm == "ed25519":
        return private.sign(message)
    if algorithm == "ecdsa-p256":
        return private.sign(message, ec.ECDSA(hashes.SHA256()))
    return private.sign(message, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH),
                        hashes.SHA256())


def new_key(algorithm: str):
    if algorithm == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    if algorithm == "ecdsa-p256":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


# --- JUnit ----------------------------------------------------------------------------------

INNER_TESTS = '''
import pytest

def test_one(): assert 1 + 1 == 2
def test_two(): assert "a".upper() == "A"
def test_three(): assert [] == []
def test_broken(): assert 2 + 2 == 5, "arithmetic"
@pytest.mark.skip(reason="not today")
def test_later(): pass
'''


@pytest.fixture(scope="module")
def junit_report(tmp_path_factory) -> bytes:
    tmp = tmp_path_factory.mktemp("junit")
    (tmp / "test_inner.py").write_text(INNER_TESTS)
    out = tmp / "report.xml"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "test_inner.py", f"--junitxml={out}", "-p", "no:cacheprovider",
         "-p", "no:django", "-q", "-c", os.devnull, "--rootdir", str(tmp)],
        cwd=tmp, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 1, run.stdout + run.stderr  # one test fails on purpose
    return out.read_bytes()


def test_junit_from_a_real_pytest_run(junit_report):
    result = parse_evidence(kind="test_report", data=junit_report, filename="report.xml")
    assert isinstance(result, ParseResult)
    assert (result.status, result.format) == ("accepted", "junit")
    s = result.summary
    assert (s["tests"], s["failures"], s["errors"], s["skipped"]) == (5, 1, 0, 1)
    assert s["suites"] == 1
    assert s["failed_cases"] == ["test_inner.test_broken"]
    assert isinstance(s["time"], float)
    json.dumps(s)


def test_junit_totals_are_added_up_when_the_root_has_none():
    xml = b"""<testsuites>
      <testsuite name="a"><testcase classname="m" name="ok"/><testcase classname="m" name="bad">
        <error message="boom"/></testcase></testsuite>
      <testsuite name="b" time="1,5"><testcase classname="n" name="skip" time="0.5"><skipped/></testcase>
        <testcase classname="n" name="fail"><failure>x</failure><failure>y</failure></testcase></testsuite>
    </testsuites>"""
    s = parse_evidence(kind="test_report", data=xml).summary
    assert (s["tests"], s["failures"], s["errors"], s["skipped"], s["suites"]) == (4, 1, 1, 1, 2)
    assert s["failed_cases"] == ["m.bad", "n.fail"]


def test_bare_testsuite_root_and_signed_report(tmp_path):
    xml = b'<testsuite name="s" tests="1"><testcase classname="c" name="t"/></testsuite>'
    private = new_key("ed25519")
    key = Key("ed25519", public_pem(private))
    good = parse_evidence(kind="test_report", data=xml, signature=sign(private, "ed25519", xml), key=key)
    assert (good.status, good.summary["tests"]) == ("verified", 1)
    bad = parse_evidence(kind="test_report", data=xml, signature=sign(private, "ed25519", xml + b" "), key=key)
    assert (bad.status, bad.summary["tests"]) == ("failed", 1)  # the summary is kept
    assert "does not match" in bad.detail


# --- SARIF ----------------------------------------------------------------------------------

def test_sarif_results_per_level():
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "model-scanner", "rules": [
                {"id": "PI001", "defaultConfiguration": {"level": "error"}}, {"id": "DL002"}]}},
            "results": [
                {"ruleId": "PI001", "level": "error", "message": {"text": "injection"}},
                {"ruleId": "PI001", "ruleIndex": 0, "message": {"text": "injection again"}},  # level from rule
                {"ruleId": "DL002", "level": "warning", "message": {"text": "data leak"}},
            ],
        }],
    }
    result = parse_evidence(kind="test_report", data=json.dumps(sarif).encode(), filename="scan.sarif")
    assert (result.status, result.format) == ("accepted", "sarif")
    assert result.summary == {"results": 3, "by_level": {"error": 2, "warning": 1, "note": 0, "none": 0},
                              "by_rule": {"PI001": 2, "DL002": 1}, "tools": ["model-scanner"]}


def test_test_report_that_is_neither_is_rejected():
    for data in (b"just text", b'{"version": "2.0.0", "runs": []}', b"<html><body/></html>"):
        with pytest.raises(EvidenceRejected, match="neither JUnit XML nor SARIF 2.1.0"):
            parse_evidence(kind="test_report", data=data)
    with pytest.raises(EvidenceRejected, match=r"line 2, column \d+"):
        parse_evidence(kind="test_report", data=b'{"version": "2.1.0",\n "runs": [}')


# --- unsafe and malformed XML -----------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<testsuites><testsuite name="&lol4;"/></testsuites>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<testsuite name="x"><testcase classname="c" name="&xxe;"/></testsuite>"""


EXTERNAL_DTD = b'<!DOCTYPE testsuite SYSTEM "http://example.org/x.dtd"><testsuite/>'


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, XXE, EXTERNAL_DTD], ids=["billion-laughs", "xxe", "external-dtd"])
def test_dtds_and_entities_are_refused(xml):
    with pytest.raises(EvidenceRejected, match="DTD or entities"):
        parse_evidence(kind="test_report", data=xml)


def test_malformed_xml_is_rejected_with_its_position():
    with pytest.raises(EvidenceRejected, match=r"not well-formed XML: mismatched tag at line 2, column \d+"):
        parse_evidence(kind="test_report", data=b"<testsuites>\n<testsuite></testsuites>", filename="r.xml")


# --- JSON Lines audit logs ----------------------------------------------------------------------

def test_jsonl_audit_log():
    lines = [
        json.dumps({"time": "2025-03-01T10:00:00Z", "action": "login"}),
        json.dumps({"timestamp": 1740823200, "action": "predict"}),      # 2025-03-01T10:00:00Z + 0 h
        "this is not json",
        "",
        json.dumps({"ts": "2025-03-02T08:30:00+01:00", "action": "export"}),
        json.dumps(["an", "array"]),
    ]
    result = parse_evidence(kind="audit_log", data="\n".join(lines).encode(), filename="audit.jsonl")
    assert (result.status, result.format) == ("accepted", "jsonl")
    assert result.summary == {"entries": 3, "parse_errors": 2, "first_error_line": 3,
                              "time_range": ["2025-03-01T10:00:00Z", "2025-03-02T07:30:00Z"]}


def test_audit_log_must_be_utf8_and_have_entries():
    latin1 = '{"time": "2025-01-01T00:00:00Z"}\n{"user": "José"}\n'.encode("latin-1")
    with pytest.raises(EvidenceRejected, match=f"not valid UTF-8: byte 0xe9 at byte offset {latin1.index(0xE9)} "):
        parse_evidence(kind="audit_log", data=latin1, filename="latin1.jsonl")
    with pytest.raises(EvidenceRejected, match="no valid JSON Lines entries"):
        parse_evidence(kind="audit_log", data=b"garbage\n[1, 2]\n{broken\n")
    entries = parse_evidence(kind="audit_log", data=b'{"msg": "no time here"}\n').summary
    assert entries["time_range"] is None and entries["first_error_line"] is None


# --- documents and metrics ------------------------------------------------------------------------

def test_document_and_metric():
    doc = parse_evidence(kind="document", data=b"%PDF-1.7 policy")
    assert (doc.status, doc.format) == ("accepted", "document")
    assert doc.summary == {"size": 15, "sha256": hashlib.sha256(b"%PDF-1.7 policy").hexdigest()}
    metric = parse_evidence(kind="metric", data=b'{"accuracy": 0.93, "latency_ms": 41}')
    assert (metric.format, metric.summary) == ("metric-json", {"metrics": {"accuracy": 0.93, "latency_ms": 41}})
    for bad in (b"[1, 2]", b'{"accuracy": "high"}', b'{"ok": true}', b"{}", b'{"x": NaN}'):
        with pytest.raises(EvidenceRejected):
            parse_evidence(kind="metric", data=bad)


# --- detached signatures ----------------------------------------------------------------------------

@pytest.mark.parametrize("algorithm", signatures.ALGORITHMS)
def test_detached_signature(tmp_path, algorithm):
    artefact = tmp_path / "model-card.pdf"
    artefact.write_bytes(b"%PDF-1.7\n" + os.urandom(2048))
    data = artefact.read_bytes()
    private = new_key(algorithm)
    key = Key(algorithm, public_pem(private))

    good = parse_evidence(kind="signature", data=data, filename=artefact.name,
                          signature=sign(private, algorithm, data), key=key)
    assert good.status == "verified", good.detail
    assert good.summary["sha256"] == hashlib.sha256(data).hexdigest()

    other = parse_evidence(kind="signature", data=data, signature=sign(private, algorithm, b"other bytes"), key=key)
    assert other.status == "failed"
    assert "does not match the file's bytes" in other.detail

    stranger = Key(algorithm, public_pem(new_key(algorithm)))
    assert parse_evidence(kind="document", data=data, signature=sign(private, algorithm, data),
                          key=stranger).status == "failed"


def test_rsa_pss_with_digest_length_salt_and_raw_ecdsa():
    data = b"weights"
    rsa_key = new_key("rsa-pss")
    sig = rsa_key.sign(data, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH),
                       hashes.SHA256())
    assert signatures.verify_detached(data=data, signature=sig, public_key_pem=public_pem(rsa_key),
                                      algorithm="rsa-pss")[0]
    ec_key = new_key("ecdsa-p256")
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
    r, s = decode_dss_signature(sign(ec_key, "ecdsa-p256", data))
    raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    assert signatures.verify_detached(data=data, signature=raw, public_key_pem=public_pem(ec_key),
                                      algorithm="ecdsa-p256")[0]


def test_key_registered_with_the_wrong_algorithm():
    data = b"evidence"
    rsa_key = new_key("rsa-pss")
    result = parse_evidence(kind="document", data=data, signature=sign(rsa_key, "rsa-pss", data),
                            key=Key("ecdsa-p256", public_pem(rsa_key)))
    assert result.status == "failed"
    assert result.detail == "The key is RSA (2048 bits) but registered as ecdsa-p256."
    p384 = ec.generate_private_key(ec.SECP384R1())
    with pytest.raises(ValueError, match="P-256"):
        signatures.load_public_key(public_pem(p384), "ecdsa-p256")
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(ValueError, match="at least 2048"):
        signatures.load_public_key(public_pem(small), "rsa-pss")
    with pytest.raises(ValueError, match="private key"):
        signatures.load_public_key(rsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()).decode(), "rsa-pss")


def test_key_fingerprint_is_sha256_of_der():
    private = new_key("ed25519")
    der = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert signatures.key_fingerprint(public_pem(private)) == hashlib.sha256(der).hexdigest()


# --- model-signing bundles -----------------------------------------------------------------------------

@pytest.fixture
def signed_model(tmp_path):
    import model_signing

    model = tmp_path / "tiny-model"
    model.mkdir()
    (model / "config.json").write_text('{"layers": 2}')
    (model / "weights.bin").write_bytes(os.urandom(4096))
    private = ec.generate_private_key(ec.SECP256R1())
    key_path = tmp_path / "signing-key.pem"
    key_path.write_bytes(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    pub_path = tmp_path / "signing-key.pub"
    pub_path.write_text(public_pem(private))
    sig_path = tmp_path / "model.sig"
    model_signing.signing.Config().use_elliptic_key_signer(private_key=key_path).sign(model, sig_path)
    # The library's own verifier agrees before we check anything.
    model_signing.verifying.Config().use_elliptic_key_verifier(public_key=pub_path).verify(model, sig_path)
    return model, sig_path.read_bytes(), Key("ecdsa-p256", public_pem(private))


def test_model_signing_bundle_verifies(signed_model):
    model, bundle, key = signed_model
    result = parse_evidence(kind="attestation", data=bundle, filename="model.sig", key=key)
    assert (result.status, result.format) == ("verified", "sigstore-bundle"), result.detail
    s = result.summary
    assert s["predicate_type"] == "https://model_signing/signature/v1.0"
    expected = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in model.iterdir()}
    assert {sub["name"]: sub["digest"]["sha256"] for sub in s["subjects"]} == expected
    assert s["subject_count"] == 2
    assert s["model"]["name"] == "tiny-model" and s["model"]["serialization"] == "files"
    pem = serialization.load_pem_public_key(key.public_key_pem.encode())
    assert s["signer_key_hint"] == signatures.pem_hint(pem)
    json.dumps(s)

    unchecked = parse_evidence(kind="attestation", data=bundle)
    assert (unchecked.status, unchecked.detail) == ("accepted", "not verified: no trusted key given")


def test_model_signing_bundle_with_another_key_fails(signed_model):
    _, bundle, _ = signed_model
    other = Key("ecdsa-p256", public_pem(ec.generate_private_key(ec.SECP256R1())))
    result = parse_evidence(kind="attestation", data=bundle, key=other)
    assert result.status == "failed"
    assert "did not verify" in result.detail and "names another signing key" in result.detail
    assert result.summary["subject_count"] == 2  # the summary is still shown


def test_model_signing_bundle_with_altered_payload_fails(signed_model):
    _, bundle, key = signed_model
    doc = json.loads(bundle)
    statement = json.loads(base64.b64decode(doc["dsseEnvelope"]["payload"]))
    statement["predicate"]["resources"][0]["digest"] = hashlib.sha256(b"swapped weights").hexdigest()
    doc["dsseEnvelope"]["payload"] = base64.b64encode(json.dumps(statement).encode()).decode()
    tampered = json.dumps(doc).encode()
    checked = parse_evidence(kind="attestation", data=tampered, key=key)
    assert checked.status == "failed" and "did not verify" in checked.detail
    # Even without a key, the per-file digests no longer hash to the signed root digest.
    unchecked = parse_evidence(kind="attestation", data=tampered)
    assert unchecked.status == "failed" and "inconsistent" in unchecked.detail


# --- in-toto Statement in a DSSE envelope -----------------------------------------------------------

def make_envelope(private, statement: dict) -> dict:
    payload = json.dumps(statement).encode()
    payload_type = "application/vnd.in-toto+json"
    sig = private.sign(signatures.pae(payload_type, payload))
    return {"payloadType": payload_type, "payload": base64.b64encode(payload).decode(),
            "signatures": [{"keyid": "eval-signer", "sig": base64.b64encode(sig).decode()}]}


def test_in_toto_dsse_envelope(tmp_path):
    report = tmp_path / "eval.json"
    report.write_text('{"accuracy": 0.93}')
    digest = hashlib.sha256(report.read_bytes()).hexdigest()
    statement = {"_type": "https://in-toto.io/Statement/v1",
                 "subject": [{"name": "eval.json", "digest": {"sha256": digest}}],
                 "predicateType": "https://in-toto.io/attestation/test-result/v0.1",
                 "predicate": {"result": "PASSED"}}
    private = ed25519.Ed25519PrivateKey.generate()
    key = Key("ed25519", public_pem(private))
    envelope = make_envelope(private, statement)

    result = parse_evidence(kind="attestation", data=json.dumps(envelope).encode(), key=key)
    assert (result.status, result.format) == ("verified", "in-toto-dsse"), result.detail
    assert result.summary["subjects"] == statement["subject"]
    assert result.summary["subject_count"] == 1
    assert result.summary["signer_key_hint"] == "eval-signer"
    assert result.summary["predicate_type"] == "https://in-toto.io/attestation/test-result/v0.1"

    statement["predicate"]["result"] = "FAILED"
    tampered = dict(envelope, payload=base64.b64encode(json.dumps(statement).encode()).decode())
    failed = parse_evidence(kind="attestation", data=json.dumps(tampered).encode(), key=key)
    assert failed.status == "failed" and "did not verify" in failed.detail

    ok, _ = signatures.verify_dsse(envelope=envelope, public_key_pem=key.public_key_pem, algorithm="ed25519")
    assert ok


def test_attestation_that_is_not_one_is_rejected():
    statement = {"_type": "https://in-toto.io/Statement/v1", "subject": [{"name": "x", "digest": {"sha256": "00"}}],
                 "predicateType": "https://example.org/p"}
    with pytest.raises(EvidenceRejected, match="bare in-toto Statement"):
        parse_evidence(kind="attestation", data=json.dumps(statement).encode())
    with pytest.raises(EvidenceRejected, match="neither a DSSE envelope"):
        parse_evidence(kind="attestation", data=b'{"hello": "world"}')
    envelope = {"payloadType": "text/plain", "payload": "aGk=", "signatures": [{"sig": "AA=="}]}
    with pytest.raises(EvidenceRejected, match="payloadType"):
        parse_evidence(kind="attestation", data=json.dumps(envelope).encode())
