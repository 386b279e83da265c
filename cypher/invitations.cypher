// Invitations to a young person to rate their own people (docs/invitations.md,
// connections.invitations). The link's token is never stored: only its SHA-256 (token_hash).
// Times ($now, created_at, expires_at...) are the app's clock, passed in, so tests can move it.
//
// (:YoungPerson)-[:INVITATION]->(:Invitation {id, token_hash, person_ids, created_at, expires_at,
//                                              created_by, submitted_at, revoked_at, revoked_by,
//                                              draft, score_before, score_after})
// (:Invitation)-[:ANSWER]->(:InvitationAnswer {person_id, person_name, before_closeness,
//        before_rated_by, before_wishes, closeness, wishes, answered_on, provenance})
// (:Invitation)-[:SUGGESTION]->(:Suggestion {id, text, position, done, done_by, done_at})
//
// An answer keeps what the relationship held before (a worker's estimate included), so the
// estimate is kept apart rather than lost when the young person's own rating replaces it.

// name: invitation.lock_request
// The young person's write lock, then whether this form (its one-time request_key) already
// made an invitation: a refresh or double submit of the form creates nothing more.
MATCH (y:YoungPerson {id: $young_person_id})
SET y._lock = true
REMOVE y._lock
WITH y
OPTIONAL MATCH (y)-[:INVITATION]->(i:Invitation)
  WHERE $request_key <> '' AND i.request_key = $request_key
RETURN count(i) > 0 AS made;

// name: invitation.create
MATCH (y:YoungPerson {id: $young_person_id})
CREATE (i:Invitation)
SET i = $props
CREATE (y)-[:INVITATION]->(i)
RETURN i {.*} AS invitation, y.id AS young_person_id, [] AS answers, [] AS suggestions;

// name: invitation.by_token
// The one lookup a young person's link makes: an index seek on the hash.
MATCH (y:YoungPerson)-[:INVITATION]->(i:Invitation {token_hash: $token_hash})
RETURN i {.*} AS invitation, y.id AS young_person_id, [] AS answers, [] AS suggestions;

// name: invitation.get
MATCH (y:YoungPerson {id: $young_person_id})-[:INVITATION]->(i:Invitation {id: $id})
CALL {
  WITH i
  OPTIONAL MATCH (i)-[:ANSWER]->(a:InvitationAnswer)
  RETURN collect(a {.*}) AS answers
}
CALL {
  WITH i
  OPTIONAL MATCH (i)-[:SUGGESTION]->(s:Suggestion)
  RETURN collect(s {.*}) AS suggestions
}
RETURN i {.*} AS invitation, y.id AS young_person_id, answers, suggestions;

// name: invitation.list
// A young person's invitations, newest first, each with its answers and suggestions.
MATCH (y:YoungPerson {id: $young_person_id})-[:INVITATION]->(i:Invitation)
CALL {
  WITH i
  OPTIONAL MATCH (i)-[:ANSWER]->(a:InvitationAnswer)
  RETURN collect(a {.*}) AS answers
}
CALL {
  WITH i
  OPTIONAL MATCH (i)-[:SUGGESTION]->(s:Suggestion)
  RETURN collect(s {.*}) AS suggestions
}
RETURN i {.*} AS invitation, y.id AS young_person_id, answers, suggestions
ORDER BY i.created_at DESC, i.id;

// name: invitation.revoke
// At once, and for good; an answered or already revoked invitation is left as it is.
MATCH (:YoungPerson {id: $young_person_id})-[:INVITATION]->(i:Invitation {id: $id})
WITH i, i.revoked_at IS NULL AND i.submitted_at IS NULL AS revocable
FOREACH (_ IN CASE WHEN revocable THEN [1] ELSE [] END |
  SET i.revoked_at = $now, i.revoked_by = $revoked_by)
RETURN revocable;

// name: invitation.save_draft
// Only while open (not revoked, not submitted, not expired at $now).
MATCH (i:Invitation {token_hash: $token_hash})
WHERE i.revoked_at IS NULL AND i.submitted_at IS NULL AND i.expires_at > $now
SET i.draft = $draft
RETURN count(i) AS saved;

// name: invitation.lock_open
// The first statement of submitting: the young person's write lock (as every change to their
// network takes it), then the invitation's, and whether it is still open at $now.
MATCH (y:YoungPerson)-[:INVITATION]->(i:Invitation {token_hash: $token_hash})
SET y._lock = true, i._lock = true
REMOVE y._lock, i._lock
RETURN y.id AS young_person_id, i.id AS id, i.person_ids AS person_ids,
       i.revoked_at IS NULL AND i.submitted_at IS NULL AND i.expires_at > $now AS open;

// name: invitation.write_answers
// Each answer for one of the invitation's own people still in this young person's network
// (anything else matches nothing): the before values are kept on a new answer node, then the
// relationship takes the young person's closeness (rated by the young person) and wishes, and its
// version goes up so a worker's edit made on an older copy is refused as stale.
MATCH (y:YoungPerson {id: $young_person_id})-[:INVITATION]->(i:Invitation {id: $id})
UNWIND $answers AS answer
MATCH (y)-[r:RELATIONSHIP]->(p:Person {id: answer.person_id})
WHERE answer.person_id IN i.person_ids
CREATE (i)-[:ANSWER]->(a:InvitationAnswer)
SET a.person_id = p.id, a.person_name = p.name,
    a.before_closeness = r.closeness, a.before_rated_by = r.closeness_rated_by,
    a.before_wishes = r.wishes,
    a.closeness = answer.closeness, a.wishes = answer.wishes,
    a.answered_on = $answered_on, a.provenance = $provenance
SET r.closeness = CASE WHEN answer.closeness IS NULL THEN r.closeness ELSE answer.closeness END,
    r.closeness_rated_by = CASE WHEN answer.closeness IS NULL THEN r.closeness_rated_by
                                ELSE 'young_person' END,
    r.wishes = coalesce(answer.wishes, r.wishes),
    r.version = coalesce(r.version, 0) + 1
RETURN count(a) AS written;

// name: invitation.finish
// The last statement of submitting: the invitation is answered (for good), with the answers as
// submitted, the score before and after, and each suggestion as a task to review.
MATCH (i:Invitation {id: $id})
SET i.submitted_at = $now, i.draft = $draft,
    i.score_before = $score_before, i.score_after = $score_after
WITH i
UNWIND $suggestions AS suggestion
CREATE (i)-[:SUGGESTION]->(:Suggestion {id: suggestion.id, text: suggestion.text,
                                         position: suggestion.position, done: false})
RETURN count(*) AS suggestions;

// name: invitation.suggestion_done
MATCH (:YoungPerson {id: $young_person_id})-[:INVITATION]->(:Invitation {id: $id})
      -[:SUGGESTION]->(s:Suggestion {id: $suggestion_id})
SET s.done = true, s.done_by = $done_by, s.done_at = $now
RETURN count(s) AS done;

// name: invitation.reviewed
// A worker has read what the young person's answers changed; only an answered invitation, once.
MATCH (:YoungPerson {id: $young_person_id})-[:INVITATION]->(i:Invitation {id: $id})
WHERE i.submitted_at IS NOT NULL AND i.reviewed_at IS NULL
SET i.reviewed_at = $now, i.reviewed_by = $reviewed_by
RETURN count(i) AS reviewed;

// name: invitation.to_review
// For the worker's to do: these young people's answered invitations whose answers are not yet
// reviewed or that have suggestions not yet dealt with, oldest answer first.
UNWIND $young_person_ids AS young_person_id
MATCH (y:YoungPerson {id: young_person_id})-[:INVITATION]->(i:Invitation)
WHERE i.submitted_at IS NOT NULL
WITH y, i, [(i)-[:SUGGESTION]->(s:Suggestion) WHERE NOT s.done | [s.id, s.text]] AS suggestions
WHERE i.reviewed_at IS NULL OR size(suggestions) > 0
RETURN y.id AS young_person_id, y.name AS young_person_name, i.id AS id,
       i.submitted_at AS submitted_at, i.reviewed_at IS NULL AS answers_to_review, suggestions
ORDER BY submitted_at, id;
