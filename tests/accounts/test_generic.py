from attest.accounts import services
from attest.accounts.models import ApiToken, Team, User
from tests.generic import APIViewTestCases, ViewTestCases, once


def _empty_team(world):
    def build():
        team = services.create_team(actor=None, name="Team Empty")
        services.set_team_member(actor=None, team=team, user=world.viewer_a, role="viewer")
        return team
    return once(world, "empty-team", build)


class TestTeamAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects, APIViewTestCases.CreateObject,
                  APIViewTestCases.UpdateObject, APIViewTestCases.DeleteObject):
    model = Team
    writer = "admin"

    def obj(self, world):
        return world.team_a

    def list_url(self, world):
        return "/api/v1/teams/"

    def create_payload(self, world):
        return {"name": "Team C", "description": "New"}

    def update_payload(self, world):
        return {"description": "Renamed purpose"}

    def delete_obj(self, world):
        return _empty_team(world)


class TestUserAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects, APIViewTestCases.CreateObject,
                  APIViewTestCases.UpdateObject):
    model = User
    writer = "admin"

    def obj(self, world):
        return world.contributor_a

    def list_url(self, world):
        return "/api/v1/users/"

    def create_payload(self, world):
        return {"username": "newbie", "password": "correct-horse-42", "email": "newbie@example.org", "role": "member"}

    def update_payload(self, world):
        return {"email": "carl.new@example.org"}


class TestTeamUI(ViewTestCases.ListView, ViewTestCases.DetailView, ViewTestCases.EditView):
    model = Team
    writer = "admin"

    def obj(self, world):
        return world.team_a

    def list_url(self, world):
        return "/teams/"

    def edit_url(self, obj):
        return f"/teams/{obj.pk}/edit/"

    def edit_data(self, world, obj):
        return {"name": obj.name, "description": "Edited in the browser"}

    def changed(self, obj):
        return obj.description == "Edited in the browser"


class TestUserUI(ViewTestCases.ListView):
    """The user administration page is for administrators only."""

    model = User
    reader = "admin"

    def obj(self, world):
        return world.contributor_a

    def list_url(self, world):
        return "/users/"

    def marker(self, obj):
        return f"<td>{obj.username}</td>"

    def test_members_get_403(self, world, web):
        assert web(world.owner_a).get("/users/").status_code == 403


class TestApiTokenUI(ViewTestCases.ListView):
    """Tokens are listed, created and revoked on the owner's own account page."""

    model = ApiToken
    reader = "owner_a"
    outsider = "member_b"

    def obj(self, world):
        return once(world, "token", lambda: services.issue_token(actor=world.owner_a, user=world.owner_a, name="ci")[0])

    def list_url(self, world):
        return "/account/"

    def marker(self, obj):
        return obj.prefix

    def test_revoke_someone_elses_token_is_404(self, world, web):
        token = self.obj(world)
        assert web(world.member_b).post("/account/", {"revoke": token.pk}).status_code == 404
        token.refresh_from_db()
        assert token.revoked_at is None

    def test_owner_revokes_and_token_stops_working(self, world, web, api):
        token, key = services.issue_token(actor=world.owner_a, user=world.owner_a, name="ci")
        client = api(None)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert client.get("/api/v1/assets/").status_code == 200
        assert web(world.owner_a).post("/account/", {"revoke": token.pk}).status_code == 302
        response = client.get("/api/v1/assets/")
        assert response.status_code == 401 and "revoked" in response.json()["detail"]
