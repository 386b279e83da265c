"""Reading and writing the network JSON format (``docs/network-format.md``).

One document holds one young person's network: the young person, people, relationships with
every attribute, links and the contact log. Its JSON Schema is ``schema/network.schema.json``,
generated from :mod:`connections.model` (``connections schema`` rewrites it; a test checks it is
current).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from connections.model import (
    InvalidInput,
    Network,
    json_schema,
    parse_network,
    reference_errors,
)

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "network.schema.json"
#: Larger documents are refused before parsing (about 10x the biggest family-finding network).
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class NotJson(InvalidInput):
    """The document is not JSON at all (as opposed to JSON with bad values): the API answers 400
    rather than 422. The message names the line where it can."""


def parse_json(text: str | bytes) -> Any:
    """A JSON document (UTF-8) as Python values; :class:`NotJson` naming the line and column of
    what cannot be read: bad syntax, a whole number too long to convert (Python reads at most
    ``sys.get_int_max_str_digits()`` digits), ``NaN`` or ``Infinity`` (not JSON), nesting too deep.

    >>> parse_json('{"a": [1, 2.5, "x"]}')
    {'a': [1, 2.5, 'x']}
    >>> parse_json('{\\n  "closeness": ' + "9" * 5000 + "\\n}")
    Traceback (most recent call last):
    ...
    connections.io.NotJson: line 2, column 16: a number with 5000 digits (at most 4300 are read)
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise NotJson.single("", "the document is not UTF-8 text") from None

    def whole_number(digits: str) -> int:
        try:
            return int(digits)
        except ValueError:  # longer than the interpreter converts
            raise NotJson.single(
                "",
                f"{_place(text, text.find(digits))}: a number with {len(digits.lstrip('-'))} "
                f"digits (at most {sys.get_int_max_str_digits()} are read)",
            ) from None

    def not_a_number(name: str) -> float:
        raise NotJson.single("", f"{name} is not a JSON number")

    try:
        return json.loads(text, parse_int=whole_number, parse_constant=not_a_number)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise NotJson.single("", f"{where}: {error.msg}") from None
    except RecursionError:
        raise NotJson.single("", "the document is nested too deeply") from None


def _place(text: str, index: int) -> str:
    """``line L, column C`` of ``index`` in ``text`` (both from 1, as json reports them)."""
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return f"line {line}, column {column}"


def loads_network(text: str | bytes) -> Network:
    """Parse and validate a network document.

    Raises :class:`InvalidInput` naming the line (bad JSON: :class:`NotJson`) or the path (bad
    values).

    >>> loads_network('{"young_person": {}')
    Traceback (most recent call last):
    ...
    connections.io.NotJson: line 1, column 20: Expecting ',' delimiter
    """
    if len(text) > MAX_DOCUMENT_BYTES:
        raise InvalidInput.single("", f"the document is larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        # pydantic's own JSON parser validates a good document about twice as fast as json.loads
        # then validation (a bulk import reads thousands)...
        network = Network.model_validate_json(text)
    except (ValueError, RecursionError):
        # ...but anything it refuses is read again the careful way, which names the line or the
        # field exactly as it always has (or accepts what only it reads, such as a UTF-8 BOM).
        return parse_network(parse_json(text))
    errors = reference_errors(network)
    if errors:
        raise InvalidInput(errors)
    return network


def read_network(path: Path) -> Network:
    return loads_network(path.read_bytes())


def dumps_network(network: Network) -> str:
    """The canonical document: stable order and layout, so two exports of one network are equal."""
    return json.dumps(network.to_document(), indent=2, ensure_ascii=False) + "\n"


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
