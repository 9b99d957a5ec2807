//! Historical data: the interval/daily history CSV, raw contact records,
//! layering of several loaded sources, and the data-sufficiency check.
//!
//! Everything here parses from `impl BufRead` (or `&[u8]`, which is one) with a display
//! name for issues, and never touches files, paths or SQL: the facade opens files and
//! stores records. Every problem in an input is an [`InputIssue`] naming file, line,
//! column and reason, and a file with any issue yields an error, never a partial result.
//!
//! * [`record`](HistoryRecord): queue ids, granularities, the queue interner, the
//!   40-byte record.
//! * [`read_history_csv`] / [`HistoryCsvReader`]: the history CSV, whole or streamed.
//! * [`HistoryLayers`]: which source's record counts for each key (layering).
//! * [`read_raw_contacts`]: raw contact records, CSV or JSON lines, aggregated by
//!   arrival interval.
//! * [`check_sufficiency`]: the data-sufficiency rules with their numbers.

mod csv;
mod dupes;
pub(crate) mod fields;
pub(crate) mod issue;
mod layering;
mod lines;
mod plausible;
mod raw;
mod record;
mod sufficiency;

pub use csv::{
    HISTORY_HEADER, HISTORY_HEADER_LINE, HistoryChunk, HistoryCsvOptions, HistoryCsvReader,
    HistoryImport, HistorySummary, MAX_WARNINGS, read_history_csv,
};
pub use fields::{EARLIEST_SECONDS, LATEST_SECONDS, UTC_FORMAT, format_utc};
pub use issue::{DEFAULT_MAX_ISSUES, InputIssue};
pub use layering::{Effective, EffectiveRecord, HistoryLayers, SourceId};
pub use plausible::{
    MAX_CONTACTS_PER_SECOND, RELATIVE_FACTOR, implausible_steps, implausible_volume,
    replace_implausible, volume_cap,
};
pub use raw::{
    InitiationMethod, RAW_CSV_COLUMNS, RawFormat, RawImport, RawOptions, RawSummary,
    read_raw_contacts, rollup_daily,
};
pub use record::{
    Granularity, History, HistoryRecord, QUEUE_ID_MAX_CHARS, QueueId, QueueIx, QueueTable,
    RecordKey,
};
pub use sufficiency::{
    ForecastGroupQueues, GroupVolume, HistoryLengthCheck, Horizon, MonthVolume, REMEDIES,
    RecencyCheck, SufficiencyOptions, SufficiencyReport, SufficiencyRule, VolumeCheck,
    check_sufficiency,
};
