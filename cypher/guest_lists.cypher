// The guest list of a young person's next Family Group Conference (docs/conference.md).
//
// (:YoungPerson)-[:CONFERENCE]->(c:Conference {status: 'draft'|'final', version, finalised_by,
//                                               finalised_at})
// (c)-[:GUEST]->(:Person)                                    someone invited (in the network)
// (c)-[:ACKNOWLEDGED]->(:Acknowledgement {key, reason, by, at})  a leak warning acknowledged
// (:YoungPerson)-[:CONFERENCE_HELD]->(:ConferenceHeld {at, by, guests})
//                          each time a list was made final: kept when the list goes back to draft
//                          (the timeline marks every one), deleted only with the young person
//
// Every change runs in one transaction after guest_list.lock, which takes the young person's
// write lock (as relationship.create does) and the conference's, so the version check and the
// write cannot interleave with anyone else's change to the network or the list.

// name: guest_list.get
MATCH (y:YoungPerson {id: $young_person_id})
OPTIONAL MATCH (y)-[:CONFERENCE]->(c:Conference)
CALL {
  WITH y, c
  OPTIONAL MATCH (c)-[:GUEST]->(p:Person)
  WHERE (y)-[:RELATIONSHIP]->(p)
  RETURN collect(p.id) AS guests
}
CALL {
  WITH c
  OPTIONAL MATCH (c)-[:ACKNOWLEDGED]->(a:Acknowledgement)
  RETURN collect(a {.*}) AS acknowledgements
}
RETURN c {.*} AS conference, guests, acknowledgements;

// name: guest_list.lock
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
MERGE (y)-[:CONFERENCE]->(c:Conference)
  ON CREATE SET c.status = 'draft', c.version = 0
SET c._lock = true
REMOVE c._lock
RETURN c.version AS version, c.status AS status;

// name: guest_list.set_guests
// The guests become exactly $guest_ids (people in the network only); the list goes back to draft.
MATCH (y:YoungPerson {id: $young_person_id})-[:CONFERENCE]->(c:Conference)
OPTIONAL MATCH (c)-[g:GUEST]->(:Person)
DELETE g
WITH DISTINCT y, c
CALL {
  WITH y, c
  UNWIND $guest_ids AS person_id
  MATCH (y)-[:RELATIONSHIP]->(p:Person {id: person_id})
  MERGE (c)-[:GUEST]->(p)
  RETURN count(*) AS added
}
SET c.status = 'draft', c.version = c.version + 1, c.finalised_by = null, c.finalised_at = null
RETURN c.version AS version;

// name: guest_list.acknowledge
MATCH (:YoungPerson {id: $young_person_id})-[:CONFERENCE]->(c:Conference)
MERGE (c)-[:ACKNOWLEDGED]->(a:Acknowledgement {key: $key})
SET a.reason = $reason, a.by = $by, a.at = datetime(), c.version = c.version + 1
RETURN c.version AS version;

// name: guest_list.finalise
// The list made final, and a conference held recorded on the young person with its date, who
// made it final and how many guests (a list final already records none again).
MATCH (y:YoungPerson {id: $young_person_id})-[:CONFERENCE]->(c:Conference)
WITH y, c, c.status = 'final' AS already
SET c.status = 'final', c.finalised_by = $by, c.finalised_at = datetime(),
    c.version = c.version + 1
FOREACH (_ IN CASE WHEN already THEN [] ELSE [1] END |
  CREATE (y)-[:CONFERENCE_HELD]->(:ConferenceHeld {
    at: c.finalised_at, by: $by, guests: COUNT { (c)-[:GUEST]->(:Person) }
  })
)
RETURN c.version AS version;
