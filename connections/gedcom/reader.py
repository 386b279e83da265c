"""Reading a GEDCOM file into a small family tree: people, families, births and deaths.

The parsing is ged4py's (docs/gedcom.md has the measurement that chose it). Before ged4py sees
the bytes, one normalisation step covers what it does not: UTF-16 files are re-encoded as UTF-8
(their header's ``CHAR`` then says so), and a GEDCOM 7 file without a byte order mark is read
as UTF-8 (7.0 has no ``CHAR``; ged4py would otherwise assume ANSEL). A file that cannot be read
raises :class:`GedcomError` naming the line.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import ged4py.date
from ged4py import GedcomReader
from ged4py.parser import CodecError, IntegrityError, ParserError

from connections.model import FieldError, InvalidInput

#: Larger files are refused before parsing (a 3,000-person tree is about 0.5 MB).
MAX_FILE_BYTES = 20 * 1024 * 1024

#: Events that mean a person has died (a burial or a cremation is recorded only after death).
DEATH_TAGS = ("DEAT", "BURI", "CREM")

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
_CHAR_LINE = re.compile(r"(^|[\r\n])([ \t]*1[ \t]+CHAR[ \t]+)[^\r\n]*")
_VERSION_7 = re.compile(rb"(?:^|[\r\n])[ \t]*2[ \t]+VERS[ \t]+7")


class GedcomError(InvalidInput):
    """The file is not a GEDCOM file that can be read; the message names the line."""

    def __init__(self, message: str):
        super().__init__([FieldError(path="", message=message)])


@dataclass(frozen=True)
class Individual:
    """One INDI record, as much of it as kinship and the network need."""

    xref: str
    name: str
    sex: str = ""
    birth_date: date | None = None
    birth_year: int | None = None
    deceased: bool = False
    #: The families this person is a child of, from the INDI's own FAMC lines.
    child_of: tuple[str, ...] = ()
    #: The families this person is a partner in, from the INDI's own FAMS lines.
    partner_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Family:
    """One FAM record: up to two partners and their children."""

    xref: str
    partners: tuple[str, ...] = ()
    #: Which partner is recorded as HUSB (the first of ``partners`` when so).
    husband: str | None = None
    wife: str | None = None
    children: tuple[str, ...] = ()


@dataclass
class FamilyTree:
    """A whole file: everyone in it, every family, and what was skipped while reading it."""

    version: str
    people: dict[str, Individual] = field(default_factory=dict)
    families: dict[str, Family] = field(default_factory=dict)
    #: Pointers to records that are not in the file (``@F9@ is not in the file``), ignored.
    warnings: list[str] = field(default_factory=list)

    def parents_of(self, xref: str) -> set[str]:
        return {
            parent
            for family in self.families_of_child(xref)
            for parent in self.families[family].partners
        }

    def families_of_child(self, xref: str) -> list[str]:
        return self._child_families.get(xref, [])

    def families_of_partner(self, xref: str) -> list[str]:
        return self._partner_families.get(xref, [])

    def children_of(self, xref: str) -> set[str]:
        return {
            child
            for family in self.families_of_partner(xref)
            for child in self.families[family].children
        }

    def index(self) -> None:
        """Who is a child and a partner in which families, from both the FAM records and the
        INDI records' FAMC/FAMS lines (files written by different programs hold either)."""
        child: dict[str, list[str]] = {}
        partner: dict[str, list[str]] = {}
        families = dict(self.families)
        for person in self.people.values():
            for fam in person.child_of:
                if fam in families and person.xref not in families[fam].children:
                    f = families[fam]
                    families[fam] = Family(
                        f.xref, f.partners, f.husband, f.wife, (*f.children, person.xref)
                    )
            for fam in person.partner_in:
                if fam in families and person.xref not in families[fam].partners:
                    f = families[fam]
                    if len(f.partners) < 2:
                        families[fam] = Family(
                            f.xref, (*f.partners, person.xref), f.husband, f.wife, f.children
                        )
        self.families = families
        for family in families.values():
            for kid in family.children:
                child.setdefault(kid, []).append(family.xref)
            for spouse in family.partners:
                partner.setdefault(spouse, []).append(family.xref)
        self._child_families = child
        self._partner_families = partner

    def search(self, text: str = "", limit: int = 50) -> list[Individual]:
        """People whose name holds every word of ``text`` or whose birth year is one of its
        numbers (case-insensitive), in name order: how a coordinator picks the young person."""
        words = text.lower().split()
        found = []
        for person in self.people.values():
            name = person.name.lower()
            year = str(person.birth_year or "")
            xref = person.xref.strip("@").lower()
            if all(word in name or word == year or word.strip("@") == xref for word in words):
                found.append(person)
        found.sort(key=lambda p: (p.name.lower(), p.birth_year or 0, p.xref))
        return found[:limit]


def normalise_xref(text: str) -> str:
    """``I1``, ``@I1@`` and `` @i1@ `` as the file writes them: ``@I1@`` (xrefs keep their case
    in the file; this keeps it too, adding the at signs).

    >>> normalise_xref("I1"), normalise_xref(" @I1@ ")
    ('@I1@', '@I1@')
    """
    return "@" + text.strip().strip("@") + "@"


def read_tree(data: bytes) -> FamilyTree:
    """The family tree in a GEDCOM file's bytes (any version from 5.5 to 7.0)."""
    if len(data) > MAX_FILE_BYTES:
        raise GedcomError(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise GedcomError("the file is empty")
    data, encoding = _normalise(data)
    try:
        return _read(data, encoding)
    except UnicodeDecodeError as error:
        raise GedcomError(_undecodable(data, error)) from None
    except (ParserError, IntegrityError, CodecError) as error:
        raise GedcomError(_plain(str(error))) from None
    except OSError as error:  # ged4py: "Unexpected EOF while reading GEDCOM header"
        raise GedcomError(f"line 1: this is not a GEDCOM file ({error})") from None


def _normalise(data: bytes) -> tuple[bytes, str | None]:
    """UTF-16 as UTF-8; a BOM-less GEDCOM 7 file read as UTF-8. Nothing else is changed."""
    utf16 = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        utf16 = "utf-16"
    elif data[:2] == b"0\x00":
        utf16 = "utf-16-le"
    elif data[:2] == b"\x000":
        utf16 = "utf-16-be"
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as error:
            line = data[: error.start].decode(utf16, "replace").count("\n") + 1
            raise GedcomError(f"line {line}: the file is not valid UTF-16 text") from None
        text = _CHAR_LINE.sub(r"\1\2UTF-8", text.lstrip("\ufeff"), count=1)
        return codecs.BOM_UTF8 + text.encode(), None
    if not data.startswith(codecs.BOM_UTF8) and _VERSION_7.search(data[:2000]):
        return data, "utf-8"
    return data, None


def _read(data: bytes, encoding: str | None) -> FamilyTree:
    logging.getLogger("ged4py").setLevel(logging.CRITICAL)  # its complaints become our errors
    with GedcomReader(io.BytesIO(data), encoding=encoding) as reader:
        if not reader.index0 or reader.index0[0][1] != "HEAD":
            raise GedcomError("line 1: a GEDCOM file starts with a HEAD record (0 HEAD)")
        version = str(reader.header.sub_tag_value("GEDC/VERS") or "") if reader.header else ""
        tree = FamilyTree(version=version)
        for record in reader.records0():
            if record.tag == "INDI" and record.xref_id:
                tree.people[record.xref_id] = _individual(record)
            elif record.tag == "FAM" and record.xref_id:
                tree.families[record.xref_id] = _family(record)
    _check_pointers(tree)
    tree.index()
    return tree


def _pointers(record, tag: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(
        str(sub.value).strip()
        for sub in record.sub_tags(tag, follow=False)
        if isinstance(sub.value, str) and sub.value.strip().startswith("@")
    )


def _individual(record) -> Individual:  # type: ignore[no-untyped-def]
    name = _name(record)
    sex = str(record.sub_tag_value("SEX") or "").strip().upper()[:1]
    birth = record.sub_tag("BIRT/DATE")
    birth_date, birth_year = _date(birth.value) if birth is not None else (None, None)
    deceased = any(record.sub_tag(tag) is not None for tag in DEATH_TAGS)
    return Individual(
        xref=record.xref_id,
        name=name or f"Name not recorded ({record.xref_id})",
        sex=sex if sex in ("M", "F") else "",
        birth_date=birth_date,
        birth_year=birth_year,
        deceased=deceased,
        child_of=_pointers(record, "FAMC"),
        partner_in=_pointers(record, "FAMS"),
    )


def _name(record) -> str:  # type: ignore[no-untyped-def]
    """ "Given /Surname/ Suffix" as one name in reading order, in NFC (ANSEL decodes to combining
    accents: ``Zoë`` would otherwise not equal the same name typed in)."""
    names = record.sub_tags("NAME")
    if not names:
        return ""
    value = names[0].value
    parts = value if isinstance(value, tuple) else (str(value or ""),)
    text = " ".join(" ".join(str(part).replace("/", " ").split()) for part in parts if part)
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    return text[:200]


def _date(value: object) -> tuple[date | None, int | None]:
    """A full date when the file gives an exact one (``3 MAR 2012``), else at least the year."""
    if isinstance(value, ged4py.date.DateValueSimple):
        calendar_date = value.date
        year = getattr(calendar_date, "year", None)
        month = _MONTHS.get(str(getattr(calendar_date, "month", "") or "").upper())
        day = getattr(calendar_date, "day", None)
        if isinstance(year, int) and month and isinstance(day, int):
            try:
                return date(year, month, day), year
            except ValueError:
                return None, year
        return None, year if isinstance(year, int) else None
    found = re.search(r"\b(\d{4})\b", str(value or ""))
    return None, int(found.group(1)) if found else None


def _family(record) -> Family:  # type: ignore[no-untyped-def]
    husbands = _pointers(record, "HUSB")
    wives = _pointers(record, "WIFE")
    husband = husbands[0] if husbands else None
    wife = wives[0] if wives else None
    partners = tuple(p for p in (husband, wife) if p)
    return Family(
        xref=record.xref_id,
        partners=partners,
        husband=husband,
        wife=wife,
        children=tuple(dict.fromkeys(_pointers(record, "CHIL"))),
    )


def _check_pointers(tree: FamilyTree) -> None:
    """Pointers to missing records are left out (a tree with a gap is still a tree), and said."""
    for person in tree.people.values():
        for fam in (*person.child_of, *person.partner_in):
            if fam not in tree.families:
                tree.warnings.append(
                    f"{person.xref} points to family {fam}, which is not in the file"
                )
    for family in list(tree.families.values()):
        missing = [p for p in (*family.partners, *family.children) if p not in tree.people]
        for xref in missing:
            tree.warnings.append(f"family {family.xref} points to {xref}, who is not in the file")
        if missing:
            tree.families[family.xref] = Family(
                family.xref,
                tuple(p for p in family.partners if p in tree.people),
                family.husband if family.husband in tree.people else None,
                family.wife if family.wife in tree.people else None,
                tuple(c for c in family.children if c in tree.people),
            )


def _plain(message: str) -> str:
    """ged4py's ``Invalid syntax at line 13: `x'`` as ``line 13: ...``."""
    found = re.search(r"at line (\d+): `?(.*?)'?$", message)
    if found:
        what = "a line that is not GEDCOM" if "syntax" in message.lower() else "levels out of order"
        return f"line {found.group(1)}: {what}: {found.group(2)[:80]!r}"
    return message


def _undecodable(data: bytes, error: UnicodeDecodeError) -> str:
    """Which line holds bytes the declared encoding cannot decode (ged4py reports only the
    position within a line)."""
    encoding = error.encoding or "utf-8"
    start = 3 if data.startswith(codecs.BOM_UTF8) else 0
    for number, line in enumerate(re.split(rb"\r\n|\r|\n", data[start:]), 1):
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            return f"line {number}: characters that are not {encoding.upper()} text"
        except LookupError:
            break
    return f"the file is not {encoding.upper()} text"
