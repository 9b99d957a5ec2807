//! Overtime and VTO offers on a workspace: opened by a supervisor, accepted or declined
//! by agents first come first served inside one store transaction, overridden or
//! force-denied by a supervisor; and the suggested slots from the published schedule's
//! review.

use chrono::{DateTime, Utc};
use wfm_scheduler::ActivityKind;
use wfm_scheduler::timeoff::{
    self, ChangeKind, OfferedTo, ResponseStatus, ScheduleChange, SlotKind, SlotOffer, SlotResponse,
    SuggestedSlots, TimeOffError,
};

use super::context::Context;
use super::placing::{self, ScheduleUpdate, Why};
use crate::Workspace;
use crate::error::{Result, WfmError};

/// A supervisor's new offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOffer {
    /// Overtime or VTO.
    pub kind: SlotKind,
    /// Start, UTC.
    pub start: DateTime<Utc>,
    /// End, UTC.
    pub end: DateTime<Utc>,
    /// The productive activity.
    pub activity: String,
    /// The reason shown to agents.
    pub reason: String,
    /// How many agents may accept (≥ 1).
    pub slots: u32,
    /// A staffing group or chosen agents.
    pub offered_to: OfferedTo,
}

/// An agent's or a supervisor's answer to an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The agent accepts (first come, first served).
    Accept,
    /// The agent declines (an acceptance is given up).
    Decline,
    /// A supervisor accepts the agent beyond the slots (overrides the system).
    Override,
    /// A supervisor takes an acceptance back.
    ForceDeny,
}

/// What an answer did.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerOutcome {
    /// The response as stored.
    pub response: SlotResponse,
    /// The schedule changes it implies (an acceptance: the work added or removed; an
    /// acceptance taken back: that undone).
    pub schedule_changes: Vec<ScheduleChange>,
    /// What they did to the published schedules, stored in the same transaction (none
    /// when no published schedule covers the day).
    pub schedule: Vec<ScheduleUpdate>,
}

/// An offer and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferState {
    /// The offer.
    pub offer: SlotOffer,
    /// Every response.
    pub responses: Vec<SlotResponse>,
}

impl OfferState {
    /// Agents accepted.
    pub fn accepted(&self) -> usize {
        self.responses
            .iter()
            .filter(|r| r.status == ResponseStatus::Accepted)
            .count()
    }
}

/// Opens an offer (see [`super::TimeOff::open_slots`]).
pub(crate) fn open(ws: &mut Workspace, new: &NewOffer) -> Result<SlotOffer> {
    let ctx = Context::load(ws)?;
    let now = ws.now();
    if new.end <= new.start {
        return Err(TimeOffError::EndBeforeStart {
            start: new.start,
            end: new.end,
        }
        .into());
    }
    if new.slots == 0 {
        return Err(TimeOffError::InvalidOffer("an offer needs at least 1 slot".into()).into());
    }
    if new.end <= now {
        return Err(
            TimeOffError::InvalidOffer(format!("it ends at {}, in the past", new.end)).into(),
        );
    }
    let latest = timeoff::latest_start(now);
    if new.start > latest {
        return Err(TimeOffError::TooFarAhead {
            start: new.start,
            latest,
        }
        .into());
    }
    ctx.activity_of_kind(&new.activity, ActivityKind::Productive, "productive")?;
    let agents = match &new.offered_to {
        OfferedTo::Group(g) => ctx.group_agents(g).ok_or_else(|| WfmError::NotFound {
            item: crate::Item::new(crate::ItemKind::StaffingGroup, g.as_str()),
        })?,
        OfferedTo::Agents(list) => {
            for a in list {
                ctx.agent(a)?;
            }
            list.clone()
        }
    };
    let mut offer = SlotOffer {
        id: 0,
        kind: new.kind,
        start: new.start,
        end: new.end,
        activity: new.activity.clone(),
        reason: new.reason.clone(),
        slots: new.slots,
        offered_to: new.offered_to.clone(),
        agents,
        actor: ws.actor().name().to_owned(),
        created_at: now,
    };
    ws.store_mut().time_off_write(&mut |tx| {
        offer.id = tx.insert_offer(&offer)?;
        Ok(())
    })?;
    Ok(offer)
}

/// Records an answer in one transaction (see [`super::TimeOff::answer`]), the accepted
/// work into the published schedule in the same transaction.
pub(crate) fn answer(
    ws: &mut Workspace,
    offer_id: i64,
    agent: &str,
    answer: Answer,
) -> Result<AnswerOutcome> {
    let out = placing::retrying(ws, |ws| answer_once(ws, offer_id, agent, answer))?;
    placing::after(ws, &out.schedule)?;
    Ok(out)
}

/// The changes that take back what an accepted slot changed.
fn undone(changes: Vec<ScheduleChange>, offer: &SlotOffer) -> Vec<ScheduleChange> {
    changes
        .into_iter()
        .map(|c| ScheduleChange {
            kind: match c.kind {
                ChangeKind::AddWork { .. } => ChangeKind::RemoveWork,
                _ => ChangeKind::AddWork {
                    activity: offer.activity.clone(),
                },
            },
            ..c
        })
        .collect()
}

fn answer_once(
    ws: &mut Workspace,
    offer_id: i64,
    agent: &str,
    answer: Answer,
) -> Result<AnswerOutcome> {
    let ctx = Context::load(ws)?;
    let (now, who) = (ws.now(), ws.actor().clone());
    let actor = who.name().to_owned();
    let mut out = None;
    ws.store_mut().time_off_write(&mut |tx| {
        let offer = tx
            .offer(offer_id)?
            .ok_or(TimeOffError::NoOffer { id: offer_id })?;
        if !offer.agents.iter().any(|a| a == agent) {
            return Err(TimeOffError::NotOffered {
                offer: offer_id,
                agent: agent.to_owned(),
            }
            .into());
        }
        let responses = tx.responses(offer_id)?;
        let mine = responses
            .iter()
            .find(|r| r.agent == agent)
            .map(|r| r.status);
        let accepted = responses
            .iter()
            .filter(|r| r.status == ResponseStatus::Accepted)
            .count() as u32;
        let status = match answer {
            Answer::Accept if mine == Some(ResponseStatus::Accepted) => ResponseStatus::Accepted,
            Answer::Accept if mine == Some(ResponseStatus::ForceDenied) => {
                ResponseStatus::ForceDenied
            }
            Answer::Accept => timeoff::accept_outcome(offer.slots, accepted, false),
            Answer::Override => ResponseStatus::Accepted,
            Answer::Decline => ResponseStatus::Declined,
            Answer::ForceDeny => ResponseStatus::ForceDenied,
        };
        let response = SlotResponse {
            offer: offer_id,
            agent: agent.to_owned(),
            status,
            at: now,
            actor: actor.clone(),
        };
        tx.put_response(&response)?;
        let was = mine == Some(ResponseStatus::Accepted);
        let is = status == ResponseStatus::Accepted;
        // an acceptance extends or adds a shift (overtime) or removes work (VTO); an
        // acceptance taken back (declined, force-denied) undoes that
        let schedule_changes = match (was, is) {
            (false, true) => timeoff::slot_changes(&offer, agent),
            (true, false) => undone(timeoff::slot_changes(&offer, agent), &offer),
            _ => Vec::new(),
        };
        let why = Why {
            actor: &who,
            at: now,
            what: format!(
                "{} offer {offer_id}: {agent} {}",
                offer.kind, response.status
            ),
        };
        let schedule = placing::place(tx, &ctx, &schedule_changes, &why)?;
        out = Some(AnswerOutcome {
            response,
            schedule_changes,
            schedule,
        });
        Ok(())
    })?;
    out.ok_or_else(|| WfmError::Store("the offer transaction returned nothing".into()))
}

/// Every offer with its responses.
pub(crate) fn offers(ws: &Workspace) -> Result<Vec<OfferState>> {
    let mut out = Vec::new();
    ws.store().time_off_read(&mut |tx| {
        out = tx
            .offers()?
            .into_iter()
            .map(|offer| {
                let responses = tx.responses(offer.id)?;
                Ok(OfferState { offer, responses })
            })
            .collect::<Result<_>>()?;
        Ok(())
    })?;
    Ok(out)
}

/// The suggested slots of the latest published schedule the actor may see (see
/// [`super::TimeOff::suggest`]).
pub(crate) fn suggest(ws: &Workspace) -> Result<Vec<SuggestedSlots>> {
    let ctx = Context::load(ws)?;
    let mut latest = None;
    for stored in ctx.published_schedules().rev() {
        if ws.forecast_group_visible(&stored.forecast_group)? {
            latest = Some(stored);
            break;
        }
    }
    let Some(stored) = latest else {
        return Err(WfmError::Precondition {
            what: "no schedule is published (of a forecast group in your scope): publish one to see suggested overtime and VTO slots"
                .into(),
        });
    };
    let review = stored.outcome()?.review()?;
    let minutes = stored.scenario.interval.minutes();
    Ok(timeoff::suggest_slots(&review.intervals, minutes))
}
