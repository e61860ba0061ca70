from inventory.filtersets import AssetFilterSet
from inventory.models import Asset, AssetRelation
from inventory import services
from tests.conftest import make_asset
from tests.generic import APIViewTestCases, FilterSetTestCase, ViewTestCases, once


class TestAssetAPI(APIViewTestCases.GetObject, APIViewTestCases.ListObjects, APIViewTestCases.CreateObject,
                   APIViewTestCases.UpdateObject, APIViewTestCases.DeleteObject):
    model = Asset

    def obj(self, world):
        return world.asset_a

    def list_url(self, world):
        return "/api/v1/assets/"

    def create_payload(self, world):
        return {"kind": "model", "name": "new-model", "team": world.team_a.pk, "model_type": "llm"}

    def update_payload(self, world):
        return {"criticality": "critical", "description": "Reviewed"}

    def delete_obj(self, world):
        return once(world, "doomed", lambda: make_asset(world.team_a, "Doomed"))


class TestAssetRelationAPI(APIViewTestCases.ListObjects, APIViewTestCases.CreateObject, APIViewTestCases.DeleteObject):
    model = AssetRelation

    def obj(self, world):
        return once(world, "relation", lambda: services.create_relation(
            actor=None, source=world.model_a, type="part_of", target=world.asset_a))

    def list_url(self, world):
        self.obj(world)
        return f"/api/v1/assets/{world.model_a.pk}/relations/"

    def create_payload(self, world):
        return {"type": "depends_on", "target": world.asset_a.pk}

    def delete_url(self, world, obj):
        return f"/api/v1/assets/{obj.source_id}/relations/{obj.pk}/"


def asset_form_data(asset, **changes):
    data = {"name": asset.name, "team": asset.team_id, "lifecycle_stage": asset.lifecycle_stage,
            "criticality": asset.criticality, "data_classification": asset.data_classification,
            "description": asset.description, "tags": ", ".join(asset.tags), "kind": asset.kind}
    for name in asset.kind_fields:
        value = getattr(asset, name)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    data.update(changes)
    return data


class TestAssetUI(ViewTestCases.ListView, ViewTestCases.DetailView, ViewTestCases.EditView, ViewTestCases.DeleteView):
    model = Asset

    def obj(self, world):
        return world.asset_a

    def list_url(self, world):
        return "/assets/"

    def edit_url(self, obj):
        return f"/assets/{obj.pk}/edit/"

    def edit_data(self, world, obj):
        return asset_form_data(obj, criticality="critical")

    def changed(self, obj):
        return obj.criticality == "critical"

    def delete_url(self, obj):
        return f"/assets/{obj.pk}/delete/"

    def delete_obj(self, world):
        return once(world, "doomed", lambda: make_asset(world.team_a, "Doomed"))


class TestAssetRelationUI(ViewTestCases.DetailView):
    """Relations are shown and edited on the source asset's page."""

    model = AssetRelation

    def obj(self, world):
        return once(world, "relation", lambda: services.create_relation(
            actor=None, source=world.model_a, type="part_of", target=world.asset_a))

    def detail_url(self, obj):
        return obj.source.get_absolute_url()

    def test_detail_in_scope_is_200(self, world, web):
        relation = self.obj(world)
        body = web(world.viewer_a).get(self.detail_url(relation)).content.decode()
        assert "part of" in body and relation.target.get_absolute_url() in body

    def test_add_and_remove_need_change_right(self, world, web):
        relation = self.obj(world)
        add = f"/assets/{world.model_a.pk}/relations/add/"
        assert web(world.member_b).post(add, {"type": "depends_on", "target": world.asset_a.pk}).status_code == 404
        assert web(world.viewer_a).post(add, {"type": "depends_on", "target": world.asset_a.pk}).status_code == 403
        assert web(world.member_b).post(f"/assets/relations/{relation.pk}/delete/").status_code == 404
        assert web(world.viewer_a).post(f"/assets/relations/{relation.pk}/delete/").status_code == 403
        assert AssetRelation.objects.count() == 1
        assert web(world.owner_a).post(add, {"type": "depends_on", "target": world.asset_a.pk}).status_code == 302
        assert AssetRelation.objects.count() == 2
        assert web(world.owner_a).post(f"/assets/relations/{relation.pk}/delete/").status_code == 302
        assert not AssetRelation.objects.filter(pk=relation.pk).exists()


class TestAssetFilterSet(FilterSetTestCase):
    model = Asset
    filterset = AssetFilterSet

    def expectations(self, world):
        make_asset(world.team_b, "Ledger dataset", kind="dataset", lifecycle_stage="production",
                   criticality="critical", data_classification="restricted", tags=["pii"], owner=world.member_b)
        everyone = {"Alpha screening", "alpha-model", "Bravo assistant", "Ledger dataset"}
        return [
            ({}, everyone),
            ({"kind": "dataset"}, {"Ledger dataset"}),
            ({"team": world.team_a.pk}, {"Alpha screening", "alpha-model"}),
            ({"lifecycle_stage": "production"}, {"Ledger dataset"}),
            ({"criticality": "critical"}, {"Ledger dataset"}),
            ({"data_classification": "restricted"}, {"Ledger dataset"}),
            ({"owner": world.member_b.pk}, {"Ledger dataset"}),
            ({"q": "alpha"}, {"Alpha screening", "alpha-model"}),
            ({"q": "pii"}, {"Ledger dataset"}),
            ({"kind": "system", "team": world.team_b.pk}, {"Bravo assistant"}),
        ]

    def test_unknown_choice_is_an_error(self, world, rf):
        request = rf.get("/")
        request.user = world.admin
        fs = AssetFilterSet({"kind": "spaceship"}, queryset=Asset.objects.all(), request=request)
        assert not fs.is_valid() and "kind" in fs.errors

    def test_sort(self, world, rf):
        request = rf.get("/")
        request.user = world.admin
        fs = AssetFilterSet({"sort": "-name"}, queryset=Asset.objects.all(), request=request)
        names = [a.name for a in fs.qs]
        assert names == sorted(names, reverse=True)
