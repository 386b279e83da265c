"""What the plain network values (connections.network_values) cost and save, per network of 40,
300 and 1,000 people.

    python bench/network_values.py [--sizes 40 300 1000] [--repeat 200] [--seed 7]

Saves one synthetic network per size into a fresh Neo4j of its own and reads it back as the
cohort does (``Store.networks_for_scoring``), then times in this process, the best of
``--repeat`` runs each (two shared cores make the median noisy; the best is the work itself):

  read          networks_for_scoring: Neo4j's read and the rows decoded into values
  score         scoring.score of the values (the cohort, the page)
  score model   scoring.score of a pydantic model (a model is first turned into values:
                network_values.from_model)
  report model  store.report_model: the values as the model the report pages draw and print
  constructed   the same model made by pydantic's public model_construct, for comparison: what
                report_model's use of the store's trusted() saves

Figures only: no assertion.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date

from common import figure, fresh_database

from connections import demo
from connections.demo.prefixed import with_prefix
from connections.model import Link, Network, Person, Relationship, Restriction, YoungPerson
from connections.network_values import NetworkValue
from connections.scoring import score
from connections.store import Store, report_model

AS_OF = date(2026, 11, 22)


def best_ms(call: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def constructed(values: NetworkValue) -> Network:
    """report_model with pydantic's model_construct (every field not given takes its default)."""
    return Network.model_construct(
        young_person=YoungPerson.model_construct(**values.young_person._asdict()),
        people=[Person.model_construct(**person._asdict()) for person in values.people],
        relationships=[
            Relationship.model_construct(
                **{**relationship._asdict(), "support": list(relationship.support)}
            )
            for relationship in values.relationships
        ],
        links=[Link.model_construct(**link._asdict()) for link in values.links],
        restrictions=[
            Restriction.model_construct(**item._asdict()) for item in values.restrictions
        ],
    )


def measure(store: Store, network: Network, repeat: int) -> None:
    ids = [network.young_person.id]
    (values,) = store.networks_for_scoring(ids)
    model = report_model(values)
    print(f"\n{len(values.people):,} people, {len(values.links):,} links (best of {repeat}, ms)")
    figure("read", f"{best_ms(lambda: store.networks_for_scoring(ids), repeat):.2f}")
    figure("score", f"{best_ms(lambda: score(values, AS_OF), repeat):.2f}")
    figure("score model", f"{best_ms(lambda: score(model, AS_OF), repeat):.2f}")
    report = best_ms(lambda: report_model(values), repeat)
    built = best_ms(lambda: constructed(values), repeat)
    figure("report model", f"{report:.2f}")
    figure("constructed", f"{built:.2f} ({built / report:.1f}x report model)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 300, 1000])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with fresh_database() as (_settings, store):
        for index, size in enumerate(args.sizes):
            network = next(
                demo.generate(1, args.seed + index, AS_OF, people_per_network=(size, size))
            )
            network = with_prefix(network, f"n{size}-")
            store.save_network(network)
            measure(store, network, args.repeat)


if __name__ == "__main__":
    main()
