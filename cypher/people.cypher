// name: person.create
CREATE (p:Person)
SET p = $props, p.version = 1
RETURN p {.*} AS person;

// name: person.get
MATCH (p:Person {id: $id})
RETURN p {.*} AS person;

// name: person.update
// Write lock first, then the version check: see young_person.update.
MATCH (p:Person {id: $id})
SET p._lock = true
WITH p, coalesce(p.version, 0) = $version AS fresh
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  SET p = $props, p.version = $version + 1)
REMOVE p._lock
RETURN fresh, p {.*} AS person;

// name: person.delete
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)<-[:WITH]-(c:ContactEntry)
DETACH DELETE c
WITH DISTINCT p
DETACH DELETE p
RETURN count(*) AS deleted;

// name: person.household
MATCH (p:Person {household: $household})
RETURN p {.*} AS person
ORDER BY p.name, p.id;

// name: person.young_people
// Which young people a (shared) person is in the network of.
MATCH (y:YoungPerson)-[r:RELATIONSHIP]->(:Person {id: $id})
RETURN y.id AS young_person_id, r.role AS role
ORDER BY y.id;
