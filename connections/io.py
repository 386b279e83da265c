"""Reading and writing the network JSON format (``docs/network-format.md``).

One document holds one young person's network: the young person, people, relationships with
every attribute, links and the contact log. Its JSON Schema is ``schema/network.schema.json``,
generated from :mod:`connections.model` (``connections schema`` rewrites it; a test checks it is
current).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from connections.model import InvalidInput, Network, json_schema, parse_network

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "network.schema.json"
#: Larger documents are refused before parsing (about 10x the biggest family-finding network).
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def loads_network(text: str | bytes) -> Network:
    """Parse and validate a network document.

    Raises :class:`InvalidInput` naming the line (bad JSON) or the path (bad values).

    >>> loads_network('{"young_person": {}')
    Traceback (most recent call last):
    ...
    connections.model.InvalidInput: line 1, column 20: Expecting ',' delimiter
    """
    if len(text) > MAX_DOCUMENT_BYTES:
        raise InvalidInput.single("", f"the document is larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        document: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput.single(
            "", f"line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except UnicodeDecodeError:
        raise InvalidInput.single("", "the document is not UTF-8 text") from None
    except RecursionError:
        raise InvalidInput.single("", "the document is nested too deeply") from None
    return parse_network(document)


def read_network(path: Path) -> Network:
    return loads_network(path.read_bytes())


def dumps_network(network: Network) -> str:
    """The canonical document: stable order and layout, so two exports of one network are equal."""
    return json.dumps(network.to_document(), indent=2, ensure_ascii=False) + "\n"


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
