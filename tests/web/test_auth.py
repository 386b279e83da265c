"""Signing in and out, CSRF, and sessions."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from connections.accounts import User
from connections.store import Store
from tests.web.conftest import PASSWORD, make_app, sign_in, text_of


def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient) -> None:
    for path in ("/", "/young-people/yp-1", "/cohort", "/admin/users"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/sign-in"), path


def test_sign_in_page(client: FlaskClient) -> None:
    response = client.get("/sign-in")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="en-GB"' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert "Skip to main content" in html
    assert "Lifelong Connections" in html
    assert "govuk-phase-banner" in html


def test_sign_in_success(client: FlaskClient, add_user: Callable[..., User]) -> None:
    add_user("sam.jones", "coordinator")
    response = client.post("/sign-in", data={"username": "Sam.Jones ", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert "Signed in as Sam.Jones" in page.get_data(as_text=True)


def test_sign_in_failure_is_generic(client: FlaskClient, add_user: Callable[..., User]) -> None:
    add_user("sam.jones", "coordinator")
    for username, password in (("sam.jones", "wrong password"), ("nobody", PASSWORD)):
        response = client.post("/sign-in", data={"username": username, "password": password})
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert "<title>Error: Sign in" in html
        assert "govuk-error-summary" in html
        assert 'href="#username"' in html
        assert "Enter a correct username and password" in html
    assert client.get("/").status_code == 302  # still signed out


def test_sign_in_with_empty_fields_names_each(client: FlaskClient) -> None:
    response = client.post("/sign-in", data={"username": "", "password": ""})
    text = text_of(response.get_data(as_text=True))
    assert "Enter your username" in text
    assert "Enter your password" in text


def test_deactivated_user_cannot_sign_in_and_is_signed_out(
    client: FlaskClient, add_user: Callable[..., User], store: Store
) -> None:
    user = add_user("sam.jones", "coordinator")
    sign_in(client, "sam.jones")
    store.update_user(user.model_copy(update={"active": False}))
    assert client.get("/").status_code == 302  # the session no longer signs them in
    response = client.post("/sign-in", data={"username": "sam.jones", "password": PASSWORD})
    assert "Enter a correct username and password" in response.get_data(as_text=True)


def test_sign_in_follows_next_only_within_the_site(
    client: FlaskClient, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    for target, expected in (
        ("/cohort", "/cohort"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
    ):
        response = client.post(
            "/sign-in",
            query_string={"next": target},
            data={"username": "sam.jones", "password": PASSWORD},
        )
        assert response.headers["Location"] == expected, target
        client.post("/sign-out")


def test_sign_out_is_post_only(client: FlaskClient, add_user: Callable[..., User]) -> None:
    add_user("sam.jones", "coordinator")
    sign_in(client, "sam.jones")
    assert client.get("/sign-out").status_code == 405
    assert client.get("/").status_code == 200
    response = client.post("/sign-out")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/").status_code == 302
    assert "You have signed out" in client.get("/sign-in").get_data(as_text=True)


def test_session_is_regenerated_on_sign_in(
    client: FlaskClient, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(client, "sam.jones")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == "sam.jones"
        assert session.permanent


def test_session_cookie_settings(
    app: Flask, client: FlaskClient, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    response = client.post("/sign-in", data={"username": "sam.jones", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    production = make_app(None, TESTING=False)
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_csrf_rejects_a_form_without_its_token(store: Store, add_user: Callable[..., User]) -> None:
    add_user("sam.jones", "coordinator")
    client = make_app(store, WTF_CSRF_ENABLED=True).test_client()
    response = client.post("/sign-in", data={"username": "sam.jones", "password": PASSWORD})
    assert response.status_code == 400
    assert "Your form could not be sent" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # not signed in

    # With the token from the form, the same request signs in.
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token is not None
    response = client.post(
        "/sign-in",
        data={"username": "sam.jones", "password": PASSWORD, "csrf_token": token.group(1)},
    )
    assert response.status_code == 302
    # Signing out needs the token too.
    assert client.post("/sign-out").status_code == 400
    assert client.get("/").status_code == 200
