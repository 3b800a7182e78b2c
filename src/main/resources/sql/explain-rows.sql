-- explain: the source rows behind one region's cell, each with its contribution. They come from the
-- form's own rows fragment ({form}-rows.sql, the definition its aggregation sums), so they add up
-- to the cell; SqlLibrary puts the form's name in place of {form}. The column's condition leaves
-- one branch of "counted" (or two, for a column two relations feed) at planning time, and the
-- region's condition filters that branch's index entries: one key range of one covering index.
-- Parameters: from, until (date), as_of (timestamptz), zone; region (a catalogue prefix), column.
WITH
-- include: {form}-rows.sql
SELECT relation, id, accident_id, day, region_kato, recorded_at, contribution
FROM counted
WHERE col = CAST(:column AS int) AND contribution IS NOT NULL
  AND left(region_kato, 2) = CAST(:region AS text)
ORDER BY relation, id, day
