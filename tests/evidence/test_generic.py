from compliance.evidence import services
from compliance.evidence.api import EvidenceFilterSet
from compliance.evidence.models import EvidenceItem, EvidenceSource, TrustedKey
from tests.evidence.conftest import JUNIT, b64
from tests.generic import APIViewTestCases, FilterSetTestCase, ViewTestCases, once


def _item(world):
    return once(world, "item", lambda: services.ingest_evidence(
        actor=None, asset=world.asset_a, kind="test_report", title="Suite A", data=JUNIT, filename="a.xml").item)


class TestEvidenceAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects, APIViewTestCases.CreateObject):
    model = EvidenceItem
    writer = "contributor_a"

    def obj(self, world):
        return _item(world)

    def list_url(self, world):
        return "/api/v1/evidence/"

    def create_payload(self, world):
        return {"asset": world.asset_a.pk, "kind": "document", "title": "Policy", "content_base64": b64(b"policy v2")}


class TestEvidenceUI(ViewTestCases.DetailView):
    model = EvidenceItem

    def obj(self, world):
        return _item(world)


def _source(world):
    return once(world, "source", lambda: services.save_source(
        actor=None, asset=world.asset_a, name="CI report", kind="test_report", url="https://ci.example/r.xml",
        interval_minutes=30, auth_header="Authorization: Bearer s3cret"))


class TestEvidenceSourceAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects, APIViewTestCases.CreateObject,
                            APIViewTestCases.UpdateObject, APIViewTestCases.DeleteObject):
    model = EvidenceSource
    writer = "contributor_a"

    def obj(self, world):
        return _source(world)

    def list_url(self, world):
        return "/api/v1/evidence-sources/"

    def create_payload(self, world):
        return {"asset": world.asset_a.pk, "name": "Scanner", "kind": "test_report",
                "url": "https://scan.example/sarif.json", "interval_minutes": 120}

    def update_payload(self, world):
        return {"interval_minutes": 15}

    def test_secret_is_encrypted_and_never_returned(self, world, api):
        source = _source(world)
        assert "s3cret" not in source.auth_header_encrypted
        body = api(world.viewer_a).get(f"/api/v1/evidence-sources/{source.pk}/").json()
        assert body["has_auth_header"] is True and "auth_header" not in body


class TestEvidenceSourceUI(ViewTestCases.DetailView):
    model = EvidenceSource

    def obj(self, world):
        return _source(world)

    def detail_marker(self, obj):
        return obj.url


def _key(world):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    def build():
        pem = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        return services.register_trusted_key(actor=None, name="Team A signer", algorithm="ed25519",
                                             public_key_pem=pem, team=world.team_a)
    return once(world, "key", build)


class TestTrustedKeyAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects, APIViewTestCases.DeleteObject):
    model = TrustedKey
    writer = "owner_a"

    def obj(self, world):
        return _key(world)

    def list_url(self, world):
        return "/api/v1/trusted-keys/"

    def test_delete_writer_is_204(self, world, api):
        key = _key(world)
        assert api(world.owner_a).delete(f"/api/v1/trusted-keys/{key.pk}/").status_code == 204
        key.refresh_from_db()
        assert key.revoked_at is not None  # revoked, kept for the record

    def test_delete_anonymous_is_401(self, world, api):
        assert api(None).delete(f"/api/v1/trusted-keys/{_key(world).pk}/").status_code == 401

    def test_delete_out_of_scope_is_404(self, world, api):
        assert api(world.member_b).delete(f"/api/v1/trusted-keys/{_key(world).pk}/").status_code == 404

    def test_delete_read_only_is_403(self, world, api):
        assert api(world.viewer_a).delete(f"/api/v1/trusted-keys/{_key(world).pk}/").status_code == 403

    def test_bad_pem_is_refused(self, world, api):
        response = api(world.governance).post("/api/v1/trusted-keys/", {
            "name": "x", "algorithm": "ecdsa-p256", "public_key_pem": "-----BEGIN PUBLIC KEY-----\nnope\n"}, format="json")
        assert response.status_code == 400 and "public_key_pem" in response.json()["errors"]


class TestTrustedKeyUI(ViewTestCases.ListView):
    model = TrustedKey

    def obj(self, world):
        return _key(world)

    def list_url(self, world):
        return "/compliance/trusted-keys/"

    def marker(self, obj):
        return obj.fingerprint[:16]


class TestEvidenceFilterSet(FilterSetTestCase):
    model = EvidenceItem
    filterset = EvidenceFilterSet

    def expectations(self, world):
        item = _item(world)
        doc = services.ingest_evidence(actor=None, asset=world.asset_b, kind="document", title="Policy B",
                                       data=b"policy", filename="p.txt").item
        return [({"asset": world.asset_a.pk}, {str(item)}), ({"kind": "document"}, {str(doc)}),
                ({"sha256": item.sha256}, {str(item)}), ({"status": "failed"}, set())]
