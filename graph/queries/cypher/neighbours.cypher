// neighbours: the edges touching the nodes whose ids are in the list $ids, optionally only
// edges whose relation type is in the list $relations (null for every type).
// Mirrors ../sparql/neighbours.rq.
MATCH (node)-[edge]-()
WHERE node.id IN $ids AND ($relations IS NULL OR type(edge) IN $relations)
RETURN DISTINCT edge.id AS edge_id, type(edge) AS relation, startNode(edge).id AS source_id,
       endNode(edge).id AS target_id
