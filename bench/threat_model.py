"""Time to regenerate the threat model of a system with 50 components.

Builds, in a throwaway database, a public system with 50 model components (half LLMs,
half classifiers), each trained on one of 10 datasets (some with personal data) and
deployed on one of 5 infrastructure assets; loads the real control library and threat
catalog; then times ``regenerate_threat_model`` on the system: the first run (which
creates every threat and risk) and repeated runs over an unchanged inventory.

    .venv/bin/python bench/threat_model.py [--runs 10]

SQLite in a temporary directory by default; with ``DATABASE_URL`` set it uses (and drops)
its own ``<name>_bench`` PostgreSQL database. Goal: under one second.
"""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.throwaway import throwaway_django  # noqa: E402

COMPONENTS = 50


def build():
    from attest.accounts.services import create_team
    from inventory.services import create_asset, create_relation

    team = create_team(actor=None, name="Bench")
    system = create_asset(actor=None, data={"kind": "system", "name": "Platform", "team": team, "exposure": "public"})
    datasets = [create_asset(actor=None, data={"kind": "dataset", "name": f"data-{i}", "team": team,
                                               "contains_personal_data": i % 2 == 0}) for i in range(10)]
    hosts = [create_asset(actor=None, data={"kind": "infrastructure", "name": f"host-{i}", "team": team,
                                            "network_exposure": "public" if i == 0 else "internal",
                                            "encrypted_at_rest": i != 0}) for i in range(5)]
    for i in range(COMPONENTS):
        model = create_asset(actor=None, data={"kind": "model", "name": f"component-{i}", "team": team,
                                               "model_type": "llm" if i % 2 else "classifier",
                                               "third_party": i % 7 == 0})
        create_relation(actor=None, source=model, type="part_of", target=system)
        create_relation(actor=None, source=model, type="trained_on", target=datasets[i % 10])
        create_relation(actor=None, source=model, type="deployed_on", target=hosts[i % 5])
    return system


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with throwaway_django():
        run(args)


def run(args):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from attest.core import registry
    from compliance.seed import load_catalogs
    from risk.models import AssetThreat, Risk
    from risk.seed import load_threats
    from risk.services import regenerate_threat_model

    call_command("migrate", verbosity=0)
    load_catalogs(log=lambda *_: None)
    load_threats(log=lambda *_: None)
    hooks = list(registry.asset_change_hooks)
    registry.asset_change_hooks.clear()  # build the inventory without regenerating on every write
    system = build()
    registry.asset_change_hooks.extend(hooks)

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as first_queries:
        first = regenerate_threat_model(actor=None, asset=system)
    first_ms = (time.perf_counter() - start) * 1000
    repeat = []
    for _ in range(args.runs):
        start = time.perf_counter()
        regenerate_threat_model(actor=None, asset=system)
        repeat.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as repeat_queries:
        regenerate_threat_model(actor=None, asset=system)
    print(f"{connection.vendor}: system with {COMPONENTS} components, {len(first.assets)} assets regenerated, "
          f"{AssetThreat.objects.count()} threats, {Risk.objects.count()} risks")
    print(f"first regeneration (creates threats and risks)  {first_ms:8.1f} ms  "
          f"{len(first_queries.captured_queries)} queries")
    print(f"repeat regeneration, median of {args.runs}          {statistics.median(repeat):8.1f} ms  "
          f"{len(repeat_queries.captured_queries)} queries  (max {max(repeat):.1f} ms)")
    print(f"goal: under 1000 ms -> {'met' if max([first_ms, *repeat]) < 1000 else 'NOT met'}")


if __name__ == "__main__":
    main()
