"""connections/pagemaps.py: the young person page's map is kept by its content, so a network
read again unchanged is served what was kept, and any change to any record makes it anew."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from connections import demo, pagemaps
from connections.maps import build_map
from connections.model import Network, parse_network
from connections.scoring import score
from tests.conftest import AS_OF

URL = "/young-people/yp/map/open-names"


def _network() -> Network:
    """A demo network in its document's order, as a change made through a document gives it."""
    (network,) = demo.generate(1, 5, AS_OF, people_per_network=(12, 12))
    return parse_network(network.to_document())


def _changed(network: Network, change: str) -> Network:
    document: dict[str, Any] = network.to_document()
    people, relationships = document["people"], document["relationships"]
    if change == "name":
        people[0]["name"] += " Renamed"
    elif change == "closeness":
        relationships[0]["closeness"] = 4 if relationships[0].get("closeness") != 4 else 3
        relationships[0]["closeness_rated_by"] = "young_person"
    elif change == "link":
        document["links"] = document.get("links", [])[1:] or [
            {"source": people[0]["id"], "target": people[1]["id"], "kind": "partner"}
        ]
    elif change == "restriction":
        document["restrictions"] = [
            {
                "id": "r-new",
                "person_id": people[0]["id"],
                "kind": "prohibited_steps_order",
                "scope": "no_contact",
                "starts": "2026-01-01",
            }
        ]
    elif change == "household":
        people[0]["household"] = "h-elsewhere"
    return parse_network(document)


def test_a_network_read_again_unchanged_is_served_its_kept_map() -> None:
    pagemaps.forget_maps()
    network = _network()
    first = pagemaps.page_map(network, score(network, AS_OF), URL)
    # The same content, a new object (as a second request reads it).
    again = parse_network(network.to_document())
    assert again is not network
    assert pagemaps.page_map(again, score(again, AS_OF), URL) is first
    assert first.json == build_map(network, score(network, AS_OF)).to_json(URL)


@pytest.mark.parametrize("change", ["name", "closeness", "link", "restriction", "household"])
def test_any_change_makes_the_map_anew(change: str) -> None:
    pagemaps.forget_maps()
    network = _network()
    first = pagemaps.page_map(network, score(network, AS_OF), URL)
    changed = _changed(network, change)
    assert pagemaps.content_of(changed) != pagemaps.content_of(network)
    made = pagemaps.page_map(changed, score(changed, AS_OF), URL)
    assert made is not first
    assert made.json == build_map(changed, score(changed, AS_OF)).to_json(URL)


def test_the_names_url_is_part_of_what_is_kept() -> None:
    network = _network()
    report = score(network, AS_OF)
    assert pagemaps.page_map(network, report, URL) is not pagemaps.page_map(network, report, "/x")


def test_a_report_of_another_young_person_is_refused() -> None:
    network, other = demo.generate(2, 5, AS_OF, people_per_network=(4, 4))
    with pytest.raises(ValueError, match="the report is for"):
        pagemaps.page_map(network, score(other, AS_OF), URL)


def test_the_kept_maps_are_bounded() -> None:
    pagemaps.forget_maps()
    for seed in range(pagemaps.CACHE_SIZE + 5):
        (network,) = demo.generate(1, seed, AS_OF, people_per_network=(3, 3))
        pagemaps.page_map(network, score(network, AS_OF), URL)
    assert len(pagemaps._maps) == pagemaps.CACHE_SIZE


def test_a_restriction_starting_the_next_day_is_marked_that_day() -> None:
    pagemaps.forget_maps()
    network = _network()
    document = network.to_document()
    person_id = document["people"][0]["id"]
    tomorrow = AS_OF + timedelta(days=1)
    document["restrictions"] = [
        {
            "id": "r-tomorrow",
            "person_id": person_id,
            "kind": "prohibited_steps_order",
            "scope": "no_contact",
            "starts": tomorrow.isoformat(),
        }
    ]
    restricted = parse_network(document)

    def marked(day: date) -> bool:
        kept = pagemaps.page_map(restricted, score(restricted, day), URL)
        return any(n.get("restricted") for n in kept.data.nodes if n["id"] == person_id)

    assert not marked(AS_OF)
    assert marked(tomorrow)  # the same network, viewed the next day
