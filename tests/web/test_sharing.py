"""People shared between young people's networks (docs/sharing-people.md): what a search tells a
worker about people outside their own young people's networks, protected people, the direct add
refused, link requests (ask, approve, decline, audit) and every route that shows a person.

Amy (YP) is allocated to Amy's worker; Olly (OTHER) to Olly's worker. Olly's network holds his
grandmother Rosalind (with an address) and his father Victor, with whom Olly has no contact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.accounts import User
from connections.store import Store
from tests.web.conftest import coverage_network, sign_in, text_of
from tests.web.networks import (
    HOSTILE,
    OTHER,
    SIBLING,
    YP,
    amy_network,
    relationship_form,
    sibling_network,
)

GRANDMOTHER = "p-rosalind"
FATHER = "p-victor"
#: Nothing of Olly's network may reach Amy's worker: these byte strings never appear.
OLLYS = [
    b"Rosalind",
    b"Secretworth",
    GRANDMOTHER.encode(),
    b"5 Hidden Close",
    b"Victor",
    b"Vance",
    FATHER.encode(),
    b"9 No Contact Road",
    b"Olly",
    OTHER.encode(),
]


def ollys_network() -> object:
    return coverage_network(
        OTHER,
        "Olly Other",
        1,
        extra_people=[
            {
                "id": GRANDMOTHER,
                "name": "Rosalind Secretworth",
                "category": "family",
                "address": "5 Hidden Close",
                "relationship": {"role": "grandparent", "safety": "safe"},
            },
            {
                "id": FATHER,
                "name": "Victor Vance",
                "category": "family",
                "address": "9 No Contact Road",
                "relationship": {"role": "father", "safety": "no_contact"},
            },
        ],
    )


@pytest.fixture
def networks(store: Store) -> None:
    store.save_networks([amy_network(), sibling_network(), ollys_network()])  # type: ignore[list-item]


@pytest.fixture
def client_for(
    app: Flask, networks: None, add_user: Callable[..., User]
) -> Callable[..., FlaskClient]:
    """A client of its own, signed in as a new user in a role with allocations."""

    def make(
        username: str, role: str = "coordinator", allocated: tuple[str, ...] = ()
    ) -> FlaskClient:
        add_user(username, role, allocated)
        client = app.test_client()
        sign_in(client, username)
        return client

    return make


@pytest.fixture
def amys_worker(client_for: Callable[..., FlaskClient]) -> FlaskClient:
    return client_for("amys-worker", allocated=(YP,))


@pytest.fixture
def ollys_worker(client_for: Callable[..., FlaskClient]) -> FlaskClient:
    return client_for("ollys-worker", allocated=(OTHER,))


def search(client: FlaskClient, query: str, young_person_id: str = YP) -> bytes:
    response = client.get(f"/young-people/{young_person_id}/people/new", query_string={"q": query})
    assert response.status_code == 200
    return response.data


def assert_nothing_of_ollys(body: bytes, typed: str = "") -> None:
    for secret in OLLYS:
        if secret.lower() not in typed.encode().lower():
            assert secret not in body, secret


def same_page(body: bytes, query: str) -> str:
    """A search page with what was typed and the session's CSRF token (new on each page) taken
    out: two pages that differ only there tell the reader the same."""
    return re.sub(r'csrf_token"[^>]*>', "", body.decode()).replace(query, "#")


def ask(client: FlaskClient, query: str, **relationship: str) -> None:
    """Send a link request from Amy's network, as Amy's worker would."""
    form = {"query": query, **relationship_form(**({"role": "grandparent"} | relationship))}
    response = client.post(f"/young-people/{YP}/link-requests/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    html = client.get("/link-requests").get_data(as_text=True)
    assert "Waiting for a decision" in html


def request_id(store: Store, username: str = "amys-worker") -> str:
    requests = store.link_requests_made_by(username)
    assert len(requests) == 1
    return requests[0].id


# --- searching --------------------------------------------------------------------------------


def test_outside_their_young_people_a_search_says_only_that_a_match_exists_elsewhere(
    amys_worker: FlaskClient,
) -> None:
    for query in ("rosalind", "ROSA", "Secretworth", GRANDMOTHER):
        body = search(amys_worker, query)
        assert_nothing_of_ollys(body, typed=query)
        text = text_of(body.decode())
        assert f"A possible match for “{query}” exists elsewhere in the service" in text
        assert "young person Add" not in text  # no count of networks, no row to add
        assert 'id="search-results"' not in body.decode()  # no one listed
        # The only way on carries what was typed, nothing else.
        links = re.findall(r'href="([^"]*/link-requests/[^"]*)"', body.decode())
        assert links == [f"/young-people/{YP}/link-requests/new?q={query}"]


def test_a_no_contact_person_elsewhere_gives_no_hint_at_all(amys_worker: FlaskClient) -> None:
    """Victor has a no-contact relationship with Olly: a search for him reads exactly as a search
    for no one."""
    for query in ("victor", "Vance", FATHER):
        body = search(amys_worker, query)
        assert_nothing_of_ollys(body, typed=query)
        assert b'id="elsewhere"' not in body and b"link-requests/new" not in body
        nobody = search(amys_worker, "zzqqxx")
        assert same_page(body, query) == same_page(nobody, "zzqqxx")


def test_people_of_their_own_young_people_are_listed_as_before(
    client_for: Callable[..., FlaskClient],
) -> None:
    """A worker of both Olly and Sam sees Olly's people from Sam's page, even Victor: they see him
    in Olly's network already."""
    client = client_for("both", allocated=(OTHER, SIBLING))
    body = search(client, "victor", SIBLING).decode()
    assert "Victor Vance" in body and f"person_id={FATHER}" in body
    assert 'id="elsewhere"' not in body
    html = client.get(f"/young-people/{SIBLING}/people/new?person_id={FATHER}").get_data(True)
    assert "Add Victor Vance to the network" in html


def test_managers_see_everyone_but_protected_people(client_for: Callable[..., FlaskClient]) -> None:
    manager = client_for("manager", "manager")
    body = search(manager, "rosalind").decode()
    assert "Rosalind Secretworth" in body and 'id="elsewhere"' not in body
    body = search(manager, "victor")
    assert b"Victor" not in body and FATHER.encode() not in body
    assert b'id="elsewhere"' not in body
    assert manager.get(f"/young-people/{YP}/people/new?person_id={FATHER}").status_code == 404
    response = manager.post(
        f"/young-people/{YP}/people/new", data={"person_id": FATHER, **relationship_form()}
    )
    assert response.status_code == 404


def test_adding_by_id_someone_they_may_not_see_is_refused(
    amys_worker: FlaskClient, store: Store
) -> None:
    for person_id in (GRANDMOTHER, FATHER):
        response = amys_worker.get(f"/young-people/{YP}/people/new?person_id={person_id}")
        assert response.status_code == 404
        assert_nothing_of_ollys(response.data, typed=person_id)
        response = amys_worker.post(
            f"/young-people/{YP}/people/new",
            data={"person_id": person_id, **relationship_form(role="grandparent")},
        )
        assert response.status_code == 404
        assert_nothing_of_ollys(response.data, typed=person_id)
        assert {yp for yp, _ in store.young_people_of(person_id)} == {OTHER}
    denied = [e.detail for e in store.audit_events(YP) if e.action == "denied"]
    assert f"add existing person refused: {GRANDMOTHER}" in denied


def test_the_api_cannot_link_someone_they_may_not_see(
    app: Flask, networks: None, add_user: Callable[..., User], store: Store
) -> None:
    from connections import accounts

    add_user("api-worker", "coordinator", (YP,))
    token = accounts.new_api_token()
    store.set_api_token_hash("api-worker", accounts.token_hash(token))
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    got = client.get(f"/api/v1/young-people/{YP}/network", headers=auth)
    document = got.get_json()
    for person_id in (GRANDMOTHER, FATHER):
        changed = json.loads(json.dumps(document))
        changed["people"].append({"id": person_id, "name": "Anyone", "category": "family"})
        changed["relationships"].append({"person_id": person_id, "role": "grandparent"})
        response = client.put(
            f"/api/v1/young-people/{YP}/network",
            data=json.dumps(changed),
            headers={**auth, "Content-Type": "application/json", "If-Match": got.headers["ETag"]},
        )
        assert response.status_code == 422
        assert_nothing_of_ollys(response.data, typed=person_id)
        assert {yp for yp, _ in store.young_people_of(person_id)} == {OTHER}
    assert store.get_person(GRANDMOTHER).name == "Rosalind Secretworth"


def test_no_route_shows_a_person_of_a_network_they_are_not_allocated_to(
    amys_worker: FlaskClient,
) -> None:
    paths = [
        f"/young-people/{YP}",
        f"/young-people/{YP}/network",
        f"/young-people/{YP}/people/{GRANDMOTHER}/edit",
        f"/young-people/{YP}/people/{GRANDMOTHER}/relationship",
        f"/young-people/{YP}/people/{GRANDMOTHER}/remove",
        f"/young-people/{YP}/contacts?person={GRANDMOTHER}",
        f"/young-people/{YP}/conference",
        f"/young-people/{YP}/map.html",
        f"/young-people/{YP}/print",
        f"/api/v1/young-people/{YP}/network",
        f"/young-people/{OTHER}",
        f"/young-people/{OTHER}/people/{GRANDMOTHER}/edit",
        f"/api/v1/young-people/{OTHER}/network",
    ]
    for path in paths:
        response = amys_worker.get(path)
        assert response.status_code in (200, 404), path
        assert_nothing_of_ollys(response.data, typed=path)
    response = amys_worker.post(
        f"/young-people/{YP}/people/{GRANDMOTHER}/finding",
        data={f"finding-{GRANDMOTHER}-finding_status": "located"},
    )
    assert response.status_code == 404


# --- link requests ------------------------------------------------------------------------------


def test_request_then_approve_links_the_person(
    amys_worker: FlaskClient,
    ollys_worker: FlaskClient,
    client_for: Callable[..., FlaskClient],
    store: Store,
) -> None:
    page = amys_worker.get(f"/young-people/{YP}/link-requests/new?q=rosalind")
    assert page.status_code == 200
    assert_nothing_of_ollys(page.data, typed="rosalind")
    ask(amys_worker, "rosalind", safety="safe", closeness="4", closeness_rated_by="young_person")
    lr = request_id(store)
    mine = amys_worker.get("/link-requests")
    assert_nothing_of_ollys(mine.data, typed="rosalind")

    # Someone not allocated to Olly cannot see or decide it; nor can Amy's worker.
    bystander = client_for("bystander", allocated=(SIBLING,))
    for client in (bystander, amys_worker):
        assert b"rosalind" not in client.get("/link-requests").data.split(b'id="mine"')[0]
        assert client.get(f"/link-requests/{lr}").status_code == 404
        response = client.post(f"/link-requests/{lr}/approve", data={"person_id": GRANDMOTHER})
        assert response.status_code == 404
        assert client.post(f"/link-requests/{lr}/decline").status_code == 404
    assert {yp for yp, _ in store.young_people_of(GRANDMOTHER)} == {OTHER}

    # Olly's worker sees it, with Rosalind (never Victor: protected), and approves.
    listed = text_of(ollys_worker.get("/link-requests").get_data(as_text=True))
    assert "Amys Worker Amy Example “rosalind” Grandparent Decide" in listed
    html = ollys_worker.get(f"/link-requests/{lr}").get_data(as_text=True)
    assert "Rosalind Secretworth" in html and "Olly Other (grandparent)" in html
    assert "Victor" not in html
    response = ollys_worker.post(f"/link-requests/{lr}/approve", data={"person_id": GRANDMOTHER})
    assert response.status_code == 302
    relationship = store.get_relationship(YP, GRANDMOTHER)
    assert (relationship.role.value, relationship.safety.value, relationship.closeness) == (
        "grandparent",
        "safe",
        4,
    )
    assert store.get_relationship(OTHER, GRANDMOTHER).role.value == "grandparent"

    # Amy's worker is told, and now sees her, address and all: she is in Amy's network.
    assert "Approved: they are now in Amy Example's network" in text_of(
        amys_worker.get("/link-requests").get_data(as_text=True)
    )
    assert (
        b"5 Hidden Close" in amys_worker.get(f"/young-people/{YP}/people/{GRANDMOTHER}/edit").data
    )

    # Audited on both young people; Amy's trail never names Olly.
    amy_events = [(e.username, e.action, e.detail) for e in store.audit_events(YP)]
    assert (
        "amys-worker",
        "link_request",
        f"link request {lr} sent: asked for “rosalind” as grandparent",
    ) in amy_events
    assert (
        "ollys-worker",
        "change",
        f"existing person added: {GRANDMOTHER} (link request {lr} approved)",
    ) in amy_events
    assert not any(OTHER in detail for _, _, detail in amy_events)
    olly_events = [(e.username, e.action, e.detail) for e in store.audit_events(OTHER)]
    assert (
        "amys-worker",
        "link_request",
        f"link request {lr} from the network of {YP}: {GRANDMOTHER} may be the person asked for",
    ) in olly_events
    assert (
        "ollys-worker",
        "link_request",
        f"link request {lr} approved: {GRANDMOTHER} linked to the network of {YP}",
    ) in olly_events

    # Decided once only.
    response = ollys_worker.post(f"/link-requests/{lr}/approve", data={"person_id": GRANDMOTHER})
    assert response.status_code == 409
    assert "approved already" in text_of(response.get_data(as_text=True))


def test_decline_links_no_one(
    amys_worker: FlaskClient, ollys_worker: FlaskClient, store: Store
) -> None:
    ask(amys_worker, "secretworth")
    lr = request_id(store)
    response = ollys_worker.post(f"/link-requests/{lr}/decline")
    assert response.status_code == 302
    assert {yp for yp, _ in store.young_people_of(GRANDMOTHER)} == {OTHER}
    assert "Declined" in text_of(amys_worker.get("/link-requests").get_data(as_text=True))
    assert "No request is waiting for you" in ollys_worker.get("/link-requests").get_data(True)
    assert (
        ollys_worker.post(
            f"/link-requests/{lr}/approve", data={"person_id": GRANDMOTHER}
        ).status_code
        == 404
    )
    assert ("ollys-worker", "link_request", f"link request {lr} declined") in [
        (e.username, e.action, e.detail) for e in store.audit_events(YP)
    ]
    assert any(
        e.detail == f"link request {lr} declined: {GRANDMOTHER} not linked to the network of {YP}"
        for e in store.audit_events(OTHER)
    )


def test_an_administrator_may_decide_any_request(
    amys_worker: FlaskClient, client_for: Callable[..., FlaskClient], store: Store
) -> None:
    ask(amys_worker, "rosalind")
    lr = request_id(store)
    admin = client_for("admin", "admin")
    assert "Decide" in admin.get("/link-requests").get_data(as_text=True)
    response = admin.post(f"/link-requests/{lr}/approve", data={"person_id": GRANDMOTHER})
    assert response.status_code == 302
    assert {yp for yp, _ in store.young_people_of(GRANDMOTHER)} == {OTHER, YP}


def test_a_request_about_no_one_or_only_a_protected_person_is_refused(
    amys_worker: FlaskClient, store: Store
) -> None:
    for query in ("victor", "zzqqxx", "Kai Example", *HOSTILE):
        form = {"query": query, **relationship_form()}
        response = amys_worker.post(f"/young-people/{YP}/link-requests/new", data=form)
        assert response.status_code == 400, query
        assert_nothing_of_ollys(response.data, typed=query)
        assert b"<script>alert(1)" not in response.data
    assert store.link_requests_made_by("amys-worker") == []


def test_hostile_decisions_never_500_and_change_nothing(
    amys_worker: FlaskClient, ollys_worker: FlaskClient, store: Store
) -> None:
    ask(amys_worker, "rosalind")
    lr = request_id(store)
    for person_id in (FATHER, "p-rose", "", *HOSTILE):
        response = ollys_worker.post(f"/link-requests/{lr}/approve", data={"person_id": person_id})
        assert response.status_code == 400, person_id
    for bad_id in ("lr-000000000000", "x", "' OR 1=1 --", "%3Cscript%3E", "lr-" + "a" * 5000):
        assert ollys_worker.get(f"/link-requests/{bad_id}").status_code == 404
        assert ollys_worker.post(f"/link-requests/{bad_id}/decline").status_code == 404
    response = ollys_worker.post(f"/link-requests/{lr}/approve", json={"person_id": GRANDMOTHER})
    assert response.status_code == 415
    assert {yp for yp, _ in store.young_people_of(GRANDMOTHER)} == {OTHER}
    assert store.link_requests_made_by("amys-worker")[0].status == "pending"


def test_facilitators_have_no_link_requests(client_for: Callable[..., FlaskClient]) -> None:
    facilitator = client_for("facilitator", "facilitator", allocated=(OTHER,))
    assert facilitator.get("/link-requests").status_code == 403
    assert b"Link requests" not in facilitator.get("/").data
