"""docs/scoring.md, rule by rule and boundary by boundary (pure: no database)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import pytest

from connections import scoring
from connections.model import Domain, Network, Relationship, parse_network
from connections.scoring import (
    MILESTONES,
    YOUNG_PERSON_NODE,
    CoverageStatus,
    DataReason,
    DomainStatus,
    GapKind,
    age_on,
    effective_role_end,
    is_current,
    milestone_date,
    most_urgent_gap,
    qualifies,
    route_graph,
    score,
)

AS_OF = date(2026, 5, 1)
AGE_16 = date(2010, 1, 15)  # 16 on AS_OF: milestones 18, 21 and 25 remain
AGE_17 = date(2008, 9, 1)  # 17 on AS_OF

#: A relationship that qualifies on every rule; tests change one field at a time.
LOVING: dict[str, Any] = {
    "closeness": 4,
    "closeness_rated_by": "young_person",
    "safety": "safe",
    "wishes": "wants",
    "contact": "active",
    "last_contact": (AS_OF - timedelta(days=30)).isoformat(),
}
#: Someone in the network who does not qualify (out of touch, not yet rated or assessed).
OUT_OF_TOUCH: dict[str, Any] = {
    "closeness": None,
    "closeness_rated_by": None,
    "safety": "unassessed",
    "wishes": "unknown",
    "contact": "lost",
    "last_contact": None,
}


def person(
    pid: str,
    role: str = "friend",
    *,
    name: str | None = None,
    category: str = "family",
    deceased: bool = False,
    household: str | None = None,
    base: dict[str, Any] | None = None,
    **relationship: Any,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A person and the YP's relationship with them: loving (qualifying) unless told otherwise."""
    fields = {**(LOVING if base is None else base), **relationship}
    if isinstance(fields.get("last_contact"), date):
        fields["last_contact"] = fields["last_contact"].isoformat()
    return (
        {
            "id": pid,
            "name": name or pid.replace("_", " ").title(),
            "category": category,
            "deceased": deceased,
            "household": household,
        },
        {"person_id": pid, "role": role, **fields},
    )


def stranger(pid: str, role: str = "other_relative", **fields: Any) -> tuple[dict, dict]:
    return person(pid, role, base=OUT_OF_TOUCH, **fields)


def link(source: str, target: str, kind: str = "knows") -> dict[str, str]:
    return {"source": source, "target": target, "kind": kind}


def network(
    *entries: tuple[dict[str, Any], dict[str, Any]],
    links: list[dict[str, str]] | tuple = (),
    dob: date = AGE_16,
    status: str = "in_care",
) -> Network:
    return parse_network(
        {
            "young_person": {
                "id": "yp",
                "name": "Alex",
                "date_of_birth": dob.isoformat(),
                "status": status,
            },
            "people": [entry[0] for entry in entries],
            "relationships": [entry[1] for entry in entries],
            "links": list(links),
        }
    )


def ids(items: Any) -> list[str]:
    return [item.id for item in items]


def qualifying_ids(net: Network, as_of: date = AS_OF) -> list[str]:
    return sorted(ids(score(net, as_of).qualifying_now))


# --- ages and dates ---------------------------------------------------------------------------


def test_age_is_full_years():
    assert age_on(date(2010, 5, 1), date(2026, 4, 30)) == 15
    assert age_on(date(2010, 5, 1), date(2026, 5, 1)) == 16


def test_leap_day_birthday_is_still_17_on_28_february_and_18_on_1_march():
    born = date(2008, 2, 29)
    assert age_on(born, date(2026, 2, 28)) == 17
    assert age_on(born, date(2026, 3, 1)) == 18
    assert milestone_date(born, 18) == date(2026, 3, 1)
    assert milestone_date(born, 20) == date(2028, 2, 29)
    assert milestone_date(born, 21) == date(2029, 3, 1)


def test_leap_day_young_person_forecast_on_28_february_still_has_the_18_milestone():
    net = network(
        person("sw", "social_worker", paid=True),
        person("aunt", "aunt_uncle"),
        dob=date(2008, 2, 29),
    )
    before = score(net, date(2026, 2, 28))
    assert before.young_person.age == 17
    assert [(f.age, f.date) for f in before.forecast] == [
        (18, date(2026, 3, 1)),
        (21, date(2029, 3, 1)),
        (25, date(2033, 3, 1)),
    ]
    assert ids(before.forecast[0].leaving) == ["sw"]
    assert before.forecast[0].count == 1
    assert ids(before.qualifying_now) == ["aunt", "sw"]

    on_birthday = score(net, date(2026, 3, 1))
    assert on_birthday.young_person.age == 18
    assert [f.age for f in on_birthday.forecast] == [21, 25]
    assert ids(on_birthday.qualifying_now) == ["aunt"]  # the social worker's role has ended


def test_milestones():
    assert MILESTONES == (18, 21, 25)


@pytest.mark.parametrize(
    ("role", "paid", "given", "expected"),
    [
        ("social_worker", True, None, 18),
        ("iro", True, None, 18),
        ("foster_carer", True, None, 18),
        ("residential_worker", True, None, 18),
        ("teacher", True, None, 18),
        ("personal_adviser", True, None, 25),
        ("mentor", True, None, None),
        ("therapist", True, None, None),
        ("foster_carer", False, None, None),  # defaults apply only when paid
        ("social_worker", True, 21, 21),  # a given age wins
        ("mentor", False, 19, 19),
    ],
)
def test_effective_role_end(role, paid, given, expected):
    relationship = Relationship(person_id="p", role=role, paid=paid, role_ends_at_age=given)
    assert effective_role_end(relationship) == expected


# --- the qualifying relationship: one test per rule -------------------------------------------


def test_rule_1_a_person_who_has_died_does_not_qualify():
    net = network(person("rose", "grandparent", deceased=True), person("aunt", "aunt_uncle"))
    assert qualifying_ids(net) == ["aunt"]


def test_rule_2_closeness_3_or_more_rated_by_the_young_person():
    net = network(
        person("three", closeness=3),
        person("four", closeness=4),
        person("two", closeness=2),
        person("unrated", closeness=None, closeness_rated_by=None),
    )
    assert qualifying_ids(net) == ["four", "three"]


def test_rule_2_a_workers_rating_is_likely_to_confirm_but_never_counted():
    net = network(
        person("worker_rated", closeness=4, closeness_rated_by="worker"),
        person("worker_rated_2", closeness=2, closeness_rated_by="worker"),
        person("worker_rated_lost", closeness=4, closeness_rated_by="worker", contact="lost"),
        person("aunt", "aunt_uncle"),
    )
    report = score(net, AS_OF)
    assert ids(report.qualifying_now) == ["aunt"]
    assert ids(report.likely_to_confirm) == ["worker_rated"]
    assert report.likely_to_confirm[0].closeness == 4
    assert not report.mission_met


@pytest.mark.parametrize(
    ("safety", "counts"),
    [("safe", True), ("supervised", False), ("no_contact", False), ("unassessed", False)],
)
def test_rule_3_only_safe_relationships_qualify(safety, counts):
    net = network(person("dad", "father", safety=safety))
    assert qualifying_ids(net) == (["dad"] if counts else [])


@pytest.mark.parametrize(
    ("wishes", "counts"),
    [("wants", True), ("unknown", True), ("not_now", False), ("refuses", False)],
)
def test_rule_4_the_young_persons_wishes(wishes, counts):
    net = network(person("mum", "mother", wishes=wishes))
    assert qualifying_ids(net) == (["mum"] if counts else [])


@pytest.mark.parametrize(
    ("contact", "counts"),
    [("active", True), ("occasional", True), ("lost", False), ("none_yet", False)],
)
def test_rule_5_contact_active_or_occasional(contact, counts):
    net = network(person("mum", "mother", contact=contact))
    assert qualifying_ids(net) == (["mum"] if counts else [])


@pytest.mark.parametrize(("days", "counts"), [(0, True), (365, True), (366, False)])
def test_rule_5_last_contact_no_more_than_365_days_before_as_of(days, counts):
    net = network(person("mum", "mother", last_contact=AS_OF - timedelta(days=days)))
    assert qualifying_ids(net) == (["mum"] if counts else [])
    relationship = net.relationships[0]
    assert is_current(relationship, AS_OF) is counts


def test_rule_5_unknown_last_contact_is_still_current():
    net = network(person("mum", "mother", last_contact=None))
    assert qualifying_ids(net) == ["mum"]


def test_rule_6_a_paid_role_ending_at_18_counts_now_but_not_at_18():
    net = network(person("sw", "social_worker", paid=True), person("aunt", "aunt_uncle"))
    report = score(net, AS_OF)
    assert report.young_person.age == 16
    assert sorted(ids(report.qualifying_now)) == ["aunt", "sw"]
    at = {f.age: f for f in report.forecast}
    assert at[18].count == 1 and ids(at[18].leaving) == ["sw"]
    assert at[21].count == 1 and ids(at[21].leaving) == ["sw"]
    assert at[25].count == 1


def test_rule_6_a_role_ending_exactly_at_a_milestone_does_not_count_at_that_milestone():
    net = network(person("mentor", "mentor", paid=True, role_ends_at_age=21))
    report = score(net, AS_OF)
    counts = {f.age: f.count for f in report.forecast}
    assert counts == {18: 1, 21: 0, 25: 0}


def test_rule_6_a_paid_role_that_has_ended_does_not_count_now():
    net = network(person("sw", "social_worker", paid=True), dob=date(2007, 1, 1))  # 19
    assert qualifying_ids(net) == []


def test_rule_6_continues_beyond_role_always_here():
    net = network(
        person("carer", "foster_carer", paid=True, continues_beyond_role=True),
        dob=date(2007, 1, 1),  # 19: past the role's end
    )
    report = score(net, AS_OF)
    assert ids(report.qualifying_now) == ["carer"]
    assert [f.count for f in report.forecast] == [1, 1]  # at 21 and 25


def test_rule_6_paid_with_no_role_end_and_unpaid_roles_endure():
    net = network(
        person("mentor", "mentor", paid=True),  # paid, no default end
        person("carer", "foster_carer", paid=False),  # unpaid: no default
        person("pa", "personal_adviser", paid=True),  # default 25
    )
    report = score(net, AS_OF)
    counts = {f.age: f.count for f in report.forecast}
    assert counts == {18: 3, 21: 3, 25: 2}
    assert ids(report.forecast[2].leaving) == ["pa"]


def test_qualifies_helper_applies_all_six_rules_at_a_date():
    net = network(person("sw", "social_worker", paid=True))
    relationship, who = net.relationships[0], net.people[0]
    assert qualifies(relationship, who, AGE_16, AS_OF)
    assert qualifies(relationship, who, AGE_16, AS_OF, at=date(2028, 1, 14))  # 17
    assert not qualifies(relationship, who, AGE_16, AS_OF, at=date(2028, 1, 15))  # 18


# --- indicators -------------------------------------------------------------------------------


def test_mission_met_with_two_qualifying_people():
    assert not score(network(person("a")), AS_OF).mission_met
    assert score(network(person("a"), person("b")), AS_OF).mission_met


def test_households_joined_by_a_partner_link_with_no_household_ids():
    net = network(
        person("gran", "grandparent"),
        person("grandad", "grandparent"),
        person("friend"),
        links=[link("gran", "grandad", "partner")],
    )
    report = score(net, AS_OF)
    assert report.households == (("gran", "grandad"), ("friend",))
    assert report.biggest_household == 2
    assert not report.robust  # 3 - 2 = 1 remains


def test_households_joined_by_lives_with_and_through_people_who_do_not_qualify():
    net = network(
        person("a"),
        stranger("lodger"),
        person("b"),
        person("c"),
        links=[link("a", "lodger", "lives_with"), link("lodger", "b", "lives_with")],
    )
    assert score(net, AS_OF).households == (("a", "b"), ("c",))


def test_a_knows_link_does_not_make_a_household():
    net = network(person("a"), person("b"), person("c"), links=[link("a", "b", "knows")])
    report = score(net, AS_OF)
    assert report.households == (("a",), ("b",), ("c",))
    assert report.robust  # 3 - 1 = 2 remain


def test_two_foster_carers_of_one_household_are_not_robust():
    net = network(
        person("pat", "foster_carer", household="placement"),
        person("sam", "foster_carer", household="placement"),
    )
    report = score(net, AS_OF)
    assert report.mission_met
    assert report.households == (("pat", "sam"),)
    assert not report.robust
    assert report.status is CoverageStatus.AMBER


def test_robust_when_two_remain_after_losing_the_biggest_household():
    net = network(
        person("pat", "foster_carer", household="placement"),
        person("sam", "foster_carer", household="placement"),
        person("aunt", "aunt_uncle"),
        person("friend"),
    )
    report = score(net, AS_OF)
    assert report.households[0] == ("pat", "sam")
    assert report.robust


def test_two_people_in_separate_households_are_not_robust():
    # Losing either household of one leaves 1: robustness needs at least 3.
    report = score(network(person("a"), person("b")), AS_OF)
    assert report.households == (("a",), ("b",))
    assert not report.robust


def test_care_leaver_over_25_has_no_milestones_and_the_forecast_uses_q():
    net = network(person("a"), person("b"), person("c"), dob=date(1999, 1, 1), status="care_leaver")
    report = score(net, AS_OF)
    assert report.young_person.age == 27
    assert report.forecast == ()
    assert report.next_milestone is None
    assert report.score_parts.forecast == 20.0
    assert report.status is CoverageStatus.GREEN


def test_next_milestone_is_the_first_remaining():
    report = score(network(person("a"), dob=date(2004, 1, 1)), AS_OF)  # 22
    assert [f.age for f in report.forecast] == [25]
    assert report.next_milestone is not None
    assert report.next_milestone.age == 25
    assert report.next_milestone.date == date(2029, 1, 1)


def test_empty_network():
    report = score(network(), AS_OF)
    assert report.status is CoverageStatus.RED
    assert report.score == 0.0
    assert report.score_parts.domains == 0
    assert report.qualifying_now == ()
    assert report.households == ()
    assert report.professional_share is None
    assert [d.status for d in report.domains] == [DomainStatus.GAP] * 8
    assert report.bridges == () and report.leads == ()
    assert report.most_urgent_gap == "No loving relationships: the mission is not met."


def test_support_domains_covered_professional_only_and_gap():
    net = network(
        person("aunt", "aunt_uncle", support=["emotional", "somewhere_to_stay"]),
        person("sw", "social_worker", paid=True, closeness=1, support=["money", "practical"]),
        person("pa", "personal_adviser", paid=True, support=["practical"]),
        # paid but not in current contact: not a provider
        person("iro", "iro", paid=True, contact="lost", support=["health"]),
        # qualifying and paid: a qualifying provider
        person("carer", "foster_carer", paid=True, support=["crisis"]),
        # unpaid, not qualifying: neither
        person("cousin", "cousin", closeness=2, support=["celebrations"]),
    )
    report = score(net, AS_OF)
    status = {d.domain: d.status for d in report.domains}
    assert status == {
        Domain.EMOTIONAL: DomainStatus.COVERED,
        Domain.PRACTICAL: DomainStatus.COVERED,  # pa qualifies (age 16 < 25)
        Domain.SOMEWHERE_TO_STAY: DomainStatus.COVERED,
        Domain.MONEY: DomainStatus.PROFESSIONAL_ONLY,
        Domain.EDUCATION_WORK: DomainStatus.GAP,
        Domain.HEALTH: DomainStatus.GAP,
        Domain.CELEBRATIONS: DomainStatus.GAP,
        Domain.CRISIS: DomainStatus.COVERED,
    }
    practical = report.domain("practical")
    assert ids(practical.providers) == ["pa"]
    assert ids(practical.paid_providers) == ["pa", "sw"]
    assert ids(report.domain(Domain.MONEY).paid_providers) == ["sw"]
    assert report.domain("health").paid_providers == ()
    assert report.covered_domains == 4


def test_professional_share():
    net = network(
        person("sw", "social_worker", paid=True, closeness=1),
        person("pa", "personal_adviser", paid=True, contact="occasional"),
        person("aunt", "aunt_uncle", closeness=0, safety="supervised"),  # current all the same
        person("mum", "mother", contact="lost"),  # not in current contact
        person("old", "friend", last_contact=AS_OF - timedelta(days=400)),  # not current
    )
    assert score(net, AS_OF).professional_share == pytest.approx(2 / 3)


def test_professional_share_is_none_when_no_one_is_in_current_contact():
    net = network(person("mum", "mother", contact="lost"), stranger("dad", "father"))
    assert score(net, AS_OF).professional_share is None


def test_siblings_and_sibling_gaps():
    net = network(
        person("kai", "sibling", name="Kai", contact="lost"),
        person("mia", "half_sibling", name="Mia", contact="none_yet", wishes="unknown"),
        person("zac", "step_sibling", name="Zac"),  # in contact: no gap
        person("ben", "sibling", name="Ben", contact="lost", safety="supervised"),
        person("eve", "sibling", name="Eve", contact="lost", wishes="not_now"),
        person("joe", "sibling", name="Joe", contact="lost", safety="unassessed"),
        person("aunt", "aunt_uncle"),  # not a sibling
    )
    report = score(net, AS_OF)
    assert ids(report.siblings) == ["ben", "eve", "joe", "kai", "mia", "zac"]
    assert ids(report.sibling_gaps) == ["kai", "mia"]
    kai = report.siblings[3]
    assert (kai.contact, kai.safety, kai.wishes) == ("lost", "safe", "wants")
    assert "Sibling Kai: contact lost, Kai is safe and wanted." in report.gaps
    assert (
        "Sibling Mia: no contact yet, Mia is safe; ask whether the young person wants contact."
        in report.gaps
    )


def test_a_sibling_who_has_died_is_not_a_sibling_gap():
    report = score(network(person("kai", "sibling", contact="lost", deceased=True)), AS_OF)
    assert ids(report.siblings) == ["kai"] and report.siblings[0].deceased
    assert report.sibling_gaps == ()


def paternal_side() -> Network:
    """Grandma Rose is the YP's only live route to six of the paternal family."""
    relatives = ["ray", "ann", "bob", "cat", "dan", "eli"]
    return network(
        person("rose", "grandparent", name="Grandma Rose"),
        *(stranger(pid, "aunt_uncle", name=pid.title()) for pid in relatives),
        person("mum", "mother"),
        links=[link("rose", pid, "parent") for pid in relatives[:3]]
        + [link("ray", "dan", "parent"), link("ann", "eli", "parent"), link("bob", "cat", "knows")],
    )


def test_bridges_with_the_people_they_would_cut_off():
    report = score(paternal_side(), AS_OF)
    # Most cut off first, then by name.
    assert [(b.person.id, ids(b.cut_off)) for b in report.bridges] == [
        ("rose", ["ann", "bob", "cat", "dan", "eli", "ray"]),
        ("ann", ["eli"]),
        ("bob", ["cat"]),
        ("ray", ["dan"]),
    ]
    assert [gap for gap in report.gaps if "only link" in gap] == [
        "Grandma Rose is the only link to 6 people.",
        "Ann is the only link to Eli.",
        "Bob is the only link to Cat.",
        "Ray is the only link to Dan.",
    ]


def test_bridges_in_a_chain_each_name_who_they_cut_off():
    # YP - a - b - c (only a is joined to the YP)
    net = network(
        person("a"),
        stranger("b", name="B"),
        stranger("c", name="C"),
        links=[link("a", "b"), link("b", "c")],
    )
    report = score(net, AS_OF)
    assert [(b.person.id, ids(b.cut_off)) for b in report.bridges] == [
        ("a", ["b", "c"]),
        ("b", ["c"]),
    ]
    assert "B is the only link to C." in report.gaps


def test_no_bridge_where_there_is_a_second_route():
    net = network(
        person("a"),
        person("b"),
        stranger("c"),
        links=[link("a", "c"), link("b", "c")],
    )
    assert score(net, AS_OF).bridges == ()


def test_a_deceased_grandparent_stays_a_connection_but_is_never_a_bridge_or_cut_off():
    net = network(
        person("mum", "mother", name="Mum"),
        person("grandad", "grandparent", name="Grandad", deceased=True),
        stranger("uncle", "aunt_uncle", name="Uncle Ray"),
        links=[link("grandad", "mum", "parent"), link("grandad", "uncle", "parent")],
    )
    report = score(net, AS_OF)
    # YP - Mum - Grandad (died) - Uncle Ray: the family connection runs through Grandad.
    assert [(b.person.id, ids(b.cut_off)) for b in report.bridges] == [("mum", ["uncle"])]
    assert "Mum is the only link to Uncle Ray." in report.gaps
    graph = route_graph(net, AS_OF)
    assert graph.nodes["grandad"]["deceased"] is True
    assert graph.has_edge("grandad", "uncle") and not graph.has_edge(YOUNG_PERSON_NODE, "grandad")


def test_only_safe_current_relationships_join_the_young_person_and_no_contact_is_left_out():
    net = network(
        person("mum", "mother"),
        person("dad", "father", safety="no_contact"),
        person("aunt", "aunt_uncle", safety="supervised"),
        stranger("gran", "grandparent"),
        links=[link("dad", "gran", "parent"), link("mum", "aunt", "sibling")],
    )
    graph = route_graph(net, AS_OF)
    assert "dad" not in graph
    assert set(graph[YOUNG_PERSON_NODE]) == {"mum"}
    assert set(graph.nodes) == {YOUNG_PERSON_NODE, "mum", "aunt", "gran"}
    report = score(net, AS_OF)
    # Gran is reachable only through Dad, who is not in the route graph: no one cuts her off.
    assert [(b.person.id, ids(b.cut_off)) for b in report.bridges] == [("mum", ["aunt"])]


# --- leads and introducers --------------------------------------------------------------------


def test_leads_filters():
    net = network(
        stranger("lost", "aunt_uncle"),  # contact lost: a lead
        stranger("found", "cousin", contact="active", finding_status="identified"),
        stranger("engaged", "cousin", contact="active", finding_status="engaged"),  # not a lead
        stranger("located", "cousin", contact="occasional", finding_status="located"),
        stranger("declined", "aunt_uncle", finding_status="declined"),
        stranger("ruled_out", "aunt_uncle", finding_status="ruled_out"),
        stranger("died", "aunt_uncle", deceased=True),
        stranger("not_now", "aunt_uncle", wishes="not_now"),
        stranger("refuses", "aunt_uncle", wishes="refuses"),
        stranger("supervised", "aunt_uncle", safety="supervised"),
        stranger("no_contact", "aunt_uncle", safety="no_contact"),
        stranger("safe_wanted", "aunt_uncle", safety="safe", wishes="wants", contact="none_yet"),
    )
    assert sorted(ids(score(net, AS_OF).leads)) == ["found", "located", "lost", "safe_wanted"]


def test_leads_ranked_by_closeness_then_kinship_distance_then_name():
    net = network(
        stranger("friend4", "friend", name="Zed", closeness=4, closeness_rated_by="worker"),
        stranger("cousin2", "cousin", name="Amy", closeness=2, closeness_rated_by="young_person"),
        stranger("mum_unknown", "mother", name="Mum"),
        stranger("cousin_unknown", "cousin", name="Al"),
        stranger("gran_unknown", "grandparent", name="Gran"),
        stranger("former", "former_foster_carer", name="Bea"),
        stranger("mentor", "mentor", name="Abe"),
        stranger("dad_unknown", "father", name="Dad"),
    )
    ranked = [(lead.id, lead.kinship_distance) for lead in score(net, AS_OF).leads]
    assert ranked == [
        ("friend4", 4),  # closeness 4 first
        ("cousin2", 3),  # then 2
        ("dad_unknown", 1),  # then unknown closeness, by kinship distance, then name
        ("mum_unknown", 1),
        ("former", 2),
        ("gran_unknown", 2),
        ("cousin_unknown", 3),
        ("mentor", 4),
    ]


def test_introducer_is_the_nearest_person_joined_to_the_young_person():
    net = network(
        person("near", name="Near", closeness=3),
        person("far", name="Far", closeness=4),
        stranger("middle", name="Middle"),
        stranger("lead", "aunt_uncle", name="Lead"),
        links=[link("lead", "near"), link("lead", "middle"), link("middle", "far")],
    )
    lead = score(net, AS_OF).leads[0]
    assert lead.id == "lead"
    assert lead.introducer is not None
    assert (lead.introducer.id, lead.introducer.distance) == ("near", 1)


def test_introducer_ties_go_to_higher_closeness_then_name():
    net = network(
        person("bea", name="Bea", closeness=3),
        person("cal", name="Cal", closeness=4),
        person("abe", name="Abe", closeness=4),
        person("unrated", name="Aaron", closeness=None, closeness_rated_by=None),
        stranger("lead", "aunt_uncle"),
        links=[link("lead", other) for other in ("bea", "cal", "abe", "unrated")],
    )
    introducer = score(net, AS_OF).leads[0].introducer
    assert introducer is not None and introducer.id == "abe"  # 4 beats 3 and unknown; Abe < Cal


def test_introducer_unknown_closeness_is_lowest():
    net = network(
        person("unrated", name="Aaron", closeness=None, closeness_rated_by=None),
        person("low", name="Zoe", closeness=0),
        stranger("lead", "aunt_uncle"),
        links=[link("lead", "unrated"), link("lead", "low")],
    )
    introducer = score(net, AS_OF).leads[0].introducer
    assert introducer is not None and introducer.id == "low"


def test_no_introducer_where_there_is_no_path_and_never_through_the_young_person():
    net = network(
        person("mum", "mother"),
        stranger("lead", "aunt_uncle"),
        stranger("other", "cousin"),
        links=[link("lead", "other")],
    )
    leads = {lead.id: lead for lead in score(net, AS_OF).leads}
    assert leads["lead"].introducer is None
    assert leads["other"].introducer is None


def test_introducer_path_may_run_through_someone_who_has_died_but_not_through_no_contact():
    net = network(
        person("mum", "mother"),
        person("dad", "father", safety="no_contact"),
        stranger("grandad", "grandparent", deceased=True),
        stranger("uncle", "aunt_uncle"),
        stranger("cousin", "cousin"),
        links=[
            link("grandad", "mum", "parent"),
            link("grandad", "uncle", "parent"),
            link("dad", "cousin", "knows"),
        ],
    )
    leads = {lead.id: lead for lead in score(net, AS_OF).leads}
    introducer = leads["uncle"].introducer
    assert introducer is not None
    assert (introducer.id, introducer.distance) == ("mum", 2)
    assert leads["cousin"].introducer is None  # the only path runs through Dad (no_contact)


def test_a_lead_joined_to_the_young_person_is_introduced_by_someone_else():
    net = network(
        person("found", "cousin", closeness=1, finding_status="identified"),
        person("friend", name="Friend"),
        links=[link("found", "friend")],
    )
    (lead,) = score(net, AS_OF).leads
    assert lead.id == "found"
    assert lead.introducer is not None and lead.introducer.id == "friend"


# --- going quiet and data to complete ---------------------------------------------------------


@pytest.mark.parametrize(("days", "quiet"), [(90, False), (91, True)])
def test_going_quiet_after_90_days(days, quiet):
    net = network(
        person("ray", "aunt_uncle", name="Uncle Ray", last_contact=AS_OF - timedelta(days=days))
    )
    report = score(net, AS_OF)
    assert ids(report.going_quiet) == (["ray"] if quiet else [])
    if quiet:
        assert report.going_quiet[0].days_since_contact == 91
        assert "No contact with Uncle Ray for 91 days: check in." in report.gaps


def test_going_quiet_only_for_qualifying_people():
    net = network(person("ray", closeness=2, last_contact=AS_OF - timedelta(days=200)))
    assert score(net, AS_OF).going_quiet == ()


def test_data_to_complete_names_each_reason():
    net = network(
        person("complete"),
        person("worker_rated", closeness=4, closeness_rated_by="worker"),
        person("unrated", closeness=None, closeness_rated_by=None),
        person("unassessed", safety="unassessed"),
        person("undated", last_contact=None),
        person("lost_undated", contact="lost", last_contact=None),  # not current: no reason
        stranger("everything", contact="active"),
        stranger("died", deceased=True),
    )
    reasons = {item.id: item.reasons for item in score(net, AS_OF).data_to_complete}
    assert reasons == {
        "worker_rated": (DataReason.CLOSENESS_UNRATED,),
        "unrated": (DataReason.CLOSENESS_UNRATED,),
        "unassessed": (DataReason.SAFETY_UNASSESSED,),
        "undated": (DataReason.LAST_CONTACT_UNKNOWN,),
        "everything": (
            DataReason.CLOSENESS_UNRATED,
            DataReason.SAFETY_UNASSESSED,
            DataReason.LAST_CONTACT_UNKNOWN,
        ),
    }


def test_data_to_complete_sentences():
    net = network(
        *(person(f"p{i}", closeness=None, closeness_rated_by=None) for i in range(4)),
        person("ray", name="Uncle Ray", safety="unassessed"),
    )
    gaps = score(net, AS_OF).gaps
    assert "Ask the young person how close they feel to 4 people." in gaps
    assert "Assess whether contact with Uncle Ray is safe." in gaps


# --- status and score -------------------------------------------------------------------------


def test_status_red_when_the_mission_is_not_met():
    assert score(network(person("a")), AS_OF).status is CoverageStatus.RED


def test_status_green_when_two_remain_at_every_milestone():
    net = network(person("a"), person("b"), person("sw", "social_worker", paid=True))
    report = score(net, AS_OF)
    assert report.robust
    assert [f.count for f in report.forecast] == [2, 2, 2]
    assert report.status is CoverageStatus.GREEN


def test_status_amber_when_a_cliff_edge_leaves_fewer_than_two():
    net = network(
        person("a"),
        person("sw", "social_worker", paid=True),
        person("fc", "foster_carer", paid=True),
    )
    report = score(net, AS_OF)
    assert report.robust and report.mission_met
    assert [f.count for f in report.forecast] == [1, 1, 1]
    assert report.status is CoverageStatus.AMBER


def test_status_amber_when_not_robust_and_green_when_everything_holds():
    placement = network(
        person("pat", "foster_carer", household="h1"),
        person("sam", "foster_carer", household="h1"),
        person("aunt", "aunt_uncle"),
    )
    assert score(placement, AS_OF).status is CoverageStatus.AMBER
    green = network(person("a"), person("b"), person("c"))
    assert score(green, AS_OF).status is CoverageStatus.GREEN


def test_score_worked_example():
    net = network(
        person("pat", "foster_carer", household="h1", support=["somewhere_to_stay"]),
        person("sam", "foster_carer", household="h1", paid=True, continues_beyond_role=True),
        person("sw", "social_worker", paid=True, support=["practical"]),
        person("aunt", "aunt_uncle", support=["emotional", "celebrations"]),
    )
    report = score(net, AS_OF)
    # q = 4; biggest household 2 -> q - 2 = 2; at 18 the social worker leaves -> qM = 3.
    parts = report.score_parts
    assert (parts.mission, parts.robustness, parts.forecast, parts.domains) == (
        40.0,
        20.0,
        20.0,
        10.0,  # 4 of 8 domains covered: 20 x 4 / 8
    )
    assert report.score == 90.0
    assert report.status is CoverageStatus.GREEN

    one = network(
        person("pat", "foster_carer", household="h1", support=["crisis"]),
        person("sam", "foster_carer", household="h1"),
        person("sw", "social_worker", paid=True),
    )
    report = score(one, AS_OF)
    # q = 3: mission 40; q - 2 = 1 -> 10; qM = 2 -> 20; 1 domain -> 2.5.
    assert report.score == 72.5
    assert report.status is CoverageStatus.AMBER


def test_score_rounded_to_one_decimal():
    net = network(person("a", support=["emotional"]))
    report = score(net, AS_OF)
    assert report.score == 20 + 0 + 10 + 2.5
    assert report.score == round(report.score, 1)


def test_score_defaults_to_today():
    net = network(person("a", last_contact=None), dob=date(2000, 1, 1))
    assert score(net).as_of == date.today()


# --- the report in words ----------------------------------------------------------------------


def test_mission_sentence_names_the_one_loving_relationship():
    net = network(person("sarah", "aunt_uncle", name="Aunt Sarah"), stranger("x"))
    report = score(net, AS_OF)
    assert report.gaps[0] == "Only 1 loving relationship (Aunt Sarah): the mission is not met."
    assert most_urgent_gap(report) == report.most_urgent_gap == report.gaps[0]


def test_gap_sentences_wording_and_most_urgent_first():
    net = network(
        person("pat", "foster_carer", name="Pat Lee", paid=True, household="placement",
               support=["somewhere_to_stay"]),
        person("sam", "foster_carer", name="Sam Lee", paid=True, household="placement",
               support=["crisis"]),
        person("ray", "aunt_uncle", name="Uncle Ray", last_contact=AS_OF - timedelta(days=140),
               support=["emotional", "celebrations"]),
        person("jo", "social_worker", name="Jo Smith", paid=True, closeness=1,
               support=["practical", "money"]),
        stranger("kai", "sibling", name="Kai", safety="safe", wishes="wants"),
        person("rose", "grandparent", name="Grandma Rose", closeness=2),
        *(stranger(f"c{i}", "cousin", name=f"Cousin {i}", safety="safe") for i in range(6)),
        links=[link("rose", f"c{i}", "parent") for i in range(6)],
        dob=AGE_17,
    )  # fmt: skip
    report = score(net, AS_OF)
    assert report.status is CoverageStatus.AMBER
    assert list(report.gaps) == [
        "At 18, Pat Lee (foster carer) and Sam Lee (foster carer) leave: "
        "1 loving relationship remains.",
        "Losing one household (Pat Lee and Sam Lee) would leave only 1 loving relationship.",
        "No loving relationship offers help with education or work.",
        "No loving relationship offers help with health.",
        "No one outside paid roles offers practical help.",
        "No one outside paid roles offers help with money.",
        "Sibling Kai: contact lost, Kai is safe and wanted.",
        "Grandma Rose is the only link to 6 people.",
        "No contact with Uncle Ray for 140 days: check in.",
        "Ask the young person how close they feel to 7 people.",
    ]
    assert report.most_urgent_gap == report.gaps[0]
    # Each gap also says what kind it is and whom it is about (an app links it to where it is
    # done without reading the words).
    assert [(gap.kind, gap.people, gap.domain) for gap in report.gap_items] == [
        (GapKind.CLIFF_EDGE, ("pat", "sam"), None),
        (GapKind.HOUSEHOLD, ("pat", "sam"), None),
        (GapKind.DOMAIN, (), Domain.EDUCATION_WORK),
        (GapKind.DOMAIN, (), Domain.HEALTH),
        (GapKind.DOMAIN, (), Domain.PRACTICAL),
        (GapKind.DOMAIN, (), Domain.MONEY),
        (GapKind.SIBLING, ("kai",), None),
        (GapKind.BRIDGE, ("rose", *(f"c{i}" for i in range(6))), None),
        (GapKind.GOING_QUIET, ("ray",), None),
        (GapKind.CLOSENESS_UNRATED, ("c0", "c1", "c2", "c3", "c4", "c5", "kai"), None),
    ]
    assert [str(gap) for gap in report.gap_items] == list(report.gaps)


def test_the_mission_comes_before_the_cliff_edge():
    net = network(person("jo", "social_worker", name="Jo Smith", paid=True), dob=AGE_17)
    assert score(net, AS_OF).gaps[:2] == (
        "Only 1 loving relationship (Jo Smith): the mission is not met.",
        "At 18, Jo Smith (social worker) leaves: no loving relationships remain.",
    )


def test_cliff_edges_name_only_the_people_leaving_at_each_milestone():
    net = network(
        person("jo", "social_worker", name="Jo Smith", paid=True),
        person("ola", "personal_adviser", name="Ola", paid=True),
        person("amy", name="Amy", paid=True, role_ends_at_age=21),
    )
    gaps = score(net, AS_OF).gaps
    assert "At 21, Amy (friend) leaves: 1 loving relationship remains." in gaps
    assert "At 25, Ola (personal adviser) leaves: no loving relationships remain." in gaps
    assert not any(gap.startswith("At 18") for gap in gaps)  # 2 remain at 18


def test_no_gaps_for_a_network_with_everything():
    everything = list(Domain)
    net = network(
        person("a", support=everything, name="A"),
        person("b", support=everything, name="B"),
        person("c", support=everything, name="C"),
    )
    report = score(net, AS_OF)
    assert report.gaps == ()
    assert report.most_urgent_gap is None
    assert report.status is CoverageStatus.GREEN
    assert report.score == 100.0


# --- to_dict ----------------------------------------------------------------------------------


def documented_keys() -> list[str]:
    """The top-level keys the module docstring documents for ``to_dict``."""
    doc = scoring.__doc__ or ""
    block = doc.split("``CoverageReport.to_dict()`` keys", 1)[1].split("\n\n", 2)[1]
    return re.findall(r"^    ([a-z_]+)\s", block, flags=re.MULTILINE)


def test_to_dict_is_json_serialisable_with_the_documented_keys():
    report = score(paternal_side(), AS_OF)
    data = report.to_dict()
    assert list(data) == documented_keys()
    assert json.loads(json.dumps(data)) == data
    assert data["as_of"] == "2026-05-01"
    assert data["young_person"] == {
        "id": "yp",
        "name": "Alex",
        "date_of_birth": "2010-01-15",
        "age": 16,
        "status": "in_care",
    }
    assert data["status"] == "AMBER"  # Rose and Mum live apart: losing either leaves 1
    assert set(data["score_parts"]) == {"mission", "robustness", "forecast", "domains"}
    assert data["qualifying_now"][0] == {
        "id": "rose",
        "name": "Grandma Rose",
        "role": "grandparent",
        "closeness": 4,
    }
    assert list(data["domains"]) == [domain.value for domain in Domain]
    assert set(data["domains"]["emotional"]) == {"status", "providers", "paid_providers"}
    assert data["forecast"][0] == {"age": 18, "date": "2028-01-15", "count": 2, "leaving": []}
    assert data["next_milestone"] == data["forecast"][0]
    assert data["bridges"][0]["id"] == "rose"
    assert len(data["bridges"][0]["cut_off"]) == 6
    assert set(data["bridges"][0]["cut_off"][0]) == {"id", "name", "role"}
    assert set(data["leads"][0]) == {
        "id",
        "name",
        "role",
        "closeness",
        "kinship_distance",
        "finding_status",
        "contact",
        "introducer",
    }
    assert data["most_urgent_gap"] == data["gaps"][0]


def test_to_dict_of_every_list_entry():
    net = network(
        person("a", last_contact=AS_OF - timedelta(days=100)),
        person("b", "sibling", contact="lost", closeness=None, closeness_rated_by=None),
        stranger("lead", "aunt_uncle"),
        links=[link("lead", "a")],
        dob=AGE_17,
    )
    data = score(net, AS_OF).to_dict()
    json.dumps(data)
    assert data["going_quiet"] == [
        {
            "id": "a",
            "name": "A",
            "role": "friend",
            "last_contact": "2026-01-21",
            "days_since_contact": 100,
        }
    ]
    assert (
        data["siblings"]
        == data["sibling_gaps"]
        == [
            {
                "id": "b",
                "name": "B",
                "role": "sibling",
                "contact": "lost",
                "safety": "safe",
                "wishes": "wants",
                "deceased": False,
                "gap": True,
            }
        ]
    )
    lead = next(lead for lead in data["leads"] if lead["id"] == "lead")
    assert lead["introducer"] == {
        "id": "a",
        "name": "A",
        "role": "friend",
        "closeness": 4,
        "distance": 1,
    }
    assert {item["id"]: item["reasons"] for item in data["data_to_complete"]} == {
        "b": ["closeness_unrated"],
        "lead": ["closeness_unrated", "safety_unassessed"],
    }
    assert data["professional_share"] == 0.0
    assert data["households"] == [["a"]]
    assert data["biggest_household"] == 1
