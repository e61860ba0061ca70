"""Every response carries the security headers; no served page has an inline script."""

import re

import pytest
from rest_framework.renderers import BrowsableAPIRenderer

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)


def is_browsable_api(response) -> bool:
    return isinstance(getattr(response, "accepted_renderer", None), BrowsableAPIRenderer)


def pages(world) -> list[str]:
    return ["/", "/assets/", f"/assets/{world.asset_a.pk}/", f"/assets/{world.model_a.pk}/", "/compliance/",
            "/compliance/controls/", "/risks/", "/risks/threats/", "/audit-packs/", "/teams/", "/account/",
            "/audit-log/", "/users/", "/api/docs/", "/api/v1/assets/"]


def assert_security_headers(response):
    directives = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
    # Only DRF's browsable API (a third-party template with style="" attributes) may use inline styles.
    assert directives["style-src"] == ("'self' 'unsafe-inline'" if is_browsable_api(response) else "'self'")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_login_page_and_error_pages_carry_the_headers(client):
    assert_security_headers(client.get("/login/"))
    assert_security_headers(client.get("/no-such-page/"))
    assert_security_headers(client.get("/api/v1/assets/"))  # 401 JSON


@pytest.mark.parametrize("who", ["admin", "governance", "owner_a", "viewer_a", "auditor", "member_b"])
def test_pages_have_headers_and_no_inline_script_or_style(world, web, who):
    client = web(getattr(world, who))
    for url in pages(world):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        assert_security_headers(response)
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), f"{url} has an inline <script> as {who}"
        if not is_browsable_api(response):
            assert not INLINE_STYLE.search(html), f"{url} has inline style as {who}"


def test_swagger_ui_initialiser_is_a_script_file(client, world, web):
    page = web(world.owner_a).get("/api/docs/").content.decode()
    sources = re.findall(r'<script src="([^"]+)"', page)
    initialiser = [src for src in sources if "script=" in src]
    assert initialiser, sources
    response = web(world.owner_a).get(initialiser[0].replace("&amp;", "&"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()


def test_model_card_page_has_no_inline_script(world, web):
    response = web(world.owner_a).get(f"/api/v1/assets/{world.model_a.pk}/model-card/?format=html")
    assert response.status_code == 200
    assert_security_headers(response)
    assert not INLINE_SCRIPT.search(response.content.decode())
