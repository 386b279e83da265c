"""Consent ledgers for the demo's young people (synthetic, like everything in the demo).

Kept apart from :mod:`connections.demo`, which generates the networks: the ledger is not part of
a network document, and the networks generated stay byte for byte what they were.

Each young person gets one of a few stories, chosen by their number (``yp-000007`` -> 7) so that
any handful of young people shows most of them, and between them the demo holds every purpose,
every kind of party (the young person, each parent with parental responsibility by name, a legal
basis), every decision, every way of recording and every judgement of understanding:

- under 18: consent in place from the young person and both parents; a legal basis standing in
  for a parent who refused; a parent who withdrew (family finding paused); a young person who
  said no to the conference but yes to family finding; still waiting for a parent; a legal basis
  withdrawn and the parents' consent given since;
- from 18: their own consent in place; one who withdrew family finding (paused); one who has not
  been asked about anything but the My Network pack;
- at 17, about to leave care: consent for the My Network pack too, whatever their story.

Deterministic: the same networks and date give the same entries, with ids
``ce-<young person id>-NN``, and no clock or random source. The holders of parental
responsibility are the young person's living mother and father in their network; without either,
a legal basis is recorded instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta

from connections.consent import (
    EARLIEST_ENTRY,
    ConsentEntry,
    Decision,
    Party,
    Purpose,
    RecordedHow,
    Understanding,
    age_on,
    parse_entry,
)
from connections.model import Network, Role

#: Who the demo says recorded every entry (the demo coordinator, when the demo sign-ins exist).
RECORDED_BY = "demo-coordinator"

PUBLIC_TASK = (
    "Public task: Children Act 1989 s.22(3), the duty to safeguard and promote the welfare of a "
    "child looked after; seeking consent would put the child at risk."
)

FF = Purpose.FAMILY_FINDING
FGC = Purpose.CONFERENCE_SHARING
LLS = Purpose.LIFELONG_LINKS_SEARCH
PACK = Purpose.MY_NETWORK_PACK
G, R, W = Decision.GIVEN, Decision.REFUSED, Decision.WITHDRAWN

#: One step of a story: days before as_of, purpose, who ("yp", "mother", "father", "basis"),
#: decision.
Step = tuple[int, Purpose, str, Decision]

_CHILD_STORIES: tuple[tuple[Step, ...], ...] = (
    # Everything asked and in place.
    (
        (300, FF, "yp", G),
        (298, FF, "mother", G),
        (297, FF, "father", G),
        (120, FGC, "yp", G),
        (118, FGC, "mother", G),
        (118, FGC, "father", G),
        (60, PACK, "yp", G),
        (60, PACK, "basis", G),
    ),
    # A parent refused; a legal basis is relied on instead.
    (
        (250, FF, "yp", G),
        (240, FF, "father", R),
        (230, FF, "basis", G),
        (90, LLS, "yp", G),
        (88, LLS, "basis", G),
    ),
    # Both parents gave consent, then one withdrew it: family finding is paused.
    (
        (280, FF, "yp", G),
        (275, FF, "mother", G),
        (275, FF, "father", G),
        (50, FF, "mother", W),
        (45, FGC, "yp", G),
    ),
    # The young person wants family finding but not the conference.
    (
        (200, FF, "yp", G),
        (190, FF, "mother", G),
        (185, FF, "father", G),
        (30, FGC, "yp", R),
    ),
    # Still waiting for a parent.
    (
        (40, FF, "yp", G),
        (35, FF, "mother", G),
        (20, LLS, "yp", G),
    ),
    # A legal basis given, withdrawn once the parents could be asked, and their consent given.
    (
        (330, FF, "yp", G),
        (330, FF, "basis", G),
        (100, FF, "mother", G),
        (100, FF, "father", G),
        (95, FF, "basis", W),
        (70, FGC, "yp", G),
        (70, FGC, "basis", G),
    ),
)

_ADULT_STORIES: tuple[tuple[Step, ...], ...] = (
    ((150, FF, "yp", G), (150, FGC, "yp", G), (80, PACK, "yp", G), (10, LLS, "yp", G)),
    ((260, FF, "yp", G), (260, FGC, "yp", G), (25, FF, "yp", W)),
    ((15, PACK, "yp", G),),
)

#: From this age a young person in care is about to leave it, and the demo gives every one of them
#: consent for their My Network pack (docs/my-network-pack.md), so the demo has packs to show.
PACK_FROM_AGE = 17
_PACK_BEFORE_LEAVING: tuple[Step, ...] = ((14, PACK, "yp", G), (14, PACK, "basis", G))

_HOW = tuple(RecordedHow)
_NOTES = {
    R: "Said no for now; to ask again at the next review.",
    W: "Asked for family finding to stop while things settle.",
}


def ledger(
    network: Network, as_of: date, today: Callable[[], date] = date.today
) -> list[ConsentEntry]:
    """The demo ledger of one young person, oldest first (every entry validated).

    >>> from connections import demo
    >>> network = next(iter(demo.generate(3, 2026, date(2026, 11, 22))))
    >>> entries = ledger(network, date(2026, 11, 22))
    >>> entries[0].id, entries[0].purpose.value, entries[0].party.value
    ('ce-yp-000001-01', 'family_finding', 'young_person')
    """
    young_person = network.young_person
    number = int("".join(ch for ch in young_person.id if ch.isdigit()) or 0)
    latest = min(as_of, today())
    born = young_person.date_of_birth
    adult = age_on(born, latest) >= 18
    stories = _ADULT_STORIES if adult else _CHILD_STORIES
    story = stories[number % len(stories)]
    if not adult and age_on(born, latest) >= PACK_FROM_AGE and PACK not in {s[1] for s in story}:
        story = (*story, *_PACK_BEFORE_LEAVING)  # about to leave care: a pack to take with them
    parents = _parents(network)
    entries: list[ConsentEntry] = []
    for index, (days, purpose, who, decision) in enumerate(story):
        day = max(latest - timedelta(days=days), born, EARLIEST_ENTRY)
        if day > latest:
            continue  # born after the whole story: nothing to record yet
        values: dict[str, object] = {
            "id": f"ce-{young_person.id}-{index + 1:02d}",
            "purpose": purpose,
            "decision": decision,
            "date": day,
            "how": _HOW[(number + index) % len(_HOW)],
            "note": _NOTES.get(decision, ""),
        }
        if who == "yp":
            values["party"] = Party.YOUNG_PERSON
            if age_on(born, day) < 18:
                values["understanding"] = _understanding(age_on(born, day))
        elif who in parents:
            values["party"] = Party.PARENTAL_RESPONSIBILITY
            values["holder_name"] = parents[who]
        else:  # a basis, or a parent the network does not have: a legal basis instead
            if decision is R:
                continue
            values["party"] = Party.LEGAL_BASIS
            values["legal_basis"] = PUBLIC_TASK
        entries.append(parse_entry(values))
    return entries


def _parents(network: Network) -> dict[str, str]:
    people = {person.id: person for person in network.people}
    parents: dict[str, str] = {}
    for relationship in network.relationships:
        person = people.get(relationship.person_id)
        if person is None or person.deceased:
            continue
        if relationship.role is Role.MOTHER:
            parents.setdefault("mother", person.name)
        elif relationship.role is Role.FATHER:
            parents.setdefault("father", person.name)
    return parents


def _understanding(age: int) -> Understanding:
    if age < 8:
        return Understanding.DOES_NOT_UNDERSTAND
    if age < 12:
        return Understanding.PARTLY
    return Understanding.UNDERSTANDS


class DemoConsents:
    """Ledgers for a stream of demo networks being saved: :meth:`passing` notes each network's
    ledger as the network goes by on its way to the store, :meth:`flush` writes what was noted
    (call it once those young people are saved: after each batch, and at the end)."""

    def __init__(self, as_of: date):
        self.as_of = as_of
        self.pending: list[tuple[str, ConsentEntry, str]] = []
        self.written = 0

    def passing(self, networks: Iterable[Network]) -> Iterator[Network]:
        for network in networks:
            young_person_id = network.young_person.id
            self.pending += [
                (young_person_id, entry, RECORDED_BY) for entry in ledger(network, self.as_of)
            ]
            yield network

    def flush(self, store: object) -> int:
        """Write the noted entries (``store``: a :class:`~connections.store.Store`); returns how
        many were new (running the demo again writes none twice)."""
        if not self.pending:
            return 0
        written: int = store.record_consents_in_bulk(self.pending)  # type: ignore[attr-defined]
        self.pending = []
        self.written += written
        return written
