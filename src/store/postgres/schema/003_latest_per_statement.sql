-- skillgap on PostgreSQL, schema version 3: assessment_latest follows new assessments once
-- per statement rather than once per row. An import or the demo adds a thousand
-- assessments in one statement (see store/bulk.rs); the row trigger ran a delete and an
-- insert for each (most of the 70 s a 2,000-person demo took). Now an INSERT brings the
-- table up to date in one upsert of each group's newest among the new rows, kept only
-- where newer than the one there: what the row trigger gave, row after row (the same rule
-- as SQLite's schema 2). Deletes and updates keep the row trigger.

DROP TRIGGER assessments_latest ON assessments;
CREATE TRIGGER assessments_latest AFTER DELETE OR UPDATE OF person_id, skill_id, source, level, assessed_on
ON assessments FOR EACH ROW EXECUTE FUNCTION skillgap_latest();

CREATE FUNCTION skillgap_latest_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO assessment_latest (person_id, skill_id, source, assessment_id, level, day)
    SELECT DISTINCT ON (person_id, skill_id, src) person_id, skill_id, src, id, level, day
    FROM (SELECT person_id, skill_id, id, level, assessed_on,
                 CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END AS src,
                 assessed_on - date '1970-01-01' AS day
          FROM added) a
    ORDER BY person_id, skill_id, src, assessed_on DESC, id DESC
    ON CONFLICT (person_id, skill_id, source) DO UPDATE
        SET assessment_id = excluded.assessment_id, level = excluded.level, day = excluded.day
        WHERE (excluded.day, excluded.assessment_id)
            > (assessment_latest.day, assessment_latest.assessment_id);
    RETURN NULL;
END $$;

CREATE TRIGGER assessments_latest_added AFTER INSERT ON assessments
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION skillgap_latest_added();
