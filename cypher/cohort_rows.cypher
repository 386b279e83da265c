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

// name: cohort_row_tally_index
// The page's totals for any filter by seeks alone: equal tally (coverage, mission met, score
// band: connections/cohort_keys.py), age in the band, next milestone no later than a date.
CREATE INDEX cohort_row_tally_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.tally, r.age, r.milestone_key);

// name: cohort_row_priority_index
// The priority list nearest first (red and amber rows with a milestone only).
CREATE INDEX cohort_row_priority_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.priority_key);

// name: cohort_row_valid_until_index
// The stale-row check: rows past their date (or invalidated: 0001-01-01) by one seek.
CREATE INDEX cohort_row_valid_until_index IF NOT EXISTS
FOR (y:YoungPerson) ON (y.cohort_valid_until);

// name: cohort_row_scored_on_index
// ... and rows scored for a later day than the one asked for.
CREATE INDEX cohort_row_scored_on_index IF NOT EXISTS
FOR (y:YoungPerson) ON (y.cohort_scored_on);

// name: cohort_row_sort_name_index
CREATE INDEX cohort_row_sort_name_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_name);

// name: cohort_row_sort_age_index
CREATE INDEX cohort_row_sort_age_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_age);

// name: cohort_row_sort_age_desc_index
CREATE INDEX cohort_row_sort_age_desc_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_age_desc);

// name: cohort_row_sort_status_index
CREATE INDEX cohort_row_sort_status_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_status);

// name: cohort_row_sort_status_desc_index
CREATE INDEX cohort_row_sort_status_desc_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_status_desc);

// name: cohort_row_sort_qualifying_index
CREATE INDEX cohort_row_sort_qualifying_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_qualifying);

// name: cohort_row_sort_qualifying_desc_index
CREATE INDEX cohort_row_sort_qualifying_desc_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_qualifying_desc);

// name: cohort_row_sort_coverage_index
CREATE INDEX cohort_row_sort_coverage_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_coverage);

// name: cohort_row_sort_coverage_desc_index
CREATE INDEX cohort_row_sort_coverage_desc_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_coverage_desc);

// name: cohort_row_sort_score_index
CREATE INDEX cohort_row_sort_score_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_score);

// name: cohort_row_sort_score_desc_index
CREATE INDEX cohort_row_sort_score_desc_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_score_desc);

// name: cohort_row_sort_milestone_index
CREATE INDEX cohort_row_sort_milestone_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_milestone);

// name: cohort_row_sort_milestone_desc_index
CREATE INDEX cohort_row_sort_milestone_desc_index IF NOT EXISTS
FOR (r:CohortRow) ON (r.sort_milestone_desc);

// name: cohort_row.invalidate
// Run in the transaction of every write that changes these young people's networks
// (connections/store/invalidation.py), and by a bulk import after each batch: the row is scored
// again when next read (valid until 0001-01-01: past for every day, and found by the index), and
// a row scored from the network before this change is not kept.
UNWIND $ids AS id
MATCH (y:YoungPerson {id: id})
SET y.cohort_stamp = randomUUID(), y.cohort_valid_until = date('0001-01-01');

// name: cohort_row.invalidate_for_people
// The same for every young person whose network holds any of these people (a shared person's
// change shows in each of their networks).
UNWIND $ids AS id
MATCH (:Person {id: id})<-[:RELATIONSHIP]-(y:YoungPerson)
WITH DISTINCT y
SET y.cohort_stamp = randomUUID(), y.cohort_valid_until = date('0001-01-01');

// name: cohort_row.stale
// The young people whose kept row is invalidated or not for $day, with the stamp each had when
// read (read before their networks are): two index seeks, however large the cohort. With them,
// how many young people and rows there are (from the count store): when they differ, some young
// people have no row yet and cohort_row.unkept finds them.
CALL {
  MATCH (y:YoungPerson) RETURN count(y) AS young_people
}
CALL {
  MATCH (r:CohortRow) RETURN count(r) AS rows
}
CALL {
  CALL {
    MATCH (y:YoungPerson) WHERE y.cohort_valid_until <= $day RETURN y
    UNION
    MATCH (y:YoungPerson) WHERE y.cohort_scored_on > $day RETURN y
  }
  RETURN collect([y.id, y.cohort_stamp]) AS stale
}
RETURN young_people, rows, stale;

// name: cohort_row.unkept
// Young people never given a row (nor invalidated since: created by a path that does not
// invalidate), by a scan of every young person: run only when cohort_row.stale's counts differ.
MATCH (y:YoungPerson)
WHERE y.cohort_valid_until IS NULL
RETURN y.id AS id, y.cohort_stamp AS stamp;

// name: cohort_row.keep
// Write back rows scored again, each only if its young person's stamp is still the one read
// before their network was: a change committed in between leaves the row for the next read.
// row.row holds the row's fields and its keys (connections/cohort_keys.py).
UNWIND $rows AS row
MATCH (y:YoungPerson {id: row.row.young_person_id})
WHERE (y.cohort_stamp IS NULL AND row.stamp IS NULL) OR y.cohort_stamp = row.stamp
SET y.cohort_scored_on = row.scored_on, y.cohort_valid_until = row.valid_until
MERGE (r:CohortRow {young_person_id: row.row.young_person_id})
SET r = row.row
RETURN count(r) AS kept;

// name: cohort_row.get
// One young person's kept row and its dates (tests, and a check after a write); valid until
// null when invalidated.
MATCH (y:YoungPerson {id: $id})
OPTIONAL MATCH (r:CohortRow {young_person_id: $id})
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row,
       y.cohort_scored_on AS scored_on,
       CASE WHEN y.cohort_valid_until > date('0001-01-01') THEN y.cohort_valid_until END
         AS valid_until;

// name: cohort_row.all
// Every kept row in young person id order (the cohort API and CSV for the whole cohort).
MATCH (r:CohortRow)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.young_person_id;

// name: cohort_row.totals
// The cohort page's figures from the kept rows by index seeks and the count store, never a
// scan of every row (connections/cohort_keys.py): how many young people; for each $tallies
// (coverage, mission met, score band; those of the statuses kept) the rows in the age band, and
// of them those whose next milestone is no later than $year_after; the restrictions to review
// (of everyone; the first $list_limit by name, and their count).
CALL {
  MATCH (r:CohortRow)
  RETURN count(r) AS everyone
}
CALL {
  UNWIND $tallies AS tally
  CALL {
    WITH tally
    MATCH (r:CohortRow)
    WHERE r.tally = tally AND r.age >= $age_low AND r.age <= $age_high
      AND r.milestone_key >= date('0001-01-01')
    RETURN count(r) AS young_people,
           count(CASE WHEN r.milestone_key <= $year_after THEN 1 END) AS soon
  }
  RETURN collect([tally, young_people, soon]) AS counts
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
RETURN everyone, counts, to_review_count, to_review;

// name: cohort_row.priority
// The priority list (red or amber, next milestone no later than $year_after), nearest first,
// of the statuses and age band asked for: the first $list_limit, by walking the priority index.
MATCH (r:CohortRow)
WHERE r.priority_key < $priority_before
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.priority_key
LIMIT $list_limit;

// --- One page of the table: one statement per column and direction, each walking its sort
// key's index (connections/cohort_keys.py) until the page is filled. The filters as
// cohort_row.totals': $statuses (none: all), $age_low..$age_high, $milestone_soon (next
// milestone no later than $year_after).

// name: cohort_row.rows_name_asc
MATCH (r:CohortRow)
WHERE r.sort_name >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_name
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_name_desc
MATCH (r:CohortRow)
WHERE r.sort_name >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_name DESC
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_age_asc
MATCH (r:CohortRow)
WHERE r.sort_age >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_age
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_age_desc
MATCH (r:CohortRow)
WHERE r.sort_age_desc >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_age_desc
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_status_asc
MATCH (r:CohortRow)
WHERE r.sort_status >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_status
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_status_desc
MATCH (r:CohortRow)
WHERE r.sort_status_desc >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_status_desc
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_qualifying_asc
MATCH (r:CohortRow)
WHERE r.sort_qualifying >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_qualifying
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_qualifying_desc
MATCH (r:CohortRow)
WHERE r.sort_qualifying_desc >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_qualifying_desc
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_coverage_asc
MATCH (r:CohortRow)
WHERE r.sort_coverage >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_coverage
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_coverage_desc
MATCH (r:CohortRow)
WHERE r.sort_coverage_desc >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_coverage_desc
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_score_asc
MATCH (r:CohortRow)
WHERE r.sort_score >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_score
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_score_desc
MATCH (r:CohortRow)
WHERE r.sort_score_desc >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_score_desc
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_milestone_asc
MATCH (r:CohortRow)
WHERE r.sort_milestone >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_milestone
SKIP $skip
LIMIT $limit;

// name: cohort_row.rows_milestone_desc
MATCH (r:CohortRow)
WHERE r.sort_milestone_desc >= ''
  AND (size($statuses) = 0 OR r.coverage IN $statuses)
  AND r.age >= $age_low AND r.age <= $age_high
  AND (NOT $milestone_soon OR r.milestone_key <= $year_after)
RETURN r {.young_person_id, .name, .age, .status, .qualifying_now, .coverage, .score,
         .next_milestone_age, .next_milestone_date, .next_milestone_count, .most_urgent_gap,
         .restrictions_to_review} AS row
ORDER BY r.sort_milestone_desc
SKIP $skip
LIMIT $limit;
