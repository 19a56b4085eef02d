// lookup: the nodes whose id, name, alias, post title or headline equals $key (required).
// caption is the node's caption property (graph/schema.yaml: name, title or date); node_type
// is the node's label. Mirrors ../sparql/lookup.rq.
MATCH (node)
WHERE node.id = $key OR node.name = $key OR node.title = $key OR $key IN coalesce(node.aliases, [])
RETURN DISTINCT node.id AS node_id, labels(node)[0] AS node_type,
       coalesce(node.name, node.title, node.date) AS caption
