// aliases: the organisations and places one of whose names or aliases is in the list $names
// (every organisation and place when $names is null), with their name and each alias (one row
// per alias; alias null when the node has none). Mirrors ../sparql/aliases.rq.
MATCH (node)
WHERE (node:Organization OR node:Place)
  AND ($names IS NULL OR node.name IN $names OR any(alias IN coalesce(node.aliases, []) WHERE alias IN $names))
UNWIND CASE WHEN size(coalesce(node.aliases, [])) = 0 THEN [null] ELSE node.aliases END AS alias
RETURN DISTINCT node.id AS node_id, labels(node)[0] AS node_type, node.name AS name, alias
