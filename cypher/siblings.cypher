// Young people who are siblings of one another, and a person who is another young person
// (connections.siblings), run by connections/store/siblings.py.

// name: siblings.links
// Every pair of young people who are siblings: one holds, in a sibling role, a person marked as
// being the other (Person.young_person_id, indexed), or both hold the same person as their
// mother (or both as their father). One row per pair and reason.
CALL {
  MATCH (p:Person)
  WHERE p.young_person_id IS NOT NULL
  MATCH (b:YoungPerson {id: p.young_person_id})
  MATCH (a:YoungPerson)-[r:RELATIONSHIP]->(p)
  WHERE r.role IN $sibling_roles AND a <> b
  RETURN a.id AS a, b.id AS b, 'marked' AS how
  UNION
  MATCH (p:Person)
  WHERE COUNT { (p)<-[:RELATIONSHIP]-(:YoungPerson) } >= 2
  MATCH (a:YoungPerson)-[r1:RELATIONSHIP]->(p)<-[r2:RELATIONSHIP]-(b:YoungPerson)
  WHERE r1.role IN $parent_roles AND r2.role = r1.role AND a.id < b.id
  RETURN a.id AS a, b.id AS b, r1.role AS how
}
RETURN a, b, how;

// name: siblings.members
// The young people of the sibling groups ($ids): where each lives, and each one's record of
// the others (their relationship with the person who is that other young person), with the
// restrictions on it (for its effective safety).
UNWIND $ids AS id
MATCH (y:YoungPerson {id: id})
CALL {
  WITH y
  OPTIONAL MATCH (y)-[r:RELATIONSHIP]->(p:Person)
  WHERE p.young_person_id IN $ids AND p.young_person_id <> y.id
  RETURN collect([p.id, p.young_person_id, r.role, r.contact, toString(r.last_contact),
                  r.wishes, r.safety, r.closeness, r.closeness_rated_by,
                  [(y)-[:RESTRICTION]->(x:Restriction)-[:ON]->(p) |
                   [x.scope, toString(x.starts), toString(x.ends)]]]) AS records
}
RETURN y.id AS id, y.name AS name, y.status AS status, y.household AS household, records;

// name: siblings.claims
// People said to be another young person ($claims: path, person_id, young_person_id) where that
// young person does not exist, or holds the person in their own network (a young person cannot
// be a person in their own network). Run after a network is written, in the same transaction.
UNWIND $claims AS claim
OPTIONAL MATCH (y:YoungPerson {id: claim.young_person_id})
WITH claim, y
WHERE y IS NULL OR EXISTS { (y)-[:RELATIONSHIP]->(:Person {id: claim.person_id}) }
RETURN claim.path AS path, claim.young_person_id AS young_person_id, y IS NULL AS missing;

// name: siblings.existing
// Which of these ids are young people (a bulk import holds back a document marking one that
// has not arrived yet).
UNWIND $ids AS id
MATCH (y:YoungPerson {id: id})
RETURN y.id AS id;

// name: siblings.mark
// Mark a person in $young_person's network as being another young person (or unmark:
// $other null) if the person is still at $version, the version the editor saw: write lock first,
// then the check (see person.update). No row when the person is not in that network. The other
// checks (the young person exists and does not hold this person) are siblings.claims, in the
// same transaction.
MATCH (:YoungPerson {id: $young_person})-[:RELATIONSHIP]->(p:Person {id: $person_id})
SET p._lock = true
WITH p, coalesce(p.version, 0) = $version AS fresh
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  SET p.young_person_id = $other, p.version = $version + 1)
REMOVE p._lock
RETURN fresh, p.version AS version;

// name: siblings.young_people
// The young people a worker may choose from ($ids: their allocation; null: everyone, for a
// role that sees the whole cohort), by name, at most $limit.
MATCH (y:YoungPerson)
WHERE $ids IS NULL OR y.id IN $ids
RETURN y.id AS id, y.name AS name
ORDER BY y.name, y.id
LIMIT $limit;
