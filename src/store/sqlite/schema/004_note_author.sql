-- skillgap schema, version 4. A note keeps its author, the user who wrote it: on a file the
-- OS user (on a server, the login). The column is filled for the notes already here by the
-- migration's hook (see sqlite/open.rs), in the same one transaction, after the backup:
-- they take the OS user running this migration. A skillgap file has always been one user's
-- own (created 0600 in their data folder, one app at a time on it), so that user wrote
-- every note in it.
ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT '';
