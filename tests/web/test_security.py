"""Security headers, a CSP-clean page template, error pages, and the 503 while Neo4j is down."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Callable, Iterator

import flask_login
import pytest
from flask.testing import FlaskClient

from connections import accounts
from connections.accounts import User
from connections.store import Settings, Store
from tests.bolt_proxy import BoltProxy
from tests.web.conftest import coverage_network, make_app
from webapp import templating
from webapp.db import close_store
from webapp.security import CONTENT_SECURITY_POLICY

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)


def assert_secure_headers(response, path: str) -> None:  # type: ignore[no-untyped-def]
    headers = response.headers
    assert headers["Content-Security-Policy"] == EXPECTED_CSP, path
    assert headers["X-Content-Type-Options"] == "nosniff", path
    assert headers["X-Frame-Options"] == "DENY", path
    assert headers["Referrer-Policy"] == "same-origin", path


def inline_scripts(html: str) -> list[str]:
    """Script elements that would need 'unsafe-inline': neither src= nor a JSON data block."""
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and 'type="application/json"' not in tag
    ]


def test_policy_is_the_agreed_one() -> None:
    assert CONTENT_SECURITY_POLICY == EXPECTED_CSP
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_every_page_has_security_headers_and_no_inline_script(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    store.save_networks([coverage_network("yp-1", "Alice", 3)])
    client = signed_in("admin", allocated=("yp-1",))
    pages = [
        "/",
        "/young-people/yp-1",
        "/cohort",
        "/admin/users",
        "/admin/users/new",
        "/admin/users/test-admin",
        "/admin/young-people/yp-1/audit",
        "/no-such-page",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert_secure_headers(response, path)
        assert response.headers["Cache-Control"] == "no-store", path
        html = response.get_data(as_text=True)
        assert inline_scripts(html) == [], path
        assert ' style="' not in html, path  # the CSP forbids inline styles too
        addresses = re.sub(r'xmlns(:\w+)?="[^"]*"', "", html)  # SVG namespaces load nothing
        assert "http://" not in addresses and "https://" not in addresses, path  # no CDN
    client.post("/sign-out")
    response = client.get("/sign-in")
    assert_secure_headers(response, "/sign-in")
    assert inline_scripts(response.get_data(as_text=True)) == []


def test_static_files_have_security_headers(client: FlaskClient) -> None:
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert_secure_headers(response, "/static/css/app.css")
    assert (
        "Cache-Control" not in response.headers
        or "no-store" not in response.headers["Cache-Control"]
    )


def test_page_template_body_class_comes_from_a_static_file(client: FlaskClient) -> None:
    html = client.get("/sign-in").get_data(as_text=True)
    assert '<script src="/static/js/govuk-body.js"></script>' in html
    assert "document.body.className" not in html
    assert '<script type="module" src="/static/js/govuk-init.js"></script>' in html


def test_template_patch_fails_loudly_when_govuk_changes() -> None:
    with pytest.raises(templating.TemplateChanged):
        templating.without_inline_script("<body><script>somethingElse()</script></body>")


@pytest.mark.parametrize(
    ("method", "path", "status", "heading"),
    [
        ("get", "/no-such-page", 404, "Page not found"),
        ("get", "/sign-out", 405, "Sorry, there is a problem with your request"),
    ],
)
def test_error_pages_are_govuk_pages(
    client: FlaskClient, method: str, path: str, status: int, heading: str
) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert heading in html
    assert "govuk-template" in html
    assert_secure_headers(response, path)
    if status == 405:
        assert response.headers["Allow"]


def test_internal_errors_show_the_500_page(store: Store) -> None:
    app = make_app(store, PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.get_data(as_text=True)
    assert_secure_headers(response, "/boom")


def test_production_needs_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from webapp.config import ConfigError

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        make_app(None, TESTING=False, SECRET_KEY=None)


# --- Neo4j unreachable ---------------------------------------------------------------------------


def signed_in_session(client: FlaskClient, session_id: str) -> None:
    """Give the client the session cookie of a signed-in user (the id of their server-side
    session, as webapp.auth.sessions makes it), without the app's database."""
    with client.application.test_request_context(environ_base=client.environ_base):
        identifier = flask_login.utils._create_identifier()  # as for the client's requests
    with client.session_transaction() as session:
        session.update({"_user_id": session_id, "_fresh": True, "_id": identifier})


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_503_when_neo4j_is_unreachable_answered_within_seconds() -> None:
    app = make_app(None, NEO4J_SETTINGS=Settings(uri=f"bolt://127.0.0.1:{closed_port()}"))
    client = app.test_client()
    signed_in_session(client, "a-session-id")

    started = time.monotonic()
    response = client.get("/")
    first = time.monotonic() - started
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "Sorry, the service is unavailable" in response.get_data(as_text=True)
    assert_secure_headers(response, "/")
    assert first < 12  # the driver's retries (connections.store.connect) take most of it

    # While it is known to be down, every page answers at once.
    for path in ("/", "/young-people/yp-1", "/cohort", "/sign-in"):
        started = time.monotonic()
        response = client.get(path)
        assert response.status_code == 503, path
        assert time.monotonic() - started < 1, path
    # Static files still load, so the 503 page keeps its styles.
    assert client.get("/static/css/app.css").status_code == 200
    close_store(app)


def test_503_on_sign_in_when_neo4j_is_unreachable() -> None:
    app = make_app(None, NEO4J_SETTINGS=Settings(uri=f"bolt://127.0.0.1:{closed_port()}"))
    response = app.test_client().post(
        "/sign-in", data={"username": "sam", "password": "a long password"}
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    close_store(app)


@pytest.fixture
def proxy(neo4j_settings: Settings) -> Iterator[BoltProxy]:
    target = int(neo4j_settings.uri.rsplit(":", 1)[1])
    proxy = BoltProxy(target)
    yield proxy
    proxy.stop()


def test_recovers_by_itself_when_neo4j_is_back(
    store: Store, proxy: BoltProxy, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    app = make_app(
        None,
        NEO4J_SETTINGS=Settings(uri=f"bolt://127.0.0.1:{proxy.port}"),
        DATABASE_RETRY_SECONDS=0.5,
    )
    client = app.test_client()
    session_id = accounts.start_session(store, "sam.jones")
    assert session_id is not None
    signed_in_session(client, session_id)

    assert client.get("/").status_code == 503  # the database is down
    proxy.start()  # ... and back
    time.sleep(0.6)
    assert client.get("/").status_code == 200  # no restart needed
    proxy.stop()  # down again, with connections open in the pool
    response = client.get("/")
    assert response.status_code == 503
    proxy.start()
    time.sleep(0.6)
    assert client.get("/").status_code == 200
    close_store(app)


def test_api_blueprints_skip_csrf_only_for_bearer_tokens(store: Store) -> None:
    from flask import Blueprint

    from webapp.security import csrf, csrf_unless_bearer_token

    api = Blueprint("api_example", __name__)
    api.before_request(csrf_unless_bearer_token)

    @api.route("/api-example", methods=["GET", "POST"])
    def example() -> str:
        return "ok"

    csrf.exempt(api)
    app = make_app(store, WTF_CSRF_ENABLED=True)
    app.register_blueprint(api)
    client = app.test_client()
    assert client.get("/api-example").status_code == 200
    assert client.post("/api-example").status_code == 400  # a session request needs the token
    response = client.post("/api-example", headers={"Authorization": "Bearer abc"})
    assert response.status_code == 200
