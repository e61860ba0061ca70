"""Helpers for security tests that need settings chosen at start-up (a separate process)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Variables that switch production behaviour: removed so "embedded" means no environment at all.
PRODUCTION_VARIABLES = ("ATTEST_PRODUCTION", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "ATTEST_SECURE_COOKIES",
                        "ATTEST_BEHIND_TLS_PROXY", "ATTEST_HSTS_SECONDS", "ATTEST_HSTS_PRELOAD",
                        "ATTEST_HSTS_INCLUDE_SUBDOMAINS", "CSRF_TRUSTED_ORIGINS")


def production_env() -> dict:
    return {"ATTEST_PRODUCTION": "1", "SECRET_KEY": secrets.token_urlsafe(64), "DEBUG": "0",
            "ALLOWED_HOSTS": "attest.example.org", "CSRF_TRUSTED_ORIGINS": "https://attest.example.org"}


@pytest.fixture
def manage():
    """manage(*args, env={...}) → the finished ``manage.py`` process, run with only ``env`` on top of a clean environment."""

    def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        # The browser tests lift Django's async-safety check for their session (tests/e2e/conftest.py);
        # a deployment never sets it, and check --deploy rightly refuses it.
        clean = {k: v for k, v in os.environ.items()
                 if k not in PRODUCTION_VARIABLES and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **(env or {})},
                              capture_output=True, text=True, timeout=120)

    return _run


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """DRF's per-address rate limit on the token endpoint lives in the cache: start each test clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
