"""The map to keep and the report to print, for review meetings.

- ``/young-people/<id>/map.html``: the map as one self-contained HTML file
  (:func:`connections.maps.standalone_html`, with the app's own copies of vis-data, vis-network
  and vis-network's stylesheet inlined: the files its map pages load), sent as an attachment; it
  opens with no network access. The download is recorded in the audit trail
  as an export.
- ``/young-people/<id>/map.svg``: the same map as a static picture
  (:func:`connections.svgmap.render_svg`, from the same :func:`~connections.maps.build_map`
  result, so people sit where the interactive map puts them), sent as an attachment and audited
  as an export.
- ``/young-people/<id>/print``: the map and the report (gap sentences, forecast, support domains,
  the network table) on one page styled for paper (``static/css/print.css``): the interactive
  map on screen, the static SVG on paper.

Both go through :func:`~webapp.access.young_person_access` like every young person's page.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template
from markupsafe import Markup

from connections import maps, svgmap
from connections.accounts import AuditAction
from webapp import gaps
from webapp.access import audit, young_person_access
from webapp.consent.current import finding_paused
from webapp.filters import long_date
from webapp.reports import scored_network
from webapp.tables import as_of
from webapp.young_people.views import forecast_bars, leaving_ages, network_rows

bp = Blueprint("downloads", __name__)

#: The files the map pages load (``webapp/templates/_map.html``), by the name
#: :func:`connections.maps.standalone_html` gives each: the peer UMD builds and the stylesheet.
VIS_FILES = {
    "vis_data_js": Path("vendor", "vis-data", "vis-data.min.js"),
    "vis_network_js": Path("vendor", "vis-network", "vis-network.min.js"),
    "vis_network_css": Path("vendor", "vis-network", "vis-network.min.css"),
}


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def vis_files() -> dict[str, str]:
    """The texts of the app's copies of :data:`VIS_FILES` (installed by
    ``npm ci && python -m webapp.assets``), ready to pass to ``standalone_html``."""
    paths = {name: Path(current_app.static_folder or "", path) for name, path in VIS_FILES.items()}
    if not all(path.is_file() for path in paths.values()):
        abort(503, description="The map download needs vis-network, which is not installed.")
    return {name: _read(path) for name, path in paths.items()}


def _filename(young_person_id: str, suffix: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", young_person_id)
    return f"network-map-{safe}-{as_of().isoformat()}{suffix}"


@bp.route("/young-people/<young_person_id>/map.html")
@young_person_access
def map_file(young_person_id: str) -> Response:
    network, report = scored_network(young_person_id)
    map_data = maps.build_map(network, report)
    name = network.young_person.name
    html = maps.standalone_html(
        map_data,
        title=f"{name}'s network, {long_date(as_of())}",
        **vis_files(),
    )
    response = Response(html, mimetype="text/html")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{_filename(young_person_id, ".html")}"'
    )
    audit(AuditAction.EXPORT, young_person_id, "map.html")
    return response


def attachment(body: str, mimetype: str, filename: str) -> Response:
    """A download: ``body`` sent to be saved as ``filename`` rather than shown."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/young-people/<young_person_id>/map.svg")
@young_person_access
def map_svg(young_person_id: str) -> Response:
    network, report = scored_network(young_person_id)
    svg = svgmap.render_svg(
        maps.build_map(network, report),
        title=svgmap.map_title(network.young_person.name, as_of()),
    )
    audit(AuditAction.EXPORT, young_person_id, "map.svg")
    return attachment(svg, "image/svg+xml", _filename(young_person_id, ".svg"))


@bp.route("/young-people/<young_person_id>/print")
@young_person_access
def print_view(young_person_id: str) -> str:
    network, report = scored_network(young_person_id)
    map_data = maps.build_map(network, report)
    bars = forecast_bars(report)
    paused = finding_paused(young_person_id, network.young_person.date_of_birth)
    return render_template(
        "downloads/print.html",
        network=network,
        report=report,
        todos=gaps.plain(report, paused),  # on paper: the sentences, no links
        rows=network_rows(network, report),
        bars=bars,
        leaves_at=leaving_ages(report),
        map_json=map_data.to_json(),
        map_legend=map_data.legend,
        map_data=map_data,
        # Escaped by render_svg (every name is text in it), so it is safe to put in as it is.
        map_svg=Markup(
            svgmap.render_svg(
                map_data, title=svgmap.map_title(network.young_person.name, as_of()), inline=True
            )
        ),
    )
