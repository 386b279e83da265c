"""The static SVG map (connections.svgmap) and ``connections map``: labels readable and never on
top of one another, the interactive map's positions, escaping, the command line.

Pure tests: the SVG is parsed with xml.etree; no database, no browser.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connections import demo, io, svgmap
from connections.cli import main
from connections.maps import build_map
from connections.model import Network, parse_network
from connections.scoring import score
from tests.conftest import AS_OF
from tests.unit.test_scoring_properties import SIZE, decode, documents

SVG = "{http://www.w3.org/2000/svg}"
#: The test's own estimate of a label's width: 0.6 em a character (Arial averages about 0.5).
EM_PER_CHAR = 0.6
HOSTILE = "</text><script>alert(1)</script>"


def texts(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return list(root.iter(f"{SVG}text"))


def box(element: ET.Element) -> tuple[float, float, float, float]:
    """The text's box by a conservative estimate: x, y (baseline) and font-size are numbers."""
    size = float(element.attrib["font-size"])
    x, y = float(element.attrib["x"]), float(element.attrib["y"])
    width = len(element.text or "") * size * EM_PER_CHAR
    anchor = element.attrib.get("text-anchor", "start")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return left, y - size, left + width, y + 0.25 * size


def overlapping(svg: str) -> list[tuple[str, str]]:
    boxes = [(element.text or "", box(element)) for element in texts(svg)]
    pairs = []
    for index, (text, (l1, t1, r1, b1)) in enumerate(boxes):
        for other, (l2, t2, r2, b2) in boxes[:index]:
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                pairs.append((text, other))
    return pairs


def check_readable(svg: str, network: Network) -> None:
    """No two labels overlap, every label is body size or more, and inside the picture."""
    root = ET.fromstring(svg)
    width, height = float(root.attrib["width"]), float(root.attrib["height"])
    elements = texts(svg)
    assert overlapping(svg) == []
    for element in elements:
        assert float(element.attrib["font-size"]) >= svgmap.BODY_FONT_SIZE >= 16
        left, top, right, bottom = box(element)
        assert left >= 0 and right <= width and top >= 0 and bottom <= height, element.text
    words = {element.text for element in elements}
    assert any("CONFIDENTIAL" in (text or "") for text in words)
    assert "Key" in words
    # Every person on the map has exactly one label (one <text>) naming them.
    labels = [e for e in elements if e.attrib.get("class") == "lc-map-label"]
    members = {r.person_id for r in network.relationships} & {p.id for p in network.people}
    assert len(labels) == len(members)


def rendered(network: Network) -> str:
    return svgmap.render_svg(build_map(network, score(network, AS_OF)), title="A network")


@pytest.mark.parametrize("size", [5, 30, 100, 300])
def test_demo_maps_have_readable_labels_that_never_overlap(size: int) -> None:
    (network,) = demo.generate(1, 2026, AS_OF, people_per_network=(size, size))
    svg = rendered(network)
    check_readable(svg, network)
    assert svg == rendered(network)  # the same network, the same picture


@pytest.mark.parametrize("seed", [1, 7, 11])
def test_conference_maps_of_demo_networks_are_readable_too(seed: int) -> None:
    (network,) = demo.generate(1, seed, AS_OF, people_per_network=(60, 120))
    svg = svgmap.render_svg(build_map(network, conference=True, as_of=AS_OF), title="Conference")
    assert overlapping(svg) == []


@st.composite
def named_documents(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(documents(max_people=40))
    names = st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=40,
    ).filter(lambda name: name.strip())
    for person in document["people"]:
        person["name"] = draw(names)
    return document


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(named_documents())
def test_random_networks_have_readable_labels_that_never_overlap(document: dict) -> None:
    network = parse_network(document)
    check_readable(rendered(network), network)


@st.composite
def sized_documents(draw: st.DrawFn, people: int) -> dict[str, Any]:
    """A random network of exactly ``people`` people with random names, family on either side
    of the family (or neither), households and some links."""
    codes = draw(st.lists(st.integers(0, SIZE - 1), min_size=people, max_size=people))
    sides = draw(
        st.lists(st.sampled_from([None, "maternal", "paternal"]), min_size=people, max_size=people)
    )
    names = draw(
        st.lists(
            st.text(
                alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1,
                max_size=30,
            ).filter(str.strip),
            min_size=people,
            max_size=people,
        )
    )
    document: dict[str, Any] = {
        "young_person": {
            "id": "yp",
            "name": draw(names_strategy()),
            "date_of_birth": "2009-05-01",
            "status": "in_care",
        },
        "people": [],
        "relationships": [],
        "links": [],
    }
    for index, (code, name) in enumerate(zip(codes, names, strict=True)):
        fields = decode(code)
        document["people"].append(
            {
                "id": f"p{index}",
                "name": name,
                "category": ["family", "friend", "carer", "professional", "community"][code % 5],
                "deceased": fields.pop("deceased"),
                "household": fields.pop("household"),
            }
        )
        if code % 5 == 0 and sides[index]:  # family, on one side or the other (or not known)
            fields["side"] = sides[index]
        document["relationships"].append({"person_id": f"p{index}", **fields})
    pairs = draw(
        st.lists(st.tuples(st.integers(0, people - 1), st.integers(0, people - 1)), max_size=people)
    )
    document["links"] = [
        {"source": f"p{min(a, b)}", "target": f"p{max(a, b)}", "kind": "knows"}
        for a, b in sorted({(min(pair), max(pair)) for pair in pairs})
        if a != b
    ]
    return document


def names_strategy() -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=40).filter(str.strip)


@pytest.mark.parametrize("people", [5, 30, 100, 300])
def test_random_networks_of_each_size_have_readable_labels(people: int) -> None:
    @settings(
        max_examples=3 if people >= 100 else 10,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(sized_documents(people))
    def check(document: dict) -> None:
        network = parse_network(document)
        check_readable(rendered(network), network)

    check()


def test_people_sit_where_the_interactive_map_puts_them() -> None:
    (network,) = demo.generate(1, 3, AS_OF, people_per_network=(20, 20))
    map_data = build_map(network, score(network, AS_OF))
    root = ET.fromstring(svgmap.render_svg(map_data, title="t"))
    centres = []
    for marker in root.iter():
        if marker.attrib.get("class") != "lc-map-person":
            continue
        if marker.tag == f"{SVG}rect":
            half = float(marker.attrib["width"]) / 2
            centres.append((float(marker.attrib["x"]) + half, float(marker.attrib["y"]) + half))
        else:
            centres.append((float(marker.attrib["cx"]), float(marker.attrib["cy"])))
    # One marker a node, in the map's order, the young person first at the map's origin.
    assert len(centres) == len(map_data.nodes)
    (x0, y0), first = centres[0], map_data.nodes[1]
    scale = math.hypot(centres[1][0] - x0, centres[1][1] - y0) / math.hypot(first["x"], first["y"])
    assert scale >= 0.999  # (positions are rounded to a tenth)
    for (x, y), node in zip(centres, map_data.nodes, strict=True):
        assert abs(x - x0 - node["x"] * scale) <= 0.2 and abs(y - y0 - node["y"] * scale) <= 0.2


def test_hostile_names_are_text_never_markup() -> None:
    document = json.loads(io.dumps_network(next(iter(demo.generate(1, 5, AS_OF)))))
    document["young_person"]["name"] = HOSTILE
    document["people"][0]["name"] = f'"><svg onload=alert(1)> & {HOSTILE}'
    document["people"][1]["name"] = "Null\x00 and \x1b escape \ufffe"  # not XML at all
    network = parse_network(document)
    svg = svgmap.render_svg(build_map(network), title=f"{HOSTILE}'s network", subtitle=HOSTILE)
    root = ET.fromstring(svg)  # still well-formed XML
    assert not list(root.iter(f"{SVG}script"))
    assert "<script" not in svg and "onload=" not in svg.replace("onload=alert", "")
    assert "&lt;/text&gt;&lt;script&gt;" in svg
    all_text = [element.text for element in texts(svg)]
    assert f"{HOSTILE}'s network" in all_text
    assert HOSTILE in all_text  # the young person's label, unchanged once parsed


def test_the_map_says_it_is_confidential_in_words() -> None:
    (network,) = demo.generate(1, 5, AS_OF, people_per_network=(5, 5))
    words = [element.text for element in texts(rendered(network))]
    assert svgmap.CONFIDENTIAL in words
    assert svgmap.CONFIDENTIAL.startswith("CONFIDENTIAL")


# --- connections map ------------------------------------------------------------------------


def network_file(tmp_path: Path) -> tuple[Path, Network]:
    (network,) = demo.generate(1, 2026, AS_OF, people_per_network=(25, 25))
    path = tmp_path / "network.json"
    path.write_text(io.dumps_network(network))
    return path, network


def test_map_command_draws_the_svg_without_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")  # nothing there
    path, network = network_file(tmp_path)
    result = CliRunner().invoke(main, ["map", str(path), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert result.output == svgmap.render_svg(
        build_map(network, score(network, AS_OF)),
        title=f"{network.young_person.name}'s network, 22 November 2026",
    )
    check_readable(result.output, network)


def test_map_command_conference_leaves_out_who_a_conference_may_not_see(tmp_path: Path) -> None:
    path, network = network_file(tmp_path)
    from connections.audiences import for_conference

    shown = {person.name for person in for_conference(network, AS_OF).people}
    hidden = {person.name for person in network.people} - shown
    assert hidden, "the demo network should hold someone a conference may not see"
    result = CliRunner().invoke(
        main, ["map", str(path), "--conference", "--as-of", AS_OF.isoformat()]
    )
    assert result.exit_code == 0, result.output
    words = {element.text for element in texts(result.output)}
    assert not hidden & words
    assert all(name in result.output for name in shown if len(name) < 16)
    assert "Rings, from the centre out" not in result.output  # no closeness at a conference


def test_map_command_html_is_the_standalone_map(tmp_path: Path) -> None:
    path, network = network_file(tmp_path)
    result = CliRunner().invoke(
        main, ["map", str(path), "--format", "html", "--as-of", AS_OF.isoformat()]
    )
    if "not installed" in result.output:
        pytest.skip("vis-network is not installed (make assets)")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("<!DOCTYPE html>")
    assert 'id="map-data"' in result.output and "default-src" in result.output
    assert network.young_person.name in result.output


def test_map_command_refuses_a_bad_document_clearly(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"young_person": {"id": "yp"}}')
    result = CliRunner().invoke(main, ["map", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "young_person" in result.output


def test_sector_headings_and_household_shapes_are_drawn_from_the_same_layout() -> None:
    (network,) = demo.generate(1, 2026, AS_OF, people_per_network=(40, 40))
    map_data = build_map(network, score(network, AS_OF))
    svg = svgmap.render_svg(map_data, title="t")
    check_readable(svg, network)  # the headings overlap nothing either
    headings = [e.text for e in texts(svg) if e.attrib.get("class") == "lc-map-sector-label"]
    assert headings == [sector["label"] for sector in map_data.sectors]
    root = ET.fromstring(svg)
    shapes = list(root.iter(f"{SVG}polyline"))
    assert len(shapes) == len(map_data.households) > 0
    assert "A group of people" not in svg  # on paper every group is open
