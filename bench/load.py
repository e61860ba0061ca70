"""Load: concurrent HTTP clients against the production shape, then a reconciliation of what was stored.

``--clients`` threads (default 50) talk plain HTTP/1.1 on loopback for ``--seconds`` (default 60) to
gunicorn (``--web-workers`` x ``--web-threads``, default 4 x 4) on a throwaway PostgreSQL database
(``<name>_bench``, dropped afterwards) and Redis (database ``--redis-db``, default 12, flushed before
and after) with 2 Celery workers. Each client has its own keep-alive connection and picks, at
random by weight:

* ``push``: one JSON push (base64 JUnit report) with an ``Idempotency-Key``;
* ``push-replay``: the same push again (same key, same bytes): must answer 200 with the first id;
* ``batch``: ``POST /api/v1/evidence/batch/`` with 10 items, each with its own ``idempotency_key``;
* ``assets-api``, ``assets-page``, ``evidence-api``: the asset list (API, and the HTML page with a
  session cookie) and an asset's evidence list;
* ``collect``: ``POST /api/v1/evidence-sources/{id}/collect/`` (a job the workers run against a
  local report server).

``--weights`` changes the mix (``--weights push=0,push-replay=0,batch=0,collect=0``: reads only).

It prints requests/s, p50 and p99 latency per kind, answers by status, and a reconciliation:
every push answered 201 or 200 maps to exactly one ``EvidenceItem`` (by user and idempotency key,
with the SHA-256 that was sent), no duplicates, every item's file present with its hash, no file
without a row, one audit event per item, the audit-log chain intact, and every collection job
finished.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/attest .venv/bin/python bench/load.py [--clients 50] [--seconds 60]

``tests/faults/`` reuses ``start_gunicorn``, ``stop_process`` and ``http_call``.
"""

import argparse
import base64
import hashlib
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

BASE_DIR = Path(__file__).resolve().parent.parent


# --- processes and HTTP, shared with tests/faults ----------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_call(base: str, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None,
              timeout: float = 30) -> tuple[int, dict, bytes]:
    """One request on a connection of its own: (status, headers, body); status 0 if no answer came."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except (OSError, http.client.HTTPException) as exc:
        return 0, {}, repr(exc).encode()
    finally:
        conn.close()


def start_gunicorn(env: dict, *, log_path: Path, workers: int = 2, threads: int = 4, config: str | None = None,
                   timeout: float = 60) -> tuple[subprocess.Popen, str]:
    """gunicorn serving ``attest.wsgi`` on a free loopback port; returns once ``/login/`` answers 200."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "attest.wsgi", "--workers", str(workers), "--threads", str(threads),
               "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "5", "--timeout", "60"]
    if config:
        command += ["--config", config]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, env=env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        if http_call(base, "GET", "/login/", timeout=5)[0] == 200:
            return proc, base
        time.sleep(0.2)
    stop_process(proc)
    raise RuntimeError(f"gunicorn not answering after {timeout:.0f} s:\n{log_path.read_text()[-3000:]}")


def stop_process(proc: subprocess.Popen, timeout: float = 20) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


# --- the load ------------------------------------------------------------------------------------------

WEIGHTS = {"push": 40, "push-replay": 5, "batch": 5, "assets-api": 15, "assets-page": 15, "evidence-api": 15,
           "collect": 5}
BATCH_ITEMS = 10


class Client(threading.Thread):
    """One user's keep-alive connection, issuing requests until ``deadline``."""

    def __init__(self, n: int, base: str, user: dict, assets: list[int], sources: list[int], deadline: float,
                 results: "Results", weights: dict[str, int] = WEIGHTS):
        super().__init__(daemon=True)
        self.weights = weights
        self.n, self.user, self.assets, self.sources, self.deadline = n, user, assets, sources, deadline
        self.results = results
        self.url = urlsplit(base)
        self.conn = None
        self.random = random.Random(n)
        self.counter = 0
        self.acked: list[tuple[str, dict]] = []  # (key, body) of this client's accepted pushes

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        for attempt in (1, 2):  # a keep-alive connection the server closed meanwhile: reconnect once
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                return response.status, response.read()
            except (OSError, http.client.HTTPException) as exc:
                self.conn.close()
                self.conn = None
                if attempt == 2 or body is not None and not isinstance(exc, http.client.RemoteDisconnected):
                    return 0, repr(exc).encode()
        return 0, b""

    def api(self, method: str, path: str, payload=None, headers: dict | None = None):
        all_headers = {"Authorization": f"Token {self.user['token']}", "Accept": "application/json"}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            all_headers["Content-Type"] = "application/json"
        return self.request(method, path, body, {**all_headers, **(headers or {})})

    def push_item(self) -> tuple[dict, str]:
        from bench.evidence_ingest import junit

        self.counter += 1
        data = junit(self.counter, f"load{self.n}x{uuid.uuid4().hex[:6]}")
        item = {"asset": self.random.choice(self.assets), "kind": "test_report", "title": f"Load report {self.counter}",
                "filename": f"load-{self.n}-{self.counter}.xml", "content_base64": base64.b64encode(data).decode()}
        return item, hashlib.sha256(data).hexdigest()

    def run(self):
        kinds, weights = list(self.weights), list(self.weights.values())
        while time.monotonic() < self.deadline:
            kind = self.random.choices(kinds, weights)[0]
            if kind == "push-replay" and not self.acked or kind == "collect" and not self.sources:
                continue
            start = time.perf_counter()
            status, body = self.one(kind)
            self.results.add(kind, status, time.perf_counter() - start)
        if self.conn is not None:
            self.conn.close()

    def warm_up(self):
        """One request of each kind, not timed: the first request in a gunicorn worker imports a lot."""
        for kind in WEIGHTS:
            if kind != "push-replay" and (kind != "collect" or self.sources):
                self.one(kind)

    def one(self, kind: str):
        if kind == "push":
            item, sha = self.push_item()
            key = uuid.uuid4().hex
            status, body = self.api("POST", "/api/v1/evidence/", item, {"Idempotency-Key": key})
            if status in (200, 201):
                self.acked.append((key, item))
                self.results.acknowledge(self.user["id"], key, sha, json.loads(body)["id"])
            return status, body
        if kind == "push-replay":
            key, item = self.random.choice(self.acked)
            status, body = self.api("POST", "/api/v1/evidence/", item, {"Idempotency-Key": key})
            if status in (200, 201):
                self.results.replayed(self.user["id"], key, json.loads(body)["id"], status)
            return status, body
        if kind == "batch":
            items, shas = [], []
            for _ in range(BATCH_ITEMS):
                item, sha = self.push_item()
                items.append({**item, "idempotency_key": uuid.uuid4().hex})
                shas.append(sha)
            status, body = self.api("POST", "/api/v1/evidence/batch/", {"items": items})
            if status == 200:
                for result in json.loads(body)["results"]:
                    if result["status"] in ("created", "existing"):
                        n = result["index"]
                        self.results.acknowledge(self.user["id"], items[n]["idempotency_key"], shas[n], result["id"])
                    else:
                        self.results.add("batch-item-rejected", result.get("code", 0), 0.0)
            return status, body
        if kind == "assets-api":
            return self.api("GET", "/api/v1/assets/")
        if kind == "assets-page":
            return self.request("GET", "/assets/", headers={"Cookie": f"sessionid={self.user['session']}"})
        if kind == "evidence-api":
            return self.api("GET", f"/api/v1/evidence/?asset={self.random.choice(self.assets)}")
        return self.api("POST", f"/api/v1/evidence-sources/{self.random.choice(self.sources)}/collect/")


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.statuses = defaultdict(Counter)
        self.acked: dict[tuple[int, str], tuple[str, int]] = {}  # (user id, key) -> (sha256, item id)
        self.replay_mismatch = 0
        self.replay_statuses = Counter()

    def add(self, kind: str, status: int, seconds: float):
        with self.lock:
            self.latency[kind].append(seconds)
            self.statuses[kind][status] += 1

    def acknowledge(self, user_id: int, key: str, sha256: str, item_id: int):
        with self.lock:
            self.acked[(user_id, key)] = (sha256, item_id)

    def replayed(self, user_id: int, key: str, item_id: int, status: int):
        with self.lock:
            self.replay_statuses[status] += 1
            if self.acked.get((user_id, key), (None, None))[1] != item_id:
                self.replay_mismatch += 1


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else 0.0


def setup_world(*, users: int, assets: int, sources: int, report_base: str | None):
    from django.test import Client as DjangoClient

    from attest.accounts.services import create_team, create_user, issue_token, set_team_member
    from compliance.evidence.services import save_source
    from inventory.services import create_asset

    team = create_team(actor=None, name="Load team")
    kinds = ["system", "model", "dataset", "infrastructure"]
    asset_rows = [create_asset(actor=None, data={"kind": kinds[n % 4], "name": f"Load asset {n:03d}", "team": team})
                  for n in range(assets)]
    people = []
    for n in range(users):
        user = create_user(actor=None, username=f"load-{n:02d}", password="load-password-123", role="member",
                           email=f"load-{n:02d}@example.org")
        set_team_member(actor=None, team=team, user=user, role="contributor")
        _, key = issue_token(actor=None, user=user, name="load")
        web = DjangoClient()
        web.force_login(user)
        people.append({"id": user.pk, "token": key, "session": web.cookies["sessionid"].value})
    source_ids = []
    if report_base:
        source_ids = [save_source(actor=None, asset=asset_rows[n % assets], name=f"Load source {n}", kind="test_report",
                                  url=f"{report_base}/r/{n}.xml", interval_minutes=60).pk for n in range(sources)]
    return people, [a.pk for a in asset_rows], source_ids


def wait_jobs(timeout: float) -> dict:
    """Until no collection job is queued or running; the sweeper re-enqueues any left queued."""
    from django.conf import settings

    from attest.core.models import Job
    from attest.core.tasks import requeue_stale_jobs

    deadline = time.monotonic() + timeout
    swept = 0
    while Job.objects.filter(status__in=["queued", "running"]).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
        if time.monotonic() > deadline - timeout / 2 and not swept:
            settings.ATTEST_JOB_STALE_AFTER_SECONDS = 0
            swept = requeue_stale_jobs()
    return {status: Job.objects.filter(status=status).count() for status in ("done", "failed", "queued", "running")} | \
        {"swept": swept}


def reconcile(results: Results, media_root: Path) -> list[tuple[str, object, bool]]:
    """(check, figure, ok) rows."""
    from django.core.management import CommandError, call_command

    from attest.auditlog.models import AuditEvent
    from compliance.evidence.models import EvidenceItem

    rows = list(EvidenceItem.objects.values_list("id", "created_by_id", "idempotency_key", "sha256", "file", "source"))
    by_key = defaultdict(list)
    for item_id, user_id, key, sha, _, _ in rows:
        if key:
            by_key[(user_id, key)].append((sha, item_id))
    missing = [k for k in results.acked if not by_key.get(k)]
    duplicated = [k for k, found in by_key.items() if len(found) > 1]
    wrong = [k for k, (sha, item_id) in results.acked.items() if by_key.get(k) and by_key[k][0] != (sha, item_id)]
    unanswered = [k for k in by_key if k not in results.acked]
    bad_files = [item_id for item_id, _, _, sha, name, _ in rows if file_sha256(media_root / name) != sha]
    referenced = {name for *_, name, _ in rows}
    on_disk = {str(p.relative_to(media_root)) for p in (media_root / "evidence").rglob("*") if p.is_file()}
    orphans = on_disk - referenced
    events = AuditEvent.objects.filter(object_type__icontains="evidence",
                                       action__in=["evidence.accepted", "evidence.verified", "evidence.failed"])
    event_ids = Counter(events.values_list("object_id", flat=True))
    no_event = [r[0] for r in rows if event_ids.get(str(r[0]), 0) != 1]
    try:
        with open(os.devnull, "w") as quiet:
            call_command("verify_audit_log", stdout=quiet)
        chain_ok = True
    except CommandError:
        chain_ok = False
    pushed = sum(1 for r in rows if r[5] == "api")
    return [
        ("pushes answered 201/200 (distinct keys)", len(results.acked), True),
        ("  ... with no stored item", len(missing), not missing),
        ("  ... stored under another id or SHA-256", len(wrong), not wrong),
        ("items sharing a user + idempotency key", len(duplicated), not duplicated),
        ("items stored by pushes that got no 201/200", len(unanswered), True),
        ("pushed items stored (source api)", pushed, pushed == len(results.acked) + len(unanswered)),
        ("replays answered 200 / 201", f"{results.replay_statuses[200]} / {results.replay_statuses[201]}",
         results.replay_statuses[201] == 0),
        ("replays answered with another item id", results.replay_mismatch, not results.replay_mismatch),
        ("items (all sources) whose file is missing or has another hash", len(bad_files), not bad_files),
        ("evidence files with no row", len(orphans), not orphans),
        ("items without exactly one evidence.* audit event", len(no_event), not no_event),
        ("audit-log hash chain (verify_audit_log)", "intact" if chain_ok else "BROKEN", chain_ok),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="duration of the load (default 60)")
    parser.add_argument("--users", type=int, default=10, help="users the clients share (default 10)")
    parser.add_argument("--assets", type=int, default=20, help="assets pushed to and listed (default 20)")
    parser.add_argument("--sources", type=int, default=20, help="pull sources for collect requests (default 20)")
    parser.add_argument("--web-workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument("--web-threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--celery-workers", type=int, default=2, help="Celery worker processes (default 2)")
    parser.add_argument("--weights", default="", metavar="KIND=N,…",
                        help=f"change the mix, e.g. push=0,batch=0 (default {','.join(f'{k}={v}' for k, v in WEIGHTS.items())})")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379", help="Redis server (default: the local one)")
    parser.add_argument("--redis-db", type=int, default=12, help="Redis database of the bench's own (default 12)")
    args = parser.parse_args()
    weights = dict(WEIGHTS)
    for pair in filter(None, args.weights.split(",")):
        kind, _, number = pair.partition("=")
        if kind not in WEIGHTS or not number.isdigit():
            parser.error(f"--weights: '{pair}' is not KIND=N with KIND one of {', '.join(WEIGHTS)}")
        weights[kind] = int(number)
    if not any(weights.values()):
        parser.error("--weights: at least one kind needs a weight above 0")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL=postgres://…: the load runs against PostgreSQL (its own <name>_bench database).")
    os.environ["CELERY_BROKER_URL"] = broker = f"{args.redis.rstrip('/')}/{args.redis_db}"
    os.environ["ATTEST_COLLECT_BLOCK_PRIVATE_NETWORKS"] = "0"  # the report server is on 127.0.0.1
    import redis

    redis_client = redis.Redis.from_url(broker)
    redis_client.flushdb()

    from bench.throwaway import throwaway_django

    with throwaway_django():
        from django.conf import settings
        from django.core.management import call_command

        from bench.evidence_ingest import ReportServer, start_workers, stop_workers, wait_ready

        call_command("migrate", verbosity=0)
        data_dir = Path(settings.DATA_DIR)
        reports = ReportServer(args.sources)
        procs, web = [], None
        try:
            people, assets, sources = setup_world(users=args.users, assets=args.assets, sources=args.sources,
                                                  report_base=reports.base)
            for n in range(args.celery_workers):  # one after the other, as bench/evidence_ingest.py does
                procs += start_workers(1, "celery", str(data_dir), first=n)
                wait_ready(procs, timeout=60)
            env = {**os.environ, "LOG_LEVEL": "WARNING"}
            web, base = start_gunicorn(env, log_path=data_dir / "gunicorn.log", workers=args.web_workers,
                                       threads=args.web_threads)
            print(f"PostgreSQL {settings.DATABASES['default']['NAME']}, Redis {broker}, gunicorn {args.web_workers} "
                  f"workers x {args.web_threads} threads, {args.celery_workers} Celery workers (prefork x1), "
                  f"{args.clients} clients x {args.seconds:g} s, {os.cpu_count()} CPUs")
            print("mix: " + ", ".join(f"{k} {v}" for k, v in weights.items() if v))
            results = Results()
            warmers = [Client(-1 - n, base, people[n % len(people)], assets, sources, 0, results)
                       for n in range(2 * args.web_workers * args.web_threads)]
            threads = [threading.Thread(target=c.warm_up) for c in warmers]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            deadline = time.monotonic() + args.seconds
            clients = [Client(n, base, people[n % len(people)], assets, sources, deadline, results, weights)
                       for n in range(args.clients)]
            started = time.perf_counter()
            for client in clients:
                client.start()
            for client in clients:
                client.join()
            wall = time.perf_counter() - started
            jobs = wait_jobs(timeout=120)

            print()
            print(f"{'kind':<14} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}  answers")
            total = 0
            for kind in [*WEIGHTS, "batch-item-rejected"]:
                lat = results.latency.get(kind)
                if not lat:
                    continue
                answers = ", ".join(f"{s}: {c}" for s, c in sorted(results.statuses[kind].items()))
                if kind == "batch-item-rejected":
                    print(f"{kind:<14} {len(lat):>8} {'':>7} {'':>8} {'':>8}  codes {answers}")
                    continue
                total += len(lat)
                print(f"{kind:<14} {len(lat):>8} {len(lat) / wall:>7.1f} {percentile(lat, 0.5) * 1000:>8.0f} "
                      f"{percentile(lat, 0.99) * 1000:>8.0f}  {answers}")
            errors = Counter()
            for kind, counter in results.statuses.items():
                for status, count in counter.items():
                    if kind != "batch-item-rejected" and status not in (200, 201, 202):
                        errors[status] += count
            print(f"{'all':<14} {total:>8} {total / wall:>7.1f}   wall {wall:.1f} s; errors by status: "
                  f"{dict(errors) or 'none'}")
            print(f"collection jobs: {jobs['done']} done, {jobs['failed']} failed, {jobs['queued']} queued, "
                  f"{jobs['running']} running after the load ({jobs['swept']} re-enqueued by the sweeper); "
                  f"{reports.requests} report requests")
            print()
            print("reconciliation")
            failed = False
            for check, figure, ok in reconcile(results, Path(settings.MEDIA_ROOT)):
                failed |= not ok
                print(f"  {'ok ' if ok else 'BAD'} {check:<62} {figure}")
            if failed or errors or jobs["failed"] or jobs["queued"] or jobs["running"]:
                print("\nFAILED: see the rows marked BAD, the errors or the unfinished jobs above")
                sys.exit(1)
        finally:
            if web is not None:
                stop_process(web)
            stop_workers(procs)
            reports.close()
            redis_client.flushdb()
            redis_client.close()


if __name__ == "__main__":
    main()
