"""Where the interactive map writes each name (connections.maplabels): the static picture's own
placement, so on the first view (and with every group open) no two names overlap, nor a name
and a person's marker; the first view is as compact as that allows. Pure tests: the browser's
own measurement on the screen is tests/browser/test_map.py."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from connections import demo, maplabels, svgmap
from connections.maps import MapData, build_map
from connections.model import parse_network
from connections.scoring import score
from tests.conftest import AS_OF
from tests.unit.test_svgmap import sized_documents

#: Offsets are rounded to 0.1 map unit, and each box keeps 3 units of padding round its text:
#: boxes placed edge to edge may then share a sliver this thin, the text never.
ROUNDING = 0.1


def assert_apart(map_data: MapData, labels: dict[str, Any], *, opened: bool) -> None:
    boxes = [
        (
            node_id,
            svgmap.TextBox(
                b.left + ROUNDING, b.top + ROUNDING, b.right - ROUNDING, b.bottom - ROUNDING
            ),
        )
        for node_id, b in maplabels.label_boxes(map_data, labels, opened=opened)
    ]
    shown = (
        [n for n in map_data.nodes if n["kind"] == "person"]
        if opened
        else [n for n in maplabels.first_view_nodes(map_data) if n["kind"] != "young_person"]
    )
    assert {node_id for node_id, _ in boxes} == {n["id"] for n in shown}
    for index, (first_id, first) in enumerate(boxes):
        for second_id, second in boxes[index + 1 :]:
            assert not first.overlaps(second), (first_id, second_id)
    # Nor on anyone's marker (the young person's oval included).
    scale = float(labels["scale"])
    nodes = map_data.nodes if opened else maplabels.first_view_nodes(map_data)
    for marker in svgmap._markers(nodes, scale):
        spot = svgmap.TextBox(
            marker.x - marker.half,
            marker.y - marker.half_height,
            marker.x + marker.half,
            marker.y + marker.half_height,
        )
        for node_id, box in boxes:
            assert not box.overlaps(spot), (node_id, marker.node["id"])


@pytest.mark.parametrize("size", [5, 12, 40, 120, 300])
@pytest.mark.parametrize("conference", [False, True])
def test_demo_maps_names_never_overlap_first_or_opened(size: int, conference: bool) -> None:
    (network,) = demo.generate(1, 13, AS_OF, people_per_network=(size, size))
    map_data = build_map(network, conference=conference, as_of=AS_OF)
    labels = maplabels.placement(map_data)
    assert labels["font"] >= 16
    assert labels["scale"] in maplabels.SCALES
    assert_apart(map_data, labels, opened=False)
    if map_data.groups:
        assert_apart(map_data, labels, opened=True)
    else:
        assert "open" not in labels
    # In the map's JSON, the same every time.
    assert (
        json.loads(map_data.to_json())["labels"]
        == json.loads(build_map(network, conference=conference, as_of=AS_OF).to_json())["labels"]
    )


def test_a_small_map_is_drawn_closer_together_to_fit_with_names_at_full_size() -> None:
    (network,) = demo.generate(1, 13, AS_OF, people_per_network=(12, 12))
    map_data = build_map(network, score(network, AS_OF))
    labels = maplabels.placement(map_data)
    assert labels["scale"] < 1
    left, top, right, bottom = labels["bounds"]
    # It fits a 1280 x 720 screen's map (about 880 x 500 px) at 16 px names.
    assert right - left < 880 and bottom - top < 500
    outermost = max(math.hypot(n["x"], n["y"]) for n in map_data.nodes) * labels["scale"]
    assert right >= outermost - 20 or -left >= outermost - 20


def test_folded_groups_sit_on_one_circle_round_the_whole_map_not_far_out() -> None:
    (network,) = demo.generate(1, 13, AS_OF, people_per_network=(120, 120))
    map_data = build_map(network, score(network, AS_OF))
    assert map_data.groups
    folded = {m for g in map_data.groups for m in g["members"]}
    inside = max(math.hypot(n["x"], n["y"]) for n in map_data.nodes if n["id"] not in folded)
    radii = {round(math.hypot(g["x"], g["y"])) for g in map_data.groups}
    assert len(radii) == 1
    (radius,) = radii
    assert radius <= max(inside + 80, len(map_data.groups) * 120 / (2 * math.pi) + 1)
    places = sorted(math.atan2(g["y"], g["x"]) for g in map_data.groups)
    gaps = [b - a for a, b in zip(places, places[1:], strict=False)]
    assert min(gaps) * radius >= 120 - 1  # SPACING apart


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sized_documents(80))
def test_random_large_networks_names_never_overlap(document: dict) -> None:
    network = parse_network(document)
    map_data = build_map(network, score(network, AS_OF))
    labels = maplabels.placement(map_data)
    assert_apart(map_data, labels, opened=False)
    if map_data.groups:
        assert_apart(map_data, labels, opened=True)


def test_a_kept_placement_is_the_one_placing_again_would_give_until_a_name_changes() -> None:
    (network,) = demo.generate(1, 21, AS_OF, people_per_network=(120, 120))
    map_data = build_map(network, as_of=AS_OF)
    maplabels.forget_placements()
    first = maplabels.placement(map_data)
    kept_first, kept_open = maplabels.first_placement(map_data), maplabels.open_placement(map_data)
    again = build_map(network, as_of=AS_OF)
    assert maplabels.first_placement(again) is kept_first  # kept, not placed again
    assert maplabels.open_placement(again) is kept_open
    assert first == maplabels.place_labels(map_data)
    assert maplabels.map_key(again) == maplabels.map_key(map_data)
    # The same positions with one name four times as long: placed again, not the kept one.
    person = next(n for n in map_data.nodes if n["kind"] == "person")
    person["label"] = person["label"] * 4
    assert maplabels.map_key(map_data) != maplabels.map_key(again)
    renamed = maplabels.placement(map_data)
    assert maplabels.first_placement(map_data) is not kept_first
    assert maplabels.open_placement(map_data) is not kept_open
    assert renamed == maplabels.place_labels(map_data)


def test_the_first_view_alone_leaves_everyone_open_to_be_placed_later() -> None:
    (network,) = demo.generate(1, 21, AS_OF, people_per_network=(120, 120))
    map_data = build_map(network, as_of=AS_OF)
    assert map_data.groups
    first, opened = maplabels.first_placement(map_data), maplabels.open_placement(map_data)
    assert "open" not in first and "open_headings" not in first
    assert set(opened) == {"open", "open_headings"}
    assert {**first, **opened} == maplabels.place_labels(map_data)
    # A map without groups has every name in its first view.
    (small,) = demo.generate(1, 21, AS_OF, people_per_network=(5, 5))
    assert maplabels.open_placement(build_map(small, as_of=AS_OF)) == {}


def test_the_kept_placements_are_bounded() -> None:
    maplabels.forget_placements()
    for size in range(2, maplabels.CACHE_SIZE + 12):
        (network,) = demo.generate(1, size, AS_OF, people_per_network=(3, 3))
        maplabels.placement(build_map(network, as_of=AS_OF))
    assert len(maplabels._placements) == maplabels.CACHE_SIZE
