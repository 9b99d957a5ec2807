//! `wfm users …` and `wfm roles …`: the users of a team workspace, their roles and scopes
//! (SPEC §10), and the roles. Every command runs as `--actor` / `$WFM_ACTOR` / `$USER`
//! and needs `access.admin` once the workspace has users.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use comfy_table::Cell;
use wfm::access::{Permission, Role, Scope, User};

use super::{table, workspace};

#[derive(Debug, Args)]
pub struct UsersArgs {
    #[command(subcommand)]
    command: UsersCommand,
}

/// Where a user's permissions apply (default: the whole workspace).
#[derive(Debug, Args)]
struct ScopeArgs {
    /// Staffing groups (a supervisor's, at most 45), comma-separated.
    #[arg(long, value_delimiter = ',', conflicts_with = "agent")]
    groups: Vec<String>,
    /// One agent id: themselves (an agent's).
    #[arg(long)]
    agent: Option<String>,
}

impl ScopeArgs {
    fn scope(&self) -> Result<Scope> {
        Ok(match (&self.agent, self.groups.is_empty()) {
            (Some(a), _) => Scope::Agent(a.trim().to_owned()),
            (None, false) => Scope::groups(self.groups.iter().cloned())?,
            (None, true) => Scope::All,
        })
    }
}

#[derive(Debug, Subcommand)]
enum UsersCommand {
    /// Add (or replace) a user with roles and a scope. The first user added by someone
    /// else makes that someone an admin.
    Add {
        /// The user's name: the actor name they act as.
        name: String,
        /// Their roles (built-in: admin, planner, supervisor, analyst, agent; or custom).
        #[arg(long = "role", required = true, value_delimiter = ',')]
        roles: Vec<String>,
        #[command(flatten)]
        scope: ScopeArgs,
    },
    /// Every user with roles and scope.
    List,
    /// Remove a user.
    Remove {
        /// The user's name.
        name: String,
    },
    /// Give a user a role.
    Grant {
        /// The user's name.
        name: String,
        /// The role.
        role: String,
    },
    /// Take a role from a user.
    Revoke {
        /// The user's name.
        name: String,
        /// The role.
        role: String,
    },
    /// Set a user's scope (no option: the whole workspace).
    Scope {
        /// The user's name.
        name: String,
        #[command(flatten)]
        scope: ScopeArgs,
    },
}

#[derive(Debug, Args)]
pub struct RolesArgs {
    #[command(subcommand)]
    command: RolesCommand,
}

#[derive(Debug, Subcommand)]
enum RolesCommand {
    /// Every role (built-in and custom) with its permissions.
    List,
    /// One role's permissions.
    Show {
        /// The role.
        name: String,
    },
    /// Define (or redefine) a custom role as a set of permissions.
    Define {
        /// The role's name.
        name: String,
        /// Its permissions (`forecasting.view`, `time_off.approve`, …).
        #[arg(required = true)]
        permissions: Vec<String>,
    },
}

fn user_row(u: &User) -> Vec<Cell> {
    let roles: Vec<&str> = u.roles.iter().map(String::as_str).collect();
    vec![
        Cell::new(&u.name),
        Cell::new(roles.join(", ")),
        Cell::new(u.scope.to_string()),
    ]
}

pub fn run_users(args: &UsersArgs, path: Option<&PathBuf>) -> Result<()> {
    let reads_only = matches!(args.command, UsersCommand::List);
    let mut ws = workspace::open_for(path.map(PathBuf::as_path), reads_only)?;
    let mut access = ws.access();
    match &args.command {
        UsersCommand::Add { name, roles, scope } => {
            let user = User::new(name, roles, scope.scope()?)?;
            access.add_user(&user)?;
            println!("user {} added ({})", user.name, user.scope);
        }
        UsersCommand::List => {
            let mut t = table::new(&["user", "roles", "scope"]);
            for u in access.users()? {
                t.add_row(user_row(&u));
            }
            println!("{}", table::show(&t));
        }
        UsersCommand::Remove { name } => {
            access.remove_user(name)?;
            println!("user {} removed", name.trim().to_lowercase());
        }
        UsersCommand::Grant { name, role } => {
            let u = access.grant(name, role)?;
            println!(
                "user {} now has role {}",
                u.name,
                role.trim().to_lowercase()
            );
        }
        UsersCommand::Revoke { name, role } => {
            let u = access.revoke(name, role)?;
            println!(
                "user {} no longer has role {}",
                u.name,
                role.trim().to_lowercase()
            );
        }
        UsersCommand::Scope { name, scope } => {
            let u = access.set_scope(name, scope.scope()?)?;
            println!("user {} scope: {}", u.name, u.scope);
        }
    }
    Ok(())
}

fn role_row(r: &Role) -> Vec<Cell> {
    let perms: Vec<&str> = r.permissions.iter().map(|p| p.as_str()).collect();
    vec![
        Cell::new(&r.name),
        Cell::new(if r.builtin { "built-in" } else { "custom" }),
        Cell::new(perms.join(" ")),
    ]
}

pub fn run_roles(args: &RolesArgs, path: Option<&PathBuf>) -> Result<()> {
    let reads_only = !matches!(args.command, RolesCommand::Define { .. });
    let mut ws = workspace::open_for(path.map(PathBuf::as_path), reads_only)?;
    let mut access = ws.access();
    match &args.command {
        RolesCommand::List => {
            let mut t = table::new(&["role", "kind", "permissions"]);
            for r in access.roles()? {
                t.add_row(role_row(&r));
            }
            println!("{}", table::show(&t));
        }
        RolesCommand::Show { name } => {
            for p in access.role(name)?.permissions {
                println!("{p}");
            }
        }
        RolesCommand::Define { name, permissions } => {
            let perms = permissions
                .iter()
                .map(|p| p.parse::<Permission>())
                .collect::<wfm::Result<Vec<_>>>()?;
            let role = Role::custom(name, perms)?;
            access.define_role(&role)?;
            println!(
                "role {} defined ({} permissions)",
                role.name,
                role.permissions.len()
            );
        }
    }
    Ok(())
}
