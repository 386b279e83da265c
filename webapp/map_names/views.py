"""``GET /young-people/ID/map/open-names?key=K``: where the map on the young person's page writes
each name once a group is open (:func:`connections.maplabels.open_placement`), fetched by the
map's script the first time a group is opened.

The map is the page's own (:func:`connections.pagemaps.page_map`: kept from the page, or built
again from the same read, the same score and the same layout), so the names land where the
page's map has its people. ``key`` is the map's
:func:`~connections.maplabels.map_key` as the page drew it: if the network has changed since, the
answer is 409 and the script asks for the page to be loaded again, rather than writing names in
the wrong places. Access and the audit trail are the young person page's own.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for
from werkzeug.wrappers import Response

from connections import maplabels, pagemaps
from webapp.access import young_person_access
from webapp.reports import scored_network

bp = Blueprint("map_names", __name__)

#: What the script says when the map it holds is no longer the young person's network.
CHANGED = "The network has changed since this page was loaded. Reload the page to open groups."


@bp.route("/young-people/<young_person_id>/map/open-names")
@young_person_access
def open_names(young_person_id: str) -> tuple[Response, int] | Response:
    network, report = scored_network(young_person_id)
    # The page's own map: kept (connections.pagemaps) when this process served the page.
    here = url_for("map_names.open_names", young_person_id=young_person_id)
    map_data = pagemaps.page_map(network, report, here).data
    if request.args.get("key", "") != maplabels.map_key(map_data):
        return jsonify({"error": CHANGED}), 409
    return jsonify(maplabels.open_placement(map_data))
