"""The restrictions pages: listing (in force, to review and why, ended), recording one through a
GOV.UK form, ending one on the version seen, who may do what, the audit trail, the young
person's and the relationship page, and addresses withheld never reaching a conference."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.accounts import User
from connections.model import Restriction, parse, parse_network
from connections.store import Store
from tests.web.conftest import sign_in, text_of
from tests.web.networks import (
    OTHER,
    SECRETS,
    SIBLING,
    YP,
    amy_network,
    other_network,
    ready_conference,
    sibling_network,
)
from tests.web.test_network import summary_errors

LIST = f"/young-people/{YP}/restrictions"
NEW = f"/young-people/{YP}/restrictions/new"
CARER_ADDRESS = "5 Carer Close, Southtown"


def _restriction(id: str, person_id: str, **fields: Any) -> Restriction:
    values = {"kind": "s34_order", "scope": "no_contact", "starts": "2026-10-01"}
    return parse(Restriction, {"id": id, "person_id": person_id, **values, **fields})


@pytest.fixture
def networks(store: Store) -> None:
    document = amy_network().to_document()
    document["people"].append(
        {"id": "p-fc", "name": "Fay Carer", "category": "carer", "address": CARER_ADDRESS}
    )
    document["relationships"].append(
        {"person_id": "p-fc", "role": "foster_carer", "safety": "safe", "paid": True}
    )
    store.save_networks([parse_network(document), sibling_network(), other_network()])


@pytest.fixture
def client_for(
    app: Flask, networks: None, add_user: Callable[..., User]
) -> Callable[..., FlaskClient]:
    """A client of its own, signed in as a new user in a role with allocations."""

    def make(username: str, role: str, allocated: tuple[str, ...]) -> FlaskClient:
        add_user(username, role, allocated)
        client = app.test_client()
        sign_in(client, username)
        return client

    return make


@pytest.fixture
def coordinator(networks: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("coordinator", allocated=(YP, SIBLING))


def _html(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def _form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "person_id": "p-kai",
        "kind": "child_arrangements_order",
        "scope": "supervised",
        "starts": ["1", "11", "2026"],
        "review_by": ["1", "5", "2027"],
        "source": "ZE26C00999",
        "note": "Supervised at the family centre.",
    }
    data.update(overrides)
    return data


def _changes(store: Store) -> list[str]:
    return [e.detail for e in store.audit_events(YP) if e.action == "change"]


def test_recording_a_restriction_through_the_form(coordinator: FlaskClient, store: Store) -> None:
    html = _html(coordinator, NEW)
    assert 'type="radio"' in html and 'name="starts"' in html
    response = coordinator.post(NEW, data=_form())
    assert response.status_code == 302 and response.location.endswith(LIST)
    (record,) = store.restrictions(YP)
    r = record.restriction
    assert (r.person_id, r.kind, r.scope, r.starts, r.review_by, r.source) == (
        "p-kai",
        "child_arrangements_order",
        "supervised",
        date(2026, 11, 1),
        date(2027, 5, 1),
        "ZE26C00999",
    )
    assert record.recorded_by == "test-coordinator" or record.recorded_by
    assert [d for d in _changes(store) if d.startswith("restriction added")] == [
        f"restriction added: {r.id} (child_arrangements_order, supervised) on p-kai"
    ]
    listing = text_of(_html(coordinator, LIST))
    assert "Kai Example" in listing and "Supervised contact only" in listing
    assert "Child arrangements order (ZE26C00999)" in listing
    # The young person's page marks Kai as restricted.
    page = _html(coordinator, f"/young-people/{YP}")
    section = text_of(page[page.index('id="restrictions"') :][:3000])
    assert "Restricted Kai Example: supervised contact only" in section


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "Choose what the restriction rests on"),
        ({"scope": "everything"}, "scope", "Choose what the restriction restricts from the list"),
        ({"starts": ["", "", ""]}, "starts", "Enter the date the restriction starts"),
        ({"starts": ["31", "2", "2026"]}, "starts", "Date it starts must be a real date"),
        (
            {"review_by": ["1", "1", "2026"]},
            "review_by",
            "Date to review it by must be on or after the date it starts",
        ),
        ({"person_id": "p-nobody"}, "person_id", "Choose who the restriction is on from the list"),
        ({"source": "x" * 501}, "source", "Order reference must be 500 characters or fewer"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    coordinator: FlaskClient, store: Store, overrides: dict[str, Any], field: str, message: str
) -> None:
    response = coordinator.post(NEW, data=_form(**overrides))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in summary_errors(html)
    assert f'href="#{field}' in html
    assert store.restrictions(YP) == []
    assert not [d for d in _changes(store) if d.startswith("restriction")]


def test_ending_a_restriction_on_the_version_seen(coordinator: FlaskClient, store: Store) -> None:
    store.add_restriction(YP, _restriction("r-1", "p-kai"), "Sam Worker")
    end = f"/young-people/{YP}/restrictions/r-1/end"
    html = _html(coordinator, end)
    assert 'name="version" type="hidden" value="1"' in html or 'value="1"' in html
    # Before it starts: refused, naming the field, nothing written.
    response = coordinator.post(end, data={"ends": ["1", "9", "2026"], "version": "1"})
    assert response.status_code == 400
    assert any("on or after the day it starts" in e for e in summary_errors(response.text))
    assert store.restrictions(YP)[0].restriction.ends is None
    # On an out-of-date copy: 409, nothing written.
    response = coordinator.post(end, data={"ends": ["20", "11", "2026"], "version": "7"})
    assert response.status_code == 409
    assert store.restrictions(YP)[0].restriction.ends is None
    response = coordinator.post(end, data={"ends": ["20", "11", "2026"], "version": "1"})
    assert response.status_code == 302
    (record,) = store.restrictions(YP)
    assert record.restriction.ends == date(2026, 11, 20)
    assert "restriction ended: r-1 (s34_order, no_contact) on p-kai; ends 2026-11-20" in (
        _changes(store)
    )
    listing = _html(coordinator, LIST)
    ended = text_of(listing[listing.index('id="ended"') :])
    assert "Kai Example" in ended and "20 November 2026" in ended


def test_restrictions_to_review_are_listed_with_the_reason(
    coordinator: FlaskClient, store: Store
) -> None:
    # AS_OF is 22 November 2026: the refusal has lasted 21 days with no court order; the
    # order was due for review on 1 November.
    store.add_restriction(
        YP, _restriction("r-1", "p-kai", kind="s34_refusal", starts="2026-11-01"), "Sam"
    )
    store.add_restriction(
        YP, _restriction("r-2", "p-jo", scope="supervised", review_by="2026-11-01"), "Sam"
    )
    listing = text_of(_html(coordinator, LIST))
    assert (
        "The council's refusal of contact with Kai Example (section 34(6)) has lasted 21 days "
        "without a court order: it may last 7 days at most." in listing
    )
    assert "restricting contact with Jo Smith was due for review on 2026-11-01" in listing
    page = _html(coordinator, f"/young-people/{YP}")
    review = text_of(page[page.index('id="restrictions-to-review"') :][:2000])
    assert "Kai Example" in review and "Jo Smith" in review


def test_who_may_see_and_change_restrictions(
    store: Store, client_for: Callable[..., FlaskClient]
) -> None:
    store.add_restriction(YP, _restriction("r-1", "p-kai"), "Sam Worker")
    end = f"/young-people/{YP}/restrictions/r-1/end"
    outsider = client_for("outsider", "coordinator", (OTHER,))
    for path in (LIST, NEW, end):
        assert outsider.get(path).status_code == 404
    assert outsider.post(NEW, data=_form()).status_code == 404
    assert (
        outsider.post(end, data={"ends": ["20", "11", "2026"], "version": "1"}).status_code == 404
    )
    denied = [e for e in store.audit_events(YP) if e.action == "denied"]
    assert {e.username for e in denied} == {"outsider"}

    facilitator = client_for("facilitator", "facilitator", (YP,))
    assert facilitator.get(LIST).status_code == 200
    assert "Record a restriction" not in facilitator.get(LIST).get_data(as_text=True)
    assert facilitator.get(NEW).status_code == 403
    assert (
        facilitator.post(end, data={"ends": ["20", "11", "2026"], "version": "1"}).status_code
        == 403
    )
    assert store.restrictions(YP)[0].restriction.ends is None
    assert any(
        e.action == "view" and e.detail == "restrictions.index" and e.username == "facilitator"
        for e in store.audit_events(YP)
    )
    # Another young person's restriction cannot be ended through this one's page.
    coordinator = client_for("coordinator", "coordinator", (YP, SIBLING))
    store.add_restriction(SIBLING, _restriction("r-sam", "p-sams-friend"), "Sam Worker")
    path = f"/young-people/{YP}/restrictions/r-sam/end"
    assert coordinator.get(path).status_code == 404


def test_the_relationship_page_shows_the_restrictions_on_that_person(
    coordinator: FlaskClient, store: Store
) -> None:
    store.add_restriction(YP, _restriction("r-1", "p-kai", source="ZE26C00123"), "Sam")
    html = _html(coordinator, f"/young-people/{YP}/people/p-kai/relationship")
    inset = text_of(html[html.index('id="restrictions-on-person"') :][:2000])
    assert "No contact: section 34 contact order (ZE26C00123), from 1 October 2026" in inset
    html = _html(coordinator, f"/young-people/{YP}/people/p-rose/relationship")
    assert 'id="restrictions-on-person"' not in html


def test_addresses_withheld_are_said_plainly_and_never_reach_a_conference(
    coordinator: FlaskClient, store: Store, client_for: Callable[..., FlaskClient]
) -> None:
    store.add_restriction(
        YP,
        _restriction(
            "r-1",
            "p-rose",
            kind="prohibited_steps_order",
            scope="address_withheld",
            source="ZE26C00777",
        ),
        "Sam",
    )
    notice = (
        "The addresses of Amy Example and of Amy Example's carers must never reach Rose "
        "Example: a prohibited steps order (ZE26C00777) withholds them."
    )
    assert notice in text_of(_html(coordinator, LIST))
    page = text_of(_html(coordinator, f"/young-people/{YP}"))
    # The young person's page reads the network without free text: the order's kind is said.
    assert "must never reach Rose Example: a prohibited steps order" in page

    # Rose can see what a conference sees; no carer's address (nor anyone's) is in its bytes.
    ready_conference(store, YP)
    facilitator = client_for("facilitator", "facilitator", (YP,))
    for path in ("/conference", "/conference/plan"):
        response = facilitator.get(f"/young-people/{YP}{path}")
        assert response.status_code == 200
        assert b"Rose Example" in response.data  # she is shown: only her addresses are withheld
        assert CARER_ADDRESS.encode() not in response.data
        assert SECRETS["address"].encode() not in response.data
        assert b"Carer Close" not in response.data and b"ZE26C00777" not in response.data


def test_a_no_contact_restriction_removes_the_person_from_the_conference(
    networks: None, store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    facilitator = signed_in("facilitator", allocated=(YP,))
    ready_conference(store, YP)
    assert b"Kai Example" in facilitator.get(f"/young-people/{YP}/conference").data
    store.add_restriction(YP, _restriction("r-1", "p-kai"), "Sam")
    # Kai was a guest: the list is no longer final, and the family view closes.
    closed = facilitator.get(f"/young-people/{YP}/conference").data
    assert b"not available yet" in closed and b"Kai Example" not in closed
    ready_conference(store, YP)  # the facilitator takes Kai off the list and finalises again
    body = facilitator.get(f"/young-people/{YP}/conference").data
    assert b"Kai Example" not in body and b"p-kai" not in body
    assert re.search(rb"Rose Example", body)


def test_the_cohort_lists_young_people_with_restrictions_to_review(
    networks: None, store: Store, client_for: Callable[..., FlaskClient]
) -> None:
    store.add_restriction(
        YP, _restriction("r-1", "p-kai", kind="s34_refusal", starts="2026-11-01"), "Sam"
    )
    store.add_restriction(SIBLING, _restriction("r-2", "p-sams-friend"), "Sam")  # nothing due
    manager = client_for("manager", "manager", ())
    html = _html(manager, "/cohort")
    section = html[html.index('id="restrictions-to-review"') : html.index('id="young-people"')]
    assert f'href="/young-people/{YP}/restrictions"' in section
    assert "Amy Example" in text_of(section) and "1 to review" in text_of(section)
    assert f"/young-people/{SIBLING}/restrictions" not in section


# --- the API ------------------------------------------------------------------------------------

API = f"/api/v1/young-people/{YP}/restrictions"


def test_the_api_lists_records_and_ends_restrictions(
    networks: None, store: Store, client: FlaskClient, token_for: Callable[..., dict[str, str]]
) -> None:
    headers = token_for("api-coordinator", "coordinator", (YP,))
    body = {
        "person_id": "p-kai",
        "kind": "s34_refusal",
        "scope": "no_contact",
        "starts": "2026-11-01",
        "source": "Decision of the team manager",
    }
    response = client.post(API, json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["person_name"] == "Kai Example" and created["version"] == 1
    assert created["recorded_at"] and created["recorded_by"]

    listed = client.get(API, headers=headers).get_json()["restrictions"]
    assert [r["id"] for r in listed] == [created["id"]]
    assert listed[0]["to_review"].startswith("The council's refusal of contact with Kai Example")

    # 422 naming the fields, nothing written.
    bad = {"person_id": "p-nobody", "kind": "s34_order", "scope": "sometimes", "starts": "x"}
    response = client.post(API, json=bad, headers=headers)
    assert response.status_code == 422
    assert {e["path"] for e in response.get_json()["errors"]} == {"scope", "starts"}
    response = client.post(API, json={**body, "person_id": "p-nobody"}, headers=headers)
    assert response.status_code == 422
    assert [e["path"] for e in response.get_json()["errors"]] == ["person_id"]
    assert len(store.restrictions(YP)) == 1

    end = f"{API}/{created['id']}/end"
    response = client.post(end, json={"ends": "2026-10-01", "version": 1}, headers=headers)
    assert response.status_code == 422
    assert [e["path"] for e in response.get_json()["errors"]] == ["ends"]
    response = client.post(end, json={"ends": "2026-11-20", "version": 9}, headers=headers)
    assert response.status_code == 409
    response = client.post(end, json={"ends": "2026-11-20", "version": 1}, headers=headers)
    assert response.status_code == 200 and response.get_json()["ends"] == "2026-11-20"
    assert store.restrictions(YP)[0].restriction.ends == date(2026, 11, 20)
    details = _changes(store)
    assert f"api.end_restriction: {created['id']} ends 2026-11-20" in details
    assert f"api.post_restriction: {created['id']}" in details


def test_the_api_refuses_the_unallocated_and_facilitators(
    networks: None, store: Store, client: FlaskClient, token_for: Callable[..., dict[str, str]]
) -> None:
    body = {
        "person_id": "p-kai",
        "kind": "s34_order",
        "scope": "no_contact",
        "starts": "2026-11-01",
    }
    outsider = token_for("api-outsider", "coordinator", (OTHER,))
    assert client.get(API, headers=outsider).status_code == 404
    assert client.post(API, json=body, headers=outsider).status_code == 404
    facilitator = token_for("api-facilitator", "facilitator", (YP,))
    assert client.get(API, headers=facilitator).status_code == 200
    assert client.post(API, json=body, headers=facilitator).status_code == 403
    assert store.restrictions(YP) == []
