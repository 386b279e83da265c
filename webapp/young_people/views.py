"""My young people (the worker's caseload) and one young person's coverage report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from connections import cohort
from connections.model import Network, Person, RatedBy, Relationship
from connections.scoring import CoverageReport, score
from webapp import filters
from webapp.access import young_person_access
from webapp.db import get_store
from webapp.tables import as_of, headers, sort_choice, sort_rows

try:  # the map is a teammate's module; the page shows the table alone until it exists
    from connections import maps
except ImportError:  # pragma: no cover - depends on what is installed
    maps = None  # type: ignore[assignment]

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


@bp.route("/young-people/<young_person_id>")
@young_person_access
def show(young_person_id: str) -> str:
    network = get_store().load_report_network(young_person_id)
    report = score(network, as_of())
    map_json, map_legend = None, []
    if maps is not None:
        map_data = maps.build_map(network, report)
        map_json, map_legend = map_data.to_json(), map_data.legend
    bars = forecast_bars(report)
    return render_template(
        "young_people/show.html",
        network=network,
        report=report,
        rows=network_rows(network, report),
        bars=bars,
        bar_max=max(2, *(bar["count"] for bar in bars)),
        map_json=map_json,
        map_legend=map_legend,
    )
