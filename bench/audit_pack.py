"""Time to build an audit pack of about 200 pages, next to WeasyPrint rendering its HTML alone.

In a throwaway database: the real catalogs and threat library, the demo data, and copies of the
demo systems (each with its model, dataset and evidence) until the pack reaches the target page
count. Then, in one run and on the same data:

  * the full build, as the worker runs it: read the scope as of today, lay out the HTML, render
    the PDF, pack and sign the ZIP, record the pack;
  * WeasyPrint rendering the very HTML that build produced, alone: the floor no build can beat.

The ratio full / render-only is the cost of everything that is not typesetting (goal: ≤ 1.3).

    .venv/bin/python bench/audit_pack.py [--pages 200] [--frameworks eu-ai-act,gdpr]

SQLite in a temporary directory by default; with ``DATABASE_URL`` set it uses (and drops) its own
``<name>_bench`` PostgreSQL database.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.throwaway import throwaway_django  # noqa: E402


def add_copies(n: int, start: int) -> None:
    """n more credit-scoring style systems, each with a model, a dataset, controls and evidence."""
    from compliance import services as compliance
    from compliance.evidence import services as evidence
    from compliance.selectors import asset_checklist
    from attest.accounts.models import Team
    from inventory.services import create_asset, create_relation

    team = Team.objects.order_by("pk").first()
    for i in range(start, start + n):
        system = create_asset(actor=None, data={
            "kind": "system", "name": f"Scoring service {i}", "team": team, "exposure": "public",
            "automated_decisions": True, "intended_purpose": "Scores loan applications",
            "affected_persons": "Retail loan applicants"})
        model = create_asset(actor=None, data={"kind": "model", "name": f"scoring-model-{i}", "team": team,
                                               "model_type": "classifier", "framework": "xgboost", "version": "1.0"})
        data = create_asset(actor=None, data={"kind": "dataset", "name": f"applications-{i}", "team": team,
                                              "contains_personal_data": True, "legal_basis": "contract"})
        create_relation(actor=None, source=model, type="part_of", target=system)
        create_relation(actor=None, source=model, type="trained_on", target=data)
        for row in asset_checklist(asset=system)[:6]:
            impl = compliance.set_implementation(actor=None, asset=system, control=row["control"], status="implemented")
            evidence.ingest_evidence(actor=None, asset=system, kind="document", title=f"Control record {row['control'].code}",
                                     data=f"{system.name}: {row['control'].code} in place\n".encode(),
                                     filename=f"{row['control'].code}.txt", control_implementation=impl)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--frameworks", default="eu-ai-act,gdpr")
    args = parser.parse_args()
    with throwaway_django():
        run(args)


def run(args):
    from django.core.management import call_command
    from django.db import connection

    from attest.accounts.models import User
    from attest.core.models import Job
    from inventory.models import Asset
    from reports import services
    from reports.build import build_pack, prepare
    from reports.pdf import render_pdf

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0)
        call_command("attest_seed", stdout=quiet)
        call_command("attest_demo", stdout=quiet)
    grace = User.objects.get(username="grace")
    frameworks = [f for f in args.frameworks.split(",") if f]

    def build():
        pack = services.request_pack(actor=grace, asset_ids=list(Asset.objects.values_list("pk", flat=True)),
                                     framework_slugs=frameworks, title="Benchmark pack")
        start = time.perf_counter()
        build_pack(Job.objects.get(pk=pack.job_id))
        pack.refresh_from_db()
        return pack, time.perf_counter() - start

    # Grow the inventory until the pack reaches the target length.
    copies = 0
    pack, _ = build()
    while pack.page_count < args.pages:
        per_page = max(pack.page_count / max(Asset.objects.count(), 1), 0.1)
        more = max(1, int((args.pages - pack.page_count) / per_page / 3))
        add_copies(more, copies)
        copies += more
        pack, _ = build()

    pack, full = build()
    _, html, _ = prepare(pack, lambda *a: None)
    start = time.perf_counter()
    _, pages = render_pdf(html)
    render_only = time.perf_counter() - start
    print(f"{connection.vendor}: {Asset.objects.count()} assets, {len(pack.manifest['files'])} files in the ZIP, "
          f"frameworks {', '.join(frameworks) or 'all'}")
    print(f"pack: {pack.page_count} pages, ZIP {pack.zip_size / 1024:.0f} KiB")
    print(f"full build (read, lay out, render, zip, sign, record)  {full:7.2f} s")
    print(f"WeasyPrint rendering the same HTML alone ({pages} pages)   {render_only:7.2f} s")
    ratio = full / render_only
    print(f"ratio full / render-only                                {ratio:7.2f}  "
          f"(goal ≤ 1.3: {'met' if ratio <= 1.3 else 'NOT met'})")
    print("sections render in one WeasyPrint pass on one worker (no parallel split), so there is no 1 vs 2 worker speedup to report")


if __name__ == "__main__":
    main()
