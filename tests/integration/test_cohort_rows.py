"""Kept cohort rows on the real Neo4j (connections.cohort_rows, connections/store/cohort_rows.py,
connections/store/invalidation.py): every write path that can change a young person's coverage
invalidates their kept row in its own transaction (a shared person's change every young person
holding them), the next read scores it again, and a kept row read back always equals scoring the
network afresh; the contact log leaves rows alone; a row scored from a network that changed
meanwhile is not kept; deleting a young person deletes their row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from connections import cohort_rows
from connections.cohort import CohortRow
from connections.invitations import Answer, Draft, new_token
from connections.model import Contact, Link, Restriction, Wishes, parse, parse_network
from connections.restrictions import to_review
from connections.scoring import score
from connections.store import MemberChange, Store, network_version
from tests import factories as f

DAY = date(2026, 11, 22)
YOUNG_PEOPLE = ("yp-1", "yp-2")


def fresh(store: Store, young_person_id: str) -> CohortRow:
    network = store.load_network(young_person_id)
    review = len(to_review(network, DAY)) if network.restrictions else 0
    return CohortRow.of(score(network, DAY), review)


def kept(store: Store, young_person_id: str) -> tuple[CohortRow | None, date | None]:
    row, _scored_on, valid_until = store.kept_cohort_row(young_person_id)
    return (None if row is None else cohort_rows.from_store(row)), valid_until


def assert_kept_rows_are_fresh(store: Store) -> None:
    for young_person_id in YOUNG_PEOPLE:
        row, valid_until = kept(store, young_person_id)
        assert valid_until is not None and valid_until > DAY, young_person_id
        assert row == fresh(store, young_person_id), young_person_id


@pytest.fixture
def cohort(store: Store) -> Store:
    """Two networks sharing every person (the factories' people ids), rows kept for DAY."""
    store.save_networks([f.network("yp-1"), f.network("yp-2")])
    assert cohort_rows.refresh(store, DAY) == 2
    assert_kept_rows_are_fresh(store)
    return store


def _rose_loses_contact(store: Store) -> None:
    relationship = store.get_relationship("yp-1", "p-rose")
    store.update_relationship("yp-1", relationship.model_copy(update={"contact": Contact.LOST}))


def _rename(store: Store) -> None:
    young_person = store.get_young_person("yp-1")
    store.update_young_person(young_person.model_copy(update={"name": "Amy Renamed"}))


def _rose_dies(store: Store) -> None:
    rose = store.get_person("p-rose")
    store.update_person(rose.model_copy(update={"deceased": True}))


def _new_relationship(store: Store) -> None:
    store.create_person(f.person("p-new", name="Nia New"))
    store.create_relationship(
        "yp-1",
        f.relationship(
            "p-new",
            closeness=4,
            closeness_rated_by="young_person",
            safety="safe",
            contact="active",
        ),
    )


def _delete_relationship(store: Store) -> None:
    store.delete_relationship("yp-1", "p-jo")


def _remove_from_network(store: Store) -> None:
    version = store.get_relationship("yp-1", "p-kai").version
    store.remove_from_network("yp-1", "p-kai", version)


def _households(store: Store) -> None:
    network = store.load_network("yp-1")
    store.update_relationships(
        "yp-1",
        [MemberChange("p-jo", person={"household": "h-1"})],
        network_version(network),
    )


def _link(store: Store) -> None:
    store.create_link(Link(source="p-jo", target="p-kai", kind="knows"))


def _unlink(store: Store) -> None:
    store.delete_link(Link(source="p-rose", target="p-ray", kind="lives_with"))


def _restriction(store: Store) -> None:
    restriction = parse(
        Restriction,
        {
            "id": "r-1",
            "person_id": "p-rose",
            "kind": "s34_order",
            "scope": "no_contact",
            "starts": "2026-11-01",
        },
    )
    store.add_restriction("yp-1", restriction, "Sam Worker")


def _import(store: Store) -> None:
    document = f.network_document("yp-1")
    document["relationships"][0]["closeness"] = 1  # Rose, shared: yp-1's own relationship
    document["people"][2]["deceased"] = True  # Kai, shared: shows in yp-2 too
    store.save_network(parse_network(document))


def _import_own_relationship(store: Store) -> None:
    """Every person of the document is shared with yp-2 and saved as they were: yp-2's network
    is unchanged (connections.store.invalidation.REPORTED)."""
    document = f.network_document("yp-1")
    document["relationships"][0]["closeness"] = 1
    store.save_network(parse_network(document))


def _import_adds_a_link(store: Store) -> None:
    document = f.network_document("yp-1")
    document["links"].append({"source": "p-jo", "target": "p-kai", "kind": "knows"})
    store.save_network(parse_network(document))


def _import_drops_a_link(store: Store) -> None:
    document = f.network_document("yp-1")
    document["links"] = [link for link in document["links"] if link["kind"] != "lives_with"]
    store.save_network(parse_network(document))


def _replace(store: Store) -> None:
    network = store.load_network("yp-2")
    people = [p.model_copy(update={"household": None}) for p in network.people]
    store.replace_network(network.model_copy(update={"people": people}), ["*"])


def _delete_person(store: Store) -> None:
    store.delete_person("p-dad")


def _invitation_answered(store: Store) -> None:
    token = new_token()
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    store.create_invitation("yp-1", ["p-kai"], 14, "cora", now, token)
    store.submit_invitation(token, Draft((Answer("p-kai", 0, Wishes.REFUSES),)), now, DAY)


#: Each write path, and whose rows it must invalidate.
WRITES: list[tuple[Callable[[Store], None], tuple[str, ...]]] = [
    (_rose_loses_contact, ("yp-1",)),
    (_rename, ("yp-1",)),
    (_rose_dies, ("yp-1", "yp-2")),
    (_new_relationship, ("yp-1",)),
    (_delete_relationship, ("yp-1",)),
    (_remove_from_network, ("yp-1",)),
    (_households, ("yp-1", "yp-2")),
    (_link, ("yp-1", "yp-2")),
    (_unlink, ("yp-1", "yp-2")),
    (_restriction, ("yp-1",)),
    (_import, ("yp-1", "yp-2")),
    (_import_own_relationship, ("yp-1",)),
    (_import_adds_a_link, ("yp-1", "yp-2")),
    (_import_drops_a_link, ("yp-1", "yp-2")),
    (_replace, ("yp-2", "yp-1")),
    (_delete_person, ("yp-1", "yp-2")),
    (_invitation_answered, ("yp-1",)),
]


@pytest.mark.parametrize(
    ("write", "invalidated"), WRITES, ids=[write.__name__.strip("_") for write, _ in WRITES]
)
def test_each_write_invalidates_the_rows_it_changes_and_the_next_read_scores_them(
    cohort: Store, write: Callable[[Store], None], invalidated: tuple[str, ...]
) -> None:
    before = {yp: kept(cohort, yp)[0] for yp in YOUNG_PEOPLE}
    write(cohort)
    for young_person_id in YOUNG_PEOPLE:
        row, valid_until = kept(cohort, young_person_id)
        if young_person_id in invalidated:
            assert valid_until is None, young_person_id
        else:
            assert row == before[young_person_id] == fresh(cohort, young_person_id)
    assert cohort_rows.refresh(cohort, DAY) == len(invalidated)
    assert_kept_rows_are_fresh(cohort)
    assert cohort_rows.refresh(cohort, DAY) == 0


def test_the_contact_log_and_consents_leave_rows_alone(cohort: Store) -> None:
    entry = cohort.add_contact("yp-1", f.contact("c-new", "p-rose"))
    cohort.update_contact("yp-1", entry.model_copy(update={"note": "Tea."}))
    assert cohort_rows.refresh(cohort, DAY) == 0
    assert_kept_rows_are_fresh(cohort)


def test_the_end_of_a_restriction_invalidates(cohort: Store) -> None:
    _restriction(cohort)
    cohort_rows.refresh(cohort, DAY)
    cohort.end_restriction("yp-1", "r-1", DAY, version=1)
    assert kept(cohort, "yp-1")[1] is None
    assert cohort_rows.refresh(cohort, DAY) == 1
    assert_kept_rows_are_fresh(cohort)


def test_a_row_is_scored_again_on_a_day_outside_its_life(cohort: Store) -> None:
    _row, valid_until = kept(cohort, "yp-1")
    assert valid_until is not None
    assert cohort_rows.refresh(cohort, valid_until - timedelta(days=1)) == 0
    assert cohort_rows.refresh(cohort, valid_until) >= 1
    # And a day before the one it was scored on.
    assert cohort_rows.refresh(cohort, DAY - timedelta(days=1)) == 2


@pytest.mark.parametrize("change", [_rose_loses_contact, _rename, _rose_dies])
def test_a_row_scored_from_a_network_that_changed_meanwhile_is_not_kept(
    store: Store, change: Callable[[Store], None]
) -> None:
    """Whatever the change (young_person.update replaces all the young person's properties:
    the stamp is renewed after it)."""
    store.save_networks([f.network("yp-1")])
    ((young_person_id, stamp),) = store.stale_cohort_rows(DAY)
    (network,) = store.networks_for_scoring([young_person_id])
    change(store)  # committed between the read and the write-back
    stale = cohort_rows.to_store(cohort_rows.kept_row(network, DAY), stamp)
    assert store.keep_cohort_rows([stale]) == 0
    assert kept(store, "yp-1") == (None, None)
    assert cohort_rows.refresh(store, DAY) == 1
    row, _ = kept(store, "yp-1")
    assert row == fresh(store, "yp-1")


def test_deleting_a_young_person_deletes_their_row(cohort: Store) -> None:
    cohort.delete_young_person("yp-2")
    assert [row["young_person_id"] for row in cohort.all_kept_cohort_rows()] == ["yp-1"]


def test_a_bulk_path_invalidates_by_young_person_or_person(cohort: Store) -> None:
    cohort.invalidate_cohort_rows(["yp-2"])
    assert kept(cohort, "yp-2")[1] is None and kept(cohort, "yp-1")[1] is not None
    cohort.invalidate_cohort_rows_of_people(["p-rose"])
    assert kept(cohort, "yp-1")[1] is None
    assert cohort_rows.refresh(cohort, DAY) == 2


def test_a_row_invalidated_the_old_way_is_dated_when_the_schema_is_applied(cohort: Store) -> None:
    # Before rows were dated 0001-01-01 on invalidation, invalidating removed the date, which the
    # stale-row index seek cannot find while every young person still has a row.
    cohort.driver.execute_query(
        "MATCH (y:YoungPerson {id: 'yp-1'}) REMOVE y.cohort_valid_until SET y.cohort_stamp = 'x'"
    )
    assert cohort_rows.refresh(cohort, DAY) == 0  # unseen
    cohort.apply_schema()
    assert cohort_rows.refresh(cohort, DAY) == 1
    assert_kept_rows_are_fresh(cohort)
    cohort.apply_schema()  # idempotent: nothing left to date
    assert cohort_rows.refresh(cohort, DAY) == 0
