//! `wfm overtime`: overtime and VTO slots (open, accept, decline, override, force-deny,
//! list) and the suggested slots from the published schedule.

use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::{ArgGroup, Args, Subcommand};
use wfm::scheduler::timeoff::{OfferedTo, SlotKind};
use wfm::timeoff::{Answer, NewOffer};

use super::workspace;

#[derive(Debug, Args)]
pub struct OvertimeArgs {
    #[command(subcommand)]
    command: OvertimeCommand,
}

#[derive(Debug, Subcommand)]
enum OvertimeCommand {
    /// Offer N overtime or VTO slots to a staffing group or chosen agents.
    Open(OpenArgs),
    /// An agent accepts (first come, first served).
    Accept {
        /// The offer's number.
        offer: i64,
        /// The agent.
        agent: String,
    },
    /// An agent declines (an acceptance is given up).
    Decline {
        /// The offer's number.
        offer: i64,
        /// The agent.
        agent: String,
    },
    /// A supervisor accepts an agent beyond the offered slots.
    Override {
        /// The offer's number.
        offer: i64,
        /// The agent.
        agent: String,
    },
    /// A supervisor takes an agent's acceptance back.
    ForceDeny {
        /// The offer's number.
        offer: i64,
        /// The agent.
        agent: String,
    },
    /// Every offer with its accepted count (CSV).
    List,
    /// Per interval of the latest published schedule: overtime slots needed and VTO
    /// slots that can be given without missing the goal (CSV).
    Suggest,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("to").args(["group", "agents"]).required(true)))]
struct OpenArgs {
    /// overtime or vto.
    #[arg(long, value_parser = kind)]
    kind: SlotKind,
    /// Start, UTC (`2026-12-15T14:00`).
    #[arg(long, value_parser = instant)]
    start: DateTime<Utc>,
    /// End, UTC.
    #[arg(long, value_parser = instant)]
    end: DateTime<Utc>,
    /// The productive activity.
    #[arg(long)]
    activity: String,
    /// How many agents may accept.
    #[arg(long)]
    slots: u32,
    /// Offer to every agent of this staffing group.
    #[arg(long)]
    group: Option<String>,
    /// Offer to these agents (comma-separated).
    #[arg(long, value_delimiter = ',')]
    agents: Vec<String>,
    /// The reason shown to agents.
    #[arg(long, default_value = "")]
    reason: String,
}

fn kind(s: &str) -> Result<SlotKind, String> {
    SlotKind::parse(s).ok_or_else(|| format!("{s:?}: expected overtime or vto"))
}

fn instant(s: &str) -> Result<DateTime<Utc>, String> {
    let full = if s.len() == 16 {
        format!("{s}:00")
    } else {
        s.to_owned()
    };
    wfm::scheduler::timeoff::parse_utc(&full)
        .ok_or_else(|| format!("{s:?} is not a UTC time such as 2026-12-15T14:00"))
}

pub fn run(args: &OvertimeArgs, path: Option<&PathBuf>) -> Result<()> {
    let path = path.map(PathBuf::as_path);
    let answer = |offer: i64, agent: &str, a: Answer| -> Result<()> {
        let done = workspace::open(path)?.time_off().answer(offer, agent, a)?;
        println!("offer {offer}: {agent} {}", done.response.status);
        super::timeoff::schedule_updates(&done.schedule);
        Ok(())
    };
    match &args.command {
        OvertimeCommand::Open(o) => {
            let offered_to = match &o.group {
                Some(g) => OfferedTo::Group(g.clone()),
                None => OfferedTo::Agents(o.agents.clone()),
            };
            let offer = workspace::open(path)?.time_off().open_slots(&NewOffer {
                kind: o.kind,
                start: o.start,
                end: o.end,
                activity: o.activity.clone(),
                reason: o.reason.clone(),
                slots: o.slots,
                offered_to,
            })?;
            println!(
                "offer {}: {} {} slot(s) {} – {} offered to {} agent(s)",
                offer.id,
                offer.slots,
                offer.kind,
                offer.start.format("%Y-%m-%d %H:%M"),
                offer.end.format("%Y-%m-%d %H:%M"),
                offer.agents.len()
            );
            Ok(())
        }
        OvertimeCommand::Accept { offer, agent } => answer(*offer, agent, Answer::Accept),
        OvertimeCommand::Decline { offer, agent } => answer(*offer, agent, Answer::Decline),
        OvertimeCommand::Override { offer, agent } => answer(*offer, agent, Answer::Override),
        OvertimeCommand::ForceDeny { offer, agent } => answer(*offer, agent, Answer::ForceDeny),
        OvertimeCommand::List => {
            let offers = workspace::open_read(path)?.time_off().offers()?;
            print!("{}", wfm::timeoff::offers_csv(&offers));
            Ok(())
        }
        OvertimeCommand::Suggest => {
            let rows = workspace::open_read(path)?.time_off().suggest()?;
            print!("{}", wfm::timeoff::suggestions_csv(&rows));
            Ok(())
        }
    }
}
