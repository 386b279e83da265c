"""What each audience may see: one projection per audience, applied to the network value on the
server before any page, download or API answer is built from it (pure functions, no I/O).

==========================  ===========================================================
audience                    what is removed
==========================  ===========================================================
a worker allocated to the   nothing (restricted people are marked, not hidden); use the
young person                network as loaded
the family at a Family      people whose *effective* safety is ``no_contact``
Group Conference            (:mod:`connections.restrictions`), people the young person
(:func:`for_conference`)    asked to hide, people with no relationship; every address,
                            note and safety note, all contact details; closeness
                            ratings; the contact log; the restrictions themselves;
                            the young person's own words unless they chose to show
                            them (:func:`conference_words`)
==========================  ===========================================================

Templates never decide what an audience may see: they are given the projected network. The young
person's own audience (their invitation page) is :mod:`connections.young_person_audience`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Final

from connections.model import Contact, Network, Person, Relationship, Safety
from connections.own_words import OwnWords
from connections.restrictions import imposed_safety, most_restrictive, with_effective_safety

__all__ = [
    "CONFERENCE_IN_TOUCH",
    "conference_version",
    "conference_words",
    "for_conference",
    "shown_in_conference",
]


def shown_in_conference(relationship: Relationship) -> bool:
    """Whether a conference may see the person of this relationship at all: not when its
    (effective) safety is ``no_contact``, nor when the young person asked to keep them out
    (``hide_in_conference``). Give it a relationship that carries effective safety
    (:func:`connections.restrictions.with_effective_safety`)."""
    return relationship.safety is not Safety.NO_CONTACT and not relationship.hide_in_conference


#: The contact a conference is shown, as "staying in touch" (often, now and then); any other
#: contact is not shown to the family.
CONFERENCE_IN_TOUCH: Final = frozenset({Contact.ACTIVE, Contact.OCCASIONAL})


def conference_version(
    relationships: Mapping[str, Relationship],
    people: Mapping[str, Person],
    imposed: Mapping[str, Safety] | None = None,
) -> str:
    """The version of a young person's network as a conference sees it (relationships and
    people by person id, as :meth:`~connections.store.Store.update_relationships` locks them;
    ``imposed``: the safety active restrictions impose, by person id, from
    :func:`connections.restrictions.imposed_safety`).

    Computed only from what the conference pages show of each person a conference may see
    (:func:`shown_in_conference`): id, name, category, deceased, role, paid, what they offer,
    Always Here, and whether they stay in touch. So it changes whenever any of that changes, a
    person becomes visible or hidden, or someone visible is added or removed; and it is the
    same for two networks that differ only in what a conference may not see (hidden people,
    their ids and how many they are, ratings, notes, safety, addresses). A version carried by a
    conference page, where the family can read the page's source, must give away nothing the
    page does not show (the whole network's version changes with hidden people and, with
    guessable ids, names them).

    >>> from connections.model import Person, Relationship
    >>> gran = Person(id="gran", name="Gran", category="family")
    >>> ray = Person(id="ray", name="Ray", category="family")
    >>> seen = Relationship(person_id="gran", role="grandparent", safety="safe")
    >>> hidden = Relationship(person_id="ray", role="father", safety="no_contact")
    >>> alone = conference_version({"gran": seen}, {"gran": gran})
    >>> alone == conference_version({"gran": seen, "ray": hidden}, {"gran": gran, "ray": ray})
    True
    >>> ordered = {"ray": Safety.NO_CONTACT}
    >>> alone == conference_version({"gran": seen, "ray": seen.model_copy(
    ...     update={"person_id": "ray"})}, {"gran": gran, "ray": ray}, ordered)
    True
    >>> alone == conference_version({"gran": seen.model_copy(update={"paid": True})},
    ...                             {"gran": gran})
    False
    """
    imposed = imposed or {}
    rows = sorted(
        (
            person_id,
            person.name,
            person.category.value,
            person.deceased,
            relationship.role.value,
            relationship.paid,
            sorted(domain.value for domain in relationship.support),
            relationship.continues_beyond_role,
            relationship.contact.value if relationship.contact in CONFERENCE_IN_TOUCH else "",
        )
        for person_id, relationship in relationships.items()
        if not relationship.hide_in_conference
        and most_restrictive(relationship.safety, imposed.get(person_id, Safety.SAFE))
        is not Safety.NO_CONTACT
        and (person := people.get(person_id)) is not None
    )
    text = json.dumps(rows, separators=(",", ":"))
    return "c-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def conference_imposed(network: Network, as_of: date) -> dict[str, Safety]:
    """The safety active restrictions impose in ``network`` on ``as_of``: what
    :func:`conference_version` needs besides the members."""
    return imposed_safety(network.restrictions, as_of)


def for_conference(network: Network, as_of: date) -> Network:
    """The network as a Family Group Conference may see it on ``as_of``: a new network, the
    input untouched.

    - Safety becomes effective safety (restrictions active on ``as_of``).
    - People whose relationship is then ``no_contact`` are removed entirely, with their links and
      contact log entries; so are people the young person asked to keep out of the conference
      (``hide_in_conference``) and people with no relationship at all (nothing says they are
      safe to show).
    - Every ``address``, ``contact_details``, ``safety_note`` and ``notes`` is emptied (and
      ``reachable_agreed_on`` with the contact details).
    - The young person's closeness ratings are removed (``closeness`` and
      ``closeness_rated_by`` become ``None``): they are the young person's private view.
    - The contact log and the restrictions are dropped.

    This runs on the server, before anything is rendered, because what is hidden in a
    conference must be absent from the page sent to the browser, not hidden by style. Still in
    the result (and never shown by the conference map): safety, wishes, contact, finding status,
    side and support of the people who remain.

    >>> from connections.model import parse_network
    >>> full = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "gran", "name": "Gran", "category": "family", "address": "1 Row"},
    ...                {"id": "ray", "name": "Ray", "category": "family"},
    ...                {"id": "kim", "name": "Kim", "category": "family"}],
    ...     "relationships": [
    ...         {"person_id": "gran", "role": "grandparent", "closeness": 4,
    ...          "closeness_rated_by": "young_person", "safety": "safe"},
    ...         {"person_id": "ray", "role": "aunt_uncle", "safety": "no_contact"},
    ...         {"person_id": "kim", "role": "mother", "safety": "safe"}],
    ...     "links": [{"source": "gran", "target": "ray", "kind": "parent"}],
    ...     "restrictions": [{"id": "r1", "person_id": "kim", "kind": "s34_order",
    ...                       "scope": "no_contact", "starts": "2026-01-01"}],
    ... })
    >>> shown = for_conference(full, date(2026, 5, 1))
    >>> [p.name for p in shown.people], shown.people[0].address, shown.relationships[0].closeness
    (['Gran'], '', None)
    >>> shown.links, shown.restrictions, full.people[0].address
    ([], [], '1 Row')
    """
    network = with_effective_safety(network, as_of)
    people = {person.id: person for person in network.people}
    shown: set[str] = set()
    relationships: list[Relationship] = []
    for relationship in network.relationships:
        pid = relationship.person_id
        if pid not in people or pid in shown or not shown_in_conference(relationship):
            continue
        shown.add(pid)
        # Shallow copies (a deep copy costs more than building the map) with the one mutable
        # field, the support list, copied: the result shares nothing mutable with the input.
        relationships.append(
            relationship.model_copy(
                update={
                    "closeness": None,
                    "closeness_rated_by": None,
                    "notes": "",
                    "safety_note": "",
                    "support": list(relationship.support),
                }
            )
        )
    # A person id listed twice is shown once; a later entry never brings back a removed person.
    kept_people: list[Person] = []
    kept: set[str] = set()
    for person in network.people:
        if person.id in shown and person.id not in kept:
            kept.add(person.id)
            kept_people.append(
                person.model_copy(
                    update={"address": "", "contact_details": "", "reachable_agreed_on": None}
                )
            )
    links = [
        link.model_copy() for link in network.links if link.source in shown and link.target in shown
    ]
    return network.model_copy(
        update={
            "young_person": network.young_person.model_copy(),
            "people": kept_people,
            "relationships": relationships,
            "links": links,
            "contact_log": [],
            "restrictions": [],
        }
    )


def conference_words(words: OwnWords | None) -> str | None:
    """The young person's own words as the conference may see them: the text only, and only
    when the young person chose to show it at their family meeting (``None`` otherwise, so
    nothing of it, not even who wrote it or that it exists, reaches the page).

    >>> from datetime import UTC, datetime
    >>> from connections.own_words import GivenBy
    >>> said = OwnWords("I miss my nan.", True, GivenBy.YOUNG_PERSON, "i1", datetime.now(UTC))
    >>> conference_words(said), conference_words(None)
    ('I miss my nan.', None)
    >>> conference_words(OwnWords("Private.", False, GivenBy.WORKER, "cora", datetime.now(UTC)))
    """
    if words is None or not words.share or not words.text.strip():
        return None
    return words.text
