// timeline: events with their day and number of attendees.
// Params (null when absent): $date_from, $date_to (dates), $type (event type), $org (as in
// attendees.cypher). Mirrors ../sparql/timeline.rq.
MATCH (event:Event)
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
OPTIONAL MATCH (attendee)-[:ATTENDED]->(event)
RETURN event.id AS event_id, event.name AS event_name, event.event_type AS event_type,
       event.date AS event_date, count(DISTINCT attendee) AS attendee_count
