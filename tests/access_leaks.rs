//! Regressions of two holes left after issue 24 (team workspaces): the raw store was
//! public (`Workspace::store()`/`store_mut()`: every table past every check), and the
//! overtime offers and allowances were listed whole to anyone holding a view
//! permission, whatever their scope.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use wfm::WfmError;
use wfm::Workspace;
use wfm::access::{AuditQuery, Scope, User};
use wfm::core::IntervalLength;
use wfm::core::clock::FixedClock;
use wfm::scheduler::timeoff::{OfferedTo, SlotKind};
use wfm::store::Actor;
use wfm::timeoff::{Answer, NewOffer, OfferState};

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
}

/// Three teams: Day team (forecast group Support: agent1, ana, ben, carla; sam
/// supervises), Sales team (Support too: sol; sue supervises) and Sales desk (forecast
/// group Sales: sal; syd supervises). Allowances for both forecast groups; overtime
/// offered to Day team, to Sales team and to agent1 and sol together, which both
/// accepted (time off knows the agents of the configuration's forecast group, Support).
/// Users: root (admin), sam, sue and syd (supervisors of their team), agent1 (agent).
fn two_teams(path: &Path) -> Workspace {
    let mut ws = Workspace::create(path, IntervalLength::Thirty, None).unwrap();
    ws.set_clock(Arc::new(FixedClock::new(at(1, 8))));
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
    ) + "\n[[staffing_groups]]\nname = \"Sales team\"\nforecast_group = \"Support\"\nprofile = \"Day\"\n\
         agents = [\"sol\"]\nsupervisors = [\"sue\"]\ntime_off_requests = true\n\
         \n[[staffing_groups]]\nname = \"Sales desk\"\nforecast_group = \"Sales\"\nprofile = \"Day\"\n\
         agents = [\"sal\"]\nsupervisors = [\"syd\"]\ntime_off_requests = true\n";
    ws.schedule_scenario().import("teams.toml", &toml).unwrap();
    ws.time_off()
        .import_allowances(
            "a.csv",
            "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n\
             Support,VACAY_SK,2026-12-20T09:00:00,2026-12-20T10:00:00,3\n\
             Sales,VACAY_SK,2026-12-20T09:00:00,2026-12-20T10:00:00,2\n",
        )
        .unwrap();
    for to in [
        OfferedTo::Group("Day team".into()),
        OfferedTo::Group("Sales team".into()),
        OfferedTo::Agents(vec!["agent1".into(), "sol".into()]),
    ] {
        ws.time_off()
            .open_slots(&NewOffer {
                kind: SlotKind::Overtime,
                start: at(15, 14),
                end: at(15, 16),
                activity: "Phones".into(),
                reason: "hot afternoon".into(),
                slots: 2,
                offered_to: to,
            })
            .unwrap();
    }
    for agent in ["agent1", "sol"] {
        ws.time_off().answer(3, agent, Answer::Accept).unwrap();
    }
    let mut access = ws.access();
    for (name, role, scope) in [
        ("sam", "supervisor", Scope::groups(["Day team"]).unwrap()),
        ("sue", "supervisor", Scope::groups(["Sales team"]).unwrap()),
        ("syd", "supervisor", Scope::groups(["Sales desk"]).unwrap()),
        ("agent1", "agent", Scope::Agent("agent1".into())),
    ] {
        access
            .add_user(&User::new(name, [role], scope).unwrap())
            .unwrap();
    }
    ws
}

/// Per offer: its number, the agents shown and the agents whose responses are shown.
fn shown(offers: &[OfferState]) -> Vec<(i64, Vec<&str>, Vec<&str>)> {
    offers
        .iter()
        .map(|o| {
            (
                o.offer.id,
                o.offer.agents.iter().map(String::as_str).collect(),
                o.responses.iter().map(|r| r.agent.as_str()).collect(),
            )
        })
        .collect()
}

#[test]
fn a_non_admin_cannot_reach_the_raw_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = two_teams(&dir.path().join("w.wfm"));
    let entries = |ws: &Workspace| ws.backend().unwrap().audit(&AuditQuery::default()).unwrap();
    let before = entries(&ws).len();
    for user in ["sam", "agent1", "mallory"] {
        ws.set_actor(Actor::new(user));
        // refused as the other admin operations are, with the same error
        let users = ws.access().users().unwrap_err().to_string();
        for e in [
            ws.backend().map(|_| ()).unwrap_err(),
            ws.backend_mut().map(|_| ()).unwrap_err(),
        ] {
            assert!(matches!(e, WfmError::Forbidden { .. }), "{e}");
            assert_eq!(e.to_string(), users);
        }
    }
    // the admin reaches it; taking it for writing is audited, a refusal leaves nothing
    ws.set_actor(Actor::new("root"));
    assert_eq!(entries(&ws).len(), before);
    assert_eq!(ws.backend_mut().unwrap().users().unwrap().len(), 5);
    let log = entries(&ws);
    assert_eq!(log.len(), before + 1);
    let e = &log.last().unwrap().entry;
    assert_eq!(
        (e.actor.as_str(), e.operation.as_str(), e.target.as_str()),
        ("root", "workspace.backend_write", "the workspace")
    );
}

#[test]
fn offers_are_filtered_by_the_actors_scope() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = two_teams(&dir.path().join("w.wfm"));
    let mut offers_of = |user: &str| {
        ws.set_actor(Actor::new(user));
        let offers = ws.time_off().offers().unwrap();
        shown(&offers)
            .into_iter()
            .map(|(id, a, r)| {
                let own = |v: Vec<&str>| v.into_iter().map(str::to_owned).collect::<Vec<_>>();
                (id, own(a), own(r))
            })
            .collect::<Vec<_>>()
    };
    let day_team = ["agent1", "ana", "ben", "carla"].map(String::from).to_vec();
    let both = vec!["agent1".to_owned(), "sol".to_owned()];
    let (agent1, sol) = (vec!["agent1".to_owned()], vec!["sol".to_owned()]);
    // the admin sees every offer whole
    assert_eq!(
        offers_of("root"),
        [
            (1, day_team.clone(), vec![]),
            (2, sol.clone(), vec![]),
            (3, both.clone(), both.clone()),
        ]
    );
    // a supervisor: their team's offer whole, of the mixed one only their agents,
    // nothing of the other team's
    assert_eq!(
        offers_of("sam"),
        [(1, day_team, vec![]), (3, agent1.clone(), agent1.clone()),]
    );
    assert_eq!(
        offers_of("sue"),
        [(2, sol.clone(), vec![]), (3, sol.clone(), sol)]
    );
    assert!(offers_of("syd").is_empty());
    // an agent: the offers made to them, with their own response only
    assert_eq!(
        offers_of("agent1"),
        [(1, agent1.clone(), vec![]), (3, agent1.clone(), agent1)]
    );
}

#[test]
fn the_mixed_offer_names_only_the_agents_in_scope() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = two_teams(&dir.path().join("w.wfm"));
    ws.set_actor(Actor::new("sam"));
    let offers = ws.time_off().offers().unwrap();
    let csv = wfm::timeoff::offers_csv(&offers);
    assert!(!csv.contains("sol") && !csv.contains("Sales"), "{csv}");
    let mixed = offers.iter().find(|o| o.offer.id == 3).unwrap();
    assert_eq!(
        mixed.offer.offered_to,
        OfferedTo::Agents(vec!["agent1".into()])
    );
    assert_eq!(mixed.accepted(), 1);
}

#[test]
fn allowances_are_filtered_by_the_actors_scope() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = two_teams(&dir.path().join("w.wfm"));
    let mut groups_of = |user: &str, asked: &[&str]| {
        ws.set_actor(Actor::new(user));
        let asked: Vec<String> = asked.iter().map(|g| (*g).to_owned()).collect();
        let slots = ws.time_off().allowances(&asked).unwrap();
        slots.into_iter().map(|s| s.key.group).collect::<Vec<_>>()
    };
    assert_eq!(groups_of("root", &[]), ["Sales", "Support"]);
    assert_eq!(groups_of("sam", &[]), ["Support"]);
    assert_eq!(groups_of("sue", &[]), ["Support"]);
    assert_eq!(groups_of("syd", &[]), ["Sales"]);
    // an agent sees the allowance their own requests draw on
    assert_eq!(groups_of("agent1", &[]), ["Support"]);
    // asking for another team's group by name reveals nothing, not even that it exists
    assert!(groups_of("sam", &["Sales"]).is_empty());
    assert!(groups_of("sam", &["Nowhere"]).is_empty());
    assert_eq!(groups_of("sam", &["Support", "Sales"]), ["Support"]);
}

// ---- adherence: the live monitor, the service impact and the double bookings -------

fn monday() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

/// Support's example configuration, and a published week (from Monday 2026-03-02) in
/// which ana (Day team) works 09–17 and max (Evening team) 14–22 on Monday. Users: root
/// (admin) and sam (supervisor of Day team).
fn published_week(path: &Path) -> Workspace {
    use wfm::scheduler::generate::{Gap, HorizonReport, IntervalForecast};
    use wfm::scheduler::{AgentSchedule, Scenario, Schedule, Shift};
    use wfm::scheduling::workspace::StoredSchedule;
    use wfm::store::DocumentKind;
    let mut ws = Workspace::create(path, IntervalLength::Thirty, None).unwrap();
    ws.set_clock(Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap(),
    )));
    ws.set_actor(Actor::new("root"));
    ws.create_group("Support", &["1001".parse().unwrap()])
        .unwrap();
    let toml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/scenarios/schedule_example.toml"
    ))
    .unwrap();
    ws.schedule_scenario()
        .import("example.toml", &toml)
        .unwrap();
    let scenario = Scenario::from_toml(&toml, "example").unwrap();
    let shift = |a: u32, b: u32| Shift {
        date: monday(),
        start: Utc.with_ymd_and_hms(2026, 3, 2, a, 0, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2026, 3, 2, b, 0, 0).unwrap(),
        activities: vec![],
    };
    let schedule = Schedule {
        agents: [("ana", shift(9, 17)), ("max", shift(14, 22))]
            .into_iter()
            .map(|(a, s)| AgentSchedule {
                agent: a.into(),
                shifts: vec![s],
            })
            .collect(),
    };
    let forecast = ws
        .put_json(DocumentKind::Forecast, "Support", "short", "", &[], &0)
        .unwrap()
        .id;
    let stored = StoredSchedule {
        forecast_group: "Support".into(),
        staffing_groups: vec!["Day team".into(), "Evening team".into()],
        start: monday(),
        end: monday() + chrono::Duration::days(6),
        channel: wfm::core::Channel::Voice,
        scenario_id: forecast,
        scenario: scenario.config().clone(),
        forecast_id: forecast,
        report: HorizonReport::from_weeks(&scenario, &schedule, vec![], Gap::ONE_PERCENT, 0.0),
        schedule,
        annotations: Default::default(),
        demand: vec![
            IntervalForecast {
                volume: 5.0,
                aht_seconds: 180.0
            };
            7 * 96
        ],
        created_at: String::new(),
    };
    let id = ws
        .put_json(
            DocumentKind::Schedule,
            "Support",
            "week",
            "",
            &[forecast],
            &stored,
        )
        .unwrap()
        .id;
    ws.publish_document(id).unwrap();
    let sam = User::new("sam", ["supervisor"], Scope::groups(["Day team"]).unwrap()).unwrap();
    ws.access().add_user(&sam).unwrap();
    ws
}

#[test]
fn the_adherence_monitor_and_service_impact_show_a_supervisor_only_their_team() {
    use wfm::adherence::{day_impact, monitor_for_day};
    use wfm::scheduler::adherence::ALL_TEAMS;
    let dir = tempfile::tempdir().unwrap();
    let mut ws = published_week(&dir.path().join("w.wfm"));
    let noon = Utc
        .with_ymd_and_hms(2026, 3, 2, 15, 0, 0)
        .unwrap()
        .timestamp_millis();
    let mut seen = |user: &str| {
        ws.set_actor(Actor::new(user));
        let monitor = monitor_for_day(&ws, monday(), &[], 10).unwrap();
        let agents: Vec<String> = monitor
            .statuses(noon)
            .into_iter()
            .map(|s| s.agent)
            .collect();
        let mut teams: Vec<String> = day_impact(&ws, monday())
            .unwrap()
            .into_iter()
            .map(|r| r.team)
            .collect();
        teams.dedup();
        teams.sort();
        teams.dedup();
        (agents, teams)
    };
    let (agents, teams) = seen("root");
    assert_eq!(agents, ["ana", "max"]);
    assert_eq!(teams, [ALL_TEAMS, "Day team", "Evening team"]);
    let (agents, teams) = seen("sam");
    assert_eq!(agents, ["ana"]);
    assert_eq!(teams, ["Day team"]);
}

/// `published_schedules` was public and unchecked, and the sample events it fed gave
/// anyone every agent's shifts; `sample_day_events` now shows an actor only the agents in
/// their scope, and needs `metrics.view`.
#[test]
fn sample_events_show_a_supervisor_only_their_team() {
    use wfm::adherence::sample_day_events;
    use wfm::scheduler::adherence::SampleOptions;
    let dir = tempfile::tempdir().unwrap();
    let mut ws = published_week(&dir.path().join("w.wfm"));
    let ana = User::new("ana", ["agent"], Scope::Agent("ana".into())).unwrap();
    ws.access().add_user(&ana).unwrap();
    let mut agents = |user: &str| {
        ws.set_actor(Actor::new(user));
        sample_day_events(&ws, monday(), &SampleOptions::default()).map(|events| {
            let mut a: Vec<String> = events.into_iter().map(|e| e.agent.to_string()).collect();
            a.sort();
            a.dedup();
            a
        })
    };
    assert_eq!(agents("root").unwrap(), ["ana", "max"]);
    assert_eq!(agents("sam").unwrap(), ["ana"]);
    let refused = agents("ana");
    assert!(
        matches!(refused, Err(WfmError::Forbidden { .. })),
        "an agent has no metrics.view: {refused:?}"
    );
    ws.set_actor(Actor::new("root"));
    let tuesday_next_week = monday() + chrono::Duration::days(8);
    let none = sample_day_events(&ws, tuesday_next_week, &SampleOptions::default());
    assert!(
        matches!(none, Err(WfmError::Precondition { .. })),
        "{none:?}"
    );
}

/// `TimeOff::suggest` gave the latest published schedule's overtime and VTO slots to
/// anyone with the permissions, whatever their scope; now the latest schedule of a
/// forecast group in scope (as the allowances).
#[test]
fn suggested_slots_are_of_a_forecast_group_in_scope() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = published_week(&dir.path().join("w.wfm"));
    for (name, group) in [("eve", "Evening team"), ("sol", "Sales team")] {
        let user = User::new(name, ["admin"], Scope::groups([group]).unwrap()).unwrap();
        ws.access().add_user(&user).unwrap();
    }
    let mut suggest = |user: &str| {
        ws.set_actor(Actor::new(user));
        ws.time_off().suggest()
    };
    let all = suggest("root").unwrap();
    assert!(!all.is_empty());
    // Evening team's forecast group is Support, whose schedule it is
    assert_eq!(suggest("eve").unwrap(), all);
    let none = suggest("sol");
    assert!(
        matches!(none, Err(WfmError::Precondition { .. })),
        "{none:?}"
    );
}

// The generic document and history methods (`put_json`, `get_json`, `documents`,
// `publish_document`, `delete_document`, `load_history`, …) were public and unchecked:
// anyone linking the crate read, wrote and published any group's documents past the
// checks of the typed operations.

use wfm::access::{Permission, Role};
use wfm::store::{DocumentId, DocumentKind};

/// Two forecast groups, a forecast draft of each and a published one of Support; users:
/// root (admin), lena (a custom "lead" role: forecasting view, edit and publish) scoped
/// to Sales desk (forecast group Sales), ann (analyst: every view, no edit) of the whole
/// workspace. Returns the Sales draft, the Support draft and the Support published one.
fn two_groups_with_forecasts(path: &Path) -> (Workspace, [DocumentId; 3]) {
    let mut ws = two_teams(path);
    let sales = ws
        .put_json(DocumentKind::Forecast, "Sales", "short", "", &[], &1)
        .unwrap()
        .id;
    let support = ws
        .put_json(DocumentKind::Forecast, "Support", "short", "", &[], &2)
        .unwrap()
        .id;
    let published = ws
        .put_json(DocumentKind::Forecast, "Support", "long", "", &[], &3)
        .unwrap()
        .id;
    ws.publish_document(published).unwrap();
    let mut access = ws.access();
    let lead = [
        Permission::ForecastingView,
        Permission::ForecastingEdit,
        Permission::ForecastingPublish,
    ];
    access
        .define_role(&Role::custom("lead", lead).unwrap())
        .unwrap();
    let sales_desk = Scope::groups(["Sales desk"]).unwrap();
    access
        .add_user(&User::new("lena", ["lead"], sales_desk).unwrap())
        .unwrap();
    access
        .add_user(&User::new("ann", ["analyst"], Scope::All).unwrap())
        .unwrap();
    (ws, [sales, support, published])
}

fn is_forbidden<T: std::fmt::Debug>(r: wfm::Result<T>) -> bool {
    matches!(r, Err(WfmError::Forbidden { .. }))
}

#[test]
fn a_lead_of_one_group_cannot_read_or_change_another_groups_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, [sales, support, published]) =
        two_groups_with_forecasts(&dir.path().join("w.wfm"));
    ws.set_actor(Actor::new("lena"));
    // their own group's: readable and writable
    assert_eq!(ws.get_json::<i32>(sales).unwrap().1, 1);
    let own = ws
        .put_json(DocumentKind::Forecast, "Sales", "long", "", &[], &4)
        .unwrap();
    ws.publish_document(own.id).unwrap();
    // the other group's: refused, naming nothing of it
    let refused = ws.get_json::<i32>(support).unwrap_err();
    assert!(matches!(&refused, WfmError::Forbidden { target, .. }
        if target == wfm::access::HIDDEN_TARGET));
    assert!(!refused.to_string().contains("Support"));
    let put = ws.put_json(DocumentKind::Forecast, "Support", "short", "", &[], &9);
    assert!(is_forbidden(put));
    let draft = ws.put_draft_json(DocumentKind::Forecast, "Support", "short", "", &[], &9);
    assert!(is_forbidden(draft));
    assert!(is_forbidden(ws.replace_json(support, "", &[], &9)));
    assert!(is_forbidden(ws.publish_document(support)));
    assert!(is_forbidden(ws.publish_replacing(
        support,
        &[published],
        &[]
    )));
    assert!(is_forbidden(ws.delete_document(support)));
    assert!(is_forbidden(ws.latest(
        DocumentKind::Forecast,
        "Support",
        "long",
        None
    )));
    assert!(is_forbidden(
        ws.load_history(Some(&["1001".parse().unwrap()]))
    ));
    assert!(is_forbidden(ws.load_history(None)));
    assert!(ws.load_history(Some(&["1002".parse().unwrap()])).is_ok());
    // an unknown document is refused the same way: its existence is not revealed
    assert!(is_forbidden(ws.get_json::<i32>(DocumentId(999))));
    // nothing of Support changed
    ws.set_actor(Actor::new("root"));
    assert_eq!(ws.get_json::<i32>(support).unwrap().1, 2);
    let support_docs = ws
        .documents(DocumentKind::Forecast, Some("Support"))
        .unwrap();
    assert_eq!(support_docs.len(), 2);
}

#[test]
fn documents_lists_only_what_the_actor_may_see() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, [sales, ..]) = two_groups_with_forecasts(&dir.path().join("w.wfm"));
    ws.set_actor(Actor::new("lena"));
    let mine: Vec<_> = ws
        .documents(DocumentKind::Forecast, None)
        .unwrap()
        .into_iter()
        .map(|d| (d.id, d.scope))
        .collect();
    assert_eq!(mine, [(sales, "Sales".to_owned())]);
    assert!(
        ws.documents(DocumentKind::Forecast, Some("Support"))
            .unwrap()
            .is_empty()
    );
    // no capacity view: capacity documents are refused, not listed empty
    assert!(is_forbidden(ws.documents(DocumentKind::Plan, None)));
    ws.set_actor(Actor::new("ann"));
    assert_eq!(ws.documents(DocumentKind::Forecast, None).unwrap().len(), 3);
    ws.set_actor(Actor::new("agent1"));
    assert!(is_forbidden(ws.documents(DocumentKind::Schedule, None)));
}

#[test]
fn a_viewer_without_edit_cannot_write_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, [sales, support, _]) = two_groups_with_forecasts(&dir.path().join("w.wfm"));
    ws.set_actor(Actor::new("ann"));
    assert_eq!(ws.get_json::<i32>(support).unwrap().1, 2);
    assert!(ws.check().unwrap().is_empty());
    let e = ws
        .put_json(DocumentKind::Forecast, "Sales", "long", "", &[], &5)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "permission denied: ann lacks forecasting.edit on forecast group Sales"
    );
    let superseding = ws.put_superseding_json(DocumentKind::ScheduleScenario, "*", "v", "", &1);
    assert!(is_forbidden(superseding));
    assert!(is_forbidden(ws.publish_document(sales)));
    assert!(is_forbidden(ws.delete_document(sales)));
    // an agent cannot even check the workspace
    ws.set_actor(Actor::new("agent1"));
    assert!(is_forbidden(ws.check()));
}

#[test]
fn an_admin_may_use_the_generic_document_methods_and_their_writes_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, [_, support, _]) = two_groups_with_forecasts(&dir.path().join("w.wfm"));
    ws.set_actor(Actor::new("root"));
    let doc = ws
        .put_json(DocumentKind::Forecast, "Support", "mid", "", &[], &7)
        .unwrap();
    ws.replace_json(doc.id, "", &[], &8).unwrap();
    ws.publish_document(doc.id).unwrap();
    ws.delete_document(support).unwrap();
    assert_eq!(ws.documents(DocumentKind::Forecast, None).unwrap().len(), 3);
    assert!(ws.load_history(None).is_ok());
    let log = ws.access().audit(&AuditQuery::default()).unwrap();
    let ops: Vec<_> = log
        .iter()
        .filter(|e| e.entry.operation.starts_with("document.") && e.entry.actor == "root")
        .map(|e| (e.entry.operation.as_str(), e.entry.target.as_str()))
        .collect();
    for op in [
        "document.put",
        "document.replace",
        "document.publish",
        "document.delete",
    ] {
        assert!(
            ops.contains(&(op, "forecast group Support")),
            "{op} not audited: {ops:?}"
        );
    }
}
