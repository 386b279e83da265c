// The young person's own words for their family meeting (connections.own_words,
// docs/maps.md): one statement per young person, replaced when given again.
//
// (:YoungPerson)-[:OWN_WORDS]->(:OwnWords {text, share, given_by, recorded_by, recorded_at})
//
// Not part of the network document: no version of the network is made and no cohort row
// changes (connections/store/invalidation.py lists these as UNRELATED).

// name: own_words.get
MATCH (:YoungPerson {id: $young_person_id})-[:OWN_WORDS]->(w:OwnWords)
RETURN w {.*} AS words;

// name: own_words.save
// Replaces the statement (the audit trail keeps that it changed, and by whom).
MATCH (y:YoungPerson {id: $young_person_id})
MERGE (y)-[:OWN_WORDS]->(w:OwnWords)
SET w.text = $text, w.share = $share, w.given_by = $given_by,
    w.recorded_by = $recorded_by, w.recorded_at = $recorded_at
RETURN count(w) AS saved;

// name: own_words.save_from_invitation
// Inside the young person's submission of their invitation page ($token_hash names the
// invitation, already locked and checked open by invitation.lock_open).
MATCH (y:YoungPerson)-[:INVITATION]->(i:Invitation {token_hash: $token_hash})
MERGE (y)-[:OWN_WORDS]->(w:OwnWords)
SET w.text = $text, w.share = $share, w.given_by = 'young_person',
    w.recorded_by = 'invitation ' + i.id, w.recorded_at = $recorded_at
RETURN count(w) AS saved;
