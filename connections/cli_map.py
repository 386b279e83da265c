"""``connections map FILE.json``: draw a network document's map without a database, as
``connections score FILE`` scores one (docs/network-format.md). Registered on
:data:`connections.cli.main`.

The static SVG (:mod:`connections.svgmap`, the default) or the self-contained interactive HTML
(:func:`connections.maps.standalone_html`, which inlines the app's copies of vis-data and
vis-network: ``make assets`` installs them), written to standard output. ``--conference`` draws
what a Family Group Conference may see (:func:`connections.audiences.for_conference`).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from connections import io, maps, scoring, svgmap

#: Where ``python -m webapp.assets`` puts the vendor files (the web app's static folder).
_STATIC = Path(__file__).resolve().parent.parent / "webapp" / "static"
_VIS_FILES = {
    "vis_data_js": Path("vendor", "vis-data", "vis-data.min.js"),
    "vis_network_js": Path("vendor", "vis-network", "vis-network.min.js"),
    "vis_network_css": Path("vendor", "vis-network", "vis-network.min.css"),
}


@click.command("map")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--conference", is_flag=True, help="Only what a Family Group Conference may see.")
@click.option("--format", "output", type=click.Choice(["svg", "html"]), default="svg")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date the map is for, YYYY-MM-DD (default today).",
)
def map_command(path: Path, conference: bool, output: str, as_of: object) -> None:
    """Draw one network JSON FILE's map (no database needed): SVG or HTML to standard output."""
    day = as_of.date() if as_of is not None else date.today()  # type: ignore[attr-defined]
    network = io.read_network(path)
    report = None if conference else scoring.score(network, day)
    map_data = maps.build_map(network, report, conference=conference, as_of=day)
    title = svgmap.map_title(network.young_person.name, day, conference=conference)
    if output == "svg":
        click.echo(svgmap.render_svg(map_data, title=title), nl=False)
        return
    paths = {name: _STATIC / relative for name, relative in _VIS_FILES.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        click.echo(
            "Error: the HTML map needs vis-network, which is not installed "
            f"(run `make assets`): {', '.join(missing)}",
            err=True,
        )
        sys.exit(1)
    texts = {name: p.read_text(encoding="utf-8") for name, p in paths.items()}
    click.echo(maps.standalone_html(map_data, title=title, **texts), nl=False)
