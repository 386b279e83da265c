"""``/young-people/ID/timeline``: the network's size, loving relationships and score over time as
a chart with a table beside it, the conference and the family-finding stages marked
(:mod:`connections.timeline`); ``/cohort/family-finding``: the cohort's figures for a period
(:mod:`connections.finding_progress`), with a CSV export.

Each page reads the versions it needs in a fixed number of queries
(:mod:`connections.store.finding`): the timeline one, the period figures three, whatever the
cohort's size. The timeline is audited as any view of a young person (``young_person_access``).
"""

from __future__ import annotations

import io
from datetime import datetime, time

from flask import Blueprint, Response, render_template, request
from markupsafe import Markup

from connections import csvfile, finding_report
from connections.accounts import UserRole
from connections.finding_period import Period, period_from
from connections.finding_progress import UK, CohortProgress, cohort_progress, end_of_uk_day
from connections.timeline import build_timeline
from connections.timeline_svg import render_timeline_svg
from webapp.access import roles_required, young_person_access
from webapp.db import get_store
from webapp.tables import as_of

bp = Blueprint("finding", __name__)

_DATE_FIELDS = tuple(f"{p}-{part}" for p in ("start", "end") for part in ("day", "month", "year"))


@bp.route("/young-people/<young_person_id>/timeline")
@young_person_access
def timeline(young_person_id: str) -> str:
    store = get_store()
    record = store.timeline(young_person_id)
    if record.versions:
        young_person = record.versions[-1].network.young_person
    else:  # no history kept yet: the name from today's network
        young_person = store.load_network(young_person_id).young_person
    built = build_timeline(record.versions, record.conferences)
    rows = [
        (point, built.marks_for(point, built.points[index - 1] if index else None))
        for index, point in enumerate(built.points)
    ]
    return render_template(
        "finding/timeline.html",
        yp=young_person,
        timeline=built,
        rows=rows,
        chart=Markup(render_timeline_svg(built, young_person.name)),
    )


def cohort_figures(period: Period) -> CohortProgress:
    """The period's figures from the versions (three reads)."""
    opened = datetime.combine(period.start, time.min, tzinfo=UK)
    histories = get_store().period_histories(opened, end_of_uk_day(period.end))
    return cohort_progress(histories, period.start, period.end)


@bp.route("/cohort/family-finding")
@roles_required(UserRole.MANAGER, UserRole.ADMIN)
def cohort() -> Response | tuple[str, int]:
    fields = {key: request.args.get(key, "")[:4] for key in _DATE_FIELDS}
    period, errors = period_from(fields, as_of())
    progress = cohort_figures(period) if period else None
    if progress and request.args.get("format") == "csv":
        out = io.StringIO()
        writer = csvfile.csv_writer(out)
        writer.writerow(finding_report.CSV_COLUMNS)
        writer.writerows(finding_report.csv_rows(progress))
        name = f"family-finding-{progress.start.isoformat()}-to-{progress.end.isoformat()}.csv"
        return Response(
            out.getvalue(),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    if period and not any(fields.values()):
        fields = {
            f"{prefix}-{part}": str(getattr(day, part))
            for prefix, day in (("start", period.start), ("end", period.end))
            for part in ("day", "month", "year")
        }
    return render_template(
        "finding/cohort.html",
        progress=progress,
        errors=errors,
        fields=fields,
        stage_words=finding_report.stage_words,
        csv_query={**fields, "format": "csv"},
    ), (400 if errors else 200)
