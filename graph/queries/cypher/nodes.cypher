// nodes: every property value of the nodes whose ids are in the list $ids, one row per value
// (a list property gives one row per item). property is the property's name.
// Mirrors ../sparql/nodes.rq.
MATCH (node)
WHERE node.id IN $ids
UNWIND keys(node) AS property
WITH node, property, node[property] AS stored
UNWIND CASE WHEN stored IS :: LIST<ANY> THEN stored ELSE [stored] END AS value
RETURN node.id AS node_id, labels(node)[0] AS node_type, property, value
