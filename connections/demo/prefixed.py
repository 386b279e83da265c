"""One demo network again under other ids, for benchmarks and tests that load several sizes of
network side by side into one database without any of them sharing a person."""

from __future__ import annotations

from connections.model import Network, parse_network


def with_prefix(network: Network, prefix: str) -> Network:
    """The same network with every id prefixed: the young person, people, households, the people
    of relationships and links, contact log entries and restrictions.
    """
    document = network.to_document()
    document["young_person"]["id"] = prefix + document["young_person"]["id"]
    for person in document["people"]:
        person["id"] = prefix + person["id"]
        if person.get("household"):
            person["household"] = prefix + person["household"]
    for relationship in document["relationships"]:
        relationship["person_id"] = prefix + relationship["person_id"]
    for link in document["links"]:
        link["source"], link["target"] = prefix + link["source"], prefix + link["target"]
    for item in (*document["contact_log"], *document.get("restrictions", [])):
        item["id"], item["person_id"] = prefix + item["id"], prefix + item["person_id"]
    return parse_network(document)
