//! What `wfm workspace check` asks of every stored value, whatever the backend: each
//! history source, chunk and document row (read by the backend) is judged here, and each
//! problem named by its table.

use std::collections::{HashMap, HashSet};

use wfm_core::Channel;
use wfm_core::history::{Granularity, HistoryRecord, QueueIx};

use super::chunks::chunk_records;
use super::codec::{self, Series};
use super::rows::{SourceRow, parse_time};
use super::{DocumentKind, StoreProblem};

/// A column read from a row that may not hold what it should (the read's error text).
pub(crate) type Read<T> = std::result::Result<T, String>;

/// The problems of one `history_source` row.
pub(crate) fn source(row: &SourceRow, out: &mut Vec<StoreProblem>) {
    let mut problem = |detail: String| {
        out.push(StoreProblem {
            table: "history_source".into(),
            detail: format!("source {} ({}): {detail}", row.id, row.file),
        });
    };
    if row.kind != "history" && row.kind != "raw" {
        problem(format!("unknown kind {:?}", row.kind));
    }
    if parse_time(&row.loaded_at).is_err() {
        problem("the load time does not read as a time".into());
    }
    for (what, v) in [("row count", row.rows), ("volume", row.volume)] {
        if v < 0 {
            problem(format!("a negative {what} {v}"));
        }
    }
    if let (Some(a), Some(b)) = (row.first_start, row.last_start)
        && a > b
    {
        problem(format!("its first record ({a}) is after its last ({b})"));
    }
}

/// The columns of a `history_chunk` row after its id, source and queue, as read.
pub(crate) struct ChunkColumns<'a> {
    pub channel: Read<String>,
    pub granularity: Read<String>,
    pub n: Read<i64>,
    pub first_start: Read<i64>,
    pub data: Read<&'a [u8]>,
}

/// The chunks of every source, decoded and counted against what the sources say.
#[derive(Default)]
pub(crate) struct ChunkCount {
    counted: HashMap<i64, i64>,
    damaged: HashSet<i64>,
    records: Vec<HistoryRecord>,
}

impl ChunkCount {
    /// Checks chunk `id` of `source` for `queue`: it must decode to its stored count.
    pub(crate) fn chunk(
        &mut self,
        (id, source, queue): (i64, i64, &str),
        columns: ChunkColumns<'_>,
        out: &mut Vec<StoreProblem>,
    ) {
        match self.decode(columns) {
            Ok(n) => *self.counted.entry(source).or_default() += n,
            Err(e) => {
                self.damaged.insert(source);
                out.push(StoreProblem {
                    table: "history_chunk".into(),
                    detail: format!("chunk {id} (source {source}, queue {queue}): {e}"),
                });
            }
        }
    }

    /// Decodes one chunk; its stored record count.
    fn decode(&mut self, c: ChunkColumns<'_>) -> Read<i64> {
        let channel = c.channel?.parse::<Channel>().map_err(|e| e.to_string())?;
        let granularity = c
            .granularity?
            .parse::<Granularity>()
            .map_err(|e| e.to_string())?;
        let stored = c.n?;
        let n = chunk_records(stored)?;
        let first = c.first_start?;
        let data = c.data?;
        let series = Series {
            queue: QueueIx(0),
            channel,
            granularity,
        };
        self.records.clear();
        codec::decode(data, n, first, series, &mut self.records)?;
        Ok(stored)
    }

    /// A source whose chunks (none damaged) hold another number of records than it says
    /// (`rows_of`: source id → its row count).
    pub(crate) fn finish(self, rows_of: &HashMap<i64, i64>, out: &mut Vec<StoreProblem>) {
        let mut ids: Vec<&i64> = rows_of.keys().collect();
        ids.sort_unstable();
        for id in ids {
            let (said, found) = (rows_of[id], self.counted.get(id).copied().unwrap_or(0));
            if said >= 0 && said != found && !self.damaged.contains(id) {
                out.push(StoreProblem {
                    table: "history_source".into(),
                    detail: format!("source {id} says {said} rows, its chunks hold {found}"),
                });
            }
        }
    }
}

/// The problems of one `document` row.
pub(crate) fn document(
    id: i64,
    kind: &str,
    created_at: &str,
    published_at: Option<&str>,
    status: &str,
    out: &mut Vec<StoreProblem>,
) {
    let mut problem = |detail: String| {
        out.push(StoreProblem {
            table: "document".into(),
            detail: format!("document {id}: {detail}"),
        });
    };
    if kind.parse::<DocumentKind>().is_err() {
        problem(format!("unknown kind {kind:?}"));
    }
    if parse_time(created_at).is_err() {
        problem("the creation time does not read as a time".into());
    }
    if status == "published" && published_at.is_none_or(|t| parse_time(t).is_err()) {
        problem("published without a publication time".into());
    }
}
