from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from attest.accounts.models import User
from attest.core.models import Job
from compliance import services as compliance
from compliance.evidence import services as evidence
from compliance.models import Control
from compliance.seed import load_catalogs
from reports import services
from reports.build import build_pack
from reports.models import AuditPack
from risk.seed import load_threats

JUNIT = b"""<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="model-tests" tests="2" failures="0" errors="0" skipped="0" time="0.5">
<testcase classname="tests.test_model" name="test_accuracy" time="0.1"/>
<testcase classname="tests.test_model" name="test_bias" time="0.2"/>
</testsuite></testsuites>"""


@pytest.fixture
def demo(db):
    """The demo data of `make run`: catalogs, threats, teams, assets, evidence, risks, an engagement."""
    with open("/dev/null", "w") as quiet:
        call_command("attest_seed", stdout=quiet)
        call_command("attest_demo", stdout=quiet)
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def pworld(world):
    """The two-team world with catalogs, and evidence on model_a: one collected three days ago and
    one today, each on an implemented control. The assets were registered ten days ago."""
    from inventory.models import Asset

    Asset.objects.update(created_at=timezone.now() - timedelta(days=10))
    load_catalogs(log=lambda *_: None)
    load_threats(log=lambda *_: None)
    controls = list(Control.objects.order_by("code")[:2])
    old_impl = compliance.set_implementation(actor=None, asset=world.model_a, control=controls[0], status="implemented")
    new_impl = compliance.set_implementation(actor=None, asset=world.model_a, control=controls[1], status="implemented")
    world.old_evidence = evidence.ingest_evidence(
        actor=None, asset=world.model_a, kind="test_report", title="Release tests", data=JUNIT, filename="junit.xml",
        control_implementation=old_impl, collected_at=timezone.now() - timedelta(days=3)).item
    world.new_evidence = evidence.ingest_evidence(
        actor=None, asset=world.model_a, kind="document", title="Model review notes", data=b"reviewed and approved\n",
        filename="review.txt", control_implementation=new_impl).item
    return world


def build_now(pack: AuditPack) -> AuditPack:
    """Run the build in this process (the worker path is covered by the worker tests)."""
    build_pack(Job.objects.get(pk=pack.job_id))
    pack.refresh_from_db()
    return pack


def request_and_build(*, actor, **scope) -> AuditPack:
    return build_now(services.request_pack(actor=actor, **scope))
