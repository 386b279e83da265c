// People several young people share (connections.shared_people), run by
// connections/store/shared_people.py.

// name: shared_people.holders
// Every young person whose network holds someone in at least $minimum young people's networks:
// those people with their relationship's role, and the young person's kept cohort row's mission
// facts (who qualifies, their households; null for a row kept before rows held them, or none).
// The count reads each person's relationship degree, not their neighbours.
MATCH (p:Person)
WHERE COUNT { (p)<-[:RELATIONSHIP]-(:YoungPerson) } >= $minimum
MATCH (p)<-[rel:RELATIONSHIP]-(y:YoungPerson)
WITH y, collect([p.id, p.name, p.category, rel.role]) AS shared
OPTIONAL MATCH (r:CohortRow {young_person_id: y.id})
RETURN y.id AS young_person_id, y.cohort_stamp AS stamp, r.loving AS loving,
       r.loving_households AS loving_households, shared
ORDER BY young_person_id;
