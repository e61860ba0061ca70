"""Production settings pass Django's deployment checks; the embedded default still serves plain http."""

from tests.security.conftest import production_env

# Asks the running settings for one plain-http GET of the login page as 127.0.0.1 would see it.
PROBE = """
from django.test import Client
r = Client().get('/login/', HTTP_HOST='127.0.0.1')
print(r.status_code, r.get('Location', '-'), r.get('Strict-Transport-Security', '-'),
      bool(r.cookies['csrftoken']['secure']) if 'csrftoken' in r.cookies else '-')
r = Client().get('/login/', HTTP_HOST='attest.example.org', secure=True)
print(r.status_code, r.get('Strict-Transport-Security', '-'))
"""


def test_production_configuration_passes_check_deploy_without_warnings(manage):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in (result.stdout + result.stderr).upper()
    assert "no issues" in result.stdout


def test_production_needs_a_secret_key(manage):
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0 and "needs SECRET_KEY" in result.stderr


def test_production_redirects_http_and_sends_hsts(manage):
    result = manage("shell", "--no-imports", "-c", PROBE, env={**production_env(), "ALLOWED_HOSTS": "127.0.0.1,attest.example.org"})
    assert result.returncode == 0, result.stderr
    http, https = result.stdout.split("\n")[:2]
    assert http.startswith("301 https://127.0.0.1/login/")
    assert https == "200 max-age=31536000; includeSubDomains; preload"


def test_embedded_default_serves_plain_http_on_localhost(manage):
    result = manage("shell", "--no-imports", "-c", PROBE)
    assert result.returncode == 0, result.stderr
    http = result.stdout.split("\n")[0]
    assert http == "200 - - False"  # no redirect, no HSTS, cookies usable over http
