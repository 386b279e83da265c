"""Kept cohort rows: a row scored on ``as_of`` is the row of every date before its
``valid_until`` (connections.cohort_rows), over random networks and random dates (hypothesis,
bounded and seeded)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connections.cohort import CohortRow
from connections.cohort_rows import facts_from_store, kept_row, to_store, valid_until
from connections.model import Domain, Network, RestrictionKind, RestrictionScope, parse_network
from connections.restrictions import to_review
from connections.scoring import mission_facts, score
from tests.unit.test_scoring_properties import AS_OF, documents

ALL_DOMAINS = [domain.value for domain in Domain]
SEEDED = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def dated_networks(draw: st.DrawFn) -> Network:
    """Random networks (test_scoring_properties' people and relationships, last contacts
    between 0 and 500 days before AS_OF) with random restrictions, some due for review."""
    rich = draw(st.booleans())
    document = draw(
        documents(max_people=9).filter(lambda d: len(d["people"]) >= 3) if rich else documents()
    )
    if rich:
        # Most relationships loving, safe and current with every domain covered, so that the
        # later gaps (siblings, bridges, going quiet, data to complete) come first often enough
        # to be tried; their last contacts anywhere in the 500 days before AS_OF.
        for person, relationship in zip(document["people"], document["relationships"], strict=True):
            if draw(st.integers(0, 5)):
                person["deceased"] = False
                days = draw(st.integers(0, 500))
                relationship.update(
                    closeness=draw(st.sampled_from([4, 4, 2])),
                    closeness_rated_by="young_person",
                    safety="safe",
                    wishes="wants",
                    contact=draw(st.sampled_from(["active", "occasional", "lost"])),
                    last_contact=(AS_OF - timedelta(days=days)).isoformat(),
                    support=ALL_DOMAINS,
                    paid=draw(st.sampled_from([False, False, True])),
                )
    restrictions = []
    for index, relationship in enumerate(document["relationships"]):
        for number in range(draw(st.integers(0, 2))):
            starts = AS_OF + timedelta(days=draw(st.integers(-60, 60)))
            ends = draw(st.none() | st.integers(0, 90).map(lambda d, s=starts: s + timedelta(d)))
            review = draw(st.none() | st.integers(-30, 90).map(lambda d: AS_OF + timedelta(d)))
            restrictions.append(
                {
                    "id": f"r{index}-{number}",
                    "person_id": relationship["person_id"],
                    "kind": draw(st.sampled_from(list(RestrictionKind))).value,
                    "scope": draw(st.sampled_from(list(RestrictionScope))).value,
                    "starts": starts.isoformat(),
                    "ends": ends and ends.isoformat(),
                    "review_by": review and review.isoformat(),
                }
            )
    document["restrictions"] = restrictions
    return parse_network(document)


def fresh_row(network: Network, day: date) -> CohortRow:
    """The row as connections.cohort.rows scores it."""
    review = len(to_review(network, day)) if network.restrictions else 0
    return CohortRow.of(score(network, day), review)


@SEEDED
@given(dated_networks(), st.integers(0, 400), st.floats(0, 1, exclude_max=True))
def test_a_row_holds_on_every_day_before_valid_until(
    network: Network, shift: int, fraction: float
) -> None:
    as_of = AS_OF + timedelta(days=shift - 200)
    kept = kept_row(network, as_of)
    assert kept.row == fresh_row(network, as_of)
    assert kept.facts == mission_facts(network, as_of)
    assert as_of < kept.valid_until <= as_of + timedelta(days=366)
    assert kept.valid_until == valid_until(network, as_of)
    later = as_of + timedelta(days=int((kept.valid_until - as_of).days * fraction))
    assert kept.fresh_on(later)
    assert fresh_row(network, later) == kept.row
    assert mission_facts(network, later) == kept.facts
    # As the store keeps them (households flattened, with their sizes), for the shared people.
    stored = to_store(kept, None)["row"]
    again = facts_from_store(stored["loving"], stored["loving_households"])
    assert again is not None and again.households == kept.facts.households
    assert set(again.qualifying) == set(kept.facts.qualifying)


def calendar_days(network: Network) -> set[date]:
    """Every day on which SCORING.md lets a row change by the calendar (a superset, worked out
    independently of connections.cohort_rows): birthdays, last contacts passing 90 and 365
    days, restrictions starting, ending, falling due for review or passing 7 days."""
    born = network.young_person.date_of_birth
    days = {date(year, born.month, min(born.day, 28)) for year in range(2024, 2030)}
    days |= {date(year, 3, 1) for year in range(2024, 2030)}  # 29 February birthdays
    days |= {born.replace(day=min(born.day, 28)) + timedelta(days=1)}
    for relationship in network.relationships:
        if relationship.last_contact is not None:
            days |= {relationship.last_contact + timedelta(days=n) for n in (91, 366)}
    for restriction in network.restrictions:
        days |= {restriction.starts, restriction.starts + timedelta(days=8)}
        for end in (restriction.ends, restriction.review_by):
            if end is not None:
                days.add(end + timedelta(days=1))
    return days


@SEEDED
@given(dated_networks(), st.integers(0, 400))
def test_a_row_holds_on_each_day_the_calendar_could_change_it(network: Network, shift: int) -> None:
    """Checked on every day a change could happen before valid_until (the day after as_of
    too, for going quiet's count of days, and the last day of the row's life)."""
    as_of = AS_OF + timedelta(days=shift - 200)
    kept = kept_row(network, as_of)
    last = kept.valid_until - timedelta(days=1)
    for day in calendar_days(network) | {as_of + timedelta(days=1), last}:
        if as_of <= day < kept.valid_until:
            assert fresh_row(network, day) == kept.row, day
            assert mission_facts(network, day) == kept.facts, day


def test_the_rules_name_their_dates() -> None:
    """Each rule on a small network: a birthday, a qualifying person's last contact passing
    365 days, and a restriction starting, whichever comes first."""
    document = {
        "young_person": {
            "id": "yp",
            "name": "Alex",
            "date_of_birth": "2009-06-01",
            "status": "in_care",
        },
        "people": [
            {"id": "a", "name": "Ann", "category": "family"},
            {"id": "b", "name": "Bob", "category": "family"},
        ],
        "relationships": [
            {
                "person_id": pid,
                "role": "aunt_uncle",
                "closeness": 4,
                "closeness_rated_by": "young_person",
                "safety": "safe",
                "contact": "active",
                "last_contact": last,
                "support": ALL_DOMAINS,
            }
            for pid, last in (("a", "2026-01-10"), ("b", "2026-04-01"))
        ],
    }
    network = parse_network(document)
    # The birthday (1 June) comes first.
    assert valid_until(network, date(2026, 5, 1)) == date(2026, 6, 1)
    # After it, Ann's last contact passes 365 days on 11 January 2027.
    assert valid_until(network, date(2026, 6, 1)) == date(2027, 1, 11)
    assert score(network, date(2027, 1, 10)).qualifying_count == 2
    assert score(network, date(2027, 1, 11)).qualifying_count == 1
    # A restriction starting on 1 September comes before that.
    document["restrictions"] = [
        {
            "id": "r1",
            "person_id": "b",
            "kind": "s34_order",
            "scope": "no_contact",
            "starts": "2026-09-01",
        }
    ]
    assert valid_until(parse_network(document), date(2026, 6, 1)) == date(2026, 9, 1)


def test_a_bridge_that_goes_out_of_contact_ends_the_row() -> None:
    """Rule 4 for the route graph: the most urgent gap is a bridge (Xan, not loving, the only
    link to Yas), and Xan's last contact passing 365 days leaves no route through him."""
    loving = {
        "closeness": 4,
        "closeness_rated_by": "young_person",
        "safety": "safe",
        "contact": "active",
        "support": ALL_DOMAINS,
    }
    document = {
        "young_person": {
            "id": "yp",
            "name": "Alex",
            "date_of_birth": "2010-04-01",
            "status": "in_care",
        },
        "people": [
            {"id": pid, "name": name, "category": "family"}
            for pid, name in (("a", "Ann"), ("b", "Bob"), ("c", "Cat"), ("x", "Xan"), ("y", "Yas"))
        ],
        "relationships": [
            *({"person_id": pid, "role": "aunt_uncle", **loving} for pid in ("a", "b", "c")),
            {
                "person_id": "x",
                "role": "cousin",
                "closeness": 2,
                "closeness_rated_by": "young_person",
                "safety": "safe",
                "contact": "active",
                "last_contact": "2025-09-01",
            },
            {
                "person_id": "y",
                "role": "cousin",
                "closeness": 1,
                "closeness_rated_by": "young_person",
                "safety": "safe",
                "contact": "lost",
            },
        ],
        "links": [{"source": "x", "target": "y", "kind": "knows"}],
    }
    network = parse_network(document)
    as_of = date(2026, 5, 1)
    assert score(network, as_of).most_urgent_gap == "Xan is the only link to Yas."
    assert valid_until(network, as_of) == date(2026, 9, 2)
    assert score(network, date(2026, 9, 1)).most_urgent_gap == "Xan is the only link to Yas."
    assert score(network, date(2026, 9, 2)).most_urgent_gap != "Xan is the only link to Yas."
