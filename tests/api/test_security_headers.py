"""What a browser may do with our answers: the security headers, and templates that need no
inline script or style (so that the pages' Content-Security-Policy can forbid them)."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import api
from api.security_headers import page_policy, tile_source

TEMPLATES = Path(api.__file__).parent / "templates"


@pytest.mark.parametrize(
    "url",
    ["/", "/?postcode=1030", "/lines", "/access-points/cpas-schaerbeek", "/access-points/x-y-z"],
)
def test_pages_have_a_strict_policy(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' https://tile.openstreetmap.org"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    "url", ["/v1/themes", "/v1/access-points/cpas-schaerbeek", "/v1/export/access-points.csv"]
)
def test_every_answer_is_not_sniffed_and_keeps_its_referrer(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "content-security-policy" not in response.headers


def test_the_api_docs_keep_their_scripts_but_cannot_be_framed(client: TestClient) -> None:
    # FastAPI's docs load Swagger UI from a CDN with an inline script: no script policy.
    response = client.get("/docs")
    assert response.headers["content-security-policy"] == "frame-ancestors 'none'"


@pytest.mark.parametrize(
    ("template", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
        ("https://tiles.{s}.example.org/{z}/{x}/{y}.png", "https:"),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("", None),
        ("javascript:alert(1)", None),
    ],
)
def test_the_tile_server_is_allowed_for_images(template: str, source: str | None) -> None:
    assert tile_source(template) == source
    images = next(d for d in page_policy(template).split("; ") if d.startswith("img-src"))
    assert images == " ".join(["img-src 'self'", *([source] if source else [])])


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_script_or_style(path: Path) -> None:
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert "<style" not in html, "inline <style>"
    assert not re.search(r"\sstyle\s*=", html), "style attribute"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert "javascript:" not in html.lower()
