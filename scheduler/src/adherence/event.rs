//! One agent state event, whichever format it came in.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::state::StateKind;

/// The reference's event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventType {
    /// The agent's status changed (or their contacts did).
    StateChange,
    /// Nothing changed; sent every 120 s. Confirms (or repairs) the known status.
    HeartBeat,
    /// The agent logged in.
    Login,
    /// The agent logged out: Offline from then on.
    Logout,
}

impl EventType {
    /// The reference's name, e.g. `STATE_CHANGE`.
    ///
    /// ```
    /// use wfm_scheduler::adherence::EventType;
    /// assert_eq!(EventType::parse("HEART_BEAT"), Some(EventType::HeartBeat));
    /// assert_eq!(EventType::HeartBeat.as_str(), "HEART_BEAT");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StateChange => "STATE_CHANGE",
            Self::HeartBeat => "HEART_BEAT",
            Self::Login => "LOGIN",
            Self::Logout => "LOGOUT",
        }
    }

    /// The type of a reference name; `None` for another text.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "STATE_CHANGE" => Self::StateChange,
            "HEART_BEAT" => Self::HeartBeat,
            "LOGIN" => Self::Login,
            "LOGOUT" => Self::Logout,
            _ => return None,
        })
    }
}

/// What identifies an event for de-duplication: its `EventId` (a UUID read as 128 bits,
/// another text hashed to 128 bits), or for the plain form without ids, the event's
/// content (agent, instant, state, contact flag): the same line twice is one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventKey(pub u128);

impl EventKey {
    /// The key of an `EventId`.
    ///
    /// ```
    /// use wfm_scheduler::adherence::EventKey;
    /// let a = EventKey::of_id("0a1b2c3d-0000-4000-8000-00000000000f");
    /// assert_eq!(a.0, 0x0a1b2c3d_0000_4000_8000_00000000000f);
    /// assert_eq!(EventKey::of_id("0A1B2C3D-0000-4000-8000-00000000000F"), a);
    /// // not a UUID (a `g`): hashed, never read as one of the 16 digits
    /// let g = EventKey::of_id("0a1b2c3g-0000-4000-8000-00000000000f");
    /// assert!((0..16).all(|d| EventKey::of_id(&format!("0a1b2c3{d:x}-0000-4000-8000-00000000000f")) != g));
    /// assert_ne!(EventKey::of_id("e-1"), EventKey::of_id("e-2"));
    /// ```
    pub fn of_id(id: &str) -> Self {
        Self::uuid(id).unwrap_or_else(|| Self::hashed(&(0u8, id)))
    }

    /// A UUID's 128 bits (`8-4-4-4-12` hex digits), read without allocating or branching
    /// per digit (a table of the digits' values).
    fn uuid(id: &str) -> Option<Self> {
        /// Each byte's hex value, or 0xff.
        const HEX: [u8; 256] = {
            let mut t = [0xff; 256];
            let mut i = 0;
            while i < 10 {
                t[b'0' as usize + i] = i as u8;
                i += 1;
            }
            let mut i = 0;
            while i < 6 {
                t[b'a' as usize + i] = 10 + i as u8;
                t[b'A' as usize + i] = 10 + i as u8;
                i += 1;
            }
            t
        };
        let b: &[u8; 36] = id.as_bytes().try_into().ok()?;
        if [8, 13, 18, 23].iter().any(|&i| b[i] != b'-') {
            return None;
        }
        // the first 16 digits are the high half, the last 16 the low one
        let (mut halves, mut bad) = ([0u64; 2], 0u8);
        for (half, groups) in halves
            .iter_mut()
            .zip([[0..8, 9..13, 14..18], [19..23, 24..36, 0..0]])
        {
            for group in groups {
                for &c in &b[group] {
                    let d = HEX[usize::from(c)];
                    bad |= d;
                    *half = (*half << 4) | u64::from(d & 0x0f);
                }
            }
        }
        let v = (u128::from(halves[0]) << 64) | u128::from(halves[1]);
        (bad & 0xf0 == 0).then_some(Self(v))
    }

    /// The key of an event without an id: its content.
    pub fn of_content(agent: &str, at: i64, state: &str, on_contact: bool) -> Self {
        Self::hashed(&(1u8, agent, at, state, on_contact))
    }

    fn hashed(value: &impl Hash) -> Self {
        let mut lo = DefaultHasher::new();
        value.hash(&mut lo);
        let mut hi = DefaultHasher::new();
        (0x5eed_u32, value).hash(&mut hi);
        Self((u128::from(hi.finish()) << 64) | u128::from(lo.finish()))
    }
}

/// One agent state event: from then on, `agent` is in `state` (for a LOGOUT: Offline).
///
/// ```
/// use wfm_scheduler::adherence::{AgentEvent, EventType, StateKind};
/// let e = AgentEvent::plain("ana", 0, "Lunch", false);
/// assert_eq!((e.kind(), e.event_type), (StateKind::NonProductive, EventType::StateChange));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentEvent {
    /// De-duplication key.
    pub key: EventKey,
    /// The reference's event type (a plain-form line is a state change).
    pub event_type: EventType,
    /// The agent's login (inline up to 24 bytes: most events allocate nothing).
    pub agent: CompactString,
    /// When, UTC epoch milliseconds.
    pub at: i64,
    /// The status name from then on (`Offline` after a logout; inline up to 24 bytes).
    pub state: CompactString,
    /// Whether the agent is handling a contact.
    pub on_contact: bool,
    /// The input line it came from (0 when made in code).
    pub line: u64,
}

impl AgentEvent {
    /// A plain-form event (a state change keyed by its content).
    pub fn plain(agent: &str, at: i64, state: &str, on_contact: bool) -> Self {
        Self {
            key: EventKey::of_content(agent, at, state, on_contact),
            event_type: EventType::StateChange,
            agent: agent.into(),
            at,
            state: state.into(),
            on_contact,
            line: 0,
        }
    }

    /// The state's kind.
    pub fn kind(&self) -> StateKind {
        StateKind::of(&self.state)
    }
}

/// `events` grouped by agent, each agent's in the order given (the shape
/// [`schedule_adherence`](super::schedule_adherence) and the counted layers read). One
/// look-up per event; an agent's login is copied once, for its first event.
///
/// ```
/// use wfm_scheduler::adherence::{AgentEvent, events_by_agent};
/// let events = [("ana", 2), ("bo", 1), ("ana", 1)].map(|(a, at)| AgentEvent::plain(a, at, "Available", false));
/// let by_agent = events_by_agent(events);
/// assert_eq!(by_agent["ana"].iter().map(|e| e.at).collect::<Vec<_>>(), [2, 1]);
/// assert_eq!(by_agent["bo"].len(), 1);
/// ```
pub fn events_by_agent(
    events: impl IntoIterator<Item = AgentEvent>,
) -> HashMap<String, Vec<AgentEvent>> {
    let mut by_agent: HashMap<String, Vec<AgentEvent>> = HashMap::new();
    for e in events {
        match by_agent.get_mut(e.agent.as_str()) {
            Some(list) => list.push(e),
            None => drop(by_agent.insert(e.agent.to_string(), vec![e])),
        }
    }
    by_agent
}
