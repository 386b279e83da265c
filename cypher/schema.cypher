// Applied idempotently at start-up and by `connections init`: every statement is IF NOT EXISTS.

// name: young_person_id_unique
CREATE CONSTRAINT young_person_id_unique IF NOT EXISTS
FOR (y:YoungPerson) REQUIRE y.id IS UNIQUE;

// name: person_id_unique
CREATE CONSTRAINT person_id_unique IF NOT EXISTS
FOR (p:Person) REQUIRE p.id IS UNIQUE;

// name: contact_entry_id_unique
CREATE CONSTRAINT contact_entry_id_unique IF NOT EXISTS
FOR (c:ContactEntry) REQUIRE c.id IS UNIQUE;

// name: restriction_id_unique
CREATE CONSTRAINT restriction_id_unique IF NOT EXISTS
FOR (x:Restriction) REQUIRE x.id IS UNIQUE;

// name: consent_entry_id_unique
CREATE CONSTRAINT consent_entry_id_unique IF NOT EXISTS
FOR (c:ConsentEntry) REQUIRE c.id IS UNIQUE;

// name: invitation_id_unique
CREATE CONSTRAINT invitation_id_unique IF NOT EXISTS
FOR (i:Invitation) REQUIRE i.id IS UNIQUE;

// name: invitation_token_hash_unique
// A young person's link is looked up by the SHA-256 of its token (connections.invitations).
CREATE CONSTRAINT invitation_token_hash_unique IF NOT EXISTS
FOR (i:Invitation) REQUIRE i.token_hash IS UNIQUE;

// name: user_username_unique
CREATE CONSTRAINT user_username_unique IF NOT EXISTS
FOR (u:User) REQUIRE u.username IS UNIQUE;

// name: person_household_index
CREATE INDEX person_household IF NOT EXISTS
FOR (p:Person) ON (p.household);

// name: person_young_person_index
// A person who is another young person (a sibling in care elsewhere): the sibling links the
// siblings-apart list starts from (cypher/siblings.cypher).
CREATE INDEX person_young_person IF NOT EXISTS
FOR (p:Person) ON (p.young_person_id);

// name: young_person_household_index
CREATE INDEX young_person_household IF NOT EXISTS
FOR (y:YoungPerson) ON (y.household);

// name: young_person_name_index
CREATE INDEX young_person_name IF NOT EXISTS
FOR (y:YoungPerson) ON (y.name);

// name: person_name_index
CREATE INDEX person_name IF NOT EXISTS
FOR (p:Person) ON (p.name);

// name: audit_young_person_index
CREATE INDEX audit_young_person IF NOT EXISTS
FOR (a:AuditEvent) ON (a.young_person_id, a.at);

// name: user_api_token_hash_index
CREATE INDEX user_api_token_hash IF NOT EXISTS
FOR (u:User) ON (u.api_token_hash);

// name: person_name_fulltext_index
// Finding people already known to the service by name ("add someone already known"): a Lucene
// index, so a name is found case-insensitively by the start of any of its words. Queries are
// built by connections.store.networks.name_query, which escapes every Lucene special character.
CREATE FULLTEXT INDEX person_name_fulltext IF NOT EXISTS
FOR (p:Person) ON EACH [p.name];

// name: schema.await_indexes
// Not a schema statement (apply_schema runs the *_unique and *_index blocks): waits until new
// indexes are online, so the first search after start-up never meets a populating index.
CALL db.awaitIndexes($seconds);

// name: schema.date_invalidated_rows
// Not a schema statement either: a database written before kept rows were dated on
// invalidation (0001-01-01, cypher/cohort_rows.cypher) marked an invalidated row by removing its
// date, which the stale-row index seek cannot see. Dating them is idempotent and touches only
// those rows (none in a database written since).
MATCH (y:YoungPerson)
WHERE y.cohort_valid_until IS NULL AND EXISTS { MATCH (:CohortRow {young_person_id: y.id}) }
SET y.cohort_valid_until = date('0001-01-01')
RETURN count(y) AS dated;
