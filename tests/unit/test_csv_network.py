"""The network as a spreadsheet (connections.csv_network): the template, export with hostile
cells neutralised, import with every error at its row and column, and the round trip."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connections import csv_network
from connections.csv_network import COLUMNS, network_csv, read_import, template_csv
from connections.csvfile import FORMULA_STARTS
from connections.model import (
    Category,
    Contact,
    Domain,
    FindingStatus,
    InvalidInput,
    Network,
    Role,
    Safety,
    Side,
    Wishes,
    parse_network,
)
from tests import factories as f

HEADERS = [column.header for column in COLUMNS]


def ids(*names: str) -> Any:
    """A ``new_id`` that gives these ids in turn (tests know the ids of people added)."""
    return iter(names).__next__


def errors_of(data: str | bytes, network: Network | None = None) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        read_import(data, network or f.network(), new_id=ids(*(f"n{i}" for i in range(99))))
    return [str(error) for error in caught.value.errors]


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# --- the template and export ---------------------------------------------------------------------


def test_the_template_is_the_header_row_in_plain_words() -> None:
    rows = cells(template_csv())
    assert rows == [HEADERS]
    for header in ("Name", "Role", "Category", "Side", "Died", "How close (0-4)", "Rated by"):
        assert header in HEADERS
    for header in ("Safety", "Wishes", "Contact", "Last contact (YYYY-MM-DD)", "Support", "Notes"):
        assert header in HEADERS


def test_export_writes_one_row_a_person_in_words() -> None:
    rows = cells(network_csv(f.network()))
    assert rows[0] == HEADERS
    by_name = {row[1]: dict(zip(HEADERS, row, strict=True)) for row in rows[1:]}
    assert sorted(by_name) == [
        "Dan Example",
        "Jo Smith",
        "Kai Example",
        "Ray Example",
        "Rose Example",
    ]
    rose = by_name["Rose Example"]
    assert rose["Id"] == "p-rose"
    assert rose["Role"] == "Grandparent"
    assert rose["How close (0-4)"] == "4"
    assert rose["Rated by"] == "Young person"
    assert rose["Support"] == "Emotional; Somewhere to stay"
    assert rose["Last contact (YYYY-MM-DD)"] == "2026-11-01"
    assert rose["Finding status"] == "Committed"
    assert by_name["Ray Example"]["Safety"] == "No contact"
    assert by_name["Ray Example"]["Role"] == "Aunt or uncle"
    assert by_name["Dan Example"]["Died"] == "Yes"


HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1",
    "-2",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_export_neutralises_every_cell_a_spreadsheet_would_run(hostile: str) -> None:
    document = f.network_document()
    # pydantic strips leading whitespace from text, so a tab or CR can only lead inside a note.
    document["people"][0]["name"] = "=x" if hostile[0] in "\t\r" else hostile
    document["people"][0]["address"] = hostile
    document["relationships"][0]["notes"] = "note\n" + hostile
    document["relationships"][0]["safety_note"] = hostile
    network = parse_network(document)
    for row in cells(network_csv(network))[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), row
    # ... and reads back as it was.
    back = read_import(network_csv(network), network).network
    assert back.canonical() == network.canonical()


def test_a_name_typed_with_a_leading_quote_survives_the_round_trip() -> None:
    document = f.network_document()
    document["people"][0]["name"] = "'=not a formula"
    document["people"][1]["name"] = "'Quoted"
    network = parse_network(document)
    assert read_import(network_csv(network), network).network.canonical() == network.canonical()


def test_export_then_import_changes_nothing() -> None:
    network = f.network()
    result = read_import(network_csv(network), network)
    assert [row.action for row in result.rows] == ["unchanged"] * 5
    assert result.network.canonical() == network.canonical()
    # links, contact log and restrictions are kept as they were
    assert result.network.links == network.links
    assert result.network.contact_log == network.contact_log


# --- import: what is accepted --------------------------------------------------------------------


def test_a_filled_in_template_adds_people_in_words_or_stored_values() -> None:
    text = (
        "Name,Role,Category,Side,Died,How close (0-4),Rated by,Safety,Wishes,Contact,"
        "Last contact (YYYY-MM-DD),Support,Notes\r\n"
        "Nan Oak,Grandparent,Family,Maternal,No,Very close,the young person,Safe,Wants,"
        'Active,2026-10-01,"Emotional; money",Knits.\r\n'
        "Uncle Bo,aunt_uncle,family,PATERNAL,yes,2,worker,no_contact,not_now,none_yet,"
        "15/09/2026,,\r\n"
        "Ms Teach,Teacher,professional,,,Close (3),Young person,Supervised contact only,"
        "Not now,Occasional,,Education or work,\r\n"
    )
    result = read_import(text, f.network(), new_id=ids("n1", "n2", "n3"))
    assert [row.action for row in result.rows] == ["add", "add", "add"]
    nan, bo, teach = result.rows
    assert nan.person.name == "Nan Oak" and nan.person.id == "n1"
    assert nan.relationship.role is Role.GRANDPARENT
    assert nan.relationship.side is Side.MATERNAL
    assert nan.relationship.closeness == 4
    assert nan.relationship.support == [Domain.EMOTIONAL, Domain.MONEY]
    assert nan.relationship.last_contact == date(2026, 10, 1)
    assert bo.person.deceased is True
    assert bo.relationship.safety is Safety.NO_CONTACT
    assert bo.relationship.wishes is Wishes.NOT_NOW
    assert bo.relationship.last_contact == date(2026, 9, 15)  # DD/MM/YYYY, as Excel saves
    assert teach.person.category is Category.PROFESSIONAL
    assert teach.relationship.closeness == 3
    assert teach.relationship.safety is Safety.SUPERVISED
    assert teach.relationship.contact is Contact.OCCASIONAL
    assert len(result.network.people) == 8  # the five already there are kept


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("utf-8"), id="utf-8"),
        pytest.param(lambda text: text.encode("utf-8-sig"), id="utf-8 with BOM"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(lambda text: text.encode("cp1252"), id="windows-1252"),
        pytest.param(lambda text: text.replace(",", ";").encode(), id="semicolons"),
        pytest.param(lambda text: text.replace(",", "\t").encode(), id="tabs"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="CRLF"),
        pytest.param(lambda text: text.replace("\n", "\r").encode(), id="CR only"),
    ],
)
def test_spreadsheets_habits_are_read(encode: Any) -> None:
    text = "name,ROLE,category ,how close,rated BY\nZoë Ärger,Friend,Friend,1,Worker\n\n,,,,\n"
    result = read_import(encode(text), f.network(), new_id=ids("n1"))
    assert [(row.person.name, row.relationship.closeness) for row in result.rows] == [
        ("Zoë Ärger", 1)
    ]


def test_rows_with_an_id_update_that_person_and_columns_left_out_keep_their_values() -> None:
    text = "Id,Name,Role,Category,Safety\np-ray,Raymond Example,Aunt or uncle,Family,Safe\n"
    result = read_import(text, f.network())
    (row,) = result.rows
    assert row.action == "update"
    assert row.changes == ("Name", "Safety")
    ray = result.network.person("p-ray")
    assert ray.name == "Raymond Example"
    assert ray.household == "h-1"  # no Household column: kept
    relationship = next(r for r in result.network.relationships if r.person_id == "p-ray")
    assert relationship.safety is Safety.SAFE
    assert relationship.safety_note == "Court order."  # no Safety note column: kept
    assert len(result.network.people) == 5  # nobody left out of the file is removed


def test_an_empty_cell_clears_a_value_or_gives_the_default() -> None:
    text = (
        "Id,Name,Role,Category,Safety,Notes,Finding status\n"
        "p-rose,Rose Example,Grandparent,Family,,,\n"
    )
    relationship = read_import(text, f.network()).rows[0].relationship
    assert relationship.safety is Safety.UNASSESSED
    assert relationship.notes == ""
    assert relationship.finding_status is None


def test_a_new_persons_same_name_as_someone_there_is_pointed_out() -> None:
    result = read_import("Name,Role,Category\nrose example,Friend,Friend\n", f.network())
    assert result.rows[0].same_name_as == ("p-rose",)


# --- import: every error at its row and column, all of them --------------------------------------


def test_each_kind_of_bad_cell_names_its_row_and_column() -> None:
    text = (
        "Name,Role,Category,Side,Died,How close (0-4),Rated by,Safety,Wishes,Contact,"
        "Last contact (YYYY-MM-DD),Paid,Role ends at age,Support,Finding status\n"
        "A,aunt,family,,,,,,,,,,,,\n"  # row 2
        "B,Friend,pal,,,,,,,,,,,,\n"
        "C,Friend,Friend,north,,,,,,,,,,,\n"
        "D,Friend,Friend,,maybe,,,,,,,,,,\n"
        "E,Friend,Friend,,,9,Young person,,,,,,,,\n"
        "F,Friend,Friend,,,2,my mum,,,,,,,,\n"
        "G,Friend,Friend,,,,,sometimes,,,,,,,\n"
        "H,Friend,Friend,,,,,,perhaps,,,,,,\n"
        "I,Friend,Friend,,,,,,,weekly,,,,,\n"
        "J,Friend,Friend,,,,,,,,2026-02-31,,,,\n"
        "K,Friend,Friend,,,,,,,,last week,,,,\n"
        "L,Friend,Friend,,,,,,,,,often,,,\n"
        "M,Friend,Friend,,,,,,,,,,31,,\n"
        "N,Friend,Friend,,,,,,,,,,,hugs,\n"
        "O,Friend,Friend,,,,,,,,,,,,found\n"
        ",Friend,Friend,,,,,,,,,,,,\n"
        "Q,,Friend,,,,,,,,,,,,\n"
        "R,Friend,Friend,,,3,,,,,,,,,\n"
    )
    errors = errors_of(text)
    expected_starts = [
        'row 2, column B (Role): "aunt" is not one of: Mother, Father',
        'row 3, column C (Category): "pal" is not one of: Family, Friend',
        'row 4, column D (Side): "north" is not one of: Maternal, Paternal',
        'row 5, column E (Died): "maybe" is not Yes or No',
        'row 6, column F (How close (0-4)): "9" is not a closeness',
        'row 7, column G (Rated by): "my mum" is not one of: Young person, Worker',
        'row 8, column H (Safety): "sometimes" is not one of: Safe, Supervised contact only',
        'row 9, column I (Wishes): "perhaps" is not one of',
        'row 10, column J (Contact): "weekly" is not one of',
        'row 11, column K (Last contact (YYYY-MM-DD)): "2026-02-31" is not a date in the calendar',
        'row 12, column K (Last contact (YYYY-MM-DD)): "last week" is not a date',
        'row 13, column L (Paid): "often" is not Yes or No',
        'row 14, column M (Role ends at age): "31" is not an age',
        'row 15, column N (Support): "hugs" is not a kind of support',
        'row 16, column O (Finding status): "found" is not one of',
        "row 17, column A (Name): must not be empty",
        "row 18, column B (Role): must not be empty",
        "row 19, column G (Rated by): is required when closeness is given",
    ]
    assert len(errors) == len(expected_starts), errors
    for error, start in zip(errors, expected_starts, strict=True):
        assert error.startswith(start), (error, start)


def test_every_problem_of_a_row_is_named_left_to_right() -> None:
    errors = errors_of("Safety,Name,Role,Category\nsometimes,,Friend,pal\n")
    assert [error.split(":")[0] for error in errors] == [
        "row 2, column A (Safety)",
        "row 2, column B (Name)",
        "row 2, column D (Category)",
    ]


def test_header_problems_name_the_column() -> None:
    errors = errors_of("Name,Role,Favourite colour,Name\nA,Friend,Blue,A\n")
    assert errors[0].startswith('row 1, column C: "Favourite colour" is not a column')
    assert errors[1] == 'row 1, column D: "Name" is already column A'
    assert errors[2] == 'row 1: the column "Category" is missing'


def test_ids_must_be_in_this_network_and_once() -> None:
    errors = errors_of(
        "Id,Name,Role,Category\n"
        "p-rose,Rose,Grandparent,Family\n"
        "someone-else,X,Friend,Friend\n"
        "p-rose,Rose again,Grandparent,Family\n"
    )
    assert errors == [
        'row 3, column A (Id): "someone-else" is not anyone in Amy Example\'s network: '
        "leave Id empty to add a new person",
        'row 4, column A (Id): "p-rose" is already in row 2',
    ]


def test_a_cell_without_a_header_is_refused() -> None:
    assert errors_of("Name,Role,Category\nA,Friend,Friend,stray\n") == [
        "row 2, column D: has a value but no header: give the column a header from the "
        "template, or empty it"
    ]


def test_unreadable_files_say_why() -> None:
    assert errors_of("") == ["row 1: the file is empty: the first row must be the headers"]
    assert errors_of('Name,Role,Category\n"A,Friend,Friend\n')[0].startswith(
        "line 2: the file is not CSV that can be read"
    )
    too_big = "Name,Role,Category\n" + "x" * csv_network.MAX_FILE_BYTES
    assert errors_of(too_big) == ["the file is larger than 5 MB"]


def test_too_many_rows_are_refused() -> None:
    text = "Name,Role,Category\n" + "A,Friend,Friend\n" * (csv_network.MAX_ROWS + 1)
    assert errors_of(text) == [f"the file has {csv_network.MAX_ROWS + 1} people: at most 5000"]


def test_while_finding_is_paused_no_row_moves_a_stage_past_identified() -> None:
    paused = "Family finding is paused: nothing has been recorded about consent."
    text = (
        "Id,Name,Role,Category,Finding status\n"
        "p-rose,Rose Example,Grandparent,Family,Committed\n"  # as it was: allowed
        ",New Aunt,Aunt or uncle,Family,Contacted\n"
        ",New Cousin,Cousin,Family,Identified\n"
    )
    with pytest.raises(InvalidInput) as caught:
        read_import(text, f.network(), finding_paused=paused)
    (error,) = caught.value.errors
    assert error.path == "row 3, column E (Finding status)"
    assert "cannot move past identified while family finding is paused" in error.message
    assert len(read_import(text, f.network()).added) == 2  # not paused: fine


# --- the round trip on random networks -----------------------------------------------------------

TEXT = st.text(alphabet=st.sampled_from("ab Zé=+-@'\t\r\n,;\"ü中"), min_size=0, max_size=12)


@st.composite
def networks(draw: st.DrawFn) -> Network:
    count = draw(st.integers(0, 8))
    people, relationships = [], []
    for index in range(count):
        name = draw(TEXT.filter(lambda text: text.strip()))
        closeness = draw(st.one_of(st.none(), st.integers(0, 4)))
        people.append(
            {
                "id": f"p{index}",
                "name": name,
                "category": draw(st.sampled_from(list(Category))).value,
                "deceased": draw(st.booleans()),
                "household": draw(st.sampled_from([None, "h1", "h-2"])),
                "address": draw(TEXT),
            }
        )
        last = draw(st.one_of(st.none(), st.integers(0, 4000)))
        relationships.append(
            {
                "person_id": f"p{index}",
                "role": draw(st.sampled_from(list(Role))).value,
                "closeness": closeness,
                "closeness_rated_by": None
                if closeness is None
                else draw(st.sampled_from(["young_person", "worker"])),
                "safety": draw(st.sampled_from(list(Safety))).value,
                "wishes": draw(st.sampled_from(list(Wishes))).value,
                "contact": draw(st.sampled_from(list(Contact))).value,
                "last_contact": None
                if last is None
                else (date(2015, 1, 1) + timedelta(days=last)).isoformat(),
                "paid": draw(st.booleans()),
                "role_ends_at_age": draw(st.one_of(st.none(), st.integers(0, 30))),
                "continues_beyond_role": draw(st.booleans()),
                "support": [d.value for d in draw(st.sets(st.sampled_from(list(Domain))))],
                "finding_status": draw(
                    st.one_of(st.none(), st.sampled_from([s.value for s in FindingStatus]))
                ),
                "notes": draw(TEXT),
                "safety_note": draw(TEXT),
                "hide_in_conference": draw(st.booleans()),
                "side": draw(st.sampled_from([None, "maternal", "paternal"])),
            }
        )
    document = f.network_document()
    document.update(people=people, relationships=relationships, links=[], contact_log=[])
    return parse_network(document)


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(networks())
def test_round_trip_on_random_networks(network: Network) -> None:
    exported = network_csv(network)
    for row in cells(exported)[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS)
    # into the same network: nothing changes
    again = read_import(exported, network)
    assert again.network.canonical() == network.canonical()
    assert not again.added and not again.updated
    # into an empty network (Ids dropped): the same people and relationships, with new ids
    empty = network.model_copy(update={"people": [], "relationships": []})
    without_ids = "\n".join(",".join(_quote(cell) for cell in row[1:]) for row in cells(exported))
    new_ids = iter(f"n{i}" for i in range(len(network.people)))
    added = read_import(without_ids, empty, new_id=lambda: next(new_ids))
    assert _without_ids(added.network) == _without_ids(network)


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def _without_ids(network: Network) -> list[tuple[Any, Any]]:
    people = {person.id: person for person in network.people}
    pairs = []
    for relationship in network.relationships:
        person = people[relationship.person_id].model_dump(exclude={"id"})
        pairs.append((person, relationship.model_dump(exclude={"person_id"})))
    return sorted(pairs, key=repr)
