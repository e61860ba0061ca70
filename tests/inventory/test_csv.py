import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from attest.auditlog.models import AuditEvent
from attest.core.models import Job
from inventory import services
from inventory.models import Asset
from tests.conftest import wait_for
from tests.generic import ViewTestCases, once

HEADER = "kind,name,team,owner,criticality,model_type,contains_personal_data,exposure\n"


def upload(client, text: str | bytes, name="assets.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post("/assets/import/", {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def draft(world, text):
    return services.upload_import(actor=world.owner_a, text=text, filename="assets.csv")


class TestImportJobUI(ViewTestCases.DetailView):
    model = Job
    reader = "owner_a"

    def obj(self, world):
        return once(world, "job", lambda: draft(world, HEADER + "model,m1,Team A,,high,llm,,\n"))

    def detail_url(self, obj):
        return f"/assets/import/{obj.pk}/"

    def detail_marker(self, obj):
        return obj.payload["filename"]


@pytest.mark.django_db
class TestImportPreview:
    def test_rows_with_errors_are_listed_and_nothing_is_saved(self, world, web):
        client = web(world.owner_a)
        text = HEADER + (
            "model,good-model,Team A,olivia,high,llm,,\n"
            "spaceship,bad-kind,Team A,,high,,,\n"
            "model,wrong-team,Team B,,high,llm,,\n"
            "dataset,bad-bool,Team A,,low,,perhaps,\n"
            "model,wrong-field,Team A,,low,llm,,public\n"
            "model,good-model,Team A,,high,llm,,\n"
        )
        before = Asset.objects.count()
        response = upload(client, text)
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "5 of 6 row(s) have errors" in page
        assert "Unknown kind" in page
        assert "No team named &#x27;Team B&#x27;" in page
        assert "&#x27;perhaps&#x27; is not true or false" in page
        assert "does not apply to a model asset" in page
        assert "appears twice" in page
        # Confirming anyway is refused and saves nothing.
        job = Job.objects.get()
        client.post(f"/assets/import/{job.pk}/")
        job.refresh_from_db()
        assert job.status == "draft"
        assert Asset.objects.count() == before

    @pytest.mark.parametrize("content, message", [
        (b"kind,name,team\n\xff\xfe,x,y\n", "not UTF-8"),
        ("kind,name\nmodel,x\n", "Missing column(s): team"),
        ("kind,name,team,colour\nmodel,x,Team A,red\n", "Unknown column(s): colour"),
        ("kind,name,team\n", "no rows"),
        ("", "The submitted file is empty"),
    ])
    def test_unreadable_files_get_a_clear_400_and_no_job(self, world, web, content, message):
        response = upload(web(world.owner_a), content)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not Job.objects.exists()

    def test_oversize_file_is_refused(self, world, web, settings):
        settings.ATTEST_IMPORT_MAX_BYTES = 100
        response = upload(web(world.owner_a), HEADER + "model,m,Team A,,high,llm,,\n" * 10)
        assert response.status_code == 400 and "the limit is 100" in response.content.decode()
        assert not Job.objects.exists()

    def test_other_users_cannot_see_or_confirm_an_import(self, world, web):
        job = draft(world, HEADER + "model,m1,Team A,,high,llm,,\n")
        assert web(world.member_b).get(f"/assets/import/{job.pk}/").status_code == 404
        assert web(world.member_b).post(f"/assets/import/{job.pk}/").status_code == 404
        job.refresh_from_db()
        assert job.status == "draft"

    def test_viewer_cannot_import_into_team(self, world, web):
        response = upload(web(world.viewer_a), HEADER + "model,m1,Team A,,high,llm,,\n")
        page = web(world.viewer_a).get(response["Location"]).content.decode()
        assert "No team named &#x27;Team A&#x27; that you can register assets in" in page


@pytest.mark.django_db
def test_import_handler_creates_all_rows_with_audit_events(world):
    from attest.core.tasks import run_job

    job = draft(world, HEADER + "model,m1,Team A,olivia,high,llm,,\ndataset,d1,Team A,,low,,true,\n")
    services.confirm_import(actor=world.owner_a, job=job)
    run_job.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done" and job.result["created"] == 2
    d1 = Asset.objects.get(name="d1")
    assert d1.contains_personal_data is True
    assert AuditEvent.objects.filter(action="asset.created", asset_id=d1.pk).exists()
    # A redelivered task is a no-op.
    run_job.apply(args=[job.pk])
    assert Asset.objects.filter(name__in=["m1", "d1"]).count() == 2


@pytest.mark.django_db
def test_import_that_became_invalid_fails_whole_and_says_why(world):
    from attest.core.tasks import run_job

    job = draft(world, HEADER + "model,m1,Team A,,high,llm,,\nmodel,m2,Team A,,high,llm,,\n")
    services.confirm_import(actor=world.owner_a, job=job)
    services.create_asset(actor=world.owner_a, data={"kind": "model", "name": "m2", "team": world.team_a})
    run_job.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == "failed" and "Nothing was imported" in job.error
    assert not Asset.objects.filter(name="m1").exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_confirmed_import_runs_on_a_real_worker(world, web, celery_worker):
    client = web(world.owner_a)
    response = upload(client, HEADER + "model,w1,Team A,,high,llm,,\nsystem,w2,Team A,,low,,,public\n")
    job = Job.objects.get()
    assert client.post(response["Location"]).status_code == 302
    wait_for(lambda: Job.objects.get(pk=job.pk).finished, what="the import job")
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert set(Asset.objects.filter(team=world.team_a, name__in=["w1", "w2"]).values_list("name", flat=True)) == {"w1", "w2"}
    status = client.get(f"/assets/import/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Imported 2 asset(s)" in status


@pytest.mark.django_db
class TestExport:
    def rows(self, response):
        return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    def test_export_follows_filters_and_scope(self, world, web):
        rows = self.rows(web(world.owner_a).get("/assets/", {"export": "csv", "kind": "model"}))
        assert [r["name"] for r in rows] == ["alpha-model"]
        rows = self.rows(web(world.member_b).get("/assets/", {"export": "csv"}))
        assert [r["name"] for r in rows] == ["Bravo assistant"]
        rows = self.rows(web(world.member_b).get("/api/v1/assets/export/", {"q": "alpha"}))
        assert rows == []

    def test_export_reimports_cleanly(self, world, web):
        rows = self.rows(web(world.owner_a).get("/assets/", {"export": "csv"}))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "name": row["name"] + " copy"})
        from inventory.csv_io import parse_assets_csv

        parsed = parse_assets_csv(actor=world.owner_a, text=out.getvalue())
        assert all(r.ok for r in parsed), [r.errors for r in parsed]
        assert len(parsed) == 2


def test_confirming_a_draft_without_rows_says_why_instead_of_failing(world, web):
    from attest.core.models import Job

    job = services.upload_import(actor=world.owner_a, text="kind,name,team\n", filename="empty.csv")
    response = web(world.owner_a).post(f"/assets/import/{job.pk}/", follow=True)
    assert response.status_code == 200
    assert Job.objects.get(pk=job.pk).status == "draft"
    assert any("row" in str(m).lower() or "empty" in str(m).lower() for m in response.context["messages"])


def test_http_delete_on_the_delete_page_is_405_not_a_crash(world, web):
    response = web(world.owner_a).delete(f"/assets/{world.asset_a.pk}/delete/")
    assert response.status_code == 405
    assert Asset.objects.filter(pk=world.asset_a.pk).exists()
