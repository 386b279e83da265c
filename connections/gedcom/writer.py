"""A network's family as a GEDCOM 5.5.1 file that a genealogy program opens.

Only family is written: never professionals, carers or friends, never notes, safety notes,
ratings, wishes, addresses or contact details. A restricted person (see :func:`restricted`) is
written as a placeholder, ``Name withheld``, with no other detail, so the tree keeps its shape
(a withheld father still joins his children to their grandparents) without saying who they are.

Families are rebuilt from the network's ``parent`` and ``partner`` links, and from the young
person's mothers, fathers and full siblings. Pure: a network in, text out.
"""

from __future__ import annotations

from datetime import date

from connections.model import Category, LinkKind, Network, Person, Role, Safety
from connections.restrictions import effective_safeties

WITHHELD = "Name withheld"
SOURCE = "LIFELONG-CONNECTIONS"
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def restricted(network: Network, as_of: date) -> set[str]:
    """People whose details never leave in a family tree: effective safety ``no_contact`` or
    ``supervised`` on ``as_of``, anyone with a restriction that has not ended (any scope, even
    one starting later), and anyone the young person asked to hide from the family."""
    safeties = effective_safeties(network, as_of)
    held = {pid for pid, s in safeties.items() if s in (Safety.NO_CONTACT, Safety.SUPERVISED)}
    held |= {r.person_id for r in network.restrictions if r.ends is None or r.ends >= as_of}
    held |= {r.person_id for r in network.relationships if r.hide_in_conference}
    return held


def family_people(network: Network) -> list[Person]:
    """The people a family tree holds: family, never professionals, carers or friends."""
    return [p for p in network.people if p.category is Category.FAMILY]


def to_gedcom(network: Network, as_of: date) -> str:
    """The GEDCOM 5.5.1 text (UTF-8, CRLF line ends) of the young person's family."""
    people = sorted(family_people(network), key=lambda p: p.id)
    young_person = network.young_person
    xref = {young_person.id: "@I1@"}
    for number, person in enumerate(people, 2):
        xref[person.id] = f"@I{number}@"
    roles = {r.person_id: r.role for r in network.relationships}
    withheld = restricted(network, as_of)

    parents: dict[str, set[str]] = {pid: set() for pid in xref}
    for link in network.links:
        if link.kind is LinkKind.PARENT and link.source in xref and link.target in xref:
            parents[link.target].add(link.source)
    own_parents = {p.id for p in people if roles.get(p.id) in (Role.MOTHER, Role.FATHER)}
    parents[young_person.id] |= own_parents
    for person in people:
        if roles.get(person.id) is Role.SIBLING and not parents[person.id]:
            parents[person.id] = set(own_parents)  # a full sibling shares both parents

    families: dict[frozenset[str], list[str]] = {}
    for child in xref:
        if parents[child]:
            couple = frozenset(sorted(parents[child])[:2])
            families.setdefault(couple, []).append(child)
    for link in network.links:
        if link.kind is LinkKind.PARTNER and link.source in xref and link.target in xref:
            families.setdefault(frozenset((link.source, link.target)), [])
    family_xref = {
        couple: f"@F{number}@"
        for number, couple in enumerate(sorted(families, key=lambda c: sorted(c)), 1)
    }

    lines = [
        "0 HEAD",
        f"1 SOUR {SOURCE}",
        "2 NAME Lifelong Connections",
        f"1 DATE {_gedcom_date(as_of)}",
        "1 SUBM @U1@",
        "1 GEDC",
        "2 VERS 5.5.1",
        "2 FORM LINEAGE-LINKED",
        "1 CHAR UTF-8",
        "0 @U1@ SUBM",
        "1 NAME Lifelong Connections",
    ]
    sex = {
        pid: "F" if role is Role.MOTHER else "M"
        for pid, role in roles.items()
        if role in (Role.MOTHER, Role.FATHER)
    }
    entries = [(young_person.id, young_person.name, False)] + [
        (p.id, p.name, p.deceased) for p in people
    ]
    for pid, name, deceased in entries:
        lines.append(f"0 {xref[pid]} INDI")
        if pid in withheld:
            lines.append(f"1 NAME {WITHHELD}")
        else:
            lines.append(f"1 NAME {_name(name)}")
            if pid in sex:
                lines.append(f"1 SEX {sex[pid]}")
            if pid == young_person.id:
                lines += ["1 BIRT", f"2 DATE {_gedcom_date(young_person.date_of_birth)}"]
            if deceased:
                lines.append("1 DEAT Y")
        for couple, children in families.items():
            if pid in children:
                lines.append(f"1 FAMC {family_xref[couple]}")
        for couple in families:
            if pid in couple:
                lines.append(f"1 FAMS {family_xref[couple]}")
    for couple, children in sorted(families.items(), key=lambda item: family_xref[item[0]]):
        lines.append(f"0 {family_xref[couple]} FAM")
        first, *rest = sorted(couple, key=lambda pid: (roles.get(pid) is Role.MOTHER, pid))
        if rest:
            lines += [f"1 HUSB {xref[first]}", f"1 WIFE {xref[rest[0]]}"]
        else:
            tag = "WIFE" if roles.get(first) is Role.MOTHER else "HUSB"
            lines.append(f"1 {tag} {xref[first]}")
        lines += [f"1 CHIL {xref[child]}" for child in sorted(children, key=xref.__getitem__)]
    lines.append("0 TRLR")
    return "\r\n".join(lines) + "\r\n"


def _clean(text: str) -> str:
    """One line of GEDCOM text: no line breaks, and at signs doubled (5.5.1's escape)."""
    return " ".join(text.split()).replace("@", "@@")


def _name(name: str) -> str:
    """``Rose Ann Smith`` -> ``Rose Ann /Smith/``: the last word as the surname, as genealogy
    programs index people by it (a one-word name has none)."""
    words = _clean(name).replace("/", " ").split()
    if len(words) < 2:
        return " ".join(words)
    return f"{' '.join(words[:-1])} /{words[-1]}/"


def _gedcom_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
