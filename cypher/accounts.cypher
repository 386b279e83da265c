// Users, their sessions, their allocations to young people, the sign-in lockout, and the audit
// trail.
// (:User {username, display_name, role, active, must_change_password, password_hash,
//         api_token_hash, created_at})
// (:User)-[:HAS_SESSION]->(:Session {id_hash, created_at, last_seen, expires_at}): one per
// sign-in. The browser's cookie carries only the session's random id; the store keeps its
// SHA-256 (id_hash), so the database never holds an id that would sign anyone in. A session is
// live until expires_at (the absolute limit) and while last_seen is within the idle timeout
// (both given by the caller, from the app's settings). Signing out deletes the session; a new
// password and deactivation delete every session of the user.
// (:SignInThrottle {username, failures, failed_since, last_failure, locked_until, expires_at}):
// wrong passwords counted per username typed, whether or not that user exists, so a lockout
// never reveals which usernames exist; no relationship to the User. Times come from the caller.
// (:User)-[:ALLOCATED {at}]->(:YoungPerson)
// (:AuditEvent {at, username, action, young_person_id, detail}): no relationship, so appending
// one is a single cheap CREATE that never locks the young person's node.

// name: user.create
CREATE (u:User)
SET u = $props, u.password_hash = $password_hash, u.created_at = datetime()
RETURN u {.username, .display_name, .role, .active, .must_change_password} AS user;

// name: user.save
// Create or reset (the demo's users): profile and password, allocations kept; a reset password
// ends every session.
MERGE (u:User {username: $props.username})
ON CREATE SET u.created_at = datetime()
SET u += $props, u.password_hash = $password_hash
WITH u
CALL {
  WITH u
  MATCH (u)-[:HAS_SESSION]->(s:Session)
  DETACH DELETE s
}
RETURN u {.username, .display_name, .role, .active, .must_change_password} AS user;

// name: user.get
MATCH (u:User {username: $username})
RETURN u {.username, .display_name, .role, .active, .must_change_password} AS user;


// name: user.update
// Deactivating a user ends every session they have.
MATCH (u:User {username: $username})
SET u.display_name = $display_name, u.role = $role, u.active = $active
WITH u
CALL {
  WITH u
  MATCH (u)-[:HAS_SESSION]->(s:Session)
  WHERE NOT u.active
  DETACH DELETE s
}
RETURN u {.username, .display_name, .role, .active, .must_change_password} AS user;

// name: user.list
// Every user with how many young people are allocated to them.
MATCH (u:User)
RETURN u {.username, .display_name, .role, .active, .must_change_password} AS user,
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

// name: user.set_password
// A new password (own change, an administrator's reset, the command line): ends every session
// of the user and clears any lockout.
MATCH (u:User {username: $username})
SET u.password_hash = $password_hash, u.must_change_password = $must_change_password
WITH u
CALL {
  WITH u
  MATCH (u)-[:HAS_SESSION]->(s:Session)
  DETACH DELETE s
}
CALL {
  WITH u
  MATCH (t:SignInThrottle {username: u.username})
  DELETE t
}
RETURN count(u) AS updated;

// name: user.set_api_token_hash
MATCH (u:User {username: $username})
SET u.api_token_hash = $api_token_hash
RETURN count(u) AS updated;

// name: user.by_api_token_hash
MATCH (u:User {api_token_hash: $api_token_hash, active: true})
RETURN u {.username, .display_name, .role, .active, .must_change_password} AS user;

// --- sessions --------------------------------------------------------------------------------------

// name: session_id_hash_unique
CREATE CONSTRAINT session_id_hash_unique IF NOT EXISTS
FOR (s:Session) REQUIRE s.id_hash IS UNIQUE;

// name: session_expires_index
CREATE INDEX session_expires IF NOT EXISTS
FOR (s:Session) ON (s.expires_at);

// name: session_last_seen_index
CREATE INDEX session_last_seen IF NOT EXISTS
FOR (s:Session) ON (s.last_seen);

// name: session.create
// A new session for an active user at $now, live until $expires_at. Sessions past their expiry
// or idle for longer than $idle (a few per call) are removed first, so they never pile up.
CALL {
  MATCH (old:Session)
  WHERE old.expires_at <= $now
  WITH old LIMIT 100
  DETACH DELETE old
}
CALL {
  MATCH (old:Session)
  WHERE old.last_seen <= $now - $idle
  WITH old LIMIT 100
  DETACH DELETE old
}
MATCH (u:User {username: $username, active: true})
CREATE (u)-[:HAS_SESSION]->(s:Session {id_hash: $id_hash, created_at: $now, last_seen: $now,
                                       expires_at: $expires_at})
RETURN count(s) AS created;

// name: session.user
// What every signed-in request needs, in one read: the live session's user (active only), when
// the session was last seen, and the young people allocated to the user (so opening one needs no
// query of its own). No row: no such session, or it has expired or been idle too long.
MATCH (u:User {active: true})-[:HAS_SESSION]->(s:Session {id_hash: $id_hash})
WHERE s.expires_at > $now AND s.last_seen > $now - $idle
RETURN u {.username, .display_name, .role, .active, .must_change_password} AS user,
       s.last_seen AS last_seen,
       [(u)-[:ALLOCATED]->(y:YoungPerson) | y.id] AS allocated;

// name: session.touch
MATCH (s:Session {id_hash: $id_hash})
SET s.last_seen = $now;

// name: session.delete
MATCH (s:Session {id_hash: $id_hash})
DETACH DELETE s
RETURN count(*) AS deleted;

// name: session.count
// How many sessions a user has (live or not yet removed): for the command line and tests.
MATCH (:User {username: $username})-[:HAS_SESSION]->(s:Session)
RETURN count(s) AS count;

// --- the sign-in lockout ---------------------------------------------------------------------------

// name: sign_in_throttle_username_unique
CREATE CONSTRAINT sign_in_throttle_username_unique IF NOT EXISTS
FOR (t:SignInThrottle) REQUIRE t.username IS UNIQUE;

// name: sign_in_throttle_expires_index
CREATE INDEX sign_in_throttle_expires IF NOT EXISTS
FOR (t:SignInThrottle) ON (t.expires_at);

// name: sign_in.locked_until
MATCH (t:SignInThrottle {username: $username})
WHERE t.locked_until > $now
RETURN t.locked_until AS locked_until;

// name: sign_in.record_failure
// One more wrong password for $username at $now. Failures older than $window start the count
// afresh; the $max_failures-th within it locks the username until $now + $lock (and the count
// starts afresh after that). Throttles past their expiry (a few per call) are removed first, so
// usernames typed once do not pile up. The first SET takes the node's write lock before anything
// is read from it, so two workers counting at once never lose a failure.
CALL {
  MATCH (old:SignInThrottle)
  WHERE old.expires_at < $now
  WITH old LIMIT 100
  DELETE old
}
MERGE (t:SignInThrottle {username: $username})
SET t.last_failure = $now
WITH t, t.failed_since IS NULL OR t.failed_since <= $now - $window AS afresh
WITH t,
     CASE WHEN afresh THEN 1 ELSE t.failures + 1 END AS failures,
     CASE WHEN afresh THEN $now ELSE t.failed_since END AS since
WITH t, failures, since, failures >= $max_failures AS locks
WITH t, failures, since, locks,
     CASE WHEN locks THEN $now + $lock ELSE t.locked_until END AS locked_until
SET t.failures = CASE WHEN locks THEN 0 ELSE failures END,
    t.failed_since = CASE WHEN locks THEN null ELSE since END,
    t.locked_until = locked_until,
    t.expires_at = CASE
      WHEN locked_until IS NOT NULL AND locked_until > since + $window THEN locked_until
      ELSE since + $window
    END
RETURN locks, locked_until;

// name: sign_in.clear
MATCH (t:SignInThrottle {username: $username})
DELETE t;

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

// name: audit.record_many
// One event for each of several young people (the to do page, a cohort download), one write.
UNWIND $young_person_ids AS young_person_id
CREATE (:AuditEvent {at: datetime(), username: $username, action: $action,
                     young_person_id: young_person_id, detail: $detail});

// name: audit.for_young_person
// Most recent first (the audit_young_person index covers young_person_id and at).
MATCH (e:AuditEvent {young_person_id: $young_person_id})
RETURN e {.*} AS event
ORDER BY e.at DESC
LIMIT $limit;
