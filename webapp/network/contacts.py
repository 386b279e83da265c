"""The contact log: every visit, call or letter with the people in a young person's network,
newest first; record one, correct one, remove one.

Routes on the network blueprint (``network.contacts``, ``network.edit_contact``,
``network.remove_contact``), behind :func:`~webapp.network.views.editor_only` like every page
that changes a network. Every change is audited: a correction names the fields that changed, a
removal keeps a record of the entry that was removed (who it was with, when, what kind, who
recorded it and its note). A correction or removal carries the version of the entry the editor
opened; if someone changed it in between, nothing is written and the page says so (409).
"""

from __future__ import annotations

import json
import uuid

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from connections.accounts import AuditAction
from connections.model import ContactEntry, InvalidInput, Network, parse, revise
from connections.store import NotFound, StaleEdit, Store
from webapp.access import audit
from webapp.db import get_store
from webapp.filters import long_date
from webapp.form_fields import ID_PATTERN
from webapp.network.forms import ContactForm, EditContactForm, RemoveContactForm, show_model_errors
from webapp.network.views import (
    STALE_FORM,
    _form_page,
    _people_choices,
    _version,
    bp,
    editor_only,
)

#: The fields a correction may change (``recorded_by`` stays who recorded it first).
CORRECTABLE = ("person_id", "date", "kind", "note")


def _contact_page(network: Network, form: ContactForm, status: int = 200) -> tuple[str, int]:
    names = {p.id: p.name for p in network.people}
    entries = sorted(network.contact_log, key=lambda e: (e.date, e.id), reverse=True)
    page = _form_page(
        "network/contacts.html", network=network, form=form, entries=entries, names=names
    )
    return page(status=status)


@bp.route("/young-people/<young_person_id>/contacts", methods=["GET", "POST"])
@editor_only
def contacts(young_person_id: str) -> Response | tuple[str, int]:
    """The contact log: every visit, call or letter, newest first, and a form to add one.
    Recording a contact brings the relationship's date of last contact up to date."""
    store = get_store()
    network = store.load_network(young_person_id)
    if request.method == "GET" and request.args.get("person"):
        form = ContactForm(data={"person_id": request.args.get("person", "")[:64]})
    else:
        form = ContactForm()
    form.person_id.choices = _people_choices(network, "Choose a person")
    if request.method == "GET":
        form.person_id.errors = []
        return _contact_page(network, form)
    if not form.validate_on_submit():
        return _contact_page(network, form, 400)
    entry_id = f"c-{uuid.uuid4().hex[:12]}"
    try:
        entry = parse(
            ContactEntry,
            {
                "id": entry_id,
                "person_id": form.person_id.data,
                "date": form.date.data,
                "kind": form.kind.data,
                "note": form.note.data or "",
                "recorded_by": current_user.display_name,
            },
        )
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return _contact_page(network, form, 400)
    store.add_contact(young_person_id, entry)
    audit(AuditAction.CHANGE, young_person_id, f"contact recorded: {entry_id}")
    message = f"Contact with {_name(network, entry)} on {long_date(entry.date)} is recorded."
    if _bring_last_contact_forward(store, young_person_id, entry):
        message += " Their date of last contact is updated."
    return _back_to_log(young_person_id, message)


def _entry_or_404(network: Network, entry_id: str) -> ContactEntry:
    if not ID_PATTERN.match(entry_id):
        abort(404)
    entry = next((e for e in network.contact_log if e.id == entry_id), None)
    if entry is None:
        abort(404)
    return entry


def _name(network: Network, entry: ContactEntry) -> str:
    return next((p.name for p in network.people if p.id == entry.person_id), entry.person_id)


def _back_to_log(young_person_id: str, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for("network.contacts", young_person_id=young_person_id) + "#log")


@bp.route("/young-people/<young_person_id>/contacts/<entry_id>/edit", methods=["GET", "POST"])
@editor_only
def edit_contact(young_person_id: str, entry_id: str) -> Response | tuple[str, int]:
    """Correct an entry (who it was with, the date, the kind, the note)."""
    store = get_store()
    network = store.load_network(young_person_id)
    entry = _entry_or_404(network, entry_id)
    if request.method == "GET":
        form = EditContactForm(
            data={
                "person_id": entry.person_id,
                "date": entry.date,
                "kind": entry.kind.value,
                "note": entry.note,
                "version": str(entry.version),
            }
        )
    else:
        form = EditContactForm()
    form.person_id.choices = _people_choices(network, "Choose a person")
    page = _form_page("network/edit_contact.html", network=network, entry=entry, form=form)

    if not form.validate_on_submit():
        return page(status=400 if form.errors else 200)
    version = _version(form.version.data)
    if version is None:
        return page(STALE_FORM, 409)
    try:
        changed = revise(
            entry,
            {
                "person_id": form.person_id.data,
                "date": form.date.data,
                "kind": form.kind.data,
                "note": form.note.data or "",
            },
        )
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return page(status=400)
    try:
        saved = store.update_contact(young_person_id, changed.at_version(version))
    except StaleEdit as error:
        return page(str(error), 409)
    except NotFound:  # removed in between, or its person left the network
        return page(
            "This entry, or the person it was with, is no longer in the contact log. Nothing "
            "was saved: go back to the contact log to see it as it is now.",
            409,
        )
    fields = [name for name in CORRECTABLE if getattr(entry, name) != getattr(saved, name)]
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"contact corrected: {entry_id} ({', '.join(fields) or 'no change'})",
    )
    message = f"The contact with {_name(network, saved)} on {long_date(saved.date)} is corrected."
    if _bring_last_contact_forward(store, young_person_id, saved):
        message += " Their date of last contact is updated."
    return _back_to_log(young_person_id, message)


@bp.route("/young-people/<young_person_id>/contacts/<entry_id>/remove", methods=["GET", "POST"])
@editor_only
def remove_contact(young_person_id: str, entry_id: str) -> Response | tuple[str, int]:
    """Remove an entry recorded in error; the audit trail keeps what it said."""
    store = get_store()
    network = store.load_network(young_person_id)
    entry = _entry_or_404(network, entry_id)
    if request.method == "GET":
        form = RemoveContactForm(data={"version": str(entry.version)})
    else:
        form = RemoveContactForm()
    page = _form_page(
        "network/remove_contact.html",
        network=network,
        entry=entry,
        name=_name(network, entry),
        form=form,
    )

    if not form.validate_on_submit():
        return page(status=400 if form.errors else 200)
    version = _version(form.version.data)
    try:
        if version is None:
            raise StaleEdit(STALE_FORM)
        removed = store.remove_contact(young_person_id, entry_id, version)
    except StaleEdit:
        return page(
            "Someone else changed this entry after you opened it. Nothing was removed: check "
            "the entry, then remove it again if you still want to.",
            409,
        )
    except NotFound:
        return page("This entry is no longer in the contact log: someone removed it already.", 409)
    audit(AuditAction.CHANGE, young_person_id, removal_record(removed))
    return _back_to_log(
        young_person_id,
        f"The contact with {_name(network, removed)} on {long_date(removed.date)} is removed.",
    )


def removal_record(entry: ContactEntry) -> str:
    """The audit detail of a removal: the whole entry as it was, the note last (so that, were
    the detail ever cut short, the facts come first).

    >>> from datetime import date
    >>> removal_record(ContactEntry(id="c-1", person_id="p-kai", date=date(2026, 11, 1),
    ...                             kind="visit", note="Zoo", recorded_by="Sam"))
    'contact removed: c-1 {"person_id": "p-kai", "date": "2026-11-01", "kind": "visit", \
"recorded_by": "Sam", "note": "Zoo"}'
    """
    facts = {
        "person_id": entry.person_id,
        "date": entry.date.isoformat(),
        "kind": entry.kind.value,
        "recorded_by": entry.recorded_by,
        "note": entry.note,
    }
    return f"contact removed: {entry.id} {json.dumps(facts, ensure_ascii=False)}"


def _bring_last_contact_forward(store: Store, young_person_id: str, entry: ContactEntry) -> bool:
    for _attempt in range(2):
        relationship = store.get_relationship(young_person_id, entry.person_id)
        if relationship.last_contact is not None and relationship.last_contact >= entry.date:
            return False
        try:
            store.update_relationship(
                young_person_id, revise(relationship, {"last_contact": entry.date})
            )
        except StaleEdit:  # pragma: no cover - someone saved in between: read again
            continue
        return True
    return False  # pragma: no cover
