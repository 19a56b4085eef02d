// catalogue: the nodes that people look for by name (persons, organisations, places, events,
// publications, posts, articles), each once with its caption (name, post title or headline)
// and its aliases (a list); most useful first: by type in the order of the list below, then
// by caption and id. Params: $types (type names, null for every type listed below), $limit
// (rows). Mirrors ../sparql/catalogue.rq.
WITH ['Person', 'Organization', 'Place', 'Event', 'Publication', 'Post', 'Article'] AS ranked
MATCH (node)
WITH node, labels(node)[0] AS node_type, coalesce(node.name, node.title) AS caption, ranked
WHERE node_type IN ranked AND caption IS NOT NULL AND ($types IS NULL OR node_type IN $types)
WITH node, node_type, caption, [i IN range(0, size(ranked) - 1) WHERE ranked[i] = node_type][0] AS rank
ORDER BY rank, caption, node.id
LIMIT $limit
RETURN node.id AS node_id, node_type, caption, coalesce(node.aliases, []) AS aliases
