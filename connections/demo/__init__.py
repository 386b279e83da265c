"""Synthetic young people's networks for the demo, the tests and the benchmarks.

Real personal data is never allowed on a development machine (README), yet the demo, the tests
and the benchmarks need networks that look, link and score like real ones: whole families on both
sides, siblings in care who share those families, foster carers and workers who look after several
children, people found by family finding but not yet met, people the young person must not see.
This module invents them.

:func:`generate` is deterministic: the same ``(young_people, seed, as_of)`` yields the same
networks, byte for byte, on every machine. It uses one ``random.Random(seed)`` and nothing else
that varies between runs (no global random, no ``hash()`` of strings, no set iteration order, no
clock), and every id comes from a counter in generation order.

It streams: one :class:`~connections.model.Network` at a time, holding only the current sibling
group and small pools of shared people, so 10,000 young people take seconds and little memory.
Entities are built with ``model_construct`` (no validation) because every value is chosen from the
vocabularies here; the tests check that what comes out validates with ``parse_network``.

Ids (the bulk loader may rely on all of this):

- young people ``yp-000001``, ``yp-000002``, ... in the order yielded;
- people ``p-000001``, ... (a counter; gaps are possible); a young person who is in a sibling
  group also stands in their siblings' networks as the person ``p-<their young person id>``,
  e.g. ``p-yp-000012``, with the same name;
- households ``h-000001``, ...; contact log entries ``c-000001``, ... (unique across the run).

Sharing across networks (the bulk loader may rely on all of this too):

- A person who appears in several networks is the *same* :class:`~connections.model.Person`
  object in each, so its fields are identical everywhere: write it once (MERGE on id).
  Shared people are the family of a sibling group (mother, fathers, grandparents, aunts, uncles,
  cousins, siblings not in care, the siblings in care themselves) and pooled workers and carers
  (social workers, IROs, personal advisers, coordinators, teachers, advocates, therapists, foster
  carer households, children's home staff; a foster household may be one child's current carers
  and another's former carers). Everyone else (friends, mentors, partners, independent visitors,
  supported lodgings hosts, neighbours) is in one network only. Do not mutate yielded people:
  the objects are shared between networks.
- A link is a fact about two people, not about a young person: a network holds *every* generated
  link between two of its people, so any two networks that both contain people A and B hold the
  same links between A and B. Links are never made between two pooled people of different pools.
- ``partner`` and ``lives_with`` links only join people with the same ``household``.
- Relationships are per young person and are never shared; each network has exactly one
  relationship per person in it, and contact log entries only for those people.
"""

from __future__ import annotations

from connections.demo.generator import generate

__all__ = ["generate"]
