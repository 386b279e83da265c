"""Invitations on the web (webapp/invitations, webapp/invitation_page) against the real Neo4j:
the coordinator's pages, the young person's page in every state, guessing, and an invitation of
one young person never reaching another's data."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.model import RatedBy
from connections.store import Store
from tests.web.conftest import Clock, csrf_token_of, make_app, sign_in, text_of
from tests.web.networks import OTHER, SECRETS, YP, amy_network, other_network
from webapp.db import close_store

_LINK = re.compile(r'id="invitation-link" href="[^"]*(/i/[A-Za-z0-9_-]{43})"')


@pytest.fixture
def app(store: Store, clock: Clock) -> Iterator[Flask]:
    store.save_networks([amy_network(), other_network()])
    app = make_app(store, CLOCK=clock)
    yield app
    close_store(app)


@pytest.fixture
def coordinator(client: FlaskClient, add_user: Callable[..., object]) -> FlaskClient:
    add_user("cora", "coordinator", (YP,))
    sign_in(client, "cora")
    return client


def create(client: FlaskClient, people: list[str] | None = None, days: str = "14") -> str:
    """Create an invitation as the signed-in coordinator; the path of its link."""
    data = {"person_ids": people or ["p-rose", "p-jo", "p-kai"], "days": days}
    response = client.post(f"/young-people/{YP}/invitations/new", data=data)
    assert response.status_code == 200, response.get_data(as_text=True)
    match = _LINK.search(response.get_data(as_text=True))
    assert match, "no link on the page"
    return match.group(1)


def test_the_form_ticks_everyone_but_no_contact_and_the_link_comes_with_a_qr_code(
    coordinator: FlaskClient, store: Store
) -> None:
    page = coordinator.get(f"/young-people/{YP}/invitations/new").get_data(as_text=True)
    assert re.search(r'value="p-rose"\s+checked|value="p-rose" checked', page)
    ray = re.search(r'<input[^>]*value="p-ray"[^>]*>', page)
    assert ray and "checked" not in ray.group(0)  # offered (the coordinator may), not ticked
    response = coordinator.post(
        f"/young-people/{YP}/invitations/new", data={"person_ids": ["p-rose"], "days": "14"}
    )
    html = response.get_data(as_text=True)
    assert "<svg" in html and "qrline" in html  # the QR code, inline
    token = _LINK.search(html).group(1).removeprefix("/i/")
    invitation = store.invitation_by_token(token)
    assert invitation.person_ids == ("p-rose",)
    # Shown once: the invitation's own page cannot show the link again.
    shown = coordinator.get(f"/young-people/{YP}/invitations/{invitation.id}")
    assert token not in shown.get_data(as_text=True)
    assert "invitation created" in " ".join(e.detail for e in store.audit_events(YP))


def test_the_same_form_sent_twice_makes_one_invitation(
    coordinator: FlaskClient, store: Store
) -> None:
    """Refreshing the page that showed the link re-sends the form: no second live link."""
    page = coordinator.get(f"/young-people/{YP}/invitations/new").get_data(as_text=True)
    key = re.search(r'name="request_key"[^>]*value="([^"]+)"', page)
    assert key, "the form carries its one-time key"
    data = {"person_ids": ["p-rose"], "days": "14", "request_key": key.group(1)}
    first = coordinator.post(f"/young-people/{YP}/invitations/new", data=data)
    assert _LINK.search(first.get_data(as_text=True))
    again = coordinator.post(f"/young-people/{YP}/invitations/new", data=data)
    assert again.status_code == 303
    assert again.headers["Location"].endswith(f"/young-people/{YP}/invitations")
    assert len(store.invitations(YP)) == 1
    listed = coordinator.get(again.headers["Location"]).get_data(as_text=True)
    assert "created already" in listed
    # A fresh form (a new key) makes a new invitation, as it should.
    data["request_key"] = "another-key"
    coordinator.post(f"/young-people/{YP}/invitations/new", data=data)
    assert len(store.invitations(YP)) == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"person_ids": ["p-rose"], "days": "0"}, "days"),
        ({"person_ids": ["p-rose"], "days": "x"}, "days"),
        ({"days": "14"}, "person_ids"),
        ({"person_ids": ["p-secret"], "days": "14"}, "person_ids"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(
    coordinator: FlaskClient, store: Store, data: dict[str, object], field: str
) -> None:
    response = coordinator.post(f"/young-people/{YP}/invitations/new", data=data)
    assert response.status_code == 400
    assert f'href="#{field}' in response.get_data(as_text=True)
    assert store.invitations(YP) == []


def test_only_roles_that_change_networks_create_and_others_get_nothing(
    client: FlaskClient, app: Flask, add_user: Callable[..., object], store: Store
) -> None:
    add_user("fay", "facilitator", (YP,))
    sign_in(client, "fay")
    assert client.get(f"/young-people/{YP}/invitations").status_code == 200
    assert client.get(f"/young-people/{YP}/invitations/new").status_code == 403
    add_user("olga", "coordinator", (OTHER,))
    other = app.test_client()
    sign_in(other, "olga")
    assert other.get(f"/young-people/{YP}/invitations").status_code == 404


def test_the_young_persons_page_shows_their_people_in_their_words_and_nothing_private(
    coordinator: FlaskClient, app: Flask
) -> None:
    path = create(coordinator)
    young_person = app.test_client()  # no session: the link is the only key
    response = young_person.get(path)
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    text = text_of(html)
    assert "Hello Amy" in text
    assert "Your gran or grandad" in text and "Your social worker" in text
    assert "How close do you feel to Rose Example?" in text
    assert "Would you like to see Kai Example?" in text
    assert "Childline" in text and "0800 1111" in text and "Who will read this" in text
    for secret in SECRETS.values():
        assert secret not in html
    for pid in ("p-rose", "p-jo", "p-kai", YP):
        assert pid not in html  # no id reaches the browser
    # Jo's closeness is a worker's estimate (3): never shown as an answer; Rose's own 4 is.
    assert re.search(r'name="closeness-0" type="radio" value="4" checked', html)  # Rose
    assert not re.search(r'name="closeness-1" type="radio" value="\d" checked', html)  # Jo
    # No way to any other page: the only links are the phone number and the page's own form.
    links = re.findall(r'href="([^"]+)"', html)
    assert all(link.startswith(("tel:", "#", "/static/", "data:")) for link in links), links


def test_save_and_come_back_then_submit_changes_the_network_once(
    coordinator: FlaskClient, app: Flask, store: Store
) -> None:
    path = create(coordinator)
    young_person = app.test_client()
    young_person.get(path)
    saved = young_person.post(
        path, data={"closeness-1": "4", "wishes-1": "wants", "suggestions": "Sam", "action": "save"}
    )
    assert saved.status_code == 302
    again = young_person.get(path).get_data(as_text=True)
    assert re.search(r'name="closeness-1" type="radio" value="4" checked', again)
    assert ">Sam</textarea>" in again
    assert store.get_relationship(YP, "p-jo").closeness_rated_by is RatedBy.WORKER  # not yet

    sent = young_person.post(
        path,
        data={
            "closeness-1": "4",
            "wishes-1": "wants",
            "closeness-2": "1",
            "suggestions": "My friend Sam\nAuntie Bea in Leeds",
            "action": "submit",
        },
    )
    assert sent.status_code == 200 and "Your answers have been sent" in text_of(
        sent.get_data(as_text=True)
    )
    jo = store.get_relationship(YP, "p-jo")
    assert (jo.closeness, jo.closeness_rated_by) == (4, RatedBy.YOUNG_PERSON)
    # Used: the same kind page as any link that does not work, and nothing more is written.
    used = young_person.get(path)
    assert used.status_code == 404
    assert young_person.post(path, data={"closeness-1": "0", "action": "submit"}).status_code == 404
    assert store.get_relationship(YP, "p-jo").closeness == 4

    invitation = store.invitations(YP)[0]
    review = coordinator.get(f"/young-people/{YP}/invitations/{invitation.id}")
    text = text_of(review.get_data(as_text=True))
    assert "Close (3), rated by a worker → Very close (4), rated by the young person" in text
    assert "The worker's estimate (3) is kept here." in text
    assert f"Before the answers: {invitation.score_before}" in text
    assert invitation.score_after > invitation.score_before  # Jo now counts
    assert "“My friend Sam”" in text and "“Auntie Bea in Leeds”" in text
    suggestion = invitation.suggestions[0]
    done = coordinator.post(
        f"/young-people/{YP}/invitations/{invitation.id}/suggestions/{suggestion.id}/done"
    )
    assert done.status_code == 302
    assert store.get_invitation(YP, invitation.id).suggestions[0].done
    assert len(store.load_network(YP).people) == len(amy_network().people)  # no one added
    actions = [(e.username, e.action, e.detail) for e in store.audit_events(YP)]
    assert any(a == "young_person" and "sent" in d for _, a, d in actions)
    assert any(u == f"invitation:{invitation.id}" for u, _, _ in actions)


def test_bad_answers_are_named_and_nothing_is_written(
    coordinator: FlaskClient, app: Flask, store: Store
) -> None:
    path = create(coordinator)
    response = app.test_client().post(path, data={"closeness-1": "9", "action": "submit"})
    assert response.status_code == 400
    assert 'href="#closeness-1-0"' in response.get_data(as_text=True)
    assert store.get_relationship(YP, "p-jo").closeness_rated_by is RatedBy.WORKER
    assert store.invitations(YP)[0].submitted_at is None


def test_every_link_that_does_not_work_gets_the_same_page_and_status(
    coordinator: FlaskClient, app: Flask, store: Store, clock: Clock
) -> None:
    answered = create(coordinator)
    app.test_client().post(answered, data={"action": "submit"})
    revoked = create(coordinator)
    invitation = store.invitation_by_token(revoked.removeprefix("/i/"))
    coordinator.post(f"/young-people/{YP}/invitations/{invitation.id}/revoke")
    expired = create(coordinator, days="1")
    clock.now += timedelta(days=1)
    never = "/i/" + secrets.token_urlsafe(32)
    malformed = "/i/not-a-token"
    answers = []
    for path in (answered, revoked, expired, never, malformed):
        for method in ("get", "post"):
            response = getattr(app.test_client(), method)(path, data={"action": "submit"})
            answers.append((response.status_code, response.get_data()))
            assert response.headers["Referrer-Policy"] == "no-referrer"
    assert {status for status, _ in answers} == {404}
    assert len({body for _, body in answers}) == 1
    assert "Please ask your worker for a new link" in text_of(answers[0][1].decode())


def test_guessing_finds_nothing(coordinator: FlaskClient, app: Flask) -> None:
    create(coordinator)  # a real one exists
    guesser = app.test_client()
    answers = {
        (response.status_code, response.get_data())
        for response in (guesser.get("/i/" + secrets.token_urlsafe(32)) for _ in range(200))
    }
    assert len(answers) == 1 and next(iter(answers))[0] == 404


def test_an_invitation_never_reaches_another_young_persons_data(
    coordinator: FlaskClient, app: Flask, store: Store
) -> None:
    other_before = store.load_network(OTHER)
    path = create(coordinator, people=["p-rose"])
    page = app.test_client().get(path).get_data(as_text=True)
    assert "Rosalind Secret" not in page and "Olly" not in page
    # Fields for people not on the invitation, by position or by another network's id.
    response = app.test_client().post(
        path,
        data={
            "closeness-0": "2",
            "closeness-1": "0",
            "closeness-p-secret": "0",
            "person_id": "p-secret",
            "wishes-p-secret": "refuses",
            "action": "submit",
        },
    )
    assert response.status_code == 200
    assert store.load_network(OTHER) == other_before
    assert store.get_relationship(YP, "p-jo").closeness_rated_by is RatedBy.WORKER
    assert store.get_relationship(YP, "p-rose").closeness == 2


def test_the_young_persons_form_needs_its_csrf_token(store: Store, clock: Clock) -> None:
    store.save_networks([amy_network()])
    app = make_app(store, CLOCK=clock, WTF_CSRF_ENABLED=True)
    try:
        from connections.invitations import new_token

        token = new_token()
        store.create_invitation(YP, ["p-jo"], 14, "cora", clock.now, token)
        young_person = app.test_client()
        refused = young_person.post(f"/i/{token}", data={"closeness-0": "4", "action": "submit"})
        assert refused.status_code == 400
        assert store.get_relationship(YP, "p-jo").closeness_rated_by is RatedBy.WORKER
        page = young_person.get(f"/i/{token}").get_data(as_text=True)
        data = {"closeness-0": "4", "action": "submit", "csrf_token": csrf_token_of_page(page)}
        assert young_person.post(f"/i/{token}", data=data).status_code == 200
        assert store.get_relationship(YP, "p-jo").closeness_rated_by is RatedBy.YOUNG_PERSON
    finally:
        close_store(app)


def csrf_token_of_page(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def test_the_young_persons_page_is_rate_limited(store: Store, clock: Clock) -> None:
    app = make_app(store, CLOCK=clock, RATELIMIT_ENABLED=True, INVITATION_RATE_LIMIT="3 per minute")
    try:
        guesser = app.test_client()
        statuses = [guesser.get("/i/" + secrets.token_urlsafe(32)).status_code for _ in range(5)]
        assert statuses == [404, 404, 404, 429, 429]
        busy = guesser.get("/i/x")
        assert "Please wait a minute" in busy.get_data(as_text=True)
        assert busy.headers["Referrer-Policy"] == "no-referrer"
    finally:
        close_store(app)


__all__ = ["csrf_token_of"]


def test_the_api_creates_lists_reads_and_revokes_invitations(
    store: Store, app: Flask, token_for: Callable[..., dict[str, str]]
) -> None:
    headers = token_for("cora-api", "coordinator", (YP,))
    client = app.test_client()
    base = f"/api/v1/young-people/{YP}/invitations"
    created = client.post(base, json={"days": 7}, headers=headers)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["state"] == "open" and "p-ray" not in body["person_ids"]
    assert body["link"].endswith("/i/" + body["token"])
    assert store.invitation_by_token(body["token"]).id == body["id"]
    listed = client.get(base, headers=headers).get_json()["invitations"]
    assert [item["id"] for item in listed] == [body["id"]] and "token" not in listed[0]
    bad = client.post(base, json={"person_ids": ["p-secret"], "days": 99}, headers=headers)
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["path"] == "person_ids"
    assert (
        client.post(base, json={"days": 0}, headers=headers).get_json()["errors"][0]["path"]
        == "days"
    )

    app.test_client().post(body["link"].split("localhost")[-1], data={"closeness-0": "3"})
    one = client.get(f"{base}/{body['id']}", headers=headers).get_json()
    assert one["state"] == "submitted" and one["answers"][0]["closeness"] == 3
    revoked = client.post(f"{base}/{body['id']}/revoke", headers=headers)
    assert revoked.status_code == 409  # answered already
    fresh = client.post(base, json={}, headers=headers).get_json()
    assert client.post(f"{base}/{fresh['id']}/revoke", headers=headers).get_json()["state"] == (
        "revoked"
    )
    other = token_for("olga-api", "coordinator", (OTHER,))
    assert client.get(base, headers=other).status_code == 404
    assert (
        client.get(
            f"/api/v1/young-people/{OTHER}/invitations/{body['id']}", headers=other
        ).status_code
        == 404
    )
