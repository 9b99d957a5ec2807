//! Command-line parsing (clap) and dispatch. Raw arguments become validated requests
//! here; the work is done by the library.

mod access;
mod adherence;
mod audit;
mod demo;
mod demo_adherence;
mod demo_edit;
mod demo_plan;
mod demo_publish;
mod demo_schedule;
mod demo_timeoff;
mod forecast;
mod forecast_ws;
mod groups;
mod hints;
mod history;
mod limits;
mod manual;
mod outputs;
mod overtime;
mod plan;
mod plan_workspace;
mod queues;
mod schedule;
mod schedule_edit;
mod schedule_publish;
mod schedule_ws;
mod staff;
mod table;
mod timeoff;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use wfm::WfmError;
use wfm::core::text::printable_lines;

/// Workforce management for contact centers: forecasting, Erlang staffing, capacity
/// planning and shift scheduling.
#[derive(Debug, Parser)]
#[command(name = "wfm", version, about, long_about = None)]
struct Cli {
    /// The workspace file (SQLite), or a PostgreSQL database `postgres://…`, for the
    /// workspace, history, queues and groups commands.
    #[arg(
        long,
        global = true,
        env = "WFM_WORKSPACE",
        hide_env_values = true,
        value_name = "PATH"
    )]
    workspace: Option<PathBuf>,
    /// Who the command runs as (team workspaces: their roles and scope apply; changes are
    /// audited under this name). Default: $WFM_ACTOR, else the login.
    #[arg(long, global = true, value_name = "NAME")]
    actor: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Agents needed per interval for a service goal (Erlang C, or Erlang A with
    /// --patience): one interval from flags, or a batch CSV.
    Staff(staff::StaffArgs),
    /// A tour of wfm on the sample data.
    Demo(demo::DemoArgs),
    /// Create a workspace, show what it holds, upgrade or check it.
    Workspace(workspace::WorkspaceArgs),
    /// Import, list, remove, export and check history.
    History(history::HistoryArgs),
    /// List, deactivate and activate queues.
    Queues(queues::QueuesArgs),
    /// Create, list, edit and delete forecast groups.
    Groups(groups::GroupsArgs),
    /// A short- or long-term forecast CSV (docs/formats/forecast-csv.md) from history CSVs,
    /// with P10/P50/P90 and an optional backtest.
    Forecast(forecast::ForecastArgs),
    /// A schedule (shifts, breaks, days off for named agents; every week of the request)
    /// from a scenario file and a short-term forecast, checked by the independent
    /// validator; or validate one;
    /// or on a workspace: its configuration, schedules from the published short-term
    /// forecast, publish, export and an agent's view.
    Schedule(schedule::ScheduleArgs),
    /// A capacity plan (FTE needed week by week and month by month, against FTE
    /// available, and whom to hire): from forecast files and a scenario, or on a
    /// workspace from its published forecasts (scenario, fte, create, list, show,
    /// override, rerun, publish, export).
    Plan(plan::PlanArgs),
    /// Time off on a workspace: group allowances, agent balances (a ledger) and requests
    /// (request, approve, deny, edit, cancel, list, a waitlist).
    Timeoff(timeoff::TimeOffArgs),
    /// Overtime and VTO slots on a workspace: open, accept, decline, override,
    /// force-deny, list, and the slots the published schedule suggests.
    Overtime(overtime::OvertimeArgs),
    /// Schedule adherence from agent state events: import, recalc, report, exceptions,
    /// impact (service level lost), watch (live), sample.
    Adherence(adherence::AdherenceArgs),
    /// Users of a team workspace: add, list, remove, grant, revoke, scope.
    Users(access::UsersArgs),
    /// Roles: list, show, define a custom one.
    Roles(access::RolesArgs),
    /// The audit log: every change with actor, time, operation and target.
    Audit(audit::AuditArgs),
    /// Print the shell completion script for bash, zsh, fish, elvish or powershell, e.g.
    /// `wfm completions bash > ~/.local/share/bash-completion/completions/wfm`.
    Completions(manual::CompletionsArgs),
    /// Write the man pages (wfm.1 and one per command) into a folder, e.g.
    /// `wfm man --output ~/.local/share/man/man1`.
    Man(manual::ManArgs),
}

/// Exit codes: 0 success, 1 failure, 2 invalid input (every problem printed) or a request
/// the workspace refuses (see `exit_code`).
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    workspace::set_actor(cli.actor.as_deref());
    let result = match cli.command {
        Command::Staff(args) => staff::run(&args, cli.workspace.as_ref()),
        Command::Demo(args) => demo::run(&args),
        Command::Workspace(args) => workspace::run(&args, cli.workspace.as_ref()),
        Command::History(args) => history::run(&args, cli.workspace.as_ref()),
        Command::Queues(args) => queues::run(&args, cli.workspace.as_ref()),
        Command::Groups(args) => groups::run(&args, cli.workspace.as_ref()),
        Command::Plan(args) => plan::run(&args, cli.workspace.as_ref()),
        Command::Adherence(args) => adherence::run(&args, cli.workspace.as_ref()),
        Command::Schedule(args) => schedule::run(&args, cli.workspace.as_ref()),
        Command::Forecast(args) => forecast::run(&args, cli.workspace.as_ref()),
        Command::Timeoff(args) => timeoff::run(&args, cli.workspace.as_ref()),
        Command::Overtime(args) => overtime::run(&args, cli.workspace.as_ref()),
        Command::Users(args) => access::run_users(&args, cli.workspace.as_ref()),
        Command::Roles(args) => access::run_roles(&args, cli.workspace.as_ref()),
        Command::Audit(args) => audit::run(&args, cli.workspace.as_ref()),
        Command::Completions(args) => manual::completions(&args, Cli::command()),
        Command::Man(args) => manual::man(&args, Cli::command(), cli.workspace.as_ref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

/// Prints `error` (user text in it escaped: [`printable_lines`]), with a hint naming the
/// command that helps where there is one ([`hints`]), and picks the exit code.
fn report(error: &anyhow::Error) -> ExitCode {
    if let Some(e) = error.downcast_ref::<WfmError>() {
        return report_wfm(e);
    }
    if let Some(e) = error.downcast_ref::<wfm::core::CoreError>() {
        eprintln!("error: {}", printable_lines(&e.to_string()));
        return ExitCode::from(2);
    }
    if let Some(e) = error.downcast_ref::<wfm::erlang::ErlangError>() {
        eprintln!("error: {}", printable_lines(&e.to_string()));
        return ExitCode::from(2);
    }
    eprintln!("error: {}", printable_lines(&format!("{error:#}")));
    ExitCode::FAILURE
}

fn report_wfm(error: &WfmError) -> ExitCode {
    if let WfmError::InvalidInput { errors, not_shown } = error {
        for e in errors {
            eprintln!("{e}");
        }
        if *not_shown > 0 {
            eprintln!("… and {not_shown} more problem(s) not shown");
        }
        eprintln!(
            "error: {} problem(s) in the input; nothing was written",
            errors.len() as u64 + not_shown
        );
        return ExitCode::from(2);
    }
    eprintln!("error: {}", printable_lines(&error.to_string()));
    if let Some(hint) = hints::hint(error) {
        eprintln!("hint: {}", printable_lines(&hint));
    }
    ExitCode::from(exit_code(error))
}

/// 2 when the request was refused (its input, its arguments, or the workspace's state
/// does not allow it: the user can change the request); 1 when the work failed (a file,
/// the database, another run changed the workspace, an output that does not encode).
fn exit_code(error: &WfmError) -> u8 {
    match error {
        WfmError::Io { .. }
        | WfmError::Store(_)
        | WfmError::Damaged { .. }
        | WfmError::Changed { .. }
        | WfmError::Contention { .. }
        | WfmError::Encode { .. }
        | WfmError::Erlang(_) => 1,
        _ => 2,
    }
}
