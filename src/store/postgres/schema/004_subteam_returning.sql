-- skillgap on PostgreSQL, schema version 4: a manager adds a sub-team under one of their
-- teams. The write policy has allowed it since version 1, but the app's INSERT asks for the
-- new id back (RETURNING id), and a returned row must pass the read policy too: that asked
-- skillgap_teams, which sees the teams as they were when the statement began, without the
-- new one, so every such INSERT was refused ("new row violates row-level security policy").
-- The read policy now also lets a manager see a team whose parent is one of theirs. For
-- every team already written that is no wider than before (a sub-team of theirs is theirs),
-- so nobody sees a team they did not see.
DROP POLICY read ON teams;
CREATE POLICY read ON teams FOR SELECT USING (
    current_user::text = (SELECT m.value FROM meta m WHERE m.key = 'owner')
    OR (SELECT skillgap_reads_all(current_user::text))
    OR id IN (SELECT skillgap_teams(current_user::text))
    OR parent_id IN (SELECT skillgap_teams(current_user::text)));
