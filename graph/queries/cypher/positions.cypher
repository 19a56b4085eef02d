// positions: the posts a person was seen holding, one row per observation (a HOLDS edge).
// Params: $person (required: person id, name or alias). Mirrors ../sparql/positions.rq.
MATCH (person:Person)
WHERE person.name IS NOT NULL
  AND (person.id = $person OR person.name = $person OR $person IN coalesce(person.aliases, []))
MATCH (person)-[tenure:HOLDS]->(post)
WHERE post.title IS NOT NULL
OPTIONAL MATCH (post)-[:POST_IN]->(organisation)
WHERE organisation.name IS NOT NULL
RETURN DISTINCT person.id AS person_id, person.name AS person_name, post.id AS post_id,
       post.title AS post_title, organisation.id AS org_id,
       coalesce(organisation.name, post.organization) AS org_name, tenure.date AS seen_on,
       tenure.title_as_written AS title_as_written, tenure.article_id AS article_id
