// name: link.create
// Both people's write locks first: a link is part of the network of every young person related to
// both, and a whole-network replace of one of them holds those people's locks from its version
// check to its commit (network.lock).
MATCH (a:Person {id: $source})
MATCH (b:Person {id: $target})
SET a._lock = true, b._lock = true
REMOVE a._lock, b._lock
WITH a, b
MERGE (a)-[l:LINK {kind: $kind}]->(b)
RETURN a.id AS source, b.id AS target, l.kind AS kind;

// name: link.delete
// Both people's write locks first: see link.create.
MATCH (a:Person {id: $source})
MATCH (b:Person {id: $target})
SET a._lock = true, b._lock = true
REMOVE a._lock, b._lock
WITH a, b
MATCH (a)-[l:LINK {kind: $kind}]->(b)
DELETE l
RETURN count(*) AS deleted;

// name: link.of_person
MATCH (a:Person)-[l:LINK]->(b:Person)
WHERE a.id = $id OR b.id = $id
RETURN a.id AS source, b.id AS target, l.kind AS kind
ORDER BY source, target, kind;
