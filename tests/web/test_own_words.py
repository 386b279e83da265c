"""The young person's own words for their family meeting (connections.own_words): given on
their invitation page or recorded by a worker for them, shown at the top of the conference view
and its presenting mode only when they chose to share them, and otherwise absent from the bytes
the family's pages send."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.own_words import WORDS_MAX, GivenBy
from connections.store import Store
from tests.web.conftest import Clock, make_app, sign_in, text_of
from tests.web.networks import OTHER, YP, amy_network, other_network, ready_conference
from webapp.db import close_store

_LINK = re.compile(r'id="invitation-link" href="[^"]*(/i/[A-Za-z0-9_-]{43})"')
WORDS = "I want to live with my nan and see Kai every week."
OWN_WORDS = f"/young-people/{YP}/own-words"
CONFERENCE = f"/young-people/{YP}/conference"


@pytest.fixture
def app(store: Store, clock: Clock) -> Iterator[Flask]:
    store.save_networks([amy_network(), other_network()])
    ready_conference(store, YP)
    app = make_app(store, CLOCK=clock)
    yield app
    close_store(app)


@pytest.fixture
def coordinator(client: FlaskClient, add_user: Callable[..., object]) -> FlaskClient:
    add_user("cora", "coordinator", (YP,))
    sign_in(client, "cora")
    return client


def invitation_path(client: FlaskClient) -> str:
    response = client.post(
        f"/young-people/{YP}/invitations/new", data={"person_ids": ["p-rose"], "days": "14"}
    )
    match = _LINK.search(response.get_data(as_text=True))
    assert match
    return match.group(1)


def conference_bytes(client: FlaskClient) -> bytes:
    response = client.get(CONFERENCE)
    assert response.status_code == 200
    return response.data


@pytest.mark.parametrize("share", ["yes", "no"])
def test_the_young_person_gives_their_words_and_chooses_whether_the_family_sees_them(
    app: Flask, coordinator: FlaskClient, store: Store, share: str
) -> None:
    path = invitation_path(coordinator)
    young_person = app.test_client()
    page = young_person.get(path).get_data(as_text=True)
    assert "What I want my family to know" in page and "Show this at my family meeting?" in page
    sent = young_person.post(
        path,
        data={"closeness-0": "4", "own_words": WORDS, "share_own_words": share, "action": "submit"},
    )
    assert sent.status_code == 200
    words = store.own_words(YP)
    assert words is not None
    expected = (WORDS, share == "yes", GivenBy.YOUNG_PERSON)
    assert (words.text, words.share, words.given_by) == expected
    details = " ".join(e.detail for e in store.audit_events(YP))
    assert "own words for the family meeting given" in details
    assert WORDS not in details  # the audit trail says that, never what

    body = conference_bytes(coordinator)
    if share == "yes":
        html = body.decode()
        # At the top of the conference view, and at the top of presenting mode (in the frame).
        assert html.index(WORDS) < html.index('id="ecomap-frame"')
        frame = html[html.index('id="ecomap-frame"') :]
        assert frame.index('id="ecomap-words"') < frame.index('id="ecomap"')
        assert html.count(WORDS) == 2
    else:
        assert WORDS.encode() not in body
        for marker in (b"own words", b"own-words", b"ecomap-words"):
            assert marker not in body.lower(), marker
    # Never anywhere else the family is shown: the conference's map to print, the plan.
    for other in (f"{CONFERENCE}/map.svg", f"{CONFERENCE}/plan"):
        assert WORDS.encode() not in coordinator.get(other).data, other
    # The worker reads them either way, with where they came from.
    worker = text_of(coordinator.get(OWN_WORDS).get_data(as_text=True))
    assert WORDS in worker and "Written by the young person on their invitation page" in worker
    assert f"Shown at the family meeting {'Yes' if share == 'yes' else 'No'}" in worker


def test_words_without_a_yes_or_no_are_refused_and_nothing_is_written(
    app: Flask, coordinator: FlaskClient, store: Store
) -> None:
    path = invitation_path(coordinator)
    young_person = app.test_client()
    refused = young_person.post(path, data={"own_words": WORDS, "action": "submit"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert 'href="#share_own_words-0"' in html and WORDS in html  # kept for them to send again
    too_long = young_person.post(
        path, data={"own_words": "x" * (WORDS_MAX + 1), "share_own_words": "no", "action": "submit"}
    )
    assert too_long.status_code == 400 and 'href="#own_words"' in too_long.get_data(as_text=True)
    assert store.own_words(YP) is None
    assert young_person.get(path).status_code == 200  # still open: nothing was submitted
    # Saved to come back to: the words and the choice come back with the page.
    young_person.post(path, data={"own_words": WORDS, "share_own_words": "no", "action": "save"})
    again = young_person.get(path).get_data(as_text=True)
    assert f">{WORDS}</textarea>" in again
    assert re.search(r'name="share_own_words" type="radio" value="no" checked', again)
    assert store.own_words(YP) is None  # a draft is not the young person's answer yet


def test_a_worker_records_what_the_young_person_said_only_as_their_own_words(
    coordinator: FlaskClient, store: Store
) -> None:
    page = coordinator.get(f"/young-people/{YP}").get_data(as_text=True)
    assert 'id="own-words-link"' in page
    assert "has not given any words yet" in coordinator.get(OWN_WORDS).get_data(as_text=True)
    unconfirmed = coordinator.post(OWN_WORDS, data={"own_words": WORDS, "share_own_words": "yes"})
    assert unconfirmed.status_code == 400
    assert 'href="#said_by_young_person' in unconfirmed.get_data(as_text=True)
    no_choice = coordinator.post(OWN_WORDS, data={"own_words": WORDS, "said_by_young_person": "y"})
    assert no_choice.status_code == 400
    assert 'href="#share_own_words' in no_choice.get_data(as_text=True)
    assert store.own_words(YP) is None
    assert WORDS.encode() not in conference_bytes(coordinator)

    saved = coordinator.post(
        OWN_WORDS,
        data={"own_words": WORDS, "share_own_words": "yes", "said_by_young_person": "y"},
    )
    assert saved.status_code == 302
    words = store.own_words(YP)
    assert words is not None
    assert (words.given_by, words.recorded_by, words.share) == (GivenBy.WORKER, "cora", True)
    shown = text_of(coordinator.get(OWN_WORDS).get_data(as_text=True))
    assert "Said by the young person, recorded by cora" in shown
    assert WORDS in conference_bytes(coordinator).decode()
    assert any(
        e.action == "change" and "own words recorded" in e.detail for e in store.audit_events(YP)
    )
    # Changed their mind: not to be shown. Gone from the conference page's bytes.
    coordinator.post(
        OWN_WORDS,
        data={"own_words": WORDS, "share_own_words": "no", "said_by_young_person": "y"},
    )
    assert WORDS.encode() not in conference_bytes(coordinator)


def test_a_worker_not_allocated_sees_and_records_nothing(
    app: Flask, add_user: Callable[..., object], store: Store
) -> None:
    add_user("olga", "coordinator", (OTHER,))
    other = app.test_client()
    sign_in(other, "olga")
    assert other.get(OWN_WORDS).status_code in (403, 404)
    refused = other.post(
        OWN_WORDS, data={"own_words": WORDS, "share_own_words": "yes", "said_by_young_person": "y"}
    )
    assert refused.status_code in (403, 404)
    assert store.own_words(YP) is None
