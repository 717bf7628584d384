-- skillgap on PostgreSQL, schema version 2: the access helpers answer for the caller only.
-- They are SECURITY DEFINER (they read the grants and the owner, which a login may not
-- read itself) and take a login's name: in version 1 any login could ask about another
-- (`SELECT skillgap_teams('someone')`) and learn their teams and rights. Now a name that
-- is not the connected login (session_user) nor a role it is a member of (one it may SET
-- ROLE to, and so act as anyway) gets no rights and no teams. The policies ask with
-- current_user::text from the caller's side, which is always one of those: they give
-- exactly the rights they gave before. Run by the owner, in the one transaction that
-- opens an older database (see postgres/mod.rs).
--
-- One thing the helpers did through themselves changes with that: skillgap_teams reads
-- `teams` (for the sub-teams) as the definer, the owner, whose sight of teams went through
-- skillgap_reads_all(owner), which now says no while someone else is connected. The
-- owner's sight of teams is therefore said in the teams policy itself, from `meta`, first.

-- True when `login` is the connected login or a role it is a member of. Inside a SECURITY
-- DEFINER function current_user is the definer; session_user is still who connected.
CREATE FUNCTION skillgap_is_caller(login text) RETURNS boolean LANGUAGE sql STABLE
SET search_path = pg_catalog AS $$
    SELECT login = session_user::text
        OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                   WHERE r.rolname = login
                     AND pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER'))
$$;

CREATE OR REPLACE FUNCTION skillgap_is_owner(login text) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT public.skillgap_is_caller(login)
       AND EXISTS (SELECT 1 FROM public.meta WHERE key = 'owner' AND value = login)
$$;

CREATE OR REPLACE FUNCTION skillgap_reads_all(login text) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT public.skillgap_is_caller(login)
       AND (public.skillgap_is_owner(login)
            OR EXISTS (SELECT 1 FROM public.access_grants g WHERE g.login = $1 AND g.org))
$$;

CREATE OR REPLACE FUNCTION skillgap_any_grant(login text) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT public.skillgap_is_caller(login)
       AND (public.skillgap_is_owner(login)
            OR EXISTS (SELECT 1 FROM public.access_grants g WHERE g.login = $1))
$$;

CREATE OR REPLACE FUNCTION skillgap_teams(login text) RETURNS SETOF bigint LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    WITH RECURSIVE t(id) AS (
        SELECT team_id FROM public.access_grants g
        WHERE g.login = $1 AND team_id IS NOT NULL AND public.skillgap_is_caller($1)
        UNION
        SELECT c.id FROM public.teams c JOIN t ON c.parent_id = t.id
    )
    SELECT id FROM t
$$;

-- Teams: the owner first (the rest as in version 1), so that the definer's read of the
-- sub-teams in skillgap_teams sees them all, whoever is connected.
DROP POLICY read ON teams;
CREATE POLICY read ON teams FOR SELECT USING (
    current_user::text = (SELECT m.value FROM meta m WHERE m.key = 'owner')
    OR (SELECT skillgap_reads_all(current_user::text))
    OR id IN (SELECT skillgap_teams(current_user::text)));
