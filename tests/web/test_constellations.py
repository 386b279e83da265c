"""Constellations for managers against the real Neo4j: the list and one drawn as a map with its
table, from a cohort counted by hand; nobody else sees them; a bad address is not found."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from connections.model import parse_network
from connections.store import Store
from tests.web.conftest import text_of


def network(yp: str, home: str | None, carers: list[tuple[str, str, str, str | None]]) -> Any:
    """``carers``: (id, name, role, household)."""
    return parse_network(
        {
            "young_person": {
                "id": yp,
                "name": yp.removeprefix("yp-").title(),
                "date_of_birth": "2012-01-01",
                "status": "in_care",
                "household": home,
            },
            "people": [
                {"id": pid, "name": name, "category": "carer", "household": household}
                for pid, name, _, household in carers
            ],
            "relationships": [{"person_id": pid, "role": role} for pid, _, role, _ in carers],
        }
    )


@pytest.fixture
def cohort(store: Store) -> None:
    hub = ("p-hana", "Hana <b>Hub</b>", "hub_carer", "h-hub")
    store.save_networks(
        [
            network("yp-amy", "h-1", [hub, ("p-fay", "Fay Carer", "foster_carer", "h-1")]),
            network("yp-bo", "h-2", [hub, ("p-gil", "Gil Carer", "foster_carer", "h-2")]),
            network("yp-cy", None, [("p-lee", "Lee Host", "supported_lodgings_host", None)]),
        ]
    )


def test_the_list_and_one_constellation_with_its_map_and_table(
    cohort: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("manager")
    listing = client.get("/cohort/constellations")
    assert listing.status_code == 200
    text = text_of(listing.get_data(as_text=True))
    assert "1 constellation." in text
    assert "Hana <b>Hub</b>'s constellation" in text  # escaped, shown as typed
    assert "Lee Host" not in text  # one young person: no constellation
    assert 'href="/cohort/constellations"' in listing.get_data(as_text=True)  # in the menu
    page = client.get("/cohort/constellations/p-hana")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<b>Hub" not in html
    found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html)
    assert found
    data = json.loads(found.group(1))
    assert {n["id"] for n in data["nodes"]} == {
        "y:yp-amy", "y:yp-bo", "p:p-hana", "p:p-fay", "p:p-gil", "h:h-1", "h:h-2", "h:h-hub",
    }  # fmt: skip
    text = text_of(html)
    assert "3 carers, 3 households and 2 young people (2 in care)" in text
    assert "Fay Carer (foster carer)" in text and "Mockingbird hub carer" in text
    assert "vendor/vis-network/vis-network.min.js" in html


def test_unknown_and_hostile_ids_are_not_found(
    cohort: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("manager")
    assert client.get("/cohort/constellations/p-fay").status_code == 404  # not the centre
    assert client.get("/cohort/constellations/p-nobody").status_code == 404
    assert client.get("/cohort/constellations/%3Cscript%3E").status_code == 404


def test_other_roles_are_refused(cohort: None, signed_in: Callable[..., FlaskClient]) -> None:
    client = signed_in("coordinator", ("yp-amy",))
    assert client.get("/cohort/constellations").status_code == 403
    assert client.get("/cohort/constellations/p-hana").status_code == 403
