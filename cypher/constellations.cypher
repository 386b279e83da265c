// Carers and the young people they care or cared for, across the cohort
// (connections.constellations), run by connections/store/constellations.py.

// name: constellations.care_links
// Every carer relationship in the cohort ($roles: foster carer, former foster carer, hub carer,
// supported lodgings host), with where the young person and the carer live: one row each.
MATCH (y:YoungPerson)-[r:RELATIONSHIP]->(p:Person)
WHERE r.role IN $roles
RETURN y.id AS young_person_id, y.name AS young_person_name, y.status AS status,
       y.household AS young_person_household, p.id AS person_id, p.name AS person_name,
       p.household AS person_household, r.role AS role
ORDER BY young_person_id, person_id;
