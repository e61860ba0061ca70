"""The asset list runs the same number of queries whatever the inventory's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inventory.models import Asset

pytestmark = pytest.mark.django_db

BUDGET = 10


def add_assets(team, count, start=0):
    Asset.objects.bulk_create(
        [Asset(kind="model", name=f"bulk-{team.pk}-{start + i:05d}", team=team, model_type="classifier")
         for i in range(count)], batch_size=1000)


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("url", ["/assets/?sort=name", "/api/v1/assets/?page_size=50"])
def test_list_queries_do_not_grow_with_the_inventory(world, web, api, url):
    client = web(world.owner_a) if url.startswith("/assets") else api(world.owner_a)
    add_assets(world.team_a, 100)
    add_assets(world.team_b, 100)
    small, first = queries(client, url)
    add_assets(world.team_a, 9_900, start=100)
    add_assets(world.team_b, 100, start=100)
    large, second = queries(client, url)
    assert small == large <= BUDGET, (small, large)
    if url.startswith("/api"):
        assert len(second.json()["results"]) == 50 and second.json()["count"] == 10_002
    else:
        assert "10002" in second.content.decode()
