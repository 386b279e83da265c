"""The guest list's pure core: who cannot be invited, and the leak warnings, on networks built
for each kind of tie to a restricted person."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from connections.guest_list import (
    DRAFT,
    FINAL,
    GuestList,
    blockers,
    is_final,
    leak_warnings,
    refusal,
    restricted_people,
)
from connections.model import Network, Safety, parse_network

DAY = date(2026, 5, 1)


def network(
    *,
    links: list[dict[str, str]] = (),  # type: ignore[assignment]
    ray: dict[str, Any] | None = None,
    sandra: dict[str, Any] | None = None,
    restrictions: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> Network:
    """Sandra (the guest), Ray (restricted when the test says so) and Gran (never)."""
    return parse_network(
        {
            "young_person": {
                "id": "yp",
                "name": "Alex",
                "date_of_birth": "2010-01-01",
                "status": "in_care",
            },
            "people": [
                {"id": "sandra", "name": "Sandra Fletcher", "category": "family", **(sandra or {})},
                {"id": "ray", "name": "Ray Danger", "category": "family"},
                {"id": "gran", "name": "Gran", "category": "family"},
            ],
            "relationships": [
                {"person_id": "sandra", "role": "aunt_uncle", "safety": "safe"},
                {"person_id": "ray", "role": "father", "safety": "safe", **(ray or {})},
                {"person_id": "gran", "role": "grandparent", "safety": "safe"},
            ],
            "links": list(links),
            "restrictions": list(restrictions),
        }
    )


ORDER = {"id": "r1", "person_id": "ray", "kind": "s34_order", "starts": "2026-01-01"}


@pytest.mark.parametrize(
    ("links", "sandra", "kind", "words"),
    [
        ([{"source": "sandra", "target": "ray", "kind": "lives_with"}], {}, "lives_with", "lives"),
        ([{"source": "ray", "target": "sandra", "kind": "partner"}], {}, "partner", "partner"),
        ([{"source": "sandra", "target": "ray", "kind": "parent"}], {}, "parent", "a parent of"),
        ([{"source": "ray", "target": "sandra", "kind": "parent"}], {}, "child", "a child of"),
        ([], {"household": "h1"}, "household", "shares a household"),
    ],
)
def test_each_kind_of_tie_to_a_no_contact_person_is_one_warning(
    links: list[dict[str, str]], sandra: dict[str, Any], kind: str, words: str
) -> None:
    ties = network(links=links, sandra=sandra, ray={"safety": "no_contact"})
    if kind == "household":
        ties = ties.model_copy(
            update={
                "people": [
                    p.model_copy(update={"household": "h1"}) if p.id == "ray" else p
                    for p in ties.people
                ]
            }
        )
    [warning] = leak_warnings(ties, ["sandra", "gran"], DAY)
    assert (warning.guest_id, warning.restricted_id, warning.kind) == ("sandra", "ray", kind)
    assert warning.text.startswith("Sandra Fletcher ") and words in warning.text
    assert "no contact" in warning.text
    assert "Ray" not in warning.text and "ray" not in warning.text.split(":")[0]
    assert warning.key == f"sandra|{kind}|ray"


@pytest.mark.parametrize(
    ("scope", "phrase"),
    [
        ("no_contact", "must have no contact with"),
        ("supervised", "only with supervision"),
        ("address_withheld", "address must be withheld"),
    ],
)
def test_an_active_restriction_of_any_scope_makes_someone_restricted(
    scope: str, phrase: str
) -> None:
    ties = network(
        links=[{"source": "sandra", "target": "ray", "kind": "lives_with"}],
        restrictions=[{**ORDER, "scope": scope}],
    )
    [warning] = leak_warnings(ties, ["sandra"], DAY)
    assert phrase in warning.text
    # Before the restriction starts there is nothing to warn about.
    assert leak_warnings(ties, ["sandra"], date(2025, 12, 31)) == []


def test_no_warning_without_a_tie_or_a_restriction() -> None:
    unrestricted = network(links=[{"source": "sandra", "target": "ray", "kind": "lives_with"}])
    assert restricted_people(unrestricted, DAY) == {}
    assert leak_warnings(unrestricted, ["sandra"], DAY) == []
    # A "knows" or "sibling" link is not a household, partner or parent tie.
    knows = network(
        links=[{"source": "sandra", "target": "ray", "kind": "knows"}],
        ray={"safety": "no_contact"},
    )
    assert leak_warnings(knows, ["sandra"], DAY) == []
    # Someone not on the guest list is not warned about.
    tied = network(
        links=[{"source": "sandra", "target": "ray", "kind": "partner"}],
        ray={"safety": "no_contact"},
    )
    assert leak_warnings(tied, ["gran"], DAY) == []


def test_two_kinds_of_tie_are_two_warnings() -> None:
    ties = network(
        links=[{"source": "sandra", "target": "ray", "kind": "partner"}],
        sandra={"household": "h1"},
        ray={"safety": "no_contact"},
    )
    ties = ties.model_copy(
        update={
            "people": [
                p.model_copy(update={"household": "h1"}) if p.id == "ray" else p
                for p in ties.people
            ]
        }
    )
    kinds = [w.kind for w in leak_warnings(ties, ["sandra"], DAY)]
    assert kinds == ["household", "partner"]


def test_refusals() -> None:
    by_order = network(restrictions=[{**ORDER, "scope": "no_contact"}])
    assert "restriction in force" in (refusal(by_order, "ray", DAY) or "")
    assert refusal(by_order, "ray", date(2025, 12, 1)) is None
    by_safety = network(ray={"safety": "no_contact"})
    assert "recorded as no contact" in (refusal(by_safety, "ray", DAY) or "")
    hidden = network(ray={"hide_in_conference": True})
    assert "asked for them not to be shown" in (refusal(hidden, "ray", DAY) or "")
    assert "not in the young person's network" in (refusal(hidden, "nobody", DAY) or "")
    supervised = network(restrictions=[{**ORDER, "scope": "supervised"}])
    assert refusal(supervised, "ray", DAY) is None  # supervised may attend
    assert restricted_people(supervised, DAY) == {"ray": Safety.SUPERVISED}


def test_final_only_when_every_warning_is_acknowledged() -> None:
    ties = network(
        links=[{"source": "sandra", "target": "ray", "kind": "lives_with"}],
        ray={"safety": "no_contact"},
    )
    guests = ("sandra", "gran")
    assert blockers(ties, (), {}, DAY) == ["Add at least one guest."]
    [problem] = blockers(ties, guests, {}, DAY)
    assert problem.startswith("Acknowledge the warning: Sandra Fletcher lives with")
    acknowledged = {"sandra|lives_with|ray": object()}
    assert blockers(ties, guests, acknowledged, DAY) == []
    assert is_final(ties, GuestList("yp", FINAL, 2, guests, acknowledged), DAY)  # type: ignore[arg-type]
    assert not is_final(ties, GuestList("yp", DRAFT, 2, guests, acknowledged), DAY)  # type: ignore[arg-type]
    # A restriction that starts after the list was finalised puts it back in question.
    later = ties.model_copy(
        update={
            "restrictions": network(
                restrictions=[{**ORDER, "person_id": "gran", "scope": "no_contact"}]
            ).restrictions
        }
    )
    assert not is_final(later, GuestList("yp", FINAL, 2, guests, acknowledged), DAY)  # type: ignore[arg-type]
