"""A young person's network and its coverage report as every report page reads them (the young
person page, its map's names, the downloads and the print view): one read of the network as
plain values, scored as they are, and the model the map, the table and the templates read made
from them once (``Store.report_model``)."""

from __future__ import annotations

from connections.model import Network
from connections.scoring import CoverageReport, score
from connections.store import report_model
from webapp.db import get_store
from webapp.tables import as_of


def scored_network(young_person_id: str) -> tuple[Network, CoverageReport]:
    """The young person's report network and its report on the app's date (404 when there is
    no such young person, through the store's NotFound)."""
    values = get_store().load_report_values(young_person_id)
    return report_model(values), score(values, as_of())
