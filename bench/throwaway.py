"""A throwaway Django environment for a benchmark: its own data folder, and on PostgreSQL its own
``<name>_bench`` database, both removed afterwards."""

import os
import shutil
import tempfile
from contextlib import contextmanager


@contextmanager
def throwaway_django():
    from bench.inventory_list import bench_database_url, pg_admin

    data_dir = tempfile.mkdtemp(prefix="attest-bench-")
    os.environ.update(ATTEST_DATA_DIR=data_dir, ATTEST_FAST_PASSWORD_HASHER="1", LOG_LEVEL="WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "attest.settings")
    pg = bench_database_url() if os.environ.get("DATABASE_URL") else None
    if pg:
        pg_admin(pg[0], f'DROP DATABASE IF EXISTS "{pg[1]}"')
        pg_admin(pg[0], f'CREATE DATABASE "{pg[1]}"')
    try:
        import django

        django.setup()
        yield
    finally:
        if pg:
            from django.db import connections

            connections.close_all()
            pg_admin(pg[0], f'DROP DATABASE IF EXISTS "{pg[1]}" WITH (FORCE)')
        shutil.rmtree(data_dir, ignore_errors=True)
