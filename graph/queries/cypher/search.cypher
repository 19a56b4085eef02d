// search: the nodes whose name, alias, post title or headline contains $text (required),
// ignoring case; matched is the value that contains it, caption the node's name or title.
// Mirrors ../sparql/search.rq.
MATCH (node)
WITH node, [value IN [node.name, node.title] + coalesce(node.aliases, [])
            WHERE value IS NOT NULL AND toLower(value) CONTAINS toLower($text)] AS hits
UNWIND hits AS matched
RETURN DISTINCT node.id AS node_id, labels(node)[0] AS node_type,
       coalesce(node.name, node.title) AS caption, matched
