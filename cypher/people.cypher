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
// them at the same moment is either seen here or waits for this. Someone a restriction is on
// stays too (a restriction outlives an edit of the network, docs/restrictions.md).
MATCH (p:Person {id: $id})
SET p._lock = true
REMOVE p._lock
WITH p
WHERE NOT EXISTS { (:YoungPerson)-[:RELATIONSHIP]->(p) }
  AND NOT EXISTS { (:Restriction)-[:ON]->(p) }
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
// or whose id is $id, leaving out those already in $young_person_id's network; those in the
// network of a young person in $allocated (the searcher's own) first. For each: the columns of
// person.summaries. What the searcher is then shown of each is connections.sharing's decision.
CALL {
  CALL db.index.fulltext.queryNodes('person_name_fulltext', $query) YIELD node
  RETURN node AS p
  UNION
  MATCH (p:Person {id: $id})
  RETURN p
}
WITH p
WHERE NOT EXISTS { (:YoungPerson {id: $young_person_id})-[:RELATIONSHIP]->(p) }
WITH p, EXISTS { (y:YoungPerson)-[:RELATIONSHIP]->(p) WHERE y.id IN $allocated } AS in_allocated
ORDER BY in_allocated DESC, p.id = $id DESC, toLower(p.name), p.id
LIMIT $limit
RETURN p.id AS id, p.name AS name, p.category AS category, p.deceased AS deceased,
       COUNT { (:YoungPerson)-[:RELATIONSHIP]->(p) } AS networks,
       [(y:YoungPerson)-[:RELATIONSHIP]->(p) WHERE $all_visible OR y.id IN $visible
        | [y.id, y.name]] AS visible_young_people,
       in_allocated;

// name: person.summaries
// These people as person.find returns them (the page that adds someone already known, and the
// API's check of the people a document adds).
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, p.name AS name, p.category AS category, p.deceased AS deceased,
       COUNT { (:YoungPerson)-[:RELATIONSHIP]->(p) } AS networks,
       [(y:YoungPerson)-[:RELATIONSHIP]->(p) WHERE $all_visible OR y.id IN $visible
        | [y.id, y.name]] AS visible_young_people,
       EXISTS { (y:YoungPerson)-[:RELATIONSHIP]->(p) WHERE y.id IN $allocated } AS in_allocated;

// name: person.protected
// THE safeguarding check of docs/sharing-people.md: of the people $ids, those about whom nothing
// may be said outside the networks a worker is allocated to (not even that they exist): anyone
// whose relationship with any young person is no_contact, and anyone with a restriction on
// contact (docs/restrictions.md) that has not ended, whatever its scope or start. Later rules are
// added here, and only here.
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE EXISTS { (:YoungPerson)-[r:RELATIONSHIP]->(p) WHERE r.safety = 'no_contact' }
   OR EXISTS { (x:Restriction)-[:ON]->(p) WHERE x.ends IS NULL OR x.ends >= date() }
RETURN collect(p.id) AS protected;
