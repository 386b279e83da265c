"""The young person page keeps its map and its report fragments between views
(webapp/young_people/kept.py, connections/pagemaps.py): a page viewed again is served from them,
and nothing a change can reach is ever served stale, whatever path the change took."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections import pagemaps
from connections.consent import Purpose
from connections.model import Contact, parse_network
from connections.store import Store
from tests.consents import entry, record_in_place
from tests.web.conftest import sign_in, text_of
from tests.web.test_young_person_page import YP, ella_network

PAGE = f"/young-people/{YP}"


@pytest.fixture
def ella(store: Store) -> None:
    store.save_network(ella_network())
    record_in_place(store, YP)


@pytest.fixture
def coordinator(ella: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    pagemaps.forget_maps()
    return signed_in("coordinator", allocated=(YP,))


def _html(client: FlaskClient) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def _map_names(html: str) -> set[str]:
    block = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert block
    return {node["name"] for node in json.loads(block.group(1))["nodes"]}


def _table_names(html: str) -> list[str]:
    table = html[
        html.index('id="network-table"') : html.index("</table>", html.index("network-table"))
    ]
    return [text_of(name) for name in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', table, re.S)]


def _kept(app: Flask) -> int:
    return len(app.extensions["kept_fragments"])


def test_a_page_viewed_again_is_served_from_what_was_kept(
    app: Flask, coordinator: FlaskClient
) -> None:
    first = _html(coordinator)
    assert _kept(app) == 2  # the verdict and the report sections
    maps_kept = len(pagemaps._maps)
    again = _html(coordinator)
    assert _kept(app) == 2 and len(pagemaps._maps) == maps_kept  # nothing made again
    # The same page, except what is made for each request (the CSRF token of the sign-out form).
    token = re.compile(r'name="csrf_token" value="[^"]+"')
    assert token.search(first) and token.sub("", again) == token.sub("", first)


def test_a_shared_person_renamed_from_another_network_shows_at_once(
    app: Flask, store: Store, coordinator: FlaskClient
) -> None:
    before = _html(coordinator)
    assert "Emma Evans" in _map_names(before) and "Emma Evans" in _table_names(before)
    # Emma is renamed by another young person's import: nothing touches Ella's records.
    store.save_network(
        parse_network(
            {
                "young_person": {
                    "id": "yp-other",
                    "name": "Olly Other",
                    "date_of_birth": "2011-01-01",
                    "status": "in_care",
                },
                "people": [{"id": "p-emma", "name": "Emma Renamed", "category": "carer"}],
                "relationships": [{"person_id": "p-emma", "role": "foster_carer"}],
            }
        )
    )
    after = _html(coordinator)
    assert "Emma Renamed" in _map_names(after) and "Emma Renamed" in _table_names(after)
    assert "Emma Evans" not in unescape(after)
    assert _kept(app) == 4  # the new network's fragments, beside the old ones


def test_a_change_of_rating_changes_the_verdict_and_the_map(
    store: Store, coordinator: FlaskClient
) -> None:
    before = _html(coordinator)
    assert "2 loving relationships now" in text_of(before)
    network = store.load_network(YP)
    kai = next(r for r in network.relationships if r.person_id == "p-kai")
    ray = next(r for r in network.relationships if r.person_id == "p-ray")
    store.update_relationship(
        YP,
        kai.model_copy(
            update={"closeness": 4, "contact": Contact.ACTIVE, "last_contact": ray.last_contact}
        ),
    )
    after = _html(coordinator)
    assert "3 loving relationships now" in text_of(after)
    data = re.search(r'id="map-data">(.*?)</script>', after, re.S)
    assert data
    kai_node = next(n for n in json.loads(data.group(1))["nodes"] if n["id"] == "p-kai")
    assert kai_node["qualifies"] is True


def test_who_views_and_whether_finding_is_paused_are_part_of_what_is_kept(
    app: Flask, store: Store, coordinator: FlaskClient, add_user: Callable[..., object]
) -> None:
    link = "Update the finding stage"
    assert link in _html(coordinator)
    # A facilitator may open the page but not edit: the same network, no edit links.
    add_user("a-facilitator", "facilitator", (YP,))
    facilitator = app.test_client()
    sign_in(facilitator, "a-facilitator")
    assert link not in _html(facilitator)
    # Consent withdrawn: family finding is paused, and the kept report says so at once.
    store.record_consent(
        YP,
        entry(Purpose.FAMILY_FINDING.value, "young_person", "withdrawn", "2026-10-02"),
        "test-recorder",
    )
    html = _html(coordinator)
    assert 'id="leads-paused"' in html and link not in html
