"""Lifelong Connections: the networks of children in care, scored against the mission.

The mission (Independent Review of Children's Social Care, 2022): no young person should leave
care without at least two loving relationships. This package holds the product's core and never
imports Flask: ``model`` (entities, vocabularies, validation), ``store`` (all Neo4j access),
``scoring`` (relationship coverage, pure), ``maps`` (pyvis maps, pure), ``io`` (formats),
``demo`` (synthetic data), ``devdb`` (a local Neo4j) and ``cli`` (the ``connections`` command).
"""

__version__ = "0.1.0"
