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

// name: person.delete_if_unrelated
// A person in no young person's network any more is deleted (with any contact log entries still
// about them); one still in a network stays. Their write lock first, so a relationship added to
// them at the same moment is either seen here or waits for this.
MATCH (p:Person {id: $id})
SET p._lock = true
REMOVE p._lock
WITH p
WHERE NOT EXISTS { (:YoungPerson)-[:RELATIONSHIP]->(p) }
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

// name: person.network_count
// How many young people's networks a (shared) person is in: a count only, no one named.
MATCH (p:Person {id: $id})
RETURN COUNT { (:YoungPerson)-[:RELATIONSHIP]->(p) } AS networks;

// name: person.find
// People known to the service whose name matches $query (a Lucene query built and escaped by
// name_query: every word of the search as the start of a word of the name, case-insensitive),
// or whose id is $id, leaving out those already in $young_person_id's network. For each: what
// anyone may be shown (name, category, how many networks) and, only among the young people in
// $visible (or all of them when $all_visible), which young people they are linked to.
CALL {
  CALL db.index.fulltext.queryNodes('person_name_fulltext', $query) YIELD node
  RETURN node AS p
  UNION
  MATCH (p:Person {id: $id})
  RETURN p
}
WITH p
WHERE NOT EXISTS { (:YoungPerson {id: $young_person_id})-[:RELATIONSHIP]->(p) }
WITH p
ORDER BY p.id = $id DESC, toLower(p.name), p.id
LIMIT $limit
RETURN p.id AS id, p.name AS name, p.category AS category, p.deceased AS deceased,
       COUNT { (:YoungPerson)-[:RELATIONSHIP]->(p) } AS networks,
       [(y:YoungPerson)-[:RELATIONSHIP]->(p) WHERE $all_visible OR y.id IN $visible
        | [y.id, y.name]] AS visible_young_people;

// name: person.summary
// One person as person.find shows them (the page that adds someone already known).
MATCH (p:Person {id: $id})
RETURN p.id AS id, p.name AS name, p.category AS category, p.deceased AS deceased,
       COUNT { (:YoungPerson)-[:RELATIONSHIP]->(p) } AS networks,
       [(y:YoungPerson)-[:RELATIONSHIP]->(p) WHERE $all_visible OR y.id IN $visible
        | [y.id, y.name]] AS visible_young_people;
