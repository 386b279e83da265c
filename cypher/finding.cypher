// Is family finding working? The versions the timeline and the period figures read
// (connections/store/finding.py): a young person's whole history in one read, and the cohort's
// networks over a period in two reads, whatever the cohort's size.

// name: network_version_at_index
// The period figures find the versions saved within a period across the cohort by instant.
CREATE INDEX network_version_at_index IF NOT EXISTS
FOR (v:NetworkVersion) ON (v.at);

// name: finding.timeline
// One young person's versions oldest first, every conference held (each time a guest list was
// made final), and when today's list was made final if it is (a list made final before
// conferences held were recorded has only that date).
MATCH (y:YoungPerson {id: $young_person_id})
OPTIONAL MATCH (y)-[:CONFERENCE]->(c:Conference {status: 'final'})
CALL {
  WITH y
  MATCH (v:NetworkVersion {young_person_id: y.id})
  USING INDEX SEEK v:NetworkVersion(young_person_id, number)
  WHERE v.number IS NOT NULL
  WITH v ORDER BY v.number
  RETURN collect(v {.number, .at, .by, .via, .document}) AS versions
}
CALL {
  WITH y
  OPTIONAL MATCH (y)-[:CONFERENCE_HELD]->(held:ConferenceHeld)
  WITH held ORDER BY held.at
  RETURN collect(held.at) AS conferences
}
RETURN versions, conferences, c.finalised_at AS conference_final;

// name: finding.before_period
// Each young person's network as it was when the period opened: the last version saved before
// $opened (the period's figures need it to know who was there and how far each search had got).
// Its finding summary, not its document (finding.documents reads the few the figures score); a
// version kept before summaries were (finding_people null) brings its document instead.
MATCH (y:YoungPerson)
CALL {
  WITH y
  MATCH (v:NetworkVersion {young_person_id: y.id})
  USING INDEX SEEK v:NetworkVersion(young_person_id, number)
  WHERE v.number IS NOT NULL AND v.at < $opened
  RETURN v ORDER BY v.number DESC LIMIT 1
}
RETURN v.young_person_id AS young_person_id, v.number AS number, v.at AS at,
       v.finding_people AS finding_people, v.finding_statuses AS finding_statuses,
       CASE WHEN v.finding_people IS NULL THEN v.document END AS document;

// name: finding.within_period
// Every version saved from $opened to $closed (inclusive), across the cohort, oldest first: as
// finding.before_period, summaries rather than documents.
MATCH (v:NetworkVersion)
WHERE $opened <= v.at <= $closed
RETURN v.young_person_id AS young_person_id, v.number AS number, v.at AS at,
       v.finding_people AS finding_people, v.finding_statuses AS finding_statuses,
       CASE WHEN v.finding_people IS NULL THEN v.document END AS document
ORDER BY young_person_id, number;

// name: finding.documents
// The whole documents of the versions the period's figures score (two a young person at most),
// by the (young_person_id, number) index.
UNWIND $wanted AS wanted
MATCH (v:NetworkVersion {young_person_id: wanted.young_person_id, number: wanted.number})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
RETURN v.young_person_id AS young_person_id, v.number AS number, v.document AS document;

// name: finding.demo_conferences
// The demo's conferences (connections/demo/history.py): each young person's latest guest list
// made final on a day in their history, with its guests (people in their network only), and a
// conference held recorded for it and for each earlier one (row.earlier: instants, with how
// many were invited). The pages make a list final only through guest_list.finalise, on the day
// it happens.
UNWIND $rows AS row
MATCH (y:YoungPerson {id: row.young_person_id})
MERGE (y)-[:CONFERENCE]->(c:Conference)
  ON CREATE SET c.version = 0
SET c.status = 'final', c.finalised_by = row.by, c.finalised_at = row.at,
    c.version = c.version + 1
WITH y, c, row
CALL {
  WITH y, c, row
  UNWIND row.guest_ids AS person_id
  MATCH (y)-[:RELATIONSHIP]->(p:Person {id: person_id})
  MERGE (c)-[:GUEST]->(p)
  RETURN count(*) AS guests
}
CALL {
  WITH y, row, guests
  UNWIND row.earlier + [{at: row.at, guests: guests}] AS held
  CREATE (y)-[:CONFERENCE_HELD]->(:ConferenceHeld {at: held.at, by: row.by, guests: held.guests})
  RETURN count(*) AS held
}
RETURN count(*) AS written;

// name: finding.demo_versions
// The demo's back-dated history (connections/demo/history.py), written before today's networks
// so that numbers follow time: each row a whole version with its finding summary, as
// history.append would have kept it.
// The young person may not exist yet; finding.demo_link_versions joins them once saved.
UNWIND $rows AS row
CREATE (:NetworkVersion {
  young_person_id: row.young_person_id, number: row.number, at: row.at, by: row.by,
  via: row.via, document: row.document,
  finding_people: row.finding_people, finding_statuses: row.finding_statuses
});

// name: finding.demo_link_versions
UNWIND $ids AS id
MATCH (y:YoungPerson {id: id})
MATCH (v:NetworkVersion {young_person_id: id})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
WHERE v.number IS NOT NULL AND NOT (y)-[:VERSION]->(v)
CREATE (y)-[:VERSION]->(v);

// name: finding.with_versions
// Which of these young people already have a history (a demo loaded again without --replace
// leaves theirs as it is).
UNWIND $ids AS id
MATCH (v:NetworkVersion {young_person_id: id})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
WHERE v.number IS NOT NULL
RETURN DISTINCT id;
