// Kept cohort rows (connections.cohort_rows, connections/store/cohort_rows.py): each young
// person's cohort row on a (:CohortRow {young_person_id}) node, and on the young person when it
// was scored (cohort_scored_on), until when it holds by the calendar (cohort_valid_until) and a
// stamp every change to their network renews (cohort_stamp). A row is used on a day d with
// cohort_scored_on <= d < cohort_valid_until; any other is scored again when next read.

// name: cohort_row_young_person_id_unique
CREATE CONSTRAINT cohort_row_young_person_id_unique IF NOT EXISTS
FOR (r:CohortRow) REQUIRE r.young_person_id IS UNIQUE;

// name: cohort_row_review_index
// The cohort page's "restrictions to review" reads only the rows that have any.
CREATE INDEX cohort_row_review_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.restrictions_to_review);

// name: cohort_row.invalidate
// Run in the transaction of every write that changes these young people's networks
// (connections/store/invalidation.py), and by a bulk import after each batch: the row is scored
// again when next read, and a row scored from the network before this change is not kept.
UNWIND $ids AS id
MATCH (y:YoungPerson {id: id})
SET y.cohort_stamp = randomUUID()
REMOVE y.cohort_valid_until;

// name: cohort_row.invalidate_for_people
// The same for every young person whose network holds any of these people (a shared person's
// change shows in each of their networks).
UNWIND $ids AS id
MATCH (:Person {id: id})<-[:RELATIONSHIP]-(y:YoungPerson)
WITH DISTINCT y
SET y.cohort_stamp = randomUUID()
REMOVE y.cohort_valid_until;

// name: cohort_row.stale
// The young people whose kept row is missing, invalidated or not for $day, with the stamp each
// had when read (read before their networks are).
MATCH (y:YoungPerson)
WHERE y.cohort_valid_until IS NULL OR y.cohort_valid_until <= $day OR y.cohort_scored_on > $day
RETURN y.id AS id, y.cohort_stamp AS stamp;

// name: cohort_row.keep
// Write back rows scored again, each only if its young person's stamp is still the one read
// before their network was: a change committed in between leaves the row for the next read.
UNWIND $rows AS row
MATCH (y:YoungPerson {id: row.row.young_person_id})
WHERE (y.cohort_stamp IS NULL AND row.stamp IS NULL) OR y.cohort_stamp = row.stamp
SET y.cohort_scored_on = row.scored_on, y.cohort_valid_until = row.valid_until
MERGE (r:CohortRow {young_person_id: row.row.young_person_id})
SET r = row.row
RETURN count(r) AS kept;

// name: cohort_row.get
// One young person's kept row and its dates (tests, and a check after a write).
MATCH (y:YoungPerson {id: $id})
OPTIONAL MATCH (r:CohortRow {young_person_id: $id})
RETURN r {.*} AS row, y.cohort_scored_on AS scored_on, y.cohort_valid_until AS valid_until;

// name: cohort_row.all
// Every kept row in young person id order (the cohort API and CSV for the whole cohort).
MATCH (r:CohortRow)
RETURN r {.*} AS row
ORDER BY r.young_person_id;

// name: cohort_row.page
// Everything the cohort page shows, from the kept rows, in one query: how many young people,
// the totals, score bands and priority list of those matching the filters, the restrictions to
// review (of everyone; the first $list_limit of each list, and their counts), and one page of
// the matching rows in the order asked for (ties by name).
// $statuses: the coverages kept (none: all); $age_low/$age_high: the age band (null: any);
// $milestone_soon: next milestone no later than $year_after. Sort keys as webapp/tables.py's.
CALL {
  MATCH (r:CohortRow)
  RETURN count(r) AS everyone
}
CALL {
  MATCH (r:CohortRow)
  WHERE (size($statuses) = 0 OR r.coverage IN $statuses)
    AND ($age_low IS NULL OR r.age >= $age_low)
    AND ($age_high IS NULL OR r.age <= $age_high)
    AND (NOT $milestone_soon OR r.next_milestone_date <= $year_after)
  WITH r.coverage AS coverage, r.qualifying_now >= 2 AS met,
       CASE WHEN r.score >= 90 THEN 9 ELSE toInteger(floor(r.score / 10)) END AS band,
       r.coverage <> 'GREEN' AND r.next_milestone_date <= $year_after AS priority,
       count(*) AS young_people
  RETURN collect([coverage, met, band, young_people]) AS counts,
         sum(CASE WHEN priority THEN young_people ELSE 0 END) AS priority_count
}
CALL {
  MATCH (r:CohortRow)
  WHERE (size($statuses) = 0 OR r.coverage IN $statuses)
    AND ($age_low IS NULL OR r.age >= $age_low)
    AND ($age_high IS NULL OR r.age <= $age_high)
    AND r.coverage <> 'GREEN' AND r.next_milestone_date <= $year_after
  WITH r
  ORDER BY r.next_milestone_date, CASE r.coverage WHEN 'RED' THEN 0 ELSE 1 END, r.score, r.name
  LIMIT $list_limit
  RETURN collect(r {.*}) AS priority
}
CALL {
  MATCH (r:CohortRow)
  WHERE r.restrictions_to_review > 0
  RETURN count(r) AS to_review_count
}
CALL {
  MATCH (r:CohortRow)
  WHERE r.restrictions_to_review > 0
  WITH r
  ORDER BY toLower(r.name), r.young_person_id
  LIMIT $list_limit
  RETURN collect(r {.young_person_id, .name, .restrictions_to_review}) AS to_review
}
CALL {
  MATCH (r:CohortRow)
  WHERE (size($statuses) = 0 OR r.coverage IN $statuses)
    AND ($age_low IS NULL OR r.age >= $age_low)
    AND ($age_high IS NULL OR r.age <= $age_high)
    AND (NOT $milestone_soon OR r.next_milestone_date <= $year_after)
  WITH r, CASE $sort
      WHEN 'age' THEN r.age
      WHEN 'status' THEN r.status
      WHEN 'qualifying' THEN r.qualifying_now
      WHEN 'coverage' THEN CASE r.coverage WHEN 'RED' THEN 0 WHEN 'AMBER' THEN 1000 ELSE 2000 END + r.score
      WHEN 'score' THEN r.score
      WHEN 'milestone' THEN coalesce(r.next_milestone_date, date('9999-12-31'))
      ELSE toLower(r.name) + ' ' + r.young_person_id
    END AS key
  ORDER BY CASE WHEN $descending THEN null ELSE key END,
           CASE WHEN $descending THEN key END DESC,
           toLower(r.name), r.young_person_id
  SKIP $skip
  LIMIT $limit
  RETURN collect(r {.*}) AS rows
}
RETURN everyone, counts, priority_count, priority, to_review_count, to_review, rows;
