"""Cost of team-scoped access control on the asset list (page and API).

Seeds 10,000 assets over 20 teams into a throwaway database, logs in a team member who
sees 2,000 of them (viewer on 4 teams) and times, with the same Django test ``Client``:

* ``/assets/`` (page 1, 50 rows, default order) against a bare view that renders the
  same 50 rows, selected with a plain ``team_id IN (<the viewer's team ids>)`` filter, as
  a minimal HTML table: login required, no permission checks, no filter form, no count;
* ``/api/v1/assets/`` against a bare, DRF-free ``JsonResponse`` of the same 50-row shape.

Requests are interleaved (A, B, A, B, …) after a warm-up; it prints the median and p90
server time, the SQL queries per request and the ratio restricted/bare (goal <= 2).

    .venv/bin/python bench/inventory_list.py [--runs 30] [--sql]

SQLite in a temporary directory by default. With ``DATABASE_URL`` set (PostgreSQL), it
creates and finally drops its own database, named after the URL's plus ``_bench``.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import types
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TEAMS, PER_TEAM, MEMBER_OF, PAGE = 20, 500, 4, 50
ADJECTIVES = ["Customer", "Fraud", "Churn", "Pricing", "Support", "Claims", "Credit", "Search", "Triage", "Supply"]
NOUNS = {"system": "assistant", "model": "classifier", "dataset": "records", "infrastructure": "cluster"}
BARE_TEMPLATE = (
    "<!doctype html><title>Assets</title><table><tr><th>Name</th><th>Kind</th><th>Team</th><th>Owner</th>"
    "<th>Stage</th><th>Criticality</th><th>Updated</th></tr>{% for a in rows %}<tr>"
    "<td><a href=\"{{ a.get_absolute_url }}\">{{ a.name }}</a></td><td>{{ a.get_kind_display }}</td>"
    "<td>{{ a.team.name }}</td><td>{{ a.owner.username|default:'—' }}</td>"
    "<td>{{ a.get_lifecycle_stage_display }}</td><td>{{ a.get_criticality_display }}</td>"
    "<td>{{ a.updated_at }}</td></tr>{% endfor %}</table>"
)


def bench_database_url():
    """Point DATABASE_URL at a fresh ``<name>_bench`` database; return (admin conninfo, name)."""
    url = urlsplit(os.environ["DATABASE_URL"])
    name = (url.path.lstrip("/") or "attest") + "_bench"
    os.environ["DATABASE_URL"] = urlunsplit(url._replace(path="/" + name))
    return urlunsplit(url._replace(path="/postgres")), name


def pg_admin(conninfo, sql):
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(sql)


def seed():
    from django.contrib.auth.hashers import make_password

    from attest.accounts.models import User
    from attest.accounts.services import create_team, create_user, set_team_member
    from inventory.choices import AssetKind, Criticality, DataClassification, LifecycleStage
    from inventory.models import Asset

    teams = [create_team(actor=None, name=f"{ADJECTIVES[i % 10]} {'Platform' if i < 10 else 'Analytics'}")
             for i in range(TEAMS)]
    owners = User.objects.bulk_create(User(username=f"owner{i}", password=make_password(None)) for i in range(40))
    user = create_user(actor=None, username="bench-viewer", password="bench-password-123")
    for team in teams[:MEMBER_OF]:
        set_team_member(actor=None, team=team, user=user, role="viewer")
    kinds, stages = AssetKind.values, LifecycleStage.values
    crits, classes = Criticality.values, DataClassification.values
    Asset.objects.bulk_create((
        Asset(team=team, kind=kinds[i % 4], owner=owners[(t * 7 + i) % 40] if i % 5 else None,
              name=f"{ADJECTIVES[(i * 3 + t) % 10]} {NOUNS[kinds[i % 4]]} {i:03d}-{t:02d}",
              description=f"Bench asset {i} of team {team.name}.", lifecycle_stage=stages[i % 5],
              criticality=crits[(i + t) % 4], data_classification=classes[i % 4], tags=["bench", kinds[i % 4]])
        for t, team in enumerate(teams) for i in range(PER_TEAM)
    ), batch_size=1000)
    return user, [team.pk for team in teams[:MEMBER_OF]]


def bench_urlconf(team_ids):
    """The project's URLs plus ``/bare/`` and ``/bare/api/``: same rows, no permission checks."""
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse, JsonResponse
    from django.template import engines
    from django.urls import path, reverse

    import attest.urls
    from inventory.choices import COMMON_FIELDS, KIND_FIELDS
    from inventory.models import Asset

    template = engines["django"].from_string(BARE_TEMPLATE)

    def rows():
        # The viewer's own 50 rows, picked by a constant filter instead of the permission machinery.
        return Asset.objects.filter(team_id__in=team_ids).select_related("team", "owner").order_by("name", "pk")[:PAGE]

    @login_required
    def bare_page(request):
        return HttpResponse(template.render({"rows": rows()}))

    @login_required
    def bare_api(request):
        results = []
        for a in rows():  # the keys AssetSerializer returns
            row = {"id": a.pk, "url": request.build_absolute_uri(reverse("api:asset-detail", args=[a.pk]))}
            row.update({f: getattr(a, f + "_id" if f in ("team", "owner") else f) for f in COMMON_FIELDS})
            row.update(team_name=a.team.name, owner_username=a.owner.username if a.owner else None,
                       created_at=a.created_at, updated_at=a.updated_at)
            row.update({f: getattr(a, f) for f in KIND_FIELDS[a.kind]})
            results.append(row)
        return JsonResponse({"results": results})

    module = types.ModuleType("bench_urlconf")
    module.urlpatterns = [path("bare/", bare_page), path("bare/api/", bare_api), *attest.urls.urlpatterns]
    for name in ("handler400", "handler403", "handler404", "handler500"):
        setattr(module, name, getattr(attest.urls, name))
    sys.modules[module.__name__] = module
    return module.__name__


def measure(client, urls, runs, warmup=3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    for _ in range(warmup):
        for url in urls:
            get(url)
    queries = {}
    for url in urls:  # counted apart from the timed runs: capturing slows every query down
        with CaptureQueriesContext(connection) as ctx:
            get(url)
        queries[url] = ctx.captured_queries
    times = {url: [] for url in urls}
    for _ in range(runs):
        for url in urls:  # interleaved, so drift hits every URL alike
            start = time.perf_counter()
            get(url)
            times[url].append((time.perf_counter() - start) * 1000)
    return times, queries


def p90(values):
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed requests per URL (default 30)")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one restricted request of each")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="attest-bench-")
    os.environ.update(ATTEST_DATA_DIR=data_dir, ATTEST_FAST_PASSWORD_HASHER="1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "attest.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    pg = bench_database_url() if os.environ.get("DATABASE_URL") else None
    if pg:
        pg_admin(pg[0], f'DROP DATABASE IF EXISTS "{pg[1]}"')
        pg_admin(pg[0], f'CREATE DATABASE "{pg[1]}"')
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client, override_settings

        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        user, team_ids = seed()
        print(f"{connection.vendor} ({settings.DATABASES['default']['NAME']}): seeded {TEAMS * PER_TEAM} assets "
              f"over {TEAMS} teams in {time.perf_counter() - start:.1f} s; {user.username} sees {MEMBER_OF * PER_TEAM}")
        client = Client()
        client.force_login(user)
        pairs = [("list page", "/assets/", "/bare/"), ("api list", "/api/v1/assets/", "/bare/api/")]
        with override_settings(ROOT_URLCONF=bench_urlconf(team_ids)):
            restricted = client.get("/api/v1/assets/").json()
            assert restricted["count"] == MEMBER_OF * PER_TEAM
            bare_ids = [row["id"] for row in client.get("/bare/api/").json()["results"]]
            assert [row["id"] for row in restricted["results"]] == bare_ids, "both sides must return the same 50 rows"
            times, queries = measure(client, [url for _, a, b in pairs for url in (a, b)], args.runs)
        print(f"median and p90 of {args.runs} interleaved requests each, after a warm-up; DEBUG={settings.DEBUG}\n")
        for label, restricted, bare in pairs:
            for kind, url in (("restricted", restricted), ("bare", bare)):
                t = times[url]
                print(f"{label:<9}  {kind:<10}  median {statistics.median(t):6.1f} ms  p90 {p90(t):6.1f} ms  "
                      f"queries {len(queries[url])}   {url}")
            ratio = statistics.median(times[restricted]) / statistics.median(times[bare])
            print(f"{label:<9}  ratio (goal <= 2): {ratio:.2f}\n")
            if args.sql:
                for q in queries[restricted]:
                    print(f"  [{float(q['time']) * 1000:.0f} ms] {q['sql']}\n")
    finally:
        from django.db import connections

        connections.close_all()
        if pg:
            pg_admin(pg[0], f'DROP DATABASE IF EXISTS "{pg[1]}" WITH (FORCE)')
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
