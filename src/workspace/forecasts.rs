//! [`Forecasts`]: the forecasts of a workspace, per forecast group and kind (the last
//! computed and the last published version of each), over `crate::forecasting`'s
//! lifecycle.

use crate::access::{Permission as P, Target};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Workspace;
use crate::error::{Item, Result, WfmError};
use crate::forecasting::{
    self, BacktestRow, CompareRow, ComputeOptions, Computed, ForecastKind, Published,
    RefreshAction, ShowFilter,
};
use crate::store::{DocumentId, DocumentInfo, DocumentStatus, StoreProblem};
use wfm_core::forecast::GroupForecast;

/// Which version of a group's forecast of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub enum Version {
    /// The last computed one (the published one right after publishing).
    #[default]
    Computed,
    /// The last published one (what plans and schedules use).
    Published,
}

impl Version {
    /// `computed` or `published`.
    ///
    /// ```
    /// assert_eq!(wfm::workspace::Version::Published.as_str(), "published");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Computed => "computed",
            Self::Published => "published",
        }
    }

    fn published(self) -> bool {
        self == Self::Published
    }
}

/// Whether the group's override file is applied to a forecast read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub enum Overrides {
    /// The override file's rows replace the forecast's (what plans and schedules read).
    #[default]
    Applied,
    /// The forecast as computed.
    Ignored,
}

/// One forecast version, as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastVersion {
    /// The document.
    pub id: DocumentId,
    /// The forecast group.
    pub group: String,
    /// Short- or long-term.
    pub kind: ForecastKind,
    /// Draft or published.
    pub status: DocumentStatus,
    /// When it was computed (stored).
    pub created_at: DateTime<Utc>,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// The first step, Unix seconds UTC.
    pub start: i64,
    /// The end of the last step (exclusive), Unix seconds UTC.
    pub end: i64,
    /// Queue × channel series.
    pub series: usize,
    /// The models chosen, each once, sorted.
    pub models: Vec<String>,
    /// The total forecast volume.
    pub volume: f64,
}

impl ForecastVersion {
    fn new(info: &DocumentInfo, f: &GroupForecast) -> Result<Self> {
        let kind = info.name.parse().map_err(|_| WfmError::Damaged {
            table: "document",
            detail: format!(
                "forecast {} is named {:?}, not short or long",
                info.id, info.name
            ),
        })?;
        let mut models: Vec<String> = f.series.iter().map(|s| s.model.clone()).collect();
        models.sort_unstable();
        models.dedup();
        Ok(Self {
            id: info.id,
            group: info.scope.clone(),
            kind,
            status: info.status,
            created_at: info.created_at,
            published_at: info.published_at,
            start: f.start,
            end: f.end(),
            series: f.series.len(),
            models,
            volume: f.total_volume(),
        })
    }
}

/// The forecasts of a workspace: see [`Workspace::forecasts`].
///
/// ```
/// use wfm::forecasting::ForecastKind;
/// use wfm::workspace::{Overrides, Version};
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
/// ws.create_group("Sales", &["1001".parse()?])?;
/// let none = ws.forecasts().get("Sales", ForecastKind::Short, Version::Published, Overrides::Applied);
/// let e = none.unwrap_err();
/// assert!(matches!(&e, wfm::WfmError::NotFound { item } if item.name == "short"));
/// assert_eq!(e.to_string(), "no published short-term forecast of \"Sales\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Forecasts<'a> {
    ws: &'a mut Workspace,
}

impl<'a> Forecasts<'a> {
    pub(super) fn new(ws: &'a mut Workspace) -> Self {
        Self { ws }
    }

    /// Every forecast version of every group and kind, oldest first.
    ///
    /// # Errors
    /// A storage failure or a document that does not decode.
    pub fn list(&self) -> Result<Vec<ForecastVersion>> {
        self.ws.require(P::ForecastingView, &Target::Workspace)?;
        forecasting::forecast_versions(self.ws)?
            .iter()
            .map(|(info, f)| ForecastVersion::new(info, f))
            .collect()
    }

    /// The group's forecast of `kind` in `version`, with or without its overrides.
    ///
    /// # Errors
    /// `NotFound` if there is no such forecast; a storage failure.
    pub fn get(
        &self,
        group: &str,
        kind: ForecastKind,
        version: Version,
        overrides: Overrides,
    ) -> Result<(DocumentInfo, GroupForecast)> {
        self.ws.require(P::ForecastingView, &Target::group(group))?;
        self.find(group, kind, version, overrides)?.ok_or_else(|| {
            let item =
                Item::document(crate::store::DocumentKind::Forecast, kind.to_string()).of(group);
            WfmError::NotFound {
                item: match version {
                    Version::Published => item.with_status(DocumentStatus::Published),
                    Version::Computed => item,
                },
            }
        })
    }

    /// [`Forecasts::get`], `None` when there is no such forecast.
    ///
    /// # Errors
    /// A storage failure or a document that does not decode.
    pub fn find(
        &self,
        group: &str,
        kind: ForecastKind,
        version: Version,
        overrides: Overrides,
    ) -> Result<Option<(DocumentInfo, GroupForecast)>> {
        self.ws.require(P::ForecastingView, &Target::group(group))?;
        forecasting::effective_forecast(self.ws, group, kind, version, overrides)
    }

    /// Whether the group has an override file (the forecasts read apply it).
    ///
    /// # Errors
    /// A storage failure.
    pub fn has_overrides(&self, group: &str) -> Result<bool> {
        self.ws.require(P::ForecastingView, &Target::group(group))?;
        Ok(forecasting::forecast_override(self.ws, group)?.is_some())
    }

    /// Checks a computation's arguments without computing (the group exists, the weeks
    /// fit the kind).
    ///
    /// # Errors
    /// `OutOfRange` or `InvalidArgument` naming the argument.
    pub fn check_compute(
        &self,
        group: &str,
        kind: ForecastKind,
        options: &ComputeOptions,
    ) -> Result<()> {
        self.ws.require(P::ForecastingEdit, &Target::group(group))?;
        forecasting::check_compute(self.ws, group, kind, options)
    }

    /// Computes the group's forecast of `kind` from the stored history and stores it as
    /// the last computed version (replacing the previous draft in place).
    ///
    /// # Errors
    /// As [`Forecasts::check_compute`]; the history's sufficiency problems; a storage
    /// failure.
    pub fn compute(
        &mut self,
        group: &str,
        kind: ForecastKind,
        options: &ComputeOptions,
        now: DateTime<Utc>,
    ) -> Result<Computed> {
        self.ws.require_change(
            P::ForecastingEdit,
            &Target::group(group),
            "forecast.compute",
        )?;
        forecasting::compute_forecast(self.ws, group, kind, options, now)
    }

    /// Publishes the last computed forecast of the group and kind; the older published
    /// one is deleted unless a published document uses it.
    ///
    /// # Errors
    /// `NotFound` if there is none, `AlreadyPublished` if it is published already.
    pub fn publish(&mut self, group: &str, kind: ForecastKind) -> Result<Published> {
        self.ws.require_change(
            P::ForecastingPublish,
            &Target::group(group),
            "forecast.publish",
        )?;
        forecasting::publish_forecast(self.ws, group, kind)
    }

    /// Deletes the last computed draft, or the last published forecast.
    ///
    /// # Errors
    /// `NotFound` if there is none, `InUse` if a published plan or schedule uses it.
    pub fn delete(
        &mut self,
        group: &str,
        kind: ForecastKind,
        version: Version,
    ) -> Result<DocumentInfo> {
        self.ws
            .require_change(P::ForecastingEdit, &Target::group(group), "forecast.delete")?;
        forecasting::delete_forecast(self.ws, group, kind, version.published())
    }

    /// Writes the forecast download CSV (it round-trips as an override file); returns the
    /// rows written.
    ///
    /// # Errors
    /// `OutputIsInput` when `path` is the workspace; `NotFound` without such a forecast;
    /// `Io` if the file cannot be written.
    pub fn export(
        &self,
        group: &str,
        kind: ForecastKind,
        version: Version,
        overrides: Overrides,
        path: &Path,
    ) -> Result<usize> {
        self.ws.require(P::ForecastingView, &Target::group(group))?;
        forecasting::export_forecast(self.ws, group, kind, version, overrides, path)
    }

    /// Last computed vs last published totals, and actuals vs each where history
    /// overlaps, per queue × channel.
    ///
    /// # Errors
    /// `NotFound` if the group has no forecast of `kind`.
    pub fn compare(
        &self,
        group: &str,
        kind: ForecastKind,
        filter: &ShowFilter,
    ) -> Result<Vec<CompareRow>> {
        self.ws.require(P::ForecastingView, &Target::group(group))?;
        forecasting::compare_forecast(self.ws, group, kind, filter)
    }

    /// Rolling-origin backtests of every series of the group from the stored history.
    ///
    /// # Errors
    /// As [`Forecasts::compute`].
    pub fn backtest(&self, group: &str, kind: ForecastKind) -> Result<Vec<BacktestRow>> {
        self.ws.require(P::ForecastingView, &Target::group(group))?;
        forecasting::backtest_forecast(self.ws, group, kind)
    }

    /// Recomputes every forecast that is due at `now` (see [`forecasting::is_due`]).
    ///
    /// # Errors
    /// A storage failure (a failing computation is reported in its action).
    pub fn refresh(&mut self, now: DateTime<Utc>) -> Result<Vec<RefreshAction>> {
        self.ws
            .require_change(P::ForecastingEdit, &Target::Workspace, "forecast.refresh")?;
        forecasting::refresh_forecasts(self.ws, now)
    }

    /// Every stored forecast that does not decode or holds an impossible value.
    ///
    /// # Errors
    /// A storage failure.
    pub fn check(&self) -> Result<Vec<StoreProblem>> {
        self.ws.require(P::ForecastingView, &Target::Workspace)?;
        forecasting::check_forecasts(self.ws)
    }
}
