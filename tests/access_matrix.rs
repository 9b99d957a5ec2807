//! The permission matrix of SPEC §10 (issue 24): every built-in role × every operation ×
//! a target in and out of the user's scope, each cell executed on its own copy of one
//! workspace, against the table below written from SPEC §10's wording.

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use wfm::WfmError;
use wfm::Workspace;
use wfm::access::{HIDDEN_TARGET, Permission, Scope, User};
use wfm::core::IntervalLength;
use wfm::core::clock::FixedClock;
use wfm::forecasting::ForecastKind;
use wfm::store::{Actor, DocumentId, DocumentKind, GroupEdit};
use wfm::timeoff::{Answer, NewRequest, RequestFilter};

/// The roles, in the column order of [`MATRIX`], with the user of each and their scope.
const ROLES: [(&str, &str); 5] = [
    ("admin", "root"),
    ("planner", "pat"),
    ("supervisor", "sam"),
    ("analyst", "ann"),
    ("agent", "agent1"),
];

/// Per operation (the SPEC §10 permission it exercises) and role: `in/out`, `Y` allowed
/// or `N` refused, for a target in the user's scope (forecast group Support, staffing
/// group Day team, agent agent1) and one outside it (Sales, Sales team, sol). The
/// supervisor is scoped to Day team, the agent to agent1; the others to everything.
/// Written from SPEC §10: supervisors hold the team calendar, time-off approve/edit/view
/// and balances for their groups; analysts every view; agents their own calendar and
/// time-off requests; planners forecasting, capacity and scheduling with publishing.
const MATRIX: &str = "\
operation                 admin planner supervisor analyst agent
forecasting.view          YY    YY      NN         YY      NN
forecasting.edit          YY    YY      NN         NN      NN
forecasting.publish       YY    YY      NN         NN      NN
history.import            YY    YY      NN         NN      NN
capacity.view             YY    YY      NN         YY      NN
capacity.edit             YY    YY      NN         NN      NN
capacity.publish          YY    YY      NN         NN      NN
scheduling.view           YY    YY      NN         YY      NN
scheduling.edit           YY    YY      NN         NN      NN
scheduling.publish        YY    YY      NN         NN      NN
team_calendar.view        YY    YY      YN         YY      NN
team_calendar.edit        YY    YY      YN         NN      NN
agent_calendar.view       YY    YY      YN         YY      YN
agent_calendar.edit       YY    NN      NN         NN      YN
time_off.approve          YY    NN      YN         NN      NN
time_off.request          YY    NN      YN         NN      YN
time_off.cancel           YY    NN      YN         NN      YN
time_off.view             YY    YY      YN         YY      YN
time_off_balance.edit     YY    NN      YN         NN      NN
time_off_balance.view     YY    YY      YN         YY      YN
adherence.view            YY    YY      YN         YY      NN
access.admin              YY    NN      NN         NN      NN
";

/// What a cell's operation acts on.
struct Side {
    group: &'static str,
    agent: &'static str,
    draft: DocumentId,
    published: DocumentId,
    request: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Passed the check and succeeded.
    Done,
    /// Passed the check, then failed for another reason (the fixture's stand-in data).
    PassedThenFailed,
    /// Refused, or (a read) the target's rows filtered out.
    Refused,
}

fn scenario() -> String {
    let toml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/scenarios/timeoff_example.toml"
    ))
    .unwrap();
    let toml = toml.replace(
        "forecast_groups = [\"Support\"]",
        "forecast_groups = [\"Support\", \"Sales\"]",
    );
    // agent1's requests wait for a supervisor; Sales is the other side of every scope
    let toml = toml.replacen(
        "supervisors = [\"sam\"]\ntime_off_requests = true\n",
        "supervisors = [\"sam\"]\ntime_off_requests = true\nsupervisor_approval = true\n",
        1,
    );
    toml + "\n[[staffing_groups]]\nname = \"Sales team\"\nforecast_group = \"Support\"\nprofile = \"Day\"\n\
            agents = [\"sol\"]\nsupervisors = [\"sue\"]\ntime_off_requests = true\nsupervisor_approval = true\n"
}

fn clock(ws: &mut Workspace) {
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
    ws.set_clock(Arc::new(FixedClock::new(at)));
}

/// Builds the template workspace; returns the two sides (in scope, out of scope).
fn template(path: &Path) -> [Side; 2] {
    let mut ws = Workspace::create(path, IntervalLength::Thirty, None).unwrap();
    clock(&mut ws);
    ws.set_actor(Actor::new("root"));
    ws.create_group("Support", &["1001".parse().unwrap()])
        .unwrap();
    ws.create_group("Sales", &["1002".parse().unwrap()])
        .unwrap();
    ws.schedule_scenario()
        .import("matrix.toml", &scenario())
        .unwrap();
    ws.time_off()
        .import_balances(
            "b.csv",
            "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nagent1,VACAY_SK,30\nsol,VACAY_SK,30\n",
        )
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    // the requests first: the stand-in schedule documents below do not decode as
    // schedules, which time off reads (a cell that passes the check may then fail on them)
    let mut request = |agent: &str| {
        ws.time_off()
            .request(&NewRequest::full_days(agent, "VACAY_SK", day, day))
            .unwrap()
            .request
            .id
    };
    let requests = [request("agent1"), request("sol")];
    let side = |ws: &mut Workspace, group: &'static str, agent: &'static str, request: i64| {
        ws.put_json(DocumentKind::Forecast, group, "short", "", &[], &0)
            .unwrap();
        let draft = ws
            .put_json(DocumentKind::Schedule, group, "draft", "", &[], &0)
            .unwrap();
        let published = ws
            .put_json(DocumentKind::Schedule, group, "pub", "", &[], &0)
            .unwrap();
        ws.publish_document(published.id).unwrap();
        Side {
            group,
            agent,
            draft: draft.id,
            published: published.id,
            request,
        }
    };
    let sides = [
        side(&mut ws, "Support", "agent1", requests[0]),
        side(&mut ws, "Sales", "sol", requests[1]),
    ];
    let mut access = ws.access();
    for (role, user) in ROLES {
        let scope = match role {
            "supervisor" => Scope::groups(["Day team"]).unwrap(),
            "agent" => Scope::Agent("agent1".into()),
            _ => Scope::All,
        };
        access
            .add_user(&User::new(user, [role], scope).unwrap())
            .unwrap();
    }
    sides
}

fn has<T>(rows: &[T], agent: &str, of: impl Fn(&T) -> &str) -> Outcome {
    if rows.iter().any(|r| of(r) == agent) {
        Outcome::Done
    } else {
        Outcome::Refused
    }
}

/// Runs `operation` on `s` as the workspace's actor.
fn run(ws: &mut Workspace, operation: &str, s: &Side) -> Result<Outcome, WfmError> {
    let g = s.group;
    Ok(match operation {
        "forecasting.view" => ws.forecasts().has_overrides(g).map(|_| Outcome::Done)?,
        "forecasting.edit" => ws.edit_group(g, &GroupEdit::default()).map(|_| Outcome::Done)?,
        "forecasting.publish" => ws.forecasts().publish(g, ForecastKind::Short).map(|_| Outcome::Done)?,
        "history.import" => ws
            .import_history_text(
                "h.csv",
                b"QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\nQ,1001,VOICE,2026-11-02T08:00:00Z,30mins,10,300,10\n",
                None,
            )
            .map(|_| Outcome::Done)?,
        "capacity.view" => ws.scenarios().get(g, "base").map(|_| Outcome::Done)?,
        "capacity.edit" => ws.scenarios().delete(g, "base").map(|_| Outcome::Done)?,
        "capacity.publish" => ws.plans().publish("q3").map(|_| Outcome::Done)?,
        "scheduling.view" => ws.schedules().get(s.draft).map(|_| Outcome::Done)?,
        "scheduling.edit" => ws.schedules().delete(s.draft).map(|_| Outcome::Done)?,
        "scheduling.publish" => ws.schedules().publish(s.draft).map(|_| Outcome::Done)?,
        "team_calendar.view" => ws.schedules().supervisor_view(s.published, "sam", None).map(|_| Outcome::Done)?,
        "team_calendar.edit" => ws.schedules().undo(s.published, None).map(|_| Outcome::Done)?,
        "agent_calendar.view" => ws.schedules().agent_schedule(s.published, s.agent).map(|_| Outcome::Done)?,
        "agent_calendar.edit" => ws.time_off().answer(1, s.agent, Answer::Accept).map(|_| Outcome::Done)?,
        "time_off.approve" => ws.time_off().approve(s.request, false, "ok").map(|_| Outcome::Done)?,
        "time_off.request" => {
            let day = NaiveDate::from_ymd_opt(2026, 12, 16).unwrap();
            ws.time_off()
                .request(&NewRequest::full_days(s.agent, "VACAY_SK", day, day))
                .map(|_| Outcome::Done)?
        }
        "time_off.cancel" => ws.time_off().cancel(s.request, "no").map(|_| Outcome::Done)?,
        "time_off.view" => has(&ws.time_off().requests(&RequestFilter::default())?, s.agent, |r| &r.agent),
        "time_off_balance.edit" => ws
            .time_off()
            .adjust_balance(s.agent, "VACAY_SK", 3600, "matrix")
            .map(|_| Outcome::Done)?,
        "time_off_balance.view" => has(&ws.time_off().balances(None)?, s.agent, |b| &b.agent),
        "adherence.view" => has(&ws.adherence_visible(vec![s.agent], |a| a)?, s.agent, |a| a),
        "access.admin" => ws.access().users().map(|_| Outcome::Done)?,
        other => panic!("no operation {other}"),
    })
}

fn classify(result: Result<Outcome, WfmError>) -> (Outcome, Option<String>) {
    match result {
        Ok(o) => (o, None),
        Err(e @ WfmError::Forbidden { .. }) => (Outcome::Refused, Some(e.to_string())),
        Err(_) => (Outcome::PassedThenFailed, None),
    }
}

#[test]
fn every_role_operation_and_scope_cell_behaves_as_spec_10_says() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("template.wfm");
    let sides = template(&base);
    let copy = |cell: usize| {
        let copy = dir.path().join(format!("cell{cell}.wfm"));
        std::fs::copy(&base, &copy).unwrap();
        copy
    };
    check_every_cell(&sides, copy, |copy| drop(std::fs::remove_file(copy)));
}

/// The same matrix on PostgreSQL, each cell on its own copy of the template database
/// (`CREATE DATABASE … TEMPLATE`).
#[test]
fn every_cell_behaves_the_same_on_postgresql() {
    let Some(url) = wfm::store::postgres::testing::fresh_database() else {
        return;
    };
    let sides = template(Path::new(&url));
    let (base, name) = url.rsplit_once('/').unwrap();
    let admin = std::env::var("WFM_TEST_POSTGRES").unwrap();
    let client =
        std::cell::RefCell::new(postgres::Client::connect(&admin, postgres::NoTls).unwrap());
    let copy = |cell: usize| {
        let sql = format!("CREATE DATABASE {name}_c{cell} TEMPLATE {name}");
        // the template's last connection may take a moment to end
        for _ in 0..100 {
            match client.borrow_mut().batch_execute(&sql) {
                Ok(()) => break,
                Err(e) if e.code() == Some(&postgres::error::SqlState::OBJECT_IN_USE) => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(e) => panic!("{sql}: {e}"),
            }
        }
        std::path::PathBuf::from(format!("{base}/{name}_c{cell}"))
    };
    let discard = |copy: &Path| {
        let db = copy
            .to_string_lossy()
            .rsplit_once('/')
            .unwrap()
            .1
            .to_owned();
        let sql = format!("DROP DATABASE {db} WITH (FORCE)");
        client.borrow_mut().batch_execute(&sql).unwrap();
    };
    check_every_cell(&sides, copy, discard);
}

/// Runs every cell of [`MATRIX`] on its own `copy(cell)` of the template, then
/// `discard`s it.
fn check_every_cell(
    sides: &[Side; 2],
    mut copy: impl FnMut(usize) -> std::path::PathBuf,
    mut discard: impl FnMut(&Path),
) {
    let rows: Vec<Vec<&str>> = MATRIX
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    let (mut cells, mut failures) = (0, Vec::new());
    let mut tally = std::collections::BTreeMap::new();
    for row in &rows {
        assert_eq!(row.len(), 1 + ROLES.len(), "row {row:?}");
        for (col, (role, user)) in ROLES.iter().enumerate() {
            let expected = row[1 + col].as_bytes();
            for (k, side) in sides.iter().enumerate() {
                cells += 1;
                let copy = copy(cells);
                let mut ws = Workspace::open(&copy).unwrap();
                clock(&mut ws);
                ws.set_actor(Actor::new(*user));
                let (outcome, message) = classify(run(&mut ws, row[0], side));
                *tally.entry(format!("{outcome:?}")).or_insert(0) += 1;
                let allowed = outcome != Outcome::Refused;
                if allowed != (expected[k] == b'Y') {
                    failures.push(format!(
                        "{role} {} on {} scope: expected {}, got {outcome:?} {message:?}",
                        row[0],
                        if k == 0 { "in" } else { "out of" },
                        expected[k] as char
                    ));
                }
                // a refusal on the other side reveals nothing of it
                if let (1, Some(m)) = (k, &message)
                    && !matches!(*role, "admin" | "planner" | "analyst")
                {
                    for secret in ["Sales", "sol"] {
                        if m.contains(secret)
                            || !(m.contains(HIDDEN_TARGET) || m.ends_with("on the workspace"))
                        {
                            failures.push(format!("{role} {}: {m:?} names {secret}", row[0]));
                        }
                    }
                }
                drop(ws);
                discard(&copy);
            }
        }
    }
    assert_eq!(cells, ROLES.len() * rows.len() * 2, "no cell missing");
    println!(
        "permission matrix: {} roles × {} operations × 2 scopes = {cells} cells; {tally:?}; {} wrong",
        ROLES.len(),
        rows.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} cells wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_matrix_names_every_permission() {
    let ops: Vec<&str> = MATRIX
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for p in Permission::ALL {
        let covered = match p {
            Permission::Metrics => ops.contains(&"adherence.view"),
            Permission::TimeOffEdit => ops.contains(&"time_off.request"),
            other => ops.contains(&other.as_str()),
        };
        assert!(covered, "{p} has no row");
    }
}
