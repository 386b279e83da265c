"""Inventing the family of a sibling group: parents, grandparents, aunts and uncles, cousins
and other relatives on both sides, with how family finding has found each (a mixin of
:class:`~connections.demo.generator._Generator`, whose state it shares)."""

from __future__ import annotations

from connections.demo.records import (
    _Child,
    _Group,
    _Kin,
    _link,
)
from connections.demo.vocabulary import (
    _A,
    _COUSINS,
    _FINDING_EXTENDED,
    _FINDING_INTENSIVE,
    _FINDING_PARENT,
    _KIN_CONTACT,
    _KIN_ROLE,
    _KIN_SAFETY,
    _LOST,
    _NO,
    _NONE,
    _OCC,
    _OLDER_SIBLINGS,
    _S,
    _SIBLINGS_APART,
    _SUP,
    _UN,
)
from connections.model import (
    Category,
    Contact,
    FindingStatus,
    LinkKind,
    Person,
    Role,
    Safety,
    Side,
)

#: The kinds of relative whose side of the family the generator knows: a grandparent, aunt or
#: uncle, cousin or great-aunt is on the mother's side when drawn from her line (``line`` is
#: ``None``) and on a father's side otherwise. The mother's partner is on her side (as the GEDCOM
#: import's rule for a parent's partner). Parents, siblings and step-siblings have no side.
_SIDED_KINDS = frozenset({"grandparent", "aunt_uncle", "cousin", "other_relative"})


class _FamilyMaker:
    """The family of a sibling group (see the module docstring)."""

    def _kin(
        self,
        group: _Group,
        person: Person,
        kind: str,
        line: int | None,
        tier: float,
        **extra: object,
    ) -> _Kin:
        """Record a relative and draw what is true of them for every child of the group."""
        rng = self.rng
        finding: FindingStatus | None = None
        if person.deceased:
            safety, contact = Safety.SAFE, Contact.LOST
        else:
            if kind in ("mother", "father"):
                finding = _FINDING_PARENT.pick(rng)
            elif kind in ("grandparent", "aunt_uncle", "cousin", "other_relative"):
                table = _FINDING_INTENSIVE if group.intensive else _FINDING_EXTENDED
                finding = table.pick(rng)
            safety, contact = self._found(finding, kind)
        kin = _Kin(
            person=person,
            kind=kind,
            line=line,
            tier=tier,
            safety=safety,
            contact=contact,
            finding=finding,
            days=self._days(contact),
            **extra,  # type: ignore[arg-type]
        )
        group.kin.append(kin)
        return kin

    def _found(self, finding: FindingStatus | None, kind: str) -> tuple[Safety, Contact]:
        """Safety and contact that agree with where family finding has got to."""
        rng = self.rng
        roll = rng.random()
        if finding in (FindingStatus.IDENTIFIED, FindingStatus.LOCATED):
            return (_UN if roll < 0.8 else _S), _NONE
        if finding is FindingStatus.RULED_OUT:
            return (_NO if roll < 0.4 else _UN), _NONE
        if finding is FindingStatus.DECLINED:
            return (_S if roll < 0.5 else _UN), (_LOST if rng.random() < 0.5 else _NONE)
        if finding is FindingStatus.CONTACTED:
            return (_S if roll < 0.5 else _UN), (_OCC if rng.random() < 0.4 else _NONE)
        if finding is FindingStatus.ENGAGED:
            safety = _S if roll < 0.7 else _SUP if roll < 0.8 else _UN
            return safety, (_OCC if rng.random() < 0.6 else _A)
        if finding is FindingStatus.COMMITTED:
            return _S, (_A if roll < 0.7 else _OCC)
        safety = _KIN_SAFETY[kind].pick(rng)
        if safety is Safety.NO_CONTACT:
            return safety, (_LOST if rng.random() < 0.7 else _NONE)
        return safety, _KIN_CONTACT[kind].pick(rng)

    def _add_link(self, group: _Group, a: Person, b: Person, kind: LinkKind) -> None:
        link = _link(a, b, kind)
        group.links.setdefault(link.key, link)

    def _grandparents(self, group: _Group, surname: str, line: int | None) -> list[_Kin]:
        rng = self.rng
        count = 2 if rng.random() < 0.85 else 1
        separated = count == 2 and rng.random() < 0.25
        home = self._home()
        grandparents = []
        for index in range(count):
            deceased = rng.random() < 0.15
            if deceased:
                household, address = None, ""
            elif separated and index == 1:
                household, address = self._home()
            else:
                household, address = home
            person = self._person(
                f"{self._first(index == 0)} {surname}",
                Category.FAMILY,
                household=household,
                deceased=deceased,
                address=address,
            )
            grandparents.append(self._kin(group, person, "grandparent", line, 2.0))
        if count == 2 and not separated and not any(k.person.deceased for k in grandparents):
            self._add_link(group, grandparents[0].person, grandparents[1].person, LinkKind.PARTNER)
        return grandparents

    def _family(
        self,
        group: _Group,
        line_known: list[bool],
        line_surname: list[str],
        mother_surname: str,
    ) -> None:
        """Both sides of the family, with households and kinship links, sized to the networks."""
        rng = self.rng
        # Babies have few friends, and family finding finds family: both mean more relatives.
        share = 0.8 if group.intensive or min(c.age for c in group.children) < 5 else 0.55
        family_target = round(max(c.target for c in group.children) * share) + rng.randint(0, 3)
        parent = LinkKind.PARENT

        # Maternal side: grandparents, then the mother (maiden or married name).
        maternal_gps = self._grandparents(group, mother_surname, None)
        mother_deceased = rng.random() < 0.02
        mother_home = (None, "") if mother_deceased else self._home()
        married = line_known[0] and rng.random() < 0.35
        mother = self._kin(
            group,
            self._person(
                f"{self._first(True)} {line_surname[0] if married else mother_surname}",
                Category.FAMILY,
                household=mother_home[0],
                deceased=mother_deceased,
                address=mother_home[1],
            ),
            "mother",
            None,
            # Every child of a sibling group shares her: even the smallest networks keep her.
            -1.0 if len(group.children) > 1 else 0.3,
        )
        for gp in maternal_gps:
            self._add_link(group, gp.person, mother.person, parent)
        maternal_children = [mother]  # the grandparents' children: mother, aunts and uncles

        # Paternal sides: one per father (half-siblings in a group may have different fathers).
        fathers: dict[int, _Kin] = {}
        paternal: dict[int, tuple[list[_Kin], list[_Kin]]] = {}
        with_father = False  # the mother and a father still live together
        for line, known in enumerate(line_known):
            if not known:
                continue
            gps = self._grandparents(group, line_surname[line], line)
            together = line == 0 and not mother_deceased and rng.random() < 0.12
            deceased = rng.random() < 0.03
            if deceased:
                home: tuple[str | None, str] = (None, "")
            else:
                home = mother_home if together else self._home()
            father = self._kin(
                group,
                self._person(
                    f"{self._first(False)} {line_surname[line]}",
                    Category.FAMILY,
                    household=home[0],
                    deceased=deceased,
                    address=home[1],
                ),
                "father",
                line,
                0.8,
            )
            fathers[line] = father
            for gp in gps:
                self._add_link(group, gp.person, father.person, parent)
            if together and not deceased:
                self._add_link(group, mother.person, father.person, LinkKind.PARTNER)
                with_father = True
            elif not deceased and not mother_deceased and rng.random() < 0.4:
                self._add_link(group, mother.person, father.person, LinkKind.KNOWS)
            paternal[line] = (gps, [father])
            if maternal_gps and gps and rng.random() < 0.2:
                self._add_link(group, maternal_gps[0].person, gps[0].person, LinkKind.KNOWS)

        siblings: list[_Kin] = []

        def add_sibling(
            person: Person, shares_mother: bool, father_line: int | None, **extra: object
        ) -> _Kin:
            kin = self._kin(
                group,
                person,
                "sibling",
                None,
                extra.pop("tier", 1.5),  # type: ignore[arg-type]
                shares_mother=shares_mother,
                father_line=father_line,
                **extra,
            )
            if shares_mother:
                self._add_link(group, mother.person, person, parent)
            if father_line in fathers:
                self._add_link(group, fathers[father_line].person, person, parent)
            siblings.append(kin)
            return kin

        # The siblings in care: each stands as a person in the others' networks.
        if len(group.children) > 1:
            for child in group.children:
                unit = child.carers or child.staying
                household = unit.household if unit is not None else None
                child.person = self._person(
                    child.yp.name,
                    Category.FAMILY,
                    household=household,
                    person_id=f"p-{child.yp.id}",
                )
                kin = add_sibling(
                    child.person, True, child.father_line, tier=-10.0, child_index=child.index
                )
                placed_with_sibling = any(
                    other is not child and other.carers is not None and other.carers is child.carers
                    for other in group.children
                )
                if placed_with_sibling or rng.random() < 0.92:
                    kin.safety = _S
                else:
                    kin.safety = _SUP
                if unit is not None:
                    for carer in unit.people:
                        self._add_link(group, carer, child.person, LinkKind.LIVES_WITH)
            for i, first in enumerate(group.children):
                for second in group.children[i + 1 :]:
                    together = first.carers is not None and first.carers is second.carers
                    contact = _A if together else _SIBLINGS_APART.pick(rng)
                    days = rng.randint(1, 7) if together else self._days(contact)
                    group.pair_contact[(first.index, second.index)] = (contact, days)

        # Older brothers and sisters not in care.
        for _ in range(_OLDER_SIBLINGS.pick(rng)):
            shares_mother = rng.random() < 0.9
            known_lines = list(fathers)
            father_line = (
                known_lines[rng.randrange(len(known_lines))]
                if known_lines and rng.random() < 0.75
                else None
            )
            if not shares_mother and father_line is None:
                shares_mother = True
            roll = rng.random()
            lives_with_nan = False
            if roll < 0.3 and mother_home[0] is not None:
                household, address = mother_home
            elif roll < 0.45 and maternal_gps and maternal_gps[0].person.household:
                household, address = (
                    maternal_gps[0].person.household,
                    maternal_gps[0].person.address,
                )
                lives_with_nan = True
            elif roll < 0.85:
                household, address = self._home()
            else:
                household, address = None, ""
            surname = (
                line_surname[father_line]
                if father_line is not None and rng.random() < 0.6
                else mother_surname
            )
            kin = add_sibling(
                self._person(
                    f"{self._first()} {surname}",
                    Category.FAMILY,
                    household=household,
                    address=address,
                ),
                shares_mother,
                father_line,
            )
            if lives_with_nan:
                self._add_link(group, maternal_gps[0].person, kin.person, LinkKind.LIVES_WITH)

        # The mother's new partner, their children (half-siblings) and his (step-siblings).
        if not mother_deceased and not with_father and rng.random() < 0.25:
            partner = self._kin(
                group,
                self._person(
                    f"{self._first(False)} {self._surname()}",
                    Category.FAMILY,
                    household=mother_home[0],
                    address=mother_home[1],
                ),
                "parent_partner",
                None,
                3.0,
            )
            self._add_link(group, mother.person, partner.person, LinkKind.PARTNER)
            partner_surname = partner.person.name.split(" ", 1)[1]
            if rng.random() < 0.5:
                for _ in range(rng.randint(1, 2)):
                    kin = add_sibling(
                        self._person(
                            f"{self._first()} {partner_surname}",
                            Category.FAMILY,
                            household=mother_home[0],
                            address=mother_home[1],
                        ),
                        True,
                        None,
                    )
                    self._add_link(group, partner.person, kin.person, parent)
            if rng.random() < 0.2:
                step = self._kin(
                    group,
                    self._person(f"{self._first()} {partner_surname}", Category.FAMILY),
                    "step_sibling",
                    None,
                    4.0,
                )
                self._add_link(group, partner.person, step.person, parent)

        # A father's children with someone else (half-siblings on that side).
        for line, father in fathers.items():
            if father.person.deceased or rng.random() >= 0.25:
                continue
            for _ in range(rng.randint(1, 2)):
                add_sibling(
                    self._person(
                        f"{self._first()} {line_surname[line]}",
                        Category.FAMILY,
                        household=father.person.household,
                        address=father.person.address,
                    ),
                    False,
                    line,
                )

        for i, first in enumerate(siblings):
            for second in siblings[i + 1 :]:
                same_father = first.father_line is not None and (
                    first.father_line == second.father_line
                )
                if (first.shares_mother and second.shares_mother) or same_father:
                    self._add_link(group, first.person, second.person, LinkKind.SIBLING)

        # Extended family until the family is as big as the biggest network needs.
        steps = ("maternal", "paternal", "maternal", "other", "paternal", "other")
        attempts = 0
        while len(group.kin) < family_target and attempts < 80:
            step = steps[attempts % len(steps)]
            attempts += 1
            if step == "paternal" and paternal:
                lines = list(paternal)
                line = lines[rng.randrange(len(lines))]
                gps, children = paternal[line]
                self._aunt_uncle(group, line_surname[line], gps, children, line)
            elif step == "other":
                side = rng.random()
                if side < 0.6 or not paternal:
                    self._other_relatives(group, maternal_gps, mother_surname, None)
                else:
                    lines = list(paternal)
                    line = lines[rng.randrange(len(lines))]
                    self._other_relatives(group, paternal[line][0], line_surname[line], line)
            else:
                self._aunt_uncle(group, mother_surname, maternal_gps, maternal_children, None)

        # Carers and family who know each other (both are in the group's networks).
        if not mother.person.deceased:
            for child in group.children:
                for unit in (child.carers, child.staying):
                    if unit is not None and rng.random() < 0.3:
                        self._add_link(group, unit.people[0], mother.person, LinkKind.KNOWS)
                    if unit is not None and maternal_gps and rng.random() < 0.2:
                        gp = maternal_gps[0].person
                        if not gp.deceased:
                            self._add_link(group, unit.people[0], gp, LinkKind.KNOWS)

    def _aunt_uncle(
        self,
        group: _Group,
        surname: str,
        grandparents: list[_Kin],
        their_children: list[_Kin],
        line: int | None,
    ) -> None:
        """An aunt or uncle, sometimes with a partner, and their children (the cousins)."""
        rng = self.rng
        deceased = rng.random() < 0.03
        household, address = (None, "") if deceased else self._home()
        own_surname = surname if rng.random() < 0.65 else self._surname()
        aunt = self._kin(
            group,
            self._person(
                f"{self._first(rng.random() < 0.5)} {own_surname}",
                Category.FAMILY,
                household=household,
                deceased=deceased,
                address=address,
            ),
            "aunt_uncle",
            line,
            3.0,
        )
        for gp in grandparents:
            self._add_link(group, gp.person, aunt.person, LinkKind.PARENT)
        for sibling in their_children:
            self._add_link(group, sibling.person, aunt.person, LinkKind.SIBLING)
        their_children.append(aunt)
        parents = [aunt]
        if not deceased and rng.random() < 0.4:
            partner_surname = own_surname if rng.random() < 0.6 else self._surname()
            partner = self._kin(
                group,
                self._person(
                    f"{self._first()} {partner_surname}",
                    Category.FAMILY,
                    household=household,
                    address=address,
                ),
                "aunt_uncle",
                line,
                3.5,
            )
            self._add_link(group, aunt.person, partner.person, LinkKind.PARTNER)
            parents.append(partner)
        cousins: list[_Kin] = []
        for _ in range(_COUSINS.pick(rng)):
            at_home = household is not None and rng.random() < 0.5
            cousin_home = (household, address) if at_home else self._home()
            cousin = self._kin(
                group,
                self._person(
                    f"{self._first()} {parents[-1].person.name.split(' ', 1)[1]}",
                    Category.FAMILY,
                    household=cousin_home[0],
                    address=cousin_home[1],
                ),
                "cousin",
                line,
                4.0,
            )
            for parent_kin in parents:
                self._add_link(group, parent_kin.person, cousin.person, LinkKind.PARENT)
            for other in cousins:
                self._add_link(group, other.person, cousin.person, LinkKind.SIBLING)
            cousins.append(cousin)

    def _other_relatives(
        self, group: _Group, grandparents: list[_Kin], surname: str, line: int | None
    ) -> None:
        """A great-aunt or great-uncle (a grandparent's sibling) and sometimes their child."""
        rng = self.rng
        deceased = rng.random() < 0.1
        household, address = (None, "") if deceased else self._home()
        great = self._kin(
            group,
            self._person(
                f"{self._first()} {surname if rng.random() < 0.5 else self._surname()}",
                Category.FAMILY,
                household=household,
                deceased=deceased,
                address=address,
            ),
            "other_relative",
            line,
            4.5,
        )
        if grandparents:
            gp = grandparents[rng.randrange(len(grandparents))]
            self._add_link(group, gp.person, great.person, LinkKind.SIBLING)
        if rng.random() < 0.5:
            home = self._home()
            child = self._kin(
                group,
                self._person(
                    f"{self._first()} {great.person.name.split(' ', 1)[1]}",
                    Category.FAMILY,
                    household=home[0],
                    address=home[1],
                ),
                "other_relative",
                line,
                4.5,
            )
            self._add_link(group, great.person, child.person, LinkKind.PARENT)


def _kin_role(kin: _Kin, child: _Child) -> Role | None:
    """What a relative is to this child of the group (or ``None``: not this child's family)."""
    if kin.child_index == child.index:
        return None
    if kin.kind == "sibling":
        same_father = kin.father_line is not None and kin.father_line == child.father_line
        if kin.shares_mother:
            return Role.SIBLING if same_father else Role.HALF_SIBLING
        return Role.HALF_SIBLING if same_father else None
    if kin.line is not None and kin.line != child.father_line:
        return None
    return _KIN_ROLE[kin.kind]


def _kin_side(kin: _Kin) -> Side | None:
    """The side of the family a relative is on, where the generator knows it (see
    :data:`_SIDED_KINDS`), so demo maps show the mother's and father's sectors apart."""
    if kin.kind == "parent_partner":
        return Side.MATERNAL
    if kin.kind in _SIDED_KINDS:
        return Side.MATERNAL if kin.line is None else Side.PATERNAL
    return None
