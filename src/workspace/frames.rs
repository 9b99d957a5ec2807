//! The listings of the workspace handles as polars DataFrames, for Python: one function per
//! row type, the column names those of the CLI's tables in snake case.
//!
//! Instants are millisecond `Datetime`s in UTC stored without a zone name (polars is built
//! without its time-zone feature; the Python package marks them UTC), days `Date`.

use chrono::{DateTime, NaiveDate, Utc};
use polars::prelude::{Column, DataFrame, DataType, NamedFrom, PolarsResult, Series, TimeUnit};

use super::{ForecastVersion, FteLoad, OverrideFile, PlanRow, ScenarioRow};
use crate::forecasting::{CompareRow, RefreshAction};
use crate::scheduling::workspace::{AgentView, ScheduleListing};
use crate::store::{QueueInfo, SourceInfo};

fn instants<T>(
    name: &str,
    rows: &[T],
    f: impl Fn(&T) -> Option<DateTime<Utc>>,
) -> PolarsResult<Column> {
    let millis: Vec<Option<i64>> = rows
        .iter()
        .map(|r| f(r).map(|t| t.timestamp_millis()))
        .collect();
    Ok(Series::new(name.into(), millis)
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?
        .into())
}

fn days<T>(name: &str, rows: &[T], f: impl Fn(&T) -> NaiveDate) -> PolarsResult<Column> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let n: Vec<i32> = rows
        .iter()
        .map(|r| (f(r) - epoch).num_days() as i32)
        .collect();
    Ok(Series::new(name.into(), n).cast(&DataType::Date)?.into())
}

fn text<T>(name: &str, rows: &[T], f: impl Fn(&T) -> String) -> Column {
    Column::new(name.into(), rows.iter().map(f).collect::<Vec<String>>())
}

fn ids<T>(name: &str, rows: &[T], f: impl Fn(&T) -> i64) -> Column {
    Column::new(name.into(), rows.iter().map(f).collect::<Vec<i64>>())
}

fn seconds(t: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t, 0)
}

/// [`ForecastVersion`]s: `id`, `group`, `kind`, `status`, `created`, `published`, `from`,
/// `to`, `series`, `models` (space-separated), `volume`.
///
/// ```
/// let df = wfm::workspace::frames::forecast_versions(&[])?;
/// assert_eq!(df.get_column_names()[..3], ["id", "group", "kind"]);
/// # Ok::<(), polars::prelude::PolarsError>(())
/// ```
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn forecast_versions(rows: &[ForecastVersion]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        ids("id", rows, |r| r.id.0),
        text("group", rows, |r| r.group.clone()),
        text("kind", rows, |r| r.kind.to_string()),
        text("status", rows, |r| r.status.as_str().to_owned()),
        instants("created", rows, |r| Some(r.created_at))?,
        instants("published", rows, |r| r.published_at)?,
        instants("from", rows, |r| seconds(r.start))?,
        instants("to", rows, |r| seconds(r.end))?,
        ids("series", rows, |r| r.series as i64),
        text("models", rows, |r| r.models.join(" ")),
        Column::new(
            "volume".into(),
            rows.iter().map(|r| r.volume).collect::<Vec<f64>>(),
        ),
    ])
}

/// [`CompareRow`]s: `queue`, `name`, `channel`, `computed`, `published`, `steps`,
/// `actual`, `wape`, `bias`, `published_wape`, `published_bias`.
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn compare_rows(rows: &[CompareRow]) -> PolarsResult<DataFrame> {
    let opt = |name: &str, f: &dyn Fn(&CompareRow) -> Option<f64>| {
        Column::new(
            name.into(),
            rows.iter().map(f).collect::<Vec<Option<f64>>>(),
        )
    };
    DataFrame::new_infer_height(vec![
        text("queue", rows, |r| r.queue_id.clone()),
        text("name", rows, |r| r.queue_name.clone()),
        text("channel", rows, |r| r.channel.as_str().to_owned()),
        opt("computed", &|r| r.computed),
        opt("published", &|r| r.published),
        ids("steps", rows, |r| r.vs_computed.steps as i64),
        Column::new(
            "actual".into(),
            rows.iter()
                .map(|r| r.vs_computed.actual)
                .collect::<Vec<f64>>(),
        ),
        opt("wape", &|r| r.vs_computed.wape),
        opt("bias", &|r| r.vs_computed.bias),
        opt("published_wape", &|r| r.vs_published.wape),
        opt("published_bias", &|r| r.vs_published.bias),
    ])
}

/// [`RefreshAction`]s: `group`, `kind`, `reason` (empty: up to date), `error` (empty:
/// none).
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn refresh_actions(rows: &[RefreshAction]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        text("group", rows, |r| r.group.clone()),
        text("kind", rows, |r| r.kind.to_string()),
        text("reason", rows, |r| r.reason.clone().unwrap_or_default()),
        text("error", rows, |r| r.error.clone().unwrap_or_default()),
    ])
}

/// [`OverrideFile`]s: `id`, `group`, `file`, `rows`, `created`.
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn override_files(rows: &[OverrideFile]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        ids("id", rows, |r| r.id.0),
        text("group", rows, |r| r.group.clone()),
        text("file", rows, |r| r.file.clone()),
        ids("rows", rows, |r| r.rows as i64),
        instants("created", rows, |r| Some(r.created_at))?,
    ])
}

/// [`ScenarioRow`]s: `id`, `name`, `group`, `description`, `created`.
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn scenarios(rows: &[ScenarioRow]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        ids("id", rows, |r| r.id.0),
        text("name", rows, |r| r.name.clone()),
        text("group", rows, |r| r.group.clone()),
        text("description", rows, |r| r.description.clone()),
        instants("created", rows, |r| Some(r.created_at))?,
    ])
}

/// [`FteLoad`]s: `id`, `group`, `summary`, `created`.
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn fte_loads(rows: &[FteLoad]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        ids("id", rows, |r| r.id.0),
        text("group", rows, |r| r.group.clone()),
        text("summary", rows, |r| r.summary.clone()),
        instants("created", rows, |r| Some(r.created_at))?,
    ])
}

/// [`PlanRow`]s: `id`, `name`, `group`, `status`, `created`, `published`, `summary`.
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn plans(rows: &[PlanRow]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        ids("id", rows, |r| r.id.0),
        text("name", rows, |r| r.name.clone()),
        text("group", rows, |r| r.group.clone()),
        text("status", rows, |r| r.status.as_str().to_owned()),
        instants("created", rows, |r| Some(r.created_at))?,
        instants("published", rows, |r| r.published_at)?,
        text("summary", rows, |r| r.summary.clone()),
    ])
}

/// [`ScheduleListing`]s: `id`, `name`, `forecast_group`, `staffing_groups`
/// (comma-separated), `from`, `to`, `status`, `created`, `published`, `summary`.
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn schedules(rows: &[ScheduleListing]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        ids("id", rows, |r| r.info.id.0),
        text("name", rows, |r| r.info.name.clone()),
        text("forecast_group", rows, |r| r.forecast_group.clone()),
        text("staffing_groups", rows, |r| r.staffing_groups.join(",")),
        days("from", rows, |r| r.start)?,
        days("to", rows, |r| r.end)?,
        text("status", rows, |r| r.info.status.as_str().to_owned()),
        instants("created", rows, |r| Some(r.info.created_at))?,
        instants("published", rows, |r| r.info.published_at)?,
        text("summary", rows, |r| r.info.summary.clone()),
    ])
}

/// An agent's shifts: `day` (local), `start`, `end` (UTC instants; Python shows them in
/// the view's zone), `zone` (abbreviation), `paid_hours`, `activities`.
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn agent_shifts(view: &AgentView) -> PolarsResult<DataFrame> {
    let s = &view.shifts;
    DataFrame::new_infer_height(vec![
        days("day", s, |r| r.start.date_naive())?,
        instants("start", s, |r| Some(r.start.with_timezone(&Utc)))?,
        instants("end", s, |r| Some(r.end.with_timezone(&Utc)))?,
        text("zone", s, |r| r.start.format("%Z").to_string()),
        Column::new(
            "paid_hours".into(),
            s.iter().map(|r| r.paid_hours).collect::<Vec<f64>>(),
        ),
        text("activities", s, |r| r.activities_text()),
    ])
}

/// The loaded history sources: `source`, `file`, `kind`, `rows`, `first`, `last` (the
/// earliest and latest record start), `contacts`, `loaded_at`.
///
/// ```
/// let df = wfm::workspace::frames::sources(&[])?;
/// assert_eq!(df.get_column_names()[..2], ["source", "file"]);
/// # Ok::<(), polars::prelude::PolarsError>(())
/// ```
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn sources(rows: &[SourceInfo]) -> PolarsResult<DataFrame> {
    let count = |f: &dyn Fn(&SourceInfo) -> u64| -> Vec<i64> {
        rows.iter()
            .map(|r| i64::try_from(f(r)).unwrap_or(i64::MAX))
            .collect()
    };
    DataFrame::new_infer_height(vec![
        Column::new("source".into(), count(&|r| r.id.0)),
        text("file", rows, |r| r.file.clone()),
        text("kind", rows, |r| r.kind.as_str().to_owned()),
        Column::new("rows".into(), count(&|r| r.rows)),
        instants("first", rows, |r| r.first_start)?,
        instants("last", rows, |r| r.last_start)?,
        Column::new("contacts".into(), count(&|r| r.volume)),
        instants("loaded_at", rows, |r| Some(r.loaded_at))?,
    ])
}

/// The queues: `id`, `name`, `active`, `channels` (`VOICE,CHAT`), `group` (null: none),
/// `time_zone` (null: the workspace's).
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn queues(rows: &[QueueInfo]) -> PolarsResult<DataFrame> {
    let maybe = |name: &str, f: &dyn Fn(&QueueInfo) -> Option<String>| {
        Column::new(
            name.into(),
            rows.iter().map(f).collect::<Vec<Option<String>>>(),
        )
    };
    DataFrame::new_infer_height(vec![
        text("id", rows, |r| r.id.as_str().to_owned()),
        text("name", rows, |r| r.name.clone()),
        Column::new(
            "active".into(),
            rows.iter().map(|r| r.active).collect::<Vec<bool>>(),
        ),
        text("channels", rows, |r| r.channels.join(",")),
        maybe("group", &|r| r.group.clone()),
        maybe("time_zone", &|r| r.time_zone.map(|z| z.name().to_owned())),
    ])
}

mod publish;
pub use publish::{agent_rows, changes, team_shifts};
