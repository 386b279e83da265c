"""``/young-people/ID/history``: every version of the network, newest first, in words with the
score then (:func:`connections.history.entries`), and any two days side by side
(:func:`connections.history.compare`) with both maps.

A past network is shown with today's restrictions
(:func:`connections.history.with_todays_restrictions`). Reading history is audited as any
view (``young_person_access``).
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request
from markupsafe import Markup

from connections import maps, svgmap
from connections.finding_progress import end_of_uk_day
from connections.history import Comparison, compare, entries, with_todays_restrictions
from connections.model import Network
from connections.store import Store
from webapp.access import young_person_access
from webapp.db import get_store

bp = Blueprint("history", __name__)

#: Versions on one page; older ones are a link away.
PAGE = 20


@bp.route("/young-people/<young_person_id>/history")
@young_person_access
def index(young_person_id: str) -> tuple[str, int]:
    store = get_store()
    today = store.load_network(young_person_id)
    before = request.args.get("before", type=int)
    versions = store.versions(young_person_id, limit=PAGE + 1, before=before)
    more = len(versions) > PAGE
    shown = entries(versions, more=more)
    errors, days = _days(request.args)
    comparison = maps_shown = None
    if days and not errors:
        comparison, maps_shown, problem = _compare(store, young_person_id, today, *days)
        if problem:
            errors = problem
    return render_template(
        "history/index.html",
        yp=today.young_person,
        entries=shown,
        older=shown[-1].number if more and shown else None,
        days=days,
        errors=errors,
        comparison=comparison,
        domain_rows=(
            list(zip(comparison.before.domains, comparison.after.domains, strict=True))
            if comparison
            else []
        ),
        maps=maps_shown,
        fields={key: request.args.get(key, "")[:10] for key in ("from", "to")},
    ), (400 if errors else 200)


def _days(args: object) -> tuple[dict[str, str], tuple[date, date] | None]:
    """The two days to compare (``from``, ``to``; either order), each named when it is wrong."""
    get = args.get  # type: ignore[attr-defined]
    given = {key: (get(key) or "").strip()[:10] for key in ("from", "to")}
    if not any(given.values()):
        return {}, None
    errors, days = {}, {}
    for key, value in given.items():
        try:
            days[key] = date.fromisoformat(value)
        except ValueError:
            errors[key] = f"Enter the {'first' if key == 'from' else 'second'} day as YYYY-MM-DD"
    if errors:
        return errors, None
    first, second = sorted((days["from"], days["to"]))
    return {}, (first, second)


def _compare(
    store: Store, young_person_id: str, today: Network, first: date, second: date
) -> tuple[Comparison | None, tuple[Markup, Markup] | None, dict[str, str]]:
    versions = [store.version_at(young_person_id, end_of_uk_day(day)) for day in (first, second)]
    if versions[0] is None:
        began = store.history_began(young_person_id)
        message = (
            f"The history begins on {began.date().isoformat()}: choose a day from then"
            if began
            else "There is no history yet"
        )
        return None, None, {"from": message}
    networks = [with_todays_restrictions(v.network, today) for v in versions]  # type: ignore[union-attr]
    comparison = compare(networks[0], first, networks[1], second)
    pictures = tuple(
        Markup(
            svgmap.render_svg(
                maps.build_map(network, report),
                title=svgmap.map_title(network.young_person.name, day),
                inline=True,
            )
        )
        for network, report, day in (
            (networks[0], comparison.before, first),
            (networks[1], comparison.after, second),
        )
    )
    return comparison, pictures, {}  # type: ignore[return-value]
