"""GEDCOM files the tests write themselves: a small builder, and one family with every kind of
relative issue 11 names (no third-party family-tree data in the repository)."""

from __future__ import annotations

from dataclasses import dataclass, field

import ansel

ansel.register()  # the "ansel" codec (ged4py depends on this package)


@dataclass
class GedcomBuilder:
    """Writes a GEDCOM file of any version, encoding and line end from people and families."""

    version: str = "5.5.1"
    char: str | None = None
    lines: list[str] = field(default_factory=list)

    def person(
        self,
        xref: str,
        name: str | None,
        sex: str = "",
        born: str | None = None,
        died: bool = False,
        note: list[str] | None = None,
        extra: list[str] | None = None,
    ) -> GedcomBuilder:
        self.lines.append(f"0 @{xref}@ INDI")
        if name is not None:
            self.lines.append(f"1 NAME {name}")
        if sex:
            self.lines.append(f"1 SEX {sex}")
        if born:
            self.lines += ["1 BIRT", f"2 DATE {born}"]
        if died:
            self.lines.append("1 DEAT Y")
        if note:
            self.lines.append(f"1 NOTE {note[0]}")
            self.lines += note[1:]
        self.lines += extra or []
        return self

    def family(
        self,
        xref: str,
        husband: str | None = None,
        wife: str | None = None,
        children: tuple[str, ...] = (),
    ) -> GedcomBuilder:
        self.lines.append(f"0 @{xref}@ FAM")
        if husband:
            self.lines.append(f"1 HUSB @{husband}@")
        if wife:
            self.lines.append(f"1 WIFE @{wife}@")
        self.lines += [f"1 CHIL @{child}@" for child in children]
        return self

    def header(self) -> list[str]:
        head = ["0 HEAD", "1 SOUR TESTS", "1 GEDC", f"2 VERS {self.version}"]
        if not self.version.startswith("7"):
            head += ["2 FORM LINEAGE-LINKED", f"1 CHAR {self.char or 'UTF-8'}"]
        return head

    def text(self, eol: str = "\n") -> str:
        return eol.join([*self.header(), *self.lines, "0 TRLR"]) + eol

    def bytes(self, encoding: str = "utf-8", eol: str = "\n", bom: bool = False) -> bytes:
        data = self.text(eol).encode(encoding)
        if bom and encoding == "utf-8":
            data = b"\xef\xbb\xbf" + data
        return data


def family(version: str = "5.5.1", char: str | None = None) -> GedcomBuilder:
    """Amy (@YP@) and a relative of every kind, plus people who are left out.

    ======  ===================================  =====================================
    xref    who                                  expected
    ======  ===================================  =====================================
    M, D    Amy's mother and father              mother, father
    S       full sibling (family F1)             sibling
    HS      mother's child with MX               half_sibling
    MX      mother's former partner              other_relative, maternal
    SM      father's partner (no children)       other_relative, paternal
    SS      SM's child with SMX                  step_sibling
    MGM/MGF mother's parents (MGF has died)      grandparent, maternal
    AU      mother's sister                      aunt_uncle, maternal
    C       AU's child                           cousin, maternal
    PGM     father's mother                      grandparent, paternal
    GGM     PGM's mother (degree 3)              other_relative, paternal
    N       S's child                            other_relative, no side
    CC      C's child (degree 5)                 left out (further than degree 4)
    AUH     AU's husband; SP: S's partner;       left out (not a blood relative)
    SMX, X  SM's former partner; a stranger
    ======  ===================================  =====================================
    """
    tree = GedcomBuilder(version=version, char=char)
    tree.person("YP", "Amy /Example/", "F", "3 MAR 2012")
    tree.person("M", "Zoë /Müller/", "F")
    tree.person("D", "Dan /Example/", "M")
    tree.person("S", "Sam /Example/", "M")
    tree.person("HS", "Hal /Other/", "M")
    tree.person("MX", "Max /Other/", "M")
    tree.person("SM", "Sue /Step/", "F")
    tree.person("SS", "Sky /Step/", "F")
    tree.person("SMX", "Stan /Step/", "M")
    tree.person("MGM", "Gran /Müller/", "F")
    tree.person("MGF", "Grandad /Müller/", "M", died=True)
    tree.person("AU", "Ann /Müller/", "F")
    tree.person("AUH", "Al /Husband/", "M")
    tree.person("C", "Cara /Husband/", "F")
    tree.person("CC", "Cal /Husband/", "M")
    tree.person("PGM", "Pat /Example/", "F")
    tree.person("GGM", "Greta /Elder/", "F")
    tree.person("N", "Nia /Example/", "F")
    tree.person("SP", "Sia /Partner/", "F")
    tree.person("X", "Xavier /Stranger/", "M")
    tree.family("F1", "D", "M", ("YP", "S"))
    tree.family("F2", "MX", "M", ("HS",))
    tree.family("F3", "D", "SM")
    tree.family("F4", "SMX", "SM", ("SS",))
    tree.family("F5", "MGF", "MGM", ("M", "AU"))
    tree.family("F6", "AUH", "AU", ("C",))
    tree.family("F7", None, "PGM", ("D",))
    tree.family("F8", None, "GGM", ("PGM",))
    tree.family("F9", "S", "SP", ("N",))
    tree.family("F10", None, "C", ("CC",))
    return tree


#: xref -> (role, side) that :func:`family` gives at the default degree.
EXPECTED = {
    "@M@": ("mother", None),
    "@D@": ("father", None),
    "@S@": ("sibling", None),
    "@HS@": ("half_sibling", None),
    "@MX@": ("other_relative", "maternal"),
    "@SM@": ("other_relative", "paternal"),
    "@SS@": ("step_sibling", None),
    "@MGM@": ("grandparent", "maternal"),
    "@MGF@": ("grandparent", "maternal"),
    "@AU@": ("aunt_uncle", "maternal"),
    "@C@": ("cousin", "maternal"),
    "@PGM@": ("grandparent", "paternal"),
    "@GGM@": ("other_relative", "paternal"),
    "@N@": ("other_relative", None),
}
#: Who :func:`family` leaves out at the default degree, and why.
LEFT_OUT_FURTHER = {"@CC@"}
LEFT_OUT_UNRELATED = {"@AUH@", "@SP@", "@SMX@", "@X@"}
