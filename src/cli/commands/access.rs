//! `skillgap access`: grants on a PostgreSQL database (see store::access).

use crate::cli::{AccessAction, Env};
use crate::store::access::{self, Scope};
use anyhow::Result;

pub fn run(env: &Env, action: AccessAction) -> Result<()> {
    let store = env.open(false)?;
    match action {
        AccessAction::Grant { login, team, org } => {
            let scope = match (team, org) {
                (Some(t), false) => Scope::Team(t),
                _ => Scope::Org,
            };
            access::grant(&store, &login, &scope)?;
            println!("{}", said(&login, &scope, "granted"));
        }
        AccessAction::Revoke { login, team, org } => {
            let scope = match (team, org) {
                (Some(t), _) => Some(Scope::Team(t)),
                (None, true) => Some(Scope::Org),
                (None, false) => None,
            };
            let n = access::revoke(&store, &login, scope.as_ref())?;
            match (n, &scope) {
                (0, _) => println!("{}: had no such grant; nothing changed", text(&login)),
                (_, Some(s)) => println!("{}", said(&login, s, "revoked")),
                (_, None) => println!("{}: every grant revoked", text(&login)),
            }
        }
        AccessAction::List => {
            // Anyone may ask what their own login may see; the owner sees every grant.
            if let Some(own) = access::describe_own(&store)? {
                println!("you: {}", text(&own));
            }
            let grants = match access::list(&store) {
                Ok(g) => g,
                Err(_) if !access::is_owner(&store)? => return Ok(()),
                Err(e) => return Err(e.into()),
            };
            for g in grants {
                match &g.scope {
                    Scope::Org => println!(
                        "{}\torganisation (reads all, edits the catalog)",
                        text(&g.login)
                    ),
                    Scope::Team(t) => println!("{}\tteam {}", text(&g.login), text(t)),
                }
            }
        }
    }
    Ok(())
}

fn text(s: &str) -> String {
    crate::text::inert(s).into_owned()
}

fn said(login: &str, scope: &Scope, verb: &str) -> String {
    match scope {
        Scope::Org => format!("{}: organisation {verb}", text(login)),
        Scope::Team(t) => format!(
            "{}: team {} {verb} (with its sub-teams)",
            text(login),
            text(t)
        ),
    }
}
