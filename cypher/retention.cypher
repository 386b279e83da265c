// Retention (connections/retention.py, connections/store/retention.py): a young person whose
// records are past the council's keeping period has their network, its every kept version and
// what hangs on it deleted; the deletion is audited. No statement here makes a version
// (connections/store/invalidation.py lists them as UNRELATED).

// name: retention.held
// Every young person with their date of birth and how many versions are kept.
MATCH (y:YoungPerson)
OPTIONAL MATCH (y)-[:VERSION]->(v:NetworkVersion)
RETURN y.id AS young_person_id, y.date_of_birth AS date_of_birth, count(v) AS versions
ORDER BY young_person_id;

// name: retention.orphaned
// Versions whose young person is no longer on the system, with the latest document (which
// says their date of birth).
MATCH (v:NetworkVersion)
WHERE NOT EXISTS { MATCH (:YoungPerson {id: v.young_person_id}) }
WITH v.young_person_id AS young_person_id, v ORDER BY v.number DESC
WITH young_person_id, collect(v.document)[0] AS document, count(v) AS versions
RETURN young_person_id, document, versions
ORDER BY young_person_id;

// name: retention.lock
// The young person's write lock, and who is in their network (people only they hold go too).
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
OPTIONAL MATCH (y)-[:RELATIONSHIP]->(p:Person)
RETURN collect(p.id) AS people;

// name: retention.delete_people
// People in no remaining network and under no restriction, with any contact entries about them.
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE NOT EXISTS { (:YoungPerson)-[:RELATIONSHIP]->(p) }
  AND NOT EXISTS { (:Restriction)-[:ON]->(p) }
OPTIONAL MATCH (p)<-[:WITH]-(c:ContactEntry)
DETACH DELETE c
WITH DISTINCT p
DETACH DELETE p
RETURN count(*) AS deleted;

// name: retention.delete_versions
MATCH (v:NetworkVersion {young_person_id: $young_person_id})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
WHERE v.number IS NOT NULL
DETACH DELETE v
RETURN count(*) AS deleted;

// name: retention.record
CREATE (:AuditEvent {at: datetime(), username: $username, action: 'retention',
                     young_person_id: $young_person_id, detail: $detail});
