//! Parsing an event stream on several threads: the calling thread reads batches of lines
//! (the input needs not be `Send`, e.g. a locked stdin) and hands them to worker threads
//! round robin; each worker parses its batches with the same line parsers as
//! [`EventReader`]; the calling thread takes the parsed batches back in the order it read
//! them. The events and problems, their order and their `FILE:LINE` are those of
//! [`EventReader`]; at most a few batches are in memory at a time.

use std::collections::VecDeque;
use std::io::BufRead;
use std::ops::ControlFlow;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use wfm_core::history::InputIssue;

use super::event::AgentEvent;
use super::lines::Lines;
use super::parse::{EventReader, Format, Place};
use super::tape::TapeReader;

/// Lines per batch.
const BATCH: usize = 1024;
/// Batches given to one worker and not yet taken back.
const PER_WORKER: usize = 2;
/// The most worker threads.
const MAX_WORKERS: usize = 4;

/// One event or the problem of its line.
type Item = Result<AgentEvent, InputIssue>;

/// Lines read together, and the problem that ended the stream after them, if any.
struct Batch {
    text: String,
    /// Line number, start and end in `text`.
    lines: Vec<(u64, usize, usize)>,
    format: Option<Format>,
    end: Option<InputIssue>,
}

/// The next batch of `lines`, and whether more may follow.
fn read_batch<R: BufRead>(lines: &mut Lines<R>, text_capacity: usize) -> (Batch, bool) {
    let mut b = Batch {
        text: String::with_capacity(text_capacity),
        lines: Vec::with_capacity(BATCH),
        format: None,
        end: None,
    };
    while b.lines.len() < BATCH {
        match lines.next_line(&mut b.text) {
            None => return (b, false),
            Some(Err(issue)) => {
                // a bad header or a read failure: the stream ends here
                b.end = Some(issue);
                return (b, false);
            }
            Some(Ok((line, format, start))) => {
                b.format = Some(format);
                b.lines.push((line, start, b.text.len()));
            }
        }
    }
    (b, true)
}

/// A batch's events and problems, in line order.
fn parse_batch(file: &str, b: Batch, tape: &mut TapeReader) -> Vec<Item> {
    let mut out = Vec::with_capacity(b.lines.len() + 1);
    if let Some(format) = b.format {
        for &(line, start, end) in &b.lines {
            out.push(Place { file, line }.parse(format, &b.text[start..end], tape));
        }
    }
    out.extend(b.end.map(Err));
    out
}

/// Gives `each` every event of `input` (named `file` in problems) or the problem of its
/// line, exactly as [`EventReader`] yields them, parsing on up to four worker threads
/// (as many as the machine has cores; with one, on the calling thread); see the module
/// docs. Stops early when `each` breaks.
///
/// # Panics
/// When a worker thread panics (the panic is passed on).
///
/// ```
/// use std::ops::ControlFlow;
/// use wfm_scheduler::adherence::{EventReader, for_each_event};
/// let mut text = String::from("agent,timestamp,state\n");
/// for i in 0..5000 {
///     let state = if i == 1234 { "" } else { "Available" };
///     text += &format!("agent{},2026-03-02T08:{:02}:00Z,{state}\n", i % 7, i % 60);
/// }
/// let mut items = Vec::new();
/// for_each_event(text.as_bytes(), "e.csv", &mut |item| {
///     items.push(item);
///     ControlFlow::Continue(())
/// });
/// let one_thread: Vec<_> = EventReader::new(text.as_bytes(), "e.csv").collect();
/// assert_eq!(items, one_thread);
/// assert_eq!(items[1234].as_ref().unwrap_err().to_string(), "e.csv:1236: state: empty: a value is required");
/// ```
pub fn for_each_event<R: BufRead>(
    input: R,
    file: &str,
    each: &mut dyn FnMut(Item) -> ControlFlow<()>,
) {
    let workers = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_WORKERS);
    on_workers(input, file, workers, each);
}

/// [`for_each_event`] on `workers` threads (fewer than 2: on the calling thread).
fn on_workers<R: BufRead>(
    input: R,
    file: &str,
    workers: usize,
    each: &mut dyn FnMut(Item) -> ControlFlow<()>,
) {
    if workers < 2 {
        for item in EventReader::new(input, file) {
            if each(item).is_break() {
                return;
            }
        }
        return;
    }
    let mut lines = Lines::new(input, file);
    thread::scope(|scope| {
        let mut to: Vec<SyncSender<Batch>> = Vec::with_capacity(workers);
        let mut from: Vec<Receiver<Vec<Item>>> = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (batch_in, batches) = sync_channel::<Batch>(PER_WORKER);
            let (parsed_out, parsed) = sync_channel::<Vec<Item>>(PER_WORKER);
            scope.spawn(move || {
                let mut tape = TapeReader::default();
                for b in batches {
                    if parsed_out.send(parse_batch(file, b, &mut tape)).is_err() {
                        break;
                    }
                }
            });
            to.push(batch_in);
            from.push(parsed);
        }
        // which worker has each batch given and not taken back, in reading order; a
        // worker never has more than PER_WORKER, so no channel is ever full
        let mut given: VecDeque<usize> = VecDeque::with_capacity(workers * PER_WORKER);
        let (mut more, mut next, mut capacity) = (true, 0, 1 << 16);
        loop {
            while more && given.len() < workers * PER_WORKER {
                let (batch, m) = read_batch(&mut lines, capacity);
                more = m;
                if batch.lines.is_empty() && batch.end.is_none() {
                    break;
                }
                capacity = capacity.max(batch.text.len());
                if to[next].send(batch).is_err() {
                    return; // the worker panicked: the scope passes it on
                }
                given.push_back(next);
                next = (next + 1) % workers;
            }
            let Some(w) = given.pop_front() else {
                return;
            };
            let Ok(items) = from[w].recv() else {
                return; // the worker panicked: the scope passes it on
            };
            for item in items {
                if each(item).is_break() {
                    return;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item of `text` on `workers` threads, stopping after `stop_after` items.
    fn items(text: &[u8], workers: usize, stop_after: usize) -> Vec<Item> {
        let mut out = Vec::new();
        on_workers(text, "f", workers, &mut |item| {
            out.push(item);
            if out.len() >= stop_after {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        out
    }

    fn one_thread(text: &[u8]) -> Vec<Item> {
        EventReader::new(text, "f").collect()
    }

    /// Many batches of good, bad and blank lines in each format: the same items in the
    /// same order as one thread, on 1 to 4 workers, also when stopped early.
    #[test]
    fn workers_give_what_one_thread_gives() {
        let mut csv = String::from("agent,timestamp,state,on_contact\n");
        let mut jsonl = String::new();
        let mut reference = String::new();
        for i in 0..(BATCH * 9 + 17) {
            let (agent, state) = (format!("a{}", i % 13), ["Available", "Lunch", ""][i % 3]);
            let ts = format!("2026-03-02T{:02}:{:02}:00Z", i / 60 % 24, i % 60);
            let ts = if i % 101 == 0 { "noon".to_string() } else { ts };
            csv += &format!("{agent},{ts},{state},{}\n", i % 2 == 0);
            jsonl += &format!(
                "{{\"agent\":\"{agent}\",\"timestamp\":\"{ts}\",\"state\":\"{state}\"}}\n"
            );
            reference += &format!(
                "{{\"EventType\":\"STATE_CHANGE\",\"EventId\":\"e{i}\",\"EventTimestamp\":\"{ts}\",\"CurrentAgentSnapshot\":{{\"AgentStatus\":{{\"Name\":\"{state}\"}},\"Configuration\":{{\"Username\":\"{agent}\"}}}}}}\n"
            );
            if i % 500 == 0 {
                for text in [&mut csv, &mut jsonl, &mut reference] {
                    text.push_str("\n  \n{not json\n");
                }
            }
        }
        for text in [csv, jsonl, reference] {
            let want = one_thread(text.as_bytes());
            assert!(want.iter().filter(|i| i.is_err()).count() > 100);
            for workers in 1..=4 {
                assert_eq!(items(text.as_bytes(), workers, usize::MAX), want);
                assert_eq!(items(text.as_bytes(), workers, 2500), want[..2500]);
            }
        }
    }

    /// A bad header or text that is not UTF-8 ends the stream at the same line.
    #[test]
    fn the_stream_ends_where_one_thread_ends_it() {
        let bad_header = b"agent,when,state\nana,2026-03-02T08:00:00Z,Available\n".to_vec();
        let mut not_utf8 = b"agent,timestamp,state\n".to_vec();
        for _ in 0..(BATCH * 3) {
            not_utf8.extend_from_slice(b"ana,2026-03-02T08:00:00Z,Available\n");
        }
        not_utf8.extend_from_slice(
            b"ana,2026-03-02T08:00:00Z,Av\xffilable\nana,2026-03-02T09:00:00Z,Lunch\n",
        );
        for text in [
            bad_header,
            not_utf8,
            Vec::new(),
            b"agent,timestamp,state\n".to_vec(),
        ] {
            let want = one_thread(&text);
            assert_eq!(items(&text, 3, usize::MAX), want);
        }
        let last = items(b"agent,when,state\n", 2, usize::MAX);
        assert_eq!(last.len(), 1);
        assert!(
            last[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .starts_with("f:1: timestamp: ")
        );
    }
}
