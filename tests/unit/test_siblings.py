"""Siblings placed apart: grouping, "placed apart" and each one's contact status, by hand."""

from __future__ import annotations

from datetime import date

from connections.model import (
    Contact,
    RestrictionScope,
    Role,
    Safety,
    Wishes,
    YoungPersonStatus,
)
from connections.siblings import (
    Placement,
    RestrictionSpan,
    SiblingRecord,
    groups,
    placed_apart,
    siblings_apart,
)

DAY = date(2026, 12, 1)
IN_CARE, LEAVER = YoungPersonStatus.IN_CARE, YoungPersonStatus.CARE_LEAVER


def place(yp: str, household: str | None, status: YoungPersonStatus = IN_CARE) -> Placement:
    return Placement(yp, yp.title(), status, household)


def record(
    yp: str, sibling: str, contact: Contact = Contact.LOST, **fields: object
) -> SiblingRecord:
    values: dict[str, object] = {
        "role": Role.SIBLING,
        "contact": contact,
        "last_contact": None,
        "wishes": Wishes.WANTS,
        "safety": Safety.SAFE,
        **fields,
    }
    return SiblingRecord(yp, sibling, f"p-{sibling}", **values)  # type: ignore[arg-type]


def test_groups_join_through_one_another_and_ignore_self_links() -> None:
    found = groups([("a", "b", "marked"), ("b", "c", "mother"), ("d", "d", "marked")])
    assert found == [{"a", "b", "c"}]


def test_placed_apart_needs_two_in_care_in_different_or_unrecorded_households() -> None:
    assert placed_apart([place("a", "h1"), place("b", "h2")])
    assert not placed_apart([place("a", "h1"), place("b", "h1")])
    # A care leaver living elsewhere does not make a group apart: only one is in care.
    assert not placed_apart([place("a", "h1"), place("b", "h2", LEAVER)])
    # A household not recorded cannot show them together.
    assert placed_apart([place("a", "h1"), place("b", None)])


def test_a_group_apart_with_each_ones_contact_status() -> None:
    placements = {
        "amy": place("amy", "h1"),
        "bo": place("bo", "h2"),
        "cy": place("cy", "h1"),
        "dee": place("dee", "h3", LEAVER),
    }
    links = [("amy", "bo", "marked"), ("bo", "cy", "mother"), ("cy", "dee", "father")]
    records = [
        record("amy", "bo", Contact.ACTIVE, last_contact=date(2026, 11, 1)),
        record("bo", "amy", Contact.LOST),  # safe, wanted, lost: a gap
        record("cy", "bo", Contact.LOST, wishes=Wishes.NOT_NOW),  # not now: respected
        # A no-contact order in force makes it no gap, whatever was recorded.
        record(
            "bo",
            "cy",
            Contact.NONE_YET,
            restrictions=(RestrictionSpan(RestrictionScope.NO_CONTACT, date(2026, 1, 1), None),),
        ),
    ]
    (group,) = siblings_apart(links, placements, records, DAY)
    assert [m.id for m in group.members] == ["amy", "bo", "cy", "dee"]
    assert group.in_care == 3 and group.households == 2
    by_pair = {(c.young_person.id, c.sibling.id): c for c in group.contacts}
    assert len(by_pair) == 12  # every one with every other, both ways
    assert not by_pair["amy", "bo"].gap
    assert by_pair["bo", "amy"].gap
    assert not by_pair["cy", "bo"].gap
    assert by_pair["bo", "cy"].safety is Safety.NO_CONTACT and not by_pair["bo", "cy"].gap
    # No record at all (amy has no person marked as dee): a gap, said as not recorded.
    assert by_pair["amy", "dee"].record is None and by_pair["amy", "dee"].gap
    assert group.gaps == 12 - 3
    assert group.to_dict()["links"] == [
        {"a": "amy", "b": "bo", "reason": "marked"},
        {"a": "bo", "b": "cy", "reason": "mother"},
        {"a": "cy", "b": "dee", "reason": "father"},
    ]


def test_a_restriction_ended_changes_nothing() -> None:
    ended = RestrictionSpan(RestrictionScope.NO_CONTACT, date(2025, 1, 1), date(2025, 12, 31))
    (group,) = siblings_apart(
        [("a", "b", "marked")],
        {"a": place("a", "h1"), "b": place("b", "h2")},
        [record("a", "b", restrictions=(ended,))],
        DAY,
    )
    status = next(c for c in group.contacts if c.young_person.id == "a")
    assert status.safety is Safety.SAFE and status.gap


def test_groups_together_are_left_out_and_the_most_gaps_come_first() -> None:
    placements = {
        "a": place("a", "h1"),
        "b": place("b", "h1"),
        "c": place("c", "h2"),
        "d": place("d", "h3"),
        "e": place("e", "h4"),
        "f": place("f", "h5"),
    }
    links = [("a", "b", "marked"), ("c", "d", "marked"), ("e", "f", "father")]
    records = [record("c", "d", Contact.ACTIVE), record("d", "c", Contact.ACTIVE)]
    found = siblings_apart(links, placements, records, DAY)
    assert [[m.id for m in g.members] for g in found] == [["e", "f"], ["c", "d"]]
    assert [g.gaps for g in found] == [2, 0]


def test_csv_rows_one_per_direction_in_the_columns_order() -> None:
    (group,) = siblings_apart(
        [("a", "b", "marked")],
        {"a": place("a", "h1"), "b": place("b", None)},
        [record("a", "b", Contact.OCCASIONAL, last_contact=date(2026, 10, 2))],
        DAY,
    )
    rows = group.csv_rows(1)
    assert rows[0] == [
        1, "a", "A", "in_care", "h1", "b", "B", "in_care", None, "yes", "sibling",
        "occasional", "2026-10-02", "wants", "safe", "no",
    ]  # fmt: skip
    assert rows[1][9] == "no" and rows[1][-1] == "yes"
