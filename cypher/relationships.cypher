// name: relationship.create
// Every statement that adds or removes something of a young person's network (a relationship, a
// contact log entry) takes the young person's write lock first, as network.lock does: Neo4j does
// not lock a dense node when a relationship is added to it, and without the lock a whole-network
// replace (the API's PUT) could check its version while this slips in before it writes.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
MATCH (p:Person {id: $person_id})
WHERE NOT EXISTS { (y)-[:RELATIONSHIP]->(p) }
CREATE (y)-[r:RELATIONSHIP]->(p)
SET r = $props, r.version = 1
RETURN r {.*, person_id: p.id} AS relationship;

// name: relationship.get
MATCH (:YoungPerson {id: $young_person_id})-[r:RELATIONSHIP]->(p:Person {id: $person_id})
RETURN r {.*, person_id: p.id} AS relationship;

// name: relationship.update
// Write lock first, then the version check: see young_person.update.
MATCH (:YoungPerson {id: $young_person_id})-[r:RELATIONSHIP]->(p:Person {id: $person_id})
SET r._lock = true
// A change that does not give the family side ($keep_side) keeps the recorded one.
WITH r, p, coalesce(r.version, 0) = $version AS fresh, r.side AS side
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  SET r = $props, r.side = CASE WHEN $keep_side THEN side ELSE $props.side END,
      r.version = $version + 1)
REMOVE r._lock
RETURN fresh, r {.*, person_id: p.id} AS relationship;

// name: relationship.delete
// The young person's write lock first: see relationship.create.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
MATCH (y)-[r:RELATIONSHIP]->(p:Person {id: $person_id})
OPTIONAL MATCH (y)-[:LOGGED]->(c:ContactEntry)-[:WITH]->(p)
DETACH DELETE c
WITH DISTINCT r
DELETE r
RETURN count(*) AS deleted;

// name: relationship.lock
// The young person's write lock, then the relationship's, and the relationship's version: the
// start of a removal that checks the version the editor saw (NetworkRecords.remove_from_network),
// in the same transaction as relationship.delete.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
MATCH (y)-[r:RELATIONSHIP]->(:Person {id: $person_id})
SET r._lock = true
REMOVE r._lock
RETURN coalesce(r.version, 0) AS version;
