// explain: every edge touching the node whose id is $node (required), with the node at its
// other end (id, label, caption), which way it points ("out" from the node, "in" to it), and
// its provenance: the sentence quoted and the article's id, headline, issue date and publication.
// Mirrors ../sparql/explain.rq.
MATCH (subject)-[edge]->(other)
WHERE subject.id = $node
OPTIONAL MATCH (article:Article)
WHERE article.id = edge.article_id
RETURN DISTINCT edge.id AS edge_id, type(edge) AS relation, 'out' AS direction, other.id AS other_id,
       labels(other)[0] AS other_type, coalesce(other.name, other.title, other.date) AS other_caption,
       edge.sentence AS sentence, edge.article_id AS article_id, article.title AS article_title,
       article.issue_date AS issue_date, article.publication AS publication
UNION
MATCH (subject)<-[edge]-(other)
WHERE subject.id = $node
OPTIONAL MATCH (article:Article)
WHERE article.id = edge.article_id
RETURN DISTINCT edge.id AS edge_id, type(edge) AS relation, 'in' AS direction, other.id AS other_id,
       labels(other)[0] AS other_type, coalesce(other.name, other.title, other.date) AS other_caption,
       edge.sentence AS sentence, edge.article_id AS article_id, article.title AS article_title,
       article.issue_date AS issue_date, article.publication AS publication
