use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::scheduling::fixture::{shift, store, workspace};
use crate::scheduling::workspace::publish_schedule;
use crate::store::ChangeRecord;

fn summary(records: &[ChangeRecord]) -> Vec<(i64, &str, Vec<NaiveDate>)> {
    records
        .iter()
        .map(|r| (r.seq, r.agent.as_str(), r.dates.clone()))
        .collect()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

#[test]
fn publishing_writes_one_record_per_changed_agent_read_with_a_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, config, forecast) = workspace(dir.path());
    let docs = (config, forecast);
    let a = store(
        &mut ws,
        docs,
        "A",
        vec![
            ("ana", vec![shift(2, 8, 8), shift(3, 8, 8)]),
            ("ben", vec![shift(2, 9, 8)]),
            ("kai", vec![]),
        ],
    );
    // drafts write nothing
    assert!(
        ws.schedules()
            .changes_since(0, 100)
            .unwrap()
            .records
            .is_empty()
    );
    let p = publish_schedule(&mut ws, a).unwrap();
    assert_eq!(p.changes, [1, 2, 3]);
    // a first publication: every agent of the schedule, also without a shift
    let page = ws.schedules().changes_since(0, 100).unwrap();
    assert_eq!(
        summary(&page.records),
        [
            (1, "ana", vec![day(2), day(3)]),
            (2, "ben", vec![day(2)]),
            (3, "kai", vec![])
        ]
    );
    assert_eq!(page.next, 3);
    let first = &page.records[0];
    assert_eq!(
        (
            first.cause,
            first.actor.as_str(),
            first.schedule,
            first.revision
        ),
        (ChangeCause::Publish, "sam", a, 0)
    );
    assert_eq!(first.at, Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap());
    assert_eq!((first.before.len(), first.after.len()), (0, 2));
    assert_eq!(first.key, format!("{a}/0/publish/ana"));

    // the second publication of the same dates: only ana's moved shift
    let b = store(
        &mut ws,
        docs,
        "B",
        vec![
            ("ana", vec![shift(2, 8, 8), shift(3, 10, 8)]),
            ("ben", vec![shift(2, 9, 8)]),
            ("kai", vec![]),
        ],
    );
    let p = publish_schedule(&mut ws, b).unwrap();
    assert_eq!(
        (p.replaced.as_slice(), p.changes.as_slice()),
        (&[a][..], &[4][..])
    );
    let page = ws.schedules().changes_since(3, 100).unwrap();
    assert_eq!(summary(&page.records), [(4, "ana", vec![day(3)])]);
    let r = &page.records[0];
    assert_eq!(
        (r.before.as_slice(), r.after.as_slice()),
        (&[shift(3, 8, 8)][..], &[shift(3, 10, 8)][..])
    );
    assert_eq!(page.next, 4);
    // nothing new after the cursor; the cursor stays
    let page = ws.schedules().changes_since(4, 100).unwrap();
    assert!(page.records.is_empty());
    assert_eq!(page.next, 4);
    // pages of two
    let page = ws.schedules().changes_since(0, 2).unwrap();
    assert_eq!((page.records.len(), page.next), (2, 2));

    // republishing the same shifts (a new draft of the same content) writes nothing
    let c = store(
        &mut ws,
        docs,
        "C",
        vec![
            ("ana", vec![shift(2, 8, 8), shift(3, 10, 8)]),
            ("ben", vec![shift(2, 9, 8)]),
            ("kai", vec![]),
        ],
    );
    assert!(publish_schedule(&mut ws, c).unwrap().changes.is_empty());
    assert_eq!(ws.schedules().changes_since(0, 100).unwrap().next, 4);
}

#[test]
fn a_publication_that_fails_writes_no_record_and_a_retry_no_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, config, forecast) = workspace(dir.path());
    let a = store(
        &mut ws,
        (config, forecast),
        "A",
        vec![("ana", vec![shift(2, 8, 8)])],
    );
    let (_, s) = crate::scheduling::workspace::load_schedule(&ws, a).unwrap();
    let changes = of_publication(&ws, a, &s, &[]);
    assert_eq!(changes.len(), 1);
    // another run published meanwhile (the published set is not what was seen): refused,
    // and nothing appended
    let e = ws
        .store_mut()
        .publish_replacing_with_changes(a, &[DocumentId(999)], &[], &changes)
        .unwrap_err();
    assert!(matches!(e, WfmError::Changed { .. }), "{e}");
    assert!(
        ws.schedules()
            .changes_since(0, 10)
            .unwrap()
            .records
            .is_empty()
    );
    let (_, seqs) = ws
        .store_mut()
        .publish_replacing_with_changes(a, &[], &[], &changes)
        .unwrap();
    assert_eq!(seqs, [1]);
    // the same records once more (a retried transaction): the stable keys store nothing
    let b = store(
        &mut ws,
        (config, forecast),
        "B",
        vec![("ana", vec![shift(2, 8, 8)])],
    );
    let (_, seqs) = ws
        .store_mut()
        .publish_replacing_with_changes(b, &[a], &[a], &changes)
        .unwrap();
    assert!(seqs.is_empty());
    assert_eq!(
        ws.schedules().changes_since(0, 10).unwrap().records.len(),
        1
    );
}

#[test]
fn the_cursor_and_the_limit_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _, _) = workspace(dir.path());
    for (after, limit) in [(-1, 10), (0, 0), (0, MAX_CHANGES_PER_READ + 1)] {
        let e = ws.schedules().changes_since(after, limit).unwrap_err();
        assert!(matches!(e, WfmError::InvalidArgument { .. }), "{e}");
    }
}
