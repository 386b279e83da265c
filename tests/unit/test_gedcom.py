"""GEDCOM in: reading every version, encoding and line end; kinship to the young person; the
network taken; errors that name the line. Files are written by tests/gedcom_files.py."""

from __future__ import annotations

from datetime import date

import pytest

from connections.gedcom import GedcomError, kinship, read_tree, to_network
from connections.gedcom.convert import default_young_person_id
from connections.gedcom.kinship import NOT_RELATED, further_than
from connections.model import (
    Category,
    Contact,
    FindingStatus,
    LinkKind,
    Safety,
    Side,
    Wishes,
)
from tests.gedcom_files import (
    EXPECTED,
    LEFT_OUT_FURTHER,
    LEFT_OUT_UNRELATED,
    GedcomBuilder,
    family,
)


def roles(data: bytes, young_person: str = "@YP@", degree: int = 4) -> dict[str, tuple]:
    found = kinship(read_tree(data), young_person, degree)
    return {
        xref: (kin.role.value, kin.side.value if kin.side else None)
        for xref, kin in found.relatives.items()
    }


# --- kinship --------------------------------------------------------------------------------


def test_every_kind_of_relative_gets_its_role_and_side() -> None:
    assert roles(family().bytes()) == EXPECTED


def test_people_left_out_are_counted_with_their_reason() -> None:
    found = kinship(read_tree(family().bytes()), "@YP@")
    assert dict(found.left_out) == {
        further_than(4): len(LEFT_OUT_FURTHER),
        NOT_RELATED: len(LEFT_OUT_UNRELATED),
    }
    assert not (LEFT_OUT_FURTHER | LEFT_OUT_UNRELATED) & set(found.relatives)


def test_the_degree_takes_further_blood_relatives() -> None:
    at_five = roles(family().bytes(), degree=5)
    assert at_five["@CC@"] == ("other_relative", "maternal")  # a cousin's child: degree 5
    at_two = roles(family().bytes(), degree=2)
    assert "@AU@" not in at_two and "@GGM@" not in at_two  # degree 3
    assert at_two["@MGM@"] == ("grandparent", "maternal")
    assert at_two["@S@"] == ("sibling", None)


def test_degrees_are_civil_law_degrees() -> None:
    found = kinship(read_tree(family().bytes()), "@YP@", 5)
    degree = {xref: kin.degree for xref, kin in found.relatives.items()}
    assert degree["@M@"] == 1
    assert degree["@MGM@"] == degree["@S@"] == 2
    assert degree["@AU@"] == degree["@GGM@"] == degree["@N@"] == 3
    assert degree["@C@"] == 4 and degree["@CC@"] == 5
    assert degree["@MX@"] is None and degree["@SS@"] is None  # not blood relatives


def test_a_parent_of_unknown_sex_is_placed_by_husb_and_wife() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/").person("P1", "Alex /A/")
    tree.person("P2", "Jo /B/").family("F1", "P1", "P2", ("YP",))
    assert roles(tree.bytes()) == {"@P1@": ("father", None), "@P2@": ("mother", None)}


def test_recorded_sex_wins_over_the_family_position() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/").person("P1", "Alex /A/", "F")
    tree.family("F1", "P1", None, ("YP",))
    assert roles(tree.bytes()) == {"@P1@": ("mother", None)}


def test_siblings_in_one_family_with_one_recorded_parent_are_full_siblings() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/").person("M", "Mum /A/", "F")
    tree.person("S", "Sam /A/").family("F1", None, "M", ("YP", "S"))
    assert roles(tree.bytes())["@S@"] == ("sibling", None)


def test_the_same_two_parents_in_two_family_records_make_full_siblings() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/").person("M", "Mum /A/", "F")
    tree.person("D", "Dad /A/", "M").person("S", "Sam /A/")
    tree.family("F1", "D", "M", ("YP",)).family("F2", "D", "M", ("S",))
    assert roles(tree.bytes())["@S@"] == ("sibling", None)


def test_a_parents_half_sibling_is_an_aunt_or_uncle_and_their_child_a_cousin() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/").person("D", "Dad /A/", "M")
    tree.person("G", "Gran /A/", "F").person("GX", "Other /B/", "M")
    tree.person("U", "Uncle /B/", "M").person("K", "Kid /B/")
    tree.family("F1", "D", None, ("YP",)).family("F2", None, "G", ("D",))
    tree.family("F3", "GX", "G", ("U",)).family("F4", "U", None, ("K",))
    found = roles(tree.bytes())
    assert found["@U@"] == ("aunt_uncle", "paternal")
    assert found["@K@"] == ("cousin", "paternal")
    assert "@GX@" not in found  # a grandparent's partner is not a parent's partner


def test_the_young_persons_own_children_are_other_relatives_without_a_side() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/", "F").person("B", "Baby /A/")
    tree.family("F1", None, "YP", ("B",))
    assert roles(tree.bytes()) == {"@B@": ("other_relative", None)}


def test_deaths_come_from_death_burial_and_cremation_records() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/", born="1 JAN 2010")
    tree.person("M", "Mum /A/", "F", extra=["1 DEAT", "2 DATE 2019"])
    tree.person("D", "Dad /A/", "M", extra=["1 BURI", "2 PLAC Northtown"])
    tree.person("S", "Sam /A/").family("F1", "D", "M", ("YP", "S"))
    people = read_tree(tree.bytes()).people
    assert people["@M@"].deceased and people["@D@"].deceased
    assert not people["@S@"].deceased


# --- the network taken ----------------------------------------------------------------------


def test_everyone_taken_is_a_lead_not_yet_a_relationship() -> None:
    conversion = to_network(read_tree(family().bytes()), "YP", "yp-amy")
    network = conversion.network
    assert network.young_person.name == "Amy Example"
    assert network.young_person.date_of_birth == date(2012, 3, 3)
    assert len(network.people) == len(EXPECTED)
    for person in network.people:
        assert person.category is Category.FAMILY
        assert person.id == f"yp-amy-{person.external_ref.strip('@')}"
    for relationship in network.relationships:
        assert relationship.closeness is None
        assert relationship.safety is Safety.UNASSESSED
        assert relationship.wishes is Wishes.UNKNOWN
        assert relationship.contact is Contact.NONE_YET
        assert relationship.finding_status is FindingStatus.IDENTIFIED
    by_ref = {p.external_ref: p for p in network.people}
    assert by_ref["@MGF@"].deceased and not by_ref["@MGM@"].deceased
    assert by_ref["@M@"].name == "Zoë Müller"
    side = {r.person_id: r.side for r in network.relationships}
    assert side["yp-amy-C"] is Side.MATERNAL
    assert conversion.left_out_total == len(LEFT_OUT_FURTHER | LEFT_OUT_UNRELATED)
    assert conversion.people_in_file == 1 + len(EXPECTED) + conversion.left_out_total


def test_links_are_parents_from_families_and_partners_between_spouses() -> None:
    network = to_network(read_tree(family().bytes()), "@YP@", "yp").network
    links = {(link.source, link.target, link.kind) for link in network.links}
    assert ("yp-M", "yp-S", LinkKind.PARENT) in links
    assert ("yp-MGM", "yp-M", LinkKind.PARENT) in links
    assert ("yp-C", "yp-CC", LinkKind.PARENT) not in links  # CC is left out
    assert ("yp-D", "yp-M", LinkKind.PARTNER) in links
    assert ("yp-D", "yp-SM", LinkKind.PARTNER) in links
    assert all("yp" not in (link.source, link.target) for link in network.links)


def test_a_date_of_birth_is_needed_when_the_file_has_no_full_one() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/", born="ABT 2012").person("M", "Mum /A/", "F")
    tree.family("F1", None, "M", ("YP",))
    with pytest.raises(GedcomError, match=r"--date-of-birth: the file has no full date"):
        to_network(read_tree(tree.bytes()), "YP", "yp")
    network = to_network(read_tree(tree.bytes()), "YP", "yp", date_of_birth=date(2012, 5, 1))
    assert network.network.young_person.date_of_birth == date(2012, 5, 1)


def test_an_unknown_young_person_is_named() -> None:
    with pytest.raises(GedcomError, match=r"--young-person: @I99@ is not a person in the file"):
        to_network(read_tree(family().bytes()), "I99", "yp")


def test_a_date_of_birth_in_the_future_names_the_field() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/", born="1 JAN 2999")
    with pytest.raises(Exception, match=r"young_person.date_of_birth: 2999-01-01 is in the future"):
        to_network(read_tree(tree.bytes()), "YP", "yp")


def test_the_default_id_comes_from_the_file_and_the_xref() -> None:
    assert default_young_person_id("The Müller tree.GED", "@I1@") == "The-M-ller-tree-I1"
    assert len(default_young_person_id("x" * 200 + ".ged", "@I1234@")) <= 64


def test_a_person_without_a_name_gets_a_placeholder() -> None:
    tree = GedcomBuilder().person("YP", "Amy /A/", born="1 JAN 2010").person("M", None, "F")
    tree.family("F1", None, "M", ("YP",))
    network = to_network(read_tree(tree.bytes()), "YP", "yp").network
    assert network.people[0].name == "Name not recorded (@M@)"


# --- versions, encodings, line ends ---------------------------------------------------------

QUIRKS = [
    ("5.5", "UTF-8", "utf-8", "\n", False),
    ("5.5", "ANSEL", "ansel", "\r\n", False),
    ("5.5.1", "ANSEL", "ansel", "\n", False),
    ("5.5.1", "UTF-8", "utf-8", "\r\n", False),
    ("5.5.1", "UTF-8", "utf-8", "\r", False),
    ("5.5.1", "UTF-8", "utf-8", "\n", True),
    ("5.5.5", "UTF-8", "utf-8", "\r\n", True),
    ("5.5.5", "UNICODE", "utf-16-le", "\r\n", False),
    ("5.5.5", "UNICODE", "utf-16", "\n", False),
    ("5.5.1", "UNICODE", "utf-16-be", "\r", False),
    ("7.0", None, "utf-8", "\n", False),
    ("7.0", None, "utf-8", "\r\n", True),
    ("7.0", None, "utf-8", "\r", False),
]


@pytest.mark.parametrize(("version", "char", "encoding", "eol", "bom"), QUIRKS)
def test_every_version_encoding_and_line_end_gives_the_same_family(
    version: str, char: str | None, encoding: str, eol: str, bom: bool
) -> None:
    tree = family(version, char)
    data = tree.bytes(encoding, eol, bom)
    if encoding == "utf-16-le" and not bom:
        assert not data.startswith(b"\xff\xfe")
    assert roles(data) == EXPECTED
    people = read_tree(data).people
    assert people["@M@"].name == "Zoë Müller"  # ANSEL's combining accents read as one letter
    assert read_tree(data).version == version


def test_conc_and_cont_lines_are_read_as_part_of_their_line() -> None:
    note = ["A note that is", "2 CONC  continued", "2 CONT on a new line"]
    tree = family().person("Q", "Quin /Note/", note=note)
    assert roles(tree.bytes()) == EXPECTED
    assert read_tree(tree.bytes()).people["@Q@"].name == "Quin Note"


def test_pointers_to_missing_records_are_skipped_and_said() -> None:
    tree = family()
    tree.person("Z", "Zed /Lost/", extra=["1 FAMC @F99@"])
    tree.family("F50", "NOBODY", None, ("Z",))
    read = read_tree(tree.bytes())
    assert "@Z@ points to family @F99@, which is not in the file" in read.warnings
    assert "family @F50@ points to @NOBODY@, who is not in the file" in read.warnings
    assert roles(tree.bytes()) == EXPECTED


def test_a_file_without_a_trailer_is_still_read() -> None:
    text = family().text().replace("0 TRLR\n", "")
    assert roles(text.encode()) == EXPECTED


# --- files that cannot be read --------------------------------------------------------------

GOOD = family().text()
#: The line of the father's SEX (a line is inserted after it) and of the mother's name.
AFTER_SEX_M = GOOD.splitlines().index("1 SEX M") + 2
MOTHER_NAME = GOOD.splitlines().index("1 NAME Zoë /Müller/") + 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"not a family tree\n", "line 1: this is not a GEDCOM file"),
        (b'{"format": "lifelong-connections/network"}', "line 1: this is not a GEDCOM file"),
        (b"0 @I1@ INDI\n1 NAME A\n0 TRLR\n", "line 1: a GEDCOM file starts with a HEAD record"),
        (
            GOOD.replace("1 SEX M\n", "1 SEX M\nthis is not gedcom\n", 1).encode(),
            f"line {AFTER_SEX_M}: a line that is not GEDCOM",
        ),
        (
            GOOD.replace("1 SEX M\n", "1 SEX M\n3 DATE 2000\n", 1).encode(),
            f"line {AFTER_SEX_M}: levels out of order",
        ),
        (GOOD.encode("latin-1"), f"line {MOTHER_NAME}: characters that are not UTF-8"),
        (
            b"\xff\xfe" + "0 HEAD\n".encode("utf-16-le") + b"\x00\xd8",
            "the file is not valid UTF-16",
        ),
        (GOOD.replace("CHAR UTF-8", "CHAR KLINGON").encode(), "Unknown codec name 'KLINGON'"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_message_naming_the_line(
    data: bytes, message: str
) -> None:
    with pytest.raises(GedcomError) as raised:
        read_tree(data)
    assert message in str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_search_finds_people_by_name_and_birth_year() -> None:
    tree = read_tree(family().bytes())
    assert [p.xref for p in tree.search("amy 2012")] == ["@YP@"]
    assert {p.xref for p in tree.search("müller")} == {"@M@", "@MGM@", "@MGF@", "@AU@"}
    assert tree.search("amy 2013") == []
