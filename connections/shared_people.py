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

Pure: the store gives the networks a batch at a time (:func:`tally` each), and
:func:`shared_people` adds the batches up, so the cohort never has to be in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from connections.model import Category, Network, Role
from connections.scoring import MISSION, MissionFacts, mission_facts

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
    networks: Iterable[Network],
    as_of: date,
    tallies: dict[str, Tally] | None = None,
    only: frozenset[str] | None = None,
) -> dict[str, Tally]:
    """Add these networks' figures to ``tallies`` (a new dict when none) for every person they
    hold, or only for the people in ``only``; returns the tallies."""
    tallies = {} if tallies is None else tallies
    for network in networks:
        people = {person.id: person for person in network.people}
        held = [r for r in network.relationships if only is None or r.person_id in only]
        if not held:
            continue
        report = mission_facts(network, as_of)
        loving = set(report.qualifying)
        for relationship in held:
            person = people[relationship.person_id]
            entry = tallies.get(person.id)
            if entry is None:
                entry = tallies[person.id] = Tally(person.name, person.category)
            entry.roles.add(relationship.role)
            entry.young_people += 1
            if person.id in loving:
                entry.loving_for += 1
                mission_met, robust = _without(report, person.id)
                entry.below_mission_if_lost += report.mission_met and not mission_met
                entry.not_robust_if_lost += report.robust and not robust
    return tallies


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


class SharedPeopleSource(Protocol):
    """What :func:`from_store` needs of the store."""

    def shared_people_scope(self, minimum: int = 2) -> tuple[frozenset[str], list[str]]: ...

    def networks_for_scoring(self, young_person_ids: Sequence[str]) -> list[Network]: ...


def from_store(
    store: SharedPeopleSource, as_of: date, minimum: int = 2, batch_size: int = 500
) -> list[SharedPerson]:
    """The shared people of the whole cohort: one query for who they are, then only the networks
    holding them, ``batch_size`` at a time (one query each)."""
    person_ids, young_person_ids = store.shared_people_scope(minimum)
    tallies: dict[str, Tally] = {}
    for start in range(0, len(young_person_ids), batch_size):
        batch = store.networks_for_scoring(young_person_ids[start : start + batch_size])
        tally(batch, as_of, tallies, only=person_ids)
    return shared_people(tallies, minimum)
