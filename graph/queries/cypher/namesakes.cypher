// namesakes: the persons whose name is in the list $names, with their jurisdiction, class and
// each post they were seen holding (one row per post; post_title null when none).
// Mirrors ../sparql/namesakes.rq.
MATCH (person:Person)
WHERE person.name IN $names
OPTIONAL MATCH (person)-[:HOLDS]->(post:Post)
RETURN DISTINCT person.id AS person_id, person.name AS person_name, person.jurisdiction AS jurisdiction,
       person.person_class AS person_class, post.title AS post_title, post.organization AS org_name
