"""The kept rows' keys (connections.cohort_keys) order rows exactly as the cohort table sorts them
in Python (webapp/tables.py: ties by name, then id, also when descending) and the priority list as
the cohort's totals do, on random rows: the page read through the indexes shows what sorting every
row would."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from connections import cohort_keys
from connections.cohort import CohortRow, CohortTotals, one_year_after
from connections.scoring import CoverageStatus
from webapp.tables import sort_rows

AS_OF = date(2026, 11, 22)

rows_strategy = st.lists(
    st.builds(
        CohortRow,
        young_person_id=st.text("abc-019", min_size=1, max_size=5),
        # Names that tie, differ in case, and start one another.
        name=st.sampled_from(["Ann", "ann", "Anna", "Bo", "bo", "Ćwik", "Zoë", "Ann Lee", "Straß"]),
        age=st.integers(0, 30),
        status=st.sampled_from(["in_care", "care_leaver", "in"]),
        qualifying_now=st.integers(0, 12),
        coverage=st.sampled_from(list(CoverageStatus)),
        score=st.integers(0, 1000).map(lambda tenths: tenths / 10),
        next_milestone_age=st.none(),
        next_milestone_date=st.none()
        | st.integers(0, 800).map(lambda days: AS_OF + timedelta(days=days)),
        next_milestone_count=st.none(),
        most_urgent_gap=st.none(),
    ),
    max_size=25,
    unique_by=lambda row: row.young_person_id,
)


@settings(max_examples=150, deadline=None)
@given(rows=rows_strategy)
def test_sort_keys_order_rows_as_the_table_sorts_them(rows: list[CohortRow]) -> None:
    for sort in cohort_keys.SORTS:
        for descending in (False, True):
            expected = sort_rows(rows, sort, "desc" if descending else "asc")
            name, backwards = cohort_keys.sort_property(sort, descending)
            keys = {id(row): cohort_keys.row_keys(row)[name] for row in rows}
            by_key = sorted(rows, key=lambda row: keys[id(row)], reverse=backwards)
            assert by_key == expected, (sort, descending)


@settings(max_examples=150, deadline=None)
@given(rows=rows_strategy)
def test_priority_keys_are_the_priority_list_nearest_first(rows: list[CohortRow]) -> None:
    totals = CohortTotals(AS_OF)
    for row in rows:
        totals.add(row)
    before = (one_year_after(AS_OF) + timedelta(days=1)).isoformat()
    keyed = [
        (key, row)
        for row in rows
        if (key := cohort_keys.priority_key(row)) is not None and key < before
    ]
    # The same rows, in the same order (rows equal in all four may come in either order).
    assert sorted(row.young_person_id for _, row in keyed) == sorted(
        row.young_person_id for row in totals.priority_list()
    )
    order = [_priority(row) for _, row in sorted(keyed, key=lambda pair: pair[0])]
    assert order == [_priority(row) for row in totals.priority_list()]


def _priority(row: CohortRow) -> tuple[object, ...]:
    return (row.next_milestone_date, row.coverage, row.score, row.name)


def test_tallies_name_every_coverage_mission_and_band() -> None:
    tallies = cohort_keys.all_tallies(["RED", "GREEN"])
    assert len(tallies) == 40 and "RED|1|9" in tallies and "GREEN|0|0" in tallies
    assert cohort_keys.score_band(100.0) == 9 and cohort_keys.score_band(89.9) == 8
