"""The period figures read finding summaries, not documents, in a real Neo4j: every way a version
is written keeps its summary (a save, the demo's back-dated history, a restore, a purge), and the
figures from the summaries are those from the whole documents, including for versions kept
before summaries were (read from their documents instead)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from connections import demo, io
from connections.demo.history import DemoHistory
from connections.finding_progress import UK, cohort_progress, end_of_uk_day, finding_summary
from connections.model import FindingStatus
from connections.purge import PurgeKind
from connections.store import Store
from connections.store.history import acting_as
from connections.store.networks import ANY_VERSION
from tests.conftest import AS_OF

PERIODS = (
    (AS_OF - timedelta(days=365), AS_OF - timedelta(days=1)),
    (date(2026, 4, 1), date(2026, 6, 30)),
    (AS_OF - timedelta(days=30), AS_OF),
)


def _summaries(store: Store) -> dict[tuple[str, int], tuple[list[str] | None, str]]:
    records, _, _ = store.driver.execute_query(
        "MATCH (v:NetworkVersion) RETURN v.young_person_id AS y, v.number AS n, "
        "v.finding_people AS people, v.finding_statuses AS statuses, v.document AS document"
    )
    return {
        (r["y"], r["n"]): (
            None if r["people"] is None else dict(zip(r["people"], r["statuses"], strict=True)),
            r["document"],
        )
        for r in records
    }


def _by_hand(store: Store, start: date, end: date):  # noqa: ANN202 - a CohortProgress
    """The figures from every version parsed whole (as they were before summaries)."""
    last = end_of_uk_day(end)
    histories = {}
    for young_person in store.list_young_people():
        versions = [v for v in store.all_versions(young_person.id) if v.at <= last]
        if versions:
            histories[young_person.id] = versions
    return cohort_progress(histories, start, end)


def _from_store(store: Store, start: date, end: date):  # noqa: ANN202 - a CohortProgress
    opened = datetime.combine(start, time.min, tzinfo=UK)
    return cohort_progress(store.period_histories(opened, end_of_uk_day(end)), start, end)


def _demo(store: Store, count: int = 12) -> list:
    networks = list(demo.generate(count, 2026, AS_OF))
    past = DemoHistory(store, AS_OF, 2026, batch_size=6)
    store.bulk_save(past.passing(networks), 6, lambda _saved: past.flush())
    return networks


def test_every_version_keeps_its_summary_and_the_figures_match_whole_documents(
    store: Store,
) -> None:
    networks = _demo(store)
    kept = _summaries(store)
    assert len(kept) > 12 * 5
    for summary, document in kept.values():
        assert summary == finding_summary(io.loads_network(document))
    assert any(summary for summary, _ in kept.values())  # some searches under way
    for start, end in PERIODS:
        by_hand = _by_hand(store, start, end)
        assert _from_store(store, start, end) == by_hand
    assert any(step.reached for step in by_hand.steps)
    # The period read fetches no more than two whole documents a young person.
    start, end = PERIODS[0]
    opened = datetime.combine(start, time.min, tzinfo=UK)
    histories = store.period_histories(opened, end_of_uk_day(end))
    assert len(histories) == len(networks)
    for versions in histories.values():
        assert 1 <= sum(v.document is not None for v in versions) <= 2


def test_versions_kept_before_summaries_count_the_same(store: Store) -> None:
    _demo(store, 8)
    expected = [_by_hand(store, start, end) for start, end in PERIODS]
    # As a database written before summaries were: every other version without one.
    store.driver.execute_query(
        "MATCH (v:NetworkVersion) WHERE v.number % 2 = 0 "
        "REMOVE v.finding_people, v.finding_statuses"
    )
    assert sum(summary is None for summary, _ in _summaries(store).values()) > 8
    assert [_from_store(store, start, end) for start, end in PERIODS] == expected


def test_a_save_a_restore_and_a_purge_keep_the_summary_true(store: Store) -> None:
    network = next(iter(demo.generate(1, 2026, AS_OF)))
    young_person_id = network.young_person.id
    store.save_networks([network])
    relationship = network.relationships[0]
    person_id = relationship.person_id
    engaged = relationship.model_copy(update={"finding_status": FindingStatus.ENGAGED})
    with acting_as("sam", "web"):
        store.save_networks(
            [network.model_copy(update={"relationships": [engaged, *network.relationships[1:]]})]
        )
    latest = store.all_versions(young_person_id)[-1]
    assert _summaries(store)[(young_person_id, latest.number)][0][person_id] == "engaged"
    with acting_as("sam", "web"):
        store.restore_version(young_person_id, 1, ANY_VERSION)
    restored = store.all_versions(young_person_id)[-1]
    summary, document = _summaries(store)[(young_person_id, restored.number)]
    assert summary == finding_summary(io.loads_network(document))
    assert summary == finding_summary(network)
    store.purge_entry(
        young_person_id, PurgeKind.PERSON, person_id, username="admin", reason="wrong child"
    )
    for (owner, _number), (summary, document) in _summaries(store).items():
        if owner == young_person_id:
            assert person_id not in summary
            assert summary == finding_summary(io.loads_network(document))
