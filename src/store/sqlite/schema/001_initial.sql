-- skillgap schema, version 1. Dates are ISO text (YYYY-MM-DD), which sorts as dates.
PRAGMA application_id = 1397442384; -- 0x534B4750, "SKGP": marks the file as ours

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE teams (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
    parent_id INTEGER REFERENCES teams (id) ON DELETE SET NULL
);
CREATE INDEX teams_parent ON teams (parent_id);

CREATE TABLE skills (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE CHECK (key <> '' AND key NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    category    TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX skills_name ON skills (name COLLATE NOCASE);

-- The rubric: one line per level 1..5.
CREATE TABLE skill_levels (
    skill_id    INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    description TEXT NOT NULL,
    PRIMARY KEY (skill_id, level)
) WITHOUT ROWID;

CREATE TABLE roles (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> '')
);

CREATE TABLE role_targets (
    role_id  INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    level    INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    weight   INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 3),
    PRIMARY KEY (role_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX role_targets_skill ON role_targets (skill_id);

CREATE TABLE people (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (trim(name) <> ''),
    email     TEXT COLLATE NOCASE UNIQUE,
    team_id   INTEGER REFERENCES teams (id) ON DELETE SET NULL,
    role_id   INTEGER REFERENCES roles (id) ON DELETE SET NULL,
    joined_on TEXT,
    archived  INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE INDEX people_team ON people (team_id);
CREATE INDEX people_role ON people (role_id);
CREATE INDEX people_name ON people (name);

-- Per-person targets; level 0 removes the role's target for that person.
CREATE TABLE person_targets (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    skill_id  INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    level     INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    weight    INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 3),
    PRIMARY KEY (person_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX person_targets_skill ON person_targets (skill_id);

-- Assessments are history: rows are added, never overwritten.
CREATE TABLE assessments (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    skill_id    INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    source      TEXT NOT NULL CHECK (source IN ('self', 'manager', 'verified')),
    assessed_on TEXT NOT NULL CHECK (assessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    score       REAL,
    max_score   REAL,
    assessor    TEXT,
    evidence    TEXT
);
-- Serves a person's history, the latest-per-source lookup, and the person cascade.
CREATE INDEX assessments_person ON assessments (person_id, skill_id, source, assessed_on, id);
CREATE INDEX assessments_skill ON assessments (skill_id);

-- The latest assessment per (person, skill, source), kept by triggers. The current level
-- and the perception gap only ever need these rows, so a million assessments of history
-- cost nothing at start-up: the views read at most three rows per person and skill.
CREATE TABLE assessment_latest (
    person_id     INTEGER NOT NULL,
    skill_id      INTEGER NOT NULL,
    source        TEXT NOT NULL,
    assessment_id INTEGER NOT NULL,
    level         INTEGER NOT NULL,
    assessed_on   TEXT NOT NULL,
    PRIMARY KEY (person_id, skill_id, source)
) WITHOUT ROWID;

CREATE TRIGGER assessments_latest_insert AFTER INSERT ON assessments BEGIN
    INSERT INTO assessment_latest (person_id, skill_id, source, assessment_id, level, assessed_on)
    VALUES (new.person_id, new.skill_id, new.source, new.id, new.level, new.assessed_on)
    ON CONFLICT (person_id, skill_id, source) DO UPDATE
        SET assessment_id = excluded.assessment_id,
            level = excluded.level,
            assessed_on = excluded.assessed_on
        WHERE (excluded.assessed_on, excluded.assessment_id)
            > (assessment_latest.assessed_on, assessment_latest.assessment_id);
END;

CREATE TRIGGER assessments_latest_delete AFTER DELETE ON assessments BEGIN
    DELETE FROM assessment_latest
    WHERE person_id = old.person_id AND skill_id = old.skill_id AND source = old.source
      AND assessment_id = old.id;
    INSERT OR IGNORE INTO assessment_latest (person_id, skill_id, source, assessment_id, level, assessed_on)
    SELECT person_id, skill_id, source, id, level, assessed_on FROM assessments
    WHERE person_id = old.person_id AND skill_id = old.skill_id AND source = old.source
    ORDER BY assessed_on DESC, id DESC LIMIT 1;
END;

-- An edit is a delete of the old values and an insert of the new ones.
CREATE TRIGGER assessments_latest_update AFTER UPDATE OF person_id, skill_id, source, level, assessed_on
ON assessments BEGIN
    DELETE FROM assessment_latest
    WHERE (person_id = old.person_id AND skill_id = old.skill_id AND source = old.source)
       OR (person_id = new.person_id AND skill_id = new.skill_id AND source = new.source);
    INSERT OR IGNORE INTO assessment_latest (person_id, skill_id, source, assessment_id, level, assessed_on)
    SELECT person_id, skill_id, source, id, level, assessed_on FROM (
        SELECT * FROM assessments
        WHERE person_id = old.person_id AND skill_id = old.skill_id AND source = old.source
        ORDER BY assessed_on DESC, id DESC LIMIT 1)
    UNION ALL
    SELECT person_id, skill_id, source, id, level, assessed_on FROM (
        SELECT * FROM assessments
        WHERE person_id = new.person_id AND skill_id = new.skill_id AND source = new.source
        ORDER BY assessed_on DESC, id DESC LIMIT 1);
END;

CREATE TABLE trainings (
    id       INTEGER PRIMARY KEY,
    title    TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(title) <> ''),
    provider TEXT,
    url      TEXT,
    hours    REAL CHECK (hours IS NULL OR hours >= 0)
);

CREATE TABLE training_skills (
    training_id INTEGER NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    skill_id    INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (training_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX training_skills_skill ON training_skills (skill_id);

CREATE TABLE offers (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    training_id  INTEGER NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('offered', 'enrolled', 'completed', 'declined')),
    offered_on   TEXT NOT NULL,
    due_on       TEXT,
    completed_on TEXT CHECK (completed_on IS NULL OR completed_on >= offered_on)
);
CREATE INDEX offers_person ON offers (person_id, offered_on);
CREATE INDEX offers_training ON offers (training_id);

CREATE TABLE notes (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    date      TEXT NOT NULL,
    body      TEXT NOT NULL,
    private   INTEGER NOT NULL DEFAULT 1 CHECK (private IN (0, 1))
);
CREATE INDEX notes_person ON notes (person_id, date);
CREATE INDEX notes_date ON notes (date);

CREATE TABLE note_skills (
    note_id  INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    PRIMARY KEY (note_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX note_skills_skill ON note_skills (skill_id);
