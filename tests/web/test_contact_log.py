"""Correcting and removing contact log entries: prefilled forms, errors that name the field,
the stale-edit rule, CSRF, who may do it, and an audit record of every correction and of what
each removal removed."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.store import Store
from tests.web.conftest import csrf_token_of, make_app, sign_in, sign_in_with_csrf, text_of
from tests.web.networks import (
    HOSTILE,
    OTHER,
    SECRETS,
    SIBLING,
    YP,
    amy_network,
    other_network,
    sibling_network,
)
from tests.web.test_network import snapshot, summary_errors
from webapp.db import close_store

EDIT = f"/young-people/{YP}/contacts/c-1/edit"
REMOVE = f"/young-people/{YP}/contacts/c-1/remove"
NOTE = SECRETS["contact log note"]


@pytest.fixture
def networks(store: Store) -> None:
    store.save_networks([amy_network(), sibling_network(), other_network()])


@pytest.fixture
def coordinator(networks: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("coordinator", allocated=(YP, SIBLING))


def _html(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def _version_in(html: str) -> str:
    match = re.search(r'name="version" type="hidden" value="(\d+)"', html) or re.search(
        r'type="hidden" name="version" value="(\d+)"', html
    )
    assert match, "no version field"
    return match.group(1)


def _correction(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "person_id": "p-kai",
        "date": ["30", "10", "2026"],
        "kind": "phone_call",
        "note": "Corrected: it was a call with Kai",
    }
    data.update(overrides)
    return data


def _changes(store: Store) -> list[str]:
    return [e.detail for e in store.audit_events(YP) if e.action == "change"]


def test_the_log_offers_correct_and_remove_for_each_entry(coordinator: FlaskClient) -> None:
    html = _html(coordinator, f"/young-people/{YP}/contacts")
    log = html[html.index('id="contact-log"') :]
    assert f'href="{EDIT}"' in log and f'href="{REMOVE}"' in log
    hidden = '<span class="govuk-visually-hidden"> the contact with Rose Example on 1 November'
    assert f"Correct{hidden}" in log and f"Remove{hidden}" in log


def test_correct_an_entry(coordinator: FlaskClient, store: Store) -> None:
    form = _html(coordinator, EDIT)
    # The form comes filled in with the entry as it is.
    assert NOTE in form and 'value="visit" checked' in form
    assert re.search(r'<option selected value="p-rose">|<option value="p-rose" selected', form)
    assert _version_in(form) == "1"
    response = coordinator.post(EDIT, data={**_correction(), "version": "1"})
    assert response.status_code == 302 and response.location.endswith("/contacts#log")
    entry = store.get_contact(YP, "c-1")
    assert (entry.person_id, entry.date, entry.kind.value, entry.note) == (
        "p-kai",
        date(2026, 10, 30),
        "phone_call",
        "Corrected: it was a call with Kai",
    )
    assert entry.recorded_by == "Sam Worker"  # who recorded it first stays
    assert entry.version == 2
    # It is still one entry, now with Kai (and no longer with Rose).
    log = store.contact_log(YP)
    assert [(e.id, e.person_id) for e in log] == [("c-1", "p-kai")]
    assert "contact corrected: c-1 (person_id, date, kind, note)" in _changes(store)
    html = _html(coordinator, f"/young-people/{YP}/contacts")
    assert "The contact with Kai Example on 30 October 2026 is corrected." in html
    assert NOTE not in html
    # Kai's date of last contact comes forward to the corrected date.
    assert store.get_relationship(YP, "p-kai").last_contact == date(2026, 10, 30)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"person_id": ""}, "person_id", "Choose who the contact was with"),
        ({"person_id": "p-secret"}, "person_id", "Choose who the contact was with from the list"),
        ({"date": ["31", "2", "2026"]}, "date-day", "Date of the contact must be a real date"),
        ({"date": ["", "", ""]}, "date-day", "Enter the date of the contact"),
        ({"date": ["1", "1", "2030"]}, "date-day", "must be today or in the past"),
        ({"kind": "telepathy"}, "kind", "Choose the kind of contact from the list"),
        ({"kind": None}, "kind", "Choose the kind of contact"),
        ({"note": "x" * 5001}, "note", "Note must be 5,000 characters or fewer"),
    ],
)
def test_a_bad_correction_names_the_field_and_writes_nothing(
    coordinator: FlaskClient, store: Store, overrides: dict[str, Any], field: str, message: str
) -> None:
    before = snapshot(store)
    data = {k: v for k, v in {**_correction(**overrides), "version": "1"}.items() if v is not None}
    response = coordinator.post(EDIT, data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    errors = summary_errors(html)
    assert any(message in error for error in errors), errors
    assert f'href="#{field}"' in html  # the summary links to the field
    assert "<title>Error: " in html
    assert snapshot(store) == before
    assert not any(d.startswith("contact corrected") for d in _changes(store))


def test_a_stale_correction_is_refused(coordinator: FlaskClient, store: Store) -> None:
    version = _version_in(_html(coordinator, EDIT))
    # Someone else corrects the note after the page was opened.
    theirs = store.get_contact(YP, "c-1").model_copy(update={"note": "Their correction"})
    store.update_contact(YP, theirs)
    response = coordinator.post(EDIT, data={**_correction(), "version": version})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Someone else saved changes to this contact after you opened it" in text_of(html)
    assert "Corrected: it was a call with Kai" in html  # the editor's input is kept
    entry = store.get_contact(YP, "c-1")
    assert (entry.note, entry.person_id, entry.version) == ("Their correction", "p-rose", 2)
    # A form without a version is refused the same way.
    response = coordinator.post(EDIT, data=_correction())
    assert response.status_code == 409
    assert store.get_contact(YP, "c-1").note == "Their correction"


def test_remove_an_entry_keeps_an_audit_record_of_it(
    coordinator: FlaskClient, store: Store
) -> None:
    confirm = _html(coordinator, REMOVE)
    text = text_of(confirm)
    assert "Remove this contact?" in text
    assert "With Rose Example Date 1 November 2026 Kind Visit" in text and NOTE in text
    response = coordinator.post(REMOVE, data={"version": _version_in(confirm)})
    assert response.status_code == 302
    assert store.contact_log(YP) == []
    html = _html(coordinator, f"/young-people/{YP}/contacts")
    assert "The contact with Rose Example on 1 November 2026 is removed." in html
    assert "No contacts recorded yet." in html
    (record,) = [d for d in _changes(store) if d.startswith("contact removed: c-1 ")]
    assert json.loads(record.removeprefix("contact removed: c-1 ")) == {
        "person_id": "p-rose",
        "date": "2026-11-01",
        "kind": "visit",
        "recorded_by": "Sam Worker",
        "note": NOTE,
    }
    # Rose's relationship and its date of last contact are untouched.
    assert store.get_relationship(YP, "p-rose").last_contact == date(2026, 11, 1)
    # The entry is gone: its pages are 404 now.
    assert coordinator.get(REMOVE).status_code == 404
    assert coordinator.post(REMOVE, data={"version": "1"}).status_code == 404


def test_a_long_note_is_kept_whole_in_the_removal_record(
    coordinator: FlaskClient, store: Store
) -> None:
    note = "n" * 4990 + "-END"
    coordinator.post(EDIT, data={**_correction(person_id="p-rose", note=note), "version": "1"})
    coordinator.post(REMOVE, data={"version": "2"})
    (record,) = [d for d in _changes(store) if d.startswith("contact removed: c-1 ")]
    assert json.loads(record.removeprefix("contact removed: c-1 "))["note"] == note


def test_a_stale_removal_is_refused(coordinator: FlaskClient, store: Store) -> None:
    version = _version_in(_html(coordinator, REMOVE))
    theirs = store.get_contact(YP, "c-1").model_copy(update={"note": "Their correction"})
    store.update_contact(YP, theirs)
    response = coordinator.post(REMOVE, data={"version": version})
    assert response.status_code == 409
    assert "Someone else changed this entry after you opened it. Nothing was removed" in (
        text_of(response.get_data(as_text=True))
    )
    assert [e.note for e in store.contact_log(YP)] == ["Their correction"]
    assert not any(d.startswith("contact removed") for d in _changes(store))
    assert coordinator.post(REMOVE, data={}).status_code == 409  # no version: refused too
    assert len(store.contact_log(YP)) == 1


@pytest.mark.parametrize("hostile", HOSTILE[:4])
def test_hostile_notes_are_text_and_hostile_ids_are_404(
    coordinator: FlaskClient, store: Store, hostile: str
) -> None:
    response = coordinator.post(EDIT, data={**_correction(note=hostile), "version": "1"})
    assert response.status_code == 302
    for path in (f"/young-people/{YP}/contacts", EDIT, REMOVE):
        body = _html(coordinator, path)
        assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    before = snapshot(store)
    for suffix in ("edit", "remove"):
        path = f"/young-people/{YP}/contacts/{hostile}/{suffix}"
        assert coordinator.get(path, follow_redirects=True).status_code == 404
        response = coordinator.post(path, data={"version": "1"}, follow_redirects=True)
        assert response.status_code == 404
    assert snapshot(store) == before


def test_only_editors_of_this_young_person_may_correct_or_remove(
    networks: None,
    store: Store,
    app: Flask,
    signed_in: Callable[..., FlaskClient],
    add_user: Callable[..., Any],
) -> None:
    store.add_contact(
        OTHER,
        store.get_contact(YP, "c-1").model_copy(
            update={"id": "c-other", "person_id": "p-secret", "note": "OTHER-NOTE"}
        ),
    )
    before = snapshot(store)
    facilitator = signed_in("facilitator", allocated=(YP,))
    for path in (EDIT, REMOVE):
        assert facilitator.get(path).status_code == 403
        assert facilitator.post(path, data={**_correction(), "version": "1"}).status_code == 403
    add_user("amy-coordinator", "coordinator", (YP,))
    coordinator = app.test_client()
    sign_in(coordinator, "amy-coordinator")
    # Another young person's entry, through this young person's pages or its own: 404.
    for path in (
        f"/young-people/{YP}/contacts/c-other/edit",
        f"/young-people/{YP}/contacts/c-other/remove",
        f"/young-people/{OTHER}/contacts/c-other/edit",
        f"/young-people/{OTHER}/contacts/c-other/remove",
    ):
        assert coordinator.get(path).status_code == 404, path
        response = coordinator.post(path, data={**_correction(), "version": "1"})
        assert response.status_code == 404, path
    assert snapshot(store) == before
    assert store.get_contact(OTHER, "c-other").note == "OTHER-NOTE"


def test_correct_and_remove_need_the_csrf_token(
    networks: None, store: Store, add_user: Callable[..., Any]
) -> None:
    app = make_app(store, WTF_CSRF_ENABLED=True)
    try:
        client = app.test_client()
        add_user("csrf-coordinator", "coordinator", (YP,))
        sign_in_with_csrf(client, "csrf-coordinator")
        before = snapshot(store)
        for path, data in ((EDIT, {**_correction(), "version": "1"}), (REMOVE, {"version": "1"})):
            response = client.post(path, data=data)
            assert response.status_code == 400, path
            assert "Your form could not be sent" in response.get_data(as_text=True)
        assert snapshot(store) == before
        # With the token from the page, the correction goes through.
        token = csrf_token_of(client.get(EDIT).get_data(as_text=True))
        data = {**_correction(), "version": "1", "csrf_token": token}
        assert client.post(EDIT, data=data).status_code == 302
    finally:
        close_store(app)
