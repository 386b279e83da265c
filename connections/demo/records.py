"""The generator's internal records (a household or worker unit, a relative, a child of a
sibling group, the group) and the pools that share carers and workers between networks."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from connections.demo.vocabulary import (
    _Extra,
    _Weighted,
)
from connections.model import (
    Contact,
    FindingStatus,
    Link,
    LinkKind,
    Person,
    Role,
    Safety,
    YoungPerson,
)

# --- internal records ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    """People who come as one: a foster household, a children's home's staff, one worker."""

    people: list[Person]
    links: list[Link] = field(default_factory=list)
    room: int = 0

    @property
    def household(self) -> str | None:
        return self.people[0].household


@dataclass(slots=True)
class _Kin:
    """A relative shared by a sibling group, with what is true of them for every child.

    Safety, contact and finding status belong to each child's relationship, but they mostly
    describe the relative (a grandmother ruled out is ruled out for all three siblings), so they
    are drawn once here and varied a little per child.
    """

    person: Person
    kind: str
    line: int | None
    tier: float
    safety: Safety
    contact: Contact
    finding: FindingStatus | None
    days: int | None
    shares_mother: bool = True
    father_line: int | None = None
    child_index: int | None = None


@dataclass(slots=True)
class _Child:
    """One young person of a sibling group, and the people arranged for them."""

    index: int
    yp: YoungPerson
    age: int
    age_days: int
    father_line: int
    profile: _Weighted[int]
    target: int
    placement: str = "independent"
    person: Person | None = None
    carers: _Unit | None = None
    home: _Unit | None = None
    keyworkers: list[Person] = field(default_factory=list)
    staying: _Unit | None = None
    host: Person | None = None
    former: list[_Unit] = field(default_factory=list)
    workers: list[tuple[Role, Person, float]] = field(default_factory=list)


@dataclass(slots=True)
class _Group:
    """A sibling group (often of one): the children, their shared family and its links."""

    children: list[_Child]
    intensive: bool
    kin: list[_Kin] = field(default_factory=list)
    links: dict[tuple[str, str, str], Link] = field(default_factory=dict)
    pair_contact: dict[tuple[int, int], tuple[Contact, int | None]] = field(default_factory=dict)


#: One person offered for a network: the person, their role, and where their details come from.
_Member = tuple[Person, Role, "_Kin | _Extra | str | None"]


def _link(a: Person, b: Person, kind: LinkKind) -> Link:
    """A link in the model's canonical direction (``model_construct`` skips its validator)."""
    source, target = a.id, b.id
    if kind is not LinkKind.PARENT and target < source:
        source, target = target, source
    return Link.model_construct(source=source, target=target, kind=kind)


def _age_on(born: date, day: date) -> int:
    """Full years (docs/scoring.md: "Ages are full years at as_of")."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


class _Pool:
    """Workers or carers shared across several young people, each up to a caseload.

    A few units are open at a time; each young person gets one at random, and a unit whose
    caseload is full closes. So children sharing a worker are near each other in the stream, and
    memory stays constant however many young people are generated. Closed units are remembered
    (a bounded number) so foster households can reappear as someone's former carers.
    """

    def __init__(
        self,
        rng: random.Random,
        make: Callable[[], _Unit],
        room: tuple[int, int],
        open_units: int,
        keep_closed: int = 1,
    ) -> None:
        self._rng = rng
        self._make = make
        self._room = room
        self._open_units = open_units
        self._open: list[_Unit] = []
        self._closed: deque[_Unit] = deque(maxlen=keep_closed)

    def take(self, slots: int = 1) -> _Unit:
        while len(self._open) < self._open_units:
            unit = self._make()
            unit.room = self._rng.randint(*self._room)
            self._open.append(unit)
        index = self._rng.randrange(len(self._open))
        unit = self._open[index]
        unit.room -= slots
        if unit.room <= 0:
            del self._open[index]
            self._closed.append(unit)
        return unit

    def former(self) -> _Unit:
        """A unit that has looked after other children (or a new one, early in the stream)."""
        if self._closed and self._rng.random() < 0.85:
            return self._closed[self._rng.randrange(len(self._closed))]
        unit = self._make()
        self._closed.append(unit)
        return unit
