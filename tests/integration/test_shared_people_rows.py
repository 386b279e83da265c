"""Shared people from the kept cohort rows, on the real Neo4j (connections.shared_people.from_store,
connections/store/shared_people.py): the figures always equal scoring every network afresh,
whether the rows are new, kept before rows held the mission facts, or stale after a change."""

from __future__ import annotations

from datetime import date

from connections import cohort_rows, demo, shared_people
from connections.scoring import mission_facts
from connections.store import Store

DAY = date(2026, 11, 22)


def afresh(store: Store) -> list[shared_people.SharedPerson]:
    """What scoring every network once gives (the oracle)."""
    tallies: dict[str, shared_people.Tally] = {}
    for batch in store.iter_networks():
        shared_people.tally(batch, DAY, tallies)
    return shared_people.shared_people(tallies)


def facts_kept(store: Store) -> dict[str, bool]:
    records, _, _ = store.driver.execute_query(
        "MATCH (r:CohortRow) RETURN r.young_person_id AS id, r.loving IS NOT NULL AS kept",
        database_=store.database,
    )
    return {record["id"]: record["kept"] for record in records}


def test_shared_people_from_kept_rows_equal_scoring_every_network(store: Store) -> None:
    store.save_networks(list(demo.generate(30, 2, DAY)))
    expected = afresh(store)
    assert any(person.below_mission_if_lost for person in expected)
    assert any(person.not_robust_if_lost for person in expected)

    # No rows yet: they are scored and kept with their facts.
    assert shared_people.from_store(store, DAY) == expected
    assert set(facts_kept(store).values()) == {True}

    # Rows kept before rows held the facts: those networks are scored, and their rows kept.
    store.driver.execute_query(
        "MATCH (r:CohortRow) WHERE r.young_person_id < $below REMOVE r.loving, r.loving_households",
        below="yp-000015",
        database_=store.database,
    )
    assert not all(facts_kept(store).values())
    assert shared_people.from_store(store, DAY) == expected
    assert set(facts_kept(store).values()) == {True}

    # A loving relationship with a shared person ends: that row is stale, scored again.
    person = next(person for person in expected if person.loving_for)
    holder = next(
        network
        for batch in store.iter_networks()
        for network in batch
        if person.person_id in mission_facts(network, DAY).qualifying
    )
    relationship = store.get_relationship(holder.young_person.id, person.person_id)
    store.update_relationship(
        holder.young_person.id,
        relationship.model_copy(update={"closeness": 1}),
    )
    changed = afresh(store)
    assert changed != expected
    assert shared_people.from_store(store, DAY) == changed
    assert cohort_rows.refresh(store, DAY) == 0  # nothing left stale
