//! `wfm demo`: what wfm does, on the embedded sample data.

use anyhow::Result;
use clap::Args;
use comfy_table::Cell;

use super::table;
use wfm::core::history::QueueId;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// A folder for the demo's files (the forecast CSVs, the plan: CSVs and
    /// plan.xlsx, and a week's schedule in schedule/); `python -m wfm.demo FOLDER` then
    /// draws them as PNG charts. Without
    /// it, the files go to a temporary folder that is removed.
    #[arg(long, short, value_name = "FOLDER")]
    output: Option<std::path::PathBuf>,
}

pub fn run(args: &DemoArgs) -> Result<()> {
    workspace_tour();
    super::demo_plan::tour(args.output.as_deref());
    super::demo_schedule::tour(args.output.as_deref());
    super::demo_timeoff::tour();
    super::demo_publish::tour();
    let day = wfm::demo::staffing_day()?;
    let results = day.solve()?;
    println!("wfm demo — interval staffing for one day of the Support queue (Erlang C)");
    println!(
        "VOICE: 80 % answered in 20 s, occupancy ≤ 85 %; CHAT: 70 % in 60 s, 2 chats per agent, occupancy ≤ 90 %; shrinkage 30 %\n"
    );
    let mut t = table::new(&[
        "interval (UTC)",
        "channel",
        "contacts",
        "AHT s",
        "Erlangs",
        "agents",
        "+shrinkage",
        "SL %",
        "ASA s",
        "occupancy %",
    ]);
    let mut totals = (0.0, 0u64, 0.0f64);
    for (row, r) in day.rows().iter().zip(&results) {
        let id = row.id.as_deref().unwrap_or("");
        let (channel, time) = id.split_once('@').unwrap_or(("", id));
        let time = time.get(11..16).unwrap_or(time);
        let s = &r.staffing;
        let m = &s.metrics;
        totals.0 += row
            .get(wfm::staffing::StaffingColumn::Volume)
            .unwrap_or(0.0);
        totals.1 += s.agents_with_shrinkage;
        totals.2 = totals.2.max(s.agents as f64);
        t.add_row(vec![
            Cell::new(time),
            Cell::new(channel),
            Cell::new(format!(
                "{:.0}",
                row.get(wfm::staffing::StaffingColumn::Volume)
                    .unwrap_or(0.0)
            )),
            Cell::new(format!(
                "{:.0}",
                row.get(wfm::staffing::StaffingColumn::AhtSeconds)
                    .unwrap_or(0.0)
            )),
            Cell::new(format!("{:.1}", m.traffic)),
            Cell::new(s.agents),
            Cell::new(s.agents_with_shrinkage),
            Cell::new(format!("{:.1}", 100.0 * m.service_level)),
            Cell::new(format!("{:.1}", m.asa_seconds)),
            Cell::new(format!("{:.1}", 100.0 * m.occupancy)),
        ]);
    }
    println!("{}", table::show(&t));
    println!(
        "\n{} intervals, {:.0} contacts; peak {} productive agents; {} agent-intervals with shrinkage ({:.1} agent-hours).",
        results.len(),
        totals.0,
        totals.2,
        totals.1,
        totals.1 as f64 * 0.5
    );
    println!(
        "Try: wfm staff --volume 250 --aht 240 --service-level 0.8 --within 20 --patience 120"
    );
    Ok(())
}

/// Builds a temporary workspace from `data/sample` and prints what it holds; a message
/// (not an error) when the sample is absent (a binary moved away from its source tree).
fn workspace_tour() {
    let sample = std::path::Path::new(wfm::demo::SAMPLE_DIR);
    if !sample.join("queues.csv").is_file() {
        println!(
            "(sample data not found at {}: skipping the workspace tour)\n",
            sample.display()
        );
        return;
    }
    let Ok(dir) = tempfile::tempdir() else {
        println!("(no temporary directory: skipping the workspace tour)\n");
        return;
    };
    let path = dir.path().join("demo.wfm");
    if let Err(e) = print_workspace(&path, sample) {
        println!("(the workspace tour failed: {e})\n");
    }
}

fn print_workspace(path: &std::path::Path, sample: &std::path::Path) -> Result<()> {
    let s = wfm::demo::sample_workspace(path, sample)?;
    let ws = &s.workspace;
    println!(
        "wfm demo — a workspace (30-minute interval) from the sample data in {}\n",
        sample.display()
    );
    let mut t = table::new(&["queue", "name", "channels", "forecast group", "active"]);
    for q in ws.queues()? {
        t.add_row(vec![
            Cell::new(&q.id),
            Cell::new(&q.name),
            Cell::new(q.channels.join(",")),
            Cell::new(q.group.as_deref().unwrap_or("-")),
            Cell::new(if q.active { "yes" } else { "no" }),
        ]);
    }
    println!("{}", table::show(&t));
    let mut t = table::new(&["source", "file", "rows", "first", "last", "contacts"]);
    let fmt = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map_or("-".into(), |d| d.format("%Y-%m-%d %H:%M").to_string())
    };
    let mut last = None;
    for i in &s.imports {
        let src = &i.source;
        last = last.max(src.last_start);
        let file = std::path::Path::new(&src.file)
            .file_name()
            .map_or(src.file.clone(), |f| f.to_string_lossy().into_owned());
        t.add_row(vec![
            Cell::new(src.id.0),
            Cell::new(file),
            Cell::new(src.rows),
            Cell::new(fmt(src.first_start)),
            Cell::new(fmt(src.last_start)),
            Cell::new(src.volume),
        ]);
    }
    println!("{}", table::show(&t));
    for g in ws.groups()? {
        let ids: Vec<&str> = g.queues.iter().map(QueueId::as_str).collect();
        println!("forecast group {}: queues {}", g.name, ids.join(", "));
    }
    if let Some(last) = last {
        let as_of = last
            .date_naive()
            .succ_opt()
            .unwrap_or(last.date_naive())
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let check = ws.check_sufficiency(None, as_of)?;
        println!(
            "\ndata sufficiency as of the day after the last data point ({}):",
            as_of.format("%Y-%m-%d")
        );
        println!("{}\n{}", check.short_term, check.long_term);
    }
    println!(
        "\nTry: wfm --workspace my.wfm workspace create --interval 30 && wfm --workspace my.wfm history import data/sample/daily.csv\n"
    );
    Ok(())
}
