// holders: who was seen holding a post, one row per observation (a HOLDS edge).
// Params: $key (required): a post's id or title, or an organisation's id, name or alias (then
// the posts of the organisation and of its units, through PART_OF). Mirrors ../sparql/holders.rq.
MATCH (post:Post)
WHERE post.id = $key OR post.title = $key OR post.organization = $key
   OR EXISTS {
     MATCH (organisation:Organization)
     WHERE organisation.id = $key OR organisation.name = $key OR $key IN coalesce(organisation.aliases, [])
     MATCH (post)-[:POST_IN]->(unit)-[:PART_OF*0..]->(organisation)
   }
MATCH (holder)-[tenure:HOLDS]->(post)
WHERE post.title IS NOT NULL AND holder.name IS NOT NULL
OPTIONAL MATCH (post)-[:POST_IN]->(organisation)
WHERE organisation.name IS NOT NULL
RETURN DISTINCT post.id AS post_id, post.title AS post_title, organisation.id AS org_id,
       coalesce(organisation.name, post.organization) AS org_name, holder.id AS person_id,
       holder.name AS person_name, tenure.date AS seen_on, tenure.article_id AS article_id
