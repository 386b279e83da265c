"""People shared across young people's networks: the figures by hand on a small cohort, and on
random cohorts the same figures as scoring every network again without each person (no shortcut)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from connections.model import Network, parse_network
from connections.scoring import score
from connections.shared_people import shared_people, tally, without_relationship
from tests.factories import loving
from tests.unit.test_scoring_properties import AS_OF, FAST, documents


def cohort_network(yp: str, relationships: list[dict[str, Any]]) -> Network:
    names = {"gran": "Rose Gran", "hub": "Hana Hub", "pa": "Pat Adviser", "aunt": "Ann Aunt"}
    return parse_network(
        {
            "young_person": {
                "id": yp,
                "name": yp.title(),
                "date_of_birth": "2010-01-01",
                "status": "in_care",
            },
            "people": [
                {
                    "id": r["person_id"],
                    "name": names.get(r["person_id"], r["person_id"]),
                    "category": "family",
                }
                for r in relationships
            ],
            "relationships": relationships,
        }
    )


def test_figures_by_hand() -> None:
    # amy: gran + aunt loving: the mission met, not robust (2 - 1 < 2); losing gran: below it.
    # bo: gran + hub + pa loving, robust (3 - 1 >= 2); losing either gran or hub: not robust.
    # cy: gran only the worker's estimate, hub loving alone: neither can lose cy anything.
    amy = cohort_network("amy", [loving("gran"), loving("aunt", "aunt_uncle")])
    bo = cohort_network(
        "bo", [loving("gran"), loving("hub", "foster_carer"), loving("pa", "personal_adviser")]
    )
    cy = cohort_network(
        "cy", [loving("gran", closeness_rated_by="worker"), loving("hub", "foster_carer")]
    )
    people = shared_people(tally([amy, bo, cy], AS_OF))
    figures = {p.person_id: p.to_dict() for p in people}
    assert figures == {
        "gran": {
            "person_id": "gran",
            "name": "Rose Gran",
            "young_people": 3,
            "loving_for": 2,
            "below_mission_if_lost": 1,
            "not_robust_if_lost": 1,
        },
        "hub": {
            "person_id": "hub",
            "name": "Hana Hub",
            "young_people": 2,
            "loving_for": 2,
            "below_mission_if_lost": 0,
            "not_robust_if_lost": 1,
        },
    }
    assert [p.person_id for p in people] == ["gran", "hub"]  # the most at risk first


def test_the_person_stays_only_their_relationship_goes() -> None:
    amy = cohort_network("amy", [loving("gran"), loving("aunt", "aunt_uncle")])
    without = without_relationship(amy, "gran")
    assert [p.id for p in without.people] == [p.id for p in amy.people]
    assert [r.person_id for r in without.relationships] == ["aunt"]


@st.composite
def cohorts(draw: st.DrawFn) -> list[Network]:
    """Two to four networks whose people p0, p1, ... are the same people (same ids)."""
    count = draw(st.integers(2, 4))
    networks = []
    for index in range(count):
        document = draw(documents(max_people=6))
        document["young_person"]["id"] = f"yp{index}"
        networks.append(parse_network(document))
    return networks


def brute_force(networks: list[Network], as_of: date) -> dict[str, dict[str, int]]:
    figures: dict[str, dict[str, int]] = {}
    for network in networks:
        before = score(network, as_of)
        loving_ids = {ref.id for ref in before.qualifying_now}
        for relationship in network.relationships:
            pid = relationship.person_id
            after = score(without_relationship(network, pid), as_of)
            entry = figures.setdefault(
                pid, {"young_people": 0, "loving_for": 0, "below": 0, "not_robust": 0}
            )
            entry["young_people"] += 1
            entry["loving_for"] += pid in loving_ids
            entry["below"] += before.mission_met and not after.mission_met
            entry["not_robust"] += before.robust and not after.robust
    return {pid: f for pid, f in figures.items() if f["young_people"] >= 2}


@FAST
@given(cohorts())
def test_figures_equal_scoring_again_without_each_person(networks: list[Network]) -> None:
    expected = brute_force(networks, AS_OF)
    people = shared_people(tally(networks, AS_OF))
    assert {
        p.person_id: {
            "young_people": p.young_people,
            "loving_for": p.loving_for,
            "below": p.below_mission_if_lost,
            "not_robust": p.not_robust_if_lost,
        }
        for p in people
    } == expected
    keys = [(-p.below_mission_if_lost, -p.not_robust_if_lost, -p.loving_for) for p in people]
    assert keys == sorted(keys)
