//! `wfm forecast`: short- or long-term forecast CSV from history CSVs
//! (stateless), or with a subcommand the forecast lifecycle of a workspace
//! ([`super::forecast_ws`]).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;
use comfy_table::Cell;
use wfm::WfmError;
use wfm::files::{Inputs, is_stdout};
use wfm::forecasting::{
    ForecastKind, ForecastRequest, forecast_files, parse_public_holidays, parse_time_zone,
    write_forecast_csv,
};

use super::table::{self, number};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  \
    wfm forecast --history data/sample/intervals_30min.csv --kind short --weeks 4 --output st.csv\n  \
    wfm forecast --history data/sample/daily.csv --kind long --weeks 78 --output lt.csv --backtest\n\n\
    The output feeds `wfm plan --forecast-long lt.csv --forecast-short st.csv`.\n\n\
    On a workspace: wfm --workspace W forecast compute|publish|list|show|compare|override|\
    export|backtest|delete|refresh (see `wfm forecast compute --help`).",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct ForecastArgs {
    /// The forecast lifecycle of a workspace (instead of the stateless form).
    #[command(subcommand)]
    command: Option<super::forecast_ws::ForecastCommand>,
    /// A history CSV (docs/formats/history-csv.md); repeat for several, a later file wins
    /// record by record.
    #[arg(long, required = true, value_name = "FILE")]
    history: Vec<PathBuf>,
    /// short: 15/30-minute intervals, up to 18 weeks; long: days, up to 78 weeks.
    #[arg(long, value_name = "short|long", required = true)]
    kind: Option<String>,
    /// The first forecast step, YYYY-MM-DDTHH:MM:SSZ (or YYYY-MM-DD); default: the step
    /// after the newest history.
    #[arg(long)]
    start: Option<String>,
    /// Weeks to forecast.
    #[arg(long, required = true)]
    weeks: Option<u32>,
    /// The forecast CSV to write (`-` for standard output).
    #[arg(long, short, value_name = "OUT.csv", required = true)]
    output: Option<PathBuf>,
    /// Quantile columns, from 0.1, 0.5, 0.9.
    #[arg(long, value_delimiter = ',', default_value = "0.1,0.5,0.9")]
    quantiles: Vec<f64>,
    /// Holidays CSV: date,name,scope (scope a queue id or *), see data/templates/holidays.csv.
    #[arg(long, value_name = "FILE")]
    holidays: Option<PathBuf>,
    /// Built-in public holidays: COUNTRY for every queue or QUEUEID=COUNTRY; repeat per
    /// queue. AU, CA, DE, ES, FR, GB (England & Wales), NL, US.
    #[arg(long = "public-holidays", value_name = "[QUEUEID=]COUNTRY")]
    public_holidays: Vec<String>,
    /// A queue's time zone, QUEUEID=ZONE (default UTC); repeat per queue.
    #[arg(long = "time-zone", value_name = "QUEUEID=ZONE")]
    time_zones: Vec<String>,
    /// Also backtest every series and print WAPE, MASE and bias.
    #[arg(long)]
    backtest: bool,
}

pub(super) fn parse_start(text: &str) -> Result<DateTime<Utc>, WfmError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        && let Some(t) = d.and_hms_opt(0, 0, 0)
    {
        return Ok(t.and_utc());
    }
    Err(WfmError::InvalidArgument {
        argument: "start",
        value: text.to_owned(),
        expected: "write YYYY-MM-DDTHH:MM:SSZ, e.g. 2024-08-01T00:00:00Z".into(),
    })
}

pub fn run(args: &ForecastArgs, workspace: Option<&PathBuf>) -> Result<()> {
    if let Some(command) = &args.command {
        return super::forecast_ws::run(command, workspace);
    }
    let began = Instant::now();
    // clap requires these without a subcommand
    let (Some(kind), Some(weeks), Some(output)) = (&args.kind, args.weeks, &args.output) else {
        anyhow::bail!("give --history, --kind, --weeks and --output, or a subcommand");
    };
    Inputs::new()
        .files(&args.history)
        .files(&args.holidays)
        .maybe_workspace(workspace)
        .check(output)?;
    let kind: ForecastKind = kind.parse()?;
    let mut request =
        ForecastRequest::new(args.history.iter().map(Into::into).collect(), kind, weeks);
    request.start = args.start.as_deref().map(parse_start).transpose()?;
    request.quantiles = args.quantiles.clone();
    request.holidays = args.holidays.clone();
    request.public_holidays = args
        .public_holidays
        .iter()
        .map(|t| parse_public_holidays(t))
        .collect::<Result<_, _>>()?;
    request.time_zones = args
        .time_zones
        .iter()
        .map(|t| parse_time_zone(t))
        .collect::<Result<_, _>>()?;
    request.backtest = args.backtest;
    request.progress = true;
    let out = forecast_files(&request)?;
    let rows = write_forecast_csv(output, &out.forecast, &out.table())?;
    let mut header = vec!["queue", "name", "channel", "model", "volume", "mean AHT s"];
    if args.backtest {
        header.extend(["WAPE %", "MASE", "bias %"]);
    }
    let mut t = table::new(&header);
    for s in &out.forecast.series {
        let volume = s.total_volume();
        let work: f64 = s.points.iter().map(|p| p.workload_seconds()).sum();
        let aht = (volume > 0.0).then(|| work / volume);
        let mut row = vec![
            Cell::new(&s.queue_id),
            Cell::new(&s.queue_name),
            Cell::new(s.channel.as_str()),
            Cell::new(&s.model),
            Cell::new(format!("{volume:.0}")),
            Cell::new(number(aht, 0)),
        ];
        if args.backtest {
            let b = out
                .backtest
                .iter()
                .find(|b| b.queue_id == s.queue_id && b.channel == s.channel);
            row.push(Cell::new(number(
                b.and_then(|b| b.wape).map(|x| x * 100.0),
                1,
            )));
            row.push(Cell::new(number(b.and_then(|b| b.mase), 2)));
            row.push(Cell::new(number(
                b.and_then(|b| b.bias).map(|x| x * 100.0),
                1,
            )));
        }
        t.add_row(row);
    }
    let first = wfm::core::history::format_utc(out.forecast.start);
    let summary = format!(
        "{kind}-term forecast: {} series × {} {} steps from {first}, {} weeks\n{t}",
        out.forecast.series.len(),
        out.forecast.steps,
        out.forecast.granularity.as_str(),
        weeks
    );
    // the table goes with the messages: to standard error when the CSV is on standard
    // output (its user text escaped: `table::show`)
    let summary = wfm::core::text::printable_lines(&summary);
    if is_stdout(output) {
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }
    for w in &out.forecast.warnings {
        eprintln!("warning: {w}");
    }
    super::outputs::wrote(
        output,
        &format!(" ({rows} rows) in {:.1}s", began.elapsed().as_secs_f64()),
    );
    Ok(())
}
