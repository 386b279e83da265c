"""Who each person in a family tree is to the young person: role, side and degree.

The rules are docs/gedcom.md's (issue 11): blood relatives up to a civil-law degree (generations
up to the common ancestor plus generations down: parents 1, grandparents and siblings 2, aunts,
uncles and great-grandparents 3, first cousins 4), the parents' partners who are not parents, and
those partners' children as step-siblings. Everyone else in the file is left out, with a reason.
Pure: a :class:`~connections.gedcom.reader.FamilyTree` in, a :class:`Kinship` out.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field

from connections.gedcom.reader import FamilyTree
from connections.model import Role, Side

DEFAULT_DEGREE = 4
#: Beyond this a "relative" means little to a family-finding coordinator, and the search grows.
MAX_DEGREE = 10

NOT_RELATED = "not a blood relative of the young person nor a parent's partner or their child"


def further_than(degree: int) -> str:
    """The reason given for blood relatives beyond ``degree``."""
    return f"a blood relative further than degree {degree}"


@dataclass(frozen=True)
class Kin:
    """One relative: who they are to the young person."""

    xref: str
    role: Role
    side: Side | None
    #: The civil-law degree of a blood relative; None for a parent's partner or their child.
    degree: int | None


@dataclass
class Kinship:
    young_person: str
    relatives: dict[str, Kin] = field(default_factory=dict)
    #: reason -> how many people of the file were left out for it
    left_out: Counter[str] = field(default_factory=Counter)


def kinship(tree: FamilyTree, young_person: str, degree: int = DEFAULT_DEGREE) -> Kinship:
    """The young person's relatives in ``tree`` up to ``degree``, and who was left out."""
    parents = _ordered_parents(tree, young_person)
    result = Kinship(young_person)

    # Up: every ancestor within the degree, at its nearest generation, with the side it is on.
    generation: dict[str, int] = {young_person: 0}
    side_of: dict[str, Side | None] = {young_person: None}
    queue = deque([young_person])
    while queue:
        person = queue.popleft()
        if generation[person] >= degree:
            continue
        for parent in _sorted_parents(tree, person, parents):
            if parent in generation:
                continue
            generation[parent] = generation[person] + 1
            side_of[parent] = side_of[person] if person != young_person else parents[parent]
            queue.append(parent)

    # Down from each ancestor (and the young person): the nearest way to each relative.
    best: dict[str, tuple[int, int, int, str]] = {}
    for ancestor, up in sorted(generation.items(), key=lambda item: (item[1], item[0])):
        depth = {ancestor: 0}
        queue = deque([ancestor])
        while queue:
            person = queue.popleft()
            here = depth[person]
            if person != young_person:
                candidate = (up + here, up, here, ancestor)
                if person not in best or candidate[:3] < best[person][:3]:
                    best[person] = candidate
            if up + here >= degree:
                continue
            for child in sorted(tree.children_of(person)):
                if child not in depth:
                    depth[child] = here + 1
                    queue.append(child)

    young_families = set(tree.families_of_child(young_person))
    for person, (total, up, down, ancestor) in best.items():
        role, side = _blood_role(tree, person, up, down, parents, young_families)
        if up >= 2:
            side = side_of[ancestor]
        result.relatives[person] = Kin(person, role, side, total)

    # Parents' partners who are not parents, and their children as step-siblings.
    for parent, parent_side in parents.items():
        for family in tree.families_of_partner(parent):
            for partner in tree.families[family].partners:
                if partner in (parent, young_person) or partner in result.relatives:
                    continue
                result.relatives[partner] = Kin(partner, Role.OTHER_RELATIVE, parent_side, None)
    step_parents = [k.xref for k in result.relatives.values() if k.degree is None]
    for step_parent in sorted(step_parents):
        for child in sorted(tree.children_of(step_parent)):
            if child != young_person and child not in result.relatives:
                result.relatives[child] = Kin(child, Role.STEP_SIBLING, None, None)

    blood = _all_blood_relatives(tree, young_person)
    for person in tree.people:
        if person == young_person or person in result.relatives:
            continue
        result.left_out[further_than(degree) if person in blood else NOT_RELATED] += 1
    return result


def _ordered_parents(tree: FamilyTree, young_person: str) -> dict[str, Side]:
    """The young person's parents and the side each stands for (the mother's is maternal)."""
    parents: dict[str, Side] = {}
    for family_id in tree.families_of_child(young_person):
        family = tree.families[family_id]
        for parent in family.partners:
            parents.setdefault(parent, _side_of_parent(tree, parent, family.husband))
    return parents


def _side_of_parent(tree: FamilyTree, parent: str, husband: str | None) -> Side:
    """By the parent's recorded sex, else by where the family lists them (HUSB is the father)."""
    sex = tree.people[parent].sex
    if sex == "F":
        return Side.MATERNAL
    if sex == "M":
        return Side.PATERNAL
    return Side.PATERNAL if parent == husband else Side.MATERNAL


def _sorted_parents(tree: FamilyTree, person: str, parents: dict[str, Side]) -> list[str]:
    """Mothers' lines first, so a relative on both sides is counted on the maternal one."""
    found = tree.parents_of(person)
    return sorted(found, key=lambda p: (parents.get(p) is not Side.MATERNAL, p))


def _blood_role(
    tree: FamilyTree,
    person: str,
    up: int,
    down: int,
    parents: dict[str, Side],
    young_families: set[str],
) -> tuple[Role, Side | None]:
    if up == 1 and down == 0:
        return (Role.MOTHER if parents[person] is Side.MATERNAL else Role.FATHER), None
    if up == 1 and down == 1:
        # Full siblings: the same family (the same couple), or both parents shared.
        shared = tree.parents_of(person) & set(parents)
        same_family = young_families & set(tree.families_of_child(person))
        full = bool(same_family) or len(shared) >= 2
        return (Role.SIBLING if full else Role.HALF_SIBLING), None
    if up <= 1:
        return Role.OTHER_RELATIVE, None  # the young person's children, siblings' children
    if up == 2 and down == 0:
        return Role.GRANDPARENT, None
    if up == 2 and down == 1:
        return Role.AUNT_UNCLE, None
    if up == 2 and down == 2:
        return Role.COUSIN, None
    return Role.OTHER_RELATIVE, None


def _all_blood_relatives(tree: FamilyTree, young_person: str) -> set[str]:
    """Everyone who shares an ancestor with the young person, at any degree (to say why people
    are left out): all ancestors, then all their descendants, each visited once."""
    ancestors = {young_person}
    queue = deque([young_person])
    while queue:
        for parent in tree.parents_of(queue.popleft()):
            if parent not in ancestors:
                ancestors.add(parent)
                queue.append(parent)
    related = set(ancestors)
    queue = deque(ancestors)
    while queue:
        for child in tree.children_of(queue.popleft()):
            if child not in related:
                related.add(child)
                queue.append(child)
    return related
