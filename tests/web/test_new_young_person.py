"""Adding a young person in the web app (managers and admins), and where managers land."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.accounts import User
from connections.model import YoungPersonStatus
from connections.store import NotFound, Store
from tests import factories
from tests.web.conftest import (
    csrf_token_of,
    make_app,
    sign_in,
    sign_in_with_csrf,
    text_of,
)
from tests.web.test_network import summary_errors
from webapp.db import close_store

HOSTILE = "<script>alert(1)</script>"


def young_person_form(**changes: str | list[str]) -> dict[str, str | list[str]]:
    """The form as a browser sends it: the date of birth is three boxes of one name."""
    return {
        "name": "Nia Newcomer",
        "date_of_birth": ["5", "6", "2011"],
        "status": "in_care",
        "id": "yp-new",
        "allocate_to": "",
        **changes,
    }


def navigation_texts(html: str) -> list[str]:
    """The texts of the service navigation's links (the menu, not the service name)."""
    menu = re.search(r'<ul class="govuk-service-navigation__list"[^>]*>(.*?)</ul>', html, re.S)
    assert menu is not None
    return [text_of(link) for link in re.findall(r"<a [^>]*>(.*?)</a>", menu.group(1), re.S)]


# --- where managers land ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_a_manager_without_a_caseload_lands_on_the_cohort(
    store: Store, signed_in: Callable[..., FlaskClient], role: str
) -> None:
    store.save_network(factories.network("yp-1"))
    client = signed_in(role)
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/cohort"
    html = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Cohort review</h1>' in html
    assert "Amy Example" in html  # the whole cohort, though nobody is allocated to them
    assert "My young people" not in navigation_texts(html)
    assert "Cohort review" in navigation_texts(html)


def test_a_manager_with_young_people_of_their_own_sees_them_and_the_cohort_link(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    store.save_networks([factories.network("yp-1"), factories.network("yp-2")])
    html = signed_in("manager", allocated=("yp-1",)).get("/").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">My young people</h1>' in html
    assert '<a class="govuk-link" href="/cohort">Cohort review</a>' in html
    assert "Cohort review shows every young person" in text_of(html)
    assert navigation_texts(html)[:2] == ["My young people", "Cohort review"]


def test_a_coordinator_without_a_caseload_still_lands_on_my_young_people(
    signed_in: Callable[..., FlaskClient],
) -> None:
    response = signed_in("coordinator").get("/")
    assert response.status_code == 200
    text = text_of(response.get_data(as_text=True))
    assert "No young people are allocated to you" in text
    assert "Ask your manager or administrator" in text


# --- adding a young person ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "facilitator"])
def test_workers_cannot_add_young_people(
    store: Store, signed_in: Callable[..., FlaskClient], role: str
) -> None:
    client = signed_in(role)
    assert client.get("/add-young-person").status_code == 403
    assert client.post("/add-young-person", data=young_person_form()).status_code == 403
    assert store.count_young_people() == 0


def test_the_cohort_links_to_adding_a_young_person(signed_in: Callable[..., FlaskClient]) -> None:
    html = signed_in("manager").get("/cohort").get_data(as_text=True)
    assert 'href="/add-young-person"' in html


def test_a_manager_adds_a_young_person_allocated_to_a_coordinator(
    app: Flask,
    store: Store,
    signed_in: Callable[..., FlaskClient],
    add_user: Callable[..., User],
) -> None:
    add_user("sam.jones", "coordinator", display_name="Sam Jones")
    add_user("fay.fgc", "facilitator", display_name="Fay Fgc")
    add_user("other.manager", "manager")
    client = signed_in("manager")
    page = client.get("/add-young-person").get_data(as_text=True)
    # Only workers are offered: a manager or admin sees everyone already.
    assert '<option value="sam.jones">Sam Jones (Lifelong Connections coordinator)</option>' in page
    assert 'value="fay.fgc"' in page
    assert 'value="other.manager"' not in page

    response = client.post("/add-young-person", data=young_person_form(allocate_to="sam.jones"))
    assert response.status_code == 302
    assert response.headers["Location"] == "/young-people/yp-new/network"
    created = store.get_young_person("yp-new")
    assert (created.name, created.date_of_birth.isoformat(), created.status) == (
        "Nia Newcomer",
        "2011-06-05",
        YoungPersonStatus.IN_CARE,
    )
    assert store.allocated_ids("sam.jones") == ["yp-new"]
    assert store.allocated_ids("test-manager") == []  # the creator is not given a caseload
    events = store.audit_events("yp-new")
    assert [(e.username, e.action, e.detail) for e in events] == [
        ("test-manager", "change", "young person added, allocated to sam.jones")
    ]
    managed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nia Newcomer has been added" in text_of(managed)

    # The coordinator now has them on their caseload.
    coordinator = app.test_client()  # a browser of their own
    sign_in(coordinator, "sam.jones")
    assert "Nia Newcomer" in coordinator.get("/").get_data(as_text=True)
    assert coordinator.get("/young-people/yp-new").status_code == 200


def test_an_admin_may_leave_the_id_and_the_allocation_blank(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("admin")
    response = client.post(
        "/add-young-person",
        data=young_person_form(id="", name="Cal Leaver", status="care_leaver"),
    )
    assert response.status_code == 302
    [created] = store.list_young_people()
    assert re.fullmatch(r"yp-[0-9a-f]{12}", created.id)
    assert created.status is YoungPersonStatus.CARE_LEAVER
    assert response.headers["Location"] == f"/young-people/{created.id}/network"
    assert [e.detail for e in store.audit_events(created.id)] == ["young person added"]


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"name": "  ", "date_of_birth": ["", "", ""], "status": ""},
            ["Enter the young person's full name", "Enter the young person's date of birth",
             "Choose whether they are in care or a care leaver"],
        ),
        ({"name": "x" * 201}, ["Full name must be 200 characters or fewer"]),
        ({"date_of_birth": ["5", "6", "2999"]}, ["Date of birth must be today or in the past"]),
        ({"date_of_birth": ["5", "6", "1800"]},
         ["Date of birth must be on or after 1 January 1920"]),
        ({"date_of_birth": ["31", "2", "2011"]},
         ["Date of birth must be a real date"]),
        ({"date_of_birth": ["5", "", "2011"]}, ["Date of birth must include a month"]),
        ({"status": "adopted"}, ["Choose a status from the list"]),
        ({"id": "no spaces allowed"}, ["Id must be 1 to 64 letters, digits, dots, colons, "
                                       "hyphens and underscores, starting with a letter or digit"]),
        ({"allocate_to": "test-manager"}, ["Choose someone from the list"]),
    ],
)  # fmt: skip
def test_bad_input_names_the_field_and_writes_nothing(
    store: Store,
    signed_in: Callable[..., FlaskClient],
    changes: dict[str, str | list[str]],
    messages: list[str],
) -> None:
    response = signed_in("manager").post("/add-young-person", data=young_person_form(**changes))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert summary_errors(html) == messages
    assert "<title>Error: Add a young person" in html
    assert store.count_young_people() == 0
    assert store.audit_events("yp-new") == []


def test_a_taken_id_is_refused_and_changes_nothing(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    store.save_network(factories.network("yp-new"))
    before = store.load_network("yp-new").to_document()
    response = signed_in("manager").post("/add-young-person", data=young_person_form())
    assert response.status_code == 409
    assert summary_errors(response.get_data(as_text=True)) == [
        "A young person with this id is already on the system: choose another"
    ]
    assert store.load_network("yp-new").to_document() == before


def test_a_hostile_name_is_stored_as_text_and_shown_escaped(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("manager")
    response = client.post("/add-young-person", data=young_person_form(name=HOSTILE))
    assert response.status_code == 302
    assert store.get_young_person("yp-new").name == HOSTILE
    for path in ("/young-people/yp-new", "/young-people/yp-new/network", "/cohort"):
        html = client.get(path).get_data(as_text=True)
        assert HOSTILE not in html, path
        assert "&lt;script&gt;" in html, path


def test_the_form_needs_its_csrf_token(store: Store, add_user: Callable[..., User]) -> None:
    add_user("mo.manager", "manager")
    app = make_app(store, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    sign_in_with_csrf(client, "mo.manager")
    assert client.post("/add-young-person", data=young_person_form()).status_code == 400
    assert store.count_young_people() == 0
    token = csrf_token_of(client.get("/add-young-person").get_data(as_text=True))
    response = client.post("/add-young-person", data={**young_person_form(), "csrf_token": token})
    assert response.status_code == 302
    assert store.count_young_people() == 1
    close_store(app)


# --- the store ------------------------------------------------------------------------------------


def test_creating_allocated_to_nobody_active_creates_nothing(
    store: Store, add_user: Callable[..., User]
) -> None:
    add_user("gone.worker", "coordinator")
    store.update_user(store.get_user("gone.worker").model_copy(update={"active": False}))
    with pytest.raises(NotFound):
        store.create_young_person(factories.young_person("yp-1"), allocate_to="gone.worker")
    with pytest.raises(NotFound):
        store.create_young_person(factories.young_person("yp-1"), allocate_to="nobody")
    assert store.count_young_people() == 0
