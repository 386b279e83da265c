"""Consent and information sharing: a young person's consent ledger, the current state of each
purpose, and recording a decision (docs/consent.md).

- ``/young-people/<id>/consent``: what is in place now for each purpose (family finding paused or
  not) and the ledger, newest first;
- ``/young-people/<id>/consent/new``: append a decision (given, refused or withdrawn) to the
  ledger. Nothing is ever edited or deleted: a withdrawal is a new entry.

Access is :func:`~webapp.access.young_person_access`: coordinators and facilitators for the young
people allocated to them, managers and admins for anyone. Each of them may record a decision
(:data:`RECORD_ROLES`: a facilitator records consent to share at a conference, a coordinator to
family finding). Every view is audited by that check, every entry recorded as a change.
"""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from connections.accounts import AuditAction, UserRole
from connections.consent import (
    DECISION_LABELS,
    HOW_LABELS,
    PARTY_LABELS,
    PURPOSE_DESCRIPTIONS,
    PURPOSE_LABELS,
    UNDERSTANDING_LABELS,
    ConsentEntry,
    ConsentRecord,
    ConsentState,
    Decision,
    Party,
    Purpose,
    check_entry,
    parse_entry,
)
from connections.model import InvalidInput, YoungPerson
from connections.store import AlreadyExists
from webapp.access import audit, young_person_access
from webapp.consent.current import current_consent
from webapp.consent.forms import ConsentForm, show_entry_errors
from webapp.db import get_store
from webapp.filters import long_date
from webapp.tables import as_of

bp = Blueprint("consent", __name__)

#: Who may record a decision, for the young people they may open.
RECORD_ROLES = frozenset(UserRole)

_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


@bp.before_request
def _forms_only() -> None:
    if request.method == "POST" and request.mimetype and request.mimetype not in _FORM_TYPES:
        abort(415)


def may_record(user: object) -> bool:
    """Whether this signed-in user's role may record a decision (allocation is checked apart)."""
    return getattr(user, "role", None) in RECORD_ROLES


def new_entry_id() -> str:
    """A new ledger entry's id: random, so two workers recording at once never clash."""
    return f"ce-{uuid.uuid4().hex[:12]}"


def who(entry: ConsentEntry) -> str:
    """Whose decision an entry records, in words."""
    if entry.party is Party.PARENTAL_RESPONSIBILITY:
        return f"{entry.holder_name} (parental responsibility)"
    if entry.party is Party.LEGAL_BASIS:
        return f"Legal basis: {entry.legal_basis}"
    return "The young person"


@bp.app_template_filter("consent_who")
def consent_who(entry: ConsentEntry) -> str:
    return who(entry)


def _labels() -> dict[str, object]:
    return {
        "purpose_labels": PURPOSE_LABELS,
        "purpose_descriptions": PURPOSE_DESCRIPTIONS,
        "party_labels": PARTY_LABELS,
        "decision_labels": DECISION_LABELS,
        "how_labels": HOW_LABELS,
        "understanding_labels": UNDERSTANDING_LABELS,
    }


@bp.route("/young-people/<young_person_id>/consent")
@young_person_access
def ledger(young_person_id: str) -> str:
    """Each purpose's state now, and every entry of the ledger, newest first."""
    young_person = get_store().get_young_person(young_person_id)
    consent = current_consent(young_person_id, young_person.date_of_birth)
    newest_first: list[ConsentRecord] = list(reversed(consent.ledger))
    return render_template(
        "consent/ledger.html",
        yp=young_person,
        consent=consent,
        entries=newest_first,
        can_record=may_record(current_user),
        as_of=as_of(),
        **_labels(),
    )


@bp.route("/young-people/<young_person_id>/consent/new", methods=["GET", "POST"])
@young_person_access
def record(young_person_id: str) -> Response | tuple[str, int]:
    """Append one decision to the ledger; nothing is written unless all of it is valid."""
    if not may_record(current_user):
        abort(403)
    store = get_store()
    young_person = store.get_young_person(young_person_id)
    if request.method == "GET":
        purpose = request.args.get("purpose", "")
        form = ConsentForm(
            data={"purpose": purpose} if purpose in {p.value for p in Purpose} else None
        )
    else:
        form = ConsentForm()

    def page(status: int = 200, problem: str | None = None) -> tuple[str, int]:
        html = render_template(
            "consent/new.html", yp=young_person, form=form, problem=problem, **_labels()
        )
        return html, status

    if not form.validate_on_submit():
        return page(400 if form.errors else 200)
    try:
        entry = parse_entry(form.entry_values(new_entry_id()))
        check_entry(entry, young_person.date_of_birth, today=as_of())
        store.record_consent(young_person_id, entry, current_user.username)
    except InvalidInput as error:
        show_entry_errors(form, error.errors)
        return page(400)
    except AlreadyExists:  # a new random id clashed: nothing was written
        return page(409, "That could not be recorded just now: nothing was saved. Try again.")
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"consent recorded: {entry.id} ({entry.purpose.value}, {entry.party.value}, "
        f"{entry.decision.value})",
    )
    flash(_recorded_message(young_person, entry), "success")
    return redirect(url_for("consent.ledger", young_person_id=young_person_id))


_VERBS = {
    Decision.GIVEN: "gave consent",
    Decision.REFUSED: "refused consent",
    Decision.WITHDRAWN: "withdrew consent",
}


def _recorded_message(young_person: YoungPerson, entry: ConsentEntry) -> str:
    """What the ledger page says once an entry is recorded, for example: Recorded for family
    finding: Dan Example (parental responsibility) withdrew consent on 2 October 2026."""
    purpose = PURPOSE_LABELS[entry.purpose].lower()
    when = long_date(entry.date)
    if entry.party is Party.LEGAL_BASIS:
        done = "applies" if entry.decision is Decision.GIVEN else "is withdrawn"
        return f"Recorded for {purpose}: the legal basis {done} from {when}."
    subject = (
        young_person.name
        if entry.party is Party.YOUNG_PERSON
        else f"{entry.holder_name} (parental responsibility)"
    )
    return f"Recorded for {purpose}: {subject} {_VERBS[entry.decision]} on {when}."


_TAG_CLASSES = {
    "In place": "govuk-tag--green",
    "Refused": "govuk-tag--red",
    "Withdrawn": "govuk-tag--red",
    "Not asked": "govuk-tag--grey",
}


@bp.app_template_filter("consent_tag")
def consent_tag(state: ConsentState) -> Markup:
    """A purpose's state as a GOV.UK tag with its words ("In place", "Waiting for ...")."""
    css = _TAG_CLASSES.get(state.status, "govuk-tag--yellow")
    return Markup('<strong class="govuk-tag {}">{}</strong>').format(css, state.status)


@bp.app_template_filter("consent_purpose")
def consent_purpose(purpose: Purpose) -> str:
    """A purpose in words ("Family finding")."""
    return PURPOSE_LABELS[purpose]
