"""The generator: one run's random stream, id counters and shared pools, the sibling groups and
their placements and workers; the family and each network are made by its two mixins."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from connections.demo.constellations import with_constellations
from connections.demo.family import _FamilyMaker
from connections.demo.records import (
    _age_on,
    _Child,
    _Group,
    _link,
    _Pool,
    _Unit,
    _years_before,
)
from connections.demo.relationships import _NetworkMaker
from connections.demo.vocabulary import (
    _AGE,
    _FEMALE,
    _FEMALE_SET,
    _FORMER_PLACEMENTS,
    _GROUP_SIZE,
    _MALE,
    _MALE_SET,
    _NEUTRAL,
    _PROFILE,
    _PROFILES,
    _STAYING_PUT,
    _STREETS,
    _SURNAMES,
    _TOWNS,
)
from connections.demo_restrictions import with_restrictions
from connections.model import (
    Category,
    Contact,
    LinkKind,
    Network,
    Person,
    Role,
    YoungPerson,
    YoungPersonStatus,
)

# --- the generator ------------------------------------------------------------------------------


def generate(
    young_people: int,
    seed: int,
    as_of: date,
    *,
    people_per_network: tuple[int, int] | None = None,
) -> Iterator[Network]:
    """Yield one synthetic network per young person, the same for the same arguments.

    ``people_per_network=(lo, hi)`` makes every network hold between ``lo`` and ``hi`` people
    (for benchmarks that need a known size); by default sizes run from 5 to 80, mostly 15 to 35.

    >>> networks = list(generate(3, seed=1, as_of=date(2026, 1, 1)))
    >>> [n.young_person.id for n in networks]
    ['yp-000001', 'yp-000002', 'yp-000003']
    """
    if isinstance(young_people, bool) or not isinstance(young_people, int) or young_people < 0:
        raise ValueError("young_people must be a whole number, 0 or more")
    if people_per_network is not None:
        lo, hi = people_per_network
        if not 1 <= lo <= hi <= 5000:
            raise ValueError("people_per_network must be (lo, hi) with 1 <= lo <= hi <= 5000")
    networks = _Generator(seed, as_of, people_per_network).networks(young_people)
    # Fixed sizes (benchmarks) get no hub carer: it would be one person more.
    networks = with_restrictions(networks, seed, as_of)
    return with_constellations(networks, seed, as_of, hubs=people_per_network is None)


class _Generator(_FamilyMaker, _NetworkMaker):
    """All the state of one run: the random stream, the id counters and the shared pools."""

    def __init__(self, seed: int, as_of: date, sizes: tuple[int, int] | None) -> None:
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.sizes = sizes
        self._people = 0
        self._households = 0
        self._entries = 0
        self._young_people = 0
        #: Names used in the current sibling group (looked up, never iterated).
        self._taken: set[str] = set()
        rng = self.rng
        self.social_workers = _Pool(rng, self._worker, (10, 18), 6)
        self.iros = _Pool(rng, self._worker, (25, 45), 4)
        self.advisers = _Pool(rng, self._worker, (15, 25), 6)
        self.coordinators = _Pool(rng, self._worker, (30, 50), 3)
        self.teachers = _Pool(rng, self._worker, (2, 5), 8)
        self.advocates = _Pool(rng, self._worker, (10, 20), 3)
        self.therapists = _Pool(rng, self._worker, (5, 10), 4)
        self.foster_homes = _Pool(rng, self._foster_home, (1, 3), 12, keep_closed=60)
        self.children_homes = _Pool(rng, self._children_home, (4, 6), 4)

    # --- small makers ---------------------------------------------------------------------------

    def _first(self, female: bool | None = None) -> str:
        rng = self.rng
        if female is None:
            roll = rng.random()
            if roll < 0.1:
                return _NEUTRAL[rng.randrange(len(_NEUTRAL))]
            female = roll < 0.55
        names = _FEMALE if female else _MALE
        return names[rng.randrange(len(names))]

    def _surname(self) -> str:
        return _SURNAMES[self.rng.randrange(len(_SURNAMES))]

    def _home(self, address_chance: float = 0.05) -> tuple[str, str]:
        """A new household id, and (sometimes) an invented address for everyone in it."""
        self._households += 1
        rng = self.rng
        address = ""
        if rng.random() < address_chance:
            street = _STREETS[rng.randrange(len(_STREETS))]
            address = f"{rng.randint(1, 120)} {street}, {_TOWNS[rng.randrange(len(_TOWNS))]}"
        return f"h-{self._households:06d}", address

    def _distinct(self, name: str) -> str:
        """The name, or a new first name with the same surname if the group has it already.

        Two "Andrew Carter"s in one family would confuse a coordinator reading the map.
        """
        first, _, surname = name.partition(" ")
        names = _FEMALE if first in _FEMALE_SET else _MALE if first in _MALE_SET else _NEUTRAL
        for _ in range(5):
            if name not in self._taken:
                break
            name = f"{names[self.rng.randrange(len(names))]} {surname}"
        self._taken.add(name)
        return name

    def _person(
        self,
        name: str,
        category: Category,
        *,
        household: str | None = None,
        deceased: bool = False,
        address: str = "",
        person_id: str | None = None,
    ) -> Person:
        contact_details, agreed = "", None
        if person_id is None:
            self._people += 1
            person_id = f"p-{self._people:06d}"
            name = self._distinct(name)
            if not deceased:
                contact_details, agreed = self._contact_details(self._people)
        return Person.model_construct(
            id=person_id,
            name=name,
            category=category,
            deceased=deceased,
            household=household,
            address=address,
            contact_details=contact_details,
            reachable_agreed_on=agreed,
        )

    def _contact_details(self, number: int) -> tuple[str, date | None]:
        """Invented contact details for one person in two (a number from Ofcom's range for
        drama, never a real line), and for half of them the day they agreed to be reachable by
        the young person (the My Network pack shows only those). Worked out from the person's
        number, not the random stream, so every other generated value stays as it was."""
        if number % 2:
            return "", None
        details = f"07700 900{number % 1000:03d}"
        if number % 4:
            return details, None
        return details, self.as_of - timedelta(days=30 + number % 300)

    def _worker(self) -> _Unit:
        return _Unit([self._person(f"{self._first()} {self._surname()}", Category.PROFESSIONAL)])

    def _foster_home(self) -> _Unit:
        """One or (usually) two foster carers living together: one household, partners."""
        rng = self.rng
        household, address = self._home(0.15)
        surname = self._surname()
        first = self._person(
            f"{self._first(True)} {surname}", Category.CARER, household=household, address=address
        )
        if rng.random() >= 0.7:
            return _Unit([first])
        second_surname = surname if rng.random() < 0.7 else self._surname()
        second = self._person(
            f"{self._first(rng.random() < 0.15)} {second_surname}",
            Category.CARER,
            household=household,
            address=address,
        )
        return _Unit([first, second], [_link(first, second, LinkKind.PARTNER)])

    def _children_home(self) -> _Unit:
        """The staff of a children's home: they know each other but do not live together."""
        staff = [
            self._person(f"{self._first()} {self._surname()}", Category.CARER)
            for _ in range(self.rng.randint(3, 5))
        ]
        links = [_link(a, b, LinkKind.KNOWS) for a, b in zip(staff, staff[1:], strict=False)]
        return _Unit(staff, links)

    def _target_size(self, age: int) -> int:
        """How many people a network holds: babies know fewer, family finding finds more."""
        rng = self.rng
        if self.sizes is not None:
            return rng.randint(*self.sizes)
        if rng.random() < 0.08:  # after intensive family finding
            return round(rng.triangular(40, 80, 46))
        if age < 5:
            return round(rng.triangular(5, 30, 14))
        return round(rng.triangular(5, 46, 23))

    def _dob(self, age: int) -> date:
        latest = _years_before(self.as_of, age)
        if age == 0:
            latest = self.as_of - timedelta(days=14)  # old enough to have been seen before as_of
        earliest = _years_before(self.as_of, age + 1) + timedelta(days=1)
        return earliest + timedelta(days=self.rng.randint(0, (latest - earliest).days))

    def _births(self, size: int) -> list[date]:
        """Dates of birth for a sibling group, eldest first: twins, or at least 300 days apart."""
        rng = self.rng
        eldest = self._dob(max(_AGE.pick(rng), 2 * (size - 1)))
        gaps = [0 if rng.random() < 0.06 else rng.randint(330, 1800) for _ in range(size - 1)]
        room = (self.as_of - timedelta(days=14) - eldest).days
        if sum(gaps) > room:  # squeeze the gaps (the eldest is old enough for 300 days each)
            spare = sum(g - 300 for g in gaps if g)
            scale = (room - 300 * sum(1 for g in gaps if g)) / spare
            gaps = [300 + int((g - 300) * scale) if g else 0 for g in gaps]
        births = [eldest]
        for gap in gaps:
            births.append(births[-1] + timedelta(days=gap))
        return births

    def _days(self, contact: Contact) -> int | None:
        """Days between the last contact and as_of, as they typically spread for each contact."""
        rng = self.rng
        roll = rng.random()
        if contact is Contact.ACTIVE:
            if roll < 0.04:
                return None
            if roll < 0.85:
                return rng.randint(1, 45)
            return rng.randint(91, 200) if roll < 0.95 else rng.randint(366, 480)
        if contact is Contact.OCCASIONAL:
            if roll < 0.04:
                return None
            if roll < 0.7:
                return rng.randint(20, 120)
            return rng.randint(121, 365) if roll < 0.93 else rng.randint(366, 600)
        if contact is Contact.LOST:
            return None if roll < 0.3 else rng.randint(366, 3000)
        return None

    # --- the stream -----------------------------------------------------------------------------

    def networks(self, total: int) -> Iterator[Network]:
        made = 0
        while made < total:
            size = 1 if self.rng.random() < 0.8 else _GROUP_SIZE.pick(self.rng)
            size = min(size, total - made)
            group = self._group(size)
            for child in group.children:
                yield self._network(group, child)
            made += size

    # --- a sibling group ------------------------------------------------------------------------

    def _group(self, size: int) -> _Group:
        rng = self.rng
        births = self._births(size)
        ages = [_age_on(born, self.as_of) for born in births]
        lines = [0]
        for _ in range(size - 1):
            lines.append(lines[-1] if rng.random() < 0.75 else max(lines) + 1)
        targets = [self._target_size(age) for age in ages]
        group = _Group([], intensive=max(targets) >= 40)
        self._taken = set()
        line_known = [rng.random() < 0.88 for _ in range(max(lines) + 1)]
        line_surname = [self._surname() for _ in line_known]
        mother_surname = self._surname()

        for index, (dob, age, line, target) in enumerate(
            zip(births, ages, lines, targets, strict=True)
        ):
            self._young_people += 1
            yp_id = f"yp-{self._young_people:06d}"
            surname = line_surname[line] if line_known[line] and rng.random() < 0.6 else None
            status = YoungPersonStatus.IN_CARE
            if age >= 18 and rng.random() < 0.95:
                status = YoungPersonStatus.CARE_LEAVER
            yp = YoungPerson.model_construct(
                id=yp_id,
                name=self._distinct(f"{self._first()} {surname or mother_surname}"),
                date_of_birth=dob,
                status=status,
            )
            group.children.append(
                _Child(
                    index=index,
                    yp=yp,
                    age=age,
                    age_days=(self.as_of - dob).days,
                    father_line=line,
                    profile=_PROFILES[_PROFILE.pick(rng)],
                    target=target,
                )
            )

        self._placements(group)
        self._workers(group)
        self._family(group, line_known, line_surname, mother_surname)
        return group

    def _placements(self, group: _Group) -> None:
        """Where each child lives: siblings are often placed together, in one foster home."""
        rng = self.rng
        for child in group.children:
            if child.yp.status is YoungPersonStatus.IN_CARE:
                if child.age >= 18:
                    child.placement = _STAYING_PUT
                elif child.age >= 11 and rng.random() < 0.15:
                    child.placement = "residential"
                else:
                    child.placement = "foster"
            elif child.age <= 20 and rng.random() < 0.2:
                child.placement = _STAYING_PUT
            elif child.age <= 21 and rng.random() < 0.18:
                child.placement = "lodgings"

        fostered = [c for c in group.children if c.placement == "foster"]
        if len(fostered) >= 2 and rng.random() < 0.65:
            together = self.foster_homes.take(len(fostered))
            for child in fostered:
                child.carers = together
        else:
            for child in fostered:
                child.carers = self.foster_homes.take()

        shared_former = self.foster_homes.former() if len(group.children) > 1 else None
        for child in group.children:
            if child.placement == "residential":
                child.home = self.children_homes.take()
                child.keyworkers = rng.sample(child.home.people, rng.randint(1, 2))
            elif child.placement == _STAYING_PUT:
                child.staying = self.foster_homes.former()
            elif child.placement == "lodgings":
                household, address = self._home(0.2)
                child.host = self._person(
                    f"{self._first()} {self._surname()}",
                    Category.CARER,
                    household=household,
                    address=address,
                )
            if child.age < 2:
                continue
            former: list[_Unit] = []
            if shared_former is not None and rng.random() < 0.6:
                former.append(shared_former)
            for _ in range(_FORMER_PLACEMENTS.pick(rng)):
                former.append(self.foster_homes.former())
            current = (child.carers, child.staying)
            for unit in former:
                if all(unit is not other for other in current) and all(
                    unit is not other for other in child.former
                ):
                    child.former.append(unit)

    def _workers(self, group: _Group) -> None:
        """Paid workers from the pools: siblings usually share a social worker and an IRO."""
        rng = self.rng
        children = group.children
        in_care = [c for c in children if c.yp.status is YoungPersonStatus.IN_CARE]
        leaving = [c for c in children if c.age >= 16]

        def share(
            pool: _Pool, who: list[_Child], chance: float, together: float
        ) -> list[Person | None]:
            """One worker for all of ``who`` (with ``together`` odds), else one each."""
            if len(who) > 1 and rng.random() < together:
                shared = pool.take(len(who)).people[0]
                return [shared if rng.random() < chance else None for _ in who]
            return [pool.take().people[0] if rng.random() < chance else None for _ in who]

        for child, worker in zip(
            in_care, share(self.social_workers, in_care, 0.97, 0.85), strict=True
        ):
            if worker is not None:
                child.workers.append((Role.SOCIAL_WORKER, worker, 0.0))
        for child, worker in zip(in_care, share(self.iros, in_care, 0.92, 0.9), strict=True):
            if worker is not None:
                child.workers.append((Role.IRO, worker, 1.0))
        for child, worker in zip(leaving, share(self.advisers, leaving, 1.0, 0.7), strict=True):
            chance = 0.6 if child.age < 18 else 0.95 if child.age <= 25 else 0.4
            if worker is not None and rng.random() < chance:
                child.workers.append(
                    (Role.PERSONAL_ADVISER, worker, 0.0 if child.age >= 18 else 1.0)
                )
        if rng.random() < 0.45:
            coordinator = self.coordinators.take(len(children)).people[0]
            for child in children:
                child.workers.append((Role.COORDINATOR, coordinator, 1.5))
        for child in children:
            at_school = 4 <= child.age <= 17 and rng.random() < 0.8
            at_college = 18 <= child.age <= 19 and rng.random() < 0.25
            if at_school or at_college:
                child.workers.append((Role.TEACHER, self.teachers.take().people[0], 1.5))
            if rng.random() < 0.18 and child.age >= 6:
                child.workers.append((Role.ADVOCATE, self.advocates.take().people[0], 3.5))
            if rng.random() < 0.15 and child.age >= 4:
                child.workers.append((Role.THERAPIST, self.therapists.take().people[0], 3.5))
