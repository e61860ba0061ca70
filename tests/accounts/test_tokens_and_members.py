import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from attest.accounts.models import ApiToken
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_token_is_issued_stored_hashed_and_works(world, api):
    response = api(None).post("/api/v1/auth/token/", {"username": "olivia", "password": PASSWORD}, format="json")
    assert response.status_code == 201
    key = response.json()["token"]
    token = ApiToken.objects.get(user=world.owner_a)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest() and key not in token.key_hash
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/assets/").json()["count"] == 2


def test_wrong_password_is_401_with_a_message(world, api):
    response = api(None).post("/api/v1/auth/token/", {"username": "olivia", "password": "nope"}, format="json")
    assert response.status_code == 401 and response.json()["detail"] == "Wrong username or password."


def test_expired_token_is_refused(world, api):
    response = api(None).post("/api/v1/auth/token/", {"username": "olivia", "password": PASSWORD}, format="json")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client = api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    response = client.get("/api/v1/assets/")
    assert response.status_code == 401 and "expired" in response.json()["detail"]


def test_owner_manages_members_viewer_cannot_outsider_gets_404(world, api):
    url = f"/api/v1/teams/{world.team_a.pk}/members/"
    newcomer = world.member_b
    assert api(world.viewer_a).post(url, {"user": world.viewer_a.pk, "role": "owner"}, format="json").status_code == 403
    assert api(world.member_b).get(url).status_code == 404
    response = api(world.owner_a).post(url, {"user": newcomer.pk, "role": "viewer"}, format="json")
    assert response.status_code == 201
    assert {"user": newcomer.pk, "username": "bob", "role": "viewer"} in response.json()
    assert api(newcomer).get(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 200
    assert api(world.owner_a).delete(f"{url}{newcomer.pk}/").status_code == 204
    assert api(newcomer).get(f"/api/v1/assets/{world.asset_a.pk}/").status_code == 404


def test_only_members_and_governance_join_teams(world, api):
    url = f"/api/v1/teams/{world.team_a.pk}/members/"
    response = api(world.admin).post(url, {"user": world.auditor.pk, "role": "viewer"}, format="json")
    assert response.status_code == 400 and "auditor" in response.json()["detail"]


def test_admin_creates_users_with_roles_others_cannot(world, api):
    payload = {"username": "nina", "password": PASSWORD, "email": "nina@example.org", "role": "governance"}
    assert api(world.governance).post("/api/v1/users/", payload, format="json").status_code == 403
    response = api(world.admin).post("/api/v1/users/", payload, format="json")
    assert response.status_code == 201 and response.json()["role"] == "governance"
    assert "password" not in response.json()
    weak = {**payload, "username": "nora", "password": "password"}
    response = api(world.admin).post("/api/v1/users/", weak, format="json")
    assert response.status_code == 400 and "password" in response.json()["errors"]


def test_superuser_is_admin_everywhere(world, api):
    from attest.accounts.models import User

    su = User.objects.create_superuser("su", "su@example.org", PASSWORD)
    assert su.role == "member"  # the role field is ignored for superusers
    assert api(su).get("/api/v1/assets/").json()["count"] == 3
    assert api(su).post("/api/v1/teams/", {"name": "Team Z"}, format="json").status_code == 201


def test_schema_and_docs_are_served(db, client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
