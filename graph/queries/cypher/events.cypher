// events: the events a person attended, with roles, protocol order and the quoted sentence.
// Params: $person (required: person id, name or alias); $date_from, $date_to (dates), $type
// (event type), $org (as in attendees.cypher), null when absent. Mirrors ../sparql/events.rq.
MATCH (person:Person)
WHERE person.name IS NOT NULL
  AND (person.id = $person OR person.name = $person OR $person IN coalesce(person.aliases, []))
MATCH (person)-[attendance:ATTENDED]->(event)
WHERE event.name IS NOT NULL
  AND ($date_from IS NULL OR event.date >= $date_from)
  AND ($date_to IS NULL OR event.date <= $date_to)
  AND ($type IS NULL OR event.event_type = $type)
  AND ($org IS NULL OR EXISTS {
    MATCH (organisation:Organization)
    WHERE organisation.id = $org OR organisation.name = $org OR $org IN coalesce(organisation.aliases, [])
    MATCH (unit)-[:PART_OF*0..]->(organisation)
    MATCH (unit)-[:ORGANIZED|SIGNED]->(event)
  })
RETURN person.id AS person_id, person.name AS person_name, event.id AS event_id,
       event.name AS event_name, event.event_type AS event_type, event.date AS event_date,
       attendance.roles AS roles, attendance.order AS protocol_order,
       attendance.sentence AS sentence, attendance.article_id AS article_id
