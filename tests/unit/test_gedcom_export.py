"""GEDCOM out: a network's family as GEDCOM 5.5.1 that ged4py re-reads, the round trip
export -> gedcom giving the same people and kinship, and what never leaves."""

from __future__ import annotations

import io
from datetime import date

from ged4py import GedcomReader

from connections.gedcom import read_tree, restricted, to_gedcom, to_network
from connections.gedcom.writer import WITHHELD
from connections.model import Network, Restriction, RestrictionKind, RestrictionScope, Safety
from tests import factories as f
from tests.gedcom_files import family

AS_OF = date(2026, 12, 1)


def imported() -> Network:
    return to_network(read_tree(family().bytes()), "YP", "yp-amy").network


def kinship_of(network: Network) -> list[tuple[str, str, str | None, bool]]:
    names = {p.id: p for p in network.people}
    return sorted(
        (
            names[r.person_id].name,
            r.role.value,
            r.side.value if r.side else None,
            names[r.person_id].deceased,
        )
        for r in network.relationships
    )


def test_the_export_re_parses_with_ged4py_as_gedcom_5_5_1() -> None:
    text = to_gedcom(imported(), AS_OF)
    with GedcomReader(io.BytesIO(text.encode("utf-8"))) as reader:
        assert reader.header.sub_tag_value("GEDC/VERS") == "5.5.1"
        assert reader.header.sub_tag_value("CHAR") == "UTF-8"
        names = {f"{r.name.given} {r.name.surname}" for r in reader.records0("INDI")}
    assert "Zoë Müller" in names and "Amy Example" in names
    assert all(len(line.encode()) <= 255 for line in text.splitlines())


def test_export_then_import_gives_the_same_people_and_kinship() -> None:
    network = imported()
    again = to_network(read_tree(to_gedcom(network, AS_OF).encode()), "I1", "yp-amy").network
    assert kinship_of(again) == kinship_of(network)
    assert again.young_person.name == network.young_person.name
    assert again.young_person.date_of_birth == network.young_person.date_of_birth


def test_professionals_carers_friends_notes_and_ratings_never_leave() -> None:
    network = imported()
    relationships = [
        r.model_copy(
            update={
                "notes": "SECRET-NOTE",
                "safety_note": "SECRET-SAFETY",
                "closeness": 4,
                "closeness_rated_by": "worker",
            }
        )
        for r in network.relationships
    ]
    people = [p.model_copy(update={"address": "SECRET-ADDRESS"}) for p in network.people]
    network = network.model_copy(
        update={
            "people": [
                *people,
                f.person("sw", name="Sally Social-Worker", category="professional"),
                f.person("fc", name="Fran Foster-Carer", category="carer"),
                f.person("fr", name="Fred Friend", category="friend"),
            ],
            "relationships": [
                *relationships,
                f.relationship("sw", role="social_worker", paid=True),
                f.relationship("fc", role="foster_carer"),
                f.relationship("fr", role="friend"),
            ],
        }
    )
    text = to_gedcom(network, AS_OF)
    for secret in ("SECRET", "Social-Worker", "Foster-Carer", "Fred", "NOTE", "closeness"):
        assert secret not in text
    assert text.count(" INDI\r\n") == 1 + len(imported().people)


def test_restricted_people_are_placeholders_that_keep_the_tree_together() -> None:
    network = imported()
    restriction = Restriction(
        id="r1",
        person_id="yp-amy-D",
        kind=RestrictionKind.S34_ORDER,
        scope=RestrictionScope.ADDRESS_WITHHELD,
        starts=date(2027, 1, 1),  # not in force yet: still withheld
    )
    relationships = [
        r.model_copy(update={"safety": Safety.NO_CONTACT})
        if r.person_id == "yp-amy-MX"
        else r.model_copy(update={"hide_in_conference": True})
        if r.person_id == "yp-amy-AU"
        else r
        for r in network.relationships
    ]
    network = network.model_copy(
        update={"relationships": relationships, "restrictions": [restriction]}
    )
    assert restricted(network, AS_OF) == {"yp-amy-D", "yp-amy-MX", "yp-amy-AU"}
    text = to_gedcom(network, AS_OF)
    for name in ("Dan", "Max /Other/", "Ann"):
        assert name not in text
    assert text.count(f"1 NAME {WITHHELD}") == 3
    again = to_network(read_tree(text.encode()), "I1", "yp").network
    roles = {r.role.value for r in again.relationships}
    assert {"father", "grandparent", "cousin"} <= roles  # the shape is kept
    ended = restriction.model_copy(update={"starts": date(2020, 1, 1), "ends": date(2021, 1, 1)})
    assert "yp-amy-D" not in restricted(network.model_copy(update={"restrictions": [ended]}), AS_OF)


def test_names_are_written_safely() -> None:
    network = f.network("yp-1")
    people = [
        p.model_copy(update={"name": "Rose @Home@\nSmith"}) if p.id == "p-rose" else p
        for p in network.people
    ]
    text = to_gedcom(network.model_copy(update={"people": people}), AS_OF)
    assert "1 NAME Rose @@Home@@ /Smith/" in text
    read_tree(text.encode())
