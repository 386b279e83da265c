"""Building a network in the web app: add and edit people and relationships, links, households,
the contact log and family finding; stale edits, validation, hostile input and who may edit."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from connections.model import revise
from connections.store import Store, network_version
from tests import factories
from tests.consents import record_in_place
from tests.web.conftest import make_app, sign_in_with_csrf, text_of
from tests.web.networks import (
    HOSTILE,
    OTHER,
    SIBLING,
    YP,
    amy_network,
    hidden_value,
    map_names,
    other_network,
    person_form,
    ready_conference,
    relationship_form,
    sibling_network,
)
from tests.web.test_security import assert_secure_headers, inline_scripts
from webapp.db import close_store

STALE = "Someone else saved changes to this relationship after you opened it"


@pytest.fixture
def networks(store: Store) -> None:
    store.save_networks([amy_network(), sibling_network(), other_network()])
    # Consent in place, so family finding is not paused (tests/web/test_consent.py pauses it).
    record_in_place(store, YP)
    record_in_place(store, SIBLING)


@pytest.fixture
def coordinator(networks: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("coordinator", allocated=(YP, SIBLING))


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def summary_errors(html: str) -> list[str]:
    """The texts in the GOV.UK error summary."""
    match = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    if not match:
        return []
    return [text_of(item) for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def snapshot(store: Store) -> dict[str, Any]:
    """Every network in the database, to show that nothing else changed."""
    return {yp: store.load_network(yp).to_document() for yp in (YP, SIBLING, OTHER)}


# --- adding people --------------------------------------------------------------------------------


def test_add_a_relative_shows_them_in_the_table_and_the_map(
    coordinator: FlaskClient, store: Store
) -> None:
    form = {
        **person_form(name="Nell Example", category="family"),
        **relationship_form(
            role="aunt_uncle",
            closeness="4",
            closeness_rated_by="young_person",
            safety="safe",
            wishes="wants",
            contact="active",
            last_contact=["3", "11", "2026"],
            support=["money", "health"],
            notes="Lives nearby",
        ),
    }
    response = coordinator.post(f"/young-people/{YP}/people/new", data=form)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/young-people/{YP}/network")

    manage = page(coordinator, f"/young-people/{YP}/network")
    assert "Nell Example is now in the network." in manage
    assert "2 loving relationships now" in text_of(manage)

    html = page(coordinator, f"/young-people/{YP}")
    table = html[html.index('id="network-table"') :]
    assert "Nell Example" in table[: table.index("</table>")]
    assert "Nell Example" in map_names(html)

    network = store.load_network(YP)
    nell = next(p for p in network.people if p.name == "Nell Example")
    relationship = next(r for r in network.relationships if r.person_id == nell.id)
    assert relationship.last_contact == date(2026, 11, 3)
    assert [d.value for d in relationship.support] == ["money", "health"]
    assert relationship.notes == "Lives nearby"


def test_people_are_shared_a_sibling_links_the_same_grandmother(
    coordinator: FlaskClient, store: Store
) -> None:
    html = page(coordinator, f"/young-people/{SIBLING}/people/new?q=rose")
    results = html[html.index('id="search-results"') :]
    assert "Rose Example" in results
    assert "17 Secret Row" not in html  # search results never carry addresses

    html = page(coordinator, f"/young-people/{SIBLING}/people/new?person_id=p-rose")
    assert "Add Rose Example to the network" in html
    response = coordinator.post(
        f"/young-people/{SIBLING}/people/new",
        data={"person_id": "p-rose", **relationship_form(role="grandparent", safety="safe")},
    )
    assert response.status_code == 302
    assert {yp for yp, _ in store.young_people_of("p-rose")} == {YP, SIBLING}
    assert store.get_person("p-rose").address == "17 Secret Row, Northtown"  # one shared node

    # Twice is refused with a message, and search no longer offers her.
    response = coordinator.post(
        f"/young-people/{SIBLING}/people/new",
        data={"person_id": "p-rose", **relationship_form(role="grandparent")},
    )
    assert response.status_code == 409
    assert "Rose Example is already in Sam Example's network" in text_of(
        response.get_data(as_text=True)
    )
    html = page(coordinator, f"/young-people/{SIBLING}/people/new?q=rose")
    assert "No one known to the service matches" in html


def _results(html: str) -> str:
    table = html[html.index('id="search-results"') :]
    return text_of(table[: table.index("</table>")])


def test_search_lists_people_of_their_own_young_people_and_only_hints_at_others(
    coordinator: FlaskClient, store: Store
) -> None:
    """Rosalind is the grandmother of a child allocated to another worker (Olly): Amy's
    coordinator learns only that a possible match exists elsewhere (docs/sharing-people.md;
    tests/web/test_sharing.py has the rest)."""
    html = page(coordinator, f"/young-people/{YP}/people/new?q=ROSA")
    assert "A possible match for “ROSA” exists elsewhere in the service" in text_of(html)
    for secret in ("Rosalind", "p-secret", "Olly Other", OTHER):
        assert secret not in html, secret
    # Someone in the networks the user may open is shown with those young people's names.
    html = page(coordinator, f"/young-people/{SIBLING}/people/new?q=example")
    results = _results(html)
    assert "Kai Example Family Amy Example Add" in results
    assert "Rose Example Family Amy Example Add" in results
    assert "Finn Friend" not in results  # already in Sam's network
    # Hostile text is only ever text.
    for query in ['") OR 1=1 //', "*", "~", "ros~", "name:ros*", *HOSTILE]:
        response = coordinator.get(f"/young-people/{YP}/people/new", query_string={"q": query})
        assert response.status_code == 200, query
        assert "<script>alert(1)" not in response.get_data(as_text=True)
        assert "Rosalind Secret" not in response.get_data(as_text=True)


def test_someone_from_another_workers_network_is_not_added_directly(
    coordinator: FlaskClient, store: Store
) -> None:
    assert coordinator.get(f"/young-people/{YP}/people/new?person_id=p-secret").status_code == 404
    response = coordinator.post(
        f"/young-people/{YP}/people/new",
        data={"person_id": "p-secret", **relationship_form(role="grandparent", safety="safe")},
    )
    assert response.status_code == 404
    assert {yp for yp, _ in store.young_people_of("p-secret")} == {OTHER}
    # An id that is no one is not found either, in the same way.
    assert coordinator.get(f"/young-people/{YP}/people/new?person_id=p-ghost").status_code == 404
    response = coordinator.post(
        f"/young-people/{YP}/people/new", data={"person_id": "p-ghost", **relationship_form()}
    )
    assert response.status_code == 404


def test_a_manager_may_link_anyone_by_id(
    networks: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("manager")
    html = page(client, f"/young-people/{YP}/people/new?q=p-secret")
    assert "Rosalind Secret" in html
    html = page(client, f"/young-people/{YP}/people/new?person_id=p-secret")
    assert "Add Rosalind Secret to the network" in html
    response = client.post(
        f"/young-people/{YP}/people/new",
        data={"person_id": "p-secret", **relationship_form(role="cousin")},
    )
    assert response.status_code == 302
    assert {yp for yp, _ in store.young_people_of("p-secret")} == {YP, OTHER}


# --- editing -------------------------------------------------------------------------------------


def kai_form(**overrides: Any) -> dict[str, Any]:
    """Kai's relationship as the edit form shows it (version 1, as saved)."""
    values = relationship_form(
        role="sibling",
        closeness="3",
        closeness_rated_by="young_person",
        safety="safe",
        wishes="wants",
        contact="lost",
        version="1",
    )
    values.update(overrides)
    return values


def test_edit_form_shows_every_attribute(coordinator: FlaskClient) -> None:
    html = page(coordinator, f"/young-people/{YP}/people/p-rose/relationship")
    for name in (
        "role",
        "closeness",
        "closeness_rated_by",
        "safety",
        "safety_note",
        "wishes",
        "contact",
        "last_contact",
        "paid",
        "role_ends_at_age",
        "continues_beyond_role",
        "support",
        "finding_status",
        "notes",
        "hide_in_conference",
        "version",
    ):
        assert f'name="{name}"' in html, name
    assert 'id="last_contact-day"' in html and 'value="01"' in html
    assert "SAFETY-NOTE-Rose-xyz" in html and "NOTE-TEXT-bakes-on-sundays" in html
    assert re.search(r'name="support"[^>]*value="emotional"[^>]*checked', html)


def test_editing_a_relationship_changes_the_report(coordinator: FlaskClient, store: Store) -> None:
    before = text_of(page(coordinator, f"/young-people/{YP}"))
    assert "Only 1 loving relationship (Rose Example): the mission is not met." in before
    assert "Sibling Kai Example: contact lost" in before

    response = coordinator.post(
        f"/young-people/{YP}/people/p-kai/relationship",
        data=kai_form(contact="active", last_contact=["20", "11", "2026"], support=["crisis"]),
    )
    assert response.status_code == 302

    after = text_of(page(coordinator, f"/young-people/{YP}"))
    assert "Only 1 loving relationship" not in after
    assert "2 loving relationships now" in after
    assert "Sibling Kai Example: contact lost" not in after
    assert "help in a crisis" not in after
    kai = store.get_relationship(YP, "p-kai")
    assert kai.contact.value == "active" and kai.version == 2
    assert kai.last_contact == date(2026, 11, 20)


def test_every_attribute_round_trips(coordinator: FlaskClient, store: Store) -> None:
    response = coordinator.post(
        f"/young-people/{YP}/people/p-jo/relationship",
        data=relationship_form(
            role="personal_adviser",
            closeness="2",
            closeness_rated_by="worker",
            safety="supervised",
            safety_note="Meet at the office",
            wishes="not_now",
            contact="occasional",
            last_contact=["9", "2", "2026"],
            paid="y",
            role_ends_at_age="21",
            continues_beyond_role="y",
            support=["education_work", "money"],
            finding_status="engaged",
            notes="Changed team",
            hide_in_conference="y",
            side="paternal",
            version="1",
        ),
    )
    assert response.status_code == 302
    jo = store.get_relationship(YP, "p-jo")
    assert jo.model_dump(mode="json") == {
        "person_id": "p-jo",
        "role": "personal_adviser",
        "closeness": 2,
        "closeness_rated_by": "worker",
        "safety": "supervised",
        "wishes": "not_now",
        "contact": "occasional",
        "last_contact": "2026-02-09",
        "paid": True,
        "role_ends_at_age": 21,
        "continues_beyond_role": True,
        "support": ["money", "education_work"],
        "finding_status": "engaged",
        "notes": "Changed team",
        "safety_note": "Meet at the office",
        "hide_in_conference": True,
        "side": "paternal",
    }


def test_a_stale_relationship_edit_is_refused_and_nothing_changes(
    coordinator: FlaskClient, store: Store
) -> None:
    html = page(coordinator, f"/young-people/{YP}/people/p-kai/relationship")
    assert 'name="version" type="hidden" value="1"' in html
    # Someone else saves first.
    kai = store.get_relationship(YP, "p-kai")
    store.update_relationship(YP, revise(kai, {"notes": "Their change"}))

    response = coordinator.post(
        f"/young-people/{YP}/people/p-kai/relationship",
        data=kai_form(contact="active", notes="My change"),
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert STALE in html
    assert "My change" in html  # what the editor typed is kept on the page
    assert html.count("govuk-error-summary") >= 1
    kai = store.get_relationship(YP, "p-kai")
    assert (kai.notes, kai.contact.value, kai.version) == ("Their change", "lost", 2)


def test_a_stale_person_edit_is_refused(coordinator: FlaskClient, store: Store) -> None:
    rose = store.get_person("p-rose")
    store.update_person(revise(rose, {"name": "Rose Renamed"}))
    response = coordinator.post(
        f"/young-people/{YP}/people/p-rose/edit",
        data=person_form(name="Rose Mine", household="h-rose", version="1"),
    )
    assert response.status_code == 409
    assert "Someone else saved changes to this person after you opened it" in response.get_data(
        as_text=True
    )
    assert store.get_person("p-rose").name == "Rose Renamed"


def test_edit_a_person(coordinator: FlaskClient, store: Store) -> None:
    html = page(coordinator, f"/young-people/{YP}/people/p-rose/edit")
    assert "17 Secret Row, Northtown" in html
    response = coordinator.post(
        f"/young-people/{YP}/people/p-rose/edit",
        data=person_form(
            name="Rose Example-Smith",
            category="family",
            deceased="y",
            household="",
            address="2 New Street",
            version="1",
        ),
    )
    assert response.status_code == 302
    rose = store.get_person("p-rose")
    assert (rose.name, rose.deceased, rose.household, rose.address) == (
        "Rose Example-Smith",
        True,
        None,
        "2 New Street",
    )
    text = text_of(page(coordinator, f"/young-people/{YP}"))
    assert "Rose Example-Smith (died)" in text


# --- validation: every field names itself -----------------------------------------------------


RELATIONSHIP_ERRORS = [
    ({"role": ""}, "Choose who they are to the young person"),
    ({"role": "dragon"}, "Choose a relationship from the list"),
    ({"closeness": "9"}, "Choose how close they are from the list"),
    ({"closeness": "4", "closeness_rated_by": None}, "Choose who rated how close they are"),
    (
        {"closeness": "4", "closeness_rated_by": "cat"},
        "Choose who rated how close they are from the list",
    ),
    ({"safety": "sometimes"}, "Choose whether contact is safe from the list"),
    ({"safety": None}, "Choose whether contact is safe"),
    ({"safety_note": "x" * 5001}, "Safety note must be 5,000 characters or fewer"),
    ({"wishes": "maybe"}, "Choose what the young person wants from the list"),
    ({"wishes": None}, "Choose what the young person wants"),
    ({"contact": "often"}, "Choose the contact they have now from the list"),
    ({"contact": None}, "Choose the contact they have now"),
    ({"last_contact": ["30", "2", "2026"]}, "Date of last contact must be a real date"),
    ({"last_contact": "2026-02-30"}, "Date of last contact must be a real date"),
    ({"last_contact": ["", "2", "2026"]}, "Date of last contact must include a day"),
    ({"last_contact": ["1", "", ""]}, "Date of last contact must include a month and a year"),
    (
        {"last_contact": ["1", "two", "2026"]},
        "Date of last contact must be a real date, in numbers, like 27 3 2026",
    ),
    ({"last_contact": ["1", "2", "26"]}, "The year of date of last contact must include 4 numbers"),
    ({"last_contact": ["1", "1", "2027"]}, "Date of last contact must be today or in the past"),
    ({"last_contact": ["1", "1", "1800"]}, "Date of last contact must be after 1900"),
    ({"role_ends_at_age": "eighteen"}, "Age the role ends must be a whole number, like 18"),
    ({"role_ends_at_age": "-1"}, "Age the role ends must be a whole number, like 18"),
    ({"role_ends_at_age": "31"}, "Age the role ends must be between 0 and 30"),
    ({"support": ["emotional", "pocket_money"]}, "Choose support from the list"),
    ({"finding_status": "lost_at_sea"}, "Choose a family finding stage from the list"),
    ({"notes": "x" * 5001}, "Notes must be 5,000 characters or fewer"),
]


@pytest.mark.parametrize(("changes", "message"), RELATIONSHIP_ERRORS)
def test_relationship_validation_names_the_field(
    coordinator: FlaskClient, store: Store, changes: dict[str, Any], message: str
) -> None:
    before = snapshot(store)
    form = kai_form()
    for key, value in changes.items():
        if value is None:
            form.pop(key, None)
        else:
            form[key] = value
    response = coordinator.post(f"/young-people/{YP}/people/p-kai/relationship", data=form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in summary_errors(html), summary_errors(html)
    assert f"Error: {message}" in text_of(html)  # the message is also at the field
    assert "<title>Error: " in html
    assert snapshot(store) == before


PERSON_ERRORS = [
    ({"name": ""}, "Enter the person's name"),
    ({"name": "   "}, "Enter the person's name"),
    ({"name": "x" * 201}, "Name must be 200 characters or fewer"),
    ({"category": None}, "Choose a category"),
    ({"category": "alien"}, "Choose a category from the list"),
    ({"household": "h-nowhere"}, "Choose a household from the list"),
    ({"address": "x" * 501}, "Address must be 500 characters or fewer"),
]


@pytest.mark.parametrize(("changes", "message"), PERSON_ERRORS)
def test_person_validation_names_the_field(
    coordinator: FlaskClient, store: Store, changes: dict[str, Any], message: str
) -> None:
    before = snapshot(store)
    form = person_form(household="h-rose", version="1")
    for key, value in changes.items():
        if value is None:
            form.pop(key, None)
        else:
            form[key] = value
    response = coordinator.post(f"/young-people/{YP}/people/p-rose/edit", data=form)
    assert response.status_code == 400
    assert message in summary_errors(response.get_data(as_text=True))
    assert snapshot(store) == before
    # The same fields on the add page.
    add = {**form, **relationship_form()}
    add.pop("version")
    if "household" in changes:
        add["household"] = changes["household"]
    response = coordinator.post(f"/young-people/{YP}/people/new", data=add)
    assert response.status_code == 400
    assert message in summary_errors(response.get_data(as_text=True))
    assert snapshot(store) == before


def test_error_summary_links_to_the_field(coordinator: FlaskClient) -> None:
    response = coordinator.post(
        f"/young-people/{YP}/people/p-kai/relationship",
        data=kai_form(last_contact=["31", "4", "2026"], role="", support=["nope"]),
    )
    html = response.get_data(as_text=True)
    assert 'href="#last_contact-day"' in html and 'id="last_contact-day"' in html
    assert 'href="#role"' in html and 'id="role"' in html
    assert 'href="#support"' in html and 'id="support"' in html


# --- hostile input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile", HOSTILE, ids=["script", "cypher-or", "cypher-delete", "attr", "100k"]
)
def test_hostile_text_is_escaped_or_refused_and_changes_nothing_else(
    coordinator: FlaskClient, store: Store, hostile: str
) -> None:
    ready_conference(store, YP)  # so the conference plan form is open to hostile posts too
    others = {yp: store.load_network(yp).to_document() for yp in (SIBLING, OTHER)}
    fields = {
        **person_form(name=hostile, address=hostile),
        **relationship_form(notes=hostile, safety_note=hostile, role_ends_at_age=hostile),
        "household": hostile,
        "closeness": hostile,
        "finding_status": hostile,
        "support": [hostile],
        "last_contact": [hostile, hostile, hostile],
        "paid": hostile,
    }
    for data in (fields, {**person_form(name=hostile), **relationship_form()}):
        response = coordinator.post(f"/young-people/{YP}/people/new", data=data)
        assert response.status_code < 500
        body = response.get_data(as_text=True)
        assert "<script>alert(1)</script>" not in body
        assert "<img src=x" not in body
    for path in (
        f"/young-people/{YP}/people/p-kai/relationship",
        f"/young-people/{YP}/people/p-rose/edit",
        f"/young-people/{YP}/contacts",
        f"/young-people/{YP}/links/new",
        f"/young-people/{YP}/households",
        f"/young-people/{YP}/people/p-kai/finding",
        f"/young-people/{YP}/links/remove",
        f"/young-people/{YP}/conference/plan/p-rose",
    ):
        data = dict.fromkeys(
            (
                "name",
                "source",
                "target",
                "kind",
                "person_id",
                "note",
                "version",
                "people",
                "household",
                "versions",
                "date",
                "finding-p-kai-finding_status",
                "finding-p-kai-version",
                "people-0-person_id",
                "people-0-version",
            ),
            hostile,
        )
        response = coordinator.post(path, data=data)
        # 413: a body this large is refused before it is read (Flask's form memory limit).
        assert response.status_code in (400, 404, 409, 413), (path, response.status_code)
        assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    for path, query in (
        (f"/young-people/{YP}/people/new", {"q": hostile[:2000]}),
        (f"/young-people/{YP}/people/new", {"person_id": hostile[:2000]}),
        (f"/young-people/{YP}/contacts", {"person": hostile[:2000]}),
    ):
        response = coordinator.get(path, query_string=query)
        if "person_id" in query:
            assert response.status_code == 404
            continue
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert {yp: store.load_network(yp).to_document() for yp in (SIBLING, OTHER)} == others
    # A hostile name that is a valid name is saved as text, and shown escaped everywhere.
    if len(hostile) <= 200:
        names = {p.name for p in store.load_network(YP).people}
        assert hostile in names
        for path in (
            f"/young-people/{YP}",
            f"/young-people/{YP}/network",
            f"/young-people/{YP}/conference",
            f"/young-people/{YP}/print",
        ):
            body = page(coordinator, path)
            assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    else:
        assert len(store.load_network(YP).people) == 5


@pytest.mark.parametrize(
    "person_id",
    ["' OR 1=1 //", "}) MATCH (n) DETACH DELETE n //", "<script>", "x" * 5000, "p-secret"],
)
def test_hostile_ids_in_urls_are_404(
    coordinator: FlaskClient, store: Store, person_id: str
) -> None:
    before = snapshot(store)
    # ("//" is first merged to "/" by a redirect, which keeps the method and body.)
    for suffix in ("relationship", "edit", "remove"):
        path = f"/young-people/{YP}/people/{person_id}/{suffix}"
        assert coordinator.get(path, follow_redirects=True).status_code == 404
        response = coordinator.post(path, data={"version": "1"}, follow_redirects=True)
        assert response.status_code == 404
    path = f"/young-people/{YP}/people/{person_id}/finding"
    assert coordinator.post(path, data={}, follow_redirects=True).status_code == 404
    assert snapshot(store) == before


def test_a_json_body_is_refused(coordinator: FlaskClient, store: Store) -> None:
    before = snapshot(store)
    response = coordinator.post(f"/young-people/{YP}/people/new", json=[1, 2, 3])
    assert response.status_code == 415
    response = coordinator.post(f"/young-people/{YP}/conference/plan/p-rose", json={"people": []})
    assert response.status_code == 415
    assert snapshot(store) == before


def test_missing_csrf_token_is_refused(
    networks: None, store: Store, add_user: Callable[..., Any]
) -> None:
    app = make_app(store, WTF_CSRF_ENABLED=True)
    try:
        client = app.test_client()
        add_user("csrf-coordinator", "coordinator", (YP,))
        sign_in_with_csrf(client, "csrf-coordinator")
        before = snapshot(store)
        response = client.post(
            f"/young-people/{YP}/people/new",
            data={**person_form(), **relationship_form()},
        )
        assert response.status_code == 400
        assert "Your form could not be sent" in response.get_data(as_text=True)
        response = client.post(f"/young-people/{YP}/conference/plan/p-rose", data={})
        assert response.status_code == 400
        assert snapshot(store) == before
    finally:
        close_store(app)


# --- who may edit --------------------------------------------------------------------------------

EDIT_PAGES = [
    "/network",
    "/people/new",
    "/people/p-kai/relationship",
    "/people/p-kai/edit",
    "/people/p-kai/remove",
    "/links/new",
    "/households",
    "/contacts",
]
EDIT_POSTS = [*EDIT_PAGES[1:], "/people/p-kai/finding", "/links/remove"]


def test_a_facilitator_cannot_edit(
    networks: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("facilitator", allocated=(YP,))
    before = snapshot(store)
    for suffix in EDIT_PAGES:
        assert client.get(f"/young-people/{YP}{suffix}").status_code == 403, suffix
    for suffix in EDIT_POSTS:
        data = {**person_form(), **kai_form(), "finding_status": "located"}
        assert client.post(f"/young-people/{YP}{suffix}", data=data).status_code == 403, suffix
    assert snapshot(store) == before
    # The young person's page offers them no editing.
    html = page(client, f"/young-people/{YP}")
    assert "Manage the network" not in html and "Add someone" not in html
    assert f"/young-people/{YP}/conference" in html


def test_a_worker_cannot_edit_a_young_person_not_allocated(
    networks: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("coordinator", allocated=(SIBLING,))
    before = snapshot(store)
    for suffix in EDIT_PAGES:
        assert client.get(f"/young-people/{YP}{suffix}").status_code == 404, suffix
    for suffix in EDIT_POSTS:
        data = {**person_form(), **kai_form()}
        assert client.post(f"/young-people/{YP}{suffix}", data=data).status_code == 404, suffix
    assert snapshot(store) == before
    events = store.audit_events(YP)
    assert events and all(e.action == "denied" for e in events)


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_and_admins_may_edit(
    networks: None, signed_in: Callable[..., FlaskClient], store: Store, role: str
) -> None:
    client = signed_in(role)
    response = client.post(
        f"/young-people/{YP}/people/p-kai/relationship", data=kai_form(notes=f"By the {role}")
    )
    assert response.status_code == 302
    assert store.get_relationship(YP, "p-kai").notes == f"By the {role}"


def test_every_change_is_audited(coordinator: FlaskClient, store: Store) -> None:
    coordinator.post(
        f"/young-people/{YP}/people/new", data={**person_form(), **relationship_form()}
    )
    coordinator.post(f"/young-people/{YP}/people/p-kai/relationship", data=kai_form(notes="n"))
    coordinator.post(
        f"/young-people/{YP}/people/p-rose/edit",
        data=person_form(name="Rose", household="h-rose", version="1"),
    )
    coordinator.post(
        f"/young-people/{YP}/links/new",
        data={"source": "p-kai", "kind": "sibling", "target": "p-jo"},
    )
    coordinator.post(
        f"/young-people/{YP}/links/remove",
        data={"source": "p-jo", "kind": "sibling", "target": "p-kai"},
    )
    coordinator.post(
        f"/young-people/{YP}/households",
        data={
            "people": ["p-kai", "p-jo"],
            "household": "new",
            "version": network_version(store.load_network(YP)),
        },
    )
    coordinator.post(
        f"/young-people/{YP}/contacts",
        data={"person_id": "p-kai", "date": ["1", "11", "2026"], "kind": "visit"},
    )
    coordinator.post(
        f"/young-people/{YP}/people/p-kai/finding",
        data={"finding-p-kai-finding_status": "located", "finding-p-kai-version": "3"},
    )
    coordinator.post(f"/young-people/{YP}/people/p-jo/remove", data={"version": "1"})
    changes = [e.detail for e in store.audit_events(YP) if e.action == "change"]
    assert len(changes) == 9, changes
    for start in (
        "person added",
        "relationship edited",
        "person edited",
        "link added",
        "link removed",
        "household",
        "contact recorded",
        "finding stage located",
        "relationship removed",
    ):
        assert any(detail.startswith(start) for detail in changes), start
    assert all(e.username == "test-coordinator" for e in store.audit_events(YP))


# --- links, households, contacts, family finding, removing -------------------------------------


def test_links_between_people(coordinator: FlaskClient, store: Store) -> None:
    response = coordinator.post(
        f"/young-people/{YP}/links/new",
        data={"source": "p-kai", "kind": "sibling", "target": "p-hana"},
    )
    assert response.status_code == 302
    keys = {link.key for link in store.load_network(YP).links}
    assert ("p-hana", "p-kai", "sibling") in keys  # stored smaller id first
    html = page(coordinator, f"/young-people/{YP}/network")
    assert "Kai Example is a brother or sister of Hana Hidden" in text_of(html) or (
        "Hana Hidden is a brother or sister of Kai Example" in text_of(html)
    )
    # The same link again, a link to oneself, and someone outside the network are refused.
    for data, message in (
        ({"source": "p-hana", "kind": "sibling", "target": "p-kai"}, "already linked"),
        ({"source": "p-kai", "kind": "sibling", "target": "p-kai"}, "Choose two different"),
        ({"source": "p-kai", "kind": "sibling", "target": "p-secret"}, "Choose the second"),
        ({"source": "p-kai", "kind": "cousin", "target": "p-jo"}, "Choose how they are linked"),
    ):
        response = coordinator.post(f"/young-people/{YP}/links/new", data=data)
        assert response.status_code in (400, 409)
        assert any(message in error for error in summary_errors(response.get_data(as_text=True)))
    response = coordinator.post(
        f"/young-people/{YP}/links/remove",
        data={"source": "p-kai", "kind": "sibling", "target": "p-hana"},
    )
    assert response.status_code == 302
    assert ("p-hana", "p-kai", "sibling") not in {link.key for link in store.load_network(YP).links}
    response = coordinator.post(
        f"/young-people/{YP}/links/remove",
        data={"source": "p-kai", "kind": "sibling", "target": "p-hana"},
    )
    assert response.status_code == 404
    assert "could not be found" in response.get_data(as_text=True)


def test_households(coordinator: FlaskClient, store: Store) -> None:
    html = page(coordinator, f"/young-people/{YP}/households")
    seen = hidden_value(html, "version")
    assert seen == network_version(store.load_network(YP))
    response = coordinator.post(
        f"/young-people/{YP}/households",
        data={"people": ["p-kai", "p-hana"], "household": "h-rose", "version": seen},
    )
    assert response.status_code == 302
    network = store.load_network(YP)
    households = {p.id: p.household for p in network.people}
    assert households["p-kai"] == households["p-hana"] == households["p-rose"] == "h-rose"
    text = text_of(page(coordinator, f"/young-people/{YP}/network"))
    assert "Hana Hidden, Kai Example, Rose Example" in text
    (event,) = [e.detail for e in store.audit_events(YP) if e.action == "change"]
    assert event == "household h-rose: p-kai, p-hana"

    # Stale: the network changed since the page was read; nothing is saved.
    response = coordinator.post(
        f"/young-people/{YP}/households",
        data={"people": ["p-kai", "p-jo"], "household": "none", "version": seen},
    )
    assert response.status_code == 409
    assert store.get_person("p-kai").household == "h-rose"
    assert store.get_person("p-jo").household is None

    # A new household for two people, from a fresh page.
    seen = hidden_value(page(coordinator, f"/young-people/{YP}/households"), "version")
    response = coordinator.post(
        f"/young-people/{YP}/households",
        data={"people": ["p-jo", "p-ray"], "household": "new", "version": seen},
    )
    assert response.status_code == 302
    jo, ray = store.get_person("p-jo"), store.get_person("p-ray")
    assert jo.household == ray.household and (jo.household or "").startswith("h-")


def test_a_stale_household_save_is_refused_with_a_clear_message_and_changes_nothing(
    coordinator: FlaskClient, store: Store
) -> None:
    seen = hidden_value(page(coordinator, f"/young-people/{YP}/households"), "version")
    # Someone else changes Jo's relationship (not even one of the people chosen) meanwhile.
    jo = store.get_relationship(YP, "p-jo")
    store.update_relationship(YP, revise(jo, {"notes": "Their change"}))
    before = snapshot(store)
    response = coordinator.post(
        f"/young-people/{YP}/households",
        data={"people": ["p-kai", "p-hana", "p-rose"], "household": "none", "version": seen},
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert summary_errors(html) == [
        "Someone else saved changes to this network after you opened it. Your changes were not "
        "saved: reload to see theirs, then make your change again."
    ]
    assert snapshot(store) == before
    assert [e for e in store.audit_events(YP) if e.action == "change"] == []
    # Without a version, or with a made-up one, nothing is saved either.
    for version in (None, "", "n-made-up", "' OR 1=1 //"):
        data = {"people": ["p-kai"], "household": "none"}
        if version is not None:
            data["version"] = version
        response = coordinator.post(f"/young-people/{YP}/households", data=data)
        assert response.status_code == 409, version
    assert snapshot(store) == before


def test_editing_a_shared_person_says_so_and_is_audited(
    coordinator: FlaskClient, store: Store
) -> None:
    html = page(coordinator, f"/young-people/{YP}/people/p-rose/edit")
    assert 'id="shared-person"' not in html  # only Amy's, so far
    store.create_relationship(SIBLING, factories.relationship("p-rose", role="grandparent"))
    store.create_relationship(OTHER, factories.relationship("p-rose", role="grandparent"))
    html = page(coordinator, f"/young-people/{YP}/people/p-rose/edit")
    warning = html[html.index('id="shared-person">') + len('id="shared-person">') :]
    warning = text_of(warning[: warning.index("</div>")])
    assert warning == (
        "! Warning This person is also in the networks of 2 other young people. Changes to "
        "their name, category, whether they have died, household and address apply there too."
    )
    assert "Sam Example" not in html and "Olly Other" not in html  # a count, no one named

    response = coordinator.post(
        f"/young-people/{YP}/people/p-rose/edit",
        data=person_form(
            name="Rose Example-Smith", household="h-rose", address="2 New Street", version="1"
        ),
    )
    assert response.status_code == 302
    text = text_of(page(coordinator, f"/young-people/{YP}/network"))
    assert "The change shows in the networks of 2 young people more too." in text
    # One truth about a person: the other young people's networks show the new name.
    for yp in (SIBLING, OTHER):
        assert {p.name for p in store.load_network(yp).people} >= {"Rose Example-Smith"}
    # Audited on the young person it was made from: what changed (not the values), and a count.
    (event,) = [e.detail for e in store.audit_events(YP) if e.action == "change"]
    assert event == (
        "person edited: p-rose (name, address); shared: also in the networks of 2 young people"
    )
    assert "2 New Street" not in event
    assert [e for e in store.audit_events(OTHER) if e.action == "change"] == []

    # From a network where she is shared with one other young person, the words are singular.
    store.delete_relationship(OTHER, "p-rose")
    html = page(coordinator, f"/young-people/{SIBLING}/people/p-rose/edit")
    assert "This person is also in the network of 1 other young person." in text_of(html)


def test_contact_log(coordinator: FlaskClient, store: Store) -> None:
    html = page(coordinator, f"/young-people/{YP}/contacts?person=p-kai")
    assert "LOG-NOTE-visit-xyz" in html and "Sam Worker" in html
    response = coordinator.post(
        f"/young-people/{YP}/contacts",
        data={
            "person_id": "p-kai",
            "date": ["15", "11", "2026"],
            "kind": "phone_call",
            "note": "Talked about the summer",
        },
    )
    assert response.status_code == 302
    html = page(coordinator, f"/young-people/{YP}/contacts")
    assert "Contact with Kai Example on 15 November 2026 is recorded." in html
    log = html[html.index('id="contact-log"') :]
    assert "Talked about the summer" in log and "Test Coordinator" in log
    assert log.index("15 November 2026") < log.index("1 November 2026")  # newest first
    assert store.get_relationship(YP, "p-kai").last_contact == date(2026, 11, 15)
    for data, message in (
        ({"date": ["", "", ""], "kind": "visit"}, "Choose who the contact was with"),
        ({"person_id": "p-kai", "kind": "visit"}, "Enter the date of the contact"),
        (
            {"person_id": "p-kai", "date": ["1", "1", "2030"], "kind": "visit"},
            "Date of the contact must be today or in the past",
        ),
        ({"person_id": "p-kai", "date": ["1", "1", "2026"]}, "Choose the kind of contact"),
        (
            {"person_id": "p-kai", "date": ["1", "1", "2026"], "kind": "telepathy"},
            "Choose the kind of contact from the list",
        ),
        (
            {"person_id": "p-secret", "date": ["1", "1", "2026"], "kind": "visit"},
            "Choose who the contact was with from the list",
        ),
        (
            {"person_id": "p-kai", "date": ["1", "1", "2026"], "kind": "visit", "note": "x" * 5001},
            "Note must be 5,000 characters or fewer",
        ),
    ):
        response = coordinator.post(f"/young-people/{YP}/contacts", data=data)
        assert response.status_code == 400
        assert message in summary_errors(response.get_data(as_text=True))
    assert len(store.contact_log(YP)) == 2


def test_family_finding_stages_from_the_row(coordinator: FlaskClient, store: Store) -> None:
    html = page(coordinator, f"/young-people/{YP}/network")
    assert 'name="finding-p-kai-finding_status"' in html
    for version, stage in enumerate(
        ["identified", "located", "contacted", "engaged", "committed", "declined", "ruled_out"],
        start=1,
    ):
        response = coordinator.post(
            f"/young-people/{YP}/people/p-kai/finding",
            data={"finding-p-kai-finding_status": stage, "finding-p-kai-version": str(version)},
        )
        assert response.status_code == 302, stage
        assert store.get_relationship(YP, "p-kai").finding_status.value == stage
    # Stale (version 1 again): refused, nothing written.
    response = coordinator.post(
        f"/young-people/{YP}/people/p-kai/finding",
        data={"finding-p-kai-finding_status": "located", "finding-p-kai-version": "1"},
    )
    assert response.status_code == 409
    assert STALE in response.get_data(as_text=True)
    assert store.get_relationship(YP, "p-kai").finding_status.value == "ruled_out"
    response = coordinator.post(
        f"/young-people/{YP}/people/p-kai/finding",
        data={"finding-p-kai-finding_status": "abducted", "finding-p-kai-version": "8"},
    )
    assert response.status_code == 400
    assert "Choose a family finding stage from the list" in response.get_data(as_text=True)


def test_remove_a_person(coordinator: FlaskClient, store: Store) -> None:
    # Rose is shared with Amy's brother: removing her from Amy keeps her record.
    store.create_relationship(SIBLING, factories.relationship("p-rose", role="grandparent"))
    html = page(coordinator, f"/young-people/{YP}/people/p-rose/remove")
    assert "stays in the 1 other network they are in" in text_of(html)
    assert (
        coordinator.post(
            f"/young-people/{YP}/people/p-rose/remove", data={"version": "1"}
        ).status_code
        == 302
    )
    assert "p-rose" not in {p.id for p in store.load_network(YP).people}
    assert store.get_person("p-rose").name == "Rose Example"
    assert store.contact_log(YP) == []  # her contact log entry went with the relationship
    # Jo is in no one else's network: the person is deleted too.
    assert (
        coordinator.post(
            f"/young-people/{YP}/people/p-jo/remove", data={"version": "1"}
        ).status_code
        == 302
    )
    with pytest.raises(LookupError):
        store.get_person("p-jo")
    # A stale removal is refused.
    kai = store.get_relationship(YP, "p-kai")
    store.update_relationship(YP, revise(kai, {"notes": "changed"}))
    response = coordinator.post(f"/young-people/{YP}/people/p-kai/remove", data={"version": "1"})
    assert response.status_code == 409
    assert "p-kai" in {p.id for p in store.load_network(YP).people}


def test_young_person_page_links_to_the_actions(coordinator: FlaskClient) -> None:
    html = page(coordinator, f"/young-people/{YP}")
    for path in ("/people/new", "/network", "/contacts", "/conference", "/print", "/map.html"):
        assert f'href="/young-people/{YP}{path}"' in html, path


def test_pages_render_with_an_empty_network(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    store.create_young_person(factories.young_person("yp-empty"))
    client = signed_in("coordinator", allocated=("yp-empty",))
    for suffix in EDIT_PAGES[:2] + ["/links/new", "/households", "/contacts"]:
        assert client.get(f"/young-people/yp-empty{suffix}").status_code == 200, suffix
    for path in ("/conference", "/conference/plan", "/print", "/map.html"):
        assert client.get(f"/young-people/yp-empty{path}").status_code == 200, path


def test_my_pages_are_csp_clean_with_security_headers(coordinator: FlaskClient) -> None:
    for suffix in [*EDIT_PAGES, "/conference", "/conference/plan", "/print"]:
        response = coordinator.get(f"/young-people/{YP}{suffix}")
        assert response.status_code == 200, suffix
        assert_secure_headers(response, suffix)
        html = response.get_data(as_text=True)
        assert inline_scripts(html) == [], suffix
        assert ' style="' not in html, suffix
        assert "http://" not in html and "https://" not in html, suffix
        assert html.count("<h1") == 1, suffix


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Name must be 200 characters or fewer"),
        ("address", "Address must be 500 characters or fewer"),
        ("notes", "Notes must be 5,000 characters or fewer"),
        ("safety_note", "Safety note must be 5,000 characters or fewer"),
        ("role_ends_at_age", "Age the role ends must be a whole number, like 18"),
        ("household", "Choose a household from the list"),
        ("last_contact", "Date of last contact must be a real date, in numbers, like 27 3 2026"),
    ],
)
def test_a_100k_string_in_one_field_gets_its_message(
    coordinator: FlaskClient, store: Store, field: str, message: str
) -> None:
    before = snapshot(store)
    data = {**person_form(), **relationship_form(), field: "9" * 100_000}
    response = coordinator.post(f"/young-people/{YP}/people/new", data=data)
    assert response.status_code == 400
    assert message in summary_errors(response.get_data(as_text=True))
    assert snapshot(store) == before
