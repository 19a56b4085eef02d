// search: the nodes whose name, alias, post title or headline contains the text, ignoring
// case; matched is the value that contains it, caption the node's name or title.
// Params: exactly one of $text (compared ignoring case) and $caseless (a text without upper-
// or lower-case letters, compared as it is); $types (type names, null for every named type).
// Mirrors ../sparql/search.rq.
MATCH (node)
WHERE labels(node)[0] IN ['Person', 'Organization', 'Place', 'Event', 'Publication', 'Post', 'Article']
  AND ($types IS NULL OR labels(node)[0] IN $types)
WITH node, [value IN [node.name, node.title] + coalesce(node.aliases, [])
            WHERE value IS NOT NULL
              AND ($text IS NULL OR toLower(value) CONTAINS toLower($text))
              AND ($caseless IS NULL OR value CONTAINS $caseless)] AS hits
UNWIND hits AS matched
RETURN DISTINCT node.id AS node_id, labels(node)[0] AS node_type,
       coalesce(node.name, node.title) AS caption, matched
