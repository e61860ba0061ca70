"""Pull collection against a local HTTP server: conditional GET, unchanged bodies, errors."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from attest.core.jobs import RetryableJobError, claim
from compliance.evidence import collect, services
from compliance.evidence.models import EvidenceItem, EvidenceSource
from tests.evidence.conftest import JUNIT

pytestmark = pytest.mark.django_db


class Server:
    def __init__(self):
        self.body, self.status, self.etag, self.requests = JUNIT, 200, '"v1"', []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(dict(self.headers))
                if outer.status != 200:
                    self.send_response(outer.status)
                    self.end_headers()
                    return
                if outer.etag and self.headers.get("If-None-Match") == outer.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                if outer.etag:
                    self.send_header("ETag", outer.etag)
                self.end_headers()
                self.wfile.write(outer.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/report.xml"


@pytest.fixture
def server():
    s = Server()
    yield s
    s.httpd.shutdown()


def run(source):
    job = services.request_collection(actor=None, source=source)
    return collect.collect(claim(job.pk))


def test_conditional_get_and_unchanged_bodies_make_no_new_item(world, server):
    source = services.save_source(actor=None, asset=world.model_a, name="CI", kind="test_report", url=server.url,
                                  auth_header="Authorization: Bearer t0ken")
    assert run(source)["outcome"] == "created"
    assert server.requests[0]["Authorization"] == "Bearer t0ken"
    assert run(EvidenceSource.objects.get(pk=source.pk))["outcome"] == "not modified"
    assert server.requests[1]["If-None-Match"] == '"v1"'
    server.etag = ""  # a server without validators: the body hash decides
    assert run(EvidenceSource.objects.get(pk=source.pk))["outcome"] == "unchanged"
    server.body = JUNIT.replace(b"bias", b"calibration")
    assert run(EvidenceSource.objects.get(pk=source.pk))["outcome"] == "created"
    assert EvidenceItem.objects.filter(source=f"pull:{source.pk}").count() == 2
    source.refresh_from_db()
    assert source.last_success_at and not source.last_error and source.next_run_at > source.last_success_at


def test_server_errors_are_retried_and_shown_on_the_source(world, server):
    source = services.save_source(actor=None, asset=world.model_a, name="CI", kind="test_report", url=server.url)
    server.status = 503
    with pytest.raises(RetryableJobError):
        run(source)
    source.refresh_from_db()
    assert "HTTP 503" in source.last_error and not EvidenceItem.objects.exists()


def test_bad_content_is_refused_and_explained(world, server):
    source = services.save_source(actor=None, asset=world.model_a, name="CI", kind="test_report", url=server.url)
    server.body = b"<!DOCTYPE x [<!ENTITY a 'b'>]><testsuite>&a;</testsuite>"
    with pytest.raises(Exception):
        run(source)
    source.refresh_from_db()
    assert "refused" in source.last_error and not EvidenceItem.objects.exists()


def test_collect_now_via_api_is_202_and_needs_change_rights(world, api, server, django_capture_on_commit_callbacks):
    source = services.save_source(actor=None, asset=world.model_a, name="CI", kind="test_report", url=server.url)
    assert api(world.viewer_a).post(f"/api/v1/evidence-sources/{source.pk}/collect/").status_code == 403
    assert api(world.member_b).post(f"/api/v1/evidence-sources/{source.pk}/collect/").status_code == 404
    response = api(world.owner_a).post(f"/api/v1/evidence-sources/{source.pk}/collect/")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    again = api(world.owner_a).post(f"/api/v1/evidence-sources/{source.pk}/collect/")
    assert again.json()["job"] == response.json()["job"]  # one waiting job per source


def test_due_sources_are_queued_once(world, server):
    from attest.core.models import Job
    from compliance.evidence.tasks import collect_due_sources

    services.save_source(actor=None, asset=world.model_a, name="CI", kind="test_report", url=server.url)
    assert collect_due_sources() == 1
    assert collect_due_sources() == 0  # next run pushed forward
    assert Job.objects.filter(kind="evidence.collect").count() == 1


def test_owners_are_told_once_when_evidence_goes_stale(world, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    world.model_a.owner = world.owner_a
    world.model_a.save()
    item = services.ingest_evidence(actor=None, asset=world.model_a, kind="document", title="Pen test", data=b"ok",
                                    valid_until=timezone.now() + timedelta(days=1)).item
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_stale_evidence() == 0
    EvidenceItem.objects.filter(pk=item.pk).update(stale_after=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_stale_evidence() == 1
        assert services.notify_stale_evidence() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.owner_a.email] and "Pen test" in mail.outbox[0].body


def test_redirects_are_refused(world, server):
    server.status = 302
    source = services.save_source(actor=None, asset=world.model_a, name="CI", kind="test_report", url=server.url)
    with pytest.raises(Exception):
        run(source)
    source.refresh_from_db()
    assert "302" in source.last_error and not EvidenceItem.objects.exists()


def test_private_networks_can_be_blocked(world, server, settings):
    settings.ATTEST_COLLECT_BLOCK_PRIVATE_NETWORKS = True
    source = services.save_source(actor=None, asset=world.model_a, name="CI", kind="test_report", url=server.url)
    with pytest.raises(ValueError):
        run(source)
    source.refresh_from_db()
    assert "internal address" in source.last_error and server.requests == []
