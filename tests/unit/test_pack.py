"""The My Network pack (connections.pack): who is in it, what it says, and what it never holds,
case by case and over random networks (hypothesis, bounded and seeded)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connections import io, svgmap
from connections.maps import build_map
from connections.model import Network, RatedBy, Safety, Wishes, parse_network
from connections.pack import ALWAYS_HERE_PROMISE, default_choice, my_network_pack
from connections.restrictions import active, with_effective_safety
from tests.unit.test_scoring_properties import documents

AS_OF = date(2026, 5, 1)
SCOPES = ["no_contact", "supervised", "address_withheld"]


@st.composite
def sensitive_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Random networks where every sensitive value is a marker that names its person."""
    document = draw(documents(max_people=14))
    for index, person in enumerate(document["people"]):
        person["name"] = f"Name{index:02d}x"
        person["address"] = f"ADDRESS{index:02d}x"
        person["contact_details"] = f"CONTACT{index:02d}x"
        agreed = draw(st.sampled_from([None, "2025-01-01", "2027-01-01"]))
        if agreed:
            person["reachable_agreed_on"] = agreed
    roles = draw(
        st.lists(st.booleans(), min_size=len(document["people"]), max_size=len(document["people"]))
    )
    for index, relationship in enumerate(document["relationships"]):
        relationship["notes"] = f"NOTE{index:02d}x"
        relationship["safety_note"] = f"SAFETYNOTE{index:02d}x"
        if roles[index] and index % 3 == 0:
            relationship["role"] = "personal_adviser"
    restrictions = []
    if document["people"]:
        for number, (who, scope, ends) in enumerate(
            draw(
                st.lists(
                    st.tuples(
                        st.integers(0, len(document["people"]) - 1),
                        st.sampled_from(SCOPES),
                        st.sampled_from([None, "2026-01-01"]),
                    ),
                    max_size=4,
                )
            )
        ):
            restriction = {
                "id": f"r{number}",
                "person_id": f"p{who}",
                "kind": "s34_order",
                "scope": scope,
                "starts": "2025-06-01",
                "note": f"RESTRICTIONNOTE{number}x",
                "source": f"ORDERREF{number}x",
            }
            if ends:
                restriction["ends"] = ends
            restrictions.append(restriction)
    document["restrictions"] = restrictions
    return document


def everything_in(pack: Any) -> str:
    """Every byte the pack could put on a page: its fields, its map's network, its map."""
    fields = dataclasses.asdict(dataclasses.replace(pack, network=None))
    svg = svgmap.render_svg(build_map(pack.network), title="t")
    return json.dumps(fields, default=str) + io.dumps_network(pack.network) + svg


SEEDED = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@SEEDED
@given(sensitive_documents(), st.booleans(), st.data())
def test_a_pack_never_holds_what_it_must_not(document: dict, pick_all: bool, data) -> None:
    network = parse_network(document)
    ids = [p.id for p in network.people]
    chosen = ids if pick_all else data.draw(st.lists(st.sampled_from(ids) if ids else st.nothing()))
    pack = my_network_pack(network, AS_OF, chosen if ids else None)
    text = everything_in(pack)
    effective = {r.person_id: r for r in with_effective_safety(network, AS_OF).relationships}
    restricted = {r.person_id for r in active(network.restrictions, AS_OF)}
    for index, person in enumerate(network.people):
        relationship = effective[person.id]
        never = relationship.wishes is Wishes.REFUSES or relationship.safety is Safety.NO_CONTACT
        if never:
            assert person.name not in text, (person.id, relationship)
        for marker in ("ADDRESS", "NOTE", "SAFETYNOTE"):
            assert f"{marker}{index:02d}x" not in text
        reachable = (
            not never
            and person.reachable_agreed_on is not None
            and person.reachable_agreed_on <= AS_OF
            and not person.deceased
            and relationship.safety is Safety.SAFE
            and person.id not in restricted
        )
        if not reachable:
            assert f"CONTACT{index:02d}x" not in text, person.id
    for marker in ("RESTRICTIONNOTE", "ORDERREF", "no_contact", "supervised", "address_withheld"):
        assert marker not in text
    # Worker ratings never: every closeness left on the map is the young person's own.
    for relationship in pack.network.relationships:
        assert relationship.closeness is None or (
            relationship.closeness_rated_by is RatedBy.YOUNG_PERSON
        )
    assert not pack.network.restrictions and not pack.network.contact_log
    # The map holds the pack's people (and the adviser) and no one else.
    on_map = {p.id for p in pack.network.people}
    assert on_map == {p.id for p in pack.people} | ({pack.adviser.id} if pack.adviser else set())


@SEEDED
@given(sensitive_documents())
def test_the_default_is_the_people_the_young_person_rated_close(document: dict) -> None:
    network = parse_network(document)
    effective = {r.person_id: r for r in with_effective_safety(network, AS_OF).relationships}
    people = {p.id: p for p in network.people}
    expected = {
        pid
        for pid, r in effective.items()
        if r.wishes is not Wishes.REFUSES
        and r.safety is not Safety.NO_CONTACT
        and not people[pid].deceased
        and r.closeness_rated_by is RatedBy.YOUNG_PERSON
        and (r.closeness or 0) >= 3
    }
    assert set(default_choice(network, AS_OF)) == expected
    assert {p.id for p in my_network_pack(network, AS_OF).people} == expected


def alex(**gran: Any) -> Network:
    return parse_network(
        {
            "young_person": {
                "id": "yp",
                "name": "Alex",
                "date_of_birth": "2008-06-01",
                "status": "in_care",
            },
            "people": [
                {"id": "gran", "name": "Gran", "category": "family", **gran},
                {
                    "id": "pa",
                    "name": "Pat Adviser",
                    "category": "professional",
                    "contact_details": "pat@example.org",
                    "reachable_agreed_on": "2026-01-01",
                },
            ],
            "relationships": [
                {
                    "person_id": "gran",
                    "role": "grandparent",
                    "closeness": 4,
                    "closeness_rated_by": "young_person",
                    "safety": "safe",
                    "support": ["somewhere_to_stay", "emotional"],
                    "continues_beyond_role": True,
                },
                {"person_id": "pa", "role": "personal_adviser", "paid": True, "safety": "safe"},
            ],
        }
    )


def test_contact_details_need_the_persons_agreement() -> None:
    agreed = my_network_pack(
        alex(contact_details="07700 900123", reachable_agreed_on="2026-02-01"), AS_OF
    )
    (gran,) = agreed.people
    assert gran.contact_details == "07700 900123"
    assert gran.offers == ("someone to talk to", "somewhere to stay") and gran.always_here
    not_agreed = my_network_pack(alex(contact_details="07700 900123"), AS_OF)
    assert not_agreed.people[0].contact_details == ""
    agreed_later = my_network_pack(
        alex(contact_details="07700 900123", reachable_agreed_on="2026-06-01"), AS_OF
    )
    assert agreed_later.people[0].contact_details == ""


def test_the_adviser_and_the_promise() -> None:
    pack = my_network_pack(alex(), AS_OF)
    assert pack.adviser is not None and pack.adviser.name == "Pat Adviser"
    assert pack.adviser.contact_details == "pat@example.org"
    assert pack.promise == ALWAYS_HERE_PROMISE
    assert my_network_pack(alex(), AS_OF, promise="Our promise.").promise == "Our promise."
    assert my_network_pack(alex(), AS_OF - timedelta(days=365)).adviser.contact_details == ""


def test_the_demo_has_a_pack_to_show_for_someone_about_to_leave_care() -> None:
    from connections import demo
    from connections.consent import Purpose, consent_state
    from connections.demo_consents import PACK_FROM_AGE, ledger
    from connections.scoring import age_on

    day = date(2026, 11, 22)
    shown = []
    for network in demo.generate(60, 2026, day):
        young_person = network.young_person
        age = age_on(young_person.date_of_birth, day)
        state = consent_state(
            ledger(network, day), young_person.date_of_birth, Purpose.MY_NETWORK_PACK, day
        )
        if age == PACK_FROM_AGE:
            assert state.in_place, young_person.id
            pack = my_network_pack(network, day)
            if any(person.contact_details for person in pack.people):
                shown.append(young_person.id)
    assert shown


def test_the_pdf_libraries_are_installed_by_the_projects_own_files() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in ("Makefile", "Dockerfile"):
        text = (root / path).read_text()
        assert "libpango-1.0-0" in text and "libpangoft2-1.0-0" in text, path
    assert "weasyprint" in (root / "pyproject.toml").read_text()
