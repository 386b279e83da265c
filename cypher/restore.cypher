// Restoring an earlier version of a young person's network (connections/store/restore.py): the
// version is read by its number, in the restoring transaction, after the network's write locks
// are taken (network.lock), and written back through the network.save_* statements.

// name: restore.version
MATCH (v:NetworkVersion {young_person_id: $young_person_id, number: $number})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
RETURN v.number AS number, v.at AS at, v.by AS by, v.via AS via, v.document AS document;
