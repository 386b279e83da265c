// A young person's network history (connections/store/history.py): each change to the network
// is kept as a whole version, the canonical export document as text, numbered from 1. Today's
// network is read as before, from the live graph; versions are read only by the history pages,
// `export --at` and the figures over time, by this index. Every lookup by young person says
// `number IS NOT NULL` too: Neo4j seeks a composite index only with a predicate on each of its
// properties, and without one scans every version of the cohort (tests/integration/test_plans.py).
// Each also says `USING INDEX SEEK`: with few versions in the store's statistics the planner
// sometimes chose a scan of the whole index even so (a CI run of history.page did).

// name: network_version_index
CREATE INDEX network_version_index IF NOT EXISTS
FOR (v:NetworkVersion) ON (v.young_person_id, v.number);

// name: history.append
// A new version of each network in $versions (young_person_id, document, and its finding summary:
// finding_people and finding_statuses, parallel lists of each relationship's person id and
// finding status, which the cohort's period figures read instead of the document), unless its latest
// already holds this very document (a save that changed nothing makes no version). The caller
// holds these young people's write locks (the same transaction as the change), so numbers
// never clash. One statement for every network a write changed.
UNWIND $versions AS version
MATCH (y:YoungPerson {id: version.young_person_id})
CALL {
  WITH y
  OPTIONAL MATCH (latest:NetworkVersion {young_person_id: y.id})
  USING INDEX SEEK latest:NetworkVersion(young_person_id, number)
  WHERE latest.number IS NOT NULL
  WITH latest ORDER BY latest.number DESC LIMIT 1
  RETURN latest
}
WITH y, latest, version
WHERE latest IS NULL OR latest.document <> version.document
CREATE (v:NetworkVersion {
  young_person_id: y.id,
  number: coalesce(latest.number, 0) + 1,
  at: $at, by: $by, via: $via,
  document: version.document,
  finding_people: version.finding_people, finding_statuses: version.finding_statuses
})
CREATE (y)-[:VERSION]->(v)
RETURN y.id AS young_person_id, v.number AS number;

// name: history.lock
// The write locks of these young people, taken in the order of $ids (sorted by the caller, so
// two transactions never wait on each other).
UNWIND $ids AS id
MATCH (y:YoungPerson {id: id})
SET y._lock = true
REMOVE y._lock
RETURN y.id AS id;

// name: history.at
// The version in force at an instant: the last saved at or before it.
MATCH (v:NetworkVersion {young_person_id: $young_person_id})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
WHERE v.number IS NOT NULL AND v.at <= $at
RETURN v.number AS number, v.at AS at, v.by AS by, v.via AS via, v.document AS document
ORDER BY v.number DESC
LIMIT 1;

// name: history.first
MATCH (v:NetworkVersion {young_person_id: $young_person_id})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
WHERE v.number IS NOT NULL
RETURN v.at AS at
ORDER BY v.number
LIMIT 1;

// name: history.page
// Versions newest first, from number $before down (exclusive), with one older version more
// than asked for so the oldest shown can be compared with the one before it.
MATCH (v:NetworkVersion {young_person_id: $young_person_id})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
WHERE v.number IS NOT NULL AND v.number < $before
RETURN v.number AS number, v.at AS at, v.by AS by, v.via AS via, v.document AS document
ORDER BY v.number DESC
LIMIT $limit;

// name: history.series
// Every version's instant and document, oldest first (the timeline and the period figures).
MATCH (v:NetworkVersion {young_person_id: $young_person_id})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
WHERE v.number IS NOT NULL
RETURN v.number AS number, v.at AS at, v.by AS by, v.via AS via, v.document AS document
ORDER BY v.number;

// name: history.holders
// The young people whose networks hold any of these people (a shared person's change is a new
// version of each of their networks).
UNWIND $ids AS id
MATCH (y:YoungPerson)-[:RELATIONSHIP]->(:Person {id: id})
RETURN DISTINCT y.id AS id;
