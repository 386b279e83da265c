"""The one way the product writes CSV: every text cell that a spreadsheet would read as a formula
is neutralised.

Names, notes and gaps are typed by users (and imported from documents), so a cell may begin with
``=``, ``+``, ``-`` or ``@``, which Excel, LibreOffice and Google Sheets run as a formula when the
file is opened (CSV injection), or with a tab or carriage return, which some of them strip before
doing the same. As OWASP advises, such a cell is written with a single quote in front: the
spreadsheet then shows the text as it was typed, and runs nothing.

Numbers (``int``, ``float``) are written as they are: Python writes them as numbers, which no
spreadsheet runs, and a negative score must stay a number.

>>> import io
>>> out = io.StringIO()
>>> writer = csv_writer(out)
>>> writer.writerow(["name", "score"])
>>> writer.writerow(["=HYPERLINK(\\"http://x\\")", -1.5])
>>> for line in out.getvalue().splitlines():
...     print(line)
name,score
"'=HYPERLINK(""http://x"")",-1.5
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

#: What a spreadsheet may take as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell as it is safe to write: text that could start a formula gets a leading ``'``;
    ``None`` is an empty cell; numbers and other text are unchanged.

    >>> [neutralise(v) for v in ("+44 7700", "@sum", "\\tx", "Rose", None, -2)]
    ["'+44 7700", "'@sum", "'\\tx", 'Rose', '', -2]
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """A :func:`csv.writer` whose every cell goes through :func:`neutralise`."""

    def __init__(self, stream: TextIO):
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: TextIO) -> SafeCsvWriter:
    """The CSV writer for everything the product writes (the command line, any download)."""
    return SafeCsvWriter(stream)
