// The consent ledger (docs/consent.md): append-only. An entry is created once and never changed
// or deleted (there is no statement here that could); a withdrawal is a new entry. Who recorded
// it and when are the store's, set here.
//
// (:YoungPerson)-[:CONSENT]->(:ConsentEntry {id, purpose, party, holder_name, legal_basis,
//                                           decision, date, how, understanding, note,
//                                           recorded_by, recorded_at})

// name: consent.young_person
// The first statement of recording an entry: the young person's write lock (so two entries
// recorded at once are ordered), and their date of birth for the entry's rules.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
RETURN y.date_of_birth AS date_of_birth;

// name: consent.create
MATCH (y:YoungPerson {id: $young_person_id})
CREATE (c:ConsentEntry)
SET c = $props, c.recorded_by = $recorded_by, c.recorded_at = datetime()
CREATE (y)-[:CONSENT]->(c)
WITH c
OPTIONAL MATCH (u:User {username: c.recorded_by})
RETURN c {.*} AS entry, coalesce(u.display_name, c.recorded_by) AS recorded_by_name;

// name: consent.list
// The ledger in date order; entries of one date in the order they were recorded.
MATCH (:YoungPerson {id: $young_person_id})-[:CONSENT]->(c:ConsentEntry)
OPTIONAL MATCH (u:User {username: c.recorded_by})
RETURN c {.*} AS entry, coalesce(u.display_name, c.recorded_by) AS recorded_by_name
ORDER BY c.date, c.recorded_at, c.id;

// name: consent.bulk_create
// The demo's ledgers (connections.demo_consents), a batch at a time. An id already recorded is
// left exactly as it is (running the demo again appends nothing twice); rows for a young person
// who is not there are skipped.
UNWIND $rows AS row
MATCH (y:YoungPerson {id: row.young_person_id})
MERGE (c:ConsentEntry {id: row.props.id})
ON CREATE SET c = row.props, c.recorded_by = row.recorded_by, c.recorded_at = datetime(),
              c._new = true
WITH y, c
WHERE c._new
REMOVE c._new
CREATE (y)-[:CONSENT]->(c)
RETURN count(c) AS created;
