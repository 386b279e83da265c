"""Server-side sessions: a copy of the session cookie taken before sign-out, a password change or
a deactivation is refused afterwards; the idle timeout and the absolute limit come from the
settings; the "remember me" cookie is never set, and a forged one is checked like a session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_login.utils import encode_cookie

from connections.accounts import User
from connections.store import Store
from tests.web.conftest import PASSWORD, Clock, make_app, sign_in
from webapp.db import close_store

COOKIE = "lc_session"
NEW = "a brand new long password"


def copy_of(client: FlaskClient) -> FlaskClient:
    """Another browser holding a copy of ``client``'s session cookie, as a thief would."""
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    thief = client.application.test_client()
    thief.set_cookie(COOKIE, cookie.value)
    return thief


def signed_out(client: FlaskClient) -> bool:
    response = client.get("/")
    return response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


@pytest.fixture
def sam(client: FlaskClient, add_user: Callable[..., User]) -> FlaskClient:
    add_user("sam.jones", "coordinator")
    sign_in(client, "sam.jones")
    return client


def test_a_copied_cookie_is_refused_after_sign_out(sam: FlaskClient, store: Store) -> None:
    copy = copy_of(sam)
    assert copy.get("/").status_code == 200  # the copy works while the session lives
    assert sam.post("/sign-out").status_code == 302
    assert signed_out(copy)
    assert signed_out(sam)
    assert store.count_sessions("sam.jones") == 0
    # Replaying it on a page that changes something is refused too.
    response = copy.post("/account/password", data={"current_password": PASSWORD})
    assert response.headers["Location"].startswith("/sign-in")


def test_signing_out_ends_only_that_browser(
    sam: FlaskClient, client: FlaskClient, store: Store
) -> None:
    other = client.application.test_client()
    sign_in(other, "sam.jones")
    sam.post("/sign-out")
    assert other.get("/").status_code == 200
    assert store.count_sessions("sam.jones") == 1


def test_a_copied_cookie_is_refused_after_a_password_change(sam: FlaskClient, store: Store) -> None:
    copy = copy_of(sam)
    response = sam.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW, "confirm_password": NEW},
    )
    assert response.status_code == 302
    assert sam.get("/").status_code == 200  # the browser that changed it carries on ...
    assert signed_out(copy)  # ... in a fresh session: the old one is gone
    assert store.count_sessions("sam.jones") == 1
    assert copy_of(sam).get("/").status_code == 200


def admin_client(app: Flask, add_user: Callable[..., User]) -> FlaskClient:
    add_user("the-admin", "admin")
    admin = app.test_client()
    sign_in(admin, "the-admin")
    return admin


def test_a_copied_cookie_is_refused_after_an_admin_resets_the_password(
    sam: FlaskClient, app: Flask, add_user: Callable[..., User], store: Store
) -> None:
    copy = copy_of(sam)
    admin = admin_client(app, add_user)
    assert admin.post("/admin/users/sam.jones/password").status_code == 200
    assert signed_out(copy)
    assert signed_out(sam)
    assert store.count_sessions("sam.jones") == 0


def test_a_copied_cookie_is_refused_after_an_admin_disables_the_user(
    sam: FlaskClient, app: Flask, add_user: Callable[..., User], store: Store
) -> None:
    copy = copy_of(sam)
    admin = admin_client(app, add_user)
    assert admin.post("/admin/users/sam.jones/active", data={"active": "0"}).status_code == 302
    assert signed_out(copy)
    assert store.count_sessions("sam.jones") == 0
    # Enabled again, the user signs in afresh; the old cookie stays dead.
    admin.post("/admin/users/sam.jones/active", data={"active": "1"})
    assert signed_out(copy)
    sign_in(copy, "sam.jones")


def test_no_remember_me_cookie_is_set(client: FlaskClient, add_user: Callable[..., User]) -> None:
    add_user("sam.jones", "coordinator")
    response = client.post("/sign-in", data={"username": "sam.jones", "password": PASSWORD})
    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    assert [cookie.split("=")[0] for cookie in cookies] == [COOKIE]
    assert client.get_cookie("remember_token") is None


def test_a_forged_remember_cookie_is_checked_like_a_session(sam: FlaskClient, app: Flask) -> None:
    """Flask-Login would sign a browser in from a "remember_token" cookie; with the secret key
    one could be made for a session's id. It names the session, so it dies with it."""
    with sam.session_transaction() as session:
        session_id = session["_user_id"]
    with app.test_request_context():
        remembered = encode_cookie(session_id)
    forged = app.test_client()
    forged.set_cookie("remember_token", remembered)
    assert forged.get("/").status_code == 200  # proves the cookie would be honoured ...
    sam.post("/sign-out")
    other = app.test_client()
    other.set_cookie("remember_token", remembered)
    assert signed_out(other)  # ... but not once the session has ended


@pytest.fixture
def timed(store: Store, clock: Clock, add_user: Callable[..., User]) -> Iterator[FlaskClient]:
    """Signed in as sam.jones on an app with a 30-minute idle timeout and a 2-hour limit."""
    add_user("sam.jones", "coordinator")
    app = make_app(store, CLOCK=clock, SESSION_MINUTES=30, SESSION_MAX_HOURS=2)
    client = app.test_client()
    sign_in(client, "sam.jones")
    yield client
    close_store(app)


def test_the_idle_timeout_is_a_setting(timed: FlaskClient, clock: Clock, store: Store) -> None:
    clock.now += timedelta(minutes=29)
    assert timed.get("/").status_code == 200
    clock.now += timedelta(minutes=29)  # 58 minutes in, 29 since the last request
    assert timed.get("/").status_code == 200
    clock.now += timedelta(minutes=31)
    assert signed_out(timed)
    sign_in(timed, "sam.jones")  # the expired session is removed on the next sign-in
    assert store.count_sessions("sam.jones") == 1


def test_the_absolute_limit_is_a_setting(timed: FlaskClient, clock: Clock) -> None:
    for _ in range(11):
        clock.now += timedelta(minutes=10)
        assert timed.get("/").status_code == 200
    clock.now += timedelta(minutes=10)  # 2 hours after signing in, however busy
    assert signed_out(timed)


def test_session_settings_come_from_the_environment() -> None:
    from webapp.config import ConfigError, config_from_env

    defaults = config_from_env({})
    assert (defaults["SESSION_MINUTES"], defaults["SESSION_MAX_HOURS"]) == (60, 12)
    config = config_from_env({"SESSION_MINUTES": "15", "SESSION_MAX_HOURS": "8"})
    assert (config["SESSION_MINUTES"], config["SESSION_MAX_HOURS"]) == (15, 8)
    assert config["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=15)
    with pytest.raises(ConfigError, match="SESSION_MAX_HOURS is 'never'"):
        config_from_env({"SESSION_MAX_HOURS": "never"})
