// attendees: attendance listings with roles, protocol order and the quoted sentence.
// Params (null when absent): $event (event id or name), $date, $date_from, $date_to (dates),
// $type (event type), $org (id, name or alias of an organisation that organised or signed at
// the event, itself or through one of its units). Mirrors ../sparql/attendees.rq.
MATCH (person:Person)-[attendance:ATTENDED]->(event:Event)
WHERE event.name IS NOT NULL AND person.name IS NOT NULL
  AND ($event IS NULL OR event.id = $event OR event.name = $event)
  AND ($date IS NULL OR event.date = $date)
  AND ($date_from IS NULL OR event.date >= $date_from)
  AND ($date_to IS NULL OR event.date <= $date_to)
  AND ($type IS NULL OR event.event_type = $type)
  AND ($org IS NULL OR EXISTS {
    MATCH (organisation:Organization)
    WHERE organisation.id = $org OR organisation.name = $org OR $org IN coalesce(organisation.aliases, [])
    MATCH (unit)-[:PART_OF*0..]->(organisation)
    MATCH (unit)-[:ORGANIZED|SIGNED]->(event)
  })
RETURN event.id AS event_id, event.name AS event_name, event.event_type AS event_type,
       event.date AS event_date, person.id AS person_id, person.name AS person_name,
       attendance.roles AS roles, attendance.order AS protocol_order,
       attendance.sentence AS sentence, attendance.article_id AS article_id
