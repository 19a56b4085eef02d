// links: the edges that go from a node whose id is in the list $ids to a node whose id is in
// the list $targets: the edges among a set of nodes, filtered by the engine rather than in
// Python. Mirrors ../sparql/links.rq.
MATCH (source)-[edge]->(target)
WHERE source.id IN $ids AND target.id IN $targets
RETURN DISTINCT edge.id AS edge_id, type(edge) AS relation, source.id AS source_id,
       target.id AS target_id
