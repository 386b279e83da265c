// name: contact.create
// The young person's write lock first: see relationship.create.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
MATCH (y)-[:RELATIONSHIP]->(p:Person {id: $person_id})
CREATE (c:ContactEntry)
SET c = $props, c.version = 1
CREATE (y)-[:LOGGED]->(c)-[:WITH]->(p)
RETURN c {.*, person_id: p.id} AS entry;

// name: contact.list
MATCH (:YoungPerson {id: $young_person_id})-[:LOGGED]->(c:ContactEntry)-[:WITH]->(p:Person)
RETURN c {.*, person_id: p.id} AS entry
ORDER BY c.date DESC, c.id;

// name: contact.delete
// The young person's write lock first: see relationship.create.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
MATCH (y)-[:LOGGED]->(c:ContactEntry {id: $id})
DETACH DELETE c
RETURN count(*) AS deleted;

// name: contact.get
MATCH (:YoungPerson {id: $young_person_id})-[:LOGGED]->(c:ContactEntry {id: $id})-[:WITH]->(p:Person)
RETURN c {.*, person_id: p.id} AS entry;

// name: contact.update
// A correction: write lock first, then the version check (see relationship.update). The entry
// may move to another person of the same young person's network (who it was with was wrong).
MATCH (y:YoungPerson {id: $young_person_id})-[:LOGGED]->(c:ContactEntry {id: $id})-[w:WITH]->(old:Person)
MATCH (y)-[:RELATIONSHIP]->(p:Person {id: $person_id})
SET c._lock = true
WITH c, w, old, p, coalesce(c.version, 0) = $version AS fresh
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  SET c = $props, c.version = $version + 1)
FOREACH (_ IN CASE WHEN fresh AND old <> p THEN [1] ELSE [] END |
  DELETE w
  CREATE (c)-[:WITH]->(p))
REMOVE c._lock
RETURN fresh, c {.*, person_id: CASE WHEN fresh THEN p.id ELSE old.id END} AS entry;

// name: contact.remove
// Removal from the page: write lock, version check, and the entry as it was (for the audit
// record of what was removed), all in one statement.
MATCH (:YoungPerson {id: $young_person_id})-[:LOGGED]->(c:ContactEntry {id: $id})-[:WITH]->(p:Person)
SET c._lock = true
WITH c, coalesce(c.version, 0) = $version AS fresh, c {.*, person_id: p.id} AS entry
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END | DETACH DELETE c)
FOREACH (_ IN CASE WHEN fresh THEN [] ELSE [1] END | REMOVE c._lock)
RETURN fresh, entry;
