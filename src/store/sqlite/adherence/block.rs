//! A block of agent state events stored as one value: a dictionary of the agents' and
//! states' names, then one column per field. Blocks make an import a few writes instead
//! of one row per event (issue 23's ingest rate); the de-duplication keys are read back
//! without decoding the rest.
//!
//! Layout (little-endian): `AEB1`, the event count `n` (u32), the name count (u32) and
//! each name (u32 length, UTF-8 bytes), then the columns: `n` keys (u128), instants
//! (i64), lines (u64), agent names (u32 index), state names (u32 index) and flags (u8:
//! the event type in bits 0–1, the contact flag in bit 2).

use wfm_scheduler::adherence::{AgentEvent, EventKey, EventType};

const MAGIC: &[u8; 4] = b"AEB1";
const TYPES: [EventType; 4] = [
    EventType::StateChange,
    EventType::HeartBeat,
    EventType::Login,
    EventType::Logout,
];
/// Bytes per event in the columns.
const PER_EVENT: usize = 16 + 8 + 8 + 4 + 4 + 1;

fn type_code(t: EventType) -> u8 {
    match t {
        EventType::StateChange => 0,
        EventType::HeartBeat => 1,
        EventType::Login => 2,
        EventType::Logout => 3,
    }
}

/// `events` as one block.
pub(super) fn encode(events: &[AgentEvent]) -> Vec<u8> {
    // the dictionary: a block's names are few and short, built in memory (no SipHash)
    let mut names: Vec<&str> = Vec::new();
    let mut index: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
    let mut id = |s| match index.get(s) {
        Some(&i) => i,
        None => {
            names.push(s);
            let i = (names.len() - 1) as u32;
            index.insert(s, i);
            i
        }
    };
    let (mut agents, mut states) = (
        Vec::with_capacity(events.len()),
        Vec::with_capacity(events.len()),
    );
    for e in events {
        agents.push(id(e.agent.as_str()));
        states.push(id(e.state.as_str()));
    }
    let text: usize = names.iter().map(|n| n.len() + 4).sum();
    let mut out = Vec::with_capacity(12 + text + events.len() * PER_EVENT);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(events.len() as u32).to_le_bytes());
    out.extend_from_slice(&(names.len() as u32).to_le_bytes());
    for n in &names {
        out.extend_from_slice(&(n.len() as u32).to_le_bytes());
        out.extend_from_slice(n.as_bytes());
    }
    for e in events {
        out.extend_from_slice(&e.key.0.to_le_bytes());
    }
    for e in events {
        out.extend_from_slice(&e.at.to_le_bytes());
    }
    for e in events {
        out.extend_from_slice(&e.line.to_le_bytes());
    }
    for i in agents.iter().chain(&states) {
        out.extend_from_slice(&i.to_le_bytes());
    }
    out.extend(
        events
            .iter()
            .map(|e| type_code(e.event_type) | (u8::from(e.on_contact) << 2)),
    );
    out
}

/// A block read back: its names and where its columns begin.
struct Parsed<'b> {
    n: usize,
    names: Vec<&'b str>,
    columns: &'b [u8],
}

fn take<'b>(bytes: &mut &'b [u8], len: usize) -> Result<&'b [u8], String> {
    if bytes.len() < len {
        return Err(format!(
            "cut short: {len} bytes wanted, {} left",
            bytes.len()
        ));
    }
    let (head, tail) = bytes.split_at(len);
    *bytes = tail;
    Ok(head)
}

fn u32_at(bytes: &mut &[u8]) -> Result<usize, String> {
    let b = take(bytes, 4)?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

fn parse(block: &[u8]) -> Result<Parsed<'_>, String> {
    let mut rest = block;
    if take(&mut rest, 4)? != MAGIC {
        return Err("not an event block (no AEB1 mark)".into());
    }
    let n = u32_at(&mut rest)?;
    let count = u32_at(&mut rest)?;
    let mut names = Vec::with_capacity(count.min(rest.len() / 4));
    for _ in 0..count {
        let len = u32_at(&mut rest)?;
        let name = std::str::from_utf8(take(&mut rest, len)?)
            .map_err(|e| format!("a name that is not UTF-8: {e}"))?;
        names.push(name);
    }
    if rest.len() != n * PER_EVENT {
        return Err(format!(
            "{n} events need {} bytes of columns, found {}",
            n * PER_EVENT,
            rest.len()
        ));
    }
    Ok(Parsed {
        n,
        names,
        columns: rest,
    })
}

/// The keys of a block's events, without decoding the rest.
pub(super) fn keys(block: &[u8]) -> Result<impl Iterator<Item = EventKey> + '_, String> {
    let p = parse(block)?;
    Ok(p.columns[..p.n * 16].chunks_exact(16).map(|c| {
        let mut b = [0u8; 16];
        b.copy_from_slice(c);
        EventKey(u128::from_le_bytes(b))
    }))
}

/// A block's events with `from <= at < to`, in the block's order.
pub(super) fn decode(block: &[u8], from: i64, to: i64) -> Result<Vec<AgentEvent>, String> {
    let p = parse(block)?;
    let n = p.n;
    let c = p.columns;
    let (keys, rest) = c.split_at(n * 16);
    let (ats, rest) = rest.split_at(n * 8);
    let (lines, rest) = rest.split_at(n * 8);
    let (agents, rest) = rest.split_at(n * 4);
    let (states, flags) = rest.split_at(n * 4);
    let u64_of = |b: &[u8], i: usize| {
        let mut a = [0u8; 8];
        a.copy_from_slice(&b[i * 8..i * 8 + 8]);
        u64::from_le_bytes(a)
    };
    let name = |b: &[u8], i: usize| -> Result<&str, String> {
        let mut a = [0u8; 4];
        a.copy_from_slice(&b[i * 4..i * 4 + 4]);
        let k = u32::from_le_bytes(a) as usize;
        p.names
            .get(k)
            .copied()
            .ok_or_else(|| format!("name {k} of {}", p.names.len()))
    };
    let mut out = Vec::new();
    for i in 0..n {
        let at = u64_of(ats, i) as i64;
        if at < from || at >= to {
            continue;
        }
        let mut k = [0u8; 16];
        k.copy_from_slice(&keys[i * 16..i * 16 + 16]);
        let f = flags[i];
        out.push(AgentEvent {
            key: EventKey(u128::from_le_bytes(k)),
            event_type: TYPES[usize::from(f & 3)],
            agent: name(agents, i)?.into(),
            at,
            state: name(states, i)?.into(),
            on_contact: f & 4 != 0,
            line: u64_of(lines, i),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(i: u64, t: EventType, contact: bool) -> AgentEvent {
        let mut e = AgentEvent::plain(
            &format!("agent{}", i % 3),
            i as i64 * 1000 - 5,
            "Lunch",
            contact,
        );
        e.event_type = t;
        e.line = i + 2;
        e
    }

    #[test]
    fn a_block_reads_back_as_written_and_by_range() {
        let events: Vec<AgentEvent> = (0..10)
            .map(|i| event(i, TYPES[i as usize % 4], i % 2 == 0))
            .collect();
        let block = encode(&events);
        assert_eq!(decode(&block, i64::MIN, i64::MAX).unwrap(), events);
        assert_eq!(decode(&block, 995, 3995).unwrap(), events[1..4]);
        let keys: Vec<EventKey> = keys(&block).unwrap().collect();
        assert_eq!(keys, events.iter().map(|e| e.key).collect::<Vec<_>>());
        assert_eq!(decode(&encode(&[]), i64::MIN, i64::MAX).unwrap(), []);
    }

    #[test]
    fn a_damaged_block_is_an_error_not_a_panic() {
        let block = encode(&[event(1, EventType::Login, false)]);
        for cut in 0..block.len() {
            assert!(
                decode(&block[..cut], i64::MIN, i64::MAX).is_err(),
                "cut at {cut}"
            );
        }
        let mut bad = block.clone();
        let last_index = bad.len() - 1 - 4; // the state's name index
        bad[last_index] = 9;
        assert!(
            decode(&bad, i64::MIN, i64::MAX)
                .unwrap_err()
                .contains("name 9")
        );
    }
}
