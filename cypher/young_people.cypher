// name: young_person.create
CREATE (y:YoungPerson)
SET y = $props, y.version = 1
RETURN y {.*} AS young_person;

// name: young_person.claim
// The first statement of creating a young person's network when it must not exist yet (the API's
// PUT with If-None-Match: *): CREATE, never MERGE, so of two such creations at once the second
// fails on the young_person_id_unique constraint instead of overwriting the first.
CREATE (y:YoungPerson {id: $id})
SET y.version = 0;

// name: young_person.create_allocated
// A new young person allocated at once to an active worker (the web's "Add a young person"): one
// statement, so the record is never there without the allocation that was asked for. No row
// (and nothing created) when there is no such active user.
MATCH (u:User {username: $username, active: true})
CREATE (y:YoungPerson)
SET y = $props, y.version = 1
CREATE (u)-[:ALLOCATED {at: datetime()}]->(y)
RETURN y {.*} AS young_person;

// name: young_person.get
MATCH (y:YoungPerson {id: $id})
RETURN y {.*} AS young_person;

// name: young_person.update
// Takes the node's write lock before comparing versions, so two concurrent edits cannot both
// pass the check (Neo4j's documented way to avoid lost updates in Cypher).
MATCH (y:YoungPerson {id: $id})
SET y._lock = true
WITH y, coalesce(y.version, 0) = $version AS fresh
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  SET y = $props, y.version = $version + 1)
REMOVE y._lock
RETURN fresh, y {.*} AS young_person;

// name: young_person.delete
// The young person's relationships, contact log, restrictions, conference (its guest list and
// the acknowledgements of its leak warnings) and record of conferences held, consent ledger and invitations (with their answers
// and suggestions), own words and kept cohort row go too; shared people stay.
MATCH (y:YoungPerson {id: $id})
OPTIONAL MATCH (y)-[:LOGGED]->(c:ContactEntry)
DETACH DELETE c
WITH DISTINCT y
OPTIONAL MATCH (y)-[:RESTRICTION]->(x:Restriction)
DETACH DELETE x
WITH DISTINCT y
OPTIONAL MATCH (y)-[:CONSENT]->(k:ConsentEntry)
DETACH DELETE k
WITH DISTINCT y
OPTIONAL MATCH (y)-[:INVITATION]->(inv:Invitation)
OPTIONAL MATCH (inv)-[:ANSWER|SUGGESTION]->(part)
DETACH DELETE part
WITH DISTINCT y, inv
DETACH DELETE inv
WITH DISTINCT y
OPTIONAL MATCH (y)-[:CONFERENCE]->(conference:Conference)
OPTIONAL MATCH (conference)-[:ACKNOWLEDGED]->(a:Acknowledgement)
DETACH DELETE a
WITH DISTINCT y, conference
DETACH DELETE conference
WITH DISTINCT y
OPTIONAL MATCH (y)-[:CONFERENCE_HELD]->(held:ConferenceHeld)
DETACH DELETE held
WITH DISTINCT y
OPTIONAL MATCH (y)-[:OWN_WORDS]->(words:OwnWords)
DETACH DELETE words
WITH DISTINCT y
OPTIONAL MATCH (row:CohortRow {young_person_id: y.id})
DELETE row
WITH DISTINCT y
DETACH DELETE y
RETURN count(*) AS deleted;

// name: young_person.list
MATCH (y:YoungPerson)
RETURN y {.*} AS young_person
ORDER BY y.name, y.id;

// name: young_person.count
MATCH (y:YoungPerson)
RETURN count(y) AS count;
