// edges: every property and provenance value of the edges whose ids are in the list $ids, one
// row per value (a list property gives one row per item). property is the property's name.
// Mirrors ../sparql/edges.rq.
MATCH (source)-[edge]->(target)
WHERE edge.id IN $ids
UNWIND keys(edge) AS property
WITH source, edge, target, property, edge[property] AS stored
UNWIND CASE WHEN stored IS :: LIST<ANY> THEN stored ELSE [stored] END AS value
RETURN edge.id AS edge_id, type(edge) AS relation, source.id AS source_id, target.id AS target_id,
       property, value
