"""``/cohort/constellations``: carers and households linked across the cohort with the young
people they care or cared for (:mod:`connections.constellations`), and
``/cohort/constellations/ID``: one of them as a map with the table beside it.

Managers and administrators only, as the cohort review: one query whatever the cohort's size.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from connections import constellation_map, constellations
from connections.accounts import UserRole
from webapp.access import roles_required
from webapp.db import get_store
from webapp.form_fields import ID_PATTERN

bp = Blueprint("constellations", __name__)

#: The list shows this many.
SHOWN = 200
#: Beyond this many carers, households and young people the map is left out (a browser would
#: struggle, and no one could read it): the table holds them all.
MAP_LIMIT = 400


@bp.route("/cohort/constellations")
@roles_required(UserRole.MANAGER, UserRole.ADMIN)
def index() -> str:
    found = constellations.from_store(get_store())
    return render_template(
        "constellations/index.html", constellations=found[:SHOWN], total=len(found)
    )


@bp.route("/cohort/constellations/<constellation_id>")
@roles_required(UserRole.MANAGER, UserRole.ADMIN)
def show(constellation_id: str) -> str:
    if not ID_PATTERN.match(constellation_id):
        abort(404)
    found = constellations.find(constellations.from_store(get_store()), constellation_id)
    if found is None:
        abort(404)
    size = len(found.carers) + len(found.households) + len(found.young_people)
    map_data = constellation_map.build_map(found) if size <= MAP_LIMIT else None
    return render_template(
        "constellations/show.html",
        constellation=found,
        map_json=map_data.to_json() if map_data else None,
        map_legend=map_data.legend if map_data else [],
        map_limit=MAP_LIMIT,
    )
