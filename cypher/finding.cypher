// Is family finding working? The versions the timeline and the period figures read
// (connections/store/finding.py): a young person's whole history in one read, and the cohort's
// networks over a period in two reads, whatever the cohort's size.

// name: network_version_at_index
// The period figures find the versions saved within a period across the cohort by instant.
CREATE INDEX network_version_at_index IF NOT EXISTS
FOR (v:NetworkVersion) ON (v.at);

// name: finding.timeline
// One young person's versions oldest first, and when their conference guest list was made final
// (nothing else records a conference's date).
MATCH (y:YoungPerson {id: $young_person_id})
OPTIONAL MATCH (y)-[:CONFERENCE]->(c:Conference {status: 'final'})
CALL {
  WITH y
  MATCH (v:NetworkVersion {young_person_id: y.id})
  WITH v ORDER BY v.number
  RETURN collect(v {.number, .at, .by, .via, .document}) AS versions
}
RETURN versions, c.finalised_at AS conference_final;

// name: finding.before_period
// Each young person's network as it was when the period opened: the last version saved before
// $opened (the period's figures need it to know who was there and how far each search had got).
MATCH (y:YoungPerson)
CALL {
  WITH y
  MATCH (v:NetworkVersion {young_person_id: y.id})
  WHERE v.at < $opened
  RETURN v ORDER BY v.number DESC LIMIT 1
}
RETURN v.young_person_id AS young_person_id, v.number AS number, v.at AS at, v.by AS by,
       v.via AS via, v.document AS document;

// name: finding.within_period
// Every version saved from $opened to $closed (inclusive), across the cohort, oldest first.
MATCH (v:NetworkVersion)
WHERE $opened <= v.at <= $closed
RETURN v.young_person_id AS young_person_id, v.number AS number, v.at AS at, v.by AS by,
       v.via AS via, v.document AS document
ORDER BY young_person_id, number;
