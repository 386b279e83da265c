// name: link.create
MATCH (a:Person {id: $source})
MATCH (b:Person {id: $target})
MERGE (a)-[l:LINK {kind: $kind}]->(b)
RETURN a.id AS source, b.id AS target, l.kind AS kind;

// name: link.delete
MATCH (:Person {id: $source})-[l:LINK {kind: $kind}]->(:Person {id: $target})
DELETE l
RETURN count(*) AS deleted;

// name: link.of_person
MATCH (a:Person)-[l:LINK]->(b:Person)
WHERE a.id = $id OR b.id = $id
RETURN a.id AS source, b.id AS target, l.kind AS kind
ORDER BY source, target, kind;
