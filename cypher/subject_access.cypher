// A subject access export (connections/subject_access.py, connections/store/subject_access.py):
// everything held about one young person or one person. Read only (its audit record is
// audit.record_many).

// name: subject_access.kind
// Whether the id is a young person's, a person's (today or in any kept version), or neither.
OPTIONAL MATCH (y:YoungPerson {id: $id})
OPTIONAL MATCH (p:Person {id: $id})
RETURN y IS NOT NULL AS young_person, p IS NOT NULL AS person;

// name: subject_access.version_holders
// The young people whose kept versions mention this id (as a person, relationship, link,
// contact or restriction), for the versions that were about them. A scan of the versions: a
// subject access request is rare, and a person removed from every network is found this way.
MATCH (v:NetworkVersion)
WHERE v.document CONTAINS $quoted
RETURN DISTINCT v.young_person_id AS young_person_id
ORDER BY young_person_id;

// name: subject_access.audit_mentions
// Audit events that name this person's record (their id in the detail), newest first.
MATCH (e:AuditEvent)
WHERE e.detail CONTAINS $id
RETURN e {.*} AS event
ORDER BY e.at DESC
LIMIT $limit;

// name: subject_access.young_person_records
// What hangs on a young person beyond their network, consents and invitations: every conference
// held (each guest list made final) and the link requests made for their network (never the
// candidates: other networks' people).
MATCH (y:YoungPerson {id: $id})
CALL {
  WITH y
  OPTIONAL MATCH (y)-[:CONFERENCE_HELD]->(held:ConferenceHeld)
  WITH held ORDER BY held.at
  RETURN collect(held {.at, .by, .guests}) AS conferences_held
}
CALL {
  WITH y
  OPTIONAL MATCH (request:LinkRequest)-[:FOR]->(y)
  WITH request ORDER BY request.created_at, request.id
  RETURN collect(request {.id, .status, .query, .role, .relationship, .requested_by,
                          .created_at, .person_id, .decided_by, .decided_at}) AS link_requests
}
RETURN conferences_held, link_requests;
