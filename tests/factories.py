"""Small builders for test data: a valid entity with only the fields a test cares about."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from connections.model import (
    ContactEntry,
    Link,
    Network,
    Person,
    Relationship,
    YoungPerson,
    parse,
    parse_network,
)


def young_person(id: str = "yp-1", **fields: Any) -> YoungPerson:
    values = {"name": "Amy Example", "date_of_birth": date(2010, 3, 14), "status": "in_care"}
    return parse(YoungPerson, {"id": id, **values, **fields})


def person(id: str = "p-1", **fields: Any) -> Person:
    return parse(Person, {"id": id, "name": f"Person {id}", "category": "family", **fields})


def relationship(person_id: str = "p-1", **fields: Any) -> Relationship:
    return parse(Relationship, {"person_id": person_id, "role": "aunt_uncle", **fields})


def link(source: str, target: str, kind: str = "knows") -> Link:
    return parse(Link, {"source": source, "target": target, "kind": kind})


def contact(id: str, person_id: str, **fields: Any) -> ContactEntry:
    values = {"date": date(2026, 10, 1), "kind": "visit", "recorded_by": "Sam Worker"}
    return parse(ContactEntry, {"id": id, "person_id": person_id, **values, **fields})


def loving(pid: str, role: str = "grandparent", **fields: Any) -> dict[str, Any]:
    """A relationship document that qualifies (SCORING.md's loving relationship): rated 4 by the
    young person, safe, wanted and in touch; ``fields`` override any of it."""
    return {
        "person_id": pid,
        "role": role,
        "closeness": 4,
        "closeness_rated_by": "young_person",
        "safety": "safe",
        "wishes": "wants",
        "contact": "active",
        **fields,
    }


def finding_relationship(
    person_id: str, *, loving: bool = False, finding: str | None = None
) -> dict[str, Any]:
    """An aunt or uncle's relationship as a document: loving (a qualifying relationship on
    2026-01-01 to 2026-03-31) or not, at a family-finding stage or none."""
    fields: dict[str, Any] = {"person_id": person_id, "role": "aunt_uncle"}
    if loving:
        fields.update(
            closeness=4,
            closeness_rated_by="young_person",
            safety="safe",
            wishes="wants",
            contact="active",
            last_contact="2025-12-20",
        )
    if finding:
        fields["finding_status"] = finding
    return fields


def network_document(yp_id: str = "yp-1") -> dict[str, Any]:
    """A small network using every entity and most attributes."""
    return {
        "format": "lifelong-connections/network",
        "format_version": 1,
        "young_person": {
            "id": yp_id,
            "name": "Amy Example",
            "date_of_birth": "2010-03-14",
            "status": "in_care",
        },
        "people": [
            {
                "id": "p-rose",
                "name": "Rose Example",
                "category": "family",
                "household": "h-1",
                "address": "1 Example Row, Northtown",
            },
            {"id": "p-ray", "name": "Ray Example", "category": "family", "household": "h-1"},
            {"id": "p-kai", "name": "Kai Example", "category": "family"},
            {"id": "p-jo", "name": "Jo Smith", "category": "professional"},
            {"id": "p-dad", "name": "Dan Example", "category": "family", "deceased": True},
        ],
        "relationships": [
            {
                "person_id": "p-rose",
                "role": "grandparent",
                "closeness": 4,
                "closeness_rated_by": "young_person",
                "safety": "safe",
                "wishes": "wants",
                "contact": "active",
                "last_contact": "2026-11-01",
                "support": ["somewhere_to_stay", "emotional"],
                "finding_status": "committed",
                "notes": "Bakes on Sundays.",
            },
            {
                "person_id": "p-ray",
                "role": "aunt_uncle",
                "closeness": 2,
                "closeness_rated_by": "worker",
                "safety": "no_contact",
                "wishes": "refuses",
                "contact": "lost",
                "safety_note": "Court order.",
            },
            {
                "person_id": "p-kai",
                "role": "sibling",
                "closeness": 3,
                "closeness_rated_by": "young_person",
                "safety": "safe",
                "contact": "lost",
            },
            {
                "person_id": "p-jo",
                "role": "social_worker",
                "closeness": 3,
                "closeness_rated_by": "young_person",
                "safety": "safe",
                "contact": "active",
                "last_contact": "2026-11-20",
                "paid": True,
                "role_ends_at_age": 18,
                "support": ["practical"],
            },
            {"person_id": "p-dad", "role": "father", "safety": "safe", "contact": "none_yet"},
        ],
        "links": [
            {"source": "p-rose", "target": "p-ray", "kind": "parent"},
            {"source": "p-rose", "target": "p-ray", "kind": "lives_with"},
            {"source": "p-dad", "target": "p-kai", "kind": "parent"},
        ],
        "contact_log": [
            {
                "id": f"c-{yp_id}-1",
                "person_id": "p-rose",
                "date": "2026-11-01",
                "kind": "visit",
                "note": "Tea at Rose's.",
                "recorded_by": "Sam Worker",
            },
        ],
    }


def network(yp_id: str = "yp-1") -> Network:
    return parse_network(network_document(yp_id))


def bad_documents(yp_id: str = "yp-1") -> list[tuple[str, str, str, str]]:
    """Network documents that must be refused, whole: (what is wrong, the document's text, the
    path the message names ("" for JSON that cannot be read), words the message says)."""

    def changed(part: str, index: int | None, field: str, value: object) -> str:
        document = network_document(yp_id)
        target = document[part] if index is None else document[part][index]
        target[field] = value
        return json.dumps(document, indent=2)

    readable = json.dumps(network_document(yp_id), indent=2)
    huge = readable.replace('"closeness": 4', '"closeness": ' + "9" * 5000, 1)
    line = huge[: huge.index('"closeness": 9')].count("\n") + 1
    dob = "young_person.date_of_birth"
    return [
        ("a number of 5000 digits", huge, "", f"line {line}, column 20: a number with 5000"),
        (
            "born in 1800",
            changed("young_person", None, "date_of_birth", "1800-01-01"),
            dob,
            "too early",
        ),
        (
            "born in 2999",
            changed("young_person", None, "date_of_birth", "2999-01-01"),
            dob,
            "future",
        ),
        (
            "a date as a number",
            changed("young_person", None, "date_of_birth", 0),
            dob,
            "0 is not a date",
        ),
        (
            "a date and time",
            changed("young_person", None, "date_of_birth", "2010-03-14T00:00:00"),
            dob,
            "is not a date",
        ),
        (
            "last contact as a number",
            changed("relationships", 0, "last_contact", 1700000000),
            "relationships[0].last_contact",
            "is not a date",
        ),
        (
            "a contact log date as a number",
            changed("contact_log", 0, "date", 20261101),
            "contact_log[0].date",
            "is not a date",
        ),
        (
            "a version on the young person",
            changed("young_person", None, "version", 7),
            "young_person.version",
            "is not a field of this format",
        ),
        (
            "a version on a person",
            changed("people", 1, "version", 7),
            "people[1].version",
            "is not a field of this format",
        ),
        (
            "a version on a relationship",
            changed("relationships", 2, "version", 7),
            "relationships[2].version",
            "is not a field of this format",
        ),
    ]
