// One young person's whole network, and the cohort in batches. Each returns one row per young
// person with everything scoring needs, so a page or a batch is one round trip.

// name: network.load
// Whole networks, one row per young person of $ids found (one id for a page; every network a
// write changed for its history versions, connections/store/history.py).
// People, relationships and links as positional lists, in the columns the store passes
// (the model's fields: connections.store.base.columns): a large network's maps repeated every
// key on every row, three times the bytes to build, send and decode.
UNWIND $ids AS id
MATCH (y:YoungPerson {id: id})
CALL {
  WITH y
  MATCH (y)-[r:RELATIONSHIP]->(p:Person)
  RETURN collect([key IN $person_columns | p[key]]) AS people,
         collect([key IN $relationship_columns |
                  CASE key WHEN 'person_id' THEN p.id ELSE r[key] END]) AS relationships
}
CALL {
  WITH y
  // The second person's relationship is a pattern predicate, not a second expansion: joining two
  // expansions of y's relationships ran out of transaction memory at a few hundred people.
  MATCH (y)-[:RELATIONSHIP]->(a:Person)-[l:LINK]->(b:Person)
  WHERE (y)-[:RELATIONSHIP]->(b)
  RETURN collect([a.id, b.id, l.kind]) AS links
}
CALL {
  WITH y
  OPTIONAL MATCH (y)-[:LOGGED]->(c:ContactEntry)-[:WITH]->(p:Person)
  RETURN collect(c {.*, person_id: p.id}) AS contact_log
}
CALL {
  WITH y
  // Restrictions stay when their person leaves the network (an order outlives an edit), but a
  // network shows only those on people it holds.
  MATCH (y)-[:RESTRICTION]->(x:Restriction)-[:ON]->(p:Person)
  WHERE (y)-[:RELATIONSHIP]->(p)
  RETURN collect(x {.*, person_id: p.id}) AS restrictions
}
RETURN y {.*} AS young_person, people, relationships, links, contact_log, restrictions;

// name: network.ids_after
// Keyset paging through the cohort in id order (index-backed).
MATCH (y:YoungPerson)
WHERE y.id > $after
RETURN y.id AS id
ORDER BY y.id
LIMIT $limit;

// name: network.for_scoring
// Many young people's networks in one query, with only what scoring reads (no contact log, no
// free text, no addresses) and whether each person is to be left out of a conference, as positional lists with dates as ISO strings: a third cheaper for
// the server to build and send than maps, and half the client's decoding work (the driver
// hydrates each Date structure in Python). The column order is _scoring_network's in
// connections/store/networks.py.
UNWIND $ids AS id
MATCH (y:YoungPerson {id: id})
CALL {
  WITH y
  MATCH (y)-[r:RELATIONSHIP]->(p:Person)
  RETURN collect([p.id, p.name, p.category, p.deceased, p.household, p.young_person_id,
                  r.role, r.closeness, r.closeness_rated_by, r.safety, r.wishes, r.contact,
                  toString(r.last_contact), r.paid, r.role_ends_at_age, r.continues_beyond_role,
                  r.support, r.finding_status, r.hide_in_conference, r.side]) AS relationships
}
CALL {
  WITH y
  // Links between two people who are both in this young person's network (see network.load).
  MATCH (y)-[:RELATIONSHIP]->(a:Person)-[l:LINK]->(b:Person)
  WHERE (y)-[:RELATIONSHIP]->(b)
  RETURN collect([a.id, b.id, l.kind]) AS links
}
CALL {
  WITH y
  MATCH (y)-[:RESTRICTION]->(x:Restriction)-[:ON]->(p:Person)
  WHERE (y)-[:RELATIONSHIP]->(p)
  RETURN collect([x.id, p.id, x.kind, x.scope, toString(x.starts), toString(x.ends),
                  toString(x.review_by)]) AS restrictions
}
RETURN [y.id, y.name, toString(y.date_of_birth), y.status, y.household] AS young_person,
       relationships, links,
       restrictions;

// --- Saving whole networks (import, API PUT, demo bulk load) ---------------------------------
// One transaction runs these in order for a batch of networks, so an import is all or nothing.
// A document is authoritative for its young person: relationships, links between its people and
// contact log entries it does not hold are removed. People are merged by id, never duplicated.

// name: network.foreign_contacts
// Contact log ids that already belong to another young person's log (checked before saving).
// The hint keeps it one unique-index seek a row: planned on an empty database, the planner
// scanned every entry for every row (quadratic: 2 million rows for a batch at 2,000 entries).
UNWIND $entries AS row
MATCH (y:YoungPerson)-[:LOGGED]->(c:ContactEntry {id: row.id})
USING INDEX c:ContactEntry(id)
WHERE y.id <> row.young_person_id
RETURN row.id AS id, y.id AS young_person_id;

// name: network.foreign_restrictions
// Restriction ids that already belong to another young person, or to another person (a
// restriction's young person and person never change).
UNWIND $restrictions AS row
MATCH (y:YoungPerson)-[:RESTRICTION]->(x:Restriction {id: row.id})-[:ON]->(p:Person)
WHERE y.id <> row.young_person_id OR p.id <> row.person_id
RETURN row.index AS index, row.id AS id, y.id AS young_person_id, p.id AS person_id;

// name: network.save_young_people
UNWIND $young_people AS row
MERGE (y:YoungPerson {id: row.id})
ON CREATE SET y.version = 0
SET y += row, y.version = y.version + 1;

// name: network.save_people
// Once per person a batch: `saves` is how many of its documents hold them, so the version is
// what saving those documents one at a time would have left (connections.store.network_batch).
// Returns the people whose details this changed (every new person too): only they reach the
// other networks holding them (connections.store.invalidation.REPORTED). Compared once the
// version's write has locked the person, so a change committed meanwhile is compared against.
UNWIND $people AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p.version = 0
SET p.version = p.version + row.saves
WITH p, row, [key IN keys(row.props)
              WHERE NOT coalesce(p[key] = row.props[key],
                                 p[key] IS NULL AND row.props[key] IS NULL)] AS changed
SET p += row.props
WITH p, changed
WHERE changed <> []
RETURN p.id AS id;

// name: network.prune_relationships
UNWIND $networks AS n
MATCH (:YoungPerson {id: n.id})-[r:RELATIONSHIP]->(p:Person)
WHERE NOT p.id IN n.person_ids
DELETE r;

// name: network.save_relationships
UNWIND $relationships AS row
MATCH (y:YoungPerson {id: row.young_person_id})
MATCH (p:Person {id: row.person_id})
MERGE (y)-[r:RELATIONSHIP]->(p)
ON CREATE SET r.version = 0
SET r += row.props, r.version = r.version + 1;

// name: network.prune_links
// Returns the links it removed: only those reach the other networks holding both people.
UNWIND $networks AS n
MATCH (a:Person)-[l:LINK]->(b:Person)
WHERE a.id IN n.person_ids AND b.id IN n.person_ids AND NOT [a.id, b.id, l.kind] IN n.link_keys
DELETE l
RETURN DISTINCT a.id AS source, b.id AS target;

// name: network.save_links
// Returns the links it added (marked while being made, so a link another transaction made
// meanwhile is not counted): a link that stood already changes no other network.
UNWIND $links AS row
MATCH (a:Person {id: row.source})
MATCH (b:Person {id: row.target})
MERGE (a)-[l:LINK {kind: row.kind}]->(b)
ON CREATE SET l.added = true
WITH a, b, l
WHERE l.added
REMOVE l.added
RETURN a.id AS source, b.id AS target;

// name: network.prune_contacts
UNWIND $networks AS n
MATCH (:YoungPerson {id: n.id})-[:LOGGED]->(c:ContactEntry)
WHERE NOT c.id IN n.entry_ids
DETACH DELETE c;

// name: network.save_contacts
UNWIND $entries AS row
MATCH (y:YoungPerson {id: row.young_person_id})
MATCH (p:Person {id: row.person_id})
MERGE (c:ContactEntry {id: row.id})
SET c += row.props, c.version = coalesce(c.version, 0) + 1
MERGE (y)-[:LOGGED]->(c)
WITH c, p
OPTIONAL MATCH (c)-[old:WITH]->(other:Person)
WHERE other <> p
DELETE old
MERGE (c)-[:WITH]->(p);

// name: network.save_restrictions
// Added or updated by id, never removed: a document that omits a restriction leaves it as it is.
UNWIND $restrictions AS row
MATCH (y:YoungPerson {id: row.young_person_id})
MATCH (p:Person {id: row.person_id})
MERGE (x:Restriction {id: row.id})
ON CREATE SET x.version = 0, x.recorded_by = row.recorded_by, x.recorded_at = datetime()
// An ended restriction stays ended: a document without its `ends` (null) does not reopen it; a
// document may set or move the end (ending it is explicit, and the import is audited).
WITH y, p, x, row, x.ends AS ended
SET x += row.props, x.ends = coalesce(row.props.ends, ended), x.version = x.version + 1
MERGE (y)-[:RESTRICTION]->(x)
MERGE (x)-[:ON]->(p);

// name: network.clear
// Tests and `connections demo --replace`: an empty database, schema kept.
MATCH (n)
DETACH DELETE n;

// --- Changing several members of one network at once (households, the conference plan) -------
// One managed transaction runs these: network.lock takes the write locks on the young person,
// every relationship and every person of the network before reading them, so the store's version
// check (connections.store.networks.network_version) and the writes that follow cannot
// interleave with anyone else's edit; then the changed relationships and people are written.
// The API's conditional PUT (NetworkRecords.replace_network) starts with network.lock too, then
// reads the whole network (network.load) in the same transaction to compare its version
// (document_version) before the network.save_* statements replace it.

// name: network.lock
MATCH (y:YoungPerson {id: $id})
SET y._lock = true
REMOVE y._lock
WITH y
CALL {
  WITH y
  OPTIONAL MATCH (y)-[r:RELATIONSHIP]->(p:Person)
  SET r._lock = true, p._lock = true
  REMOVE r._lock, p._lock
  RETURN collect(p {.*}) AS people, collect(r {.*, person_id: p.id}) AS relationships
}
RETURN people, relationships;

// name: network.update_relationships
UNWIND $rows AS row
MATCH (:YoungPerson {id: $young_person_id})-[r:RELATIONSHIP]->(:Person {id: row.person_id})
SET r = row.props, r.version = row.version
RETURN count(r) AS updated;

// name: network.update_people
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p = row.props, p.version = row.version
RETURN count(p) AS updated;
