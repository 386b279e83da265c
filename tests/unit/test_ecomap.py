"""The ecomap's layout (connections.ecomap) through build_map: sectors, rings, households, groups,
and what a conference map may not give away. Pure tests: no database, no browser."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connections import demo, ecomap
from connections.maps import build_map
from connections.model import Network, parse_network
from connections.scoring import score
from tests.conftest import AS_OF
from tests.unit.test_svgmap import sized_documents


def network(*people: dict[str, Any], links: list[dict[str, Any]] | None = None) -> Network:
    """A network from person fields plus relationship fields (category family by default)."""
    person_keys = {"id", "name", "category", "deceased", "household"}
    return parse_network(
        {
            "young_person": {
                "id": "yp",
                "name": "Amy",
                "date_of_birth": "2010-03-14",
                "status": "in_care",
            },
            "people": [
                {"category": "family", **{k: v for k, v in p.items() if k in person_keys}}
                for p in people
            ],
            "relationships": [
                {"person_id": p["id"], "role": "aunt_uncle"}
                | {k: v for k, v in p.items() if k not in person_keys}
                for p in people
            ],
            "links": links or [],
        }
    )


def angle(node: dict[str, Any]) -> float:
    """Clockwise from twelve o'clock, 0..2pi."""
    return (math.atan2(node["y"], node["x"]) + math.pi / 2) % (2 * math.pi)


def nodes(map_data: Any) -> dict[str, dict[str, Any]]:
    return {node["id"]: node for node in map_data.nodes}


def test_sectors_put_the_two_sides_of_the_family_apart_with_the_unknown_side_between() -> None:
    people = [
        {"id": "m1", "name": "Mum's sister", "side": "maternal"},
        {"id": "m2", "name": "Nan", "side": "maternal", "role": "grandparent"},
        {"id": "u1", "name": "Cousin", "role": "cousin"},
        {"id": "p1", "name": "Dad's brother", "side": "paternal"},
        {"id": "f1", "name": "Friend", "category": "friend", "role": "friend"},
        {"id": "s1", "name": "Sam", "category": "professional", "role": "social_worker"},
    ]
    map_data = build_map(network(*people))
    keys = [sector["key"] for sector in map_data.sectors]
    assert keys == ["family_maternal", "family", "family_paternal", "friend", "professional"]
    by_id = nodes(map_data)
    for sector in map_data.sectors:
        members = [n for n in by_id.values() if n.get("sector") == sector["key"]]
        assert len(members) == sector["people"]
        for node in members:
            # Every person sits inside their own sector.
            start = (sector["start"] + math.pi / 2) % (2 * math.pi)
            end = start + (sector["end"] - sector["start"])
            assert start - 1e-6 <= angle(node) <= end + 1e-6 or end > 2 * math.pi
    # The map in words names each sector and who is in it.
    words = {part["sector"]: part for part in map_data.description()}
    assert words["Family: mother's side"]["count"] == 2
    assert "Sam" in words["Professionals"]["rings"][0]["names"]


def test_households_and_linked_people_sit_side_by_side() -> None:
    people = [{"id": f"p{i}", "name": f"Person {i:02d}"} for i in range(12)]
    people[0]["household"] = "h"
    people[11]["household"] = "h"  # first and last by name, one household
    links = [{"source": "p3", "target": "p9", "kind": "sibling"}]
    map_data = build_map(network(*people, links=links))
    by_id = nodes(map_data)
    ordered = [n["id"] for n in sorted(list(by_id.values())[1:], key=angle)]
    assert abs(ordered.index("p0") - ordered.index("p11")) == 1
    assert abs(ordered.index("p3") - ordered.index("p9")) == 1
    (household,) = map_data.households
    assert set(household["members"]) == {"p0", "p11"}


@pytest.mark.parametrize("seed", [1, 3, 7])  # demo networks with the young person's ratings
def test_conference_positions_never_depend_on_closeness(seed: int) -> None:
    """Permuting (or removing) every closeness rating leaves a conference map's places as they
    were: distance from the centre gives no rating away. The worker's map does change."""
    (original,) = demo.generate(1, seed, AS_OF, people_per_network=(40, 40))
    rng = random.Random(seed)
    ratings = [(r.closeness, r.closeness_rated_by) for r in original.relationships]
    rng.shuffle(ratings)
    shuffled = original.model_copy(
        update={
            "relationships": [
                r.model_copy(update={"closeness": c, "closeness_rated_by": by})
                for r, (c, by) in zip(original.relationships, ratings, strict=True)
            ]
        }
    )
    unrated = original.model_copy(
        update={
            "relationships": [
                r.model_copy(update={"closeness": None, "closeness_rated_by": None})
                for r in original.relationships
            ]
        }
    )

    def places(net: Network, conference: bool) -> dict[str, tuple[float, float]]:
        map_data = build_map(net, conference=conference, as_of=AS_OF)
        return {n["id"]: (n["x"], n["y"]) for n in map_data.nodes}

    assert places(original, True) == places(shuffled, True) == places(unrated, True)
    assert any(r.closeness_rated_by == "young_person" for r in original.relationships)
    assert places(original, False) != places(unrated, False)  # the worker's map has rings
    conference = build_map(original, conference=True, as_of=AS_OF)
    assert conference.rings == []
    assert all(node.get("ring") is None for node in conference.nodes)
    assert all(
        part_ring["ring"] is None for p in conference.description() for part_ring in p["rings"]
    )
    # Everyone on one circle (or its staggered bands), not on closeness rings.
    radii = {round(math.hypot(n["x"], n["y"])) for n in conference.nodes[1:]}
    assert len(radii) <= 2


def test_small_maps_fold_nothing_and_large_maps_never_fold_a_loving_relationship() -> None:
    (small,) = demo.generate(1, 5, AS_OF, people_per_network=(40, 40))
    assert build_map(small, score(small, AS_OF)).groups == []
    (large,) = demo.generate(1, 5, AS_OF, people_per_network=(150, 150))
    report = score(large, AS_OF)
    map_data = build_map(large, report)
    assert map_data.groups
    folded = [member for group in map_data.groups for member in group["members"]]
    assert len(folded) == len(set(folded))  # one group each at most
    assert not {p.id for p in report.qualifying_now} & set(folded)
    ids = {node["id"] for node in map_data.nodes}
    assert all(group["id"] not in ids for group in map_data.groups)
    assert any(group["label"].endswith("relatives") for group in map_data.groups)
    # At a conference nobody in touch is folded (a superset of the loving relationships).
    conference = build_map(large, conference=True, as_of=AS_OF)
    in_touch = {
        r.person_id for r in large.relationships if r.contact.value in ("active", "occasional")
    }
    assert not in_touch & {m for g in conference.groups for m in g["members"]}


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sized_documents(80))
def test_random_large_networks_fold_no_qualifying_person_and_place_everyone(document: dict) -> None:
    net = parse_network(document)
    report = score(net, AS_OF)
    map_data = build_map(net, report)
    folded = {m for g in map_data.groups for m in g["members"]}
    assert not {p.id for p in report.qualifying_now} & folded
    places = [(n["x"], n["y"]) for n in map_data.nodes]
    assert len(set(places)) == len(places)  # no two people on one spot
    assert map_data.to_json() == build_map(net, report).to_json()  # deterministic


@given(st.lists(st.sampled_from(["family_maternal", "friend", "carer"]), min_size=1, max_size=30))
def test_layout_gives_every_seat_its_own_place(sectors: list[str]) -> None:
    seats = [ecomap.Seat(f"p{i}", f"P{i}", s, i % 3 or None) for i, s in enumerate(sectors)]
    plan = ecomap.layout(seats, [])
    assert sorted(plan.positions) == sorted(seat.id for seat in seats)
    assert len(set(plan.positions.values())) == len(seats)
