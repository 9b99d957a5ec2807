//! `wfm staff`: one interval from flags, or a batch CSV.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{ArgGroup, Args};
use wfm::erlang::{
    Concurrency, Goal, MaxOccupancy, Patience, Shrinkage, StaffingRequest, Workload,
};
use wfm::files::Inputs;
use wfm::staffing::{ResultsCsvWriter, StaffingBatch, read_csv};

#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("goal").args(["service_level", "asa"]).multiple(false)),
    after_help = "Batch CSV columns (header row, any order): volume, aht_seconds, \
    interval_seconds, then service_level_target with service_level_seconds, or \
    asa_target_seconds; optional id (passed through), max_occupancy (default 1), \
    shrinkage (default 0), patience_seconds (Erlang A), concurrency (default 1).\n\n\
    Examples:\n  wfm staff --volume 250 --aht 240 --service-level 0.8 --within 20\n  \
    wfm staff --input day.csv --output staffed.csv"
)]
pub struct StaffArgs {
    /// Batch input CSV (one interval per row).
    #[arg(long, value_name = "IN.csv", requires = "output", conflicts_with_all = ["volume", "aht"])]
    input: Option<PathBuf>,
    /// Batch output CSV: the input columns plus the results (`-` for standard output).
    #[arg(long, value_name = "OUT.csv", requires = "input")]
    output: Option<PathBuf>,
    /// Contacts offered in the interval.
    #[arg(long, required_unless_present = "input")]
    volume: Option<f64>,
    /// Average handle time in seconds.
    #[arg(long, value_name = "SECONDS", required_unless_present = "input")]
    aht: Option<f64>,
    /// Interval length in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 1800.0)]
    interval: f64,
    /// Service-level goal: share answered within --within seconds, e.g. 0.8.
    #[arg(long, requires = "within")]
    service_level: Option<f64>,
    /// Service-level threshold in seconds.
    #[arg(long, value_name = "SECONDS", requires = "service_level")]
    within: Option<f64>,
    /// ASA goal: average speed of answer at most this many seconds.
    #[arg(long, value_name = "SECONDS")]
    asa: Option<f64>,
    /// Maximum occupancy, in (0, 1].
    #[arg(long, default_value_t = 1.0)]
    max_occupancy: f64,
    /// Shrinkage, in [0, 1).
    #[arg(long, default_value_t = 0.0)]
    shrinkage: f64,
    /// Mean patience in seconds before a caller abandons: Erlang A instead of Erlang C.
    #[arg(long, value_name = "SECONDS")]
    patience: Option<f64>,
    /// Contacts an agent works at once (chat).
    #[arg(long, default_value_t = 1)]
    concurrency: u32,
    /// Print the single-interval answer as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &StaffArgs, workspace: Option<&PathBuf>) -> Result<()> {
    match (&args.input, &args.output) {
        (Some(input), Some(output)) => batch(input, output, workspace),
        _ => single(args),
    }
}

fn batch(input: &Path, output: &Path, workspace: Option<&PathBuf>) -> Result<()> {
    Inputs::new()
        .file(input)
        .maybe_workspace(workspace)
        .check(output)?;
    let started = Instant::now();
    // Start the worker pool first, so its threads come up while the file is read (a
    // long-lived caller, such as the Python binding, has its pool already): the solve
    // time below is then the solve's own, not the operating system's thread start.
    rayon::current_num_threads();
    let batch = read_csv(input)?;
    let read = started.elapsed();
    // The results stream to the file a chunk at a time: memory for one chunk's results
    // whatever the batch's length. The solve time is the solving's alone, without
    // creating the file or the writing between chunks.
    let mut writer = ResultsCsvWriter::create(output, &batch)?;
    let solving = Instant::now();
    let mut writing = Duration::ZERO;
    let (mut agents, mut with_shrinkage) = (0_u64, 0_u64);
    batch.solve_chunks(StaffingBatch::CHUNK_ROWS, |rows, results| {
        let write = Instant::now();
        for r in results {
            agents += r.staffing.agents;
            with_shrinkage += r.staffing.agents_with_shrinkage;
        }
        writer.write(rows, results)?;
        writing += write.elapsed();
        Ok(())
    })?;
    let solved = solving.elapsed().saturating_sub(writing);
    writer.finish()?;
    eprintln!(
        "staffed {} intervals: {} agents, {} with shrinkage; read {:.3} s, solved {:.4} s on {} \
         thread(s), total {:.3} s → {}",
        batch.rows().len(),
        agents,
        with_shrinkage,
        read.as_secs_f64(),
        solved.as_secs_f64(),
        rayon::current_num_threads(),
        started.elapsed().as_secs_f64(),
        output.display()
    );
    Ok(())
}

fn single(args: &StaffArgs) -> Result<()> {
    let volume = args.volume.context("--volume is required")?;
    let aht = args.aht.context("--aht is required")?;
    let goal = match (args.service_level, args.within, args.asa) {
        (Some(p), Some(t), None) => Goal::service_level(p, t)?,
        (None, None, Some(t)) => Goal::asa(t)?,
        _ => anyhow::bail!("give a goal: --service-level P --within SECONDS, or --asa SECONDS"),
    };
    let mut request = StaffingRequest::new(Workload::new(volume, aht, args.interval)?, goal)
        .max_occupancy(MaxOccupancy::new(args.max_occupancy)?)
        .shrinkage(Shrinkage::new(args.shrinkage)?)
        .concurrency(Concurrency::new(args.concurrency)?);
    if let Some(p) = args.patience {
        request = request.patience(Patience::new(p)?);
    }
    let s = request.solve()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(());
    }
    let m = &s.metrics;
    let model = if args.patience.is_some() {
        "Erlang A"
    } else {
        "Erlang C"
    };
    println!("traffic                {:.3} Erlangs ({model})", m.traffic);
    println!("agents                 {}", s.agents);
    println!("agents (fractional)    {:.3}", s.agents_fractional);
    println!("agents with shrinkage  {}", s.agents_with_shrinkage);
    if s.occupancy_capped {
        println!(
            "  (set by the occupancy cap; the goal alone needs {})",
            s.goal_agents
        );
    }
    println!("service level          {:.2} %", 100.0 * m.service_level);
    println!("ASA                    {:.1} s", m.asa_seconds);
    println!("occupancy              {:.2} %", 100.0 * m.occupancy);
    println!(
        "waiting probability    {:.2} %",
        100.0 * m.waiting_probability
    );
    if args.patience.is_some() {
        println!(
            "abandon probability    {:.2} %",
            100.0 * m.abandon_probability
        );
    }
    Ok(())
}
