// Link requests (docs/sharing-people.md): a worker asks to add to their young person's network
// someone known only in networks not allocated to them. The request holds what they typed and the
// relationship they asked for; its CANDIDATE edges are the people who matched, never shown to the
// requester. Someone allocated to a network holding a candidate (or an administrator) approves one
// candidate (the relationship is created) or declines the candidates they can see.
//
// (:User)-[:ALLOCATED]->(:YoungPerson)-[:RELATIONSHIP]->(p:Person)<-[:CANDIDATE]-(:LinkRequest)
// (:LinkRequest)-[:FOR]->(:YoungPerson)   the requester's young person

// name: link_request_id_unique
CREATE CONSTRAINT link_request_id_unique IF NOT EXISTS
FOR (r:LinkRequest) REQUIRE r.id IS UNIQUE;

// name: link_request_status_index
CREATE INDEX link_request_status IF NOT EXISTS
FOR (r:LinkRequest) ON (r.status);

// name: link_request_requested_by_index
CREATE INDEX link_request_requested_by IF NOT EXISTS
FOR (r:LinkRequest) ON (r.requested_by);

// name: link_request.create
// Returns [young person id, person id] for every network (other than the requester's young
// person's) that holds a candidate: the audit trail records the request on each.
MATCH (y:YoungPerson {id: $young_person_id})
CREATE (lr:LinkRequest {id: $id, status: 'pending', query: $query, role: $role,
                        relationship: $relationship, requested_by: $requested_by,
                        created_at: datetime()})
CREATE (lr)-[:FOR]->(y)
WITH lr, y
UNWIND $candidate_ids AS person_id
MATCH (p:Person {id: person_id})
CREATE (lr)-[:CANDIDATE]->(p)
WITH y, p
MATCH (other:YoungPerson)-[:RELATIONSHIP]->(p)
WHERE other <> y
RETURN collect(DISTINCT [other.id, p.id]) AS held_by;

// name: link_request.mine
// The requests a worker made, newest first: what they may know of them (no candidate).
MATCH (lr:LinkRequest {requested_by: $username})-[:FOR]->(y:YoungPerson)
RETURN lr {.id, .status, .query, .role, .requested_by, .created_at, .decided_at} AS request,
       y.id AS young_person_id, y.name AS young_person_name, '' AS requested_by_name
ORDER BY lr.created_at DESC, lr.id
LIMIT $limit;

// name: link_request.awaiting
// Pending requests $username may decide: a candidate not yet declined is in the network of a
// young person allocated to them (administrators, $all: every pending request). Never their own.
MATCH (lr:LinkRequest {status: 'pending'})-[:FOR]->(y:YoungPerson)
WHERE lr.requested_by <> $username
  AND ($all OR EXISTS {
    MATCH (lr)-[c:CANDIDATE]->(:Person)<-[:RELATIONSHIP]-(:YoungPerson)
          <-[:ALLOCATED]-(:User {username: $username})
    WHERE c.declined_by IS NULL
  })
OPTIONAL MATCH (u:User {username: lr.requested_by})
RETURN lr {.id, .status, .query, .role, .requested_by, .created_at, .decided_at} AS request,
       y.id AS young_person_id, y.name AS young_person_name,
       coalesce(u.display_name, lr.requested_by) AS requested_by_name
ORDER BY lr.created_at, lr.id
LIMIT $limit;

// name: link_request.for_decider
// One request and the candidates $username may see (not declined, in the network of a young
// person allocated to them; $all: every candidate), each with those young people and the role
// they have there.
MATCH (lr:LinkRequest {id: $id})-[:FOR]->(y:YoungPerson)
OPTIONAL MATCH (u:User {username: lr.requested_by})
CALL {
  WITH lr
  MATCH (lr)-[c:CANDIDATE]->(p:Person)
  WHERE c.declined_by IS NULL
  WITH p, [(h:YoungPerson)-[r:RELATIONSHIP]->(p)
           WHERE $all OR EXISTS { (:User {username: $username})-[:ALLOCATED]->(h) }
           | [h.id, h.name, r.role]] AS held_by
  WHERE size(held_by) > 0
  RETURN collect([p.id, p.name, p.category, p.deceased, held_by]) AS candidates
}
RETURN lr {.id, .status, .query, .role, .requested_by, .created_at, .decided_at} AS request,
       y.id AS young_person_id, y.name AS young_person_name,
       coalesce(u.display_name, lr.requested_by) AS requested_by_name, candidates;

// name: link_request.lock
// The first statement of a decision: the request's write lock, then (so two deciders cannot both
// act on a pending request) its state, the candidates $username may decide ($all: every one),
// and which of those are not declined yet.
MATCH (lr:LinkRequest {id: $id})-[:FOR]->(y:YoungPerson)
SET lr._lock = true
WITH lr, y,
     [(lr)-[c:CANDIDATE]->(p:Person)
      WHERE $all OR EXISTS {
        (:User {username: $username})-[:ALLOCATED]->(:YoungPerson)-[:RELATIONSHIP]->(p)
      }
      | [p.id, c.declined_by IS NULL]] AS theirs
RETURN lr.status AS status, lr.requested_by AS requested_by, lr.relationship AS relationship,
       y.id AS young_person_id,
       [candidate IN theirs | candidate[0]] AS involved,
       [candidate IN theirs WHERE candidate[1] | candidate[0]] AS decidable;

// name: link_request.approve
// Returns the other young people whose networks hold the person (for their audit trails).
MATCH (lr:LinkRequest {id: $id})-[:FOR]->(y:YoungPerson)
SET lr.status = 'approved', lr.person_id = $person_id, lr.decided_by = $username,
    lr.decided_at = datetime()
REMOVE lr._lock
WITH y
MATCH (h:YoungPerson)-[:RELATIONSHIP]->(:Person {id: $person_id})
WHERE h <> y
RETURN collect(h.id) AS others;

// name: link_request.decline
// Declines the candidates $person_ids; the request is declined once no candidate is left.
// Returns the young people holding the declined candidates (for their audit trails).
MATCH (lr:LinkRequest {id: $id})
CALL {
  WITH lr
  MATCH (lr)-[c:CANDIDATE]->(p:Person)
  WHERE p.id IN $person_ids AND c.declined_by IS NULL
  SET c.declined_by = $username
  RETURN collect(p) AS declined
}
WITH lr, declined, EXISTS {
  MATCH (lr)-[c:CANDIDATE]->(:Person) WHERE c.declined_by IS NULL
} AS open
SET lr.status = CASE WHEN open THEN 'pending' ELSE 'declined' END,
    lr.decided_by = CASE WHEN open THEN null ELSE $username END,
    lr.decided_at = CASE WHEN open THEN null ELSE datetime() END
REMOVE lr._lock
WITH lr, declined
RETURN lr.status AS status,
       [p IN declined | [(h:YoungPerson)-[:RELATIONSHIP]->(p) | h.id]] AS held_by;

