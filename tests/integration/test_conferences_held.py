"""Every conference held is kept, in a real Neo4j: each time a guest list is made final a dated
conference held is recorded on the young person, kept when the list goes back to draft for the
next one, marked on the timeline, and deleted only with the young person; the demo gives some
young people two or more over two years."""

from __future__ import annotations

from connections import demo
from connections.demo.history import DemoHistory
from connections.store import Store
from connections.timeline import build_timeline
from tests.conftest import AS_OF
from tests.web.networks import amy_network, other_network


def _held(store: Store) -> int:
    records, _, _ = store.driver.execute_query(
        "MATCH (:YoungPerson)-[:CONFERENCE_HELD]->(h:ConferenceHeld) RETURN count(h) AS c"
    )
    return records[0]["c"]


def test_each_list_made_final_is_a_conference_kept_through_the_next_draft(store: Store) -> None:
    store.save_networks([amy_network(), other_network()])
    first = store.set_guests("yp-amy", ["p-kai"], 0, AS_OF)
    final = store.finalise_guest_list("yp-amy", "fay", first.version, AS_OF)
    # Back to draft for the next conference: the first is still recorded.
    second = store.set_guests("yp-amy", ["p-kai", "p-rose"], final.version, AS_OF)
    record = store.timeline("yp-amy")
    assert record.conference_final is None and len(record.conferences) == 1
    acked = store.acknowledge_warning(
        "yp-amy", "p-rose|parent|p-ray", "Agreed", "fay", second.version, AS_OF
    )
    store.finalise_guest_list("yp-amy", "gus", acked.version, AS_OF)
    record = store.timeline("yp-amy")
    assert len(record.conferences) == 2 and record.conferences == tuple(sorted(record.conferences))
    assert record.conference_final == record.conferences[-1]
    marks = build_timeline(record.versions, record.conferences).marks
    assert sum(mark.kind == "conference" for mark in marks) == 2
    assert _held(store) == 2
    # Deleting a young person (retention deletes them whole) deletes their conferences held.
    store.delete_young_person("yp-amy")
    assert _held(store) == 0


def test_the_demo_gives_some_young_people_several_conferences(store: Store) -> None:
    networks = list(demo.generate(30, 2026, AS_OF))
    past = DemoHistory(store, AS_OF, 2026, batch_size=10)
    store.bulk_save(past.passing(networks), 10, lambda _saved: past.flush())
    held = [store.timeline(n.young_person.id) for n in networks]
    counts = [len(record.conferences) for record in held]
    assert any(count >= 2 for count in counts) and any(count == 1 for count in counts)
    for record in held:
        assert len({at.date() for at in record.conferences}) == len(record.conferences)
        if record.conferences:
            assert record.conference_final == record.conferences[-1]
            marks = build_timeline(record.versions, record.conferences).marks
            assert sum(mark.kind == "conference" for mark in marks) == len(record.conferences)
