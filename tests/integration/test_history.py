"""Network history in a real Neo4j: every change makes a version in its own transaction, and the
network at any instant since is what an export printed then."""

from __future__ import annotations

import contextlib
import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from connections import io
from connections.cli import main
from connections.model import revise
from connections.store import AlreadyExists, NotFound, Store
from connections.store.history import acting_as
from tests import factories as f

#: Amy's people in tests.factories.network.
MEMBERS = ["p-rose", "p-ray", "p-kai", "p-jo", "p-dad"]


def _now() -> datetime:
    time.sleep(0.002)  # versions a tick apart, so an instant falls between them
    return datetime.now(UTC)


def test_every_change_makes_a_version_with_who_and_through_what(store: Store) -> None:
    with acting_as("sam", "web"):
        store.save_network(f.network("yp-1"))
        store.save_network(f.network("yp-2"))  # Rose, Kai and others in both networks
        rose = store.get_relationship("yp-1", "p-rose")
        store.update_relationship("yp-1", revise(rose, {"closeness": 2}))
    with acting_as("cora", "api"):
        store.add_contact("yp-1", f.contact("c-new", "p-kai", date="2026-11-20"))
    numbers = [v.number for v in store.all_versions("yp-1")]
    assert numbers == [1, 2, 3]
    newest = store.versions("yp-1")[0]
    assert (newest.by, newest.via) == ("cora", "api")
    assert newest.document == io.dumps_network(store.load_network("yp-1"))
    assert store.record_version("yp-1") is None  # nothing changed since

    # A change to a person shared by two networks is a version of each.
    before = [len(store.all_versions(yp)) for yp in ("yp-1", "yp-2")]
    person = store.get_person("p-rose")
    store.update_person(revise(person, {"name": "Rose Renamed"}))
    assert [len(store.all_versions(yp)) for yp in ("yp-1", "yp-2")] == [n + 1 for n in before]

    # A removal is a version; the one before it still holds the person and their contact log.
    kai = store.get_relationship("yp-1", "p-kai")
    store.remove_from_network("yp-1", "p-kai", kai.version)
    latest, previous = store.versions("yp-1", limit=2)
    assert "p-kai" not in {p.id for p in latest.network.people}
    assert "c-new" in {c.id for c in previous.network.contact_log}
    with pytest.raises(NotFound):
        store.record_version("nobody")


#: Text as a worker might type it (no control characters).
LETTERS = st.characters(blacklist_categories=("Cc", "Cs"))
#: One edit through the store: what it does, to whom, and with what value.
EDITS = st.one_of(
    st.tuples(st.just("closeness"), st.sampled_from(MEMBERS), st.integers(0, 4)),
    st.tuples(st.just("notes"), st.sampled_from(MEMBERS), st.text(LETTERS, max_size=12)),
    st.tuples(st.just("remove"), st.sampled_from(MEMBERS), st.none()),
    st.tuples(st.just("add"), st.sampled_from(["p-new-1", "p-new-2"]), st.none()),
    st.tuples(
        st.just("contact"), st.sampled_from(MEMBERS), st.dates(date(2020, 1, 1), date(2026, 11, 1))
    ),
    st.tuples(st.just("rename"), st.just("p-rose"), st.text(LETTERS, min_size=1, max_size=12)),
    st.tuples(st.just("import"), st.just("yp-1"), st.none()),
)


def _apply(store: Store, edit: tuple[str, str, object], step: int) -> None:
    """One edit as a worker or an import would make it (an edit that cannot apply now, such
    as removing someone already removed, changes nothing and so makes no version)."""
    kind, person_id, value = edit
    members = {r.person_id for r in store.load_network("yp-1").relationships}
    if kind == "import":
        store.save_network(f.network("yp-1"))
    elif kind == "add":
        if person_id not in members:
            if store.network_count(person_id) == 0:
                with contextlib.suppress(AlreadyExists):
                    store.create_person(f.person(person_id))
            store.create_relationship("yp-1", f.relationship(person_id))
    elif person_id not in members:
        return
    elif kind == "rename":
        person = store.get_person(person_id)
        name = str(value).strip() or "Rose"
        store.update_person(revise(person, {"name": name}))
    elif kind == "remove":
        relationship = store.get_relationship("yp-1", person_id)
        store.remove_from_network("yp-1", person_id, relationship.version)
    elif kind == "contact":
        store.add_contact("yp-1", f.contact(f"c-step-{step}", person_id, date=value))
    else:
        relationship = store.get_relationship("yp-1", person_id)
        changes: dict[str, object] = {kind: value}
        if kind == "closeness":
            changes["closeness_rated_by"] = "young_person"
        store.update_relationship("yp-1", revise(relationship, changes))


@seed(2026)
@settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(EDITS, min_size=1, max_size=6), probe=st.integers(0, 10_000))
def test_the_network_at_any_instant_is_the_export_of_that_instant(
    store: Store, run, edits: list[tuple[str, str, object]], probe: int
) -> None:
    """Random sequences of edits through the store (a shared person's too): at every instant,
    before and after each edit, the version in force is what an export printed then, byte for
    byte, and `connections export --at` prints it; before the first version there is none."""
    store.clear()
    started = _now()
    store.save_networks([f.network("yp-1"), f.network("yp-2")])  # Rose in both
    exported = [(_now(), io.dumps_network(store.load_network("yp-1")))]
    other = [(exported[0][0], io.dumps_network(store.load_network("yp-2")))]
    for step, edit in enumerate(edits):
        _apply(store, edit, step)
        instant = _now()
        exported.append((instant, io.dumps_network(store.load_network("yp-1"))))
        other.append((instant, io.dumps_network(store.load_network("yp-2"))))

    assert store.version_at("yp-1", started) is None
    for young_person_id, taken in (("yp-1", exported), ("yp-2", other)):
        for instant, text in taken:
            assert store.version_at(young_person_id, instant).document == text
    versions = store.all_versions("yp-1")
    assert [v.number for v in versions] == list(range(1, len(versions) + 1))
    texts = [v.document for v in versions]
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False))  # each one a change
    # The command line gives the same bytes, at an instant in any time zone.
    instant, text = exported[probe % len(exported)]
    offset = instant.astimezone(timezone(timedelta(hours=probe % 14 - 6)))
    result = run("export", "yp-1", "--at", offset.isoformat())
    assert result.exit_code == 0, result.output
    assert result.stdout == text


def test_versions_are_paged_newest_first(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    for closeness in (0, 1, 2, 3, 4, 0):
        rose = store.get_relationship("yp-1", "p-rose")
        store.update_relationship("yp-1", revise(rose, {"closeness": closeness}))
    assert [v.number for v in store.versions("yp-1", limit=3, before=5)] == [4, 3, 2]


@pytest.fixture
def run(store: Store, neo4j_settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    return lambda *args: CliRunner().invoke(main, list(args))


def test_export_at_an_instant_and_the_history_in_words(run, store: Store, tmp_path) -> None:
    path = tmp_path / "network.json"
    path.write_text(io.dumps_network(f.network("yp-1")))
    assert run("import", str(path)).exit_code == 0
    then, text = _now(), io.dumps_network(store.load_network("yp-1"))
    with acting_as("cora", "web"):
        rose = store.get_relationship("yp-1", "p-rose")
        store.update_relationship("yp-1", revise(rose, {"safety": "supervised"}))

    for at in (then.isoformat(), then.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")):
        result = run("export", "yp-1", "--at", at)
        assert result.exit_code == 0, result.output
        assert result.stdout == text
    assert run("export", "yp-1", "--at", _now().isoformat()).stdout != text
    csv_then = run("export", "yp-1", "--at", then.isoformat(), "--format", "csv")
    assert csv_then.exit_code == 0 and "Rose Example" in csv_then.stdout

    early = run("export", "yp-1", "--at", "2020-02-01T00:00:00Z")
    assert early.exit_code == 1 and "the history of yp-1 begins at" in early.output
    for bad in ("yesterday", "2026-03-01T12:00:00"):
        refused = run("export", "yp-1", "--at", bad)
        assert refused.exit_code == 2 and "--at" in refused.output

    lines = run("history", "yp-1").stdout.splitlines()
    assert lines[0].startswith("2\t") and "\tcora (web)\t" in lines[0]
    assert "Rose Example: safety safe -> supervised contact only" in lines[0]
    assert lines[1].startswith("1\t") and "(command line: main import)" in lines[1]
    assert "added Rose Example as grandparent" in lines[1]
    assert timedelta(0) < _now() - then < timedelta(minutes=5)
