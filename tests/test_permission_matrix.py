"""Permission matrix: every route × every role × in-scope / out-of-scope object.

The expected outcomes live in ``tests/permission_matrix.csv``. The test walks the URL conf,
issues each route's GET and each write it accepts (API: POST, PATCH, DELETE, and PUT when there
is no PATCH; UI: POST) as every role, on a team-A object, a team-B object, a catalog object or
no object, and compares the status with the table. Writes carry the valid body given in
tests/matrix_objects.py (BODIES) or an empty one. It fails, listing every difference, when an
outcome changed, when a route has no rows (a new route), when the table names a route that no
longer exists, and when an outcome breaks a rule of DESIGN.md whatever the table says
(``rule_breaks``: regenerating cannot bake a leak into the table).

Regenerate the table after adding or changing routes, then review the diff:

    ATTEST_WRITE_PERMISSION_MATRIX=1 pytest tests/test_permission_matrix.py

Each request runs inside a savepoint that is rolled back, so every request sees the same world.
"""

import csv
import io
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from tests import matrix_objects

TABLE = Path(__file__).with_name("permission_matrix.csv")
WRITE_ENV = "ATTEST_WRITE_PERMISSION_MATRIX"
COLUMNS = ["route", "path", "method", "role", "scope", "expected"]
ROLES = ["anonymous", "admin", "governance", "auditor", "owner_a", "viewer_a", "member_b", "integration"]

# Routes left out of the matrix, each with its reason (also written at the top of the table).
# Keyed by path prefix.
SKIPPED = {
    "django-admin/": "Django's own admin site, for superusers only, guarded by Django (is_staff)",
    "api/schema/": "the generated OpenAPI document: public by design, holds no data",
    "api/docs/": "the Swagger UI page over the public schema: holds no data",
}
# Function views accept any method; these are the ones that handle a write.
FUNCTION_VIEW_WRITES = {"user_list": ["POST"], "account": ["POST"]}
WRITES = ("POST", "PATCH", "DELETE", "PUT")

# Roles for which a scope's objects are out of scope: DESIGN.md wants 404 there.
OUT_OF_SCOPE = {"team_b": {"owner_a", "viewer_a", "auditor", "integration"}, "team_a": {"member_b"}}
# Routes anonymous users may reach (the rule "anonymous → login / 401" does not apply), with the reason.
PUBLIC_ROUTES = {
    "login": "the login page itself",
    "logout": "signing out needs no session",
    "api:auth-token": "exchanges a username and password for a token",
    "oidc_authentication_init": "single sign-on login flow (404 while OIDC is not configured)",
    "oidc_authentication_callback": "single sign-on login flow (404 while OIDC is not configured)",
}


def _params(pattern) -> set[str]:
    return set(pattern.pattern.regex.groupindex) - {"format"}


def _methods(callback, name: str, api: bool) -> list[str]:
    """GET, then the writes the route handles: for the browser UI, forms only POST."""
    if hasattr(callback, "actions"):  # DRF viewset
        accepted = {m.upper() for m in callback.actions}
    else:
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if view is None:
            accepted = set(FUNCTION_VIEW_WRITES.get(name, []))
        elif api:
            accepted = {m.upper() for m in ("post", "put", "patch", "delete") if hasattr(view, m)}
        else:
            # Browser forms only POST; Django views also have hooks named like verbs (ObjectDeleteView.delete).
            accepted = {"POST"} if hasattr(view, "post") else set()
    if "PATCH" in accepted:
        accepted.discard("PUT")
    return ["GET"] + [m for m in WRITES if m in accepted]


def routes() -> list[dict]:
    """Every named route of the URL conf, once (DRF's format-suffix twins share their route's name)."""
    found: dict[str, dict] = {}

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry, prefix + str(entry.pattern), ns)
                continue
            assert isinstance(entry, URLPattern)
            path = prefix + str(entry.pattern)
            name = ":".join(filter(None, [namespace, entry.name])) if entry.name else path
            if name in found or path.startswith(tuple(SKIPPED)):
                continue
            api = path.startswith("api/")
            found[name] = {"name": name, "path": path, "params": _params(entry), "api": api,
                           "named": bool(entry.name), "methods": _methods(entry.callback, entry.name, api)}

    walk(get_resolver(), "", "")
    return list(found.values())


def _outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        return f"{response.status_code} login" if settings.LOGIN_URL in response["Location"] else f"{response.status_code}"
    return str(response.status_code)


def _clients(world) -> dict[str, APIClient]:
    clients = {}
    for role in ROLES:
        client = APIClient()
        client.raise_request_exception = False
        if role != "anonymous":
            client.force_login(getattr(world, role))
        clients[role] = client
    return clients


def _request(client: APIClient, method: str, url: str, api: bool, data: dict) -> str:
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    cache.clear()
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif api:
            response = client.generic(method, url, json.dumps(data), content_type="application/json")
        else:
            response = getattr(client, method.lower())(url, data)
        transaction.set_rollback(True)
    client.cookies.clear()
    for key, value in cookies.items():
        client.cookies[key] = value
    if response.status_code >= 500 and response.exc_info:
        SERVER_ERRORS[(method, url)] = f"{response.exc_info[0].__name__}: {response.exc_info[1]}"[:300]
    return _outcome(response)


SERVER_ERRORS: dict[tuple[str, str], str] = {}  # (method, url) → exception, for the failure report


def requests_for(route: dict, bags: dict) -> list[tuple[str, str, str, dict]]:
    """(method, scope, url, body) of each request the matrix makes on ``route``."""
    name, path, params = route["name"], route["path"], route["params"]
    out = []
    for scope in matrix_objects.scopes_for(name, path, params):
        bag = bags.get(scope)
        url = reverse(name, kwargs=matrix_objects.url_kwargs(name, path, params, bag)) if params else \
            (reverse(name) if route["named"] else "/" + path)
        for method in route["methods"]:
            if method != "GET" and name in matrix_objects.SCOPED_BODIES:
                # A create whose body names the objects: once with team A's, once with team B's.
                out += [(method, s, url, matrix_objects.body(name, bags[s])) for s in matrix_objects.SCOPES]
            else:
                out.append((method, scope, url, {} if method == "GET" else matrix_objects.body(name, bag)))
    return out


def observe(world) -> list[dict]:
    bags = matrix_objects.build(world)
    clients = _clients(world)
    rows = []
    for route in sorted(routes(), key=lambda r: r["name"]):
        for method, scope, url, data in requests_for(route, bags):
            for role in ROLES:
                rows.append({"route": route["name"], "path": route["path"], "method": method, "role": role,
                             "scope": scope, "expected": _request(clients[role], method, url, route["api"], data),
                             "api": route["api"], "url": url})
    return rows


def rule_breaks(rows: list[dict]) -> list[str]:
    """Outcomes DESIGN.md forbids whatever the table says.

    Anonymous: 302 to the login page (UI) or 401 (API), except on PUBLIC_ROUTES. Out of scope:
    404, or the same 403 the role gets on its own in-scope object (a refusal for the whole role,
    such as members on the audit log, tells nothing about the object); a create whose body names
    an out-of-scope object may also be a 400 (the answer for an object that does not exist).
    Never a server error.
    """
    status_of = {_key(row): row["expected"] for row in rows}
    problems = []
    for row in rows:
        key = _key(row)
        status = row["expected"]
        if status.startswith("5"):
            problems.append(f"{key}: server error {status} "
                            f"({SERVER_ERRORS.get((row['method'], row.get('url')), 'no exception recorded')})")
        elif status == "405":
            continue
        elif row["role"] == "anonymous":
            wanted = "401" if row["api"] else "302 login"
            if status != wanted and row["route"] not in PUBLIC_ROUTES:
                problems.append(f"{key}: anonymous got {status}, DESIGN wants {wanted}")
        elif row["role"] in OUT_OF_SCOPE.get(row["scope"], ()) and status != "404":
            if row["route"] in matrix_objects.SCOPED_BODIES and status == "400":
                continue  # a create naming an invisible object: refused as if it did not exist
            own_scope = "team_a" if row["scope"] == "team_b" else "team_b"
            if not (status == "403" and status_of.get((*key[:3], own_scope)) == "403"):
                problems.append(f"{key}: out-of-scope object gave {status}, DESIGN wants 404")
    return problems


def _key(row) -> tuple:
    return row["route"], row["method"], row["role"], row["scope"]


def write_table(rows: list[dict]) -> None:
    out = io.StringIO()
    out.write("# Permission matrix: expected status of every route x method x role x scope.\n"
              "# Checked by tests/test_permission_matrix.py; regenerate with\n"
              f"#   {WRITE_ENV}=1 pytest tests/test_permission_matrix.py\n"
              "# then review the diff.\n"
              "# scope: the object in the URL, or for a create the objects its body names (tests/matrix_objects.py):\n"
              "#   team_a: in scope for owner_a, viewer_a, auditor, integration; out of scope for member_b\n"
              "#   team_b: in scope for member_b; out of scope for owner_a, viewer_a, auditor, integration\n"
              "#   (admin and governance see both); global: catalog data; -: no object.\n"
              "# expected: HTTP status; '302 login' is a redirect to the login page.\n"
              "# Routes left out:\n")
    for prefix, reason in SKIPPED.items():
        out.write(f"#   {prefix}: {reason}\n")
    writer = csv.DictWriter(out, COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    TABLE.write_text(out.getvalue())


def read_table() -> list[dict]:
    if not TABLE.exists():
        return []
    lines = [line for line in TABLE.read_text().splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def compare(expected_rows: list[dict], observed_rows: list[dict]) -> list[str]:
    expected = {_key(r): r["expected"] for r in expected_rows}
    observed = {_key(r): r["expected"] for r in observed_rows}
    known_routes = {r["route"] for r in expected_rows}
    live_routes = {r["route"] for r in observed_rows}
    problems = [f"route {name} has no rows in {TABLE.name} (a new route: regenerate and review)"
                for name in sorted(live_routes - known_routes)]
    problems += [f"{TABLE.name} has rows for {name}, which is no longer in the URL conf"
                 for name in sorted(known_routes - live_routes)]
    for key in sorted(set(expected) | set(observed)):
        if key[0] not in known_routes or key[0] not in live_routes:
            continue
        if key not in expected:
            problems.append(f"{key}: observed {observed[key]}, no row in the table")
        elif key not in observed:
            problems.append(f"{key}: table expects {expected[key]}, no longer requested")
        elif expected[key] != observed[key]:
            problems.append(f"{key}: expected {expected[key]}, got {observed[key]}")
    return problems


@pytest.mark.django_db
def test_permission_matrix(world):
    observed = observe(world)
    if os.environ.get(WRITE_ENV):
        write_table(observed)
    problems = compare(read_table(), observed)
    breaks = rule_breaks(observed)
    report = []
    if problems:
        report.append(f"{len(problems)} difference(s) from {TABLE.name} (route, method, role, scope):")
        report += [f"  {p}" for p in problems]
    if breaks:
        report.append(f"{len(breaks)} outcome(s) breaking DESIGN.md's access rules (fix the view; for a public "
                      "route, add it to PUBLIC_ROUTES with its reason):")
        report += [f"  {b}" for b in breaks]
    assert not report, "\n".join(report)
