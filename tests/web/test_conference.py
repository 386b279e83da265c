"""The Family Group Conference view: redacted on the server, and the plan recorded in it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections import audiences
from connections.model import Category, FieldError, Person, Relationship, Role, Safety, revise
from connections.store import Store, network_version
from tests.web.conftest import text_of
from tests.web.networks import (
    SECRETS,
    SIBLING,
    YP,
    amy_network,
    hidden_value,
    map_data,
    ready_conference,
    sibling_network,
)
from webapp.conference.forms import PersonPlanForm
from webapp.conference.views import _show_plan_errors

SHOWN = ["Rose Example", "Kai Example", "Jo Smith"]
PLAN = f"/young-people/{YP}/conference/plan"
#: The people the conference may see, in the order the plan goes round them (by name).
ROUND = ["p-jo", "p-kai", "p-rose"]


@pytest.fixture
def networks(store: Store) -> None:
    store.save_networks([amy_network(), sibling_network()])
    ready_conference(store, YP)


@pytest.fixture
def facilitator(networks: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("facilitator", allocated=(YP,))


def raw(client: FlaskClient, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200
    return response.data


@pytest.mark.parametrize(
    "path",
    ["/conference", "/conference/plan", *(f"/conference/plan/{pid}" for pid in ROUND)],
)
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
    if "/plan/" not in path:  # a person's page names them and the people either side
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


def _person_form(html: str, **fields: object) -> dict[str, object]:
    """A person's plan page as it was sent (its version and what is ticked), with ``fields``
    changed."""
    form: dict[str, object] = {
        "version": hidden_value(html, "version"),
        "support": re.findall(r'name="support" type="checkbox" value="(\w+)" checked', html),
        "keep_in_touch": (
            re.findall(r'name="keep_in_touch" type="radio" value="(\w*)" checked', html) or [""]
        )[0],
    }
    if re.search(r'name="always_here" type="checkbox" value="y" checked', html):
        form["always_here"] = "y"
    form.update(fields)
    return {key: value for key, value in form.items() if value is not None}


def test_the_plan_is_a_short_list_of_the_people_shown(facilitator: FlaskClient) -> None:
    html = raw(facilitator, PLAN).decode()
    assert "<form" not in html[html.index("<main") :]  # nothing to save here: one person a time
    links = re.findall(rf'href="{PLAN}/([^"]+)"', html)
    assert links == [ROUND[0], *ROUND]  # "Start with Jo Smith", then one link a person
    table = text_of(html[html.index('id="plan-people"') : html.index("</table>")])
    assert table.count("At the conference") == 3  # all three are on the guest list
    table = table.replace(" At the conference", "")
    assert "The plan so far: 3 people" in table
    assert "Jo Smith (social worker) Practical Not yet Yes, often" in table
    assert "Kai Example (sibling) Nothing yet Not yet Not agreed" in table
    assert "Start with Jo Smith" in text_of(html)


def test_recording_the_plan_one_person_at_a_time(facilitator: FlaskClient, store: Store) -> None:
    html = raw(facilitator, f"{PLAN}/p-jo").decode()
    assert (
        "person 1 of 3" in html and '<h1 class="govuk-heading-l">Jo Smith (social worker)' in html
    )
    assert "Save and go to the next person" in html
    # Jo: Always Here; "Save and go to the next person" saves and opens Kai's part.
    form = _person_form(html, always_here="y", save_next="Save and go to the next person")
    response = facilitator.post(f"{PLAN}/p-jo", data=form)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{PLAN}/p-kai")
    html = raw(facilitator, f"{PLAN}/p-kai").decode()
    assert "Jo Smith&#39;s part of the plan is saved." in html and "person 2 of 3" in html
    form = _person_form(html, support=["celebrations"], keep_in_touch="occasional", save_next="x")
    assert facilitator.post(f"{PLAN}/p-kai", data=form).headers["Location"].endswith("/p-rose")
    # Rose is the last: one button, back to the plan.
    html = raw(facilitator, f"{PLAN}/p-rose").decode()
    assert "Save and go to the next person" not in html and "person 3 of 3" in html
    form = _person_form(html, support=["emotional", "somewhere_to_stay", "money"], save_back="x")
    response = facilitator.post(f"{PLAN}/p-rose", data=form)
    assert response.headers["Location"].endswith(PLAN)

    rose = store.get_relationship(YP, "p-rose")
    assert [d.value for d in rose.support] == ["emotional", "somewhere_to_stay", "money"]
    # What the conference could not see is kept as it was.
    assert rose.notes == SECRETS["note"] and rose.safety_note == SECRETS["safety note"]
    assert rose.closeness == 4 and rose.closeness_rated_by.value == "young_person"
    assert rose.contact.value == "active"  # "already in touch, often" stays
    jo = store.get_relationship(YP, "p-jo")
    assert jo.continues_beyond_role is True and [d.value for d in jo.support] == ["practical"]
    kai = store.get_relationship(YP, "p-kai")
    assert kai.contact.value == "occasional" and [d.value for d in kai.support] == ["celebrations"]
    hidden = store.get_relationship(YP, "p-hana")
    assert hidden.contact.value == "occasional" and hidden.version == 1  # untouched

    plan = text_of(raw(facilitator, PLAN).decode())
    plan = plan.replace(" At the conference", "")
    assert "Rose Example (grandparent) Emotional, Somewhere to stay, Money" in plan
    kai_row = "Kai Example (sibling) Celebrations Not yet Yes, now and then"
    assert kai_row in plan
    html = raw(facilitator, f"/young-people/{YP}/conference").decode()
    assert "Money Rose Example (grandparent)" in text_of(html)
    always = html[html.index('id="always-here"') :]
    assert "Jo Smith (social worker)" in always[: always.index("</ul>")]
    for secret in SECRETS.values():
        assert secret not in html
    events = [e.detail for e in store.audit_events(YP) if e.action == "conference"]
    assert sorted(events) == [f"plan recorded for {pid}: changed" for pid in ROUND]


def test_saving_a_part_unchanged_writes_nothing(facilitator: FlaskClient, store: Store) -> None:
    before = store.load_network(YP).to_document()
    html = raw(facilitator, f"{PLAN}/p-rose").decode()
    assert facilitator.post(f"{PLAN}/p-rose", data=_person_form(html)).status_code == 302
    assert store.load_network(YP).to_document() == before
    assert store.get_relationship(YP, "p-rose").version == 1


def _plan_version(client: FlaskClient, person_id: str = "p-rose") -> str:
    return hidden_value(raw(client, f"{PLAN}/{person_id}").decode(), "version")


def test_the_plan_version_says_nothing_about_hidden_people(
    facilitator: FlaskClient, store: Store
) -> None:
    """Defect 6: the version on a plan page is computed only from what the conference sees, so
    networks that differ only in people it may not see give the same version."""
    opened = _plan_version(facilitator)
    assert opened == _plan_version(facilitator, "p-kai")  # one version for the whole plan
    assert opened != network_version(store.load_network(YP))
    # The same network without its no_contact and hidden people has the same version...
    full = store.load_network(YP)
    alone = [r for r in full.relationships if r.person_id not in ("p-ray", "p-hana")]
    assert opened == audiences.conference_version(
        {r.person_id: r for r in alone}, {p.id: p for p in full.people}
    )
    # ...and so has the stored one, whatever happens to them: edited, removed, another added.
    hana = store.get_relationship(YP, "p-hana")
    store.update_relationship(YP, revise(hana, {"notes": "changed meanwhile", "closeness": 0}))
    store.update_person(revise(store.get_person("p-ray"), {"name": "Ray Renamed"}))
    store.delete_relationship(YP, "p-ray")
    store.create_person(Person(id="p-ray-2", name="Ray Second", category=Category.FAMILY))
    store.create_relationship(
        YP, Relationship(person_id="p-ray-2", role=Role.FATHER, safety=Safety.NO_CONTACT)
    )
    # What the conference cannot see of someone it can see changes nothing either.
    rose = store.get_relationship(YP, "p-rose")
    store.update_relationship(YP, revise(rose, {"notes": "new note", "safety": "supervised"}))
    assert _plan_version(facilitator) == opened
    # The plan opened before all that still saves, keeping every one of those changes.
    html = raw(facilitator, f"{PLAN}/p-rose").decode()
    form = {**_person_form(html, support=["money"]), "version": opened}
    assert facilitator.post(f"{PLAN}/p-rose", data=form).status_code == 302
    rose = store.get_relationship(YP, "p-rose")
    assert [d.value for d in rose.support] == ["money"] and rose.notes == "new note"
    assert store.get_relationship(YP, "p-hana").notes == "changed meanwhile"
    # A change the conference does see changes the version: the part just saved, ...
    saved = _plan_version(facilitator)
    assert saved != opened
    # ...a visible person's name, someone hidden becoming visible, or visible becoming hidden.
    store.update_person(revise(store.get_person("p-kai"), {"name": "Kai Renamed"}))
    renamed = _plan_version(facilitator)
    assert renamed != saved
    hana = store.get_relationship(YP, "p-hana")
    store.update_relationship(YP, revise(hana, {"hide_in_conference": False}))
    shown = _plan_version(facilitator)
    assert shown != renamed
    jo = store.get_relationship(YP, "p-jo")
    store.update_relationship(YP, revise(jo, {"safety": "no_contact"}))
    # Jo was a guest: the list must be made final again without them before the plan reopens.
    assert "not available yet" in facilitator.get(PLAN).get_data(as_text=True)
    ready_conference(store, YP)
    assert _plan_version(facilitator) not in (opened, saved, renamed, shown)


def test_a_stale_plan_is_refused_and_nothing_changes(
    facilitator: FlaskClient, store: Store
) -> None:
    html = raw(facilitator, f"{PLAN}/p-rose").decode()
    form = _person_form(html, support=["money"], always_here="y")
    # A coordinator saves a change the conference does see (what Kai offers) meanwhile: the plan
    # the facilitator opened is out of date, so none of Rose's part is saved.
    kai = store.get_relationship(YP, "p-kai")
    store.update_relationship(YP, revise(kai, {"support": ["health"]}))
    before = store.load_network(YP).to_document()

    response = facilitator.post(f"{PLAN}/p-rose", data=form)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert (
        "Someone else saved changes to this young person's network after you opened the plan"
        in text_of(page)
    )
    assert "Nothing was saved" in page and "govuk-error-summary" in page
    assert "Reload Rose Example's part as it is saved now" in text_of(page)
    assert 'value="money" checked' in page  # what was chosen is still there to see
    for secret in SECRETS.values():
        assert secret not in page  # the refusal names no one hidden
    assert store.load_network(YP).to_document() == before
    assert [e for e in store.audit_events(YP) if e.action == "conference"] == []

    # Reloaded, the same part saves.
    html = raw(facilitator, f"{PLAN}/p-rose").decode()
    assert (
        facilitator.post(f"{PLAN}/p-rose", data=_person_form(html, support=["money"])).status_code
        == 302
    )
    assert [d.value for d in store.get_relationship(YP, "p-rose").support] == ["money"]
    assert [d.value for d in store.get_relationship(YP, "p-kai").support] == ["health"]
    # The version the first form carried is now stale too.
    assert facilitator.post(f"{PLAN}/p-rose", data=form).status_code == 409


def test_a_plan_without_its_version_is_refused(facilitator: FlaskClient, store: Store) -> None:
    html = raw(facilitator, f"{PLAN}/p-rose").decode()
    before = store.load_network(YP).to_document()
    whole = network_version(store.load_network(YP))  # the whole network's: not this page's
    for version in ("", "c-0000", whole, "' OR 1=1 //", "x" * 10_000):
        form = _person_form(html, support=["money"], version=version)
        response = facilitator.post(f"{PLAN}/p-rose", data=form)
        assert response.status_code == 409, version
        assert "Nothing was saved" in response.get_data(as_text=True)
    assert store.load_network(YP).to_document() == before


def _without_csrf(page: bytes) -> bytes:
    """The page without its CSRF token, which is signed with the time to the second (two
    requests either side of a second boundary differ there and nowhere else)."""
    return re.sub(rb'name="csrf_token" value="[^"]*"', b'name="csrf_token"', page)


@pytest.mark.parametrize("person_id", ["p-ray", "p-hana", "p-sams-friend", "p-nobody"])
def test_no_plan_page_for_anyone_the_conference_may_not_see(
    facilitator: FlaskClient, store: Store, person_id: str
) -> None:
    """Someone hidden (no_contact, hidden in conference), in another network or nowhere: the
    same 404, and a post about them writes nothing."""
    before = store.load_network(YP).to_document()
    nobody = facilitator.get(f"{PLAN}/p-nobody")
    response = facilitator.get(f"{PLAN}/{person_id}")
    assert response.status_code == 404
    assert _without_csrf(response.data) == _without_csrf(
        nobody.data.replace(b"p-nobody", person_id.encode())
    )
    version = _plan_version(facilitator)
    form = {"version": version, "support": ["money"], "always_here": "y", "save_back": "x"}
    response = facilitator.post(f"{PLAN}/{person_id}", data=form)
    assert response.status_code == 404
    for secret in SECRETS.values():
        assert secret.encode() not in response.data
    assert store.load_network(YP).to_document() == before


def test_bad_plan_values_are_named(facilitator: FlaskClient, store: Store) -> None:
    before = store.load_network(YP).to_document()
    form = {
        "version": _plan_version(facilitator),
        "support": ["money", "yachts"],
        "keep_in_touch": "always",
    }
    response = facilitator.post(f"{PLAN}/p-rose", data=form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choose what they offer from the list" in html
    assert "Choose whether they will stay in touch from the list" in html
    assert 'href="#support"' in html
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
        for path in ("/conference", "/conference/plan", "/conference/plan/p-rose"):
            assert user.get(f"/young-people/{YP}{path}").status_code == status, (role, path)
        # An empty post carries no version: refused as stale, or not found at all.
        response = user.post(f"{PLAN}/p-rose", data={})
        assert response.status_code == (409 if status == 200 else 404), role
        client.post("/sign-out")


def test_store_errors_land_on_the_field_they_name(app: Flask) -> None:
    """The form offers only valid values, so the store's own check (changes[0].relationship.x)
    is met only by a tampered post: its message still goes next to the field it names."""
    with app.test_request_context(method="POST", data={"version": "c-1"}):
        form = PersonPlanForm()
        _show_plan_errors(
            form,
            [
                FieldError(path="changes[0].relationship.contact", message="is not allowed"),
                FieldError(path="changes[0].relationship.support[0]", message="is unknown"),
                FieldError(path="changes[0].relationship.continues_beyond_role", message="no"),
                FieldError(path="changes[0].person.name", message="is odd"),
            ],
        )
        assert form.keep_in_touch.errors == ["Will they stay in touch?: is not allowed"]
        assert form.support.errors == ["What they offer: is unknown", "What they offer: is odd"]
        assert form.always_here.errors == [
            "Always Here: they will stay in touch after their role ends: no"
        ]
