"""The worker's to do: restrictions due for review and people going quiet from their own young
people's networks, link requests waiting for their decision, nothing from anyone else's network,
and one audit event per young person whose tasks it shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.accounts import User
from connections.invitations import Answer, Draft
from connections.model import Relationship, Wishes, parse, parse_network
from connections.store import Store
from tests.conftest import AS_OF
from tests.web.conftest import sign_in, text_of
from tests.web.networks import OTHER, YP, amy_network, other_network

QUIET_NAME = "Quinn Quiet"
OTHER_QUIET_NAME = "Olive Elsewhere"


def _with_quiet(network_document: dict, person_id: str, name: str) -> dict:
    """A loving relationship, last contact 120 days before the page's day: going quiet."""
    network_document["people"].append({"id": person_id, "name": name, "category": "family"})
    network_document["relationships"].append(
        {
            "person_id": person_id,
            "role": "aunt_uncle",
            "closeness": 4,
            "closeness_rated_by": "young_person",
            "safety": "safe",
            "wishes": "wants",
            "contact": "occasional",
            "last_contact": (AS_OF - timedelta(days=120)).isoformat(),
        }
    )
    return network_document


@pytest.fixture
def networks(store: Store) -> None:
    mine = _with_quiet(amy_network().to_document(), "p-quinn", QUIET_NAME)
    mine["restrictions"].append(
        {
            "id": "r-due",
            "person_id": "p-kai",
            "kind": "s34_order",
            "scope": "supervised",
            "starts": (AS_OF - timedelta(days=200)).isoformat(),
            "review_by": (AS_OF - timedelta(days=5)).isoformat(),
        }
    )
    theirs = _with_quiet(other_network().to_document(), "p-olive", OTHER_QUIET_NAME)
    store.save_networks([parse_network(mine), parse_network(theirs)])


@pytest.fixture
def client_for(
    app: Flask, networks: None, add_user: Callable[..., User]
) -> Callable[..., FlaskClient]:
    def make(username: str, role: str, allocated: tuple[str, ...]) -> FlaskClient:
        add_user(username, role, allocated)
        client = app.test_client()
        sign_in(client, username)
        return client

    return make


def _page(client: FlaskClient) -> str:
    response = client.get("/to-do")
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def test_lists_reviews_and_quiet_people_of_own_young_people_only(
    client_for: Callable[..., FlaskClient],
) -> None:
    html = _page(client_for("cora", "coordinator", (YP,)))
    text = text_of(html)
    assert 'id="restriction_review-table"' in html
    assert "was due for review on " + (AS_OF - timedelta(days=5)).isoformat() in text
    assert 'id="going_quiet-table"' in html
    assert f"{QUIET_NAME} (aunt uncle): no contact recorded for 120 days." in text
    assert OTHER_QUIET_NAME not in text
    assert f'href="/young-people/{YP}/restrictions"' in html


def test_other_worker_sees_only_their_own(client_for: Callable[..., FlaskClient]) -> None:
    text = text_of(_page(client_for("owen", "coordinator", (OTHER,))))
    assert OTHER_QUIET_NAME in text
    assert QUIET_NAME not in text
    assert "Restrictions due for review" not in text


def test_nothing_allocated_says_so(client_for: Callable[..., FlaskClient]) -> None:
    text = text_of(_page(client_for("nina", "facilitator", ())))
    assert "No young people are allocated to you yet." in text


def test_link_request_waiting_for_decision(
    store: Store, client_for: Callable[..., FlaskClient]
) -> None:
    # Owen (allocated to the other network) asks for Rose, who is in Amy's network: Cora decides.
    store.create_link_request(
        "lr-0123456789ab",
        young_person_id=OTHER,
        query="Rose",
        relationship=parse(Relationship, {"person_id": "x", "role": "grandparent"}),
        requested_by="owen",
        candidate_ids=["p-rose"],
    )
    client_for("owen", "coordinator", (OTHER,))
    html = _page(client_for("cora", "coordinator", (YP,)))
    assert 'id="link_request-table"' in html
    assert "asks to link someone they searched for as “Rose”" in text_of(html)
    assert 'href="/link-requests/lr-0123456789ab"' in html


def test_invitation_answers_and_suggestions_until_reviewed_and_done(
    store: Store, client_for: Callable[..., FlaskClient]
) -> None:
    made = datetime(2026, 11, 1, 9, tzinfo=UTC)
    invitation = store.create_invitation(YP, ["p-rose"], 14, "cora", made, "a" * 43)
    draft = Draft((Answer("p-rose", 4, Wishes.WANTS),), "My old neighbour Pat")
    store.submit_invitation("a" * 43, draft, made + timedelta(days=1), AS_OF)
    client = client_for("cora", "coordinator", (YP,))
    html = _page(client)
    assert 'id="invitation_answers-table"' in html and 'id="suggestion-table"' in html
    assert "asked about: “My old neighbour Pat”" in text_of(html)
    show = f"/young-people/{YP}/invitations/{invitation.id}"
    assert f'href="{show}#answers"' in html

    assert client.post(f"{show}/reviewed").status_code == 302
    html = _page(client)
    assert 'id="invitation_answers-table"' not in html and 'id="suggestion-table"' in html
    assert "Reviewed on" in text_of(client.get(show).get_data(as_text=True))

    suggestion = store.get_invitation(YP, invitation.id).suggestions[0]
    done = client.post(f"{show}/suggestions/{suggestion.id}/done")
    assert done.status_code == 302, done.get_data(as_text=True)[:500]
    assert 'id="suggestion-table"' not in _page(client)


def test_audits_each_young_person_shown(
    store: Store, client_for: Callable[..., FlaskClient]
) -> None:
    _page(client_for("cora", "coordinator", (YP,)))
    events = [e for e in store.audit_events(YP) if e.username == "cora" and e.detail == "to do"]
    assert len(events) == 1
    assert not [e for e in store.audit_events(OTHER) if e.username == "cora"]


def test_navigation_offers_it(client_for: Callable[..., FlaskClient]) -> None:
    html = client_for("cora", "coordinator", (YP,)).get("/").get_data(as_text=True)
    assert 'href="/to-do"' in html


def test_needs_sign_in(app: Flask, networks: None) -> None:
    response = app.test_client().get("/to-do")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]
