// People several young people share (connections.shared_people), run by
// connections/store/shared_people.py.

// name: shared_people.scope
// Who is in at least $minimum young people's networks, and the young people whose networks hold
// any of them: the only networks the figures need. The count reads each person's relationship
// degree, not their neighbours.
MATCH (p:Person)
WHERE COUNT { (p)<-[:RELATIONSHIP]-(:YoungPerson) } >= $minimum
MATCH (p)<-[:RELATIONSHIP]-(y:YoungPerson)
RETURN collect(DISTINCT p.id) AS person_ids, collect(DISTINCT y.id) AS young_person_ids;
