"""``/young-people/ID/history/day?on=YYYY-MM-DD``: the network on a day, read only. The version
in force at the end of that day, UK time (:func:`connections.finding_progress.end_of_uk_day`),
scored on that day, with its map and table, for the allocated workers; like every past network it
is shown with **today's** restrictions (:func:`connections.history.with_todays_restrictions`).
"""

from __future__ import annotations

from datetime import date

from flask import render_template, request
from markupsafe import Markup

from connections import maps, svgmap
from connections.consent import family_finding_paused
from connections.finding_progress import end_of_uk_day
from connections.history import with_todays_restrictions
from connections.scoring import score
from webapp import gaps
from webapp.access import young_person_access
from webapp.db import get_store
from webapp.history.views import bp
from webapp.young_people.views import network_rows


@bp.route("/young-people/<young_person_id>/history/day")
@young_person_access
def on_day(young_person_id: str) -> tuple[str, int]:
    store = get_store()
    today = store.load_network(young_person_id)
    given = (request.args.get("on") or "").strip()[:10]
    if not given:
        return _page(today, None, "", None), 200
    try:
        day = date.fromisoformat(given)
    except ValueError:
        return _page(today, None, given, "Enter the day as YYYY-MM-DD"), 400
    version = store.version_at(young_person_id, end_of_uk_day(day))
    if version is None:
        began = store.history_began(young_person_id)
        problem = (
            f"The history begins on {began.date().isoformat()}: choose a day from then"
            if began
            else "There is no history yet"
        )
        return _page(today, None, given, problem), 400
    network = with_todays_restrictions(version.network, today)
    report = score(network, day)
    paused = family_finding_paused(
        store.consents(young_person_id), network.young_person.date_of_birth, day
    )
    picture = Markup(
        svgmap.render_svg(
            maps.build_map(network, report),
            title=svgmap.map_title(network.young_person.name, day),
            inline=True,
        )
    )
    return render_template(
        "history/on_day.html",
        yp=today.young_person,
        day=day,
        field=given,
        problem=None,
        version=version,
        report=report,
        todos=gaps.plain(report, paused),
        rows=network_rows(network, report),
        picture=picture,
    ), 200


def _page(today: object, version: object, given: str, problem: str | None) -> str:
    return render_template(
        "history/on_day.html",
        yp=today.young_person,  # type: ignore[attr-defined]
        day=None,
        field=given,
        problem=problem,
        version=version,
        report=None,
    )
