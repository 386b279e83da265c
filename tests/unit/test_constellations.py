"""Constellations: carers, households and young people joined through care, grouped and drawn
by hand."""

from __future__ import annotations

import json

from connections.constellation_map import build_map
from connections.constellations import CareLink, constellations
from connections.model import Role, YoungPersonStatus

IN_CARE, LEAVER = YoungPersonStatus.IN_CARE, YoungPersonStatus.CARE_LEAVER


def link(
    yp: str,
    carer: str,
    role: Role = Role.FOSTER_CARER,
    home: str | None = None,
    carer_home: str | None = None,
    status: YoungPersonStatus = IN_CARE,
) -> CareLink:
    return CareLink(yp, yp.title(), status, home, carer, carer.title(), carer_home, role)


def mockingbird() -> list[CareLink]:
    # Hana, the hub carer (home h-hub), supports amy (with fay, h-1) and bo and cy (with gil,
    # h-2); dee left gil's home and is a care leaver now. eve and ida, with jo, are another
    # home of two; kim, alone with lee, is no constellation.
    return [
        link("amy", "hana", Role.HUB_CARER, "h-1", "h-hub"),
        link("amy", "fay", home="h-1", carer_home="h-1"),
        link("bo", "hana", Role.HUB_CARER, "h-2", "h-hub"),
        link("bo", "gil", home="h-2", carer_home="h-2"),
        link("cy", "gil", home="h-2", carer_home="h-2"),
        link("dee", "gil", Role.FORMER_FOSTER_CARER, carer_home="h-2", status=LEAVER),
        link("eve", "jo", home="h-3"),
        link("ida", "jo", home="h-3"),
        link("kim", "lee", Role.SUPPORTED_LODGINGS_HOST),
    ]


def test_a_mockingbird_constellation_and_a_home_of_two() -> None:
    hub, home = constellations(mockingbird())
    # gil cares or cared for three (bo, cy, dee), hana for two: gil is the centre.
    assert (hub.id, hub.name) == ("gil", "Gil's constellation")
    assert [m.id for m in hub.young_people] == ["amy", "bo", "cy", "dee"]
    assert [c.id for c in hub.carers] == ["gil", "hana", "fay"]
    assert [c.id for c in hub.hub_carers] == ["hana"]
    assert sorted(h.id for h in hub.households) == ["h-1", "h-2", "h-hub"]
    h2 = next(h for h in hub.households if h.id == "h-2")
    assert [c.id for c in h2.carers] == ["gil"] and [m.id for m in h2.young_people] == ["bo", "cy"]
    assert [m.id for m in hub.elsewhere()] == ["dee"]
    assert hub.in_care == 3
    # Joined by the young people's household alone (jo has none recorded).
    assert [m.id for m in home.young_people] == ["eve", "ida"]
    assert [h.id for h in home.households] == ["h-3"]


def test_the_minimum_young_people() -> None:
    assert len(constellations(mockingbird(), minimum=1)) == 3
    assert len(constellations(mockingbird(), minimum=5)) == 0


def test_the_map_has_every_node_and_line_with_plain_text_titles() -> None:
    hub = constellations(mockingbird())[0]
    data = build_map(hub)
    ids = {node["id"] for node in data.nodes}
    assert ids == {
        "y:amy", "y:bo", "y:cy", "y:dee", "p:gil", "p:hana", "p:fay",
        "h:h-1", "h:h-2", "h:h-hub",
    }  # fmt: skip
    care = [e for e in data.edges if e["kind"] == "care"]
    assert len(care) == 6
    assert [e["dashes"] for e in care if e["to"] == "y:dee"] == [True]
    lives = {(e["from"], e["to"]) for e in data.edges if e["kind"] == "lives_in"}
    assert ("p:hana", "h:h-hub") in lives and ("y:cy", "h:h-2") in lives
    assert next(n for n in data.nodes if n["id"] == "p:hana")["shape"] == "star"
    assert data.options["physics"]["enabled"] is False
    # Deterministic: the same constellation gives the same map, byte for byte.
    assert build_map(hub).to_json() == data.to_json()
    assert json.loads(data.to_json())["nodes"][0]["title"]


def test_markup_in_a_name_is_escaped_in_the_map_json() -> None:
    links = [link("amy", "x", carer_home="h"), link("bo", "x", carer_home="h")]
    links[0] = CareLink("amy", "</script><b>", IN_CARE, None, "x", "X", "h", Role.FOSTER_CARER)
    data = build_map(constellations(links)[0])
    assert "</script>" not in data.to_json()
    assert any(n["name"] == "</script><b>" for n in json.loads(data.to_json())["nodes"])
