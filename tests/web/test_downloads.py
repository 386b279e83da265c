"""Downloads: the map as a self-contained HTML file, and the print view of map and report."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from connections.model import Person, Relationship, parse
from connections.store import Store
from tests.web.conftest import text_of
from tests.web.networks import SIBLING, YP, amy_network, map_data, sibling_network
from tests.web.test_security import inline_scripts
from webapp.assets import expected_versions

HOSTILE_NAME = "<script>alert(1)</script> & </table>"


@pytest.fixture
def networks(store: Store) -> None:
    store.save_networks([amy_network(), sibling_network()])
    store.create_person(parse(Person, {"id": "p-evil", "name": HOSTILE_NAME, "category": "friend"}))
    store.create_relationship(
        YP, parse(Relationship, {"person_id": "p-evil", "role": "friend", "safety": "safe"})
    )


@pytest.fixture
def coordinator(networks: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("coordinator", allocated=(YP,))


def test_the_map_download_is_self_contained(coordinator: FlaskClient, store: Store) -> None:
    response = coordinator.get(f"/young-people/{YP}/map.html")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="network-map-{YP}-2026-11-22.html"'
    html = response.get_data(as_text=True)
    # Nothing is fetched: no external src or href, and a CSP that forbids every request.
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<link" not in html
    assert 'http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;' in html
    # The files the map pages load are inlined: vis-data, vis-network (peer builds) and the CSS.
    versions = expected_versions()
    assert f"@version {versions['vis-data']}" in html
    assert f"@version {versions['vis-network']}" in html
    assert "div.vis-tooltip{" in html and "sourceMappingURL" not in html
    # The map data is in the file.
    data = map_data(html)
    names = {node["name"] for node in data["nodes"]}
    assert {"Amy Example", "Rose Example", "Kai Example", HOSTILE_NAME} <= names
    # Names are escaped everywhere: in the table, the title and the JSON.
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/table&gt;" in html
    assert json.loads(json.dumps(data))  # the JSON block parses as it is
    events = [e for e in store.audit_events(YP) if e.action == "export"]
    assert len(events) == 1 and events[0].detail == "map.html"


def test_the_print_view_renders_map_and_report(coordinator: FlaskClient) -> None:
    response = coordinator.get(f"/young-people/{YP}/print")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = text_of(html)
    assert "Only 1 loving relationship (Rose Example): the mission is not met." in text
    for table in ('id="forecast-table"', 'id="domains-table"', 'id="network-table"'):
        assert table in html
    assert "At 18 (14 March 2028)" in text
    assert "Somewhere to stay Covered Rose Example" in text
    assert "Ray Danger" in text  # the working report shows everyone (not a conference)
    assert "css/print.css" in html and "js/print.js" in html
    assert "Rose Example" in {node["name"] for node in map_data(html)["nodes"]}
    assert inline_scripts(html) == []
    assert ' style="' not in html
    assert "<script>alert(1)</script>" not in html


def test_downloads_follow_the_allocation_rule(
    networks: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("coordinator", allocated=(SIBLING,))
    for path in ("/map.html", "/print"):
        assert client.get(f"/young-people/{YP}{path}").status_code == 404
    assert not [e for e in store.audit_events(YP) if e.action == "export"]


def test_static_assets_for_my_pages_exist(coordinator: FlaskClient) -> None:
    for path in ("css/print.css", "css/conference.css", "js/print.js"):
        response = coordinator.get(f"/static/{path}")
        assert response.status_code == 200, path
        response.close()


def _download_table(html: str) -> list[list[str]]:
    """The downloaded file's table as rows of cell texts, the heading row first."""
    table = html[html.index("<table>") : html.index("</table>")]
    return [
        [text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_the_map_download_uses_the_words_the_pages_use(coordinator: FlaskClient) -> None:
    html = coordinator.get(f"/young-people/{YP}/map.html").get_data(as_text=True)
    heading, *rows = _download_table(html)
    by_name = {row[0]: dict(zip(heading, row, strict=True)) for row in rows}
    ray, evil = by_name["Ray Danger"], by_name[HOSTILE_NAME]
    assert (ray["Role"], ray["Category"], ray["Safety"], ray["Contact"]) == (
        "Aunt or uncle",
        "Family",
        "No contact",
        "Lost",
    )
    assert (evil["Safety"], evil["Contact"]) == ("Safe", "None yet")
    assert by_name["Rose Example"]["Closeness"] == "Very close (4), rated by the young person"
    cells = {cell for row in rows for cell in row}
    for raw in ("no_contact", "none_yet", "aunt_uncle", "family", "young_person"):
        assert raw not in cells
    # The person page's network table shows the same words for the same people.
    page = text_of(coordinator.get(f"/young-people/{YP}").get_data(as_text=True))
    assert "Ray Danger Aunt or uncle Family Not rated No contact Unknown Lost" in page
    # And the tooltip on the map says it in the same words.
    ray_node = next(node for node in map_data(html)["nodes"] if node.get("name") == "Ray Danger")
    assert "Safety: no contact" in ray_node["title"]
