-- skillgap schema, version 3. Every record a user edits carries a version, raised by one on
-- every UPDATE (the statement itself sets version = version + 1). A form remembers the
-- version it was opened on, and a save, delete, undo or redo goes ahead only while the
-- record still has it: another writer's change is never overwritten unseen, with no lock
-- held while a form is open. The same rule reads `UPDATE ... WHERE id = ? AND version = ?`
-- on a server database. Runs in the one migration transaction, after the backup.
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE teams ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE roles ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE skills ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE trainings ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offers ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notes ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assessments ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
