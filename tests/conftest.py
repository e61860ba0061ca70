"""Fixtures: a two-team world built through the real services, and clients for each kind of user."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from attest.accounts import services as accounts
from attest.accounts.models import Team, User
from inventory import services as inventory
from inventory.models import Asset

PASSWORD = "correct-horse-42"


def make_user(username: str, role: str = "member", teams: dict | None = None) -> User:
    user = accounts.create_user(actor=None, username=username, password=PASSWORD, role=role,
                                email=f"{username}@example.org")
    for team, team_role in (teams or {}).items():
        accounts.set_team_member(actor=None, team=team, user=user, role=team_role)
    return user


def make_asset(team: Team, name: str, kind: str = "system", **fields) -> Asset:
    return inventory.create_asset(actor=None, data={"kind": kind, "name": name, "team": team, **fields})


@dataclass
class World:
    team_a: Team
    team_b: Team
    owner_a: User
    contributor_a: User
    viewer_a: User
    member_b: User
    admin: User
    governance: User
    auditor: User
    auditor_b: User
    integration: User
    asset_a: Asset
    model_a: Asset
    asset_b: Asset


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    """The world itself, for fixtures of a wider scope that manage their own transaction."""
    team_a = accounts.create_team(actor=None, name="Team A")
    team_b = accounts.create_team(actor=None, name="Team B")
    admin = make_user("root", role="admin")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    asset_a = make_asset(team_a, "Alpha screening", exposure="public")
    model_a = make_asset(team_a, "alpha-model", kind="model", model_type="classifier")
    asset_b = make_asset(team_b, "Bravo assistant")
    auditor = make_user("audrey", role="auditor")
    integration = make_user("ci-bot", role="integration")
    inventory.grant_asset_access(actor=None, asset=asset_a, user=auditor, permission="view_asset")
    inventory.grant_asset_access(actor=None, asset=model_a, user=integration, permission="add_evidence")
    return World(
        team_a=team_a, team_b=team_b,
        owner_a=make_user("olivia", teams={team_a: "owner"}),
        contributor_a=make_user("carl", teams={team_a: "contributor"}),
        viewer_a=make_user("vic", teams={team_a: "viewer"}),
        member_b=make_user("bob", teams={team_b: "owner"}),
        admin=admin,
        governance=make_user("grace", role="governance"),
        auditor=auditor,
        auditor_b=make_user("otto", role="auditor"),
        integration=integration,
        asset_a=asset_a, model_a=model_a, asset_b=asset_b,
    )


@pytest.fixture
def api():
    """api(user) → an APIClient logged in as ``user`` (None: anonymous)."""

    def _client(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return _client


@pytest.fixture
def web():
    """web(user) → a Django test client logged in as ``user`` (None: anonymous)."""
    from django.test import Client

    def _client(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return _client


def start_worker(queue: str, name: str):
    """A solo Celery worker process on the test database and ``queue``; returns (process, log path)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from django.conf import settings as django_settings
    from django.db import connection

    db = connection.settings_dict
    env = os.environ.copy()
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{db['NAME']}"
    else:
        host = db.get("HOST") or "127.0.0.1"
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"
    env["ATTEST_COLLECT_BLOCK_PRIVATE_NETWORKS"] = "0"  # test HTTP servers listen on 127.0.0.1
    log_path = Path(django_settings.DATA_DIR) / f"test-worker-{name}.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "attest", "worker", "--pool", "solo", "--loglevel", "INFO",
             "-n", f"{name}-{queue}@%h", "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat"],
            env=env, cwd=django_settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT,
        )
    return proc, log_path


def stop_worker(proc) -> None:
    import subprocess

    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker process on the configured broker, using the test database."""
    import uuid

    from attest.celery import app

    # A queue of this session's own: runs sharing a broker never take each other's tasks.
    queue = f"test-{uuid.uuid4().hex[:8]}"
    app.conf.task_default_queue = queue
    proc, _ = start_worker(queue, "session")
    yield proc
    app.conf.task_default_queue = "celery"
    stop_worker(proc)


def wait_for(predicate, *, timeout: float = 60.0, interval: float = 0.2, what: str = "condition"):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
