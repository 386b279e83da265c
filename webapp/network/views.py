"""Building a young person's network: add and edit people and relationships, links, households,
the contact log and the family finding stages.

Every route goes through :func:`~webapp.access.young_person_access` (the one allocation check:
404 for a young person the user may not open) and then :func:`editor_only`: coordinators, managers
and admins may change a network; a facilitator gets 403 (they record a conference plan in
:mod:`webapp.conference` and nothing else). Every change is written through the store, which
validates it against the model first, and is recorded in the audit trail.

Edits carry the version the editor loaded (a hidden ``version`` field); when someone else saved
in between, the store raises :class:`~connections.store.StaleEdit`, nothing is written, and the
form comes back with the editor's input and the store's message (status 409).

People are shared between young people: "Add someone already known" finds people known to the
service by name (:meth:`~connections.store.Store.find_people`), so a sibling's grandmother is
linked, not recorded twice. What a search shows is :func:`connections.sharing.search_result`'s
rule (docs/sharing-people.md): people in the networks of the user's own young people are listed
and may be added; of anyone else a coordinator learns only that a possible match exists
elsewhere, and may ask for them to be linked (:mod:`webapp.link_requests`); nothing at all is said
about a protected person (a ``no_contact`` relationship anywhere). Adding a person by id checks
the same rule (404 otherwise). A person's own details (name, address, household ...) are one
shared record: the edit page says how many other networks a change will show in, and the change
is audited on the young person it was made from.

Changes to several people at once (the households page) go through
:meth:`~connections.store.Store.update_relationships`: one transaction with one check of the
version of the network the page showed, so all of them are saved or none.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from connections import sharing
from connections.accounts import AuditAction, UserRole
from connections.model import (
    InvalidInput,
    Link,
    Network,
    Person,
    Relationship,
    parse,
    revise,
)
from connections.scoring import CoverageReport, score
from connections.store import (
    FIND_LIMIT,
    AlreadyExists,
    FoundPerson,
    MemberChange,
    NotFound,
    StaleEdit,
    Store,
    network_version,
)
from webapp.access import audit, search_scope, young_person_access
from webapp.consent.current import (
    finding_choices,
    finding_paused,
    limit_finding_field,
    refuse_finding_move,
)
from webapp.db import get_store
from webapp.form_fields import ID_PATTERN, choices, error_summary
from webapp.gaps import gap_links
from webapp.network.forms import (
    FINDING_CHOICES,
    LINK_WORDS,
    NEW_HOUSEHOLD,
    NO_HOUSEHOLD,
    EditPersonForm,
    EditRelationshipForm,
    ExistingPersonForm,
    FindingForm,
    HouseholdForm,
    LinkForm,
    NewPersonForm,
    RemoveForm,
    RemoveLinkForm,
    person_data,
    relationship_data,
    show_model_errors,
)
from webapp.tables import as_of

bp = Blueprint("network", __name__)

F = TypeVar("F", bound=Callable[..., Any])

#: Who may change a network (of the young people they may open at all).
EDIT_ROLES = frozenset({UserRole.COORDINATOR, UserRole.MANAGER, UserRole.ADMIN})

SEARCH_MAX = 100
SEARCH_RESULTS = FIND_LIMIT
#: How many matches a search looks at to list SEARCH_RESULTS and tell whether any is elsewhere.
SEARCH_LOOK_AT = 100
#: The person-level fields the edit page changes (shared by every network the person is in).
PERSON_FIELDS = (
    "name",
    "category",
    "deceased",
    "household",
    "address",
    "contact_details",
    "reachable_agreed_on",
)
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def may_edit(user: Any) -> bool:
    """Whether this signed-in user's role may change networks (allocation is checked apart)."""
    return bool(user) and getattr(user, "role", None) in EDIT_ROLES


@bp.app_template_global("can_edit_network")
def can_edit_network(user: Any) -> bool:
    return may_edit(user)


@bp.app_template_global("govuk_error_summary")
def govuk_error_summary(form: Any) -> dict[str, Any]:
    return error_summary(form)


def editor_only(view: F) -> F:
    """After the allocation check: 403 unless the user's role may change networks."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not may_edit(current_user):
            abort(403)
        return view(*args, **kwargs)

    return cast(F, young_person_access(wrapped))


def forms_only() -> None:
    """A POST must be a form: a JSON or other body gets 415, never a confused form."""
    if request.method == "POST" and request.mimetype and request.mimetype not in _FORM_TYPES:
        abort(415)


bp.before_request(forms_only)


# --- helpers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    person: Person
    relationship: Relationship


def _members(network: Network) -> dict[str, Member]:
    people = {person.id: person for person in network.people}
    return {
        r.person_id: Member(people[r.person_id], r)
        for r in network.relationships
        if r.person_id in people
    }


def _member_or_404(network: Network, person_id: str) -> Member:
    if not ID_PATTERN.match(person_id):
        abort(404)
    member = _members(network).get(person_id)
    if member is None:
        abort(404)
    return member


def _version(text: Any) -> int | None:
    try:
        value = int(str(text or "").strip())
    except ValueError:
        return None
    return value if 0 <= value < 2**53 else None


STALE_FORM = (
    "This form is out of date or was changed. Nothing was saved: reload the page, then make "
    "your change again."
)


def _households(network: Network) -> dict[str, list[Person]]:
    """Shared household ids in this network, with their members, by first member's name."""
    groups: dict[str, list[Person]] = {}
    for person in network.people:
        if person.household:
            groups.setdefault(person.household, []).append(person)
    for members in groups.values():
        members.sort(key=lambda p: p.name.casefold())
    return dict(sorted(groups.items(), key=lambda item: item[1][0].name.casefold()))


def _household_choices(network: Network, current: str | None) -> list[tuple[str, str]]:
    pairs = [("", "No shared household")]
    for household, members in _households(network).items():
        pairs.append((household, "Lives with " + ", ".join(p.name for p in members)))
    if current and current not in {value for value, _ in pairs}:
        pairs.append((current, "Their current household"))
    return pairs


def _name_of(member: Member) -> str:
    return member.person.name


def _done(young_person_id: str, message: str, anchor: str = "") -> Response:
    flash(message, "success")
    return redirect(url_for("network.manage", young_person_id=young_person_id) + anchor)


# --- the network page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ManageRow:
    person: Person
    relationship: Relationship
    qualifies: bool
    household: list[Person]
    finding_form: FindingForm


def _form_page(template: str, **context: Any) -> Callable[..., tuple[str, int]]:
    """How a form view answers: ``page(problem=None, status=200)`` renders ``template`` with
    ``context`` and the problem to show above the form (a stale edit, say)."""

    def page(problem: str | None = None, status: int = 200) -> tuple[str, int]:
        return render_template(template, problem=problem, **context), status

    return page


def _paused(network: Network) -> str | None:
    """Why family finding is paused for this network's young person (None: it is not)."""
    return finding_paused(network.young_person.id, network.young_person.date_of_birth)


def _manage_page(
    network: Network, *, problem: str | None = None, status: int = 200
) -> tuple[str, int]:
    report = score(network, as_of())
    paused = _paused(network)
    qualifying = {person.id for person in report.qualifying_now}
    households = _households(network)
    rows = []
    for member in sorted(_members(network).values(), key=lambda m: m.person.name.casefold()):
        r = member.relationship
        finding = FindingForm(
            formdata=None,
            data={
                "finding_status": r.finding_status.value if r.finding_status else "",
                "version": str(r.version),
            },
            prefix=f"finding-{member.person.id}",
        )
        current = r.finding_status.value if r.finding_status else ""
        finding.finding_status.choices = choices(finding_choices(FINDING_CHOICES, current, paused))
        others = [
            p for p in households.get(member.person.household or "", []) if p.id != member.person.id
        ]
        rows.append(ManageRow(member.person, r, r.person_id in qualifying, others, finding))
    names = {person.id: person.name for person in network.people}
    links = sorted(
        (
            {
                "link": link,
                "source": names.get(link.source, link.source),
                "target": names.get(link.target, link.target),
                "words": LINK_WORDS.get(link.kind.value, link.kind.value),
            }
            for link in network.links
        ),
        key=lambda row: (row["source"].casefold(), row["target"].casefold()),
    )
    names = {person.id: person.name for person in network.people}
    page = render_template(
        "network/manage.html",
        network=network,
        report=report,
        todos=gap_links(report, names, paused),
        rows=rows,
        links=links,
        households=households,
        problem=problem,
        paused=paused,
    )
    return page, status


def _report_line(report: CoverageReport) -> str:
    count = report.qualifying_count
    return f"{count} loving relationship{'' if count == 1 else 's'} now"


@bp.route("/young-people/<young_person_id>/network")
@editor_only
def manage(young_person_id: str) -> tuple[str, int]:
    return _manage_page(get_store().load_network(young_person_id))


# --- adding people --------------------------------------------------------------------------------


def _known_person(store: Store, person_id: str) -> FoundPerson | None:
    """An existing person this user may add without anyone's approval, as they may be shown
    them, else ``None`` (whether there is no such person or they may not know of them)."""
    if not ID_PATTERN.match(person_id or ""):
        return None
    try:
        person = store.person_summary(person_id, **search_scope(store))
    except NotFound:
        return None
    if not sharing.may_link_directly(person, sees_whole_cohort=current_user.sees_whole_cohort):
        return None
    return person


def _known_person_or_404(store: Store, young_person_id: str, person_id: str) -> FoundPerson:
    """:func:`_known_person`, or 404 exactly as for no such person (a refused id is audited)."""
    person = _known_person(store, person_id)
    if person is None:
        if ID_PATTERN.match(person_id or ""):
            audit(AuditAction.DENIED, young_person_id, f"add existing person refused: {person_id}")
        abort(404)
    return person


def _already_there(network: Network, person: FoundPerson) -> str:
    return f"{person.name} is already in {network.young_person.name}'s network"


def _search(store: Store, network: Network, query: str) -> sharing.SearchResult:
    """What this user may be shown of the people known to the service matching ``query`` who
    are not in this network yet."""
    found = store.find_people(
        query,
        not_in_network_of=network.young_person.id,
        limit=SEARCH_LOOK_AT,
        **search_scope(store),
    )
    return sharing.search_result(
        found, sees_whole_cohort=current_user.sees_whole_cohort, limit=SEARCH_RESULTS
    )


def _young_people(count: int) -> str:
    return f"{count} young {'person' if count == 1 else 'people'}"


@bp.app_template_filter("in_networks")
def in_networks(person: FoundPerson) -> str:
    """Whose networks a found person is in, as far as the user may know: the young people
    allocated to them by name, everyone else only as a number.

    >>> in_networks(FoundPerson("p", "Rose", "family", False, 3, [("yp-1", "Amy")]))
    'Amy and 2 other young people'
    >>> in_networks(FoundPerson("p", "Rose", "family", False, 1, []))
    '1 young person'
    """
    names = [name for _, name in person.visible_young_people]
    others = max(person.networks - len(names), 0)
    if not names:
        return _young_people(others)
    text = ", ".join(names)
    if others:
        text += f" and {others} other young {'person' if others == 1 else 'people'}"
    return text


def _add_page(
    network: Network,
    form: NewPersonForm | ExistingPersonForm,
    *,
    existing: FoundPerson | None = None,
    query: str = "",
    found: sharing.SearchResult | None = None,
    problem: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    limit_finding_field(form.finding_status, FINDING_CHOICES, "", _paused(network))
    page = render_template(
        "network/add_person.html",
        network=network,
        form=form,
        existing=existing,
        query=query,
        found=found,
        searched=bool(query),
        problem=problem,
    )
    return page, status


@bp.route("/young-people/<young_person_id>/people/new", methods=["GET", "POST"])
@editor_only
def add_person(young_person_id: str) -> Response | tuple[str, int]:
    store = get_store()
    network = store.load_network(young_person_id)
    if request.method == "POST" and request.form.get("person_id"):
        return _add_existing(store, network)
    if request.method == "GET" and request.args.get("person_id"):
        person = _known_person_or_404(store, young_person_id, request.args.get("person_id", ""))
        form = ExistingPersonForm(data={"person_id": person.id})
        if person.id in {p.id for p in network.people}:
            return _add_page(
                network, form, existing=person, problem=_already_there(network, person)
            )
        return _add_page(network, form, existing=person)

    form = NewPersonForm()
    form.household.choices = choices(_household_choices(network, None))
    query = request.args.get("q", "").strip()[:SEARCH_MAX] if request.method == "GET" else ""
    found = _search(store, network, query) if query else None
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return _add_page(network, form, query=query, found=found, status=status)
    if refuse_finding_move(form.finding_status, None, _paused(network)):
        return _add_page(network, form, status=400)

    person_id = f"p-{uuid.uuid4().hex[:12]}"
    try:
        person = parse(
            Person,
            {
                "id": person_id,
                "name": form.name.data,
                "category": form.category.data,
                "deceased": bool(form.deceased.data),
                "household": form.household.data or None,
                "address": form.address.data or "",
                "contact_details": form.contact_details.data or "",
                "reachable_agreed_on": form.reachable_agreed_on.data,
            },
        )
        relationship = parse(Relationship, {"person_id": person_id, **form.relationship_values()})
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return _add_page(network, form, status=400)
    store.create_person(person)
    try:
        store.create_relationship(young_person_id, relationship)
    except Exception:
        store.delete_person(person_id)
        raise
    audit(AuditAction.CHANGE, young_person_id, f"person added: {person_id}")
    return _done(young_person_id, f"{person.name} is now in the network.")


def _add_existing(store: Store, network: Network) -> Response | tuple[str, int]:
    young_person_id = network.young_person.id
    form = ExistingPersonForm()
    person = _known_person_or_404(store, young_person_id, form.person_id.data or "")
    if person.id in {p.id for p in network.people}:
        return _add_page(
            network, form, existing=person, problem=_already_there(network, person), status=409
        )
    if not form.validate_on_submit():
        return _add_page(network, form, existing=person, status=400)
    if refuse_finding_move(form.finding_status, None, _paused(network)):
        return _add_page(network, form, existing=person, status=400)
    try:
        relationship = parse(Relationship, {"person_id": person.id, **form.relationship_values()})
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return _add_page(network, form, existing=person, status=400)
    try:
        store.create_relationship(young_person_id, relationship)
    except AlreadyExists:
        problem = _already_there(network, person)
        return _add_page(network, form, existing=person, problem=problem, status=409)
    audit(AuditAction.CHANGE, young_person_id, f"existing person added: {person.id}")
    return _done(young_person_id, f"{person.name} is now in the network.")


# --- editing people and relationships -------------------------------------------------------------


@bp.route("/young-people/<young_person_id>/people/<person_id>/edit", methods=["GET", "POST"])
@editor_only
def edit_person(young_person_id: str, person_id: str) -> Response | tuple[str, int]:
    store = get_store()
    network = store.load_network(young_person_id)
    member = _member_or_404(network, person_id)
    person = member.person
    form = EditPersonForm(data=person_data(person)) if request.method == "GET" else EditPersonForm()
    form.household.choices = choices(_household_choices(network, person.household))
    shared_with = max(store.network_count(person_id) - 1, 0)

    page = _form_page(
        "network/edit_person.html",
        network=network,
        person=person,
        form=form,
        shared_with=shared_with,
    )

    if not form.validate_on_submit():
        return page(status=400 if form.errors else 200)
    version = _version(form.version.data)
    if version is None:
        return page(STALE_FORM, 409)
    try:
        changed = revise(
            person,
            {
                "name": form.name.data,
                "category": form.category.data,
                "deceased": bool(form.deceased.data),
                "household": form.household.data or None,
                "address": form.address.data or "",
                "contact_details": form.contact_details.data or "",
                "reachable_agreed_on": form.reachable_agreed_on.data,
            },
        )
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return page(status=400)
    try:
        store.update_person(changed.at_version(version))
    except StaleEdit as error:
        return page(str(error), 409)
    audit(AuditAction.CHANGE, young_person_id, _person_edit_detail(person, changed, shared_with))
    message = f"{changed.name}'s details are saved."
    if shared_with:
        message += f" The change shows in the networks of {_young_people(shared_with)} more too."
    return _done(young_person_id, message)


def _person_edit_detail(before: Person, after: Person, shared_with: int) -> str:
    """The audit note of a person's edit: which fields changed (not their values) and, for a
    shared person, how many other networks it reaches (a count: no one else is named)."""
    fields = [name for name in PERSON_FIELDS if getattr(before, name) != getattr(after, name)]
    detail = f"person edited: {after.id} ({', '.join(fields) or 'no change'})"
    if shared_with:
        detail += f"; shared: also in the networks of {_young_people(shared_with)}"
    return detail


@bp.route(
    "/young-people/<young_person_id>/people/<person_id>/relationship", methods=["GET", "POST"]
)
@editor_only
def edit_relationship(young_person_id: str, person_id: str) -> Response | tuple[str, int]:
    store = get_store()
    network = store.load_network(young_person_id)
    member = _member_or_404(network, person_id)
    if request.method == "GET":
        form = EditRelationshipForm(data=relationship_data(member.relationship))
    else:
        form = EditRelationshipForm()
    saved_stage = member.relationship.finding_status
    paused = _paused(network)

    def page(problem: str | None = None, status: int = 200) -> tuple[str, int]:
        # Validated against every stage; offered only those allowed while paused.
        current = saved_stage.value if saved_stage else ""
        limit_finding_field(form.finding_status, FINDING_CHOICES, current, paused)
        return _form_page(
            "network/edit_relationship.html", network=network, person=member.person, form=form
        )(problem, status)

    if not form.validate_on_submit():
        return page(status=400 if form.errors else 200)
    if refuse_finding_move(form.finding_status, saved_stage, paused):
        return page(status=400)
    version = _version(form.version.data)
    if version is None:
        return page(STALE_FORM, 409)
    try:
        changed = revise(member.relationship, form.relationship_values())
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return page(status=400)
    try:
        store.update_relationship(young_person_id, changed.at_version(version))
    except StaleEdit as error:
        return page(str(error), 409)
    audit(AuditAction.CHANGE, young_person_id, f"relationship edited: {person_id}")
    report = score(store.load_network(young_person_id), as_of())
    return _done(
        young_person_id,
        f"The relationship with {member.person.name} is saved: {_report_line(report)}.",
    )


@bp.route("/young-people/<young_person_id>/people/<person_id>/finding", methods=["POST"])
@editor_only
def set_finding(young_person_id: str, person_id: str) -> Response | tuple[str, int]:
    """The row action: move a person along the family finding stages."""
    store = get_store()
    network = store.load_network(young_person_id)
    member = _member_or_404(network, person_id)
    form = FindingForm(prefix=f"finding-{person_id}")
    form.finding_status.choices = choices(FINDING_CHOICES)
    if not form.validate_on_submit():
        message = next(iter(form.finding_status.errors), STALE_FORM)
        return _manage_page(network, problem=str(message), status=400)
    version = _version(form.version.data)
    if version is None:
        return _manage_page(network, problem=STALE_FORM, status=409)
    if refuse_finding_move(
        form.finding_status, member.relationship.finding_status, _paused(network)
    ):
        problem = f"{member.person.name}: {form.finding_status.errors[-1]}"
        return _manage_page(network, problem=problem, status=400)
    stage = form.finding_status.data or None
    changed = revise(member.relationship, {"finding_status": stage})
    try:
        store.update_relationship(young_person_id, changed.at_version(version))
    except StaleEdit as error:
        return _manage_page(network, problem=str(error), status=409)
    audit(AuditAction.CHANGE, young_person_id, f"finding stage {stage or 'none'}: {person_id}")
    words = dict(FINDING_CHOICES)[form.finding_status.data or ""]
    return _done(young_person_id, f"{member.person.name}: {words.lower()}.", f"#person-{person_id}")


@bp.route("/young-people/<young_person_id>/people/<person_id>/remove", methods=["GET", "POST"])
@editor_only
def remove_person(young_person_id: str, person_id: str) -> Response | tuple[str, int]:
    """Remove a person from this young person's network (their relationship and its contact
    log); a person left in no one's network is deleted altogether."""
    store = get_store()
    network = store.load_network(young_person_id)
    member = _member_or_404(network, person_id)
    others = max(store.network_count(person_id) - 1, 0)
    if request.method == "GET":
        form = RemoveForm(data={"version": str(member.relationship.version)})
    else:
        form = RemoveForm()

    page = _form_page(
        "network/remove.html", network=network, person=member.person, form=form, others=others
    )

    if not form.validate_on_submit():
        return page()
    version = _version(form.version.data)
    if version is None:
        return page(STALE_FORM, 409)
    try:
        # The version check, the removal and deleting someone left in no network are one
        # transaction under the young person's write lock.
        store.remove_from_network(young_person_id, person_id, version)
    except StaleEdit as error:
        return page(str(error), 409)
    audit(AuditAction.CHANGE, young_person_id, f"relationship removed: {person_id}")
    return _done(young_person_id, f"{member.person.name} is no longer in the network.")


# --- links between people -------------------------------------------------------------------------


def _people_choices(network: Network, placeholder: str) -> list[Any]:
    people = sorted(network.people, key=lambda p: (p.name.casefold(), p.id))
    return choices([("", placeholder), *((p.id, p.name) for p in people)])


@bp.route("/young-people/<young_person_id>/links/new", methods=["GET", "POST"])
@editor_only
def add_link(young_person_id: str) -> Response | tuple[str, int]:
    store = get_store()
    network = store.load_network(young_person_id)
    form = LinkForm()
    form.source.choices = _people_choices(network, "Choose a person")
    form.target.choices = _people_choices(network, "Choose a person")

    page = _form_page("network/add_link.html", network=network, form=form)

    if not form.validate_on_submit():
        return page(status=400 if form.errors else 200)
    try:
        link = parse(
            Link,
            {"source": form.source.data, "target": form.target.data, "kind": form.kind.data},
        )
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return page(status=400)
    if link.key in {existing.key for existing in network.links}:
        form.kind.errors = [*form.kind.errors, "These two people are already linked like this"]
        return page(status=409)
    store.create_link(link)
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"link added: {link.source} {link.kind.value} {link.target}",
    )
    names = {p.id: p.name for p in network.people}
    words = LINK_WORDS[form.kind.data]
    return _done(
        young_person_id,
        f"Saved: {names[form.source.data]} {words} {names[form.target.data]}.",
        "#links",
    )


@bp.route("/young-people/<young_person_id>/links/remove", methods=["POST"])
@editor_only
def remove_link(young_person_id: str) -> Response | tuple[str, int]:
    store = get_store()
    network = store.load_network(young_person_id)
    form = RemoveLinkForm()
    if not form.validate_on_submit():
        return _manage_page(network, problem=STALE_FORM, status=400)
    try:
        link = parse(
            Link,
            {"source": form.source.data, "target": form.target.data, "kind": form.kind.data},
        )
    except InvalidInput:
        return _manage_page(network, problem="That link could not be found.", status=400)
    if link.key not in {existing.key for existing in network.links}:
        return _manage_page(
            network,
            problem="That link could not be found: someone may have removed it already.",
            status=404,
        )
    store.delete_link(link)
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"link removed: {link.source} {link.kind.value} {link.target}",
    )
    return _done(young_person_id, "The link is removed.", "#links")


# --- households -----------------------------------------------------------------------------------


@bp.route("/young-people/<young_person_id>/households", methods=["GET", "POST"])
@editor_only
def households(young_person_id: str) -> Response | tuple[str, int]:
    """Put several people in one household (or take them out of any): one transaction for all
    of them, checked against the version of the network the page showed."""
    store = get_store()
    network = store.load_network(young_person_id)
    people = {p.id: p for p in network.people}
    groups = _households(network)
    if request.method == "GET":
        form = HouseholdForm(data={"version": network_version(network)})
    else:
        form = HouseholdForm()
    form.people.choices = choices(
        (p.id, p.name) for p in sorted(people.values(), key=lambda p: p.name.casefold())
    )
    form.household.choices = choices(
        [
            (NEW_HOUSEHOLD, "A new household"),
            *(
                (household, "The household of " + ", ".join(p.name for p in members))
                for household, members in groups.items()
            ),
            (NO_HOUSEHOLD, "No shared household: they live apart"),
        ]
    )

    page = _form_page("network/households.html", network=network, form=form, groups=groups)

    if not form.validate_on_submit():
        return page(status=400 if form.errors else 200)
    version = (form.version.data or "").strip()
    if not version:
        return page(STALE_FORM, 409)
    chosen = form.household.data
    household = (
        f"h-{uuid.uuid4().hex[:12]}"
        if chosen == NEW_HOUSEHOLD
        else None
        if chosen == NO_HOUSEHOLD
        else chosen
    )
    selected = list(dict.fromkeys(form.people.data or []))
    changes = [MemberChange(pid, person={"household": household}) for pid in selected]
    try:
        update = store.update_relationships(young_person_id, changes, version)
    except StaleEdit as error:
        return page(str(error), 409)
    except InvalidInput as error:  # the form offers only valid choices: a tampered post
        form.household.errors = [
            *form.household.errors,
            *(f"Household {e.message}" for e in error.errors),
        ]
        return page(status=400)
    if update.people:
        audit(
            AuditAction.CHANGE,
            young_person_id,
            f"household {household or 'none'}: " + ", ".join(update.people),
        )
    names = ", ".join(people[pid].name for pid in selected)
    message = (
        f"{names} no longer share a household."
        if household is None
        else f"{names} now live in one household."
    )
    return _done(young_person_id, message, "#households")
