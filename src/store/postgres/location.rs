//! A PostgreSQL workspace location: the connection string, its password resolved, and
//! the redacted form that is the only one ever shown (`Debug`, `Display`, errors, logs,
//! exports): `postgres://user:***@host/db`.
//!
//! The password comes, in this order, from the URL itself, from `PGPASSWORD`, or from
//! the file named by `WFM_PG_PASSWORD_FILE` (its first line), as libpq reads them.

use std::str::FromStr;

use postgres::{Client, Config, NoTls};

use crate::error::{Item, ItemKind, Result, WfmError};

/// Whether a workspace location names a PostgreSQL database (`postgres://…` or
/// `postgresql://…`); anything else is a SQLite file.
///
/// ```
/// use wfm::store::postgres::is_postgres;
/// assert!(is_postgres("postgresql://planner@db.example/wfm"));
/// assert!(!is_postgres("/home/planner/plan.wfm"));
/// ```
pub fn is_postgres(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// A `postgres://` connection string with every password replaced by `***` (in the user info and in a
/// `password=` parameter): what may be shown. Any other location is returned as it is.
///
/// ```
/// use wfm::store::postgres::redact;
/// assert_eq!(redact("postgres://ana:s3cret@db:5432/wfm"), "postgres://ana:***@db:5432/wfm");
/// assert_eq!(redact("postgres://ana@db/wfm?password=x&sslmode=disable"),
///            "postgres://ana@db/wfm?password=***&sslmode=disable");
/// assert_eq!(redact("postgres://db/wfm"), "postgres://db/wfm");
/// assert_eq!(redact("/home/ana:x@y/plan.wfm"), "/home/ana:x@y/plan.wfm"); // a file path
/// ```
pub fn redact(url: &str) -> String {
    if !is_postgres(url) {
        return url.to_owned();
    }
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (head, query) = match rest.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match head.find('/') {
        Some(i) => head.split_at(i),
        None => (head, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => format!("{user_info}@{host}"),
        },
        None => authority.to_owned(),
    };
    let mut out = if scheme.is_empty() {
        format!("{authority}{path}")
    } else {
        format!("{scheme}://{authority}{path}")
    };
    if let Some(q) = query {
        let params: Vec<String> = q
            .split('&')
            .map(|p| match p.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => p.to_owned(),
            })
            .collect();
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

/// A PostgreSQL workspace location: connects with the password, shows only the redacted
/// form.
///
/// ```
/// use wfm::store::postgres::PgLocation;
/// let at = PgLocation::parse("postgres://ana:s3cret@localhost/wfm")?;
/// assert_eq!(at.to_string(), "postgres://ana:***@localhost/wfm");
/// assert!(!format!("{at:?}").contains("s3cret"));
/// # Ok::<(), wfm::WfmError>(())
/// ```
#[derive(Clone)]
pub struct PgLocation {
    config: Config,
    shown: String,
}

impl std::fmt::Debug for PgLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PgLocation").field(&self.shown).finish()
    }
}

impl std::fmt::Display for PgLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

/// The password from the environment: `PGPASSWORD`, else the first line of the file
/// `WFM_PG_PASSWORD_FILE` names.
fn password_from_env() -> Result<Option<String>> {
    password_from(
        std::env::var("PGPASSWORD").ok(),
        std::env::var_os("WFM_PG_PASSWORD_FILE").map(std::path::PathBuf::from),
    )
}

/// The password of `PGPASSWORD`'s value, else of the password file's first line.
fn password_from(
    variable: Option<String>,
    file: Option<std::path::PathBuf>,
) -> Result<Option<String>> {
    if let Some(p) = variable.filter(|p| !p.is_empty()) {
        return Ok(Some(p));
    }
    let Some(path) = file else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&path).map_err(|e| WfmError::io(&path, e))?;
    Ok(text.lines().next().map(str::to_owned))
}

impl PgLocation {
    /// Parses a `postgres://` connection string and resolves its password (see the
    /// module).
    ///
    /// # Errors
    /// `InvalidArgument` (showing the redacted form) if it does not parse; `Io` if the
    /// password file cannot be read.
    pub fn parse(url: &str) -> Result<Self> {
        let shown = redact(url);
        let mut config = Config::from_str(url).map_err(|e| WfmError::InvalidArgument {
            argument: "workspace location",
            value: shown.clone(),
            expected: format!("a PostgreSQL URL postgres://user@host:port/database ({e})"),
        })?;
        if config.get_password().is_none()
            && let Some(p) = password_from_env()?
        {
            config.password(p);
        }
        Ok(Self { config, shown })
    }

    /// The redacted form (no password).
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// A new connection (no TLS: a local socket or a trusted network).
    ///
    /// # Errors
    /// `NotFound` if the database does not exist; `Store` if the server cannot be
    /// reached or refuses the login (never naming the password).
    pub(crate) fn connect(&self) -> Result<Client> {
        self.config.connect(NoTls).map_err(|e| {
            if e.code() == Some(&postgres::error::SqlState::INVALID_CATALOG_NAME) {
                WfmError::NotFound {
                    item: Item::new(ItemKind::Workspace, &self.shown),
                }
            } else {
                WfmError::Store(format!("{}: {}", self.shown, super::describe(&e)))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_comes_from_the_variable_or_else_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pw");
        std::fs::write(&file, "fromfile\nignored\n").unwrap();
        let got = |v: Option<&str>, f: Option<&std::path::Path>| {
            password_from(v.map(str::to_owned), f.map(std::path::Path::to_owned)).unwrap()
        };
        assert_eq!(
            got(Some("fromenv"), Some(&file)).as_deref(),
            Some("fromenv")
        );
        assert_eq!(got(Some(""), Some(&file)).as_deref(), Some("fromfile"));
        assert_eq!(got(None, Some(&file)).as_deref(), Some("fromfile"));
        assert_eq!(got(None, None), None);
        let missing = password_from(None, Some(dir.path().join("none"))).unwrap_err();
        assert!(matches!(missing, WfmError::Io { .. }), "{missing}");
    }

    #[test]
    fn a_password_in_the_url_wins() {
        let at = PgLocation::parse("postgres://ana:inurl@localhost/wfm").unwrap();
        assert_eq!(at.config.get_password(), Some(&b"inurl"[..]));
    }

    #[test]
    fn a_password_is_never_shown() {
        for url in [
            "postgres://ana:s3cret@db.example:5432/wfm",
            "postgresql://ana:s3cret@db.example/wfm?sslmode=disable",
            "postgres://ana@db.example/wfm?password=s3cret",
            "postgres://ana:s3cret@/wfm?host=/tmp",
        ] {
            let at = PgLocation::parse(url).unwrap();
            for shown in [at.to_string(), format!("{at:?}"), redact(url)] {
                assert!(!shown.contains("s3cret"), "{shown}");
                assert!(shown.contains("***"), "{shown}");
            }
        }
        let err = PgLocation::parse("postgres://ana:s3cret@db:notaport/wfm").unwrap_err();
        assert!(!err.to_string().contains("s3cret"), "{err}");
        assert!(!format!("{err:?}").contains("s3cret"), "{err:?}");
    }
}
