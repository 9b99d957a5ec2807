use super::*;
use crate::scheduling::fixture::{shift, store, workspace};
use crate::scheduling::workspace::publish_schedule;

#[test]
fn schedules_are_found_by_any_case_fragment_and_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, config, forecast) = workspace(dir.path());
    let docs = (config, forecast);
    let march = store(&mut ws, docs, "March, week 1", vec![]);
    let april = store(&mut ws, docs, "April", vec![]);
    let summer = store(&mut ws, docs, "Summer MARKET push", vec![]);
    // the store's times have seconds: publish a second later
    std::thread::sleep(std::time::Duration::from_millis(1100));
    publish_schedule(&mut ws, march).unwrap();
    let find = |ws: &mut Workspace, name: Option<&str>, sort, descending| {
        let q = ScheduleSearch {
            name: name.map(Into::into),
            sort,
            descending,
        };
        ws.schedules()
            .search(&q)
            .unwrap()
            .iter()
            .map(|l| l.info.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find(&mut ws, Some("mar"), ScheduleSort::Created, false),
        [march, summer]
    );
    assert_eq!(
        find(&mut ws, Some("MAR"), ScheduleSort::Created, true),
        [summer, march]
    );
    assert_eq!(
        find(&mut ws, Some("pri"), ScheduleSort::Start, false),
        [april]
    );
    assert!(find(&mut ws, Some("june"), ScheduleSort::Start, false).is_empty());
    assert_eq!(
        find(&mut ws, None, ScheduleSort::End, false),
        [march, april, summer]
    );
    // published last: the latest update
    let updated = find(&mut ws, None, ScheduleSort::Updated, true);
    assert_eq!(updated[0], march);
}

#[test]
fn agents_are_found_by_fragment_group_and_supervisor_sorted_by_earliest_shift() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, config, forecast) = workspace(dir.path());
    let id = store(
        &mut ws,
        (config, forecast),
        "s",
        vec![
            ("ana", vec![shift(3, 8, 8)]),
            ("nora", vec![shift(2, 14, 6), shift(4, 14, 6)]),
            ("kai", vec![shift(2, 9, 8)]),
        ],
    );
    let mut find = |q: AgentSearch| {
        ws.schedules()
            .agents(id, &q)
            .unwrap()
            .into_iter()
            .map(|r| r.agent)
            .collect::<Vec<_>>()
    };
    let all = find(AgentSearch::default());
    assert_eq!(all.len(), 16);
    // by earliest shift start, then the agents without a shift by name
    assert_eq!(&all[..4], ["kai", "nora", "ana", "ben"]);
    let q = AgentSearch {
        name: Some("A".into()),
        ..AgentSearch::default()
    };
    assert_eq!(find(q)[..3], ["kai", "nora", "ana"]);
    let q = AgentSearch {
        name: Some("a".into()),
        staffing_group: Some("Evening team".into()),
        ..AgentSearch::default()
    };
    assert_eq!(find(q), ["nora", "max", "omar", "pia"]);
    let q = AgentSearch {
        supervisor: Some("zoe".into()),
        ..AgentSearch::default()
    };
    assert!(find(q).is_empty());
    let rows = ws.schedules().agents(id, &AgentSearch::default()).unwrap();
    let nora = rows.iter().find(|r| r.agent == "nora").unwrap();
    assert_eq!(
        (nora.shifts, nora.staffing_group.as_str(), nora.time_zone),
        (2, "Evening team", chrono_tz::America::New_York)
    );
    let q = AgentSearch {
        staffing_group: Some("Night team".into()),
        ..AgentSearch::default()
    };
    let e = ws.schedules().agents(id, &q).unwrap_err();
    assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
}
