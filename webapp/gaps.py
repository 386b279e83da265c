""" "What needs doing": each gap of the report as a link to the page or form where it is done.

Scoring says what each gap is and whom it is about (:class:`~connections.scoring.Gap`); which
page deals with it is the web app's business, decided here and nowhere else:

- a cliff edge (someone paid leaves at 18): that person's relationship, at "Always Here"
  (whether they will stay in touch after the role ends);
- a sibling out of contact, someone going quiet: the contact log, for that person;
- closeness not rated, safety not assessed, last contact unknown: the relationship's edit form,
  at that field;
- a bridge (the only link to others): linking two people;
- too few loving relationships, one household holding them, a kind of support no one loving
  offers: the network page, where people are added and changed.

A gap about several people links to the network page and also to each person's own form. Only
users who may change the network get links (a facilitator reads the same sentences as text).

While family finding is paused for want of consent (:func:`connections.consent
.family_finding_paused`), the sentence that says why comes first, linked to the consent page, and
no gap offers a lead (someone still to find or reconnect with) as an action: such a gap is text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import url_for

from connections.scoring import CoverageReport, Gap, GapKind


@dataclass(frozen=True, slots=True)
class PersonLink:
    """One person's own place to deal with a gap; ``action`` is said to screen readers."""

    name: str
    href: str
    action: str


@dataclass(frozen=True, slots=True)
class GapLink:
    """A gap sentence with where it is done (``href`` ``None``: shown as text)."""

    text: str
    href: str | None = None
    people: tuple[PersonLink, ...] = ()


#: Gaps dealt with on each person's relationship form: the field to go to and what to do there.
_RELATIONSHIP_FIELDS: Mapping[GapKind, tuple[str, str]] = {
    GapKind.CLIFF_EDGE: ("continues_beyond_role", "ask whether they will stay in touch"),
    GapKind.CLOSENESS_UNRATED: ("closeness", "record how close the young person feels"),
    GapKind.SAFETY_UNASSESSED: ("safety", "record whether contact is safe"),
    GapKind.LAST_CONTACT_UNKNOWN: ("last_contact", "record the date of last contact"),
}
#: Gaps dealt with in the contact log, for the one person they are about.
_CONTACT_LOG = frozenset({GapKind.SIBLING, GapKind.GOING_QUIET})


def gap_links(
    report: CoverageReport, names: Mapping[str, str], paused: str | None = None
) -> list[GapLink]:
    """Every gap of ``report``, most urgent first, with where it is done; ``names`` are the
    network's people by id (for the per-person links). ``paused``: why family finding is
    paused (first, linked to the consent page; no lead is offered as an action)."""
    young_person_id = report.young_person.id
    if paused is None:
        return [_link(gap, young_person_id, names) for gap in report.gap_items]
    leads = {lead.id for lead in report.leads}
    consent_page = url_for("consent.ledger", young_person_id=young_person_id)
    return [
        GapLink(paused, consent_page),
        *(
            GapLink(gap.text)
            if leads.intersection(gap.people)
            else _link(gap, young_person_id, names)
            for gap in report.gap_items
        ),
    ]


def plain(report: CoverageReport, paused: str | None = None) -> list[GapLink]:
    """The gaps as text only (a user who may not change the network, a printed report), after
    why family finding is paused when it is."""
    first = [GapLink(paused)] if paused else []
    return first + [GapLink(gap.text) for gap in report.gap_items]


def _link(gap: Gap, young_person_id: str, names: Mapping[str, str]) -> GapLink:
    network_page = url_for("network.manage", young_person_id=young_person_id) + "#people"
    if gap.kind in _CONTACT_LOG and gap.people:
        href = url_for("network.contacts", young_person_id=young_person_id, person=gap.people[0])
        return GapLink(gap.text, href)
    if gap.kind is GapKind.BRIDGE:
        return GapLink(gap.text, url_for("network.add_link", young_person_id=young_person_id))
    if gap.kind in _RELATIONSHIP_FIELDS:
        field, action = _RELATIONSHIP_FIELDS[gap.kind]
        people = tuple(
            PersonLink(
                names.get(person_id, person_id),
                url_for(
                    "network.edit_relationship",
                    young_person_id=young_person_id,
                    person_id=person_id,
                )
                + f"#{field}",
                action,
            )
            for person_id in gap.people
        )
        if len(people) == 1:
            return GapLink(gap.text, people[0].href)
        return GapLink(gap.text, network_page, people)
    return GapLink(gap.text, network_page)
