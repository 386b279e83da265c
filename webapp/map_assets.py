"""Serves the map script from ``connections/assets`` (``/static/maps/map.js``).

The script lives beside :mod:`connections.maps`, which also inlines it into downloaded maps, so
there is one copy of it; the app serves that file as it is, from its own origin.
"""

from __future__ import annotations

from importlib.resources import files

from flask import Blueprint

bp = Blueprint(
    "map_assets",
    __name__,
    static_folder=str(files("connections") / "assets"),
    static_url_path="/static/maps",
)
