//! Criterion benches of schedule editing on the large example
//! (`data/scenarios/schedule_demand_800x4w.toml`, 800 agents × 4 weeks, with
//! `forecast_demand_4w.csv`): one edit applied and re-reviewed; one day's breaks and
//! meals re-optimised for every agent; a meeting proposal for 20 attendees over 5 days.
//!
//! The schedule is a fixture built here at bench time, without the solver (solving the
//! 800 × 4-week model takes minutes): every agent works the first five open days of each
//! week, a minimum-length shift from the middle of their profile window, with the
//! activity group's breaks and meals at the start of their windows.
//!
//! `cargo bench --bench schedule_edit`

use std::hint::black_box;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use wfm::core::Channel;
use wfm::core::forecast::ForecastKind;
use wfm::scheduler::edit::meeting::{Attendees, MeetingRequest, propose_meeting};
use wfm::scheduler::edit::reoptimise::reoptimise_breaks;
use wfm::scheduler::edit::{Annotations, EditBatch, EditContext, EditOptions, apply_edits};
use wfm::scheduler::generate::GenerateOptions;
use wfm::scheduler::model::{Anchor, DayStatus};
use wfm::scheduler::{AgentSchedule, Demand, PlacedActivity, Scenario, Schedule, Shift};

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/scenarios")
        .join(name)
}

/// The scenario, its demand and the fixture schedule.
fn fixture() -> (Scenario, Demand, Schedule) {
    let text = std::fs::read_to_string(data("schedule_demand_800x4w.toml")).expect("scenario");
    let scenario = Scenario::from_toml(&text, "schedule_demand_800x4w.toml").expect("valid");
    let forecast =
        wfm::capacity::read_forecast_csv(&data("forecast_demand_4w.csv"), ForecastKind::Short)
            .expect("forecast");
    let r = scenario.request().clone();
    let days = (r.end - r.start).num_days() as usize + 1;
    let demand = Demand::from_forecast(&forecast, Channel::Voice, r.start, days);
    let mut agents = Vec::new();
    for name in scenario.agents() {
        let profile = scenario.profile_of(name).expect("profile");
        let (lo, hi) = profile.window().span();
        let len = profile.min_shift_minutes;
        let start_min = i64::from(lo + (hi.saturating_sub(lo + len)) / 2) / 15 * 15;
        let mut shifts = Vec::new();
        let mut week_days = 0;
        let mut day = r.start;
        while day <= r.end {
            if day.weekday() == chrono::Weekday::Mon {
                week_days = 0;
            }
            if profile.days.status(day.weekday()) != DayStatus::Off && week_days < 5 {
                week_days += 1;
                shifts.push(shift(&scenario, name, day, start_min, i64::from(len)));
            }
            day = day.succ_opt().expect("a next day");
        }
        agents.push(AgentSchedule {
            agent: name.to_owned(),
            shifts,
        });
    }
    (scenario, demand, Schedule { agents })
}

fn shift(scenario: &Scenario, agent: &str, day: NaiveDate, start_min: i64, len: i64) -> Shift {
    let start =
        day.and_hms_opt(0, 0, 0).expect("midnight").and_utc() + Duration::minutes(start_min);
    let end = start + Duration::minutes(len);
    let profile = scenario.profile_of(agent).expect("profile");
    let activities = profile
        .activity_group(u32::try_from(len).unwrap_or(0))
        .map(|g| {
            g.activities
                .iter()
                .filter_map(|p| {
                    let def = scenario.activity(&p.activity)?;
                    let anchor = if p.anchor == Anchor::Start {
                        start
                    } else {
                        end
                    };
                    let s = anchor + Duration::minutes(i64::from(p.earliest_minutes));
                    Some(PlacedActivity {
                        activity: p.activity.clone(),
                        start: s,
                        end: s + Duration::minutes(i64::from(p.duration(def))),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Shift {
        date: day,
        start,
        end,
        activities,
    }
}

fn edits(c: &mut Criterion) {
    let (scenario, demand, schedule) = fixture();
    let ctx = EditContext::new(&scenario).with_demand(&demand, GenerateOptions::default());
    let notes = Annotations::default();
    let first = &schedule.agents[0];
    let s = &first.shifts[0];
    let moved = s.start + Duration::minutes(15);
    let line = format!(
        r#"{{"op":"move_shift","agent":"{}","date":"{}","start":"{}"}}"#,
        first.agent,
        s.date,
        moved.format("%Y-%m-%dT%H:%M:%SZ")
    );
    let batch = EditBatch::parse(&line, "bench").expect("an edit");
    let mut group = c.benchmark_group("schedule_edit_800x4w");
    group.sample_size(10);
    group.bench_function("one_edit_applied_and_reviewed", |b| {
        b.iter(|| {
            apply_edits(
                &ctx,
                black_box(&schedule),
                &notes,
                &batch,
                &EditOptions::default(),
            )
            .expect("applied")
        })
    });
    // what the re-review alone costs (the review of the whole 4 weeks)
    group.bench_function("review_only", |b| {
        b.iter(|| ctx.review(black_box(&schedule)).expect("reviewed"))
    });
    let day = scenario.request().start + Duration::days(1);
    let days: Vec<(String, NaiveDate)> = schedule
        .agents
        .iter()
        .filter(|a| a.shifts.iter().any(|s| s.date == day))
        .map(|a| (a.agent.clone(), day))
        .collect();
    let once = reoptimise_breaks(&ctx, &schedule, &days).expect("re-optimised");
    println!(
        "re-optimise {day}: {} agent-days asked, {} re-placed, {} failed, {} min moved, SL {:.4} -> {:.4}",
        days.len(),
        once.days,
        once.failed.len(),
        once.minutes_moved,
        once.service_level.0,
        once.service_level.1
    );
    group.bench_function("reoptimise_one_day_all_agents", |b| {
        b.iter(|| reoptimise_breaks(&ctx, black_box(&schedule), &days).expect("re-optimised"))
    });
    let group_name = scenario.run_groups().next().expect("a group").name.clone();
    let request = MeetingRequest {
        activity: "Team meeting".into(),
        duration_minutes: 60,
        attendees: Attendees::FromGroup {
            group: group_name,
            count: 20,
        },
        first_day: scenario.request().start,
        last_day: scenario.request().start + Duration::days(4),
        max_slots: 5,
    };
    group.bench_function("meeting_20_attendees_5_days", |b| {
        b.iter(|| propose_meeting(&ctx, black_box(&schedule), &request).expect("slots"))
    });
    group.finish();
}

criterion_group!(benches, edits);
criterion_main!(benches);
