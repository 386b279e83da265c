"""The ecomap (connections.maps): layout, look, safety of the JSON, conference redaction, download.

Pure tests: no database, no browser. What the browser does with the JSON is the job of
connections/assets/map.js (checked here only for what it must never do).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from connections import maps
from connections.audiences import for_conference
from connections.maps import CATEGORY_COLOURS, MapData, build_map
from connections.model import Category, Network, parse_network
from connections.scoring import YOUNG_PERSON_NODE, route_graph, score
from tests.conftest import AS_OF
from tests.factories import network_document

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_NAMES = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!-- & \u2028 \u2029 -->",
)


def document(*people: dict[str, Any], links: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A network document from (person fields + relationship fields) dictionaries."""
    person_keys = {"id", "name", "category", "deceased", "household", "address"}
    return {
        "young_person": {
            "id": "yp-1",
            "name": "Amy Example",
            "date_of_birth": "2010-03-14",
            "status": "in_care",
        },
        "people": [
            {"category": "family", **{k: v for k, v in p.items() if k in person_keys}}
            for p in people
        ],
        "relationships": [
            {
                "person_id": p["id"],
                "role": "aunt_uncle",
                **{k: v for k, v in p.items() if k not in person_keys},
            }
            for p in people
        ],
        "links": links or [],
    }


def rated(closeness: int, by: str = "young_person") -> dict[str, Any]:
    return {"closeness": closeness, "closeness_rated_by": by}


def nodes_by_id(map_data: MapData) -> dict[str, dict[str, Any]]:
    return {node["id"]: node for node in map_data.nodes}


def edge_to(map_data: MapData, person_id: str) -> dict[str, Any]:
    (edge,) = [e for e in map_data.edges if e["kind"] == "relationship" and e["to"] == person_id]
    return edge


def distance(node: dict[str, Any]) -> float:
    return math.hypot(node["x"], node["y"])


def big_network(size: int) -> Network:
    """A deterministic network of ``size`` people with links, every vocabulary value used."""
    categories = list(Category)
    contacts = ["active", "occasional", "lost", "none_yet"]
    safeties = ["safe", "supervised", "unassessed", "no_contact"]
    people = []
    for i in range(size):
        person = {
            "id": f"p-{i:04d}",
            "name": f"Person {i:04d}",
            "category": categories[i % 5].value,
            "deceased": i % 41 == 0,
            "contact": contacts[i % 4],
            "safety": safeties[(i // 4) % 4],
            "paid": i % 5 == 3,
            "role": "social_worker" if i % 5 == 3 else "cousin",
        }
        if i % 7:
            person.update(rated(i % 5, "young_person" if i % 3 else "worker"))
        people.append(person)
    kinds = ["parent", "sibling", "partner", "lives_with", "knows"]
    links = [
        {"source": f"p-{(i * 7919) % i:04d}", "target": f"p-{i:04d}", "kind": kinds[i % 5]}
        for i in range(1, size)
    ]
    return parse_network(document(*people, links=links))


# --- determinism and layout ---------------------------------------------------------------


def test_the_same_network_gives_the_same_json_every_time() -> None:
    network = parse_network(network_document())
    report = score(network, AS_OF)
    first = build_map(network, report).to_json()
    assert build_map(network, report).to_json() == first
    # The order people were entered in does not matter either.
    reordered = network.model_copy(
        update={
            "people": list(reversed(network.people)),
            "relationships": list(reversed(network.relationships)),
            "links": list(reversed(network.links)),
        }
    )
    assert build_map(reordered, score(reordered, AS_OF)).to_json() == first


def test_the_young_person_is_at_the_centre_and_physics_is_off() -> None:
    map_data = build_map(parse_network(network_document()))
    centre = map_data.nodes[0]
    assert (centre["id"], centre["x"], centre["y"]) == (YOUNG_PERSON_NODE, 0, 0)
    assert map_data.options["physics"]["enabled"] is False
    assert map_data.options["physics"]["solver"] == "barnesHut"  # ready to be turned on


def test_rings_run_from_very_close_inwards_to_unrated_outermost() -> None:
    network = parse_network(
        document(
            {"id": "four", "name": "Four", **rated(4)},
            {"id": "three", "name": "Three", **rated(3)},
            {"id": "two", "name": "Two", **rated(2)},
            {"id": "one", "name": "One", **rated(1)},
            {"id": "zero", "name": "Zero", **rated(0)},
            {"id": "worker", "name": "Worker rated", **rated(4, "worker")},
            {"id": "unrated", "name": "Unrated"},
        )
    )
    nodes = nodes_by_id(build_map(network))
    order = ["four", "three", "two", "one", "zero"]
    distances = [distance(nodes[pid]) for pid in order]
    assert distances == sorted(distances) and len(set(distances)) == 5
    # A worker's estimate is not the young person's rating: outermost, with the unrated.
    assert distance(nodes["worker"]) == pytest.approx(distance(nodes["unrated"]), abs=0.2)
    assert distance(nodes["worker"]) > distances[-1]
    assert nodes["worker"]["ring"] is None and nodes["four"]["ring"] == 4


def test_people_on_one_ring_are_evenly_spaced_by_category_then_name() -> None:
    people = [
        {"id": "c", "name": "Cara", "category": "professional"},
        {"id": "b", "name": "Bo", "category": "family"},
        {"id": "a", "name": "Abe", "category": "friend"},
        {"id": "d", "name": "Ann", "category": "family"},
    ]
    map_data = build_map(parse_network(document(*people)))
    persons = [node for node in map_data.nodes if node["kind"] == "person"]
    assert [node["name"] for node in persons] == ["Ann", "Bo", "Abe", "Cara"]
    angles = [math.atan2(node["y"], node["x"]) for node in persons]
    steps = {round((b - a) % (2 * math.pi), 3) for a, b in zip(angles, angles[1:], strict=False)}
    assert steps == {round(math.pi / 2, 3)}
    assert len({round(distance(node), 1) for node in persons}) == 1


def test_a_crowded_ring_splits_into_bands_and_no_two_people_share_a_place() -> None:
    network = big_network(300)
    nodes = build_map(network).nodes
    places = {(node["x"], node["y"]) for node in nodes}
    assert len(places) == len(nodes)
    closest = min(
        math.dist((a["x"], a["y"]), (b["x"], b["y"]))
        for i, a in enumerate(nodes)
        for b in nodes[i + 1 : i + 40]
    )
    assert closest > 25


# --- look -----------------------------------------------------------------------------------


def test_colour_by_category_and_shape_by_paid() -> None:
    people = [
        {"id": f"p-{c.value}", "name": c.value.title(), "category": c.value} for c in Category
    ]
    people.append(
        {"id": "sw", "name": "Jo", "category": "professional", "paid": True, "role": "iro"}
    )
    nodes = nodes_by_id(build_map(parse_network(document(*people))))
    for category in Category:
        node = nodes[f"p-{category.value}"]
        assert node["color"] == CATEGORY_COLOURS[category]
        assert (node["shape"], node["category"], node["group"]) == (
            "dot",
            category.value,
            category.value,
        )
    assert nodes["sw"]["shape"] == "square" and nodes["sw"]["paid"] is True
    assert len(set(CATEGORY_COLOURS.values())) == len(Category)


def contrast(colour: str, other: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_category_colours_contrast_with_the_white_map() -> None:
    assert all(contrast(colour) >= 4.5 for colour in CATEGORY_COLOURS.values())


def test_deceased_people_are_grey_and_labelled() -> None:
    network = parse_network(document({"id": "dad", "name": "Dan", "deceased": True}))
    node = nodes_by_id(build_map(network))["dad"]
    assert node["label"] == "Dan (died)" and node["deceased"] is True
    assert node["color"]["background"] == "#b1b4b6"
    assert node["color"]["background"] not in CATEGORY_COLOURS.values()
    assert "Has died" in node["title"]


def test_edges_dashed_when_contact_is_lost_or_not_made_and_wider_when_closer() -> None:
    network = parse_network(
        document(
            {"id": "lost", "name": "Lost", "contact": "lost", **rated(4)},
            {"id": "none", "name": "None yet", "contact": "none_yet", **rated(2)},
            {"id": "active", "name": "Active", "contact": "active", **rated(1)},
            {"id": "occ", "name": "Occasional", "contact": "occasional"},
        )
    )
    map_data = build_map(network)
    assert edge_to(map_data, "lost")["dashes"] is True
    assert edge_to(map_data, "none")["dashes"] is True
    assert edge_to(map_data, "active")["dashes"] is False
    assert edge_to(map_data, "occ")["dashes"] is False
    widths = [edge_to(map_data, pid)["width"] for pid in ("lost", "none", "active", "occ")]
    assert widths[0] > widths[1] > widths[2] >= widths[3]


def test_links_between_people_are_thin_grey_labelled_edges_one_per_pair() -> None:
    network = parse_network(network_document())  # Rose is Ray's parent and lives with him
    map_data = build_map(network)
    links = [edge for edge in map_data.edges if edge["kind"] == "link"]
    pairs = [(edge["from"], edge["to"]) for edge in links]
    assert len(pairs) == len(set(pairs)) == 2
    (rose_ray,) = [edge for edge in links if {edge["from"], edge["to"]} == {"p-rose", "p-ray"}]
    # Thin and grey by the options every edge inherits (only relationships override them).
    assert "width" not in rose_ray and "color" not in rose_ray
    assert map_data.options["edges"]["width"] == 1
    assert map_data.options["edges"]["color"]["color"] == "#6f777b"
    assert rose_ray["label"] == "parent, live together"
    assert rose_ray["links"] == ["parent", "lives_with"]
    assert "Rose Example is a parent of Ray Example" in rose_ray["title"]
    assert rose_ray["arrows"] in ("to", "from")


def test_qualifying_flags_match_the_report() -> None:
    network = parse_network(network_document())
    report = score(network, AS_OF)
    map_data = build_map(network, report)
    qualifying = {q.id for q in report.qualifying_now}
    assert qualifying  # the factory network has loving relationships
    nodes = [node for node in map_data.nodes if node["kind"] == "person"]
    assert {node["id"] for node in nodes if node["qualifies"]} == qualifying
    for node in nodes:
        starred = node["label"].startswith("\u2605")
        assert starred is node["qualifies"]
        assert (node.get("borderWidth", 1.5) > 3) is node["qualifies"]
        assert edge_to(map_data, node["id"])["qualifies"] is node["qualifies"]
    assert any(entry["key"] == "qualifying" for entry in map_data.legend)


def test_without_a_report_nothing_is_marked() -> None:
    map_data = build_map(parse_network(network_document()))
    assert not any(node.get("qualifies") for node in map_data.nodes)
    assert all(entry["key"] != "qualifying" for entry in map_data.legend)


def test_a_report_for_another_young_person_is_refused() -> None:
    report = score(parse_network(network_document("yp-2")), AS_OF)
    with pytest.raises(ValueError, match="yp-2"):
        build_map(parse_network(network_document("yp-1")), report)


def test_titles_are_plain_text_with_name_role_closeness_safety_contact() -> None:
    network = parse_network(network_document())
    rose = nodes_by_id(build_map(network, score(network, AS_OF)))["p-rose"]
    assert rose["title"].splitlines() == [
        "Rose Example",
        "Grandparent, family",
        "\u2605 Counts towards the mission (a loving, safe, current relationship)",
        "Closeness: 4 (very close), the young person's rating",
        "Safety: safe",
        "Contact: active, last on 1 Nov 2026",
    ]


def test_legend_lists_what_is_on_the_map() -> None:
    map_data = build_map(parse_network(network_document()))
    keys = [entry["key"] for entry in map_data.legend]
    assert keys[0] == "young-person"
    assert {"family", "professional", "paid", "unpaid", "deceased", "contact-lost", "link"} <= set(
        keys
    )
    assert "friend" not in keys  # no friends in this network
    for entry in map_data.legend:
        assert set(entry) == {"key", "label", "shape", "colour", "border", "dashed", "css_class"}
        assert entry["shape"] in {"ellipse", "dot", "square", "line", "blob", "diamond"}


def test_map_css_has_every_legend_class_in_the_legend_colour() -> None:
    css = (ROOT / "webapp/static/css/map.css").read_text()
    factory = parse_network(network_document())
    legend = build_map(big_network(60)).legend + build_map(factory, score(factory, AS_OF)).legend
    assert {entry["key"] for entry in legend} >= {c.value for c in Category} | {"qualifying"}
    for entry in legend:
        rule = re.search(re.escape(f".{entry['css_class']}") + r"\s*\{([^}]*)\}", css)
        assert rule, entry["css_class"]
        if entry["key"] in {c.value for c in Category}:
            assert entry["colour"] in rule.group(1)


# --- safe JSON ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_are_plain_text_and_escaped_in_the_json(name: str) -> None:
    doc = network_document()
    doc["people"][0]["name"] = name
    doc["young_person"]["name"] = name
    map_data = build_map(parse_network(doc))
    rose = nodes_by_id(map_data)["p-rose"]
    assert rose["title"].startswith(name)  # plain text: the page sets it with textContent
    text = map_data.to_json()
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert "</script" not in text.lower() and "<img" not in text and "<!--" not in text
    assert json.loads(text)["nodes"][0]["name"] == name  # and it reads back unchanged


def test_map_data_to_json_is_the_documented_shape() -> None:
    data = json.loads(build_map(parse_network(network_document())).to_json())
    assert set(data) == {
        "nodes",
        "edges",
        "options",
        "legend",
        "rings",
        "conference",
        "sectors",
        "households",
        "groups",
        "outer",
        "labels",
    }
    assert {"scale", "font", "group_size", "first", "headings", "bounds"} <= set(data["labels"])
    people = {node["id"] for node in data["nodes"] if node["kind"] == "person"}
    assert set(data["labels"]["first"]) == people  # a name for each person, placed once
    assert all({"id", "label", "title", "x", "y", "shape"} <= set(node) for node in data["nodes"])
    assert all({"from", "to", "kind", "title"} <= set(edge) for edge in data["edges"])
    assert [ring["level"] for ring in data["rings"]] == [4, 3, None]


def test_build_map_does_not_change_its_input() -> None:
    network = parse_network(network_document())
    before = network.model_dump()
    build_map(network, score(network, AS_OF))
    build_map(network, conference=True)
    assert network.model_dump() == before


def test_networkx_graphs_are_left_alone() -> None:
    # build_map uses pyvis's add_node/add_edge, never from_nx (which mutates the graph it is
    # given); a route graph built beside it stays exactly as it was.
    network = parse_network(network_document())
    graph = route_graph(network, AS_OF)
    before = (nx.node_link_data(graph, edges="links"), dict(graph.graph))
    build_map(network, score(network, AS_OF))
    assert (nx.node_link_data(graph, edges="links"), dict(graph.graph)) == before


# --- large networks -----------------------------------------------------------------------


def test_a_1000_person_network_builds_with_cheap_options() -> None:
    network = big_network(1000)
    map_data = build_map(network, score(network, AS_OF))
    assert len([n for n in map_data.nodes if n["kind"] == "person"]) == 1000
    assert len(map_data.edges) > 200
    assert map_data.options["edges"]["smooth"]["enabled"] is False
    assert map_data.options["interaction"]["hideEdgesOnDrag"] is True
    assert all(len(node["label"]) <= 20 for node in map_data.nodes)
    assert not any("label" in edge for edge in map_data.edges if edge["kind"] == "link")
    json.loads(map_data.to_json())


def test_a_small_network_keeps_smooth_edges_and_link_labels() -> None:
    map_data = build_map(parse_network(network_document()))
    assert map_data.options["edges"]["smooth"]["enabled"] is True
    assert map_data.options["interaction"]["hideEdgesOnDrag"] is False


# --- Family Group Conference ----------------------------------------------------------------


def conference_document() -> dict[str, Any]:
    doc = network_document()
    doc["people"].append(
        {
            "id": "p-hid",
            "name": "Hidden Harriet",
            "category": "friend",
            "address": "9 Secret Lane",
        }
    )
    doc["relationships"].append(
        {
            "person_id": "p-hid",
            "role": "friend",
            "closeness": 3,
            "closeness_rated_by": "young_person",
            "safety": "safe",
            "hide_in_conference": True,
            "notes": "Met at the youth club.",
        }
    )
    doc["links"].append({"source": "p-hid", "target": "p-kai", "kind": "knows"})
    doc["contact_log"].append(
        {
            "id": "c-hid",
            "person_id": "p-hid",
            "date": "2026-10-01",
            "kind": "phone_call",
            "recorded_by": "Sam Worker",
        }
    )
    return doc


def test_for_conference_removes_unsafe_and_hidden_people_and_sensitive_fields() -> None:
    network = parse_network(conference_document())
    before = network.model_dump()
    shown = for_conference(network, AS_OF)

    ids = {person.id for person in shown.people}
    assert "p-ray" not in ids  # no_contact
    assert "p-hid" not in ids  # hide_in_conference
    assert ids == {"p-rose", "p-kai", "p-jo", "p-dad"}
    assert {r.person_id for r in shown.relationships} == ids
    assert all(link.source in ids and link.target in ids for link in shown.links)
    assert [(link.source, link.target) for link in shown.links] == [("p-dad", "p-kai")]
    assert shown.contact_log == []
    assert all(person.address == "" for person in shown.people)
    for relationship in shown.relationships:
        assert relationship.notes == relationship.safety_note == ""
        assert relationship.closeness is None and relationship.closeness_rated_by is None

    assert network.model_dump() == before  # the input is untouched
    assert network.person("p-rose").address == "1 Example Row, Northtown"
    shown.relationships[0].support.append("money")
    assert network.model_dump() == before  # and shares nothing mutable with the result


def test_conference_map_holds_nothing_hidden_or_private() -> None:
    network = parse_network(conference_document())
    map_data = build_map(network, score(network, AS_OF), conference=True)
    text = map_data.to_json()
    for secret in (
        "Ray Example",
        "Hidden Harriet",
        "p-ray",
        "p-hid",
        "1 Example Row",
        "9 Secret Lane",
        "Court order",
        "Bakes on Sundays",
        "youth club",
        "Tea at Rose",
        "closeness",
        "Closeness",
        "safety",
        "Safety",
        "\u2605",
        "mission",
    ):
        assert secret not in text, secret
    assert map_data.conference is True and map_data.rings == []
    assert not any(node.get("qualifies") for node in map_data.nodes)
    assert all(entry["key"] != "qualifying" for entry in map_data.legend)
    rose = nodes_by_id(map_data)["p-rose"]
    assert rose["title"] == "Rose Example\nGrandparent, family"


def test_ratings_and_the_report_change_nothing_on_a_conference_map() -> None:
    doc = conference_document()
    network = parse_network(doc)
    for relationship in doc["relationships"]:
        relationship.update(rated(0, "young_person"))
    rerated = parse_network(doc)
    expected = build_map(network, conference=True).to_json()
    assert build_map(rerated, conference=True).to_json() == expected
    assert build_map(network, score(network, AS_OF), conference=True).to_json() == expected
    drawn = json.loads(expected)
    widths = {edge.get("width", drawn["options"]["edges"]["width"]) for edge in drawn["edges"]}
    assert widths == {1}


def test_conference_table_has_only_name_role_category_paid() -> None:
    rows = build_map(parse_network(conference_document()), conference=True).table_rows()
    assert {tuple(row) for row in rows} == {("name", "role", "category", "paid")}
    assert {row["name"] for row in rows} == {
        "Rose Example",
        "Kai Example",
        "Jo Smith",
        "Dan Example (died)",
    }


# --- the downloadable file ------------------------------------------------------------------

VIS_STUB = 'window.vis = {}; /* a stand-in; "</script>" must not end the block */'
#: Stand-ins for the vendor files a download inlines, with the source map comments they end with.
VIS = {
    "vis_data_js": VIS_STUB + "\n//# sourceMappingURL=vis-data.min.js.map\n",
    "vis_network_js": "window.vis.Network = function () {};\n//# sourceMappingURL=n.js.map",
    "vis_network_css": 'div.vis-tooltip{content:"</style>"}\n/*# sourceMappingURL=n.css.map */',
}
NO_VIS = dict.fromkeys(VIS, "")


def test_standalone_html_is_self_contained_and_escaped() -> None:
    doc = network_document()
    doc["people"][0]["name"] = HOSTILE_NAMES[0]
    map_data = build_map(parse_network(doc))
    page = maps.standalone_html(
        map_data, title='Amy\'s map </title><script>alert("t")</script>', **VIS
    )
    assert "<title>Amy&#39;s map &lt;/title&gt;&lt;script&gt;" in page
    assert "<h1>Amy&#39;s map &lt;/title&gt;" in page
    assert '<script>alert("t")' not in page and "<img" not in page
    assert "<td>&lt;img src=x onerror=alert(1)&gt;</td>" in page
    # Exactly our four script blocks (map data, vis-data, vis-network, map.js) and two style
    # blocks (vis-network's, ours), and none of them can be closed early.
    assert page.count("<script") == 4 and page.count("</script>") == 4
    assert page.count("<style") == 2 and page.count("</style>") == 2
    assert "<\\/script>" in page and "<\\/style>" in page
    # vis-data before vis-network before map.js; vis-network's CSS before ours.
    data, network = page.index("window.vis = {}"), page.index("window.vis.Network")
    assert data < network < page.index(maps.MAP_JS.splitlines()[-1])
    assert page.index("div.vis-tooltip{") < page.index("div.vis-tooltip {")
    assert "sourceMappingURL" not in page
    assert map_data.to_json() in page and maps.MAP_JS.splitlines()[-1] in page
    # A policy that forbids every request (the attribute's quotes are written as &#39;).
    assert "Content-Security-Policy" in page and "default-src &#39;none&#39;" in page


def test_standalone_html_fetches_nothing() -> None:
    page = maps.standalone_html(build_map(parse_network(network_document())), title="Map", **VIS)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert "@import" not in page


def test_standalone_html_table_rows_can_be_given() -> None:
    page = maps.standalone_html(
        MapData([], [], {}, []),
        title="Map",
        **NO_VIS,
        table_rows=[{"name": "<b>Bo</b>", "role": "friend", "date_of_birth": None}],
    )
    assert '<th scope="col">Date of birth</th>' in page
    assert "<td>&lt;b&gt;Bo&lt;/b&gt;</td><td>friend</td><td></td>" in page


# --- the page script ------------------------------------------------------------------------


def test_there_is_one_map_script() -> None:
    assert (ROOT / "connections/assets/map.js").read_text() == maps.MAP_JS
    assert not (ROOT / "webapp/static/js/map.js").exists(), "the app serves connections/assets"


def test_map_js_never_parses_html() -> None:
    code = re.sub(r"/\*.*?\*/", "", maps.MAP_JS, flags=re.DOTALL)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code
    assert "textContent" in code
    assert "new vis.Network" in code and "new vis.DataSet" in code
    for hook in ("data-map-source", "data-map-full", "data-map-fit", "DOMContentLoaded"):
        assert hook in code


def _restricted_network() -> Network:
    document = network_document("yp-1")
    document["format_version"] = 2
    document["restrictions"] = [
        {
            "id": "r-1",
            "person_id": "p-kai",
            "kind": "s34_order",
            "scope": "no_contact",
            "starts": "2026-10-01",
        },
        {
            "id": "r-2",
            "person_id": "p-rose",
            "kind": "prohibited_steps_order",
            "scope": "address_withheld",
            "starts": "2026-01-01",
            "ends": "2026-06-30",
        },
    ]
    return parse_network(document)


def test_a_person_with_a_restriction_in_force_is_marked_with_a_key_entry() -> None:
    network = _restricted_network()
    ecomap = build_map(network, score(network, AS_OF), as_of=AS_OF)
    nodes = {node["id"]: node for node in ecomap.nodes}
    kai = nodes["p-kai"]
    assert kai["restricted"] is True and kai["label"].startswith(maps.RESTRICTED_MARK)
    assert "Restriction: no contact (section 34 contact order)" in kai["title"].split("\n")
    assert kai["color"]["border"] == "#d4351c"
    # Rose's restriction ended on 30 June: she is not marked.
    assert "restricted" not in nodes["p-rose"]
    assert not nodes["p-rose"]["label"].startswith(maps.RESTRICTED_MARK)
    keys = [entry["key"] for entry in ecomap.legend]
    assert "restricted" in keys
    # Before the order started, no one is marked and the key has no entry for it.
    earlier = build_map(network, as_of=AS_OF.replace(year=2025))
    assert not any(node.get("restricted") for node in earlier.nodes)
    assert "restricted" not in [entry["key"] for entry in earlier.legend]


def test_a_conference_map_never_marks_or_mentions_restrictions() -> None:
    network = _restricted_network()
    ecomap = build_map(network, conference=True, as_of=AS_OF)
    assert "p-kai" not in {node["id"] for node in ecomap.nodes}  # no contact: left out
    assert "Restriction" not in ecomap.to_json()
    assert "restricted" not in [entry["key"] for entry in ecomap.legend]
