"""The synthetic network generator: deterministic, valid, realistic, and consistent across networks.

The bulk loader writes a person once and a link once however many networks hold them, so these
tests check what it relies on: shared people are identical everywhere, and two networks that hold
the same two people hold the same links between them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from connections import scoring
from connections.demo import generate
from connections.maps import build_map
from connections.model import (
    HOUSEHOLD_LINKS,
    SIBLING_ROLES,
    Contact,
    FindingStatus,
    LinkKind,
    Network,
    Role,
    Safety,
    YoungPersonStatus,
    parse_network,
)

AS_OF = date(2026, 1, 1)
FAMILY_ROLES = {
    Role.MOTHER,
    Role.FATHER,
    Role.GRANDPARENT,
    Role.AUNT_UNCLE,
    Role.COUSIN,
    Role.OTHER_RELATIVE,
}


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@pytest.fixture(scope="module")
def networks() -> list[Network]:
    return list(generate(200, 11, AS_OF))


def test_the_same_seed_gives_the_same_documents() -> None:
    first = [n.to_document() for n in generate(50, 7, AS_OF)]
    second = [n.to_document() for n in generate(50, 7, AS_OF)]
    assert first == second
    assert len(first) == 50


def test_the_documents_do_not_depend_on_string_hashing() -> None:
    # hash() of a string and set order change between processes; the output must not.
    script = (
        "import hashlib, json, datetime\n"
        "from connections.demo import generate\n"
        "docs = [n.to_document() for n in generate(60, 4, datetime.date(2026, 1, 1))]\n"
        "print(hashlib.sha256(json.dumps(docs, sort_keys=True).encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            cwd=Path(__file__).resolve().parents[2],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for hash_seed in ("1", "2")
    }
    assert len(digests) == 1


def test_a_different_seed_or_date_gives_different_documents() -> None:
    base = [n.to_document() for n in generate(20, 7, AS_OF)]
    assert base != [n.to_document() for n in generate(20, 8, AS_OF)]
    assert base != [n.to_document() for n in generate(20, 7, date(2026, 6, 1))]


def test_it_streams_and_counts_from_one() -> None:
    stream = generate(3, 1, AS_OF)
    assert next(stream).young_person.id == "yp-000001"
    assert [n.young_person.id for n in stream] == ["yp-000002", "yp-000003"]
    assert list(generate(0, 1, AS_OF)) == []


@pytest.mark.parametrize(
    ("young_people", "sizes"), [(-1, None), (True, None), (5, (0, 3)), (5, (10, 9))]
)
def test_bad_arguments_are_refused_at_once(
    young_people: int, sizes: tuple[int, int] | None
) -> None:
    with pytest.raises(ValueError):
        generate(young_people, 1, AS_OF, people_per_network=sizes)


def test_every_network_validates_and_round_trips(networks: list[Network]) -> None:
    for network in networks:
        document = network.to_document()
        assert parse_network(document).to_document() == document, network.young_person.id


def test_ids_are_unique_across_the_run(networks: list[Network]) -> None:
    young_people = [n.young_person.id for n in networks]
    assert len(set(young_people)) == len(young_people)
    entries = [e.id for n in networks for e in n.contact_log]
    assert len(set(entries)) == len(entries)
    assert all(yp.startswith("yp-") for yp in young_people)
    assert all(p.id.startswith("p-") for n in networks for p in n.people)


def test_sizes_ages_and_status_are_in_range(networks: list[Network]) -> None:
    sizes = [len(n.people) for n in networks]
    assert min(sizes) >= 5 and max(sizes) <= 80
    assert 20 <= sum(sizes) / len(sizes) <= 32
    assert any(size >= 40 for size in sizes)
    ages = []
    for network in networks:
        yp = network.young_person
        age = _age(yp.date_of_birth, AS_OF)
        ages.append(age)
        assert 0 <= age <= 26
        if age < 18:
            assert yp.status is YoungPersonStatus.IN_CARE
    assert min(ages) <= 2 and max(ages) >= 22
    leavers = [n for n, age in zip(networks, ages, strict=True) if age >= 18]
    care_leavers = [n for n in leavers if n.young_person.status is YoungPersonStatus.CARE_LEAVER]
    assert len(care_leavers) > len(leavers) * 0.8


def test_sizes_can_be_fixed_for_benchmarks() -> None:
    sizes = [len(n.people) for n in generate(60, 3, AS_OF, people_per_network=(38, 42))]
    assert min(sizes) >= 38 and max(sizes) <= 42


def test_dates_are_before_as_of_and_after_birth(networks: list[Network]) -> None:
    for network in networks:
        born = network.young_person.date_of_birth
        for rel in network.relationships:
            if rel.last_contact is not None:
                assert born <= rel.last_contact < AS_OF
            if rel.contact is Contact.NONE_YET:
                assert rel.last_contact is None
        for entry in network.contact_log:
            assert born < entry.date < AS_OF
            assert entry.recorded_by


def test_shared_people_are_identical_in_every_network(networks: list[Network]) -> None:
    seen: dict[str, dict[str, Any]] = {}
    appearances: Counter[str] = Counter()
    for network in networks:
        for person in network.people:
            fields = person.model_dump(mode="json")
            assert seen.setdefault(person.id, fields) == fields, person.id
            appearances[person.id] += 1
    shared = {pid for pid, count in appearances.items() if count > 1}
    categories = Counter(seen[pid]["category"] for pid in shared)
    # Pools share carers and workers; sibling groups share their family.
    assert categories["professional"] > 0
    assert categories["carer"] > 0
    assert categories["family"] > 0


def test_two_networks_with_the_same_two_people_have_the_same_links(
    networks: list[Network],
) -> None:
    by_person: defaultdict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for network in networks:
        for link in network.links:
            by_person[link.source].add(link.key)
    for network in networks:
        ids = {p.id for p in network.people}
        expected = {key for pid in ids for key in by_person[pid] if key[1] in ids}
        assert {link.key for link in network.links} == expected, network.young_person.id


def test_partners_and_people_who_live_together_share_a_household(
    networks: list[Network],
) -> None:
    for network in networks:
        household = {p.id: p.household for p in network.people}
        for link in network.links:
            if link.kind in HOUSEHOLD_LINKS:
                assert household[link.source] is not None
                assert household[link.source] == household[link.target], link


def test_sibling_groups_share_family_and_appear_in_each_others_networks(
    networks: list[Network],
) -> None:
    by_yp = {n.young_person.id: n for n in networks}
    groups = 0
    for network in networks:
        yp = network.young_person
        relations = {r.person_id: r for r in network.relationships}
        in_care_siblings = [pid[2:] for pid in relations if pid.startswith("p-yp-")]
        for sibling_id in in_care_siblings:
            groups += 1
            assert relations[f"p-{sibling_id}"].role in SIBLING_ROLES
            sibling = by_yp[sibling_id]
            assert network.person(f"p-{sibling_id}").name == sibling.young_person.name
            assert f"p-{yp.id}" in {p.id for p in sibling.people}
            shared = {r.person_id for r in network.relationships if r.role in FAMILY_ROLES} & {
                r.person_id for r in sibling.relationships if r.role in FAMILY_ROLES
            }
            assert shared, (yp.id, sibling_id)
        assert f"p-{yp.id}" not in relations
    assert groups >= 10


def test_a_run_has_the_cases_the_product_must_handle(networks: list[Network]) -> None:
    relationships = [r for n in networks for r in n.relationships]
    assert any(r.safety is Safety.NO_CONTACT and r.safety_note for r in relationships)
    assert any(r.role is Role.PERSONAL_ADVISER and r.continues_beyond_role for r in relationships)
    assert any(
        r.finding_status is FindingStatus.IDENTIFIED and r.contact is Contact.NONE_YET
        for r in relationships
    )
    statuses = {r.finding_status for r in relationships}
    assert {FindingStatus.DECLINED, FindingStatus.RULED_OUT} <= statuses
    assert {r.contact for r in relationships} == set(Contact)
    assert {r.safety for r in relationships} == set(Safety)
    assert {r.closeness for r in relationships} == {None, 0, 1, 2, 3, 4}
    assert any(r.paid and r.role_ends_at_age is not None for r in relationships)
    days = [(AS_OF - r.last_contact).days for r in relationships if r.last_contact]
    assert any(90 < d <= 365 for d in days) and any(d > 365 for d in days)
    people = [p for n in networks for p in n.people]
    assert any(p.address for p in people) and any(p.deceased for p in people)
    assert sum(len(n.contact_log) for n in networks) > len(networks)
    roles = {r.role for r in relationships}
    expected = {
        Role.MOTHER,
        Role.FATHER,
        Role.GRANDPARENT,
        Role.AUNT_UNCLE,
        Role.COUSIN,
        Role.SIBLING,
        Role.HALF_SIBLING,
        Role.FOSTER_CARER,
        Role.FORMER_FOSTER_CARER,
        Role.SOCIAL_WORKER,
        Role.IRO,
        Role.PERSONAL_ADVISER,
        Role.TEACHER,
        Role.MENTOR,
        Role.FRIEND,
        Role.INDEPENDENT_VISITOR,
    }
    assert expected <= roles


def test_outcomes_are_mixed() -> None:
    statuses = Counter(
        str(scoring.score(network, AS_OF).status) for network in generate(150, 5, AS_OF)
    )
    assert len(statuses) == 3, statuses


def test_the_demo_holds_restrictions_of_every_kind_and_scope_and_some_to_review() -> None:
    from connections.model import RestrictionKind, RestrictionScope, Side, reference_errors
    from connections.restrictions import to_review

    networks = list(generate(60, 2026, AS_OF))
    restricted = [n for n in networks if n.restrictions]
    kinds = {r.kind for n in restricted for r in n.restrictions}
    scopes = {r.scope for n in restricted for r in n.restrictions}
    assert kinds == set(RestrictionKind) and scopes == set(RestrictionScope)
    assert all(not reference_errors(n) for n in restricted)
    reasons = [item.reason for n in restricted for item in to_review(n, AS_OF)]
    assert any("section 34(6)" in reason for reason in reasons)  # a refusal older than 7 days
    assert any("was due for review" in reason for reason in reasons)
    assert any(r.ends is not None and r.ends < AS_OF for n in restricted for r in n.restrictions)
    sides = {r.side for n in restricted for r in n.relationships}
    assert {Side.MATERNAL, Side.PATERNAL} <= sides
    # Round trip through the document format: nothing lost.
    for network in restricted:
        assert parse_network(network.to_document()).to_document() == network.to_document()


def test_a_prefixed_network_shares_no_id_with_the_original() -> None:
    from connections.demo.prefixed import with_prefix
    from tests import factories as f

    original = f.network()
    again = with_prefix(original, "x-")
    assert again.young_person.id == "x-" + original.young_person.id
    assert {p.id for p in again.people} == {"x-" + p.id for p in original.people}
    assert {r.person_id for r in again.relationships} == {p.id for p in again.people}
    assert not {c.id for c in again.contact_log} & {c.id for c in original.contact_log}
    assert (
        again.to_document()["relationships"][0]["closeness"]
        == (original.to_document()["relationships"][0]["closeness"])
    )


def test_relatives_have_the_side_of_the_family_the_generator_knows(
    networks: list[Network],
) -> None:
    """Grandparents, aunts, uncles, cousins and great-relatives carry the side they were drawn
    on; parents, siblings and step-siblings have none (as the GEDCOM import's rules), and the
    side agrees with the parent a grandparent is linked to."""
    sided = {Role.GRANDPARENT, Role.AUNT_UNCLE, Role.COUSIN, Role.OTHER_RELATIVE}
    unsided = {Role.MOTHER, Role.FATHER, *SIBLING_ROLES}
    sides_seen: Counter[str] = Counter()
    checked_parents = 0
    for network in networks:
        relation = {r.person_id: r for r in network.relationships}
        for rel in network.relationships:
            if rel.role in sided:
                assert rel.side is not None, (network.young_person.id, rel.person_id)
                sides_seen[rel.side] += 1
            elif rel.role in unsided:
                assert rel.side is None, (network.young_person.id, rel.person_id)
        for link in network.links:
            if link.kind is not LinkKind.PARENT:
                continue
            parent, child = relation.get(link.source), relation.get(link.target)
            if parent is None or child is None or parent.role is not Role.GRANDPARENT:
                continue
            if child.role in (Role.MOTHER, Role.FATHER):
                checked_parents += 1
                expected = "maternal" if child.role is Role.MOTHER else "paternal"
                assert parent.side == expected, (network.young_person.id, link)
    assert sides_seen["maternal"] > 0 and sides_seen["paternal"] > 0
    assert checked_parents > 20
    # The demo's maps show both sides' sectors.
    both = 0
    for network in networks[:40]:
        keys = {sector["key"] for sector in build_map(network).sectors}
        both += {"family_maternal", "family_paternal"} <= keys
    assert both >= 10


def test_the_side_is_the_same_for_a_relative_shared_by_siblings(networks: list[Network]) -> None:
    sides: dict[str, set[str | None]] = defaultdict(set)
    for network in networks:
        for rel in network.relationships:
            sides[rel.person_id].add(rel.side)
    assert all(len(seen) == 1 for seen in sides.values())
