"""merge(existing, imported): an updated family tree adds relatives and updates what the file
knows, never removes anyone and never overwrites what a worker has recorded."""

from __future__ import annotations

from datetime import date

from connections.gedcom import merge, plan, read_tree, to_network
from connections.model import (
    Contact,
    FindingStatus,
    LinkKind,
    Network,
    RatedBy,
    Role,
    Safety,
    Side,
    Wishes,
    check,
)
from tests import factories as f
from tests.gedcom_files import EXPECTED, GedcomBuilder, family


def imported(tree: GedcomBuilder | None = None) -> Network:
    return to_network(read_tree((tree or family()).bytes()), "YP", "yp-amy").network


def worked_on(network: Network) -> Network:
    """What a worker does with the leads: rates the mother, assesses safety, records a friend."""
    relationships = []
    for relationship in network.relationships:
        if relationship.person_id == "yp-amy-M":
            relationship = relationship.model_copy(
                update={
                    "closeness": 4,
                    "closeness_rated_by": RatedBy.YOUNG_PERSON,
                    "safety": Safety.SAFE,
                    "wishes": Wishes.WANTS,
                    "contact": Contact.ACTIVE,
                    "finding_status": FindingStatus.ENGAGED,
                    "notes": "Visits on Sundays.",
                    "role": Role.MOTHER,
                }
            )
        relationships.append(relationship)
    people = [
        p.model_copy(update={"address": "1 Example Row"}) if p.id == "yp-amy-M" else p
        for p in network.people
    ]
    friend = f.person("friend-1", category="friend", name="Fay Friend")
    return network.model_copy(
        update={
            "people": [*people, friend],
            "relationships": [*relationships, f.relationship("friend-1", role="friend")],
            "young_person": network.young_person.model_copy(update={"name": "Amy E."}),
        }
    )


def test_importing_the_same_file_again_changes_nothing() -> None:
    first = imported()
    assert merge(first, imported()) == first.canonical()


def test_a_workers_record_is_never_overwritten_nor_anyone_removed() -> None:
    existing = worked_on(imported())
    merged = merge(existing, imported())
    check(merged)
    mother = next(r for r in merged.relationships if r.person_id == "yp-amy-M")
    assert (mother.closeness, mother.safety, mother.wishes) == (4, Safety.SAFE, Wishes.WANTS)
    assert (mother.contact, mother.finding_status) == (Contact.ACTIVE, FindingStatus.ENGAGED)
    assert mother.notes == "Visits on Sundays."
    assert merged.person("yp-amy-M").address == "1 Example Row"
    assert merged.person("friend-1").name == "Fay Friend"  # not from the file: kept
    assert merged.young_person.name == "Amy E."  # the worker's record of the young person
    assert len(merged.people) == len(EXPECTED) + 1


def test_an_updated_file_adds_relatives_and_updates_names_deaths_and_links() -> None:
    existing = worked_on(imported())
    updated = family()
    updated.lines = [line.replace("Zoë /Müller/", "Zoë /Müller-Smith/") for line in updated.lines]
    updated.person("B", "Baby /Example/").family("F20", "D", "M", ("B",))
    updated.lines.insert(updated.lines.index("0 @PGM@ INDI") + 3, "1 DEAT Y")
    merged = merge(existing, imported(updated))
    check(merged)
    assert merged.person("yp-amy-M").name == "Zoë Müller-Smith"
    assert merged.person("yp-amy-PGM").deceased
    baby = next(r for r in merged.relationships if r.person_id == "yp-amy-B")
    assert baby.role is Role.SIBLING and baby.finding_status is FindingStatus.IDENTIFIED
    assert ("yp-amy-D", "yp-amy-B", "parent") in {link.key for link in merged.links}


def test_people_are_matched_by_their_xref_even_under_another_id() -> None:
    existing = imported()
    renamed = {"yp-amy-M": "mum-recorded-by-hand"}
    existing = existing.model_copy(
        update={
            "people": [
                p.model_copy(update={"id": renamed.get(p.id, p.id)}) for p in existing.people
            ],
            "relationships": [
                r.model_copy(update={"person_id": renamed.get(r.person_id, r.person_id)})
                for r in existing.relationships
            ],
            "links": [
                f.link(
                    renamed.get(link.source, link.source),
                    renamed.get(link.target, link.target),
                    link.kind.value,
                )
                for link in existing.links
            ],
        }
    )
    merged = merge(existing, imported())
    check(merged)
    assert "yp-amy-M" not in {p.id for p in merged.people}
    assert ("mum-recorded-by-hand", "yp-amy-S", "parent") in {link.key for link in merged.links}
    assert len(merged.people) == len(EXPECTED)


def test_a_file_without_a_death_does_not_bring_anyone_back() -> None:
    existing = imported()
    existing = existing.model_copy(
        update={
            "people": [
                p.model_copy(update={"deceased": True}) if p.id == "yp-amy-D" else p
                for p in existing.people
            ]
        }
    )
    assert merge(existing, imported()).person("yp-amy-D").deceased


def test_a_side_is_filled_in_only_where_none_was_recorded() -> None:
    existing = imported()
    relationships = [
        r.model_copy(update={"side": None})
        if r.person_id == "yp-amy-AU"
        else r.model_copy(update={"side": Side.PATERNAL})
        if r.person_id == "yp-amy-C"
        else r
        for r in existing.relationships
    ]
    merged = merge(existing.model_copy(update={"relationships": relationships}), imported())
    side = {r.person_id: r.side for r in merged.relationships}
    assert side["yp-amy-AU"] is Side.MATERNAL
    assert side["yp-amy-C"] is Side.PATERNAL  # a worker's correction stays


def test_existing_links_stay_and_new_ones_are_added_once() -> None:
    existing = imported()
    knows = f.link("yp-amy-M", "yp-amy-X2", "knows")
    existing = existing.model_copy(
        update={
            "people": [*existing.people, f.person("yp-amy-X2")],
            "relationships": [*existing.relationships, f.relationship("yp-amy-X2")],
            "links": [*existing.links, knows],
        }
    )
    merged = merge(existing, imported())
    keys = [link.key for link in merged.links]
    assert knows.key in keys and len(keys) == len(set(keys))
    assert sum(1 for link in merged.links if link.kind is LinkKind.PARTNER) == 4


def test_the_plan_says_who_is_added_and_who_already_exists() -> None:
    existing = worked_on(imported())
    updated = family().person("B", "Baby /Example/").family("F20", "D", "M", ("B",))
    result = plan(existing, imported(updated))
    assert [m.imported.external_ref for m in result.added] == ["@B@"]
    assert len(result.existing) == len(EXPECTED)
    assert all(m.existing is not None for m in result.existing)
    assert len(plan(None, imported()).added) == len(EXPECTED)


def test_the_young_persons_date_of_birth_stays_as_recorded() -> None:
    existing = imported()
    existing = existing.model_copy(
        update={
            "young_person": existing.young_person.model_copy(
                update={"date_of_birth": date(2012, 3, 4)}
            )
        }
    )
    assert merge(existing, imported()).young_person.date_of_birth == date(2012, 3, 4)
