//! `wfm demo`: what wfm does, on the embedded sample data.

use anyhow::Result;
use clap::Args;
use comfy_table::Cell;
use wfm::staffing::StaffingColumn;

use super::table;

#[derive(Debug, Args)]
pub struct DemoArgs {}

pub fn run(_args: &DemoArgs) -> Result<()> {
    let day = wfm::demo::staffing_day()?;
    let results = day.solve()?;
    println!("wfm demo — interval staffing for one day of the Support queue (Erlang C)");
    println!(
        "VOICE: 80 % answered in 20 s, occupancy ≤ 85 %; CHAT: 70 % in 60 s, 2 chats per \
         agent, occupancy ≤ 90 %; shrinkage 30 %\n"
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
    let (mut contacts, mut paid_intervals, mut peak) = (0.0, 0u64, 0u64);
    for (row, r) in day.rows().iter().zip(&results) {
        let id = row.id.as_deref().unwrap_or("");
        let (channel, time) = id.split_once('@').unwrap_or(("", id));
        let time = time.get(11..16).unwrap_or(time);
        let volume = row.get(StaffingColumn::Volume).unwrap_or(0.0);
        let s = &r.staffing;
        let m = &s.metrics;
        contacts += volume;
        paid_intervals += s.agents_with_shrinkage;
        peak = peak.max(s.agents);
        t.add_row(vec![
            Cell::new(time),
            Cell::new(channel),
            Cell::new(format!("{volume:.0}")),
            Cell::new(format!(
                "{:.0}",
                row.get(StaffingColumn::AhtSeconds).unwrap_or(0.0)
            )),
            Cell::new(format!("{:.1}", m.traffic)),
            Cell::new(s.agents),
            Cell::new(s.agents_with_shrinkage),
            Cell::new(format!("{:.1}", 100.0 * m.service_level)),
            Cell::new(format!("{:.1}", m.asa_seconds)),
            Cell::new(format!("{:.1}", 100.0 * m.occupancy)),
        ]);
    }
    println!("{t}");
    println!(
        "\n{} intervals, {contacts:.0} contacts; peak {peak} productive agents in one interval; \
         {:.1} paid agent-hours with shrinkage.",
        results.len(),
        paid_intervals as f64 * 0.5
    );
    println!(
        "Try: wfm staff --volume 250 --aht 240 --service-level 0.8 --within 20 --patience 120"
    );
    Ok(())
}
