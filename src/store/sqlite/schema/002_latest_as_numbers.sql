-- skillgap schema, version 2. Start-up reads assessment_latest by the hundred thousand (a
-- row per person, skill and source), so that table keeps its date as a day number and its
-- source as a number, which decode far cheaper than text. The assessments themselves keep
-- ISO text dates. Runs in the one migration transaction, after the backup.

DROP TRIGGER assessments_latest_insert;
DROP TRIGGER assessments_latest_delete;
DROP TRIGGER assessments_latest_update;
ALTER TABLE assessment_latest RENAME TO assessment_latest_v1;

-- source: 0 self, 1 manager, 2 verified. day: days since 1970-01-01, NULL when assessed_on
-- is not a real date (only SQL written by hand can store one; loading then says so).
CREATE TABLE assessment_latest (
    person_id     INTEGER NOT NULL,
    skill_id      INTEGER NOT NULL,
    source        INTEGER NOT NULL,
    assessment_id INTEGER NOT NULL,
    level         INTEGER NOT NULL,
    day           INTEGER,
    PRIMARY KEY (person_id, skill_id, source)
) WITHOUT ROWID;

INSERT INTO assessment_latest (person_id, skill_id, source, assessment_id, level, day)
SELECT person_id, skill_id,
       CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 WHEN 'verified' THEN 2 END,
       assessment_id, level,
       CASE WHEN date(assessed_on) IS assessed_on THEN unixepoch(assessed_on) / 86400 END
FROM assessment_latest_v1;
DROP TABLE assessment_latest_v1;

-- The same triggers as version 1, on the numbers. Day order is the order of the ISO text.
CREATE TRIGGER assessments_latest_insert AFTER INSERT ON assessments BEGIN
    INSERT INTO assessment_latest (person_id, skill_id, source, assessment_id, level, day)
    VALUES (new.person_id, new.skill_id,
            CASE new.source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 WHEN 'verified' THEN 2 END,
            new.id, new.level,
            CASE WHEN date(new.assessed_on) IS new.assessed_on
                 THEN unixepoch(new.assessed_on) / 86400 END)
    ON CONFLICT (person_id, skill_id, source) DO UPDATE
        SET assessment_id = excluded.assessment_id,
            level = excluded.level,
            day = excluded.day
        WHERE (excluded.day, excluded.assessment_id)
            > (assessment_latest.day, assessment_latest.assessment_id);
END;

CREATE TRIGGER assessments_latest_delete AFTER DELETE ON assessments BEGIN
    DELETE FROM assessment_latest
    WHERE person_id = old.person_id AND skill_id = old.skill_id
      AND source = CASE old.source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 WHEN 'verified' THEN 2 END
      AND assessment_id = old.id;
    INSERT OR IGNORE INTO assessment_latest (person_id, skill_id, source, assessment_id, level, day)
    SELECT person_id, skill_id,
           CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 WHEN 'verified' THEN 2 END,
           id, level,
           CASE WHEN date(assessed_on) IS assessed_on THEN unixepoch(assessed_on) / 86400 END
    FROM assessments
    WHERE person_id = old.person_id AND skill_id = old.skill_id AND source = old.source
    ORDER BY assessed_on DESC, id DESC LIMIT 1;
END;

-- An edit is a delete of the old values and an insert of the new ones.
CREATE TRIGGER assessments_latest_update AFTER UPDATE OF person_id, skill_id, source, level, assessed_on
ON assessments BEGIN
    DELETE FROM assessment_latest
    WHERE (person_id = old.person_id AND skill_id = old.skill_id
           AND source = CASE old.source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 WHEN 'verified' THEN 2 END)
       OR (person_id = new.person_id AND skill_id = new.skill_id
           AND source = CASE new.source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 WHEN 'verified' THEN 2 END);
    INSERT OR IGNORE INTO assessment_latest (person_id, skill_id, source, assessment_id, level, day)
    SELECT person_id, skill_id,
           CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 WHEN 'verified' THEN 2 END,
           id, level,
           CASE WHEN date(assessed_on) IS assessed_on THEN unixepoch(assessed_on) / 86400 END
    FROM (
        SELECT * FROM assessments
        WHERE person_id = old.person_id AND skill_id = old.skill_id AND source = old.source
        ORDER BY assessed_on DESC, id DESC LIMIT 1)
    UNION ALL
    SELECT person_id, skill_id,
           CASE source WHEN 'self' THEN 0 WHEN 'manager' THEN 1 WHEN 'verified' THEN 2 END,
           id, level,
           CASE WHEN date(assessed_on) IS assessed_on THEN unixepoch(assessed_on) / 86400 END
    FROM (
        SELECT * FROM assessments
        WHERE person_id = new.person_id AND skill_id = new.skill_id AND source = new.source
        ORDER BY assessed_on DESC, id DESC LIMIT 1);
END;

-- The verified history the training funnel reads (verified ratings of a person and skill)
-- from the index alone, without a lookup of each assessment.
CREATE INDEX assessments_verified
    ON assessments (person_id, skill_id, source, assessed_on, id, level)
    WHERE source = 'verified';
