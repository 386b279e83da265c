"""What changed between two versions of a network, as values and in words."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from connections.model import Network, parse_network
from connections.network_changes import ChangeKind, changes, describe, names_of, sentence
from tests import factories as f
from tests.unit.test_scoring_properties import FAST, documents


def _edited(network: Network, edit: dict[str, Any]) -> Network:
    document = network.to_document()
    for key, value in edit.items():
        section, index, field = key.split(".")
        document[section][int(index)][field] = value
    return parse_network(document)


def test_the_first_version_adds_everyone_in_the_network() -> None:
    network = f.network()
    found = changes(None, network)
    assert [c.kind for c in found] == [ChangeKind.ADDED] * len(network.relationships) + [
        ChangeKind.LINK_ADDED
    ] * len(network.links) + [ChangeKind.CONTACT_ADDED] * len(network.contact_log)
    names = names_of(network)
    assert "added Rose Example as grandparent; closeness 4 from the young person" in [
        describe(c, names) for c in found
    ]


def test_an_attribute_edit_reads_before_and_after_and_sensitive_text_is_not_quoted() -> None:
    before = f.network()
    rows = before.to_document()["relationships"]
    rose = next(i for i, r in enumerate(rows) if r["person_id"] == "p-rose")
    after = _edited(
        before,
        {f"relationships.{rose}.safety": "supervised", f"relationships.{rose}.notes": "SECRET"},
    )
    words = sentence(changes(before, after), names_of(before, after))
    assert "Rose Example: safety" in words and "supervised contact only" in words
    assert "Rose Example: notes changed" in words
    assert "SECRET" not in words


def test_a_removed_person_is_named_from_the_version_they_were_in() -> None:
    before = f.network()
    document = before.to_document()
    document["relationships"] = [r for r in document["relationships"] if r["person_id"] != "p-jo"]
    document["people"] = [p for p in document["people"] if p["id"] != "p-jo"]
    document["contact_log"] = [c for c in document["contact_log"] if c["person_id"] != "p-jo"]
    document["links"] = [k for k in document["links"] if "p-jo" not in (k["source"], k["target"])]
    after = parse_network(document)
    found = changes(before, after)
    assert ChangeKind.REMOVED in {c.kind for c in found}
    assert "removed Jo Smith" in sentence(found, names_of(before, after))


@FAST
@given(documents(), documents())
def test_no_change_exactly_when_the_documents_are_the_same(first, second) -> None:
    one, other = parse_network(first), parse_network(second)
    assert changes(one, one) == []
    same = one.to_document() == other.to_document()
    assert (changes(one, other) == []) == same


@FAST
@given(documents(), st.data())
def test_every_relationship_field_edit_is_found_once(document, data) -> None:
    network = parse_network(document)
    if not network.relationships:
        return
    index = data.draw(st.integers(0, len(network.relationships) - 1))
    old = network.relationships[index]
    new_closeness = data.draw(
        st.sampled_from([c for c in (None, 0, 1, 2, 3, 4) if c != old.closeness])
    )
    edited = network.to_document()
    edited["relationships"][index]["closeness"] = new_closeness
    edited["relationships"][index]["closeness_rated_by"] = (
        None if new_closeness is None else "worker"
    )
    found = [c for c in changes(network, parse_network(edited)) if c.field == "closeness"]
    assert [(c.subject, c.before, c.after) for c in found] == [
        (old.person_id, old.closeness, new_closeness)
    ]
