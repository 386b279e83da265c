"""Properties of relationship coverage over random networks (hypothesis; pure, no database)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connections.model import (
    Contact,
    Domain,
    FindingStatus,
    LinkKind,
    Network,
    Role,
    Safety,
    Wishes,
    parse_network,
)
from connections.scoring import (
    MILESTONES,
    YOUNG_PERSON_NODE,
    CoverageStatus,
    age_on,
    is_current,
    milestone_date,
    mission_facts,
    qualifies,
    route_graph,
    score,
)

AS_OF = date(2026, 5, 1)
HOUSEHOLDS = ["h1", "h2", "h3"]

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# Each field's choices, weighted towards relationships that qualify (repeats) so that every
# status turns up; the first is where hypothesis shrinks to.
LAST_CONTACT_DAYS = [None, 0, 30, 90, 91, 200, 365, 366, 500]
CHOICES: list[tuple[str, list[Any]]] = [
    ("role", [role.value for role in Role]),
    ("closeness", [4, 3, 4, 3, None, 0, 1, 2]),
    ("closeness_rated_by", ["young_person", "young_person", "worker"]),
    ("safety", ["safe", "safe", "safe", *(safety.value for safety in Safety)]),
    ("wishes", ["wants", *(wishes.value for wishes in Wishes)]),
    ("contact", ["active", *(contact.value for contact in Contact)]),
    ("last_contact", LAST_CONTACT_DAYS),
    ("paid", [False, True]),
    ("role_ends_at_age", [None, *range(14, 27)]),
    ("continues_beyond_role", [False, True]),
    ("support", list(range(1 << len(Domain)))),
    ("finding_status", [None, *(status.value for status in FindingStatus)]),
    ("deceased", [False, False, False, True]),
    ("household", [None, *HOUSEHOLDS]),
]
SIZE = 1
for _, options in CHOICES:
    SIZE *= len(options)
DOMAINS = list(Domain)


def decode(code: int) -> dict[str, Any]:
    """One integer -> every field of a person and relationship (one draw each: fast)."""
    fields: dict[str, Any] = {}
    for name, options in CHOICES:
        code, index = divmod(code, len(options))
        fields[name] = options[index]
    if fields["closeness"] is None:
        fields["closeness_rated_by"] = None
    days = fields["last_contact"]
    fields["last_contact"] = None if days is None else (AS_OF - timedelta(days=days)).isoformat()
    fields["support"] = [d.value for bit, d in enumerate(DOMAINS) if fields["support"] >> bit & 1]
    return fields


def relationship_fields() -> st.SearchStrategy[dict[str, Any]]:
    def without_person(fields: dict[str, Any]) -> dict[str, Any]:
        del fields["deceased"], fields["household"]
        return fields

    return st.integers(0, SIZE - 1).map(decode).map(without_person)


@st.composite
def documents(draw: st.DrawFn, max_people: int = 10) -> dict[str, Any]:
    codes = draw(st.lists(st.integers(0, SIZE - 1), max_size=max_people))
    count = len(codes)
    people, relationships = [], []
    for index, code in enumerate(codes):
        pid = f"p{index}"
        fields = decode(code)
        people.append(
            {
                "id": pid,
                "name": ["Ann", "Bob", "Cat", "Dan"][code % 4] + f" {index}",
                "category": "family",
                "deceased": fields.pop("deceased"),
                "household": fields.pop("household"),
            }
        )
        relationships.append({"person_id": pid, **fields})
    links: dict[tuple[str, str, str], dict[str, str]] = {}
    kinds = list(LinkKind)
    if count >= 2:
        span = count * count * len(kinds)
        for code in draw(st.lists(st.integers(0, span - 1), max_size=3 * count)):
            code, a = divmod(code, count)
            kind_index, b = divmod(code, count)
            kind = kinds[kind_index]
            if a == b:
                continue
            source, target = f"p{a}", f"p{b}"
            if kind is not LinkKind.PARENT and target < source:
                source, target = target, source
            links[(source, target, kind.value)] = {
                "source": source,
                "target": target,
                "kind": kind.value,
            }
    born = date(1998, 1, 1) + timedelta(days=draw(st.integers(0, 6200)))
    return {
        "young_person": {
            "id": "yp",
            "name": "Alex",
            "date_of_birth": born.isoformat(),
            "status": "in_care",
        },
        "people": people,
        "relationships": relationships,
        "links": list(links.values()),
    }


def networks() -> st.SearchStrategy[Network]:
    return documents().map(parse_network)


def spec_route_graph(network: Network) -> nx.Graph:
    """docs/scoring.md section 3, written out again independently of the module."""
    people = {person.id: person for person in network.people}
    graph = nx.Graph()
    graph.add_node(YOUNG_PERSON_NODE)
    for relationship in network.relationships:
        if relationship.safety is Safety.NO_CONTACT:
            continue
        who = people[relationship.person_id]
        graph.add_node(who.id, deceased=who.deceased)
        if (
            not who.deceased
            and relationship.safety is Safety.SAFE
            and is_current(relationship, AS_OF)
        ):
            graph.add_edge(YOUNG_PERSON_NODE, who.id)
    for link in network.links:
        if link.source in graph and link.target in graph:
            graph.add_edge(link.source, link.target)
    return graph


def living_reachable(graph: nx.Graph) -> set[str]:
    reached = nx.node_connected_component(graph, YOUNG_PERSON_NODE)
    return {
        node
        for node in reached
        if node != YOUNG_PERSON_NODE and not graph.nodes[node].get("deceased")
    }


@FAST
@given(networks())
def test_score_is_within_0_and_100_with_one_decimal(network):
    report = score(network, AS_OF)
    assert 0 <= report.score <= 100
    assert report.score == round(report.score, 1)
    assert json.loads(json.dumps(report.to_dict())) == report.to_dict()


@FAST
@given(networks())
def test_qualifying_now_and_forecast_agree_with_the_six_rules(network):
    report = score(network, AS_OF)
    born = network.young_person.date_of_birth
    people = {person.id: person for person in network.people}
    relationships = {r.person_id: r for r in network.relationships}
    now = {pid for pid, r in relationships.items() if qualifies(r, people[pid], born, AS_OF)}
    assert {loved.id for loved in report.qualifying_now} == now
    assert report.mission_met is (len(now) >= 2)
    age = age_on(born, AS_OF)
    assert [forecast.age for forecast in report.forecast] == [m for m in MILESTONES if m > age]
    for forecast in report.forecast:
        at = milestone_date(born, forecast.age)
        then = {pid for pid in now if qualifies(relationships[pid], people[pid], born, AS_OF, at)}
        assert forecast.count == len(then)
        assert {ref.id for ref in forecast.leaving} == now - then


@FAST
@given(documents(), relationship_fields(), st.none() | st.sampled_from(HOUSEHOLDS))
def test_adding_a_qualifying_relationship_never_lowers_the_score(document, fields, household):
    before = score(parse_network(document), AS_OF)
    fields.update(
        closeness=3 + (fields["closeness"] or 0) % 2,
        closeness_rated_by="young_person",
        safety="safe",
        wishes="wants",
        contact="active",
        last_contact=None,
    )
    if fields["paid"] and (fields["role_ends_at_age"] or 99) <= before.young_person.age:
        fields["continues_beyond_role"] = True
    if fields["paid"] and fields["role_ends_at_age"] is None:
        fields["continues_beyond_role"] = True  # the role's default end may have passed
    document["people"].append(
        {"id": "new", "name": "New", "category": "friend", "household": household}
    )
    document["relationships"].append({"person_id": "new", **fields})
    after = score(parse_network(document), AS_OF)
    assert len(after.qualifying_now) == len(before.qualifying_now) + 1
    assert after.score >= before.score


@FAST
@given(networks())
def test_status_agrees_with_the_indicators(network):
    report = score(network, AS_OF)
    q = len(report.qualifying_now)
    assert (report.status is CoverageStatus.RED) is (q < 2)
    green = report.mission_met and report.robust and all(f.count >= 2 for f in report.forecast)
    assert (report.status is CoverageStatus.GREEN) is green
    biggest = max((len(household) for household in report.households), default=0)
    assert report.robust is (q - biggest >= 2)
    assert sorted(pid for household in report.households for pid in household) == sorted(
        loved.id for loved in report.qualifying_now
    )


@FAST
@given(networks())
def test_route_graph_is_the_one_scoring_md_defines(network):
    ours = route_graph(network, AS_OF)
    theirs = spec_route_graph(network)
    assert set(ours.nodes) == set(theirs.nodes)
    assert {frozenset(edge) for edge in ours.edges} == {frozenset(edge) for edge in theirs.edges}


@FAST
@given(networks())
def test_removing_a_person_cuts_off_exactly_what_the_bridges_say(network):
    report = score(network, AS_OF)
    graph = spec_route_graph(network)
    bridges = {bridge.person.id: {ref.id for ref in bridge.cut_off} for bridge in report.bridges}
    reachable = living_reachable(graph)
    assert set(bridges) <= reachable
    for node in reachable:
        without = graph.copy()
        without.remove_node(node)
        cut_off = reachable - {node} - living_reachable(without)
        # A person who is not a bridge never disconnects anyone else from the YP.
        assert cut_off == bridges.get(node, set())


@FAST
@given(networks())
def test_introducers_are_nearest_then_closest_then_by_name(network):
    report = score(network, AS_OF)
    graph = spec_route_graph(network)
    joined = set(graph[YOUNG_PERSON_NODE])
    people_only = graph.copy()
    people_only.remove_node(YOUNG_PERSON_NODE)
    closeness = {r.person_id: r.closeness for r in network.relationships}
    names = {person.id: person.name for person in network.people}
    for lead in report.leads:
        distances = nx.single_source_shortest_path_length(people_only, lead.id)
        candidates = {pid: d for pid, d in distances.items() if pid in joined and pid != lead.id}
        if not candidates:
            assert lead.introducer is None
            continue
        nearest = min(candidates.values())
        best = min(
            (pid for pid, d in candidates.items() if d == nearest),
            key=lambda pid: (
                1 if closeness[pid] is None else -closeness[pid],
                names[pid],
                pid,
            ),
        )
        assert lead.introducer is not None
        assert (lead.introducer.id, lead.introducer.distance) == (best, nearest)


@FAST
@given(networks())
def test_mission_facts_are_the_reports_own(network):
    report = score(network, AS_OF)
    facts = mission_facts(network, AS_OF)
    assert set(facts.qualifying) == {person.id for person in report.qualifying_now}
    assert facts.households == report.households
    assert (facts.mission_met, facts.robust) == (report.mission_met, report.robust)
