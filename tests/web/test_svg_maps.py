"""The static SVG map in the web app: the download beside map.html, the print view, and the
conference's own picture (drawn from the conference's projection, never the whole network)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from connections import svgmap
from connections.model import Person, Relationship, parse
from connections.store import Store
from tests.unit.test_svgmap import SVG, overlapping
from tests.web.networks import SECRETS, SIBLING, YP, amy_network, ready_conference, sibling_network

HOSTILE_NAME = "</text><script>alert(1)</script> & </svg>"


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


def words(svg: str) -> list[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter(f"{SVG}text")]


def labelled(svg: str, name: str) -> bool:
    """Whether a label shows ``name`` (labels may add a star, a mark or "(died)", and cut a
    long name short)."""
    return any(name[:20] in text for text in words(svg))


def test_the_map_downloads_as_an_svg_picture(coordinator: FlaskClient, store: Store) -> None:
    response = coordinator.get(f"/young-people/{YP}/map.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="network-map-{YP}-2026-11-22.svg"'
    )
    svg = response.get_data(as_text=True)
    text = words(svg)  # well-formed XML, whatever the names
    for name in ("Rose Example", "Ray Danger", HOSTILE_NAME):  # the worker's map: everyone
        assert labelled(svg, name), name
    assert "<script>" not in svg and not list(ET.fromstring(svg).iter(f"{SVG}script"))
    assert svgmap.CONFIDENTIAL in text
    assert "Amy Example's network, 22 November 2026" in text
    assert overlapping(svg) == []
    events = [e for e in store.audit_events(YP) if e.action == "export"]
    assert [e.detail for e in events] == ["map.svg"]


def test_the_print_view_prints_the_static_map(coordinator: FlaskClient) -> None:
    html = coordinator.get(f"/young-people/{YP}/print").get_data(as_text=True)
    start = html.index("<svg width=")
    svg = html[start : html.index("</svg>", start) + len("</svg>")]
    assert 'class="lc-static-map"' in svg and "http" not in svg  # no xmlns needed in HTML
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    assert 'id="static-map"' in html and "lc-print-only" in html
    assert labelled(svg, "Rose Example")
    assert "<script>alert(1)</script>" not in html
    assert f'href="/young-people/{YP}/map.svg"' in html


def test_the_young_persons_page_links_the_svg(coordinator: FlaskClient) -> None:
    html = coordinator.get(f"/young-people/{YP}").get_data(as_text=True)
    assert f'href="/young-people/{YP}/map.svg"' in html


def test_the_conference_picture_holds_only_what_a_conference_may_see(
    networks: None, store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    ready_conference(store, YP)
    facilitator = signed_in("facilitator", allocated=(YP,))
    assert f'href="/young-people/{YP}/conference/map.svg"' in facilitator.get(
        f"/young-people/{YP}/conference"
    ).get_data(as_text=True)
    response = facilitator.get(f"/young-people/{YP}/conference/map.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    body = response.data
    for what, secret in SECRETS.items():
        assert secret.encode() not in body, what
    for word in (b"very close", b"closeness", b"rated", b"restriction", b"safety"):
        assert word not in body.lower(), word
    for name in ("Rose Example", "Kai Example", "Jo Smith"):
        assert labelled(body.decode(), name), name
    assert overlapping(body.decode()) == []
    events = [e for e in store.audit_events(YP) if e.action == "export"]
    assert [e.detail for e in events] == ["conference map.svg"]


def test_no_conference_picture_while_the_family_view_is_closed(
    networks: None, store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    facilitator = signed_in("facilitator", allocated=(YP,))  # no final guest list, no consent
    response = facilitator.get(f"/young-people/{YP}/conference/map.svg")
    assert response.mimetype == "text/html"
    assert b"Rose Example" not in response.data and b"<svg xmlns" not in response.data


def test_the_pictures_follow_the_allocation_rule(
    networks: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    ready_conference(store, YP)
    client = signed_in("coordinator", allocated=(SIBLING,))
    for path in ("/map.svg", "/conference/map.svg"):
        assert client.get(f"/young-people/{YP}{path}").status_code == 404
    assert not [e for e in store.audit_events(YP) if e.action == "export"]
