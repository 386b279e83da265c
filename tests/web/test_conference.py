"""The Family Group Conference view: redacted on the server, and the plan recorded in it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.model import FieldError, revise
from connections.store import Store, network_version
from tests.web.conftest import text_of
from tests.web.networks import (
    SECRETS,
    SIBLING,
    YP,
    amy_network,
    hidden_value,
    map_data,
    sibling_network,
)
from webapp.conference.forms import PlanForm
from webapp.conference.views import _show_plan_errors

SHOWN = ["Rose Example", "Kai Example", "Jo Smith"]


@pytest.fixture
def networks(store: Store) -> None:
    store.save_networks([amy_network(), sibling_network()])


@pytest.fixture
def facilitator(networks: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("facilitator", allocated=(YP,))


def raw(client: FlaskClient, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200
    return response.data


@pytest.mark.parametrize("path", ["/conference", "/conference/plan"])
def test_nothing_hidden_is_in_the_page_sent(facilitator: FlaskClient, path: str) -> None:
    body = raw(facilitator, f"/young-people/{YP}{path}")
    for what, secret in SECRETS.items():
        assert secret.encode() not in body, what
    # No closeness rating, in words, numbers or JSON keys, and no safety words.
    lowered = body.lower()
    for word in (
        b"very close",
        b"closeness",
        b"rated by",
        b"no contact",
        b"safety",
        b'"ring":4',
        b"not rated",
    ):
        assert word not in lowered, word
    for name in SHOWN:
        assert name.encode() in body, name


def test_the_map_json_holds_only_what_a_conference_may_see(facilitator: FlaskClient) -> None:
    html = raw(facilitator, f"/young-people/{YP}/conference").decode()
    data = map_data(html)
    assert data["conference"] is True
    names = {node["name"] for node in data["nodes"]}
    assert names == {"Amy Example", *SHOWN}
    for node in data["nodes"]:
        assert not {"closeness", "closeness_rated_by", "safety", "last_contact"} & set(node)
    assert data["rings"] == []
    # The table beside the map: the same people.
    table = html[html.index('id="conference-people"') :]
    table = table[: table.index("</table>")]
    assert [n for n in SHOWN if n in table] == SHOWN
    # Large type for the room.
    assert "css/conference.css" in html and "govuk-heading-xl" in html


def test_the_conference_view_never_shows_the_report(facilitator: FlaskClient) -> None:
    text = text_of(raw(facilitator, f"/young-people/{YP}/conference").decode())
    assert "Only 1 loving relationship" not in text
    assert "relationship now" not in text and "relationships now" not in text
    assert "coverage score" not in text and "Sibling Kai Example" not in text


def test_recording_the_plan_updates_support_commitments_and_contact(
    facilitator: FlaskClient, store: Store
) -> None:
    html = raw(facilitator, f"/young-people/{YP}/conference/plan").decode()
    entries = dict(re.findall(r'name="(people-\d+)-person_id" type="hidden" value="([^"]+)"', html))
    index = {person_id: prefix for prefix, person_id in entries.items()}
    assert set(index) == {"p-jo", "p-kai", "p-rose"}
    # One version for the whole network the plan was opened on.
    assert hidden_value(html, "version") == network_version(store.load_network(YP))
    assert 'name="people-0-version"' not in html
    form: dict[str, object] = {"version": hidden_value(html, "version")}
    for person_id, prefix in index.items():
        form[f"{prefix}-person_id"] = person_id
    form[f"{index['p-rose']}-support"] = ["emotional", "somewhere_to_stay", "money"]
    form[f"{index['p-rose']}-keep_in_touch"] = "active"
    form[f"{index['p-jo']}-support"] = ["practical"]
    form[f"{index['p-jo']}-always_here"] = "y"
    form[f"{index['p-jo']}-keep_in_touch"] = "active"
    form[f"{index['p-kai']}-support"] = ["celebrations"]
    form[f"{index['p-kai']}-keep_in_touch"] = "occasional"

    response = facilitator.post(f"/young-people/{YP}/conference/plan", data=form)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/young-people/{YP}/conference")

    rose = store.get_relationship(YP, "p-rose")
    assert [d.value for d in rose.support] == ["emotional", "somewhere_to_stay", "money"]
    # What the conference could not see is kept as it was.
    assert rose.notes == SECRETS["note"] and rose.safety_note == SECRETS["safety note"]
    assert rose.closeness == 4 and rose.closeness_rated_by.value == "young_person"
    jo = store.get_relationship(YP, "p-jo")
    assert jo.continues_beyond_role is True
    kai = store.get_relationship(YP, "p-kai")
    assert kai.contact.value == "occasional" and [d.value for d in kai.support] == ["celebrations"]
    hidden = store.get_relationship(YP, "p-hana")
    assert hidden.contact.value == "occasional" and hidden.version == 1  # untouched

    html = raw(facilitator, f"/young-people/{YP}/conference").decode()
    assert "The plan is saved." in html
    text = text_of(html)
    assert "Money Rose Example (grandparent)" in text
    assert "Celebrations Kai Example (sibling)" in text
    always = html[html.index('id="always-here"') :]
    assert "Jo Smith (social worker)" in always[: always.index("</ul>")]
    in_touch = text_of(html[html.index('id="in-touch"') :])
    assert "Kai Example (sibling): now and then" in in_touch
    for secret in SECRETS.values():
        assert secret not in html

    # The coordinator's report changes with the plan: Kai now counts, Jo stays past 18.
    events = [e for e in store.audit_events(YP) if e.action == "conference"]
    assert len(events) == 1 and events[0].detail == "plan recorded: 3 relationships changed"


def _plan_post(html: str, **support: list[str]) -> dict[str, object]:
    """The plan form as the page shows it, with these people's offers of support changed."""
    form: dict[str, object] = {"version": hidden_value(html, "version")}
    for prefix, person_id in re.findall(
        r'name="(people-\d+)-person_id" type="hidden" value="([^"]+)"', html
    ):
        form[f"{prefix}-person_id"] = person_id
        form[f"{prefix}-support"] = support.get(person_id.removeprefix("p-"), [])
    return form


def test_a_stale_plan_is_refused_and_nothing_changes(
    facilitator: FlaskClient, store: Store
) -> None:
    html = raw(facilitator, f"/young-people/{YP}/conference/plan").decode()
    form = _plan_post(html, rose=["money"], kai=["money"], jo=["practical", "money"])
    # A coordinator saves a change to someone the conference cannot even see (Hana) meanwhile:
    # the network the plan was opened on is out of date, so none of the plan is saved.
    hana = store.get_relationship(YP, "p-hana")
    store.update_relationship(YP, revise(hana, {"notes": "changed meanwhile"}))
    before = store.load_network(YP).to_document()

    response = facilitator.post(f"/young-people/{YP}/conference/plan", data=form)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert (
        "Someone else saved changes to this young person's network after you opened the plan"
        in (text_of(page))
    )
    assert "Nothing was saved" in page and "govuk-error-summary" in page
    assert "Reload the plan as it is saved now" in page
    for secret in SECRETS.values():
        assert secret not in page  # the refusal names no one hidden
    assert store.load_network(YP).to_document() == before
    assert [e for e in store.audit_events(YP) if e.action == "conference"] == []

    # Reloaded, the same plan saves: every part of it at once.
    html = raw(facilitator, f"/young-people/{YP}/conference/plan").decode()
    form = _plan_post(html, rose=["money"], kai=["money"], jo=["practical", "money"])
    response = facilitator.post(f"/young-people/{YP}/conference/plan", data=form)
    assert response.status_code == 302
    assert [d.value for d in store.get_relationship(YP, "p-rose").support] == ["money"]
    assert [d.value for d in store.get_relationship(YP, "p-kai").support] == ["money"]
    assert store.get_relationship(YP, "p-hana").notes == "changed meanwhile"
    # The version the first form carried is now stale too.
    response = facilitator.post(f"/young-people/{YP}/conference/plan", data=form)
    assert response.status_code == 409


def test_a_plan_without_its_version_is_refused(facilitator: FlaskClient, store: Store) -> None:
    html = raw(facilitator, f"/young-people/{YP}/conference/plan").decode()
    before = store.load_network(YP).to_document()
    for version in ("", "n-0000", "' OR 1=1 //", "x" * 10_000):
        form = {**_plan_post(html, rose=["money"]), "version": version}
        response = facilitator.post(f"/young-people/{YP}/conference/plan", data=form)
        assert response.status_code == 409, version
        assert "Nothing was saved" in response.get_data(as_text=True)
    assert store.load_network(YP).to_document() == before


@pytest.mark.parametrize("person_id", ["p-ray", "p-hana", "p-finn", "<script>", "p-rose"])
def test_a_tampered_plan_is_refused_without_naming_anyone(
    facilitator: FlaskClient, store: Store, person_id: str
) -> None:
    before = store.load_network(YP).to_document()
    form = {
        "people-0-person_id": "p-rose",
        "people-0-version": "1",
        "people-1-person_id": person_id,
        "people-1-version": "1",
        "people-1-support": ["money"],
        "people-1-always_here": "y",
    }
    response = facilitator.post(f"/young-people/{YP}/conference/plan", data=form)
    assert response.status_code == 400
    body = response.data
    assert b"form did not match the people shown" in body
    for secret in SECRETS.values():
        assert secret.encode() not in body
    assert b"<script>" not in body.replace(b'<script src="', b"").replace(
        b'<script type="module" src="', b""
    )
    assert store.load_network(YP).to_document() == before


def test_bad_plan_values_are_named(facilitator: FlaskClient, store: Store) -> None:
    before = store.load_network(YP).to_document()
    form = {
        "people-0-person_id": "p-rose",
        "people-0-version": "1",
        "people-0-support": ["money", "yachts"],
        "people-0-keep_in_touch": "always",
    }
    response = facilitator.post(f"/young-people/{YP}/conference/plan", data=form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choose what they offer from the list" in html
    assert "Choose whether they will stay in touch from the list" in html
    assert 'href="#people-0-support"' in html
    assert store.load_network(YP).to_document() == before


def test_who_may_open_the_conference(
    networks: None, signed_in: Callable[..., FlaskClient], client: FlaskClient
) -> None:
    for role, allocated, status in (
        ("facilitator", (YP,), 200),
        ("facilitator", (SIBLING,), 404),
        ("coordinator", (YP,), 200),
        ("coordinator", (), 404),
        ("manager", (), 200),
        ("admin", (), 200),
    ):
        user = signed_in(
            role,
            allocated=allocated,
            username=f"{role}-{len(allocated)}-{'yp' if YP in allocated else 'no'}",
        )
        for path in ("/conference", "/conference/plan"):
            assert user.get(f"/young-people/{YP}{path}").status_code == status, (role, path)
        response = user.post(f"/young-people/{YP}/conference/plan", data={})
        assert response.status_code in ((302,) if status == 200 else (404,)), role
        client.post("/sign-out")


def test_store_errors_land_on_the_persons_part_of_the_plan(app: Flask) -> None:
    """The form offers only valid values, so the store's own check (changes[i].relationship.x)
    is met only by a tampered post: its message still goes next to the field it names."""
    data = {"people-0-person_id": "p-rose", "people-1-person_id": "p-kai", "version": "n-1"}
    with app.test_request_context(method="POST", data=data):
        form = PlanForm()
        _show_plan_errors(
            form,
            [
                FieldError(path="changes[1].relationship.contact", message="is not allowed"),
                FieldError(path="changes[0].relationship.support[0]", message="is unknown"),
                FieldError(path="changes[7].person.name", message="is odd"),
            ],
        )
        kai, rose = form.people.entries[1].form, form.people.entries[0].form
        assert kai.keep_in_touch.errors == ["Will they stay in touch?: is not allowed"]
        assert rose.support.errors == ["What they offer: is unknown", "What they offer: is odd"]
