"""The JSON API, /api/v1, against the real Neo4j: networks (GET, PUT), reports, the cohort, the
OpenAPI document, authentication (bearer token or session with CSRF), allocation and JSON errors.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable
from datetime import date, timedelta
from io import BytesIO
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from connections import accounts, io
from connections.accounts import User
from connections.cli import main
from connections.model import Network, parse_network, revise
from connections.scoring import score
from connections.store import Settings, Store
from tests import factories as f
from tests.bolt_proxy import BoltProxy
from tests.conftest import AS_OF
from tests.factories import bad_documents
from tests.web.conftest import coverage_network, make_app
from webapp.db import close_store

NETWORK = "/api/v1/young-people/{}/network"
REPORT = "/api/v1/young-people/{}/report"
COHORT = "/api/v1/cohort"
OPENAPI = "/api/v1/openapi.json"
JSON = "application/json"


# --- fixtures ------------------------------------------------------------------------------------


def rich_network(yp_id: str = "yp-1", name: str = "Amy Example") -> Network:
    """Two loving relatives, a social worker, a no-contact father, a link and a contact log."""
    network = coverage_network(
        yp_id,
        name,
        2,
        extra_people=[
            {
                "id": f"{yp_id}-sw",
                "name": "Sam Worker",
                "category": "professional",
                "relationship": {"role": "social_worker", "paid": True, "contact": "active"},
            },
            {
                "id": f"{yp_id}-dad",
                "name": "Ray Example",
                "category": "family",
                "address": "1 Example Row, Northtown",
                "relationship": {
                    "role": "father",
                    "safety": "no_contact",
                    "safety_note": "Court order.",
                    "notes": "Not to be approached.",
                },
            },
        ],
    )
    document = network.to_document()
    document["links"] = [{"source": f"{yp_id}-dad", "target": f"{yp_id}-p0", "kind": "sibling"}]
    document["contact_log"] = [
        {
            "id": f"{yp_id}-c1",
            "person_id": f"{yp_id}-p0",
            "date": (AS_OF - timedelta(days=10)).isoformat(),
            "kind": "visit",
            "note": "Tea at their house.",
            "recorded_by": "Sam Worker",
        }
    ]
    return parse_network(document)


@pytest.fixture
def networks(store: Store) -> dict[str, Network]:
    """yp-1 (AMBER, rich), yp-2 (RED), yp-3 (GREEN) in the database."""
    saved = {
        "yp-1": rich_network(),
        "yp-2": coverage_network("yp-2", "Ben Example", 0),
        "yp-3": coverage_network("yp-3", "Cat Example", 3, date_of_birth=date(2009, 1, 5)),
    }
    for network in saved.values():
        store.save_network(network)
    return saved


def put(client: FlaskClient, yp_id: str, body: str | bytes, **headers: str) -> Any:
    return client.put(NETWORK.format(yp_id), data=body, headers={"Content-Type": JSON, **headers})


def if_match(client: FlaskClient, yp_id: str, **headers: str) -> dict[str, str]:
    """The If-Match header of a PUT that replaces what a GET returns now."""
    response = client.get(NETWORK.format(yp_id), headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return {"If-Match": response.headers["ETag"]}


#: The precondition of a PUT that creates a young person's first network.
CREATE = {"If-None-Match": "*"}


def errors_of(response: Any) -> list[dict[str, str]]:
    assert response.mimetype == JSON, response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert set(body) == {"errors"} and body["errors"], body
    for error in body["errors"]:
        assert set(error) == {"path", "message"} and error["message"], error
    return body["errors"]


def audit_actions(store: Store, yp_id: str) -> list[tuple[str, str, str]]:
    return [(e.username, e.action, e.detail) for e in reversed(store.audit_events(yp_id))]


# --- networks: GET and PUT -----------------------------------------------------------------------


def test_get_put_get_round_trip_is_identical(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("cora", "coordinator", ("yp-1",))
    first = client.get(NETWORK.format("yp-1"), headers=auth)
    assert first.status_code == 200
    assert first.mimetype == JSON
    text = first.get_data(as_text=True)
    assert text == io.dumps_network(store.load_network("yp-1"))
    assert io.loads_network(text) == io.loads_network(io.dumps_network(networks["yp-1"]))

    saved = put(client, "yp-1", text, **auth, **{"If-Match": first.headers["ETag"]})
    assert saved.status_code == 200, saved.get_data(as_text=True)
    assert saved.get_data(as_text=True) == text
    again = client.get(NETWORK.format("yp-1"), headers=auth)
    assert again.get_data(as_text=True) == text
    assert again.headers["ETag"] == first.headers["ETag"] == saved.headers["ETag"]

    actions = audit_actions(store, "yp-1")
    assert ("cora", "view", "api.get_network") in actions
    assert ("cora", "change", "api.put_network: network replaced") in actions


def test_put_changes_the_network_and_the_report(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("cora", "coordinator", ("yp-2",))
    assert client.get(REPORT.format("yp-2"), headers=auth).get_json()["status"] == "RED"
    document = coverage_network("yp-2", "Ben Example", 3).to_document()
    response = put(client, "yp-2", json.dumps(document), **auth, **if_match(client, "yp-2", **auth))
    assert response.status_code == 200
    assert store.load_network("yp-2").to_document() == document
    assert client.get(REPORT.format("yp-2"), headers=auth).get_json()["status"] == "GREEN"


def test_invalid_put_is_422_with_paths_and_writes_nothing(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("cora", "coordinator", ("yp-1",))
    before = io.dumps_network(store.load_network("yp-1"))
    document = json.loads(before)
    document["young_person"]["name"] = "Renamed"  # valid, but must not be written either
    document["relationships"][3]["safety"] = "sometimes"
    document["relationships"][0]["closeness"] = 9
    document["relationships"][1]["mood"] = "happy"
    document["people"].append({"id": "p-orphan", "name": "Nobody's", "category": "family"})
    del document["people"][0]["name"]

    response = put(client, "yp-1", json.dumps(document), **auth)
    assert response.status_code == 422
    paths = {error["path"] for error in errors_of(response)}
    assert {
        "relationships[3].safety",
        "relationships[0].closeness",
        "relationships[1].mood",
        "people[0].name",
    } <= paths
    assert io.dumps_network(store.load_network("yp-1")) == before
    assert not any(action == "change" for _, action, _ in audit_actions(store, "yp-1"))


def test_a_new_invalid_young_person_is_not_created(
    client: FlaskClient, store: Store, token_for: Callable[..., dict]
) -> None:
    auth = token_for("mo", "manager")
    document = coverage_network("yp-new", "New Person", 2).to_document()
    document["relationships"][1]["safety"] = "sometimes"
    response = put(client, "yp-new", json.dumps(document), **auth, **CREATE)
    assert response.status_code == 422
    assert [e["path"] for e in errors_of(response)] == ["relationships[1].safety"]
    assert store.count_young_people() == 0
    assert client.get(NETWORK.format("yp-new"), headers=auth).status_code == 404


def test_the_id_in_the_body_must_be_the_id_in_the_address(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("mo", "manager")
    document = networks["yp-2"].to_document()
    response = put(client, "yp-1", json.dumps(document), **auth)
    assert response.status_code == 422
    assert errors_of(response) == [
        {"path": "young_person.id", "message": 'must be "yp-1", the id in the address'}
    ]
    assert io.dumps_network(store.load_network("yp-1")) == io.dumps_network(networks["yp-1"])
    assert io.dumps_network(store.load_network("yp-2")) == io.dumps_network(networks["yp-2"])


def test_managers_and_admins_may_add_a_young_person_coordinators_may_not(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    coordinator = token_for("cora", "coordinator", ("yp-1",))
    document = json.dumps(coverage_network("yp-new", "New Person", 2).to_document())
    assert put(client, "yp-new", document, **coordinator, **CREATE).status_code == 404
    assert store.count_young_people() == 3
    own = json.dumps(networks["yp-1"].to_document())
    refused = put(client, "yp-1", own, **coordinator, **CREATE)
    assert refused.status_code == 403
    assert "Only managers and administrators may add" in errors_of(refused)[0]["message"]

    manager = token_for("mo", "manager")
    response = put(client, "yp-new", document, **manager, **CREATE)
    assert response.status_code == 201
    assert response.headers["Location"].endswith(NETWORK.format("yp-new"))
    assert response.get_data(as_text=True) == io.dumps_network(store.load_network("yp-new"))
    assert ("mo", "change", "api.put_network: network created") in audit_actions(store, "yp-new")

    admin = token_for("ada", "admin")
    other = json.dumps(coverage_network("yp-new-2", "Another", 1).to_document())
    assert put(client, "yp-new-2", other, **admin, **CREATE).status_code == 201


def test_facilitators_may_read_but_not_change(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("fay", "facilitator", ("yp-1",))
    text = client.get(NETWORK.format("yp-1"), headers=auth).get_data(as_text=True)
    response = put(client, "yp-1", text, **auth)
    assert response.status_code == 403
    assert "may not change networks" in errors_of(response)[0]["message"]
    assert ("fay", "denied", "api.put_network: role facilitator") in audit_actions(store, "yp-1")
    # Not allocated: 404, as for anyone, before the role is considered.
    assert put(client, "yp-2", text, **auth).status_code == 404


def test_stale_if_match_is_refused(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("cora", "coordinator", ("yp-1",))
    first = client.get(NETWORK.format("yp-1"), headers=auth)
    etag = first.headers["ETag"]
    document = first.get_json()
    document["young_person"]["name"] = "Amy Changed"
    assert (
        put(client, "yp-1", json.dumps(document), **auth, **{"If-Match": etag}).status_code == 200
    )

    document["young_person"]["name"] = "Amy Stale"
    response = put(client, "yp-1", json.dumps(document), **auth, **{"If-Match": etag})
    assert response.status_code == 412
    errors_of(response)
    assert store.get_young_person("yp-1").name == "Amy Changed"


def test_a_put_without_a_precondition_is_428_and_writes_nothing(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("mo", "manager")
    before = io.dumps_network(store.load_network("yp-1"))
    document = json.loads(before)
    document["young_person"]["name"] = "Overwritten"
    response = put(client, "yp-1", json.dumps(document), **auth)
    assert response.status_code == 428
    [error] = errors_of(response)
    assert "If-Match" in error["message"] and "If-None-Match: *" in error["message"]
    new = json.dumps(coverage_network("yp-new", "New Person", 1).to_document())
    assert put(client, "yp-new", new, **auth).status_code == 428
    assert io.dumps_network(store.load_network("yp-1")) == before
    assert store.count_young_people() == 3
    assert not any(action == "change" for _, action, _ in audit_actions(store, "yp-1"))


@pytest.mark.parametrize(
    ("headers", "status", "path"),
    [
        ({"If-None-Match": "*"}, 412, ""),  # it exists already
        ({"If-Match": 'W/"{etag}"'}, 412, ""),  # a weak tag never matches
        ({"If-Match": "{etag}"}, 412, ""),  # not quoted: not an entity tag
        ({"If-Match": '"*"'}, 412, ""),  # a quoted star is a tag, not "any"
        ({"If-Match": ""}, 412, ""),
        ({"If-None-Match": '"{etag}"'}, 400, "If-None-Match"),
        ({"If-Match": '"{etag}"', "If-None-Match": "*"}, 400, "If-None-Match"),
        ({"If-Match": '"d-other", "{etag}"'}, 200, None),
        ({"If-Match": "*"}, 200, None),
    ],
)
def test_the_preconditions_of_a_put(
    client: FlaskClient,
    store: Store,
    networks: dict,
    token_for: Callable[..., dict],
    headers: dict[str, str],
    status: int,
    path: str | None,
) -> None:
    auth = token_for("mo", "manager")
    etag = client.get(NETWORK.format("yp-1"), headers=auth).headers["ETag"].strip('"')
    document = networks["yp-1"].to_document()
    document["young_person"]["name"] = "Amy Changed"
    sent = {name: value.format(etag=etag) for name, value in headers.items()}
    response = put(client, "yp-1", json.dumps(document), **auth, **sent)
    assert response.status_code == status, response.get_data(as_text=True)
    name = store.get_young_person("yp-1").name
    if status == 200:
        assert name == "Amy Changed"
        return
    assert name == "Amy Example"
    assert [error["path"] for error in errors_of(response)] == [path]


def test_if_match_on_a_young_person_who_does_not_exist_creates_nothing(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("mo", "manager")
    document = json.dumps(coverage_network("yp-new", "New Person", 1).to_document())
    for precondition in ({"If-Match": "*"}, {"If-Match": '"d-0123"'}):
        response = put(client, "yp-new", document, **auth, **precondition)
        assert response.status_code == 412
        assert "If-None-Match: *" in errors_of(response)[0]["message"]
    assert store.count_young_people() == 3


def test_the_etag_changes_with_every_kind_of_write_to_the_network(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    """Whatever path changes what the document shows (a shared person edited from another young
    person's network, a link, the contact log, a form's edit), a PUT sent with the ETag read
    before it is refused."""
    auth = token_for("mo", "manager")
    # yp-1's first loving relative is shared with yp-2's network.
    store.create_relationship("yp-2", f.relationship("yp-1-p0"))
    shared = networks["yp-2"].to_document()
    shared["people"].append({"id": "yp-1-p0", "name": "Renamed by an import", "category": "family"})
    shared["relationships"].append({"person_id": "yp-1-p0", "role": "aunt_uncle"})
    writes: list[Callable[[], object]] = [
        lambda: store.update_person(revise(store.get_person("yp-1-p0"), {"name": "Renamed"})),
        lambda: store.save_network(parse_network(shared)),  # another young person's import
        lambda: store.create_link(f.link("yp-1-p0", "yp-1-p1")),
        lambda: store.delete_link(f.link("yp-1-p0", "yp-1-p1")),
        lambda: store.add_contact("yp-1", f.contact("c-new", "yp-1-p1")),
        lambda: store.delete_contact("yp-1", "c-new"),
        lambda: store.update_relationship(
            "yp-1", revise(store.get_relationship("yp-1", "yp-1-sw"), {"notes": "New note."})
        ),
        lambda: store.update_young_person(
            revise(store.get_young_person("yp-1"), {"status": "care_leaver"})
        ),
        lambda: store.remove_from_network("yp-1", "yp-1-sw", 2),
        lambda: store.create_relationship("yp-1", f.relationship("yp-3-p0")),
    ]
    document = json.dumps(networks["yp-1"].to_document())
    for number, write in enumerate(writes):
        etag = client.get(NETWORK.format("yp-1"), headers=auth).headers["ETag"]
        before = io.dumps_network(store.load_network("yp-1"))
        write()
        assert io.dumps_network(store.load_network("yp-1")) != before, number
        response = put(client, "yp-1", document, **auth, **{"If-Match": etag})
        assert response.status_code == 412, number
        assert client.get(NETWORK.format("yp-1"), headers=auth).headers["ETag"] != etag


def test_twenty_concurrent_puts_with_the_same_if_match_exactly_one_wins(
    app: Flask, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("cora", "coordinator", ("yp-1",))
    etag = app.test_client().get(NETWORK.format("yp-1"), headers=auth).headers["ETag"]
    documents = []
    for n in range(20):
        document = networks["yp-1"].to_document()
        document["young_person"]["name"] = f"Amy {n}"
        document["relationships"][0]["notes"] = f"Saved by PUT {n}."
        documents.append(json.dumps(document))
    start = threading.Barrier(len(documents))
    answers: dict[int, Any] = {}

    def send(n: int) -> None:
        client = app.test_client()  # each thread its own client, as separate callers
        start.wait()
        answers[n] = put(client, "yp-1", documents[n], **auth, **{"If-Match": etag})

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(documents))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(answer.status_code for answer in answers.values())
    assert statuses == [200] + [412] * 19, statuses
    [winner] = [n for n, answer in answers.items() if answer.status_code == 200]
    stored = io.dumps_network(store.load_network("yp-1"))
    assert json.loads(stored) == json.loads(documents[winner])
    assert answers[winner].get_data(as_text=True) == stored
    for answer in answers.values():
        if answer.status_code == 412:
            assert "has changed since" in errors_of(answer)[0]["message"]
    changes = [a for _, a, d in audit_actions(store, "yp-1") if a == "change"]
    assert len(changes) == 1


def test_concurrent_creations_of_one_young_person_exactly_one_wins(
    app: Flask, store: Store, token_for: Callable[..., dict]
) -> None:
    auth = token_for("mo", "manager")
    documents = [
        json.dumps(coverage_network("yp-new", f"New Person {n}", n % 3).to_document())
        for n in range(8)
    ]
    start = threading.Barrier(len(documents))
    statuses: dict[int, int] = {}

    def send(n: int) -> None:
        client = app.test_client()
        start.wait()
        statuses[n] = put(client, "yp-new", documents[n], **auth, **CREATE).status_code

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(documents))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses.values()) == [201] + [412] * 7, statuses
    [winner] = [n for n, status in statuses.items() if status == 201]
    assert store.load_network("yp-new").to_document() == json.loads(documents[winner])


# --- access: allocation, tokens, sessions, CSRF --------------------------------------------------


def test_a_worker_cannot_reach_a_young_person_not_allocated_to_them(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("cora", "coordinator", ("yp-1",))
    missing = client.get(NETWORK.format("yp-nobody"), headers=auth)
    for path in (NETWORK.format("yp-2"), REPORT.format("yp-2")):
        response = client.get(path, headers=auth)
        assert response.status_code == 404
        # Exactly as for an id that does not exist: nothing says the young person is there.
        assert response.get_data() == missing.get_data()
        assert "Ben" not in response.get_data(as_text=True)
    document = networks["yp-2"].to_document()
    document["young_person"]["name"] = "Overwritten"
    assert put(client, "yp-2", json.dumps(document), **auth).status_code == 404
    assert store.get_young_person("yp-2").name == "Ben Example"
    assert ("cora", "denied", "api.put_network") in audit_actions(store, "yp-2")
    assert ("cora", "denied", "api.get_network") in audit_actions(store, "yp-2")


def test_bearer_tokens_and_their_failures(
    client: FlaskClient,
    store: Store,
    networks: dict,
    token_for: Callable[..., dict],
    add_user: Callable[..., User],
) -> None:
    auth = token_for("cora", "coordinator", ("yp-1",))
    assert client.get(NETWORK.format("yp-1"), headers=auth).status_code == 200
    for headers in (
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic Y29yYTpwYXNzd29yZA=="},
        {"Authorization": "Bearer " + "x" * 10_000},
        {"Authorization": auth["Authorization"] + "x"},
    ):
        response = client.get(NETWORK.format("yp-1"), headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        errors_of(response)
    # The scheme is case-insensitive.
    lower = {"Authorization": auth["Authorization"].replace("Bearer", "bearer")}
    assert client.get(NETWORK.format("yp-1"), headers=lower).status_code == 200

    # A deactivated user's token stops working; a revoked token too.
    user = store.get_user("cora")
    store.update_user(user.model_copy(update={"active": False}))
    assert client.get(NETWORK.format("yp-1"), headers=auth).status_code == 401
    store.update_user(user)
    assert client.get(NETWORK.format("yp-1"), headers=auth).status_code == 200
    store.set_api_token_hash("cora", None)
    assert client.get(NETWORK.format("yp-1"), headers=auth).status_code == 401


def test_a_wrong_token_is_401_even_with_a_signed_in_session(
    client: FlaskClient, networks: dict, signed_in: Callable[..., FlaskClient]
) -> None:
    signed_in("manager")
    assert client.get(NETWORK.format("yp-1")).status_code == 200
    response = client.get(NETWORK.format("yp-1"), headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401


def test_a_token_does_not_sign_in_the_browser(
    client: FlaskClient, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("mo", "manager")
    assert client.get(COHORT, headers=auth).status_code == 200
    assert client.get(COHORT).status_code == 401  # no session was made
    assert client.get("/").status_code == 302  # and the pages still ask to sign in


def csrf_token_of(client: FlaskClient) -> str:
    page = client.get("/").get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page[:500]
    return match.group(1)


def test_session_put_needs_the_csrf_header_bearer_put_does_not(
    store: Store, networks: dict, add_user: Callable[..., User]
) -> None:
    app = make_app(store, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    add_user("cora", "coordinator", ("yp-1",))
    sign_in_page = client.get("/sign-in").get_data(as_text=True)
    form_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', sign_in_page)
    assert form_token
    response = client.post(
        "/sign-in",
        data={
            "username": "cora",
            "password": "correct horse battery staple",
            "csrf_token": form_token.group(1),
        },
    )
    assert response.status_code == 302

    text = client.get(NETWORK.format("yp-1")).get_data(as_text=True)
    refused = put(client, "yp-1", text)
    assert refused.status_code == 400
    assert "X-CSRFToken" in errors_of(refused)[0]["message"]
    assert put(client, "yp-1", text, **{"X-CSRFToken": "forged"}).status_code == 400
    assert not any(a == "change" for _, a, _ in audit_actions(store, "yp-1"))

    precondition = if_match(client, "yp-1")
    accepted = put(client, "yp-1", text, **{"X-CSRFToken": csrf_token_of(client)}, **precondition)
    assert accepted.status_code == 200, accepted.get_data(as_text=True)

    token = accounts.new_api_token()
    store.set_api_token_hash("cora", accounts.token_hash(token))
    bearer = app.test_client()  # no session cookie, no CSRF token
    # The same document again: the same content, so the same ETag still matches.
    again = put(bearer, "yp-1", text, Authorization=f"Bearer {token}", **precondition)
    assert again.status_code == 200
    close_store(app)


def test_session_requests_follow_the_pages_rules(
    client: FlaskClient, networks: dict, signed_in: Callable[..., FlaskClient]
) -> None:
    assert client.get(NETWORK.format("yp-1")).status_code == 401  # not signed in: no redirect
    signed_in("coordinator", ("yp-1",))
    assert client.get(NETWORK.format("yp-1")).status_code == 200
    assert client.get(NETWORK.format("yp-2")).status_code == 404
    assert client.get(REPORT.format("yp-2")).status_code == 404


@pytest.mark.parametrize(
    "young_person_id",
    [
        "yp-1' OR 1=1 //",
        'yp-1"}) MATCH (n) DETACH DELETE n //',
        "x" * 65,
        "<script>alert(1)</script>",
        "..%2F..%2Fetc",
        "yp-1%00",
        "-yp",
    ],
)
def test_hostile_ids_in_the_address_are_404(
    client: FlaskClient,
    store: Store,
    networks: dict,
    token_for: Callable[..., dict],
    young_person_id: str,
) -> None:
    auth = token_for("mo", "manager")
    young_person_id = quote(young_person_id, safe="")
    for path in (NETWORK.format(young_person_id), REPORT.format(young_person_id)):
        # An id with "//" is first redirected to the address with one slash.
        response = client.get(path, headers=auth, follow_redirects=True)
        assert response.status_code == 404, path
        errors_of(response)
    document = json.dumps(networks["yp-1"].to_document())
    response = client.put(
        NETWORK.format(young_person_id),
        data=document,
        headers={"Content-Type": JSON, **auth},
        follow_redirects=True,
    )
    assert response.status_code == 404
    assert store.count_young_people() == 3


def test_hostile_strings_are_stored_and_returned_as_data(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("cora", "coordinator", ("yp-1",))
    document = networks["yp-1"].to_document()
    hostile = "<script>alert('x')</script>\"}) MATCH (n) DETACH DELETE n //\u202e"
    document["young_person"]["name"] = hostile
    document["relationships"][0]["notes"] = "{{ 7*7 }} ${7*7} %s\x00"
    response = put(client, "yp-1", json.dumps(document), **auth, **if_match(client, "yp-1", **auth))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert store.get_young_person("yp-1").name == hostile
    assert store.count_young_people() == 3
    got = client.get(NETWORK.format("yp-1"), headers=auth)
    assert got.mimetype == JSON and got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.get_json()["young_person"]["name"] == hostile
    # A hostile id in the body is a 422 naming it, not a query.
    document["young_person"]["id"] = "yp-1' OR 1=1 //"
    response = put(client, "yp-1", json.dumps(document), **auth)
    assert response.status_code == 422
    assert errors_of(response)[0]["path"] == "young_person.id"


# --- bad requests: always JSON, never a 500 ------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('{"young_person": {}', "line 1, column 20"),
        ('{\n  "young_person": {\n    "id": "yp-1",\n  }\n}', "line 4, column 3"),
        ("", "line 1, column 1"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format_version": NaN}', "NaN is not a JSON number"),
        ('{"format_version": ' + "9" * 5000 + "}", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_malformed_bodies_are_400_naming_the_place(
    client: FlaskClient,
    networks: dict,
    token_for: Callable[..., dict],
    body: str | bytes,
    expected: str,
) -> None:
    auth = token_for("mo", "manager")
    response = put(client, "yp-1", body, **auth)
    assert response.status_code == 400
    assert expected in errors_of(response)[0]["message"]


BAD = bad_documents("yp-1")


@pytest.mark.parametrize(("what", "body", "path", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_documents_are_refused_naming_the_place_and_nothing_is_written(
    client: FlaskClient,
    networks: dict,
    token_for: Callable[..., dict],
    what: str,
    body: str,
    path: str,
    words: str,
) -> None:
    """Unreadable JSON (a number too long to convert) is 400 naming the line, as the command
    says it; dates that are numbers or implausible, and a ``version`` anywhere, are 422 naming
    the field."""
    auth = token_for("mo", "manager")
    before = client.get(NETWORK.format("yp-1"), headers=auth)
    response = put(client, "yp-1", body, **auth, **{"If-Match": before.headers["ETag"]})
    assert response.status_code == (400 if path == "" else 422)
    errors = errors_of(response)
    assert any(e["path"] == path and words in e["message"] for e in errors), errors
    after = client.get(NETWORK.format("yp-1"), headers=auth)
    assert after.get_data() == before.get_data()


@pytest.mark.parametrize(
    "body", ["[]", '"text"', "null", '{"young_person": "yp-1"}', '{"people": [1, 2]}']
)
def test_documents_of_the_wrong_shape_are_422(
    client: FlaskClient, networks: dict, token_for: Callable[..., dict], body: str
) -> None:
    auth = token_for("mo", "manager")
    response = put(client, "yp-1", body, **auth)
    assert response.status_code == 422
    errors_of(response)


def test_content_type_must_be_json(
    client: FlaskClient, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("mo", "manager")
    body = json.dumps(networks["yp-1"].to_document())
    for content_type in (
        "text/plain",
        "application/x-www-form-urlencoded",
        None,
        "application/json; charset=latin-1",
    ):
        headers = dict(auth)
        if content_type:
            headers["Content-Type"] = content_type
        response = client.put(NETWORK.format("yp-1"), data=body, headers=headers)
        assert response.status_code == 415, content_type
        errors_of(response)
    ok = put(
        client,
        "yp-1",
        body,
        **auth,
        **if_match(client, "yp-1", **auth),
        **{"Content-Type": "application/json; charset=UTF-8"},
    )
    assert ok.status_code == 200


def test_bodies_over_the_limit_are_413(
    store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    app = make_app(store, API_MAX_BODY_BYTES=2_000)
    client = app.test_client()
    auth = token_for("mo", "manager")
    body = json.dumps(networks["yp-1"].to_document())
    assert len(body) > 2_000
    response = put(client, "yp-1", body, **auth)
    assert response.status_code == 413
    assert "2000 bytes" in errors_of(response)[0]["message"]

    # Without a Content-Length (chunked), the limit holds while reading.
    response = client.put(
        NETWORK.format("yp-1"),
        input_stream=BytesIO(body.encode()),
        headers={"Content-Type": JSON, "Transfer-Encoding": "chunked", **auth},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    errors_of(response)
    close_store(app)


def test_errors_under_the_api_are_json_never_html(
    client: FlaskClient, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("mo", "manager")
    unknown = client.get("/api/v1/nothing-here", headers=auth)
    assert unknown.status_code == 404
    errors_of(unknown)
    wrong_method = client.delete(NETWORK.format("yp-1"), headers=auth)
    assert wrong_method.status_code == 405
    assert "PUT" in wrong_method.headers["Allow"]
    assert "DELETE" in errors_of(wrong_method)[0]["message"]
    assert client.post(COHORT, headers=auth).status_code == 405
    # The rest of the app keeps its HTML pages.
    page = client.get("/nothing-here")
    assert page.status_code == 404 and page.mimetype == "text/html"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_down_is_a_json_503() -> None:
    app = make_app(None, NEO4J_SETTINGS=Settings(uri=f"bolt://127.0.0.1:{closed_port()}"))
    client = app.test_client()
    for _ in range(2):  # the first finds it down, the second is answered at once
        response = client.get(COHORT, headers={"Authorization": "Bearer some-token"})
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "30"
        errors_of(response)
    close_store(app)


def test_unexpected_errors_are_a_json_500(
    store: Store, networks: dict, token_for: Callable[..., dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(store, PROPAGATE_EXCEPTIONS=False)
    auth = token_for("mo", "manager")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("webapp.api.views.score", boom)
    response = app.test_client().get(REPORT.format("yp-1"), headers=auth)
    assert response.status_code == 500
    assert "boom" not in response.get_data(as_text=True)
    errors_of(response)
    close_store(app)


def test_a_put_cut_off_in_its_commit_says_the_outcome_is_unknown(
    store: Store, networks: dict, token_for: Callable[..., dict], neo4j_settings: Settings
) -> None:
    proxy = BoltProxy(int(neo4j_settings.uri.rsplit(":", 1)[1]))
    proxy.start()
    app = make_app(None, NEO4J_SETTINGS=Settings(uri=proxy.uri))
    client = app.test_client()
    auth = token_for("mo", "manager")
    read = if_match(client, "yp-1", **auth)
    document = networks["yp-1"].to_document()
    document["young_person"]["name"] = "Amy Changed"
    body = json.dumps(document)

    # The connection drops after the PUT's COMMIT reached Neo4j, before its answer came back.
    proxy.cut_commit_of("UNWIND $young_people AS row")
    response = put(client, "yp-1", body, **auth, **read)
    assert proxy.commit_cut.is_set()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    [error] = errors_of(response)
    assert "it may or may not have been saved" in error["message"]
    assert "sending the same document again is safe" in error["message"]
    assert store.load_network("yp-1").to_document() == document  # it had been saved

    # As the message says: GET the network for its ETag, then the same PUT again is safe.
    assert put(client, "yp-1", body, **auth, **read).status_code == 412  # it was saved
    again = put(client, "yp-1", body, **auth, **if_match(client, "yp-1", **auth))
    assert again.status_code == 200
    assert store.load_network("yp-1").to_document() == document
    close_store(app)
    proxy.stop()


# --- reports and the cohort ----------------------------------------------------------------------


def test_report_equals_scoring_for_the_same_network(
    client: FlaskClient, store: Store, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("cora", "coordinator", ("yp-1",))
    response = client.get(REPORT.format("yp-1"), headers=auth)
    assert response.status_code == 200
    # The report, and why family finding is paused (no consent is recorded for yp-1).
    paused = "Family finding is paused: nothing has been recorded about consent to family finding."
    report = score(store.load_network("yp-1"), AS_OF).to_dict()
    assert response.get_json() == {**report, "family_finding_paused": paused}
    assert response.get_json() == json.loads(
        json.dumps({**score(networks["yp-1"], AS_OF).to_dict(), "family_finding_paused": paused})
    )

    later = client.get(REPORT.format("yp-1") + "?as_of=2031-06-01", headers=auth)
    later_report = score(networks["yp-1"], date(2031, 6, 1)).to_dict()
    assert later.get_json() == {**later_report, "family_finding_paused": paused}
    assert ("cora", "view", "api.get_report") in audit_actions(store, "yp-1")


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01", "20261122", "2026-02-30", "", "1e9"])
def test_a_bad_as_of_is_400_naming_the_parameter(
    client: FlaskClient, networks: dict, token_for: Callable[..., dict], value: str
) -> None:
    auth = token_for("mo", "manager")
    for path in (REPORT.format("yp-1"), COHORT):
        response = client.get(path, query_string={"as_of": value}, headers=auth)
        assert response.status_code == 400
        [error] = errors_of(response)
        assert error["path"] == "as_of" and "as_of" in error["message"]


def test_cohort_for_managers_has_every_row_and_the_totals(
    client: FlaskClient, networks: dict, token_for: Callable[..., dict]
) -> None:
    auth = token_for("mo", "manager")
    response = client.get(COHORT, headers=auth)
    assert response.status_code == 200
    body = response.get_json()
    assert body["scope"] == "cohort" and body["as_of"] == AS_OF.isoformat()
    assert [row["young_person_id"] for row in body["rows"]] == ["yp-1", "yp-2", "yp-3"]
    assert {row["young_person_id"]: row["coverage"] for row in body["rows"]} == {
        "yp-1": "AMBER",
        "yp-2": "RED",
        "yp-3": "GREEN",
    }
    totals = body["totals"]
    assert totals["young_people"] == 3
    assert totals["mission_met"] == 2
    assert totals["by_status"] == {"RED": 1, "AMBER": 1, "GREEN": 1}
    assert totals["green_share"] == pytest.approx(1 / 3)
    expected = {n.young_person.id: score(n, AS_OF).score for n in networks.values()}
    assert {row["young_person_id"]: row["score"] for row in body["rows"]} == expected


def test_cohort_for_workers_is_their_allocation_in_one_query(
    client: FlaskClient,
    store: Store,
    networks: dict,
    token_for: Callable[..., dict],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    statements: list[str] = []
    read = store.read

    def counting_read(name: str, **parameters: object) -> Any:
        statements.append(name)
        return read(name, **parameters)

    monkeypatch.setattr(store, "read", counting_read)
    for role in ("coordinator", "facilitator"):
        auth = token_for(f"worker-{role}", role, ("yp-1", "yp-3"))
        statements.clear()
        body = client.get(COHORT, headers=auth).get_json()
        assert body["scope"] == "allocated"
        assert [row["young_person_id"] for row in body["rows"]] == ["yp-1", "yp-3"]
        assert body["totals"]["young_people"] == 2
        assert statements.count("network.for_scoring") == 1
        assert "network.load" not in statements

    nobody = token_for("new-coordinator", "coordinator")
    body = client.get(COHORT, headers=nobody).get_json()
    assert body["rows"] == [] and body["totals"]["young_people"] == 0


# --- the OpenAPI document ------------------------------------------------------------------------


def api_routes(app: Flask) -> set[tuple[str, str]]:
    """(OpenAPI path, method) for every route of the API blueprint."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in rule.methods or ():
            if method not in ("HEAD", "OPTIONS"):
                routes.add((path, method.lower()))
    return routes


def test_openapi_is_valid_public_and_documents_every_route(app: Flask, client: FlaskClient) -> None:
    response = client.get(OPENAPI)  # no credentials needed
    assert response.status_code == 200 and response.mimetype == JSON
    spec = response.get_json()
    validate(spec)
    assert spec["openapi"].startswith("3.1")

    documented = {
        (path, method)
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "put", "post", "patch", "delete")
    }
    routes = api_routes(app)
    assert len(routes) >= 5
    assert routes == documented

    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {**schemes["bearerToken"], "type": "http", "scheme": "bearer"}
    assert schemes["browserSession"]["name"] == app.config["SESSION_COOKIE_NAME"]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            if path == OPENAPI:
                assert operation["security"] == []
            else:
                assert "401" in operation["responses"], (path, method)


def test_openapi_documents_the_preconditions_of_a_put(client: FlaskClient) -> None:
    spec = client.get(OPENAPI).get_json()
    put_network = spec["paths"][NETWORK.format("{young_person_id}")]["put"]
    parameters = spec["components"]["parameters"]
    headers = {parameters[p["$ref"].rsplit("/", 1)[1]]["name"] for p in put_network["parameters"]}
    assert {"If-Match", "If-None-Match"} <= headers
    assert parameters["IfNoneMatch"]["schema"]["enum"] == ["*"]
    assert {"412", "428", "503"} <= set(put_network["responses"])
    assert "428" in put_network["description"] and "If-None-Match: *" in put_network["description"]


def test_openapi_embeds_the_published_network_schema() -> None:
    from pathlib import Path

    from webapp.api.openapi import _api_schemas, _model_schemas

    published = json.loads(Path(io.SCHEMA_PATH).read_text())
    model = _model_schemas()
    assert set(published["$defs"]) | {"Network"} == set(model)
    assert not set(model) & set(_api_schemas())  # no name is used twice
    assert model["Network"]["properties"].keys() == published["properties"].keys()
    assert "$defs" not in json.dumps(model)


def validator(spec: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": spec["components"]},
        format_checker=jsonschema.FormatChecker(),
    )


def test_responses_match_the_openapi_schemas(
    client: FlaskClient, networks: dict, token_for: Callable[..., dict]
) -> None:
    spec = client.get(OPENAPI).get_json()
    auth = token_for("mo", "manager")
    validator(spec, "Network").validate(client.get(NETWORK.format("yp-1"), headers=auth).get_json())
    for yp_id in networks:
        report = client.get(REPORT.format(yp_id), headers=auth).get_json()
        validator(spec, "CoverageReport").validate(report)
    validator(spec, "Cohort").validate(client.get(COHORT, headers=auth).get_json())
    validator(spec, "Errors").validate(client.get(COHORT).get_json())
    bad = put(client, "yp-1", '{"young_person": 1}', **auth).get_json()
    validator(spec, "Errors").validate(bad)
    # And the schema refuses what the API refuses.
    document = networks["yp-1"].to_document()
    document["relationships"][0]["safety"] = "sometimes"
    assert not validator(spec, "Network").is_valid(document)


# --- tokens from the command line ----------------------------------------------------------------


def test_cli_prints_a_token_once_and_stores_only_its_hash(
    client: FlaskClient,
    store: Store,
    networks: dict,
    add_user: Callable[..., User],
    neo4j_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    add_user("cora", "coordinator", ("yp-1",))

    def new_token() -> str:
        result = CliRunner().invoke(main, ["user", "token", "cora"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        token = result.stdout.strip()
        assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", token), result.stdout
        assert "shown only this once" in result.stderr
        return token

    first = new_token()
    assert store.user_for_api_token_hash(accounts.token_hash(first)) is not None
    records = store.driver.execute_query("MATCH (u:User) RETURN properties(u) AS props")[0]
    assert first not in repr([record["props"] for record in records])
    auth = {"Authorization": f"Bearer {first}"}
    assert client.get(NETWORK.format("yp-1"), headers=auth).status_code == 200

    second = new_token()  # replaces the first
    assert client.get(NETWORK.format("yp-1"), headers=auth).status_code == 401
    second_auth = {"Authorization": f"Bearer {second}"}
    assert client.get(NETWORK.format("yp-1"), headers=second_auth).status_code == 200

    result = CliRunner().invoke(main, ["user", "token", "cora", "--revoke"])
    assert result.exit_code == 0
    assert client.get(NETWORK.format("yp-1"), headers=second_auth).status_code == 401

    result = CliRunner().invoke(main, ["user", "token", "nobody"])
    assert result.exit_code == 1
    assert "nobody" in result.output
