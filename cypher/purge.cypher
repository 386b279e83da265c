// Purging an entry made on the wrong child (connections/purge.py, connections/store/purge.py):
// the live graph loses it, every kept version of the network is rewritten without it, and audit
// records that quoted its content are redacted. None of these statements makes a version
// (connections/store/invalidation.py lists them as UNRELATED): a purge is not an edit to undo.

// name: purge.lock
// The young person's write lock first (as relationship.create), so no edit runs in between.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
RETURN y.id AS id;

// name: purge.exists
MATCH (y:YoungPerson {id: $young_person_id})
RETURN y.id AS id;

// name: purge.versions
// Every kept version's document, to rewrite the ones that hold the entry.
MATCH (v:NetworkVersion {young_person_id: $young_person_id})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
WHERE v.number IS NOT NULL
RETURN v.number AS number, v.document AS document
ORDER BY v.number;

// name: purge.other_networks
// How many other young people's networks hold this person today (their record then stays).
MATCH (y:YoungPerson)-[:RELATIONSHIP]->(:Person {id: $person_id})
WHERE y.id <> $young_person_id
RETURN count(DISTINCT y) AS others;

// name: purge.rewrite_versions
// Each rewritten version keeps its number, time and author; only its document changes, and its
// finding summary with it (a purged person leaves that too).
UNWIND $versions AS version
MATCH (v:NetworkVersion {young_person_id: $young_person_id, number: version.number})
USING INDEX SEEK v:NetworkVersion(young_person_id, number)
SET v.document = version.document, v.finding_people = version.finding_people,
    v.finding_statuses = version.finding_statuses
RETURN count(v) AS rewritten;

// name: purge.remove_contact
MATCH (:YoungPerson {id: $young_person_id})-[:LOGGED]->(c:ContactEntry {id: $id})
DETACH DELETE c
RETURN count(*) AS removed;

// name: purge.remove_person
// The person leaves this young person's network with everything of theirs in it: the
// relationship, the contact log with them, restrictions on them, a place on the conference guest
// list, invitation answers about them, and link requests that asked for or offered them. Links
// to them go where no other network holds both ends; the person's own record goes unless another
// young person's network holds them.
MATCH (y:YoungPerson {id: $young_person_id})
MATCH (p:Person {id: $person_id})
OPTIONAL MATCH (y)-[r:RELATIONSHIP]->(p)
DELETE r
WITH DISTINCT y, p
OPTIONAL MATCH (y)-[:LOGGED]->(c:ContactEntry)-[:WITH]->(p)
DETACH DELETE c
WITH DISTINCT y, p
OPTIONAL MATCH (y)-[:RESTRICTION]->(x:Restriction)-[:ON]->(p)
DETACH DELETE x
WITH DISTINCT y, p
OPTIONAL MATCH (y)-[:CONFERENCE]->(:Conference)-[g:GUEST]->(p)
DELETE g
WITH DISTINCT y, p
OPTIONAL MATCH (y)-[:INVITATION]->(i:Invitation)-[:ANSWER]->(a:InvitationAnswer {person_id: p.id})
DETACH DELETE a
WITH DISTINCT y, p
OPTIONAL MATCH (y)-[:INVITATION]->(i:Invitation)
WHERE p.id IN coalesce(i.person_ids, [])
SET i.person_ids = [id IN i.person_ids WHERE id <> p.id]
WITH DISTINCT y, p
OPTIONAL MATCH (lr:LinkRequest)-[:FOR]->(y)
WHERE lr.person_id = p.id OR EXISTS { (lr)-[:CANDIDATE]->(p) }
DETACH DELETE lr
WITH DISTINCT y, p
OPTIONAL MATCH (p)-[l:LINK]-(q:Person)
WHERE NOT EXISTS { (z:YoungPerson)-[:RELATIONSHIP]->(p) WHERE (z)-[:RELATIONSHIP]->(q) }
DELETE l
WITH DISTINCT p
CALL {
  WITH p
  WITH p
  WHERE NOT EXISTS { (:YoungPerson)-[:RELATIONSHIP]->(p) }
    AND NOT EXISTS { (:Restriction)-[:ON]->(p) }
  OPTIONAL MATCH (p)<-[:WITH]-(c:ContactEntry)
  DETACH DELETE c
  WITH DISTINCT p
  DETACH DELETE p
  RETURN count(*) AS deleted
}
RETURN deleted > 0 AS person_deleted;

// name: purge.forget_cohort_row
// The kept cohort row may name the purged person ("Only 1 loving relationship (...)"): it goes,
// and is scored again when the cohort is next read.
MATCH (y:YoungPerson {id: $young_person_id})
SET y.cohort_stamp = randomUUID()
REMOVE y.cohort_valid_until, y.cohort_scored_on
WITH y
OPTIONAL MATCH (row:CohortRow {young_person_id: y.id})
DELETE row
RETURN count(*) AS forgotten;

// name: purge.redact_audit
// Audit records that quoted a purged contact entry (a removal keeps the entry as it was) keep
// who, when and which entry, not what it said.
UNWIND $redactions AS redaction
MATCH (e:AuditEvent {young_person_id: $young_person_id})
WHERE e.detail STARTS WITH redaction.prefix
SET e.detail = redaction.detail
RETURN count(e) AS redacted;

// name: purge.record
// The purge's own audit record: who, when, what kind of entry and its id, and the reason.
CREATE (:AuditEvent {at: datetime(), username: $username, action: 'purge',
                     young_person_id: $young_person_id, detail: $detail});
