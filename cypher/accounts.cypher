// Users, their allocations to young people, and the audit trail.
// (:User {username, display_name, role, active, password_hash, api_token_hash, created_at})
// (:User)-[:ALLOCATED {at}]->(:YoungPerson)
// (:AuditEvent {at, username, action, young_person_id, detail}): no relationship, so appending
// one is a single cheap CREATE that never locks the young person's node.

// name: user.create
CREATE (u:User)
SET u = $props, u.password_hash = $password_hash, u.created_at = datetime()
RETURN u {.username, .display_name, .role, .active} AS user;

// name: user.save
// Create or reset (the demo's users): profile and password, allocations kept.
MERGE (u:User {username: $props.username})
ON CREATE SET u.created_at = datetime()
SET u += $props, u.password_hash = $password_hash
RETURN u {.username, .display_name, .role, .active} AS user;

// name: user.get
MATCH (u:User {username: $username})
RETURN u {.username, .display_name, .role, .active} AS user;

// name: user.update
MATCH (u:User {username: $username})
SET u.display_name = $display_name, u.role = $role, u.active = $active
RETURN u {.username, .display_name, .role, .active} AS user;

// name: user.list
// Every user with how many young people are allocated to them.
MATCH (u:User)
RETURN u {.username, .display_name, .role, .active} AS user,
       COUNT { (u)-[:ALLOCATED]->(:YoungPerson) } AS allocated
ORDER BY u.username;

// name: user.count_active_admins
MATCH (u:User {role: 'admin', active: true})
RETURN count(u) AS count;

// name: user.password_hash
// Only an active user's hash: a deactivated user cannot sign in.
MATCH (u:User {username: $username, active: true})
RETURN u.password_hash AS password_hash;

// name: user.set_password_hash
MATCH (u:User {username: $username})
SET u.password_hash = $password_hash
RETURN count(u) AS updated;

// name: user.set_api_token_hash
MATCH (u:User {username: $username})
SET u.api_token_hash = $api_token_hash
RETURN count(u) AS updated;

// name: user.by_api_token_hash
MATCH (u:User {api_token_hash: $api_token_hash, active: true})
RETURN u {.username, .display_name, .role, .active} AS user;

// --- allocations ---------------------------------------------------------------------------------

// name: allocation.missing_young_people
// The ids in $ids that are not young people (checked before allocating).
UNWIND $ids AS id
OPTIONAL MATCH (y:YoungPerson {id: id})
WITH id, y
WHERE y IS NULL
RETURN collect(id) AS missing;

// name: allocation.create
MATCH (u:User {username: $username})
UNWIND $ids AS id
MATCH (y:YoungPerson {id: id})
MERGE (u)-[a:ALLOCATED]->(y)
ON CREATE SET a.at = datetime()
RETURN count(a) AS allocated;

// name: allocation.delete
MATCH (:User {username: $username})-[a:ALLOCATED]->(y:YoungPerson)
WHERE y.id IN $ids
DELETE a
RETURN count(*) AS deleted;

// name: allocation.ids
MATCH (:User {username: $username})-[:ALLOCATED]->(y:YoungPerson)
RETURN y.id AS id
ORDER BY y.id;

// name: allocation.young_people
MATCH (:User {username: $username})-[:ALLOCATED]->(y:YoungPerson)
RETURN y {.*} AS young_person
ORDER BY y.name, y.id;

// name: allocation.exists
RETURN EXISTS {
  MATCH (:User {username: $username})-[:ALLOCATED]->(:YoungPerson {id: $young_person_id})
} AS allocated;

// name: allocation.find_young_people
// Young people whose name contains $text (case-insensitive), for the allocation page.
MATCH (y:YoungPerson)
WHERE toLower(y.name) CONTAINS toLower($text) OR y.id = $text
RETURN y {.*} AS young_person
ORDER BY y.name, y.id
LIMIT $limit;

// --- the audit trail -------------------------------------------------------------------------------

// name: audit.record
CREATE (:AuditEvent {at: datetime(), username: $username, action: $action,
                     young_person_id: $young_person_id, detail: $detail});

// name: audit.for_young_person
// Most recent first (the audit_young_person index covers young_person_id and at).
MATCH (e:AuditEvent {young_person_id: $young_person_id})
RETURN e {.*} AS event
ORDER BY e.at DESC
LIMIT $limit;
