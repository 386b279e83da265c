"""Restrictions and effective safety (docs/scoring.md, restrictions): case by case, and over
random networks (hypothesis, bounded and seeded)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connections.audiences import conference_version, for_conference
from connections.maps import build_map
from connections.model import (
    InvalidInput,
    Network,
    RestrictionKind,
    RestrictionScope,
    Safety,
    parse_network,
)
from connections.restrictions import (
    address_withheld_from,
    effective_safeties,
    imposed_safety,
    to_review,
    with_effective_safety,
)
from connections.scoring import route_graph, score
from tests import factories
from tests.unit.test_scoring_properties import documents

AS_OF = date(2026, 5, 1)
SEEDED = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def loving(pid: str, role: str = "grandparent", **fields: Any) -> dict[str, Any]:
    return factories.loving(pid, role, **{"last_contact": "2026-04-01", **fields})


def restriction(pid: str, scope: str, starts: str = "2026-01-01", **fields: Any) -> dict[str, Any]:
    return {
        "id": f"r-{pid}-{scope}-{starts}",
        "person_id": pid,
        "kind": "s34_order",
        "scope": scope,
        "starts": starts,
        **fields,
    }


def network(*restrictions: dict[str, Any], relationships: list[dict[str, Any]] | None = None):
    return parse_network(
        {
            "young_person": {
                "id": "yp",
                "name": "Amy",
                "date_of_birth": "2010-01-01",
                "status": "in_care",
            },
            "people": [
                {"id": "rose", "name": "Rose", "category": "family"},
                {"id": "kim", "name": "Kim", "category": "family"},
                {"id": "kai", "name": "Kai", "category": "family"},
            ],
            "relationships": relationships
            or [loving("rose"), loving("kim", "mother"), loving("kai", "sibling")],
            "links": [{"source": "kim", "target": "kai", "kind": "parent"}],
            "restrictions": list(restrictions),
        }
    )


def test_an_active_no_contact_restriction_stops_a_relationship_qualifying() -> None:
    assert len(score(network(), AS_OF).qualifying_now) == 3
    restricted = score(network(restriction("kim", "no_contact")), AS_OF)
    assert {person.id for person in restricted.qualifying_now} == {"rose", "kai"}


@pytest.mark.parametrize(
    ("starts", "ends", "active"),
    [
        ("2026-05-01", None, True),  # starts on as_of
        ("2026-05-02", None, False),  # not yet
        ("2026-01-01", "2026-05-01", True),  # ends on as_of
        ("2026-01-01", "2026-04-30", False),  # ended
    ],
)
def test_only_restrictions_active_on_as_of_count(starts: str, ends: str | None, active: bool):
    report = score(network(restriction("kim", "no_contact", starts, ends=ends)), AS_OF)
    assert ("kim" not in {p.id for p in report.qualifying_now}) is active


def test_effective_safety_is_the_most_restrictive() -> None:
    net = network(
        restriction("kim", "supervised"),
        restriction("kai", "address_withheld"),
        relationships=[
            loving("rose", safety="no_contact"),
            loving("kim", "mother", safety="safe"),
            loving("kai", "sibling", safety="unassessed"),
        ],
    )
    assert effective_safeties(net, AS_OF) == {
        "rose": Safety.NO_CONTACT,  # a supervised restriction never loosens no_contact
        "kim": Safety.SUPERVISED,
        "kai": Safety.UNASSESSED,  # address_withheld changes no safety
    }
    assert imposed_safety(net.restrictions, AS_OF) == {"kim": Safety.SUPERVISED}
    assert address_withheld_from(net, AS_OF) == {"kai"}


def test_a_restricted_sibling_is_no_gap_nor_lead_and_leaves_the_route_graph() -> None:
    out_of_touch = [
        loving("rose"),
        loving("kim", "mother"),
        loving("kai", "sibling", contact="lost", last_contact=None),
    ]
    free = score(network(relationships=out_of_touch), AS_OF)
    assert [s.gap for s in free.siblings] == [True]
    assert [lead.id for lead in free.leads] == ["kai"]

    restricted = network(restriction("kai", "no_contact"), relationships=out_of_touch)
    report = score(restricted, AS_OF)
    assert [(s.gap, s.safety) for s in report.siblings] == [(False, Safety.NO_CONTACT)]
    assert report.leads == ()
    assert "kai" not in route_graph(restricted, AS_OF)
    assert "kai" in route_graph(network(relationships=out_of_touch), AS_OF)


def test_the_forecast_assumes_todays_restrictions_hold() -> None:
    # Ends before the 18th birthday, but the forecast does not count Kim back in.
    report = score(network(restriction("kim", "no_contact", ends="2027-06-01")), AS_OF)
    assert [m.count for m in report.forecast] == [2, 2, 2]


def test_restrictions_to_review() -> None:
    refusal = restriction("kim", "no_contact", "2026-04-20", kind="s34_refusal")
    overdue = restriction("rose", "supervised", "2026-01-01", review_by="2026-04-01")
    reviews = to_review(network(refusal, overdue), AS_OF)
    assert [item.restriction.person_id for item in reviews] == ["rose", "kim"]
    assert "due for review on 2026-04-01" in reviews[0].reason
    assert "has lasted 11 days without a court order" in reviews[1].reason

    # A court order for the same person ends the question; so does the refusal having ended.
    order = restriction("kim", "no_contact", "2026-04-25", kind="s34_order")
    assert [i.restriction.person_id for i in to_review(network(refusal, order), AS_OF)] == []
    ended = {**refusal, "ends": "2026-04-26"}
    assert to_review(network(ended), AS_OF) == []


def test_a_restriction_names_its_bad_fields() -> None:
    bad = restriction("kim", "forever", ends="2025-12-31")
    with pytest.raises(InvalidInput) as caught:
        network(bad)
    paths = {error.path for error in caught.value.errors}
    assert paths == {"restrictions[0].scope", "restrictions[0].ends"}
    with pytest.raises(InvalidInput) as caught:
        network(restriction("kim", "no_contact", ends="2025-12-31"))
    assert [str(e) for e in caught.value.errors] == [
        "restrictions[0].ends: 2025-12-31 is before starts (2026-01-01)"
    ]
    with pytest.raises(InvalidInput) as caught:
        network(restriction("nobody", "no_contact"))
    assert [e.path for e in caught.value.errors] == ["restrictions[0].person_id"]


def test_version_1_documents_read_and_are_written_as_version_2() -> None:
    document = network().to_document()
    del document["restrictions"]
    for relationship in document["relationships"]:
        del relationship["side"]
    document["format_version"] = 1
    read = parse_network(document)
    assert not read.restrictions_given
    assert read.to_document()["format_version"] == 2
    assert parse_network(read.to_document()).restrictions_given


# --- over random networks -------------------------------------------------------------------

SCOPES = list(RestrictionScope)
KINDS = list(RestrictionKind)


@st.composite
def restricted_networks(draw: st.DrawFn) -> Network:
    document = draw(documents(max_people=8))
    restrictions = []
    for index, relationship in enumerate(document["relationships"]):
        for number in range(draw(st.integers(0, 2))):
            starts = AS_OF + timedelta(days=draw(st.integers(-400, 30)))
            ends = draw(st.none() | st.integers(0, 500).map(lambda d, s=starts: s + timedelta(d)))
            restrictions.append(
                {
                    "id": f"r{index}-{number}",
                    "person_id": relationship["person_id"],
                    "kind": draw(st.sampled_from(KINDS)).value,
                    "scope": draw(st.sampled_from(SCOPES)).value,
                    "starts": starts.isoformat(),
                    "ends": ends and ends.isoformat(),
                    "source": f"SRC{index}x{number}",
                    "note": f"NOTE{index}x{number}",
                }
            )
        document["people"][index]["address"] = f"ADDR{index} Street"
        relationship["notes"] = f"NOTES{index}"
        relationship["safety_note"] = f"SAFETY{index}"
        relationship["hide_in_conference"] = draw(st.booleans())
    document["restrictions"] = restrictions
    return parse_network(document)


def _without_restrictions(net: Network) -> Network:
    return with_effective_safety(net, AS_OF).model_copy(update={"restrictions": []})


@SEEDED
@given(restricted_networks())
def test_restrictions_score_exactly_as_their_effective_safety(net: Network) -> None:
    """Section 7 in one line: a network scores as the same network whose safeties are the
    effective ones and which has no restrictions."""
    assert score(net, AS_OF).to_dict() == score(_without_restrictions(net), AS_OF).to_dict()
    assert set(route_graph(net, AS_OF).edges) == set(
        route_graph(_without_restrictions(net), AS_OF).edges
    )


@SEEDED
@given(restricted_networks())
def test_the_conference_sees_no_one_restricted_and_nothing_private(net: Network) -> None:
    safeties = effective_safeties(net, AS_OF)
    hidden = {
        r.person_id
        for r in net.relationships
        if safeties[r.person_id] is Safety.NO_CONTACT or r.hide_in_conference
    }
    shown = for_conference(net, AS_OF)
    assert {p.id for p in shown.people}.isdisjoint(hidden)
    assert shown.restrictions == []
    sent = build_map(net, conference=True, as_of=AS_OF).to_json()
    sent += json.dumps(shown.to_document())
    for pid in hidden:
        name = net.person(pid).name
        assert f'"{pid}"' not in sent and name not in sent
    for private in ("ADDR", "NOTES", "SAFETY", "SRC", "NOTE"):
        assert private not in sent

    # The conference's version changes with nothing it does not show.
    members = {r.person_id: r for r in net.relationships}
    people = {p.id: p for p in net.people}
    shown_only = {pid: r for pid, r in members.items() if pid not in hidden}
    assert conference_version(
        members, people, imposed_safety(net.restrictions, AS_OF)
    ) == conference_version(shown_only, people)
