"""Networks and helpers shared by the editing, conference and download tests.

``amy_network()`` is a small network with something for every rule: Rose (loving, with an
address and notes), Ray (no contact, with a safety note), Kai (a sibling whose contact is lost),
Jo (a paid social worker rated by a worker) and Hana (whom Amy asked to keep out of conferences).
Today (``AS_OF``) Amy has 1 loving relationship: Rose.
"""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

from connections import guest_list
from connections.consent import Purpose
from connections.model import Network, parse_network
from tests.conftest import AS_OF
from tests.consents import record_in_place

YP = "yp-amy"
SIBLING = "yp-sam"
OTHER = "yp-other"

HOSTILE = [
    "<script>alert(1)</script>",
    "' OR 1=1 //",
    "}) MATCH (n) DETACH DELETE n //",
    '"><img src=x onerror=alert(1)>',
    "x" * 100_000,
]

#: Strings planted in Amy's network that a Family Group Conference must never be sent.
SECRETS = {
    "no-contact person's name": "Ray Danger",
    "no-contact person's id": "p-ray",
    "hidden person's name": "Hana Hidden",
    "hidden person's id": "p-hana",
    "address": "17 Secret Row, Northtown",
    "hidden person's address": "99 Hideaway Lane",
    "safety note": "SAFETY-NOTE-Rose-xyz",
    "no-contact safety note": "Court order until 2030",
    "note": "NOTE-TEXT-bakes-on-sundays",
    "hidden person's note": "NOTE-TEXT-hana",
    "contact log note": "LOG-NOTE-visit-xyz",
}


def amy_network() -> Network:
    return parse_network(
        {
            "young_person": {
                "id": YP,
                "name": "Amy Example",
                "date_of_birth": "2010-03-14",
                "status": "in_care",
            },
            "people": [
                {
                    "id": "p-rose",
                    "name": "Rose Example",
                    "category": "family",
                    "household": "h-rose",
                    "address": SECRETS["address"],
                },
                {"id": "p-ray", "name": SECRETS["no-contact person's name"], "category": "family"},
                {"id": "p-kai", "name": "Kai Example", "category": "family"},
                {"id": "p-jo", "name": "Jo Smith", "category": "professional"},
                {
                    "id": "p-hana",
                    "name": SECRETS["hidden person's name"],
                    "category": "friend",
                    "address": SECRETS["hidden person's address"],
                },
            ],
            "relationships": [
                {
                    "person_id": "p-rose",
                    "role": "grandparent",
                    "closeness": 4,
                    "closeness_rated_by": "young_person",
                    "safety": "safe",
                    "safety_note": SECRETS["safety note"],
                    "wishes": "wants",
                    "contact": "active",
                    "last_contact": "2026-11-01",
                    "support": ["emotional", "somewhere_to_stay"],
                    "notes": SECRETS["note"],
                },
                {
                    "person_id": "p-ray",
                    "role": "aunt_uncle",
                    "safety": "no_contact",
                    "safety_note": SECRETS["no-contact safety note"],
                    "contact": "lost",
                },
                {
                    "person_id": "p-kai",
                    "role": "sibling",
                    "closeness": 3,
                    "closeness_rated_by": "young_person",
                    "safety": "safe",
                    "wishes": "wants",
                    "contact": "lost",
                },
                {
                    "person_id": "p-jo",
                    "role": "social_worker",
                    "paid": True,
                    "closeness": 3,
                    "closeness_rated_by": "worker",
                    "safety": "safe",
                    "contact": "active",
                    "last_contact": "2026-11-10",
                    "support": ["practical"],
                },
                {
                    "person_id": "p-hana",
                    "role": "friend",
                    "closeness": 2,
                    "closeness_rated_by": "young_person",
                    "safety": "safe",
                    "contact": "occasional",
                    "hide_in_conference": True,
                    "notes": SECRETS["hidden person's note"],
                },
            ],
            "links": [
                {"source": "p-rose", "target": "p-ray", "kind": "parent"},
                {"source": "p-rose", "target": "p-kai", "kind": "knows"},
            ],
            "contact_log": [
                {
                    "id": "c-1",
                    "person_id": "p-rose",
                    "date": "2026-11-01",
                    "kind": "visit",
                    "note": SECRETS["contact log note"],
                    "recorded_by": "Sam Worker",
                }
            ],
        }
    )


def sibling_network() -> Network:
    """Amy's brother Sam, whose network shares nobody yet."""
    return parse_network(
        {
            "young_person": {
                "id": SIBLING,
                "name": "Sam Example",
                "date_of_birth": "2012-05-01",
                "status": "in_care",
            },
            "people": [{"id": "p-sams-friend", "name": "Finn Friend", "category": "friend"}],
            "relationships": [{"person_id": "p-sams-friend", "role": "friend"}],
        }
    )


def other_network() -> Network:
    """A young person allocated to someone else: a coordinator's search for their person (a
    grandmother known to the service) says only that a possible match exists elsewhere
    (docs/sharing-people.md); a manager's names her."""
    return parse_network(
        {
            "young_person": {
                "id": OTHER,
                "name": "Olly Other",
                "date_of_birth": "2011-01-01",
                "status": "in_care",
            },
            "people": [{"id": "p-secret", "name": "Rosalind Secret", "category": "family"}],
            "relationships": [{"person_id": "p-secret", "role": "aunt_uncle"}],
        }
    )


def relationship_form(**overrides: Any) -> dict[str, Any]:
    """A complete, valid relationship form (as a browser would post it)."""
    data: dict[str, Any] = {
        "role": "aunt_uncle",
        "closeness": "",
        "safety": "unassessed",
        "wishes": "unknown",
        "contact": "none_yet",
        "last_contact": ["", "", ""],
        "role_ends_at_age": "",
        "finding_status": "",
        "notes": "",
        "safety_note": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def person_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "Nell Example", "category": "family", "household": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def map_data(html: str) -> dict[str, Any]:
    """The map's JSON from a page's ``<script type="application/json" id="map-data">`` block."""
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match, "no map data in the page"
    return json.loads(match.group(1))


def map_names(html: str) -> set[str]:
    return {node["name"] for node in map_data(html)["nodes"]}


def hidden_value(html: str, name: str) -> str:
    """The value of the hidden input ``name`` in a page (a form's version, say)."""
    match = re.search(rf'name="{re.escape(name)}" type="hidden" value="([^"]*)"', html)
    assert match, f"no hidden {name} in the page"
    return unescape(match.group(1))


def ready_conference(
    store: Any, young_person_id: str, by: str = "test-facilitator", *, consent: bool = True
) -> None:
    """Make the family view of this young person's conference available, as a facilitator
    would: everyone who may be invited on the guest list, every warning acknowledged, the list
    final (through the store, which checks every rule), and (unless ``consent=False``) the
    information-sharing consent for the conference recorded."""
    if consent:
        record_in_place(store, young_person_id, [Purpose.CONFERENCE_SHARING])

    network = store.load_network(young_person_id)
    invitable = [
        r.person_id
        for r in network.relationships
        if guest_list.refusal(network, r.person_id, AS_OF) is None
    ]
    current = store.guest_list(young_person_id)
    current = store.set_guests(young_person_id, invitable, current.version, AS_OF)
    for warning in guest_list.leak_warnings(network, invitable, AS_OF):
        current = store.acknowledge_warning(
            young_person_id, warning.key, "Agreed with the young person", by, current.version, AS_OF
        )
    store.finalise_guest_list(young_person_id, by, current.version, AS_OF)
