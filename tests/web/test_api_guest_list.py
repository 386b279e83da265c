"""The conference guest list through the API (webapp/api/guests.py, docs/conference.md), on the
real Neo4j: each rule of the facilitator's pages holds for an API caller too, with JSON errors
naming the field, nothing written on a refusal, and every view and change audited.

Amy's network (tests/web/networks.py): Rose is a parent of Ray (no contact), so inviting Rose
warns; Ray (no contact) and Hana (hidden from conferences) cannot be invited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from flask.testing import FlaskClient

from connections.consent import Purpose
from connections.model import parse_network
from connections.store import Store
from tests.consents import record_in_place
from tests.web.networks import OTHER, SECRETS, YP, amy_network, other_network

GUESTS = f"/api/v1/young-people/{YP}/conference/guests"
ACK = f"{GUESTS}/acknowledgements"
FINAL = f"{GUESTS}/final"
ROSE_KEY = "p-rose|parent|p-ray"
RAY = SECRETS["no-contact person's name"]


@pytest.fixture
def facilitator(store: Store, token_for: Callable[..., dict[str, str]]) -> dict[str, str]:
    """Amy's and Olly's networks; the API token of a facilitator to whom Amy is allocated."""
    store.save_networks([amy_network(), other_network()])
    return token_for("fay", "facilitator", (YP,))


def errors_of(response: Any) -> dict[str, str]:
    assert response.mimetype == "application/json", response.get_data(as_text=True)
    return {error["path"]: error["message"] for error in response.get_json()["errors"]}


def conference_events(store: Store) -> list[str]:
    return [event.detail for event in store.audit_events(YP) if event.action == "conference"]


def matches_schema(client: FlaskClient, body: dict[str, Any], name: str) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": spec["components"]},
        format_checker=jsonschema.FormatChecker(),
    ).validate(body)


def test_get_lists_guests_who_cannot_be_invited_with_reasons_and_is_audited(
    client: FlaskClient, store: Store, facilitator: dict[str, str]
) -> None:
    response = client.get(GUESTS, headers=facilitator)
    assert response.status_code == 200
    body = response.get_json()
    matches_schema(client, body, "GuestList")
    assert (body["status"], body["version"], body["guests"]) == ("draft", 0, [])
    refused = {person["id"]: person["reason"] for person in body["cannot_invite"]}
    assert set(refused) == {"p-ray", "p-hana"}
    assert "must have no contact with them" in refused["p-ray"]
    assert "asked for them not to be shown to the family" in refused["p-hana"]
    assert {person["id"] for person in body["may_invite"]} == {"p-rose", "p-kai", "p-jo"}
    assert body["blockers"] == ["Add at least one guest."]
    assert body["family_view_available"] is False
    views = [e.detail for e in store.audit_events(YP) if e.action == "view"]
    assert "api.get_guest_list" in views


def test_put_refusing_anyone_is_422_naming_each_with_the_reason_and_writes_nothing(
    client: FlaskClient, store: Store, facilitator: dict[str, str]
) -> None:
    response = client.put(
        GUESTS,
        json={"guest_ids": ["p-rose", "p-ray", "p-hana", "p-nobody"], "version": 0},
        headers=facilitator,
    )
    assert response.status_code == 422
    errors = errors_of(response)
    assert set(errors) == {"guest_ids[1]", "guest_ids[2]", "guest_ids[3]"}
    assert "no contact" in errors["guest_ids[1]"]
    assert "asked for them not to be shown" in errors["guest_ids[2]"]
    assert "not in the young person's network" in errors["guest_ids[3]"]
    stored = store.guest_list(YP)
    assert (stored.guest_ids, stored.version) == ((), 0)
    assert "api: guests refused: p-ray, p-hana, p-nobody" in conference_events(store)


def test_put_sets_the_guests_and_a_stale_version_is_409(
    client: FlaskClient, store: Store, facilitator: dict[str, str]
) -> None:
    response = client.put(
        GUESTS, json={"guest_ids": ["p-rose", "p-kai"], "version": 0}, headers=facilitator
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    matches_schema(client, body, "GuestList")
    assert [guest["id"] for guest in body["guests"]] == ["p-kai", "p-rose"]
    assert body["version"] == 1 and body["status"] == "draft"
    [warning] = body["warnings"]
    assert warning["key"] == ROSE_KEY and warning["kind"] == "parent"
    assert warning["acknowledged"] is False and warning["acknowledgement"] is None
    assert warning["text"].startswith("Rose Example is a parent of someone")
    assert RAY not in warning["text"]
    assert store.guest_list(YP).guest_ids == ("p-kai", "p-rose")
    assert "api: guests set: p-kai, p-rose" in conference_events(store)

    # Someone else's change was based on version 0: refused, nothing written.
    stale = client.put(GUESTS, json={"guest_ids": ["p-jo"], "version": 0}, headers=facilitator)
    assert stale.status_code == 409
    assert "version is now 1" in errors_of(stale)["version"]
    assert store.guest_list(YP).guest_ids == ("p-kai", "p-rose")


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"guest_ids": ["p-rose"]}, "version"),
        ({"version": 0}, "guest_ids"),
        ({"guest_ids": "p-rose", "version": 0}, "guest_ids"),
        ({"guest_ids": ["p-rose"], "version": "0"}, "version"),
        ({"guest_ids": ["p-rose"], "version": True}, "version"),
        ({"guest_ids": ["p-rose"], "version": -1}, "version"),
        ({"guest_ids": [7], "version": 0}, "guest_ids[0]"),
        ({"guest_ids": [], "version": 0, "extra": 1}, "extra"),
        (["p-rose"], ""),
    ],
)
def test_put_with_bad_fields_is_422_naming_them(
    client: FlaskClient, store: Store, facilitator: dict[str, str], body: Any, path: str
) -> None:
    response = client.put(GUESTS, json=body, headers=facilitator)
    assert response.status_code == 422
    assert path in errors_of(response)
    assert store.guest_list(YP).version == 0


def test_a_body_that_is_not_json_is_refused(
    client: FlaskClient, facilitator: dict[str, str]
) -> None:
    form = client.put(GUESTS, data={"guest_ids": "p-rose"}, headers=facilitator)
    assert form.status_code == 415
    broken = client.post(
        FINAL, data="{not json", content_type="application/json", headers=facilitator
    )
    assert broken.status_code == 400 and "not valid JSON" in errors_of(broken)[""]


def test_finalising_is_refused_until_each_warning_is_acknowledged_with_a_reason(
    client: FlaskClient, store: Store, facilitator: dict[str, str]
) -> None:
    empty = client.post(FINAL, json={"version": 0}, headers=facilitator)
    assert empty.status_code == 409
    assert errors_of(empty) == {"guests": "Add at least one guest."}

    client.put(GUESTS, json={"guest_ids": ["p-rose"], "version": 0}, headers=facilitator)
    refused = client.post(FINAL, json={"version": 1}, headers=facilitator)
    assert refused.status_code == 409
    errors = errors_of(refused)
    assert list(errors) == ["warnings[0]"]
    assert errors["warnings[0]"].startswith("Acknowledge the warning: Rose Example is a parent")
    assert RAY not in refused.get_data(as_text=True)
    assert not store.guest_list(YP).final
    assert "api: finalising refused" in conference_events(store)

    # No reason, an unknown key: 422 naming each, nothing recorded.
    blank = client.post(
        ACK, json={"key": "p-kai|parent|p-ray", "reason": "  ", "version": 1}, headers=facilitator
    )
    assert blank.status_code == 422
    assert set(errors_of(blank)) == {"reason", "key"}
    long = client.post(
        ACK, json={"key": ROSE_KEY, "reason": "x" * 2001, "version": 1}, headers=facilitator
    )
    assert long.status_code == 422 and set(errors_of(long)) == {"reason"}
    assert store.guest_list(YP).acknowledgements == {}
    # A stale version: 409.
    stale = client.post(
        ACK, json={"key": ROSE_KEY, "reason": "ok", "version": 0}, headers=facilitator
    )
    assert stale.status_code == 409 and "version" in errors_of(stale)
    assert store.guest_list(YP).acknowledgements == {}

    reason = "Rose has had no contact with Ray for years"
    acked = client.post(
        ACK, json={"key": ROSE_KEY, "reason": reason, "version": 1}, headers=facilitator
    )
    assert acked.status_code == 200, acked.get_data(as_text=True)
    body = acked.get_json()
    matches_schema(client, body, "GuestList")
    [warning] = body["warnings"]
    assert warning["acknowledged"] is True
    assert warning["acknowledgement"]["reason"] == reason
    assert warning["acknowledgement"]["by"] == "fay"
    assert body["blockers"] == [] and body["version"] == 2
    assert store.guest_list(YP).acknowledgements[ROSE_KEY].by == "fay"
    assert f"api: warning acknowledged: {ROSE_KEY}" in conference_events(store)

    stale_final = client.post(FINAL, json={"version": 1}, headers=facilitator)
    assert stale_final.status_code == 409 and "version" in errors_of(stale_final)
    final = client.post(FINAL, json={"version": 2}, headers=facilitator)
    assert final.status_code == 200, final.get_data(as_text=True)
    body = final.get_json()
    assert body["status"] == "final" and body["finalised_by"] == "fay"
    assert body["family_view_available"] is False  # no information-sharing consent yet
    assert store.guest_list(YP).final
    record_in_place(store, YP, [Purpose.CONFERENCE_SHARING])
    assert client.get(GUESTS, headers=facilitator).get_json()["family_view_available"] is True
    assert "api: guest list finalised" in conference_events(store)

    # Changing the guests makes it a draft again.
    again = client.put(
        GUESTS, json={"guest_ids": ["p-rose", "p-kai"], "version": 3}, headers=facilitator
    )
    assert again.status_code == 200 and again.get_json()["status"] == "draft"


def test_a_restriction_started_after_finalising_is_named_at_the_guests_path(
    client: FlaskClient, store: Store, facilitator: dict[str, str]
) -> None:
    client.put(GUESTS, json={"guest_ids": ["p-kai"], "version": 0}, headers=facilitator)
    assert client.post(FINAL, json={"version": 1}, headers=facilitator).status_code == 200
    document = store.load_network(YP).to_document()
    document["restrictions"] = [
        {
            "id": "r-kai",
            "person_id": "p-kai",
            "kind": "s34_order",
            "scope": "no_contact",
            "starts": "2026-01-01",
        }
    ]
    store.save_networks([parse_network(document)])
    body = client.get(GUESTS, headers=facilitator).get_json()
    assert body["status"] == "final" and body["family_view_available"] is False
    assert "a restriction in force" in body["guests"][0]["reason"]
    refused = client.post(FINAL, json={"version": 2}, headers=facilitator)
    assert refused.status_code == 409
    assert "Remove them from the guest list" in errors_of(refused)["guests[0]"]


def test_who_may_read_and_change_the_list(
    client: FlaskClient, store: Store, facilitator: dict[str, str], token_for: Callable[..., Any]
) -> None:
    # Not allocated: 404, as for no one at all, and audited as denied; nothing written.
    outsider = token_for("other-fac", "facilitator", (OTHER,))
    assert client.get(GUESTS, headers=outsider).status_code == 404
    put = client.put(GUESTS, json={"guest_ids": ["p-rose"], "version": 0}, headers=outsider)
    assert put.status_code == 404 and errors_of(put) == {"": "There is nothing at this address."}
    assert store.guest_list(YP).version == 0
    assert any(e.action == "denied" for e in store.audit_events(YP))
    # No credentials: 401.
    assert client.get(GUESTS).status_code == 401
    # As on the pages, any role that may open the young person may change it.
    coordinator = token_for("cora", "coordinator", (YP,))
    ok = client.put(GUESTS, json={"guest_ids": ["p-rose"], "version": 0}, headers=coordinator)
    assert ok.status_code == 200
    manager = token_for("mo", "manager")
    assert client.get(GUESTS, headers=manager).get_json()["version"] == 1
