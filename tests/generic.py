"""Generic test cases (in the manner of NetBox's ViewTestCases / APIViewTestCases).

A concrete class names its ``model`` and says how to reach one in-scope object; the cases
then check it as four users: anonymous, an outsider (authenticated, object out of scope),
a reader (in scope, read-only) and a writer (in scope, may write). ``tests/test_meta.py``
fails when a model has no such cases.
"""

import pytest


class _Base:
    model = None
    reader = "viewer_a"
    writer = "owner_a"
    outsider = "member_b"

    def user(self, world, who):
        if who == "outsider" and self.outsider is None:
            pytest.skip("catalog data is visible to every signed-in user: there is no out-of-scope user")
        return None if who is None else getattr(world, getattr(self, who))

    def obj(self, world):
        raise NotImplementedError

    def count(self):
        return self.model.objects.count()


def once(world, key, factory):
    """Build a test object once per world, however many times a case asks for it."""
    cache = world.__dict__.setdefault("_once", {})
    if key not in cache:
        cache[key] = factory()
    return cache[key]


class APIViewTestCases:
    class Base(_Base):
        def list_url(self, world) -> str:
            raise NotImplementedError

        def detail_url(self, world, obj) -> str:
            return f"{self.list_url(world)}{obj.pk}/"

    class GetObject(Base):
        def test_get_anonymous_is_401(self, world, api):
            assert api(None).get(self.detail_url(world, self.obj(world))).status_code == 401

        def test_get_out_of_scope_is_404(self, world, api):
            response = api(self.user(world, "outsider")).get(self.detail_url(world, self.obj(world)))
            assert response.status_code == 404
            assert "detail" in response.json()

        def test_get_in_scope_is_200(self, world, api):
            obj = self.obj(world)
            response = api(self.user(world, "reader")).get(self.detail_url(world, obj))
            assert response.status_code == 200, response.content
            assert response.json()["id"] == obj.pk

    class ListObjects(Base):
        def ids(self, response):
            body = response.json()
            rows = body["results"] if isinstance(body, dict) else body
            return {row["id"] for row in rows}

        def test_list_anonymous_is_401(self, world, api):
            assert api(None).get(self.list_url(world)).status_code == 401

        def test_list_hides_out_of_scope(self, world, api):
            obj = self.obj(world)
            response = api(self.user(world, "outsider")).get(self.list_url(world))
            assert response.status_code in (200, 404)
            if response.status_code == 200:
                assert obj.pk not in self.ids(response)

        def test_list_shows_in_scope(self, world, api):
            obj = self.obj(world)
            response = api(self.user(world, "reader")).get(self.list_url(world))
            assert response.status_code == 200, response.content
            assert obj.pk in self.ids(response)

    class CreateObject(Base):
        def create_url(self, world) -> str:
            return self.list_url(world)

        def create_payload(self, world) -> dict:
            raise NotImplementedError

        def test_create_anonymous_is_401(self, world, api):
            url, payload = self.create_url(world), self.create_payload(world)
            before = self.count()
            assert api(None).post(url, payload, format="json").status_code == 401
            assert self.count() == before

        def test_create_read_only_is_403(self, world, api):
            url, payload = self.create_url(world), self.create_payload(world)
            before = self.count()
            response = api(self.user(world, "reader")).post(url, payload, format="json")
            assert response.status_code == 403, response.content
            assert self.count() == before

        def test_create_out_of_scope_is_refused(self, world, api):
            url, payload = self.create_url(world), self.create_payload(world)
            before = self.count()
            response = api(self.user(world, "outsider")).post(url, payload, format="json")
            assert response.status_code in (400, 403, 404), response.content
            assert "detail" in response.json()
            assert self.count() == before

        def test_create_writer_is_201(self, world, api):
            url, payload = self.create_url(world), self.create_payload(world)
            before = self.count()
            response = api(self.user(world, "writer")).post(url, payload, format="json")
            assert response.status_code == 201, response.content
            assert self.count() == before + 1

    class UpdateObject(Base):
        def update_payload(self, world) -> dict:
            raise NotImplementedError

        def test_update_anonymous_is_401(self, world, api):
            url = self.detail_url(world, self.obj(world))
            assert api(None).patch(url, self.update_payload(world), format="json").status_code == 401

        def test_update_out_of_scope_is_404(self, world, api):
            url = self.detail_url(world, self.obj(world))
            assert api(self.user(world, "outsider")).patch(url, self.update_payload(world), format="json").status_code == 404

        def test_update_read_only_is_403(self, world, api):
            obj = self.obj(world)
            response = api(self.user(world, "reader")).patch(self.detail_url(world, obj), self.update_payload(world), format="json")
            assert response.status_code == 403
            obj.refresh_from_db()
            for name, value in self.update_payload(world).items():
                assert getattr(obj, name) != value

        def test_update_writer_is_200(self, world, api):
            obj = self.obj(world)
            payload = self.update_payload(world)
            response = api(self.user(world, "writer")).patch(self.detail_url(world, obj), payload, format="json")
            assert response.status_code == 200, response.content
            obj.refresh_from_db()
            for name, value in payload.items():
                assert getattr(obj, name) == value

    class DeleteObject(Base):
        def delete_obj(self, world):
            return self.obj(world)

        def delete_url(self, world, obj) -> str:
            return self.detail_url(world, obj)

        def test_delete_anonymous_is_401(self, world, api):
            obj = self.delete_obj(world)
            assert api(None).delete(self.delete_url(world, obj)).status_code == 401
            assert self.model.objects.filter(pk=obj.pk).exists()

        def test_delete_out_of_scope_is_404(self, world, api):
            obj = self.delete_obj(world)
            assert api(self.user(world, "outsider")).delete(self.delete_url(world, obj)).status_code == 404
            assert self.model.objects.filter(pk=obj.pk).exists()

        def test_delete_read_only_is_403(self, world, api):
            obj = self.delete_obj(world)
            assert api(self.user(world, "reader")).delete(self.delete_url(world, obj)).status_code == 403
            assert self.model.objects.filter(pk=obj.pk).exists()

        def test_delete_writer_is_204(self, world, api):
            obj = self.delete_obj(world)
            response = api(self.user(world, "writer")).delete(self.delete_url(world, obj))
            assert response.status_code == 204, response.content
            assert not self.model.objects.filter(pk=obj.pk).exists()

    class ReadOnlyModel(GetObject, ListObjects):
        def test_writes_are_not_allowed(self, world, api):
            url = self.detail_url(world, self.obj(world))
            client = api(self.user(world, "reader"))
            assert client.delete(url).status_code in (403, 405)
            assert client.patch(url, {}, format="json").status_code in (403, 405)


class ViewTestCases:
    class Base(_Base):
        def detail_url(self, obj) -> str:
            return obj.get_absolute_url()

    def _assert_login_redirect(response):
        assert response.status_code == 302 and "/login/" in response["Location"]

    class ListView(Base):
        def list_url(self, world) -> str:
            raise NotImplementedError

        def test_list_anonymous_redirects_to_login(self, world, web):
            ViewTestCases._assert_login_redirect(web(None).get(self.list_url(world)))

        def marker(self, obj) -> str:
            """Text that appears in the list only when ``obj`` is listed."""
            return self.detail_url(obj)

        def test_list_hides_out_of_scope(self, world, web):
            obj = self.obj(world)
            response = web(self.user(world, "outsider")).get(self.list_url(world))
            assert response.status_code in (200, 403)
            assert self.marker(obj) not in response.content.decode()

        def test_list_shows_in_scope(self, world, web):
            obj = self.obj(world)
            response = web(self.user(world, "reader")).get(self.list_url(world))
            assert response.status_code == 200
            assert self.marker(obj) in response.content.decode()

    class DetailView(Base):
        def test_detail_anonymous_redirects_to_login(self, world, web):
            ViewTestCases._assert_login_redirect(web(None).get(self.detail_url(self.obj(world))))

        def test_detail_out_of_scope_is_404(self, world, web):
            response = web(self.user(world, "outsider")).get(self.detail_url(self.obj(world)))
            assert response.status_code == 404
            assert "Not found" in response.content.decode()

        def detail_marker(self, obj) -> str:
            return str(obj)

        def test_detail_in_scope_is_200(self, world, web):
            obj = self.obj(world)
            response = web(self.user(world, "reader")).get(self.detail_url(obj))
            assert response.status_code == 200
            assert self.detail_marker(obj) in response.content.decode()

    class EditView(Base):
        def edit_url(self, obj) -> str:
            raise NotImplementedError

        def edit_data(self, world, obj) -> dict:
            raise NotImplementedError

        def changed(self, obj) -> bool:
            raise NotImplementedError

        def test_edit_anonymous_redirects_to_login(self, world, web):
            ViewTestCases._assert_login_redirect(web(None).get(self.edit_url(self.obj(world))))

        def test_edit_out_of_scope_is_404(self, world, web):
            obj = self.obj(world)
            client = web(self.user(world, "outsider"))
            assert client.get(self.edit_url(obj)).status_code == 404
            assert client.post(self.edit_url(obj), self.edit_data(world, obj)).status_code == 404

        def test_edit_read_only_is_403(self, world, web):
            obj = self.obj(world)
            response = web(self.user(world, "reader")).post(self.edit_url(obj), self.edit_data(world, obj))
            assert response.status_code == 403
            obj.refresh_from_db()
            assert not self.changed(obj)

        def test_edit_writer_saves(self, world, web):
            obj = self.obj(world)
            client = web(self.user(world, "writer"))
            assert client.get(self.edit_url(obj)).status_code == 200
            response = client.post(self.edit_url(obj), self.edit_data(world, obj))
            assert response.status_code == 302, response.content.decode()[:2000]
            obj.refresh_from_db()
            assert self.changed(obj)

    class DeleteView(Base):
        def delete_url(self, obj) -> str:
            raise NotImplementedError

        def delete_obj(self, world):
            return self.obj(world)

        def test_delete_anonymous_redirects_to_login(self, world, web):
            ViewTestCases._assert_login_redirect(web(None).post(self.delete_url(self.delete_obj(world))))

        def test_delete_out_of_scope_is_404(self, world, web):
            obj = self.delete_obj(world)
            assert web(self.user(world, "outsider")).post(self.delete_url(obj)).status_code == 404
            assert self.model.objects.filter(pk=obj.pk).exists()

        def test_delete_read_only_is_403(self, world, web):
            obj = self.delete_obj(world)
            assert web(self.user(world, "reader")).post(self.delete_url(obj)).status_code == 403
            assert self.model.objects.filter(pk=obj.pk).exists()

        def test_delete_writer_removes(self, world, web):
            obj = self.delete_obj(world)
            response = web(self.user(world, "writer")).post(self.delete_url(obj))
            assert response.status_code == 302
            assert not self.model.objects.filter(pk=obj.pk).exists()


class FilterSetTestCase:
    """Each filter narrows a restricted queryset as documented; unknown choices are errors."""

    model = None
    filterset = None
    cases: list = []  # (params, expected names) built by ``expectations(world)``

    def expectations(self, world) -> list[tuple[dict, set[str]]]:
        raise NotImplementedError

    def base_queryset(self, world):
        return self.model.objects.restrict(world.admin, "view")

    def test_filters(self, world, rf):
        for params, expected in self.expectations(world):
            request = rf.get("/", params)
            request.user = world.admin
            fs = self.filterset(params, queryset=self.base_queryset(world), request=request)
            assert fs.is_valid(), (params, fs.errors)
            assert {str(o) for o in fs.qs} == expected, params


pytestmark = pytest.mark.django_db
