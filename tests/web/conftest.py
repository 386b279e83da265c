"""Fixtures for the web app's tests: an app on the test run's Neo4j, users in each role, and
networks whose coverage (RED, AMBER, GREEN) is known.

CSRF is off in these apps (a test that checks CSRF turns it on); passwords are hashed with cheap
Argon2 parameters so signing in does not take half a second each time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient

from connections import accounts
from connections.accounts import User, UserRole
from connections.model import Network, parse_network
from connections.store import Store
from tests.conftest import AS_OF
from webapp import create_app
from webapp.db import close_store

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    accounts.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    accounts.set_hasher(None)


def make_app(store: Store | None, **config: object) -> Flask:
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        "AS_OF": AS_OF,
        **config,
    }
    if store is not None:
        settings["STORE"] = store
    return create_app(settings)


@pytest.fixture
def app(store: Store) -> Iterator[Flask]:
    app = make_app(store)
    yield app
    close_store(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def add_user(store: Store) -> Callable[..., User]:
    def add(
        username: str,
        role: str = "coordinator",
        allocated: tuple[str, ...] = (),
        password: str = PASSWORD,
        display_name: str | None = None,
    ) -> User:
        user = User(
            username=username,
            display_name=display_name or username.replace("-", " ").title(),
            role=UserRole(role),
        )
        store.create_user(user, accounts.hash_password(password))
        if allocated:
            store.allocate(username, list(allocated))
        return user

    return add


@pytest.fixture
def token_for(store: Store, add_user: Callable[..., User]) -> Callable[..., dict[str, str]]:
    """Create a user (role, allocations) with an API token; returns the Authorization header."""

    def make(username: str, role: str = "coordinator", allocated: tuple[str, ...] = ()) -> dict:
        add_user(username, role, allocated)
        token = accounts.new_api_token()
        store.set_api_token_hash(username, accounts.token_hash(token))
        return {"Authorization": f"Bearer {token}"}

    return make


def sign_in(client: FlaskClient, username: str, password: str = PASSWORD) -> None:
    response = client.post("/sign-in", data={"username": username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


_CSRF_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token_of(html: str) -> str:
    """The CSRF token in a page's form (in an app with CSRF on)."""
    match = _CSRF_TOKEN.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in_with_csrf(client: FlaskClient, username: str, password: str = PASSWORD) -> None:
    """Sign in through the form of an app with CSRF on, with the sign-in page's token."""
    token = csrf_token_of(client.get("/sign-in").get_data(as_text=True))
    data = {"username": username, "password": password, "csrf_token": token}
    response = client.post("/sign-in", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def signed_in(client: FlaskClient, add_user: Callable[..., User]) -> Callable[..., FlaskClient]:
    """Create a user in a role (with allocations) and sign the client in as them."""

    def as_role(
        role: str = "coordinator", allocated: tuple[str, ...] = (), username: str | None = None
    ) -> FlaskClient:
        name = username or f"test-{role}"
        add_user(name, role, allocated)
        sign_in(client, name)
        return client

    return as_role


class Clock:
    """The app's ``CLOCK``: a time the test moves on by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def coverage_network(
    yp_id: str,
    name: str,
    loving: int,
    *,
    date_of_birth: date = date(2010, 3, 14),
    status: str = "in_care",
    extra_people: list[dict[str, object]] | None = None,
) -> Network:
    """A network with ``loving`` qualifying relationships, each in a household of its own and
    unpaid, so: 0 or 1 RED, 2 AMBER (losing one household leaves 1), 3 or more GREEN."""
    people: list[dict[str, object]] = []
    relationships: list[dict[str, object]] = []
    for index in range(loving):
        person_id = f"{yp_id}-p{index}"
        people.append({"id": person_id, "name": f"Loving {index} of {name}", "category": "family"})
        relationships.append(
            {
                "person_id": person_id,
                "role": "aunt_uncle",
                "closeness": 4,
                "closeness_rated_by": "young_person",
                "safety": "safe",
                "wishes": "wants",
                "contact": "active",
                "last_contact": (AS_OF - timedelta(days=10)).isoformat(),
                "support": ["emotional", "practical", "somewhere_to_stay"],
            }
        )
    for extra in extra_people or []:
        extra = dict(extra)
        relationship = extra.pop("relationship")
        people.append(extra)
        relationships.append({"person_id": extra["id"], **relationship})  # type: ignore[dict-item]
    return parse_network(
        {
            "young_person": {
                "id": yp_id,
                "name": name,
                "date_of_birth": date_of_birth.isoformat(),
                "status": status,
            },
            "people": people,
            "relationships": relationships,
        }
    )


def text_of(html: str) -> str:
    """The visible text of a page, tags removed and white space collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
