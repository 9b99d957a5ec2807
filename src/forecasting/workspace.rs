//! The forecast lifecycle of a workspace: compute, publish, delete and
//! overrides of each forecast group's short- and long-term forecast.
//!
//! Versions: per group and kind (document scope = the group, name = `short`/`long`) only
//! the *last computed* and the *last published* forecast are kept. A computation
//! replaces the last computed draft in place (same document id); publishing turns it into
//! the last published one and deletes the older published one — unless a published plan
//! or schedule uses that older one: then it is kept (the store refuses to delete it) but
//! is no longer "last published"; it goes once nothing published uses it and the next
//! forecast is published. The last computed forecast is the newest document of the group
//! and kind, which is the published one right after publishing.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use wfm_core::history::{Granularity, HistoryRecord, QueueId};

use super::overrides::{OVERRIDE_NAME, StoredOverride, apply_overrides, parse_overrides};
use super::{
    FORECAST_DOCUMENT, ForecastKind, ForecastMeta, ForecastRequest, ForecastRun, GroupForecast,
    Holidays, LoadedRecords, forecast_history, read_holidays,
};
use crate::Workspace;
use crate::error::{Item, ItemKind, Refused, Result, WfmError};
use crate::store::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus};
use crate::workspace::{Overrides, Version};

/// Weeks of a short-term forecast when none are asked for (an 18-week schedule).
pub const DEFAULT_SHORT_WEEKS: u32 = 18;
/// Weeks of a long-term forecast when none are asked for (78 ≈ an 18-month plan).
pub const DEFAULT_LONG_WEEKS: u32 = 78;

/// How to compute a workspace forecast.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComputeOptions {
    /// The first step; default: the step after the newest history.
    pub start: Option<DateTime<Utc>>,
    /// Weeks; default 18 (short) or 78 (long).
    pub weeks: Option<u32>,
    /// A holidays CSV (`date,name,scope`).
    pub holidays: Option<PathBuf>,
}

/// A computed and stored forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The document.
    pub info: DocumentInfo,
    /// Its content.
    pub forecast: GroupForecast,
    /// Whether it replaced the previous last computed draft (else a new document).
    pub replaced: bool,
    /// The draft this computation found when it started and would have replaced, if
    /// another run published or deleted it meanwhile (this forecast is then a new draft).
    pub draft_gone: Option<DraftGone>,
}

/// What became of the draft a computation would have replaced while it computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftGone {
    /// Another run published it: it stays published; the new forecast is a new draft.
    Published(DocumentId),
    /// Another run deleted it.
    Deleted(DocumentId),
}

impl std::fmt::Display for DraftGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (id, what) = match self {
            Self::Published(id) => (id, "published"),
            Self::Deleted(id) => (id, "deleted"),
        };
        write!(
            f,
            "the draft {id} was {what} by another run while this one computed; this forecast \
             is stored as the new draft"
        )
    }
}

/// What publishing did.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The newly published forecast.
    pub info: DocumentInfo,
    /// Older published forecasts deleted.
    pub deleted: Vec<DocumentId>,
    /// Older published forecasts kept because a published document uses them.
    pub kept: Vec<(DocumentId, String)>,
}

pub(crate) fn group_queues(ws: &Workspace, group: &str) -> Result<Vec<QueueId>> {
    ws.groups()?
        .into_iter()
        .find(|g| g.name == group)
        .map(|g| g.queues)
        .ok_or_else(|| WfmError::NotFound {
            item: Item::new(ItemKind::ForecastGroup, group),
        })
}

/// The fingerprint of a forecast's inputs: the kind, the requested start and weeks, the
/// group's queues and the loaded history sources. A refresh recomputes a forecast whose
/// fingerprint changed.
///
/// ```
/// let f = wfm::forecasting::inputs_fingerprint(
///     wfm::forecasting::ForecastKind::Short, None, 4, &["1002".parse()?, "1001".parse()?], &[3, 1]);
/// assert_eq!(f, "kind=short;start=auto;weeks=4;queues=1001,1002;sources=1,3");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn inputs_fingerprint(
    kind: ForecastKind,
    start: Option<i64>,
    weeks: u32,
    queues: &[QueueId],
    sources: &[u64],
) -> String {
    let mut q: Vec<&str> = queues.iter().map(QueueId::as_str).collect();
    q.sort_unstable();
    let mut s = sources.to_vec();
    s.sort_unstable();
    let s: Vec<String> = s.iter().map(u64::to_string).collect();
    format!(
        "kind={kind};start={};weeks={weeks};queues={};sources={}",
        start.map_or_else(|| "auto".into(), |t| t.to_string()),
        q.join(","),
        s.join(",")
    )
}

/// The fingerprint a forecast of `group` computed now with `meta`'s settings would have.
pub(crate) fn current_fingerprint(
    ws: &Workspace,
    group: &str,
    kind: ForecastKind,
    meta: &ForecastMeta,
) -> Result<String> {
    let queues = group_queues(ws, group)?;
    let sources: Vec<u64> = ws.sources()?.iter().map(|s| s.id.0).collect();
    let mut fingerprint = inputs_fingerprint(kind, meta.start, meta.weeks, &queues, &sources);
    // a queue's own time zone is an input too (listed only when set)
    let zones: Vec<String> = ws
        .queues()?
        .into_iter()
        .filter(|q| queues.contains(&q.id))
        .filter_map(|q| Some(format!("{}:{}", q.id, q.time_zone?.name())))
        .collect();
    if !zones.is_empty() {
        fingerprint += &format!(";zones={}", zones.join(","));
    }
    Ok(fingerprint)
}

/// The group's stored history as the fitting code reads it.
pub(crate) fn group_history(ws: &Workspace, queues: &[QueueId]) -> Result<LoadedRecords> {
    let settings = ws.settings()?;
    let loaded = ws.load_history_unchecked(Some(queues))?;
    let records: Vec<HistoryRecord> = loaded.layers.effective_records();
    let has_intervals = records
        .iter()
        .any(|r| matches!(r.granularity, Granularity::Interval(_)));
    Ok(LoadedRecords {
        records,
        queues: loaded.queues,
        interval: has_intervals.then_some(settings.interval),
        // the import named the implausible rows; each fit says what it left out
        warnings: Vec::new(),
    })
}

/// Fits the group's forecast of `kind` from the workspace history.
pub(crate) fn fit_group(
    ws: &Workspace,
    queues: &[QueueId],
    kind: ForecastKind,
    meta: &ForecastMeta,
    with_backtest: bool,
) -> Result<ForecastRun> {
    let history = group_history(ws, queues)?;
    let holidays: Holidays = match &meta.holidays {
        Some(p) => read_holidays(Path::new(p))?,
        None => Holidays::new(),
    };
    // intraday patterns in each queue's own time zone, else the workspace's
    let zone = ws.settings()?.time_zone;
    let own: std::collections::HashMap<String, chrono_tz::Tz> = ws
        .queues()?
        .into_iter()
        .filter_map(|q| Some((q.id.as_str().to_owned(), q.time_zone?)))
        .collect();
    let mut request = ForecastRequest::new(Vec::new(), kind, meta.weeks);
    request.start = meta.start.and_then(|t| DateTime::from_timestamp(t, 0));
    request.backtest = with_backtest;
    request.progress = true;
    let mut present: Vec<String> = history
        .records
        .iter()
        .map(|r| history.queues.id(r.queue).as_str().to_owned())
        .collect();
    present.dedup();
    request.time_zones = present
        .into_iter()
        .map(|q| {
            let tz = own.get(&q).copied().unwrap_or(zone);
            (q, tz)
        })
        .collect();
    forecast_history(&request, &holidays, &history)
}

fn summary(f: &GroupForecast) -> String {
    let end = f.end();
    format!(
        "{} {} → {}, {} series, volume {:.0}",
        f.granularity.as_str(),
        super::format_utc(f.start),
        super::format_utc(end),
        f.series.len(),
        f.total_volume()
    )
}

/// Checks every argument of a computation of `kind` for `group` without computing or
/// writing anything: the group exists, the weeks fit the kind, the holidays file reads.
/// A command computing several kinds checks them all first, so that a bad argument of
/// one kind leaves every forecast as it was.
///
/// ```
/// use wfm::forecasting::{ComputeOptions, ForecastKind};
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Thirty, None)?;
/// ws.create_group("Sales", &["1001".parse()?])?;
/// let weeks = ComputeOptions { weeks: Some(19), ..ComputeOptions::default() };
/// assert!(ws.forecasts().check_compute("Sales", ForecastKind::Long, &weeks).is_ok());
/// assert!(ws.forecasts().check_compute("Sales", ForecastKind::Short, &weeks).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// `NotFound` for an unknown group, `OutOfRange` for weeks; `InvalidInput` or `Io` for the
/// holidays file.
pub(crate) fn check_compute(
    ws: &Workspace,
    group: &str,
    kind: ForecastKind,
    options: &ComputeOptions,
) -> Result<()> {
    group_queues(ws, group)?;
    if let Some(weeks) = options.weeks
        && (weeks == 0 || weeks > kind.max_weeks())
    {
        return Err(WfmError::OutOfRange {
            what: "weeks",
            value: weeks.to_string(),
            allowed: format!(
                "a {kind}-term forecast covers 1 to {} weeks",
                kind.max_weeks()
            ),
        });
    }
    if let Some(p) = &options.holidays {
        read_holidays(p)?;
    }
    Ok(())
}

/// Computes the group's forecast of `kind` from the workspace history and stores it as
/// the last computed version (replacing the previous draft; see the module's source).
/// The replacement is one transaction of the store: runs computing at once leave one
/// draft; a draft published meanwhile stays published and this forecast becomes the new
/// draft ([`Computed::draft_gone`] says so).
///
/// # Errors
/// `NotFound` for an unknown group or `OutOfRange` for a bad option (see [`check_compute`]); the errors
/// of [`forecast_files`](super::forecast_files) for the history (e.g. "not enough
/// data").
pub(crate) fn compute_forecast(
    ws: &mut Workspace,
    group: &str,
    kind: ForecastKind,
    options: &ComputeOptions,
    now: DateTime<Utc>,
) -> Result<Computed> {
    check_compute(ws, group, kind, options)?;
    let queues = group_queues(ws, group)?;
    let name = kind.to_string();
    let previous = ws
        .latest_unchecked(FORECAST_DOCUMENT, group, &name, None)?
        .filter(|d| d.status == DocumentStatus::Draft);
    let first_created = match ws
        .documents_unchecked(FORECAST_DOCUMENT, Some(group))?
        .iter()
        .find(|d| d.name == name)
    {
        Some(d) => {
            // only its dates are read: a damaged value elsewhere does not block computing
            let (_, f): (_, GroupForecast) = ws.get_json_unchecked(d.id)?;
            if f.meta.first_created > 0 {
                f.meta.first_created
            } else {
                d.created_at.timestamp()
            }
        }
        None => now.timestamp(),
    };
    let meta = ForecastMeta {
        start: options.start.map(|t| t.timestamp()),
        weeks: options.weeks.unwrap_or(match kind {
            ForecastKind::Short => DEFAULT_SHORT_WEEKS,
            ForecastKind::Long => DEFAULT_LONG_WEEKS,
        }),
        // absolute, so a refresh from another directory finds it
        holidays: options.holidays.as_ref().map(|p| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        }),
        computed_at: now.timestamp(),
        first_created,
    };
    let output = fit_group(ws, &queues, kind, &meta, false)?;
    let inputs = current_fingerprint(ws, group, kind, &meta)?;
    let mut forecast = output.forecast;
    forecast.inputs = inputs;
    forecast.meta = meta;
    let text = summary(&forecast);
    let (info, replaced) =
        ws.put_draft_json_unchecked(FORECAST_DOCUMENT, group, &name, &text, &[], &forecast)?;
    let draft_gone = match previous {
        Some(p) if !replaced => Some(
            match ws
                .documents_unchecked(FORECAST_DOCUMENT, Some(group))?
                .iter()
                .find(|d| d.id == p.id)
            {
                Some(d) if d.status == DocumentStatus::Published => DraftGone::Published(p.id),
                _ => DraftGone::Deleted(p.id),
            },
        ),
        _ => None,
    };
    Ok(Computed {
        info,
        forecast,
        replaced,
        draft_gone,
    })
}

/// Publishes the group's last computed forecast of `kind`; the previous published one is
/// deleted unless a published document uses it (see the module's source).
///
/// # Errors
/// `NotFound` if there is no computed forecast, `AlreadyPublished` if it is published
/// already.
pub(crate) fn publish_forecast(
    ws: &mut Workspace,
    group: &str,
    kind: ForecastKind,
) -> Result<Published> {
    let name = kind.to_string();
    let Some(last) = ws.latest_unchecked(FORECAST_DOCUMENT, group, &name, None)? else {
        return Err(WfmError::NotFound {
            item: Item::document(FORECAST_DOCUMENT, &name).of(group),
        });
    };
    let Some(draft) = draft_forecast(ws, group, kind)? else {
        return Err(WfmError::AlreadyPublished {
            item: Item::stored(&last),
            refused: Refused::Publish,
        });
    };
    // the store refuses a draft another run published a moment ago ("published already")
    let info = ws.publish_document_unchecked(draft.id)?;
    let older: Vec<DocumentInfo> = ws
        .documents_unchecked(FORECAST_DOCUMENT, Some(group))?
        .into_iter()
        .filter(|d| d.name == name && d.status == DocumentStatus::Published && d.id != info.id)
        .collect();
    let (mut deleted, mut kept) = (Vec::new(), Vec::new());
    for d in older {
        match ws.delete_document_unchecked(d.id) {
            Ok(_) => deleted.push(d.id),
            Err(e @ WfmError::InUse { .. }) => kept.push((d.id, e.to_string())),
            Err(e) => return Err(e),
        }
    }
    Ok(Published {
        info,
        deleted,
        kept,
    })
}

/// A forecast document read back and checked like input ([`GroupForecast::check`]).
pub(crate) fn read_forecast(
    ws: &Workspace,
    id: DocumentId,
) -> Result<(DocumentInfo, GroupForecast)> {
    let (info, forecast): (DocumentInfo, GroupForecast) = ws.get_json_unchecked(id)?;
    forecast.check().map_err(|e| WfmError::Damaged {
        table: "document",
        detail: format!(
            "forecast {id} ({}-term of {:?}) holds an impossible value: {e}",
            info.name, info.scope
        ),
    })?;
    Ok((info, forecast))
}

/// Every forecast document that does not decode or holds an impossible value, for
/// `wfm workspace check` (the store checks the file; this, the forecasts in it).
///
/// # Errors
/// A storage failure that prevents listing the forecasts.
pub(crate) fn check_forecasts(ws: &Workspace) -> Result<Vec<crate::store::StoreProblem>> {
    let mut problems = Vec::new();
    for d in ws.documents_unchecked(FORECAST_DOCUMENT, None)? {
        match read_forecast(ws, d.id) {
            Ok(_) => {}
            Err(WfmError::Damaged { table, detail }) => problems.push(crate::store::StoreProblem {
                table: table.to_owned(),
                detail,
            }),
            Err(e) => return Err(e),
        }
    }
    Ok(problems)
}

/// The group's draft of `kind` (the store keeps at most one).
fn draft_forecast(ws: &Workspace, group: &str, kind: ForecastKind) -> Result<Option<DocumentInfo>> {
    ws.latest_unchecked(
        FORECAST_DOCUMENT,
        group,
        &kind.to_string(),
        Some(DocumentStatus::Draft),
    )
}

/// The group's last computed or last published forecast of `kind` as stored, without
/// overrides.
///
/// # Errors
/// A storage failure.
pub(crate) fn last_forecast(
    ws: &Workspace,
    group: &str,
    kind: ForecastKind,
    version: Version,
) -> Result<Option<(DocumentInfo, GroupForecast)>> {
    let status = (version == Version::Published).then_some(DocumentStatus::Published);
    match ws.latest_unchecked(FORECAST_DOCUMENT, group, &kind.to_string(), status)? {
        Some(d) => Ok(Some(read_forecast(ws, d.id)?)),
        None => Ok(None),
    }
}

/// The effective forecast of a group: the `version` of its forecast of `kind`, with the
/// group's override file applied or not (override rows replace the matching queue ×
/// channel × step values). The capacity plan reads
/// `effective_forecast(ws, group, Long, Version::Published, Overrides::Applied)`.
///
/// # Errors
/// A storage failure.
pub(crate) fn effective_forecast(
    ws: &Workspace,
    group: &str,
    kind: ForecastKind,
    version: Version,
    overrides: Overrides,
) -> Result<Option<(DocumentInfo, GroupForecast)>> {
    let Some((info, mut forecast)) = last_forecast(ws, group, kind, version)? else {
        return Ok(None);
    };
    if overrides == Overrides::Applied
        && let Some((_, o)) = forecast_override(ws, group)?
    {
        apply_overrides(&mut forecast, &o.rows);
    }
    Ok(Some((info, forecast)))
}

/// Deletes the group's last computed draft (or, with `published`, the last published
/// forecast) of `kind`.
///
/// # Errors
/// `NotFound` if there is none; `InUse` (from the store) if a published plan or schedule
/// uses it.
pub(crate) fn delete_forecast(
    ws: &mut Workspace,
    group: &str,
    kind: ForecastKind,
    published: bool,
) -> Result<DocumentInfo> {
    let name = kind.to_string();
    let doc = if published {
        ws.latest_unchecked(
            FORECAST_DOCUMENT,
            group,
            &name,
            Some(DocumentStatus::Published),
        )?
    } else {
        draft_forecast(ws, group, kind)?
    };
    let Some(doc) = doc else {
        let status = if published {
            DocumentStatus::Published
        } else {
            DocumentStatus::Draft
        };
        return Err(WfmError::NotFound {
            item: Item::document(FORECAST_DOCUMENT, kind.to_string())
                .of(group)
                .with_status(status),
        });
    };
    ws.delete_document_unchecked(doc.id)
}

/// Every forecast document with its content, oldest first.
///
/// # Errors
/// A storage failure or a document that does not decode.
pub(crate) fn forecast_versions(ws: &Workspace) -> Result<Vec<(DocumentInfo, GroupForecast)>> {
    ws.documents_unchecked(FORECAST_DOCUMENT, None)?
        .into_iter()
        .map(|d| read_forecast(ws, d.id))
        .collect()
}

/// The group's override file, if one is uploaded.
///
/// # Errors
/// A storage failure.
pub(crate) fn forecast_override(
    ws: &Workspace,
    group: &str,
) -> Result<Option<(DocumentInfo, StoredOverride)>> {
    match ws.latest_unchecked(DocumentKind::ForecastOverride, group, OVERRIDE_NAME, None)? {
        Some(d) => Ok(Some(ws.get_json_unchecked(d.id)?)),
        None => Ok(None),
    }
}

/// Validates `text` (from the file `name`) as the group's override file and stores it,
/// wholly replacing the previous one. Nothing is stored when it has an error.
///
/// # Errors
/// `InvalidInput` naming every problem (`FILE:LINE: COLUMN: reason`); `NotFound` for an
/// unknown group.
pub(crate) fn upload_forecast_override(
    ws: &mut Workspace,
    group: &str,
    name: &str,
    text: &str,
) -> Result<(DocumentInfo, StoredOverride)> {
    let queues: Vec<String> = group_queues(ws, group)?
        .iter()
        .map(|q| q.as_str().to_owned())
        .collect();
    let rows = parse_overrides(text, name, &queues, ws.settings()?.interval)?;
    let stored = StoredOverride {
        file: name.to_owned(),
        text: text.to_owned(),
        rows,
    };
    let short = stored
        .rows
        .iter()
        .filter(|r| r.granularity != Granularity::Daily)
        .count();
    let summary = format!(
        "{name}: {} rows ({short} interval, {} daily)",
        stored.rows.len(),
        stored.rows.len() - short
    );
    // one transaction: uploads at once leave one override file
    let (info, _) = ws.put_draft_json_unchecked(
        DocumentKind::ForecastOverride,
        group,
        OVERRIDE_NAME,
        &summary,
        &[],
        &stored,
    )?;
    Ok((info, stored))
}

/// Removes the group's override file.
///
/// # Errors
/// `NotFound` if there is none.
pub(crate) fn remove_forecast_override(ws: &mut Workspace, group: &str) -> Result<DocumentInfo> {
    match ws.latest_unchecked(DocumentKind::ForecastOverride, group, OVERRIDE_NAME, None)? {
        Some(d) => ws.delete_document_unchecked(d.id),
        None => Err(WfmError::NotFound {
            item: Item::document(DocumentKind::ForecastOverride, "").of(group),
        }),
    }
}

/// The override template of a group: the header only if no file is uploaded yet, else
/// the last uploaded file's text.
///
/// # Errors
/// A storage failure.
pub(crate) fn override_template(ws: &Workspace, group: &str) -> Result<String> {
    Ok(match forecast_override(ws, group)? {
        Some((_, o)) => o.text,
        None => format!("{}\n", crate::capacity::FORECAST_HEADER.join(",")),
    })
}

/// Writes [`override_template`] to `path` (`-` for standard output) through
/// [`crate::files`].
///
/// # Errors
/// [`WfmError::OutputIsInput`] when `path` is the workspace (checked first); a storage
/// failure; [`WfmError::Io`] if the file cannot be written.
pub(crate) fn write_override_template(ws: &Workspace, group: &str, path: &Path) -> Result<()> {
    crate::files::Inputs::new()
        .workspace(ws.path())
        .check(path)?;
    crate::files::write_bytes(path, override_template(ws, group)?.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::ImportOptions;
    use chrono::TimeZone;
    use wfm_core::IntervalLength;
    use wfm_core::history::format_utc;

    fn sample(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/sample")
            .join(name)
    }

    fn workspace(dir: &Path) -> Workspace {
        let mut ws = Workspace::create(&dir.join("w.wfm"), IntervalLength::Thirty, None).unwrap();
        ws.import_history(&sample("daily.csv"), &ImportOptions::default())
            .unwrap();
        ws.create_group("Sales", &["1001".parse().unwrap()])
            .unwrap();
        ws
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 8, 1, 2, 0, 0).unwrap()
    }

    fn four_weeks() -> ComputeOptions {
        ComputeOptions {
            weeks: Some(4),
            ..ComputeOptions::default()
        }
    }

    #[test]
    fn a_published_forecast_used_by_a_published_plan_is_kept_and_cannot_be_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path());
        let long = ForecastKind::Long;
        let first = compute_forecast(&mut ws, "Sales", long, &four_weeks(), now()).unwrap();
        assert!(!first.replaced);
        assert_eq!(first.forecast.series.len(), 2); // 1001 VOICE and CHAT
        publish_forecast(&mut ws, "Sales", long).unwrap();
        let plan = ws
            .put_json(
                DocumentKind::Plan,
                "Sales",
                "base",
                "",
                &[first.info.id],
                &1,
            )
            .unwrap();
        ws.publish_document(plan.id).unwrap();
        let e = delete_forecast(&mut ws, "Sales", long, true).unwrap_err();
        assert!(
            matches!(&e, WfmError::InUse { item, used_by }
                if item.id == Some(first.info.id) && used_by.id == Some(plan.id)),
            "{e}"
        );
        assert!(e.to_string().contains("used by the published plan"), "{e}");
        // a new computation and publication: the used one stays, no longer the last
        let second = compute_forecast(&mut ws, "Sales", long, &four_weeks(), now()).unwrap();
        assert_ne!(second.info.id, first.info.id);
        let p = publish_forecast(&mut ws, "Sales", long).unwrap();
        assert_eq!(p.deleted, []);
        assert_eq!(p.kept.len(), 1);
        assert_eq!(p.kept[0].0, first.info.id);
        let (last, _) = last_forecast(&ws, "Sales", long, Version::Published)
            .unwrap()
            .unwrap();
        assert_eq!(last.id, second.info.id);
        // the newer published one is not used: it can go
        delete_forecast(&mut ws, "Sales", long, true).unwrap();
    }

    #[test]
    fn computing_again_replaces_the_draft_and_publishing_deletes_the_older_published() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path());
        let long = ForecastKind::Long;
        let a = compute_forecast(&mut ws, "Sales", long, &four_weeks(), now()).unwrap();
        let b = compute_forecast(&mut ws, "Sales", long, &four_weeks(), now()).unwrap();
        assert!(b.replaced);
        assert_eq!(a.info.id, b.info.id);
        publish_forecast(&mut ws, "Sales", long).unwrap();
        assert!(publish_forecast(&mut ws, "Sales", long).is_err());
        compute_forecast(&mut ws, "Sales", long, &four_weeks(), now()).unwrap();
        let p = publish_forecast(&mut ws, "Sales", long).unwrap();
        assert_eq!(p.deleted, [a.info.id]);
        assert_eq!(
            ws.documents(FORECAST_DOCUMENT, Some("Sales"))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn the_fingerprint_names_sources_and_queues() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path());
        let c =
            compute_forecast(&mut ws, "Sales", ForecastKind::Long, &four_weeks(), now()).unwrap();
        assert_eq!(
            c.forecast.inputs,
            "kind=long;start=auto;weeks=4;queues=1001;sources=1"
        );
        assert_eq!(c.forecast.meta.first_created, now().timestamp());
    }

    #[test]
    fn overrides_replace_matching_steps_only_in_the_effective_forecast() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path());
        let long = ForecastKind::Long;
        let c = compute_forecast(&mut ws, "Sales", long, &four_weeks(), now()).unwrap();
        let s = &c.forecast.series[0];
        let p = s.points[3];
        let text = format!(
            "{}\n{},{},{},{},daily,777,123.5\n",
            crate::capacity::FORECAST_HEADER.join(","),
            s.queue_name,
            s.queue_id,
            s.channel.as_str(),
            format_utc(p.start)
        );
        upload_forecast_override(&mut ws, "Sales", "o.csv", &text).unwrap();
        let (_, with) =
            effective_forecast(&ws, "Sales", long, Version::Computed, Overrides::Applied)
                .unwrap()
                .unwrap();
        let (_, without) =
            effective_forecast(&ws, "Sales", long, Version::Computed, Overrides::Ignored)
                .unwrap()
                .unwrap();
        assert_eq!(with.series[0].points[3].volume, 777.0);
        assert_eq!(with.series[0].points[3].aht_seconds, 123.5);
        assert_eq!(without.series[0].points[3], p);
        assert_eq!(with.series[0].points[2], without.series[0].points[2]);
        assert_eq!(override_template(&ws, "Sales").unwrap(), text);
        remove_forecast_override(&mut ws, "Sales").unwrap();
        let (_, after) =
            effective_forecast(&ws, "Sales", long, Version::Computed, Overrides::Applied)
                .unwrap()
                .unwrap();
        assert_eq!(after, without);
    }
}
