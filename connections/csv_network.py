"""A young person's network as a spreadsheet (CSV), in and out (``docs/spreadsheets.md``).

One row a person: who they are (:class:`~connections.model.Person`) and what they are to this
young person (:class:`~connections.model.Relationship`), under headers in plain words ("How close
(0-4)", "Last contact (YYYY-MM-DD)"). Links between people, the contact log, restrictions and
consent are not in the spreadsheet: an import leaves them as they are.

- :func:`template_csv`: the header row, for a worker to fill in.
- :func:`network_csv`: a network as CSV, every cell safe to open in a spreadsheet
  (:mod:`connections.csvfile`), in the same columns, so export -> import gives the same network.
- :func:`read_import`: a CSV file merged into a young person's network. Rows with an Id that is
  someone in the network update that person; rows without an Id add someone; nobody missing from
  the file is removed. Every problem is collected (not only the first), each naming its row and
  column, and nothing is returned unless the whole file is good: an import is all or nothing.

Cells may use the words the app shows (``No contact``, ``Aunt or uncle``, ``Very close``) or the
stored values (``no_contact``, ``aunt_uncle``, ``4``), in any case. Pure: no I/O, no Flask.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Final, Literal

from connections.consent import check_finding_stage
from connections.csvfile import FORMULA_STARTS, csv_writer
from connections.model import (
    Category,
    Contact,
    Domain,
    FieldError,
    FindingStatus,
    InvalidInput,
    Network,
    Person,
    RatedBy,
    Relationship,
    Role,
    Safety,
    Side,
    Wishes,
    parse,
)
from connections.vocabulary import CLOSENESS_WORDS, role_label, words

__all__ = [
    "COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "Column",
    "CsvImport",
    "ImportRow",
    "network_csv",
    "read_import",
    "template_csv",
]

#: A larger file is refused before it is read (a 5,000-person network with notes is far smaller).
MAX_FILE_BYTES: Final = 5 * 1024 * 1024
#: At most this many people in one file (the network format's own limit).
MAX_ROWS: Final = 5000


class CellError(ValueError):
    """A cell that cannot be read; the message says what it should be."""


# --- reading and writing one cell ---------------------------------------------------------------


def _key(text: str) -> str:
    """How cells and headers are compared: case, spaces, ``_`` and ``-`` do not matter."""
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold()).strip()


def unneutralise(cell: str) -> str:
    """Undo :func:`connections.csvfile.neutralise` (and :func:`_protect`): a leading ``'`` that
    stands before what a spreadsheet would run (or before another ``'``) is taken away.

    >>> unneutralise("'=SUM(A1)"), unneutralise("''Bob"), unneutralise("'Bob"), unneutralise("Bob")
    ('=SUM(A1)', "'Bob", "'Bob", 'Bob')
    """
    if cell.startswith("'") and cell[1:].startswith((*FORMULA_STARTS, "'")):
        return cell[1:]
    return cell


def _protect(text: str) -> str:
    """Text that starts with ``'`` gets one more, so that :func:`unneutralise` gives it back as
    it was (the CSV writer then neutralises what starts a formula)."""
    return "'" + text if text.startswith("'") else text


def _text(cell: str) -> str:
    return unneutralise(cell).strip()


class _Vocabulary:
    """An enum read from the words the app shows or its stored values, in any case."""

    def __init__(self, enum: type[Enum], extra: Mapping[str, str] | None = None):
        self.enum = enum
        #: Every spelling accepted, as :func:`_key` gives it, with its value (built once).
        self.spellings: dict[str, Enum] = {}
        for member in enum:
            for spelling in (str(member.value), words(member), role_label(member)):
                self.spellings[_key(spelling)] = member
        for spelling, value in (extra or {}).items():
            self.spellings[_key(spelling)] = enum(value)

    def read(self, cell: str) -> Enum | None:
        text = _text(cell)
        if not text:
            return None
        member = self.spellings.get(_key(text))
        if member is None:
            raise CellError(f'"{_short(text)}" is not one of: {self.choices()}')
        return member

    def choices(self) -> str:
        return ", ".join(words(member) for member in self.enum)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


_YES = {"yes", "y", "true", "1", "died", "deceased"}
_NO = {"no", "n", "false", "0", ""}


def _yes_no(cell: str) -> bool:
    text = _key(_text(cell))
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f'"{_short(_text(cell))}" is not Yes or No')


_CLOSENESS = {_key(word): value for value, word in CLOSENESS_WORDS.items()}
_CLOSENESS_WITH_NUMBER = re.compile(r"^(.*?)\s*\((\d)\)$")


def _closeness(cell: str) -> int | None:
    """``4``, ``Very close`` or ``Very close (4)``; empty: not rated."""
    text = _text(cell)
    if not text:
        return None
    match = _CLOSENESS_WITH_NUMBER.match(text)
    if match and _CLOSENESS.get(_key(match.group(1))) == int(match.group(2)):
        return int(match.group(2))
    if text.isdigit() and 0 <= int(text) <= 4:
        return int(text)
    if _key(text) in _CLOSENESS:
        return _CLOSENESS[_key(text)]
    raise CellError(
        f'"{_short(text)}" is not a closeness: a whole number from 0 (not close) to 4 (very close)'
    )


_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _date(cell: str) -> str | None:
    """YYYY-MM-DD, or DD/MM/YYYY as a UK spreadsheet rewrites dates when it saves; empty: none."""
    text = _text(cell)
    if not text:
        return None
    match = _UK_DATE.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        raise CellError(f'"{_short(text)}" is not a date in the calendar') from None
    raise CellError(f'"{_short(text)}" is not a date (YYYY-MM-DD, or DD/MM/YYYY)')


def _age(cell: str) -> int | None:
    text = _text(cell)
    if not text:
        return None
    if text.isdigit() and int(text) <= 30:
        return int(text)
    raise CellError(f'"{_short(text)}" is not an age: a whole number from 0 to 30')


_DOMAINS = _Vocabulary(Domain)


def _support(cell: str) -> list[Domain]:
    """Support domains separated by ``;`` (or ``,``), in words or stored values."""
    items = [item for item in re.split(r"[;,]", _text(cell)) if item.strip()]
    found = []
    for item in items:
        try:
            found.append(_DOMAINS.read(item))
        except CellError:
            raise CellError(
                f'"{_short(item.strip())}" is not a kind of support: {_DOMAINS.choices()}'
            ) from None
    return found  # type: ignore[return-value]


def _optional_text(cell: str) -> str | None:
    return _text(cell) or None


# --- the columns --------------------------------------------------------------------------------

Entity = Literal["person", "relationship"]


@dataclass(frozen=True)
class Column:
    """One column of the spreadsheet: its header, the model field it fills, how a cell is read
    (raising :class:`CellError`) and how a value is written."""

    header: str
    field: str
    entity: Entity
    read: Callable[[str], Any]
    write: Callable[[Any], Any]
    #: What the template's reader is told (docs/spreadsheets.md says the same).
    hint: str = ""
    #: Other headers accepted for this column (compared as :func:`_key` does).
    aliases: tuple[str, ...] = ()


def _vocabulary_column(
    header: str,
    field_name: str,
    entity: Entity,
    enum: type[Enum],
    extra: Mapping[str, str] | None = None,
    aliases: tuple[str, ...] = (),
) -> Column:
    vocabulary = _Vocabulary(enum, extra)
    return Column(
        header,
        field_name,
        entity,
        vocabulary.read,
        lambda value: words(value) if value is not None else "",
        hint=vocabulary.choices(),
        aliases=aliases,
    )


def _write_text(value: Any) -> str:
    return _protect(value or "")


def _write_yes_no(value: Any) -> str:
    return "Yes" if value else "No"


COLUMNS: Final[tuple[Column, ...]] = (
    Column(
        "Id",
        "id",
        "person",
        _optional_text,
        _write_text,
        hint="Leave empty to add someone; an exported Id updates that person",
        aliases=("person id",),
    ),
    Column("Name", "name", "person", _text, _write_text, hint="Required", aliases=("full name",)),
    _vocabulary_column("Role", "role", "relationship", Role),
    _vocabulary_column("Category", "category", "person", Category),
    _vocabulary_column("Side", "side", "relationship", Side, aliases=("side of the family",)),
    Column("Died", "deceased", "person", _yes_no, _write_yes_no, "Yes or No", ("deceased",)),
    Column("Household", "household", "person", _optional_text, _write_text, "A household id"),
    Column("Address", "address", "person", _text, _write_text),
    Column(
        "How close (0-4)",
        "closeness",
        "relationship",
        _closeness,
        lambda value: value if value is not None else "",
        hint="0 not close ... 4 very close; empty if not rated",
        aliases=("how close", "closeness"),
    ),
    _vocabulary_column(
        "Rated by",
        "closeness_rated_by",
        "relationship",
        RatedBy,
        extra={"the young person": "young_person", "a worker": "worker"},
        aliases=("closeness rated by",),
    ),
    _vocabulary_column("Safety", "safety", "relationship", Safety),
    Column("Safety note", "safety_note", "relationship", _text, _write_text),
    _vocabulary_column(
        "Wishes", "wishes", "relationship", Wishes, aliases=("young person's wishes",)
    ),
    _vocabulary_column("Contact", "contact", "relationship", Contact),
    Column(
        "Last contact (YYYY-MM-DD)",
        "last_contact",
        "relationship",
        _date,
        lambda value: value.isoformat() if value is not None else "",
        hint="YYYY-MM-DD (DD/MM/YYYY is read too)",
        aliases=("last contact",),
    ),
    Column("Paid", "paid", "relationship", _yes_no, _write_yes_no, "Yes or No"),
    Column(
        "Role ends at age",
        "role_ends_at_age",
        "relationship",
        _age,
        lambda value: value if value is not None else "",
        hint="0 to 30",
    ),
    Column(
        "Continues beyond role",
        "continues_beyond_role",
        "relationship",
        _yes_no,
        _write_yes_no,
        "Yes or No",
    ),
    Column(
        "Support",
        "support",
        "relationship",
        _support,
        lambda value: "; ".join(words(domain) for domain in value),
        hint=f"Any of {_DOMAINS.choices()}, separated by ;",
    ),
    _vocabulary_column("Finding status", "finding_status", "relationship", FindingStatus),
    Column(
        "Hide in conference",
        "hide_in_conference",
        "relationship",
        _yes_no,
        _write_yes_no,
        "Yes or No",
    ),
    Column("Notes", "notes", "relationship", _text, _write_text),
)

_BY_FIELD: Final = {column.field: column for column in COLUMNS}
_BY_HEADER: Final = {
    _key(name): column
    for column in COLUMNS
    for name in (column.header, re.sub(r"\s*\(.*\)$", "", column.header), column.field)
} | {_key(alias): column for column in COLUMNS for alias in column.aliases}
#: Columns a file must have (a new person needs them; updates could do without, but a file
#: without names cannot be checked by anyone reading it).
REQUIRED_HEADERS: Final = ("Name", "Role", "Category")


def _letter(index: int) -> str:
    """A spreadsheet's column letter: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# --- writing ------------------------------------------------------------------------------------


def template_csv() -> str:
    """The template: the header row alone (CRLF line ends, as spreadsheets write)."""
    out = io.StringIO()
    csv_writer(out).writerow(column.header for column in COLUMNS)
    return out.getvalue()


def network_csv(network: Network) -> str:
    """The network's people, one row each (by name), in the template's columns; every text cell
    neutralised against formulas (:mod:`connections.csvfile`)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(column.header for column in COLUMNS)
    people = {person.id: person for person in network.people}
    relationships = sorted(
        network.relationships,
        key=lambda r: (people[r.person_id].name.casefold(), r.person_id),
    )
    for relationship in relationships:
        person = people[relationship.person_id]
        writer.writerow(
            column.write(
                getattr(person if column.entity == "person" else relationship, column.field)
            )
            for column in COLUMNS
        )
    return out.getvalue()


# --- reading ------------------------------------------------------------------------------------


def decode(data: bytes | str) -> str:
    """The file's text: UTF-8 (with or without a byte order mark), UTF-16 with a byte order
    mark (Excel's "Unicode text"), or else Windows-1252 (Excel's "CSV" on Windows)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput.single("", "the file is not readable UTF-16 text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InvalidInput.single(
                "", "the file is not text (save it from the spreadsheet as CSV UTF-8)"
            ) from None


def delimiter(text: str) -> str:
    """The separator the header row uses: comma, semicolon (spreadsheets in countries that
    write decimals with a comma) or tab; comma when the header row has none.

    >>> delimiter("Name;Role;Category\\r\\n"), delimiter("Name,Role\\n"), delimiter("Name")
    (';', ',', ',')
    """
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


@dataclass(frozen=True)
class ImportRow:
    """One row of the file as it will be saved."""

    row: int
    action: Literal["add", "update", "unchanged"]
    person: Person
    relationship: Relationship
    #: For an update: the headers of the columns whose value changes.
    changes: tuple[str, ...] = ()
    #: For an addition: the ids of people already in the network with the same name.
    same_name_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class CsvImport:
    """A whole file, checked: what each row does, and the network as it will be saved."""

    rows: tuple[ImportRow, ...]
    network: Network

    @property
    def added(self) -> list[ImportRow]:
        return [row for row in self.rows if row.action == "add"]

    @property
    def updated(self) -> list[ImportRow]:
        return [row for row in self.rows if row.action == "update"]

    @property
    def unchanged(self) -> list[ImportRow]:
        return [row for row in self.rows if row.action == "unchanged"]

    @property
    def changes_anything(self) -> bool:
        return any(row.action != "unchanged" for row in self.rows)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged"
        )


def new_person_id() -> str:
    """An id for someone added from a file, as the web form gives one."""
    return f"p-{uuid.uuid4().hex[:12]}"


def read_import(
    data: bytes | str,
    network: Network,
    *,
    new_id: Callable[[], str] = new_person_id,
    finding_paused: str | None = None,
) -> CsvImport:
    """Check a CSV file against ``network`` and merge it in: see the module's docstring.

    ``finding_paused``: why family finding is paused (:func:`connections.consent.
    family_finding_paused`), if it is; a row may then not move a finding status past
    identified. Raises :class:`~connections.model.InvalidInput` with every problem, each at
    ``row N, column L (Header)``.
    """
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput.single(
            "", f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB"
        )
    text = decode(data)
    records = _records(text)
    if not records or not any(cell.strip() for cell in records[0][1]):
        raise InvalidInput.single("row 1", "the file is empty: the first row must be the headers")
    header_row, header_cells = records[0]
    columns, errors = _header(header_cells)
    body = [(number, cells) for number, cells in records[1:] if any(c.strip() for c in cells)]
    if len(body) > MAX_ROWS:
        errors.append(
            FieldError(path="", message=f"the file has {len(body)} people: at most {MAX_ROWS}")
        )
    if errors:
        raise InvalidInput(errors)
    return _merge(body, columns, network, new_id, finding_paused)


def _records(text: str) -> list[tuple[int, list[str]]]:
    """The rows as a spreadsheet numbers them (a quoted cell may hold line breaks and is still
    one row), with their cells."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text), strict=True)
    try:
        return [(number, cells) for number, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise InvalidInput.single(
            f"line {reader.line_num}", f"the file is not CSV that can be read ({error})"
        ) from None


def _header(cells: Sequence[str]) -> tuple[list[Column | None], list[FieldError]]:
    columns: list[Column | None] = []
    errors = []
    seen: dict[str, str] = {}
    for index, cell in enumerate(cells):
        name = _text(cell)
        where = f"row 1, column {_letter(index)}"
        if not name:
            columns.append(None)  # an empty header: its cells must be empty too
            continue
        column = _BY_HEADER.get(_key(name))
        if column is None:
            errors.append(
                FieldError(
                    path=where,
                    message=f'"{_short(name)}" is not a column of the template (the columns '
                    f"are: {', '.join(c.header for c in COLUMNS)})",
                )
            )
        elif column.field in seen:
            errors.append(
                FieldError(
                    path=where,
                    message=f'"{column.header}" is already column {seen[column.field]}',
                )
            )
        else:
            seen[column.field] = _letter(index)
        columns.append(column)
    for header in REQUIRED_HEADERS:
        if _BY_HEADER[_key(header)].field not in seen:
            errors.append(FieldError(path="row 1", message=f'the column "{header}" is missing'))
    return columns, errors


def _where(row: int, columns: Sequence[Column | None], column: Column) -> str:
    index = next(i for i, c in enumerate(columns) if c is column)
    return f"row {row}, column {_letter(index)} ({column.header})"


def _merge(
    body: Iterable[tuple[int, list[str]]],
    columns: list[Column | None],
    network: Network,
    new_id: Callable[[], str],
    finding_paused: str | None,
) -> CsvImport:
    people = {person.id: person for person in network.people}
    relationships = {r.person_id: r for r in network.relationships}
    names: dict[str, list[str]] = {}
    for person in network.people:
        names.setdefault(_key(person.name), []).append(person.id)
    id_column = _BY_FIELD["id"]
    errors: list[FieldError] = []
    rows: list[ImportRow] = []
    seen_ids: dict[str, int] = {}
    for row, cells in body:
        row_errors: list[FieldError] = []
        values: dict[str, Any] = {}
        for index, cell in enumerate(cells):
            column = columns[index] if index < len(columns) else None
            if column is None:
                if cell.strip():
                    row_errors.append(
                        FieldError(
                            path=f"row {row}, column {_letter(index)}",
                            message="has a value but no header: give the column a header "
                            "from the template, or empty it",
                        )
                    )
                continue
            try:
                values[column.field] = column.read(cell)
            except CellError as error:
                # Left out of the row's values, so the model's checks below see the rest.
                row_errors.append(FieldError(path=_where(row, columns, column), message=str(error)))
        person_id = values.pop("id", None)
        bad_id = person_id is not None and (person_id not in people or person_id in seen_ids)
        if person_id is not None and person_id not in people:
            row_errors.append(
                FieldError(
                    path=_where(row, columns, id_column),
                    message=f'"{_short(person_id)}" is not anyone in '
                    f"{network.young_person.name}'s network: leave Id empty to add "
                    "a new person",
                )
            )
        elif person_id is not None and person_id in seen_ids:
            row_errors.append(
                FieldError(
                    path=_where(row, columns, id_column),
                    message=f'"{person_id}" is already in row {seen_ids[person_id]}',
                )
            )
        elif person_id is not None:
            seen_ids[person_id] = row
        built = None
        if not bad_id:
            try:
                built = _build(row, values, person_id, people, relationships, new_id, names)
            except InvalidInput as error:
                unread = {e.path for e in row_errors}
                row_errors += [
                    e for e in _at_cells(row, columns, error.errors) if e.path not in unread
                ]
        if row_errors or built is None:
            errors.extend(_in_column_order(row_errors, columns))
            continue
        stage_error = check_finding_stage(
            relationships[person_id].finding_status if person_id in relationships else None,
            built.relationship.finding_status,
            finding_paused,
        )
        if stage_error is not None and "finding_status" in values:
            errors.extend(_at_cells(row, columns, [stage_error]))
            continue
        rows.append(built)
    if errors:
        raise InvalidInput(errors)
    return CsvImport(tuple(rows), _merged(network, rows))


def _build(
    row: int,
    values: dict[str, Any],
    person_id: str | None,
    people: Mapping[str, Person],
    relationships: Mapping[str, Relationship],
    new_id: Callable[[], str],
    names: Mapping[str, list[str]],
) -> ImportRow:
    """The person and relationship a row describes: an existing one with the file's columns
    changed (columns not in the file keep their values), or a new one."""
    person_values = {k: v for k, v in values.items() if _BY_FIELD[k].entity == "person"}
    relationship_values = {k: v for k, v in values.items() if _BY_FIELD[k].entity == "relationship"}
    if person_id is None:
        person_id = new_id()
        before_person: dict[str, Any] = {"id": person_id}
        before_relationship: dict[str, Any] = {"person_id": person_id}
        old = None
    else:
        old = (people[person_id], relationships[person_id])
        before_person = old[0].model_dump()
        before_relationship = old[1].model_dump()
    errors = []
    for name, values_of in (("role", relationship_values), ("category", person_values)):
        if name in values_of and values_of[name] is None:
            del values_of[name]
            errors.append(FieldError(path=name, message="must not be empty"))
    for name in ("safety", "wishes", "contact"):
        if name in relationship_values and relationship_values[name] is None:
            # An empty cell: the model's default (not assessed yet, unknown, none yet).
            relationship_values[name] = Relationship.model_fields[name].default
    try:
        person = parse(Person, {**before_person, **person_values})
    except InvalidInput as error:
        errors += error.errors
    try:
        relationship = parse(Relationship, {**before_relationship, **relationship_values})
    except InvalidInput as error:
        errors += error.errors
    if errors:
        first = {}  # one problem a cell: "must not be empty" rather than also "is required"
        for error in errors:
            first.setdefault(error.path.rsplit(".", 1)[-1], error)
        raise InvalidInput(list(first.values()))
    if old is None:
        same = tuple(names.get(_key(person.name), ()))
        return ImportRow(row, "add", person, relationship, same_name_as=same)
    person = person.at_version(old[0].version)
    relationship = relationship.at_version(old[1].version)
    changes = tuple(
        column.header
        for column in COLUMNS[1:]
        if getattr(person if column.entity == "person" else relationship, column.field)
        != getattr(old[0] if column.entity == "person" else old[1], column.field)
    )
    return ImportRow(row, "update" if changes else "unchanged", person, relationship, changes)


def _at_cells(
    row: int, columns: Sequence[Column | None], errors: Iterable[FieldError]
) -> list[FieldError]:
    """The model's errors (at a field's name) at the row's cell of that field."""
    placed = []
    for error in errors:
        field_name = error.path.rsplit(".", 1)[-1]
        column = _BY_FIELD.get(field_name)
        if column is not None and column in columns:
            path = _where(row, columns, column)
        elif column is not None:
            path = f'row {row}, column "{column.header}" (not in the file)'
        else:
            path = f"row {row}"
        placed.append(FieldError(path=path, message=error.message))
    return placed


def _in_column_order(
    errors: Iterable[FieldError], columns: Sequence[Column | None]
) -> list[FieldError]:
    """A row's problems from left to right (those not at one cell first)."""
    letters = {_letter(index): index for index in range(len(columns) + 1)}

    def position(error: FieldError) -> int:
        match = re.match(r"row \d+, column ([A-Z]+)\b", error.path)
        return letters.get(match.group(1), len(letters)) if match else -1

    return sorted(errors, key=position)


def _merged(network: Network, rows: Sequence[ImportRow]) -> Network:
    """The network with the rows' people and relationships in place of (or beside) its own."""
    people = {person.id: person for person in network.people}
    relationships = {r.person_id: r for r in network.relationships}
    for row in rows:
        people[row.person.id] = row.person
        relationships[row.person.id] = row.relationship
    return network.model_copy(
        update={"people": list(people.values()), "relationships": list(relationships.values())}
    )
