//! The workspace's document handles (`wfm::workspace`) end to end on the sample data:
//! the same verbs on every kind, typed listing rows, and the frames Python receives
//! built from those rows.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone, Utc};
use wfm::Workspace;
use wfm::capacity::lifecycle::{PlanRequest, Rerun};
use wfm::core::IntervalLength;
use wfm::forecasting::{ComputeOptions, ForecastKind};
use wfm::history::ImportOptions;
use wfm::store::DocumentStatus;
use wfm::workspace::{Overrides, Version, frames};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(path)
}

fn weeks(n: u32) -> ComputeOptions {
    ComputeOptions {
        weeks: Some(n),
        ..ComputeOptions::default()
    }
}

/// A workspace with the 30-minute sample history and the group Sales (queue 1001).
fn sales(dir: &Path) -> Workspace {
    let mut ws = Workspace::create(&dir.join("w.wfm"), IntervalLength::Thirty, None).unwrap();
    ws.import_history(
        &data("sample/intervals_30min.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    ws.create_group("Sales", &["1001".parse().unwrap()])
        .unwrap();
    ws
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 8, 5, 2, 0, 0).unwrap()
}

#[test]
fn forecasts_are_computed_published_listed_read_and_deleted_through_one_handle() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = sales(dir.path());
    let short = ForecastKind::Short;
    let c = ws
        .forecasts()
        .compute("Sales", short, &weeks(1), now())
        .unwrap();
    assert!(!c.replaced);
    let listed = ws.forecasts().list().unwrap();
    assert_eq!(listed.len(), 1);
    let v = &listed[0];
    assert_eq!(
        (v.id, v.group.as_str(), v.kind, v.status),
        (c.info.id, "Sales", short, DocumentStatus::Draft)
    );
    assert_eq!(v.end - v.start, 7 * 86_400);
    assert!(v.volume > 0.0 && v.series > 0 && !v.models.is_empty());

    // nothing published yet: `get` says which version is missing
    let e = ws
        .forecasts()
        .get("Sales", short, Version::Published, Overrides::Applied)
        .unwrap_err();
    assert!(
        e.to_string().contains("no published short-term forecast"),
        "{e}"
    );
    let p = ws.forecasts().publish("Sales", short).unwrap();
    assert_eq!(p.info.id, c.info.id);
    let (info, published) = ws
        .forecasts()
        .get("Sales", short, Version::Published, Overrides::Applied)
        .unwrap();
    assert_eq!(info.status, DocumentStatus::Published);
    assert_eq!(
        (published.start, published.steps, published.series.len()),
        (c.forecast.start, c.forecast.steps, c.forecast.series.len())
    );

    // the frame Python receives holds the listed rows
    let df = frames::forecast_versions(&ws.forecasts().list().unwrap()).unwrap();
    assert_eq!(df.height(), 1);
    assert_eq!(
        df.column("status").unwrap().str().unwrap().get(0),
        Some("published")
    );

    let rows = ws
        .forecasts()
        .export(
            "Sales",
            short,
            Version::Published,
            Overrides::Applied,
            &dir.path().join("f.csv"),
        )
        .unwrap();
    assert_eq!(rows, 7 * 48 * c.forecast.series.len());
    let deleted = ws
        .forecasts()
        .delete("Sales", short, Version::Published)
        .unwrap();
    assert_eq!(deleted.id, c.info.id);
    assert!(ws.forecasts().list().unwrap().is_empty());
}

#[test]
fn an_override_file_is_imported_listed_applied_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = sales(dir.path());
    ws.forecasts()
        .compute("Sales", ForecastKind::Short, &weeks(1), now())
        .unwrap();
    let csv = dir.path().join("o.csv");
    ws.forecasts()
        .export(
            "Sales",
            ForecastKind::Short,
            Version::Computed,
            Overrides::Applied,
            &csv,
        )
        .unwrap();
    // the first row's volume set to 500
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines: Vec<String> = text.lines().take(2).map(str::to_owned).collect();
    let mut cells: Vec<&str> = lines[1].split(',').collect();
    cells[5] = "500";
    lines[1] = cells.join(",");
    std::fs::write(&csv, lines.join("\n") + "\n").unwrap();

    let (_, stored) = ws.overrides().import_file("Sales", &csv).unwrap();
    assert_eq!(stored.rows.len(), 1);
    let listed = ws.overrides().list().unwrap();
    assert_eq!((listed[0].group.as_str(), listed[0].rows), ("Sales", 1));
    assert_eq!(ws.overrides().template("Sales").unwrap(), stored.text);
    let volume = |ws: &mut Workspace, o| {
        ws.forecasts()
            .get("Sales", ForecastKind::Short, Version::Computed, o)
            .unwrap()
            .1
            .series
            .iter()
            .map(|s| s.points[0].volume)
            .sum::<f64>()
    };
    let without = volume(&mut ws, Overrides::Ignored);
    let with = volume(&mut ws, Overrides::Applied);
    assert_ne!(with, without);
    ws.overrides().delete("Sales").unwrap();
    assert!(ws.overrides().get("Sales").unwrap().is_none());
    assert_eq!(volume(&mut ws, Overrides::Applied), without);
}

#[test]
fn a_plan_is_made_from_handles_listed_as_typed_rows_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = sales(dir.path());
    for (kind, n) in [(ForecastKind::Long, 8), (ForecastKind::Short, 2)] {
        ws.forecasts()
            .compute("Sales", kind, &weeks(n), now())
            .unwrap();
        ws.forecasts().publish("Sales", kind).unwrap();
    }
    let scenario = ws
        .scenarios()
        .create_file("*", &data("scenarios/capacity_base.toml"))
        .unwrap();
    assert_eq!(scenario.name, "Base 2025");
    let listed = ws.scenarios().list().unwrap();
    assert_eq!(
        (listed[0].name.as_str(), listed[0].group.as_str()),
        ("Base 2025", "*")
    );
    // a group's plan finds the scenario for every group
    assert_eq!(
        ws.scenarios().get("Sales", "Base 2025").unwrap().0.id,
        scenario.id
    );

    let fte = dir.path().join("fte.csv");
    std::fs::write(
        &fte,
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n\
         Sales,2024-08-05T00:00:00Z,40,0.1,0.1\n",
    )
    .unwrap();
    let loads = ws.fte_loads().import(&fte).unwrap();
    assert_eq!(loads[0].group, "Sales");
    assert_eq!(ws.fte_loads().list().unwrap(), loads);

    let request = PlanRequest {
        name: "Budget".into(),
        description: String::new(),
        group: "Sales".into(),
        scenario: "Base 2025".into(),
        start: NaiveDate::from_ymd_opt(2024, 8, 5).unwrap(),
        weeks: 4,
    };
    ws.plans().create(&request).unwrap();
    let plan = ws.plans().get("Budget").unwrap();
    assert_eq!(plan.stored.plan.weekly.len(), 4);
    assert!(plan.details().details.iter().any(|(k, _)| k == "scenario"));
    let monday = NaiveDate::from_ymd_opt(2024, 8, 12).unwrap();
    ws.plans()
        .override_plan("Budget", &[(monday, 50.0)])
        .unwrap();
    assert_eq!(
        ws.plans().get("Budget").unwrap().stored.plan.weekly[1].required_fte,
        50.0
    );
    let change = Rerun {
        weeks: Some(2),
        ..Rerun::default()
    };
    ws.plans().rerun("Budget", &change).unwrap();
    assert_eq!(
        ws.plans().get("Budget").unwrap().stored.plan.weekly.len(),
        2
    );
    ws.plans().publish("Budget").unwrap();
    let rows = ws.plans().list().unwrap();
    assert_eq!(
        (rows[0].name.as_str(), rows[0].status),
        ("Budget", DocumentStatus::Published)
    );
    assert!(rows[0].published_at.is_some());
    assert_eq!(frames::plans(&rows).unwrap().height(), 1);
    let files = ws
        .plans()
        .export("Budget", &dir.path().join("out"))
        .unwrap();
    assert!(files.iter().all(|f| f.exists()));
    // a scenario a published plan uses stays
    assert!(ws.scenarios().delete("*", "Base 2025").is_err());
}

#[test]
fn exporting_a_plan_over_the_workspace_file_is_refused() {
    // the Python binding wrote the plan files without this check before the handles
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("plan_weekly.csv");
    let mut ws = Workspace::create(&ws_path, IntervalLength::Thirty, None).unwrap();
    let e = ws.plans().export("Budget", dir.path()).unwrap_err();
    assert!(matches!(e, wfm::WfmError::OutputIsInput { .. }), "{e:?}");
    assert!(ws_path.exists());
}

#[test]
fn the_schedule_configuration_imports_shows_and_exports_through_its_handle() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws =
        Workspace::create(&dir.path().join("w.wfm"), IntervalLength::Thirty, None).unwrap();
    let done = ws
        .schedule_scenario()
        .import_file(&data("scenarios/schedule_example.toml"))
        .unwrap();
    let blocks = ws.schedule_scenario().blocks().unwrap();
    assert_eq!(blocks.info.id, done.info.id);
    let toml = ws.schedule_scenario().to_toml().unwrap();
    let again = ws.schedule_scenario().import("again.toml", &toml).unwrap();
    assert_eq!(again.deleted, [done.info.id]);
    assert_eq!(ws.schedule_scenario().get().unwrap().0.id, again.info.id);
    assert!(ws.schedules().list().unwrap().is_empty());
    assert_eq!(frames::schedules(&[]).unwrap().width(), 10);
}
