"""GEDCOM family trees in and out (docs/gedcom.md).

- :mod:`.reader`: a file's bytes -> a :class:`FamilyTree` (parsed by ged4py);
- :mod:`.kinship`: who each person is to the young person (role, side, degree);
- :mod:`.convert`: a tree and the young person's xref -> a network document;
- :mod:`.merge`: an imported network into an existing one, never losing a worker's record;
- :mod:`.writer`: a network's family -> GEDCOM 5.5.1.

All pure: no database, no Flask.
"""

from connections.gedcom.convert import Conversion, default_young_person_id, to_network
from connections.gedcom.kinship import DEFAULT_DEGREE, MAX_DEGREE, Kin, kinship
from connections.gedcom.merge import ImportPlan, merge, plan
from connections.gedcom.reader import FamilyTree, GedcomError, read_tree
from connections.gedcom.writer import restricted, to_gedcom

__all__ = [
    "DEFAULT_DEGREE",
    "MAX_DEGREE",
    "Conversion",
    "FamilyTree",
    "GedcomError",
    "ImportPlan",
    "Kin",
    "default_young_person_id",
    "kinship",
    "merge",
    "plan",
    "read_tree",
    "restricted",
    "to_gedcom",
    "to_network",
]
