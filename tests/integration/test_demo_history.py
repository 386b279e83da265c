"""The demo's history in the real Neo4j: back-dated versions numbered in time order, today's
network the next version, the past readable at any day, the timeline and the conferences."""

from __future__ import annotations

from datetime import timedelta

from connections import demo, io
from connections.demo.history import DemoHistory, plan
from connections.finding_progress import end_of_uk_day
from connections.history import uk_day
from connections.store import Store
from tests.conftest import AS_OF


def test_the_demo_history_is_kept_as_versions_before_todays_network(store: Store) -> None:
    networks = list(demo.generate(8, 2026, AS_OF))
    past = DemoHistory(store, AS_OF, 2026, batch_size=5)
    store.bulk_save(past.passing(networks), 5, lambda _saved: past.flush())
    assert past.versions > 8 * 5 and past.conferences >= 1
    for network in networks:
        young_person_id = network.young_person.id
        steps = plan(network, AS_OF, 2026)
        versions = store.all_versions(young_person_id)
        assert [v.number for v in versions] == list(range(1, len(steps) + 2))
        instants = [v.at for v in versions]
        assert instants == sorted(instants)
        # Today's network is the last version, saved by the store itself.
        assert versions[-1].by != "demo-coordinator"
        assert versions[-1].document == io.dumps_network(store.load_network(young_person_id))
        # The network as it was on a past day is that day's step, byte for byte.
        middle = steps[len(steps) // 2]
        kept = store.version_at(young_person_id, end_of_uk_day(uk_day(middle.at)))
        assert kept is not None and kept.document == io.dumps_network(middle.network)
        assert store.history_began(young_person_id) == steps[0].at
        # The timeline's read sees all of it, with a conference for some.
        record = store.timeline(young_person_id)
        assert len(record.versions) == len(versions)
    finals = [store.timeline(n.young_person.id).conference_final for n in networks]
    held = [at for at in finals if at is not None]
    assert held and all(AS_OF - timedelta(days=730) < uk_day(at) < AS_OF for at in held)


def test_a_demo_loaded_again_leaves_the_history_as_it_was(store: Store) -> None:
    networks = list(demo.generate(3, 2026, AS_OF))
    for _ in range(2):
        past = DemoHistory(store, AS_OF, 2026, batch_size=5)
        store.bulk_save(past.passing(networks), 5, lambda _saved, past=past: past.flush())
    versions = store.all_versions(networks[0].young_person.id)
    assert past.versions == 0
    assert [v.number for v in versions] == list(range(1, len(versions) + 1))
