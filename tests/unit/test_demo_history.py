"""The demo's two years of history: networks that grow through family finding, valid at every
step, the same for the same seed, ending in today's network."""

from __future__ import annotations

from datetime import date, timedelta

from connections import demo, io, model
from connections.demo.history import HISTORY_DAYS, conference, plan
from connections.finding_progress import STAGES, Version, cohort_progress
from connections.history import uk_day
from connections.model import FindingStatus

AS_OF = date(2026, 11, 22)


def _networks(count: int = 12) -> list[model.Network]:
    return list(demo.generate(count, 2026, AS_OF))


def test_every_step_is_a_valid_network_before_today_oldest_first() -> None:
    for network in _networks():
        steps = plan(network, AS_OF, 2026)
        assert steps, network.young_person.id
        days = [uk_day(step.at) for step in steps]
        assert days == sorted(days) and len(set(days)) == len(days)  # one per day with a change
        assert len(steps) <= 53  # fortnightly reviews
        assert AS_OF - timedelta(days=HISTORY_DAYS) <= days[0] and days[-1] < AS_OF
        for step in steps:
            # What the store would be given and keep: it validates as a document.
            model.check(io.loads_network(io.dumps_network(step.network)))


def test_people_are_found_stage_by_stage_and_some_are_lost() -> None:
    lost = 0
    for network in _networks():
        steps = plan(network, AS_OF, 2026)
        today = {r.person_id for r in network.relationships}
        seen: dict[str, list[FindingStatus]] = {}
        for step in steps:
            for relationship in step.network.relationships:
                if relationship.finding_status in STAGES:
                    statuses = seen.setdefault(relationship.person_id, [])
                    if not statuses or statuses[-1] is not relationship.finding_status:
                        statuses.append(relationship.finding_status)
        for statuses in seen.values():
            ranks = [STAGES.index(status) for status in statuses]
            assert ranks == sorted(ranks)  # never backwards
        ever = {r.person_id for step in steps for r in step.network.relationships}
        lost += len(ever - today)
        assert len(steps[0].network.relationships) < len(network.relationships)
    assert lost >= 12  # one or two invented people each, in the network for a while


def test_the_same_seed_gives_the_same_history() -> None:
    network = _networks(3)[2]
    first = [(s.at, io.dumps_network(s.network)) for s in plan(network, AS_OF, 7)]
    again = [(s.at, io.dumps_network(s.network)) for s in plan(network, AS_OF, 7)]
    other = [(s.at, io.dumps_network(s.network)) for s in plan(network, AS_OF, 8)]
    assert first == again and first != other


def test_the_history_gives_the_figures_something_to_show() -> None:
    networks = _networks(30)
    histories = {
        n.young_person.id: [Version(s.at, s.network) for s in plan(n, AS_OF, 2026)]
        for n in networks
    }
    progress = cohort_progress(histories, AS_OF - timedelta(days=365), AS_OF - timedelta(days=1))
    assert progress.found > 30 and progress.lost > 0
    assert progress.median_size[1] > progress.median_size[0]
    assert all(step.reached > 0 for step in progress.steps)
    held = [conference(n, plan(n, AS_OF, 2026), 2026) for n in networks]
    assert 5 <= sum(1 for h in held if h) <= 20
    for network, h in zip(networks, held, strict=True):
        if h:
            assert set(h.guest_ids) <= {r.person_id for r in network.relationships}
