"""Signing in and out, CSRF, sessions, the lockout and the per-address limit on failed sign-ins,
and changing your own password."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections import accounts
from connections.accounts import User
from connections.store import Store
from tests.web.conftest import PASSWORD, Clock, make_app, sign_in, text_of
from webapp.config import ConfigError, config_from_env
from webapp.db import close_store


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
        # Only a reference to the server-side session: not even the username.
        assert "sam" not in session["_user_id"] and len(session["_user_id"]) >= 43
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


# --- the lockout after too many wrong passwords for one username ---------------------------------


@pytest.fixture
def clocked(store: Store, clock: Clock) -> Iterator[FlaskClient]:
    app = make_app(store, CLOCK=clock)
    yield app.test_client()
    close_store(app)


def attempt(client: FlaskClient, username: str, password: str) -> tuple[int, str]:
    response = client.post("/sign-in", data={"username": username, "password": password})
    return response.status_code, response.get_data(as_text=True)


LOCKED = "There have been too many attempts to sign in with this username"


def test_lockout_after_five_wrong_passwords(
    clocked: FlaskClient, clock: Clock, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    for _ in range(4):
        status, html = attempt(clocked, "sam.jones", "wrong password")
        assert status == 200
        assert "Enter a correct username and password" in html
        assert LOCKED not in html
    status, html = attempt(clocked, "sam.jones", "wrong password")
    text = text_of(html)
    assert LOCKED in text
    assert "Try again in 15 minutes" in text
    assert "<title>Error: Sign in" in html
    assert "govuk-error-summary" in html and 'href="#username"' in html

    # The right password is refused while locked, with the same message.
    clock.now += timedelta(minutes=10)
    status, html = attempt(clocked, "sam.jones", PASSWORD)
    assert status == 200
    assert "Try again in 5 minutes" in text_of(html)
    assert clocked.get("/").status_code == 302  # still signed out

    # When the lock ends, the right password signs in.
    clock.now += timedelta(minutes=5)
    status, _ = attempt(clocked, "sam.jones", PASSWORD)
    assert status == 302
    assert clocked.get("/").status_code == 200


def test_an_unknown_username_is_indistinguishable(
    clocked: FlaskClient, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")

    def answers(username: str) -> list[tuple[int, str]]:
        pages = [attempt(clocked, username, "wrong password") for _ in range(6)]
        pages.append(attempt(clocked, username, PASSWORD))
        # The page shows the username typed back in its field; nothing else may differ.
        return [(status, html.replace(username, "USERNAME")) for status, html in pages]

    def messages(pages: list[tuple[int, str]]) -> list[tuple[int, str]]:
        return [
            (status, text_of(html).split("There is a problem")[1].split("Username")[0])
            for status, html in pages
        ]

    known, unknown = answers("sam.jones"), answers("nobody.here")
    assert known == unknown  # the whole page, not only the message
    assert [status for status, _ in known] == [200] * 7
    assert LOCKED in messages(known)[4][1] and LOCKED in messages(known)[6][1]
    assert LOCKED not in messages(known)[3][1]


def test_a_successful_sign_in_resets_the_count(
    clocked: FlaskClient, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    for _ in range(4):
        attempt(clocked, "sam.jones", "wrong password")
    sign_in(clocked, "sam.jones")
    clocked.post("/sign-out")
    for _ in range(4):
        _, html = attempt(clocked, "sam.jones", "wrong password")
        assert LOCKED not in html
    sign_in(clocked, "sam.jones")


def test_lockout_settings_come_from_the_config(
    store: Store, clock: Clock, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    app = make_app(store, CLOCK=clock, SIGN_IN_MAX_FAILURES=2, SIGN_IN_LOCKOUT_MINUTES=1)
    client = app.test_client()
    attempt(client, "sam.jones", "wrong password")
    _, html = attempt(client, "sam.jones", "wrong password")
    assert "Try again in 1 minute." in text_of(html)
    clock.now += timedelta(minutes=1)
    sign_in(client, "sam.jones")
    close_store(app)


# --- the limit per address (Flask-Limiter) ----------------------------------------------------


@pytest.fixture
def limited(store: Store) -> Iterator[FlaskClient]:
    app = make_app(store, RATELIMIT_ENABLED=True, SIGN_IN_RATE_LIMIT="3 per minute")
    yield app.test_client()
    close_store(app)


def test_too_many_failed_sign_ins_from_one_address_get_a_429_page(
    limited: FlaskClient, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    for username in ("a.one", "b.two", "c.three"):
        assert attempt(limited, username, "wrong password")[0] == 200
    response = limited.post("/sign-in", data={"username": "sam.jones", "password": PASSWORD})
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert '<html lang="en-GB"' in html
    assert "<title>Too many attempts to sign in" in html
    assert "too many failed attempts to sign in from your network address" in text_of(html)
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert limited.get("/").status_code == 302  # not signed in
    # The page itself is still there; another address is not limited.
    assert limited.get("/sign-in").status_code == 200
    other = limited.post(
        "/sign-in",
        data={"username": "sam.jones", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert other.status_code == 302


def test_successful_sign_ins_do_not_count_towards_the_limit(
    limited: FlaskClient, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    for _ in range(6):
        sign_in(limited, "sam.jones")
        limited.post("/sign-out")


def test_the_limit_is_off_in_tests_unless_asked_for(
    client: FlaskClient, add_user: Callable[..., User]
) -> None:
    for _ in range(25):
        assert attempt(client, "nobody.here", "wrong password")[0] == 200


def test_sign_in_settings_are_checked_at_start_up(store: Store) -> None:
    production = config_from_env({})
    assert production["SIGN_IN_RATE_LIMIT"] == "20 per minute"
    assert production["RATELIMIT_ENABLED"] is True
    assert production["RATELIMIT_STORAGE_URI"] == "memory://"
    assert production["SIGN_IN_MAX_FAILURES"] == 5
    with pytest.raises(ConfigError, match="SIGN_IN_RATE_LIMIT is 'lots'"):
        make_app(store, SIGN_IN_RATE_LIMIT="lots")
    with pytest.raises(ConfigError, match="SIGN_IN_MAX_FAILURES is 'five'"):
        config_from_env({"SIGN_IN_MAX_FAILURES": "five"})
    with pytest.raises(ConfigError, match="SIGN_IN_LOCKOUT_MINUTES is '-1'"):
        config_from_env({"SIGN_IN_LOCKOUT_MINUTES": "-1"})


# --- changing your own password ------------------------------------------------------------------

NEW = "a brand new long password"


def test_change_password_needs_sign_in(client: FlaskClient) -> None:
    response = client.get("/account/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_change_password(client: FlaskClient, add_user: Callable[..., User], store: Store) -> None:
    add_user("sam.jones", "coordinator")
    sign_in(client, "sam.jones")
    home = client.get("/").get_data(as_text=True)
    assert 'href="/account/password">Change your password</a>' in home
    page = client.get("/account/password").get_data(as_text=True)
    assert "<title>Change your password" in page
    assert 'autocomplete="current-password"' in page and 'autocomplete="new-password"' in page

    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW, "confirm_password": NEW},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Your password has been changed" in client.get("/").get_data(as_text=True)
    client.post("/sign-out")
    assert "Enter a correct username and password" in attempt(client, "sam.jones", PASSWORD)[1]
    sign_in(client, "sam.jones", NEW)


def test_a_new_password_signs_out_every_other_session(
    client: FlaskClient, add_user: Callable[..., User], store: Store
) -> None:
    add_user("sam.jones", "coordinator")
    other = client.application.test_client()  # another browser
    sign_in(client, "sam.jones")
    sign_in(other, "sam.jones")
    assert other.get("/").status_code == 200
    client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW, "confirm_password": NEW},
    )
    assert client.get("/").status_code == 200  # the browser that changed it stays signed in
    assert other.get("/").headers["Location"].startswith("/sign-in")

    # The command line (or an administrator's reset) does the same to every session.
    store.set_password("sam.jones", accounts.hash_password(PASSWORD), must_change=False)
    assert client.get("/").headers["Location"].startswith("/sign-in")


def test_a_session_cookie_naming_no_session_is_refused(
    client: FlaskClient, add_user: Callable[..., User], store: Store
) -> None:
    add_user("sam.jones", "coordinator")
    sign_in(client, "sam.jones")
    with client.session_transaction() as session:
        session["_user_id"] = accounts.new_session_id()  # signed with the key, but no session
    assert client.get("/").headers["Location"].startswith("/sign-in")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"current_password": "wrong password", "password": NEW, "confirm_password": NEW},
            "current_password",
            "Your current password is not correct",
        ),
        (
            {"current_password": PASSWORD, "password": NEW, "confirm_password": NEW + "!"},
            "confirm_password",
            "The passwords do not match",
        ),
        (
            {"current_password": PASSWORD, "password": "short", "confirm_password": "short"},
            "password",
            "Password must be 12 characters or more",
        ),
        (
            {"current_password": PASSWORD, "password": PASSWORD, "confirm_password": PASSWORD},
            "password",
            "Your new password must be different from your current password",
        ),
        ({}, "current_password", "Enter your current password"),
        ({"current_password": PASSWORD}, "password", "Enter a new password"),
        (
            {"current_password": PASSWORD, "password": NEW},
            "confirm_password",
            "Enter the new password again",
        ),
    ],
)
def test_change_password_errors_name_the_field(
    client: FlaskClient,
    add_user: Callable[..., User],
    store: Store,
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    add_user("sam.jones", "coordinator")
    sign_in(client, "sam.jones")
    response = client.post("/account/password", data=data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Error: Change your password" in html
    assert f'href="#{field}"' in html
    assert message in text_of(html)
    assert accounts.verify_password(store.password_hash("sam.jones"), PASSWORD)


def test_change_password_form_needs_its_csrf_token(
    store: Store, add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator")
    app = make_app(store, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token is not None
    client.post(
        "/sign-in",
        data={"username": "sam.jones", "password": PASSWORD, "csrf_token": token.group(1)},
    )
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW, "confirm_password": NEW},
    )
    assert response.status_code == 400
    assert accounts.verify_password(store.password_hash("sam.jones"), PASSWORD)
    close_store(app)
