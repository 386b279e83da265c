"""People several young people share, and what losing one of them would cost the cohort.

A Mockingbird hub carer, a personal adviser with twenty care leavers, a grandmother of three
siblings placed apart: one :class:`~connections.model.Person` in several networks. For each
person in at least two young people's networks, counted in young people:

- ``young_people``: the networks they are in (a relationship of any safety);
- ``loving_for``: those for whom they are a qualifying (loving) relationship now;
- ``below_mission_if_lost``: those meeting the mission now who would not without them;
- ``not_robust_if_lost``: those robust now who would not be without them.

"Without them" is the network scored again with that person's relationship to the young person
removed; the person stays among the network's people and links (a household or a route through
them is not what is lost). Only a qualifying relationship can change whether the mission is met
or the network is robust (both read only the qualifying people), and for one that does, the
answer follows from the network's own report (:func:`_without`): each network is scored once.

Pure but for :func:`from_store`: :func:`tally` adds up networks (each scored once) and
:func:`add` one network's facts, and :func:`shared_people` lists the totals. :func:`from_store`
reads each network's facts from its kept cohort row (:mod:`connections.cohort_rows`), written
whenever the row is scored and made stale with it, so a request scores only the networks
changed since their rows were kept, not every network holding someone shared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from connections import cohort_rows
from connections.model import Category, Network, Role
from connections.scoring import MISSION, MissionFacts, mission_facts
from connections.store import Store
from connections.store.shared_people import SharedHolder

#: The CSV's columns, in the JSON's words (the command line's and the web page's).
CSV_COLUMNS = (
    "person_id",
    "name",
    "young_people",
    "loving_for",
    "below_mission_if_lost",
    "not_robust_if_lost",
)


@dataclass(slots=True)
class Tally:
    """One person's figures so far, added up over the networks seen."""

    name: str
    category: Category
    roles: set[Role] = field(default_factory=set)
    young_people: int = 0
    loving_for: int = 0
    below_mission_if_lost: int = 0
    not_robust_if_lost: int = 0


@dataclass(frozen=True, slots=True)
class SharedPerson:
    """A person in two or more young people's networks, with the impact of losing them."""

    person_id: str
    name: str
    category: Category
    roles: tuple[Role, ...]
    young_people: int
    loving_for: int
    below_mission_if_lost: int
    not_robust_if_lost: int

    def to_dict(self) -> dict[str, Any]:
        """The person as ``connections shared --format json`` and the API give them."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "young_people": self.young_people,
            "loving_for": self.loving_for,
            "below_mission_if_lost": self.below_mission_if_lost,
            "not_robust_if_lost": self.not_robust_if_lost,
        }


def without_relationship(network: Network, person_id: str) -> Network:
    """``network`` with the young person's relationship to ``person_id`` removed; the person,
    their links and everything else stay."""
    kept = [r for r in network.relationships if r.person_id != person_id]
    return network.model_copy(update={"relationships": kept})


def tally(
    networks: Iterable[Network], as_of: date, tallies: dict[str, Tally] | None = None
) -> dict[str, Tally]:
    """Add these networks' figures to ``tallies`` (a new dict when none) for every person they
    hold, each network scored once; returns the tallies."""
    tallies = {} if tallies is None else tallies
    for network in networks:
        people = {person.id: person for person in network.people}
        held = [
            (r.person_id, people[r.person_id].name, people[r.person_id].category, r.role)
            for r in network.relationships
        ]
        add(tallies, held, mission_facts(network, as_of))
    return tallies


def add(
    tallies: dict[str, Tally],
    held: Iterable[tuple[str, str, Category, Role]],
    facts: MissionFacts,
) -> None:
    """Add one network to ``tallies``: the people it holds (id, name, category, the
    relationship's role) and its :class:`~connections.scoring.MissionFacts`."""
    loving = set(facts.qualifying)
    for person_id, name, category, role in held:
        entry = tallies.get(person_id)
        if entry is None:
            entry = tallies[person_id] = Tally(name, category)
        entry.roles.add(role)
        entry.young_people += 1
        if person_id in loving:
            entry.loving_for += 1
            mission_met, robust = _without(facts, person_id)
            entry.below_mission_if_lost += facts.mission_met and not mission_met
            entry.not_robust_if_lost += facts.robust and not robust


def _without(report: MissionFacts, person_id: str) -> tuple[bool, bool]:
    """Whether the mission would be met, and the network robust, without the young person's
    relationship with ``person_id`` (a qualifying one), from ``report`` alone.

    Exactly what scoring the network again would say, for less than a thousandth of the work:
    the other relationships qualify as before (each rule reads only its own relationship), and
    households are components over everyone in the network, who all stay, so the person's
    household just holds one qualifying person fewer.
    """
    qualifying = len(report.qualifying) - 1
    biggest = max((len(group) - (person_id in group) for group in report.households), default=0)
    return qualifying >= MISSION, qualifying - biggest >= MISSION


def shared_people(tallies: dict[str, Tally], minimum: int = 2) -> list[SharedPerson]:
    """The people in at least ``minimum`` young people's networks, most at risk first: by
    ``below_mission_if_lost``, ``not_robust_if_lost``, ``loving_for`` (each descending), then
    name and id."""
    people = [
        SharedPerson(
            person_id,
            entry.name,
            entry.category,
            tuple(sorted(entry.roles)),
            entry.young_people,
            entry.loving_for,
            entry.below_mission_if_lost,
            entry.not_robust_if_lost,
        )
        for person_id, entry in tallies.items()
        if entry.young_people >= minimum
    ]
    people.sort(
        key=lambda p: (
            -p.below_mission_if_lost,
            -p.not_robust_if_lost,
            -p.loving_for,
            p.name.casefold(),
            p.person_id,
        )
    )
    return people


def from_store(store: Store, as_of: date, minimum: int = 2) -> list[SharedPerson]:
    """The shared people of the whole cohort from the kept cohort rows: stale rows are scored
    again first (:func:`connections.cohort_rows.refresh`, as the cohort page does), then one
    query gives every network holding someone shared with its row's mission facts. Only a row
    kept before rows held them (or made since the refresh) has its network read and scored."""
    cohort_rows.refresh(store, as_of)
    tallies: dict[str, Tally] = {}
    unkept: dict[str, SharedHolder] = {}
    for holder in store.shared_people_holders(minimum):
        facts = cohort_rows.facts_from_store(holder.loving, holder.loving_households)
        if facts is None:
            unkept[holder.young_person_id] = holder
        else:
            add(tallies, holder.shared, facts)
    stamps = {young_person_id: holder.stamp for young_person_id, holder in unkept.items()}
    for kept in cohort_rows.score_and_keep(store, as_of, stamps):
        add(tallies, unkept[kept.row.young_person_id].shared, kept.facts)
    return shared_people(tallies, minimum)
