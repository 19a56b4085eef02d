// coattendees: the people who attended the same events as a person, one row per shared event.
// Params: $person (required: person id, name or alias); $date_from, $date_to (dates, or null).
// Mirrors ../sparql/coattendees.rq.
MATCH (person:Person)
WHERE person.name IS NOT NULL
  AND (person.id = $person OR person.name = $person OR $person IN coalesce(person.aliases, []))
MATCH (person)-[:ATTENDED]->(event)<-[:ATTENDED]-(other)
WHERE other.id <> person.id AND other.name IS NOT NULL AND event.name IS NOT NULL
  AND ($date_from IS NULL OR event.date >= $date_from)
  AND ($date_to IS NULL OR event.date <= $date_to)
RETURN DISTINCT person.id AS person_id, person.name AS person_name, other.id AS other_id,
       other.name AS other_name, event.id AS event_id, event.name AS event_name,
       event.date AS event_date
