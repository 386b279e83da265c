// name: contact.create
// The young person's write lock first: see relationship.create.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
MATCH (y)-[:RELATIONSHIP]->(p:Person {id: $person_id})
CREATE (c:ContactEntry)
SET c = $props
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
