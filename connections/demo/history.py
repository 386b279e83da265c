"""Two years of plausible history for each demo network, so the history page, the timeline and
"is family finding working?" show something real on first start.

Kept apart from :mod:`connections.demo.generator` (the networks generated stay byte for byte what
they were): :func:`plan` works backwards from a generated network (today's) to the networks it
grew from, and :class:`DemoHistory` writes them through the store as back-dated versions
(:meth:`connections.store.finding.FindingRecords.record_demo_history`), before today's network is
saved, so that today's is the next version.

The story of each network, two years up to the day before ``as_of``:

- the young person's family, carers and workers are there from the start; a quarter of the
  others (friends, mentors, new workers) join on a day of their own;
- everyone family finding reached is *identified* on some day, then *located*, *contacted*,
  *engaged* and *committed* (as far as they got), two weeks to three months apart; someone who
  declined was contacted first, someone ruled out was only identified. Until a found person has
  been met (engaged), nothing is known of their closeness, wishes or contact;
- some people's closeness changes once (a third of those rated): closer over time, mostly;
- one or two people (an old friend, a former mentor) are in the network for a while and then
  lost: they are invented here (``p-<young person>-was-1``) and are not in today's network;
- a contact log entry appears with the first change on or after its date; a restriction with the
  first change once its person is there and it has started;
- the changes of a fortnight are recorded together, on one day of it (a review), as they stood
  at its end: at most 53 versions a network, which keeps ``connections demo`` quick (below);
- two in five young people had a family group conference: their guest list was made final on a
  day in the last year, with up to four of the people they then had who may be invited; half of
  those had one or two before it, six months or more apart, so the timeline marks two or three
  (each recorded as a conference held, ``finding.demo_conferences``).

Deterministic for a seed: one ``random.Random`` per young person, seeded from the seed and their
id (string seeding is stable across runs and machines), no clock.

Writing is batched: the past versions are written as the store would have kept them (the
canonical export of each past network, which is what saving it would have recorded: a generated
network's export is the stored one's, byte for byte), 500 a statement. Saving each past network
instead (with ``acting_as(at=...)``) took 174 s for the default 60 young people against 13 s
without history on this machine: each save is a transaction with the version check of every
network sharing a person with it, and pooled workers reach most of them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any, Final, Protocol

from connections.finding_progress import UK
from connections.guest_list import refusal
from connections.model import (
    Category,
    Contact,
    FindingStatus,
    Network,
    Person,
    RatedBy,
    Relationship,
    Role,
    Wishes,
)

__all__ = ["DEMO_BY", "HISTORY_DAYS", "DemoConference", "DemoHistory", "DemoStep", "plan"]

#: Who the demo says made every change in its history.
DEMO_BY: Final = "demo-coordinator"
HISTORY_DAYS: Final = 730
#: Changes are recorded fortnightly (see :func:`plan`): at most 53 versions a network.
REVIEW_DAYS: Final = 14
_FINDING_PATHS: Final = {
    FindingStatus.IDENTIFIED: (FindingStatus.IDENTIFIED,),
    FindingStatus.LOCATED: (FindingStatus.IDENTIFIED, FindingStatus.LOCATED),
    FindingStatus.CONTACTED: (
        FindingStatus.IDENTIFIED,
        FindingStatus.LOCATED,
        FindingStatus.CONTACTED,
    ),
    FindingStatus.ENGAGED: (
        FindingStatus.IDENTIFIED,
        FindingStatus.LOCATED,
        FindingStatus.CONTACTED,
        FindingStatus.ENGAGED,
    ),
    FindingStatus.COMMITTED: (
        FindingStatus.IDENTIFIED,
        FindingStatus.LOCATED,
        FindingStatus.CONTACTED,
        FindingStatus.ENGAGED,
        FindingStatus.COMMITTED,
    ),
    FindingStatus.DECLINED: (
        FindingStatus.IDENTIFIED,
        FindingStatus.LOCATED,
        FindingStatus.CONTACTED,
        FindingStatus.DECLINED,
    ),
    FindingStatus.RULED_OUT: (FindingStatus.IDENTIFIED, FindingStatus.RULED_OUT),
}
_MET: Final = frozenset({FindingStatus.ENGAGED, FindingStatus.COMMITTED, FindingStatus.DECLINED})
_FROM_THE_START: Final = frozenset({Category.FAMILY, Category.CARER})
_LOST_PEOPLE: Final = (
    ("Dana Brooks", Role.FRIEND, Category.FRIEND),
    ("Lee Marsh", Role.MENTOR, Category.COMMUNITY),
    ("Robin Hale", Role.FRIEND, Category.FRIEND),
    ("Sam Okafor", Role.INDEPENDENT_VISITOR, Category.COMMUNITY),
    ("Jess Patel", Role.FRIEND, Category.FRIEND),
)


@dataclass(frozen=True)
class DemoStep:
    """The network as it was after a change on ``at``."""

    at: datetime
    network: Network


@dataclass(frozen=True)
class DemoConference:
    """A young person's latest conference (its guest list final today) and the ones held before
    it: when, and how many were invited."""

    young_person_id: str
    at: datetime
    guest_ids: tuple[str, ...]
    earlier: tuple[tuple[datetime, int], ...] = ()


@dataclass
class _Life:
    """One relationship's story: from ``joins`` (a day number) to ``leaves`` (or for good),
    its finding stages by day, and an earlier closeness until ``closer_on``."""

    person: Person
    relationship: Relationship
    joins: int
    leaves: int | None = None
    stages: tuple[tuple[int, FindingStatus], ...] = ()
    closeness_before: int | None = None
    closer_on: int | None = None

    def days(self) -> set[int]:
        days = {self.joins, *(day for day, _ in self.stages)}
        if self.leaves is not None:
            days.add(self.leaves)
        if self.closer_on is not None:
            days.add(self.closer_on)
        return days

    def on(self, day: int, on_date: date) -> Relationship | None:
        if day < self.joins or (self.leaves is not None and day >= self.leaves):
            return None
        relationship = self.relationship
        update: dict[str, Any] = {}
        if self.stages:
            reached = [status for stage_day, status in self.stages if stage_day <= day]
            status = reached[-1]
            if status is not relationship.finding_status:
                update["finding_status"] = status
                if status not in _MET:  # not met yet: nothing known of them as a person
                    update.update(
                        closeness=None,
                        closeness_rated_by=None,
                        contact=Contact.NONE_YET,
                        last_contact=None,
                        wishes=Wishes.UNKNOWN,
                        support=[],
                    )
        if self.closer_on is not None and day < self.closer_on:
            update["closeness"] = self.closeness_before
        last_contact = update.get("last_contact", relationship.last_contact)
        if last_contact is not None and last_contact > on_date:
            update["last_contact"] = on_date - timedelta(days=14)
        return relationship.model_copy(update=update) if update else relationship


def plan(network: Network, as_of: date, seed: int) -> list[DemoStep]:
    """The networks ``network`` grew from over the two years before ``as_of``, oldest first, one
    per day with a change (today's network itself is not among them)."""
    young_person_id = network.young_person.id
    rng = random.Random(f"{seed}:history:{young_person_id}")
    begins = as_of - timedelta(days=HISTORY_DAYS)
    people = {person.id: person for person in network.people}
    lives = [
        _life(rng, people[relationship.person_id], relationship)
        for relationship in network.relationships
    ]
    lives.extend(_lost(rng, young_person_id, len(network.relationships)))
    # Changes are recorded at fortnightly reviews: on one day of each fortnight with a change
    # (the same weekday for this young person), as they stand at the fortnight's end.
    offset = rng.randrange(REVIEW_DAYS)
    fortnights = sorted(
        {day // REVIEW_DAYS for life in lives for day in life.days() if 0 <= day < HISTORY_DAYS}
    )
    steps = []
    for fortnight in fortnights:
        day = min(fortnight * REVIEW_DAYS + offset, HISTORY_DAYS - 1)
        as_it_stands = min(fortnight * REVIEW_DAYS + REVIEW_DAYS - 1, HISTORY_DAYS - 1)
        on_date = begins + timedelta(days=day)
        present = [(life, life.on(as_it_stands, on_date)) for life in lives]
        kept = [(life.person, rel) for life, rel in present if rel is not None]
        ids = {person.id for person, _ in kept}
        at = datetime.combine(on_date, time(9, 0), tzinfo=UK) + timedelta(
            minutes=rng.randrange(8 * 60)
        )
        steps.append(
            DemoStep(
                at,
                network.model_copy(
                    update={
                        "people": [person for person, _ in kept],
                        "relationships": [rel for _, rel in kept],
                        "links": [
                            link
                            for link in network.links
                            if link.source in ids and link.target in ids
                        ],
                        "contact_log": [
                            entry
                            for entry in network.contact_log
                            if entry.person_id in ids and entry.date <= on_date
                        ],
                        "restrictions": [
                            restriction
                            for restriction in network.restrictions
                            if restriction.person_id in ids and restriction.starts <= on_date
                        ],
                    }
                ),
            )
        )
    return steps


def conference(network: Network, steps: Sequence[DemoStep], seed: int) -> DemoConference | None:
    """Two in five young people had a conference in the last year (see the module)."""
    rng = random.Random(f"{seed}:conference:{network.young_person.id}")
    if rng.random() >= 0.4 or not steps:
        return None
    recent = [step for step in steps if (steps[-1].at - step.at).days <= 300]
    step = rng.choice(recent)
    on = step.at.astimezone(UK).date()
    today = {relationship.person_id for relationship in network.relationships}
    guests = [
        relationship.person_id
        for relationship in step.network.relationships
        if relationship.person_id in today
        and relationship.closeness is not None
        and relationship.closeness >= 2
        and refusal(network, relationship.person_id, on) is None
    ]
    if not guests:
        return None
    return DemoConference(
        network.young_person.id,
        step.at + timedelta(hours=2),
        tuple(sorted(guests)[:4]),
        _earlier(rng, steps, step),
    )


def _earlier(
    rng: random.Random, steps: Sequence[DemoStep], latest: DemoStep
) -> tuple[tuple[datetime, int], ...]:
    """Half of those with a conference had one or two before it, six months or more apart (a
    review conference), each with up to four of the people they then had who were close."""
    held: list[tuple[datetime, int]] = []
    before = latest
    for _ in range(2):
        if rng.random() >= 0.5:
            break
        older = [step for step in steps if (before.at - step.at).days >= 180]
        if not older:
            break
        before = rng.choice(older)
        close = sum(
            1
            for relationship in before.network.relationships
            if relationship.closeness is not None and relationship.closeness >= 2
        )
        held.append((before.at + timedelta(hours=2), min(close, 4)))
    return tuple(sorted(held))


def _life(rng: random.Random, person: Person, relationship: Relationship) -> _Life:
    life = _Life(person, relationship, joins=0)
    path = _FINDING_PATHS.get(relationship.finding_status)  # type: ignore[arg-type]
    if path:
        gaps = [rng.randint(14, 95) for _ in path[1:]]
        latest = HISTORY_DAYS - 10 - sum(gaps)
        day = rng.randint(20, max(20, latest))
        stages = [(day, path[0])]
        for gap, status in zip(gaps, path[1:], strict=True):
            day = min(day + gap, HISTORY_DAYS - 1)
            stages.append((day, status))
        life.joins = stages[0][0]
        life.stages = tuple(stages)
    elif person.category not in _FROM_THE_START and rng.random() < 0.25:
        life.joins = rng.randint(30, HISTORY_DAYS - 30)
    closeness = relationship.closeness
    if closeness is not None and relationship.finding_status is None and rng.random() < 0.33:
        life.closer_on = rng.randint(life.joins + 30, HISTORY_DAYS + 29)
        life.closeness_before = (
            max(0, closeness - 1) if rng.random() < 0.75 else min(4, closeness + 1)
        )
        if life.closeness_before == closeness:
            life.closer_on = None
    return life


def _lost(rng: random.Random, young_person_id: str, size: int) -> list[_Life]:
    """One or two people in the network for a while, then lost (none in a network of one)."""
    lives = []
    count = rng.choice((1, 1, 2)) if size > 1 else 0
    for number in range(1, count + 1):
        name, role, category = _LOST_PEOPLE[rng.randrange(len(_LOST_PEOPLE))]
        person = Person(id=f"p-{young_person_id}-was-{number}", name=name, category=category)
        relationship = Relationship(
            person_id=person.id,
            role=role,
            closeness=rng.choice((2, 3)),
            closeness_rated_by=RatedBy.YOUNG_PERSON,
            contact=Contact.OCCASIONAL,
        )
        joins = rng.choice((0, rng.randint(0, 300)))
        lives.append(
            _Life(
                person, relationship, joins=joins, leaves=rng.randint(joins + 60, HISTORY_DAYS - 1)
            )
        )
    return lives


class HistoryStore(Protocol):
    def record_demo_history(self, histories: Sequence[Sequence[DemoStep]]) -> None: ...

    def link_demo_history(self, young_person_ids: Sequence[str]) -> None: ...

    def with_versions(self, young_person_ids: Sequence[str]) -> set[str]: ...

    def record_demo_conferences(self, conferences: Sequence[DemoConference]) -> None: ...


class DemoHistory:
    """Writes each batch's history as the networks pass on their way to the store (in the way
    of :class:`connections.demo_consents.DemoConsents`): :meth:`passing` writes the history of
    each ``batch_size`` networks before handing them on, so the bulk save that follows (today's
    networks, each the next version) comes after it; :meth:`flush`, once a batch is saved,
    joins the versions to their young people and records the conferences."""

    def __init__(self, store: HistoryStore, as_of: date, seed: int, batch_size: int) -> None:
        self.store, self.as_of, self.seed, self.batch_size = store, as_of, seed, batch_size
        self.versions = 0
        self.conferences = 0
        self._ids: list[str] = []
        self._pending: list[DemoConference] = []

    def passing(self, networks: Iterable[Network]) -> Iterator[Network]:
        stream = iter(networks)
        while batch := list(islice(stream, self.batch_size)):
            self.write(batch)
            yield from batch

    def write(self, networks: Sequence[Network]) -> None:
        """Every past version of the batch's networks (see the module for the batching); none
        for a young person who has a history already (a demo loaded again without emptying)."""
        kept = self.store.with_versions([network.young_person.id for network in networks])
        networks = [network for network in networks if network.young_person.id not in kept]
        plans = [plan(network, self.as_of, self.seed) for network in networks]
        for network, steps in zip(networks, plans, strict=True):
            held = conference(network, steps, self.seed)
            if held:
                self._pending.append(held)
        self.store.record_demo_history(plans)
        self.versions += sum(len(steps) for steps in plans)
        self._ids.extend(network.young_person.id for network in networks)

    def flush(self) -> None:
        """Once the batch is saved: its versions joined to it, its conferences recorded."""
        if self._ids:
            self.store.link_demo_history(self._ids)
            self._ids = []
        if self._pending:
            self.store.record_demo_conferences(self._pending)
            self.conferences += len(self._pending)
            self._pending = []
