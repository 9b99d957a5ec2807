//! Team workspaces (issue 24): who may do what, what a refused read reveals (nothing),
//! and the audit log (same transaction as the change, queryable, exportable, append-only).

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use wfm::WfmError;
use wfm::Workspace;
use wfm::access::{
    AuditQuery, HIDDEN_TARGET, Permission, Role, Scope, User, audit_csv, audit_json,
};
use wfm::core::IntervalLength;
use wfm::core::clock::FixedClock;
use wfm::store::{Actor, DocumentKind};
use wfm::timeoff::{NewRequest, RequestFilter};

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap()
}

/// Support (Day team: agent1 …; sam supervises) and Sales (Sales team: sol), a pending
/// request each, users root (admin), sam (supervisor of Day team), agent1 (agent).
fn team(path: &Path) -> (Workspace, i64, i64) {
    let mut ws = Workspace::create(path, IntervalLength::Thirty, None).unwrap();
    ws.set_clock(Arc::new(FixedClock::new(at())));
    ws.set_actor(Actor::new("root"));
    ws.create_group("Support", &["1001".parse().unwrap()])
        .unwrap();
    ws.create_group("Sales", &["1002".parse().unwrap()])
        .unwrap();
    let toml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/scenarios/timeoff_example.toml"
    ))
    .unwrap()
    .replace(
        "forecast_groups = [\"Support\"]",
        "forecast_groups = [\"Support\", \"Sales\"]",
    )
    .replacen(
        "supervisors = [\"sam\"]\ntime_off_requests = true\n",
        "supervisors = [\"sam\"]\ntime_off_requests = true\nsupervisor_approval = true\n",
        1,
    ) + "\n[[staffing_groups]]\nname = \"Sales team\"\nforecast_group = \"Support\"\nprofile = \"Day\"\n\
         agents = [\"sol\"]\nsupervisors = [\"sue\"]\ntime_off_requests = true\nsupervisor_approval = true\n";
    ws.schedule_scenario().import("team.toml", &toml).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    let mut request = |agent: &str| {
        ws.time_off()
            .request(&NewRequest::full_days(agent, "VACAY_SK", day, day))
            .unwrap()
            .request
            .id
    };
    let (mine, theirs) = (request("agent1"), request("sol"));
    let mut access = ws.access();
    access
        .add_user(&User::new("sam", ["supervisor"], Scope::groups(["Day team"]).unwrap()).unwrap())
        .unwrap();
    access
        .add_user(&User::new("agent1", ["agent"], Scope::Agent("agent1".into())).unwrap())
        .unwrap();
    (ws, mine, theirs)
}

#[test]
fn a_workspace_nobody_configured_lets_everyone_do_everything_and_audits_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws =
        Workspace::create(&dir.path().join("w.wfm"), IntervalLength::Fifteen, None).unwrap();
    ws.set_clock(Arc::new(FixedClock::new(at())));
    ws.set_actor(Actor::new("whoever"));
    ws.create_group("Sales", &["1001".parse().unwrap()])
        .unwrap();
    let g = ws.grants().unwrap();
    assert!(!g.configured && g.permissions.len() == Permission::ALL.len());
    let log = ws.access().audit(&AuditQuery::default()).unwrap();
    assert_eq!(log.len(), 1);
    let e = &log[0].entry;
    assert_eq!(
        (
            e.actor.as_str(),
            e.operation.as_str(),
            e.target.as_str(),
            e.at
        ),
        ("whoever", "group.create", "forecast group Sales", at())
    );
}

#[test]
fn once_users_exist_an_unknown_actor_is_refused_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _, _) = team(&dir.path().join("w.wfm"));
    ws.set_actor(Actor::new("mallory"));
    let e = ws
        .create_group("X", &["1009".parse().unwrap()])
        .unwrap_err();
    assert!(matches!(e, WfmError::Forbidden { .. }), "{e}");
    assert!(e.to_string().contains(HIDDEN_TARGET), "{e}");
    assert!(ws.time_off().requests(&RequestFilter::default()).is_err());
    assert!(ws.access().users().is_err());
}

#[test]
fn a_refusal_in_scope_names_the_permission_and_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, mine, _) = team(&dir.path().join("w.wfm"));
    ws.set_actor(Actor::new("agent1"));
    let e = ws.time_off().approve(mine, false, "").unwrap_err();
    assert_eq!(
        e.to_string(),
        "permission denied: agent1 lacks time_off.approve on agent agent1"
    );
}

#[test]
fn a_refused_read_reveals_nothing_of_other_groups() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, mine, theirs) = team(&dir.path().join("w.wfm"));
    ws.set_actor(Actor::new("sam"));
    // lists: only the supervisor's groups, no count of the others
    let requests = ws.time_off().requests(&RequestFilter::default()).unwrap();
    assert_eq!(requests.iter().map(|r| r.id).collect::<Vec<_>>(), [mine]);
    let by_name = RequestFilter {
        agent: Some("sol".into()),
        ..RequestFilter::default()
    };
    assert!(ws.time_off().requests(&by_name).unwrap().is_empty());
    assert!(
        ws.time_off()
            .balances(None)
            .unwrap()
            .iter()
            .all(|b| b.agent != "sol")
    );
    // errors: another group's request and a request that does not exist read the same
    let other = ws
        .time_off()
        .approve(theirs, false, "")
        .unwrap_err()
        .to_string();
    let missing = ws
        .time_off()
        .approve(9999, false, "")
        .unwrap_err()
        .to_string();
    assert_eq!(other, missing);
    for secret in ["Sales", "sol", &theirs.to_string()] {
        assert!(!other.contains(secret), "{other:?} reveals {secret}");
    }
    assert_eq!(
        other,
        format!("permission denied: sam lacks time_off.approve on {HIDDEN_TARGET}")
    );
    // a group out of scope and a group that does not exist read the same
    let sales = ws
        .schedules()
        .agent_schedule(wfm::store::DocumentId(1), "sol")
        .unwrap_err();
    let nobody = ws
        .schedules()
        .agent_schedule(wfm::store::DocumentId(1), "zed")
        .unwrap_err();
    assert_eq!(sales.to_string(), nobody.to_string());
    // the agent sees only themselves
    ws.set_actor(Actor::new("agent1"));
    let requests = ws.time_off().requests(&RequestFilter::default()).unwrap();
    assert!(requests.iter().all(|r| r.agent == "agent1") && requests.len() == 1);
}

#[test]
fn the_audit_entry_is_stored_with_its_change_and_not_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, mine, _) = team(&dir.path().join("w.wfm"));
    ws.set_actor(Actor::new("sam"));
    // the log as the admin reads it, through a second handle
    let mut root = Workspace::open(&dir.path().join("w.wfm")).unwrap();
    root.set_actor(Actor::new("root"));
    let mut log = || root.access().audit(&AuditQuery::default()).unwrap();
    let before = log().len();
    // a refused change and a failed change leave no entry
    assert!(ws.create_group("X", &["1009".parse().unwrap()]).is_err());
    let bad = NewRequest::full_days("agent1", "NO_SUCH", at().date_naive(), at().date_naive());
    assert!(ws.time_off().request(&bad).is_err());
    assert_eq!(log().len(), before);
    // a change leaves exactly one, in its transaction
    ws.time_off().approve(mine, true, "fine").unwrap();
    let log = log();
    assert_eq!(log.len(), before + 1);
    let e = &log.last().unwrap().entry;
    assert_eq!(
        (
            e.actor.as_str(),
            e.operation.as_str(),
            e.target.as_str(),
            e.detail.clone()
        ),
        (
            "sam",
            "time_off.approve",
            "agent agent1",
            Some(format!("request {mine}"))
        )
    );
}

#[test]
fn the_audit_log_is_queryable_exportable_and_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.wfm");
    let (mut ws, mine, _) = team(&path);
    ws.set_actor(Actor::new("sam"));
    ws.time_off().deny(mine, "no").unwrap();
    ws.set_actor(Actor::new("root"));
    let access = ws.access();
    let by_sam = access
        .audit(&AuditQuery {
            actor: Some("sam".into()),
            ..AuditQuery::default()
        })
        .unwrap();
    assert_eq!(by_sam.len(), 1);
    let time_off = access
        .audit(&AuditQuery {
            operation: Some("time_off.".into()),
            ..AuditQuery::default()
        })
        .unwrap();
    assert!(time_off.len() >= 3, "{time_off:?}"); // two requests, the denial
    let users = access
        .audit(&AuditQuery {
            target: Some("USER SAM".into()),
            ..AuditQuery::default()
        })
        .unwrap();
    assert_eq!(users.len(), 1);
    let later = access
        .audit(&AuditQuery {
            since: Some(at() + chrono::Duration::seconds(1)),
            ..AuditQuery::default()
        })
        .unwrap();
    assert!(later.is_empty());
    let csv = audit_csv(&by_sam).unwrap();
    assert!(csv.starts_with("seq,at,actor,operation,target,detail\n"));
    assert!(csv.contains(",sam,time_off.deny"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&audit_json(&by_sam).unwrap()).unwrap();
    assert_eq!(json[0]["actor"], "sam");
    drop(ws);
    // no API edits it, and the file refuses it too
    let conn = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert!(n > 0);
    let update = conn
        .execute("UPDATE audit_log SET actor = 'x'", [])
        .unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
}

#[test]
fn a_supervisor_has_at_most_45_groups_and_custom_roles_work() {
    assert!(Scope::groups((0..45).map(|i| format!("g{i}"))).is_ok());
    let e = Scope::groups((0..46).map(|i| format!("g{i}"))).unwrap_err();
    assert!(matches!(e, WfmError::OutOfRange { .. }), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _, _) = team(&dir.path().join("w.wfm"));
    let forecaster = Role::custom("forecaster", [Permission::ForecastingEdit]).unwrap();
    ws.access().define_role(&forecaster).unwrap();
    ws.access()
        .add_user(&User::new("fay", ["forecaster"], Scope::All).unwrap())
        .unwrap();
    assert!(
        ws.access()
            .add_user(&User::new("x", ["nope"], Scope::All).unwrap())
            .is_err()
    );
    ws.set_actor(Actor::new("fay"));
    ws.create_group("Billing", &["1003".parse().unwrap()])
        .unwrap();
    let e = ws.forecasts().list().unwrap_err();
    assert!(e.to_string().contains("forecasting.view"), "{e}");
}

#[test]
fn a_supervisor_edits_a_published_schedule_but_not_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _, _) = team(&dir.path().join("w.wfm"));
    let draft = ws
        .put_json(DocumentKind::Schedule, "Support", "d", "", &[], &0)
        .unwrap();
    let published = ws
        .put_json(DocumentKind::Schedule, "Support", "p", "", &[], &0)
        .unwrap();
    ws.publish_document(published.id).unwrap();
    ws.set_actor(Actor::new("sam"));
    // the published one passes the check (then there is nothing to undo)
    let e = ws.schedules().undo(published.id, None).unwrap_err();
    assert!(!matches!(e, WfmError::Forbidden { .. }), "{e}");
    let e = ws.schedules().undo(draft.id, None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "permission denied: sam lacks scheduling.edit on forecast group Support"
    );
}

#[test]
fn sql_values_are_bound_parameters_never_formatted_into_sql() {
    // issue 24 item 6: a scope or name holding SQL is stored and matched literally
    let dir = tempfile::tempdir().unwrap();
    let mut ws =
        Workspace::create(&dir.path().join("w.wfm"), IntervalLength::Fifteen, None).unwrap();
    let scope = "a' OR '1'='1'; DROP TABLE document; --";
    let doc = ws
        .put_json(DocumentKind::Scenario, scope, "n%_", "", &[], &0)
        .unwrap();
    ws.put_json(DocumentKind::Scenario, "other", "m", "", &[], &0)
        .unwrap();
    let found = ws.documents(DocumentKind::Scenario, Some(scope)).unwrap();
    assert_eq!(found.iter().map(|d| d.id).collect::<Vec<_>>(), [doc.id]);
    assert!(
        ws.documents(DocumentKind::Scenario, Some("%"))
            .unwrap()
            .is_empty()
    );
    assert_eq!(ws.documents(DocumentKind::Scenario, None).unwrap().len(), 2);
}

/// Regression (issue 24): `wfm groups|queues|history list` and their Python twins read the
/// unchecked listings, so any actor — an agent too — saw every forecast group's and
/// queue's name. The listings now need a planning view and are scoped.
#[test]
fn the_listings_of_groups_queues_and_sources_show_nothing_without_a_planning_view() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _, _) = team(&dir.path().join("w.wfm"));
    assert_eq!(ws.visible_groups().unwrap().len(), 2);
    assert_eq!(ws.visible_queues().unwrap().len(), 2);
    ws.visible_sources().unwrap();
    ws.access()
        .add_user(&User::new("ann", ["analyst"], Scope::All).unwrap())
        .unwrap();
    ws.set_actor(Actor::new("ann"));
    assert_eq!(ws.visible_groups().unwrap().len(), 2);
    for actor in ["agent1", "sam", "stranger"] {
        ws.set_actor(Actor::new(actor));
        let errors = [
            ws.visible_groups().map(|_| ()).unwrap_err(),
            ws.visible_queues().map(|_| ()).unwrap_err(),
            ws.visible_sources().map(|_| ()).unwrap_err(),
        ];
        for e in errors {
            assert!(matches!(e, WfmError::Forbidden { .. }), "{actor}: {e}");
            for secret in ["Sales", "Support", "1001", "1002"] {
                assert!(!e.to_string().contains(secret), "{e} reveals {secret}");
            }
        }
    }
}
