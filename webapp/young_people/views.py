"""My young people (the worker's caseload) and one young person's coverage report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from connections import cohort, pagemaps
from connections.model import Contact, Network, Person, RatedBy, Relationship
from connections.scoring import CoverageReport, Lead
from webapp import filters, gaps
from webapp.access import young_person_access
from webapp.consent.current import current_consent
from webapp.db import get_store
from webapp.network.views import may_edit
from webapp.reports import scored_network
from webapp.tables import as_of, headers, sort_choice, sort_rows
from webapp.young_people.kept import kept_fragment

bp = Blueprint("young_people", __name__)

SEARCH_MAX = 100


@bp.route("/")
@login_required
def index() -> Response | str:
    """The young people allocated to the signed-in user, scored, sortable, searchable.

    A manager or admin with no young people of their own lands on the cohort review instead:
    they see the whole cohort, and an empty "My young people" told them nothing.
    """
    query = request.args.get("q", "").strip()[:SEARCH_MAX]
    sort, order = sort_choice(request.args)
    store = get_store()
    allocated = current_user.allocated  # read with the user for this request
    ids = sorted(allocated) if allocated is not None else store.allocated_ids(current_user.username)
    if not ids and current_user.sees_whole_cohort:
        return redirect(url_for("cohort.index"))
    networks = store.networks_for_scoring(ids) if ids else []
    if query:
        needle = query.casefold()
        networks = [n for n in networks if needle in n.young_person.name.casefold()]
    rows = sort_rows(cohort.rows(networks, as_of()), sort, order)
    return render_template(
        "young_people/index.html",
        rows=rows,
        allocated=len(ids),
        query=query,
        headers=headers(request.path, request.args, sort, order),
        as_of=as_of(),
    )


@dataclass(frozen=True, slots=True)
class NetworkRow:
    """One line of the network table: a person and the young person's relationship with them,
    each cell's words worked out here once (a large network has hundreds of rows)."""

    person: Person
    relationship: Relationship
    qualifies: bool
    name: str
    role: str
    category: str
    closeness: str
    rated_by: str  # "" when not rated
    safety: str
    wishes: str
    contact: str
    last_contact: str


_RATED_BY = {RatedBy.YOUNG_PERSON: "the young person", RatedBy.WORKER: "a worker"}


def network_rows(network: Network, report: CoverageReport) -> list[NetworkRow]:
    """Every relationship, loving ones first, then by closeness and name."""
    people = {person.id: person for person in network.people}
    qualifying = {person.id for person in report.qualifying_now}
    words = filters.words
    rows = [
        NetworkRow(
            person=person,
            relationship=r,
            qualifies=r.person_id in qualifying,
            name=person.name + (" (died)" if person.deceased else ""),
            role=words(r.role) + (" (paid)" if r.paid else ""),
            category=words(person.category),
            closeness=filters.closeness(r.closeness),
            rated_by="" if r.closeness is None else _RATED_BY.get(r.closeness_rated_by, "a worker"),
            safety=words(r.safety),
            wishes=words(r.wishes),
            contact=words(r.contact),
            last_contact=filters.long_date(r.last_contact),
        )
        for r in network.relationships
        if (person := people.get(r.person_id)) is not None
    ]
    return sorted(
        rows,
        key=lambda row: (
            not row.qualifies,
            -(row.relationship.closeness if row.relationship.closeness is not None else -1),
            row.person.name.casefold(),
        ),
    )


def forecast_bars(report: CoverageReport) -> list[dict[str, Any]]:
    """Now and each remaining milestone: the loving relationships counted then."""
    bars: list[dict[str, Any]] = [
        {"label": "Now", "date": report.as_of, "count": report.qualifying_count, "leaving": ()}
    ]
    bars += [
        {
            "label": f"At {forecast.age}",
            "date": forecast.date,
            "count": forecast.count,
            "leaving": forecast.leaving,
        }
        for forecast in report.forecast
    ]
    return bars


#: Contact that means a lead has been found already (docs/scoring.md rule 5's "current").
_IN_CONTACT = frozenset({Contact.ACTIVE, Contact.OCCASIONAL})


def split_leads(report: CoverageReport) -> tuple[list[Lead], list[Lead]]:
    """The report's leads (as docs/scoring.md defines them, in its order) as the page shows them:
    people still to find, and people already in contact whose family finding stage was left at
    identified or located (shown as "update the finding stage", never as someone to find)."""
    to_find = [lead for lead in report.leads if lead.contact not in _IN_CONTACT]
    stage_to_update = [lead for lead in report.leads if lead.contact in _IN_CONTACT]
    return to_find, stage_to_update


def leaving_ages(report: CoverageReport) -> dict[str, int]:
    """Person id -> the first milestone age at which they no longer count (from the forecast),
    for the people who will leave: the support grid says "Emma Evans (leaves at 18)"."""
    ages: dict[str, int] = {}
    for forecast in report.forecast:  # milestones in order: the first one a person leaves at
        for person in forecast.leaving:
            ages.setdefault(person.id, forecast.age)
    return ages


@bp.route("/young-people/<young_person_id>")
@young_person_access
def show(young_person_id: str) -> str:
    network, report = scored_network(young_person_id)
    content = pagemaps.content_of(network)
    # Everyone's names with every group open are placed when a group is first opened.
    open_names = url_for("map_names.open_names", young_person_id=young_person_id)
    kept_map = pagemaps.page_map(network, report, open_names, content)
    can_edit = may_edit(current_user)
    consent = current_consent(young_person_id, network.young_person.date_of_birth)
    paused = consent.paused
    # What follows from the network and its report alone is rendered once
    # (webapp.young_people.kept).
    fragment_key = (content, report.as_of, can_edit, paused)

    def verdict_context() -> dict[str, Any]:
        names = {person.id: person.name for person in network.people}
        todos = gaps.gap_links(report, names, paused) if can_edit else gaps.plain(report, paused)
        return {"report": report, "todos": todos}

    def sections_context() -> dict[str, Any]:
        bars = forecast_bars(report)
        leads_to_find, stage_to_update = split_leads(report)
        return {
            "can_edit": can_edit,
            "paused": paused,
            "leads_to_find": leads_to_find,
            "stage_to_update": stage_to_update,
            "network": network,
            "report": report,
            "rows": network_rows(network, report),
            "bars": bars,
            "bar_max": max(2, *(bar["count"] for bar in bars)),
            "leaves_at": leaving_ages(report),
            "map_json": kept_map.json,
            "map_legend": kept_map.data.legend,
            "map_data": kept_map.data,
        }

    return render_template(
        "young_people/show.html",
        can_edit=can_edit,
        consent=consent,
        network=network,
        report=report,
        map_json=kept_map.json,
        verdict=kept_fragment("young_people/_verdict.html", fragment_key, verdict_context),
        report_sections=kept_fragment(
            "young_people/_report_sections.html", fragment_key, sections_context
        ),
    )
