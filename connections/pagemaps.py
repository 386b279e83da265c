"""The young person page's map, kept for the page viewed again (pure memory, no I/O).

Building a large network's map is the biggest part of its page (a 300-person network's map
takes longer than reading the network from Neo4j and scoring it together), and most views of a
page are of a network that has not changed since it was last viewed: by the same worker, a
colleague or a manager. So the map and its JSON are kept, by a key that is **the content they
are made from**: a hash of the whole network as read (every field of every person,
relationship, link, contact entry and restriction) and of what
:func:`connections.maps.build_map` reads of the report: the people who qualify and its date
(the day on which a restriction is in force, and so marked), with the page's URL for the names
of open groups.

A kept map can never be out of date: whatever changed the network, however it was changed, its
hash changed, so the next view builds the map again (the reasoning of the API's ETag,
:func:`connections.store.networks.document_version`). The cost on a view is hashing the network
(a few milliseconds at 300 people, against tens to build the map).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Final

from connections.kept import Kept
from connections.maps import MapData, build_map
from connections.model import Network
from connections.scoring import CoverageReport

#: How many maps a process keeps. A 300-person map is about 1 MiB in memory with its JSON; a
#: worker keeps the most recently viewed.
CACHE_SIZE: Final = 32


@dataclass(frozen=True)
class PageMap:
    """A map and its JSON as the young person page embeds them. Shared between requests: read
    it, never change it."""

    data: MapData
    json: str


_maps: Kept[PageMap] = Kept(CACHE_SIZE)


def page_map(
    network: Network,
    report: CoverageReport,
    open_names_url: str,
    content: bytes | None = None,
) -> PageMap:
    """The map of ``network`` (:func:`~connections.maps.build_map` with ``report``) and its
    :meth:`~connections.maps.MapData.to_json` for ``open_names_url``, kept by their content
    (``content``: :func:`content_of` the network, when the caller has it already).

    >>> from connections.model import parse_network
    >>> from connections.scoring import score
    >>> from datetime import date
    >>> alex = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "gran", "name": "Gran", "category": "family"}],
    ...     "relationships": [{"person_id": "gran", "role": "grandparent", "closeness": 4,
    ...                        "closeness_rated_by": "young_person"}],
    ... })
    >>> report = score(alex, date(2026, 1, 1))
    >>> first = page_map(alex, report, "/names")
    >>> page_map(alex, report, "/names") is first  # viewed again: kept
    True
    >>> renamed = alex.model_copy(update={"people": [alex.people[0].model_copy(
    ...     update={"name": "Nan"})]})
    >>> page_map(renamed, score(renamed, date(2026, 1, 1)), "/names") is first
    False
    """
    if report.young_person.id != network.young_person.id:
        raise ValueError(
            f"the report is for {report.young_person.id!r}, "
            f"the network for {network.young_person.id!r}"
        )
    qualifying = tuple(sorted(person.id for person in report.qualifying_now))
    return _maps.get_or_make(
        (content or content_of(network), qualifying, report.as_of, open_names_url),
        lambda: _made(network, report, open_names_url),
    )


def content_of(network: Network) -> bytes:
    """A hash of everything ``network`` holds: equal for equal networks, different after any
    change to any of its records."""
    return hashlib.sha256(network.model_dump_json().encode()).digest()


def forget_maps() -> None:
    """Keep nothing (benchmarks measuring a first view, tests)."""
    _maps.clear()


def _made(network: Network, report: CoverageReport, open_names_url: str) -> PageMap:
    data = build_map(network, report)
    return PageMap(data, data.to_json(open_names_url))
