// name: relationship.create
MATCH (y:YoungPerson {id: $young_person_id})
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
WITH r, p, coalesce(r.version, 0) = $version AS fresh
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  SET r = $props, r.version = $version + 1)
REMOVE r._lock
RETURN fresh, r {.*, person_id: p.id} AS relationship;

// name: relationship.delete
MATCH (y:YoungPerson {id: $young_person_id})-[r:RELATIONSHIP]->(p:Person {id: $person_id})
OPTIONAL MATCH (y)-[:LOGGED]->(c:ContactEntry)-[:WITH]->(p)
DETACH DELETE c
WITH DISTINCT r
DELETE r
RETURN count(*) AS deleted;
