// Restrictions on contact (docs/restrictions.md), one young person's at a time. A restriction is
// never deleted: it ends by setting `ends` (restriction.end), an audited change. Imports save
// them with network.save_restrictions (cypher/network.cypher), which never removes one either.

// name: restriction.create
// The young person's write lock first (see relationship.create); the person must be in the
// young person's network. The id is unique (restriction_id_unique): a clash fails the CREATE.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
MATCH (y)-[:RELATIONSHIP]->(p:Person {id: $person_id})
CREATE (x:Restriction)
SET x = $props, x.version = 1, x.recorded_by = $recorded_by, x.recorded_at = datetime()
CREATE (y)-[:RESTRICTION]->(x)-[:ON]->(p)
RETURN x {.*, person_id: p.id} AS restriction, p.name AS person_name, true AS in_network;

// name: restriction.page
// Everything a restrictions page needs in one query: the young person, the people in their
// network (for the form), and every restriction of theirs, ended ones too and those on people no
// longer in the network (an order outlives an edit of the network), newest first.
MATCH (y:YoungPerson {id: $young_person_id})
CALL {
  WITH y
  OPTIONAL MATCH (y)-[:RELATIONSHIP]->(p:Person)
  RETURN collect(p {.id, .name, .category}) AS people
}
CALL {
  WITH y
  OPTIONAL MATCH (y)-[:RESTRICTION]->(x:Restriction)-[:ON]->(p:Person)
  WITH y, x, p
  ORDER BY x.starts DESC, x.id
  RETURN collect(CASE WHEN x IS NOT NULL THEN {
    restriction: x {.*, person_id: p.id},
    person_name: p.name,
    in_network: EXISTS { (y)-[:RELATIONSHIP]->(p) }
  } END) AS restrictions
}
RETURN y {.*} AS young_person, people, restrictions;

// name: restriction.end
// Write lock, version check and the check that it does not end before it starts, then `ends`
// and nothing else is set, all in one statement.
MATCH (y:YoungPerson {id: $young_person_id})-[:RESTRICTION]->(x:Restriction {id: $id})-[:ON]->(p:Person)
SET x._lock = true
WITH y, x, p, coalesce(x.version, 0) = $version AS fresh, x.starts <= $ends AS in_order
FOREACH (_ IN CASE WHEN fresh AND in_order THEN [1] ELSE [] END |
  SET x.ends = $ends, x.version = $version + 1)
REMOVE x._lock
RETURN fresh, in_order, x {.*, person_id: p.id} AS restriction, p.name AS person_name,
       EXISTS { (y)-[:RELATIONSHIP]->(p) } AS in_network;
