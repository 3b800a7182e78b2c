-- explain, for the total row: one column of the form, region by region, the contributions of
-- {form}-rows.sql summed per region prefix as the form's aggregation sums them (the form then
-- rounds each region as it prints it, and adds the printed values into the total).
-- Parameters: from, until (date), as_of (timestamptz), zone; column.
WITH
-- include: {form}-rows.sql
SELECT left(region_kato, 2) AS region, sum(contribution) AS contribution
FROM counted
WHERE col = CAST(:column AS int) AND contribution IS NOT NULL
GROUP BY 1
ORDER BY 1
