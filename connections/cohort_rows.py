"""Kept cohort rows: how long a young person's cohort row stays true by the calendar alone.

The cohort page of a region or the whole country cannot score 100,000 networks per request
(about 1 ms each: over a minute). So each young person's :class:`~connections.cohort.CohortRow`
is kept in Neo4j (``cypher/cohort_rows.cypher``) with the date it was scored on and
:func:`valid_until`: the first date on which any part of the row could change with no change to
the network, only the date. A kept row is used on a date d with ``scored_on <= d < valid_until``;
otherwise (or when the network changed: the store invalidates the row in the same transaction as
the change, :mod:`connections.store.invalidation`) it is scored again when next read.

The rules are pure: they read only the network, the date and the report at that date. The
functions at the end read and write the kept rows through the store.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from connections import cohort_keys
from connections.cohort import CohortRow, one_year_after
from connections.model import Contact, Network, RestrictionKind, Safety
from connections.network_values import NetworkValue
from connections.restrictions import S34_REFUSAL_DAYS, effective_safeties, to_review
from connections.scoring import (
    CURRENT_DAYS,
    QUIET_DAYS,
    CoverageReport,
    CoverageStatus,
    GapKind,
    MissionFacts,
    age_on,
    milestone_date,
    score,
)
from connections.store import Store

_CURRENT_CONTACT = frozenset({Contact.ACTIVE, Contact.OCCASIONAL})
#: The gap kinds listed before the support domains: they rest only on who qualifies, their
#: households and the milestones (docs/scoring.md section 5's order).
_BEFORE_DOMAINS = frozenset({GapKind.MISSION, GapKind.CLIFF_EDGE, GapKind.HOUSEHOLD})
#: The gap kinds listed before bridges.
_BEFORE_BRIDGES = _BEFORE_DOMAINS | {GapKind.DOMAIN, GapKind.SIBLING}
#: The gap kinds listed before "going quiet".
_BEFORE_QUIET = _BEFORE_BRIDGES | {GapKind.BRIDGE}


@dataclass(frozen=True, slots=True)
class KeptRow:
    """A cohort row as kept in the store: the row, the date it was scored on, and the first
    date it may no longer be true (:func:`valid_until`)."""

    row: CohortRow
    scored_on: date
    valid_until: date
    #: Who qualifies and their households, kept with the row for the people several young
    #: people share (:mod:`connections.shared_people`); they change only when the row may.
    facts: MissionFacts

    def fresh_on(self, day: date) -> bool:
        return self.scored_on <= day < self.valid_until


def kept_row(network: Network | NetworkValue, as_of: date) -> KeptRow:
    """Score ``network`` on ``as_of`` (one scoring) and say until when the row holds."""
    report = score(network, as_of)
    review = len(to_review(network, as_of)) if network.restrictions else 0
    facts = MissionFacts(tuple(person.id for person in report.qualifying_now), report.households)
    return KeptRow(CohortRow.of(report, review), as_of, _valid_until(network, as_of, report), facts)


def valid_until(network: Network | NetworkValue, as_of: date) -> date:
    """The first date after ``as_of`` on which the network's cohort row could change by the
    calendar alone (the network unchanged): the earliest of

    1. **the next birthday**: age is a column, and a birthday is also when a paid role ends
       (rule 6: ``role_ends_at_age``) and when a milestone passes (the forecast, the next
       milestone, the status and the score);
    2. **entering the 12-month priority window**: the first day the next milestone is no more
       than a year away (the priority list and the "within 12 months" filter; the page also
       works these out from the date, so this only keeps the row's day honest);
    3. **each restriction** starting, ending (the day after ``ends``), falling due for review
       (the day after ``review_by``) and, for a council's refusal, passing 7 days (effective
       safety: rule 3, sibling gaps, the route graph; and ``restrictions_to_review``);
    4. **a last contact passing 365 days** (rule 5: the day ``last_contact`` + 366), for a
       relationship in current contact now, where that can change the row: when it qualifies
       now (the mission, robustness, forecast, domains, status, score); when the most urgent
       gap is a support domain's and the person is paid, living and provides support (a domain
       covered by paid people only reads differently from one with no one); and, when the most
       urgent gap is a bridge or comes after bridges, for every living, safe relationship (the
       route graph's joins to the young person);
    5. **a last contact passing 90 days** ("going quiet": ``last_contact`` + 91) for a
       qualifying relationship, when the most urgent gap is going quiet or comes after it (or
       there is none);
    6. **tomorrow**, when the most urgent gap is going quiet: it counts the days.

    Nothing else in a row depends on the date: rule 5 only ever loses currency and rule 6 only
    ever ends a relationship, so no one starts to qualify without a change to the network or a
    restriction ending (3); the contact log and consents are not read by scoring at all. The
    gaps listed before the most urgent one rest only on the qualifying people, their
    households, the milestones, sibling contact and the route graph, which (1), (3) and (4)
    cover, so no earlier gap can appear before one of those dates.
    """
    return _valid_until(network, as_of, score(network, as_of))


def _valid_until(network: Network | NetworkValue, as_of: date, report: CoverageReport) -> date:
    return min(_change_dates(network, as_of, report))


def _change_dates(
    network: Network | NetworkValue, as_of: date, report: CoverageReport
) -> Iterator[date]:
    tomorrow = as_of + timedelta(days=1)
    young_person = network.young_person
    age = age_on(young_person.date_of_birth, as_of)
    # 1. The next birthday.
    yield milestone_date(young_person.date_of_birth, age + 1)
    # 2. The priority window.
    milestone = report.next_milestone
    if milestone is not None and one_year_after(as_of) < milestone.date:
        yield _window_opens(milestone.date)
    # 3. Restrictions.
    for restriction in network.restrictions:
        candidates = [restriction.starts]
        if restriction.ends is not None:
            candidates.append(restriction.ends + timedelta(days=1))
        if restriction.review_by is not None:
            candidates.append(restriction.review_by + timedelta(days=1))
        if restriction.kind is RestrictionKind.S34_REFUSAL:
            candidates.append(restriction.starts + timedelta(days=S34_REFUSAL_DAYS + 1))
        yield from (day for day in candidates if day > as_of)
    # 4 to 6 rest on the most urgent gap and on who qualifies now.
    first = report.gap_items[0].kind if report.gap_items else None
    if first is GapKind.GOING_QUIET:
        yield tomorrow
        return
    loved = {person.id for person in report.qualifying_now}
    domain_first = first is GapKind.DOMAIN
    routes_matter = first is None or first not in _BEFORE_BRIDGES
    quiet_matters = first is None or first not in _BEFORE_QUIET
    deceased = {person.id for person in network.people if person.deceased}
    safeties = effective_safeties(network, as_of)
    for relationship in network.relationships:
        last = relationship.last_contact
        if last is None or relationship.contact not in _CURRENT_CONTACT:
            continue
        living = relationship.person_id not in deceased
        matters = (
            relationship.person_id in loved
            or (domain_first and relationship.paid and living and bool(relationship.support))
            or (routes_matter and living and safeties[relationship.person_id] is Safety.SAFE)
        )
        lapses = last + timedelta(days=CURRENT_DAYS + 1)
        if matters and lapses > as_of:
            yield lapses
        if quiet_matters and relationship.person_id in loved:
            quiet = last + timedelta(days=QUIET_DAYS + 1)
            if quiet > as_of:
                yield quiet


def _window_opens(milestone: date) -> date:
    """The first day d with ``one_year_after(d) >= milestone``."""
    day = milestone - timedelta(days=366)
    while one_year_after(day) < milestone:
        day += timedelta(days=1)
    return day


# --- kept in the store -----------------------------------------------------------------------
# Below is the only I/O in this module: rows to and from the store, and scoring again the rows
# that are stale, a batch of networks per query.


def to_store(kept: KeptRow, stamp: str | None) -> dict[str, Any]:
    """The parameters of ``cohort_row.keep`` for one row."""
    row = dataclasses.asdict(kept.row)
    row["coverage"] = kept.row.coverage.value
    # With the keys the page's indexes read (sort keys, tally, priority).
    row.update(cohort_keys.row_keys(kept.row))
    # The households flattened (Neo4j keeps no nested lists), and each one's size.
    row["loving"] = [pid for household in kept.facts.households for pid in household]
    row["loving_households"] = [len(household) for household in kept.facts.households]
    return {
        "row": row,
        "stamp": stamp,
        "scored_on": kept.scored_on,
        "valid_until": kept.valid_until,
    }


def from_store(data: Mapping[str, Any]) -> CohortRow:
    """A kept row as the store returns it (absent properties are ``None``)."""
    return CohortRow(
        young_person_id=data["young_person_id"],
        name=data["name"],
        age=data["age"],
        status=data["status"],
        qualifying_now=data["qualifying_now"],
        coverage=CoverageStatus(data["coverage"]),
        score=data["score"],
        next_milestone_age=data.get("next_milestone_age"),
        next_milestone_date=data.get("next_milestone_date"),
        next_milestone_count=data.get("next_milestone_count"),
        most_urgent_gap=data.get("most_urgent_gap"),
        restrictions_to_review=data.get("restrictions_to_review") or 0,
    )


def facts_from_store(
    loving: Sequence[str] | None, sizes: Sequence[int] | None
) -> MissionFacts | None:
    """A kept row's :class:`~connections.scoring.MissionFacts`; ``None`` for a row kept before
    rows held them.

    >>> facts_from_store(["gran", "grandad", "aunt"], [2, 1]).households
    (('gran', 'grandad'), ('aunt',))
    """
    if loving is None or sizes is None:
        return None
    households = []
    start = 0
    for size in sizes:
        households.append(tuple(loving[start : start + size]))
        start += size
    return MissionFacts(tuple(loving), tuple(households))


def refresh(store: Store, as_of: date, batch_size: int = 500) -> int:
    """Score again every row that is missing, invalidated or not for ``as_of``, a batch of
    networks per query, and write them back (each only if its network has not changed since
    its stamp was read). Returns how many were scored."""
    stale = store.stale_cohort_rows(as_of)
    deque(score_and_keep(store, as_of, dict(stale), batch_size), maxlen=0)
    return len(stale)


def score_and_keep(
    store: Store, as_of: date, stamps: Mapping[str, str | None], batch_size: int = 500
) -> Iterator[KeptRow]:
    """Score these young people's networks on ``as_of``, a batch per query, and write each
    batch's rows back, each only if its young person's stamp is still the one given (read
    before their network was); yields the rows a batch at a time. A young person no longer on
    the system is left out."""
    ids = list(stamps)
    for start in range(0, len(ids), batch_size):
        networks = store.networks_for_scoring(ids[start : start + batch_size])
        rows = [kept_row(network, as_of) for network in networks]
        store.keep_cohort_rows(to_store(row, stamps[row.row.young_person_id]) for row in rows)
        yield from rows


def all_rows(store: Store, as_of: date) -> list[CohortRow]:
    """Every young person's row on ``as_of`` from the kept rows (stale ones scored first), in
    young person id order: what :func:`connections.cohort.rows` gives for the whole cohort."""
    refresh(store, as_of)
    return [from_store(row) for row in store.all_kept_cohort_rows()]
