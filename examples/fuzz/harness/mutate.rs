//! Structure-aware mutations of text inputs: byte-level damage (flips, inserts, deletes,
//! duplicates, truncation, splices), line- and column-level edits (duplicate, delete and
//! swap lines; swap two comma-separated columns), and token replacement with edge values
//! (numbers at the limits of every numeric type, NaN and infinities, huge digit strings,
//! empty and blank cells, quotes, BOM, CRLF, invalid UTF-8, control characters,
//! far-past/far-future and impossible dates, local times in a DST gap) or with the
//! target's own vocabulary (column names, keywords, keys).
//!
//! Every choice comes from one seeded [`ChaCha8Rng`], so a run is reproducible from its
//! seed.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Values that sit on the edge of what a field can hold.
pub const EDGE_VALUES: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "0.5",
    "-0.0",
    "1e308",
    "-1e308",
    "1e309",
    "5e-324",
    "1e-320",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "4294967296",
    "2147483648",
    "65536",
    "999999999999999999999999999999999999999999999999999999999999",
    "0.000000000000000000000000000000000000000000000000000000000001",
    "1_000",
    "0x10",
    "+5",
    "1.",
    ".5",
    "1e",
    "",
    " ",
    "\t",
    "\"",
    "\"\"",
    "\"a,b\"",
    "\"unterminated",
    "'",
    "\\",
    "\u{feff}",
    "\r",
    "\r\n",
    "\0",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{202e}",
    "é",
    "日本",
    "0000-01-01",
    "-0001-12-31",
    "1900-01-01",
    "1970-01-01",
    "2024-02-29",
    "2023-02-29",
    "2024-02-30",
    "2024-13-01",
    "2024-00-10",
    "9999-12-31",
    "+262143-12-31",
    "-262144-01-01",
    "0000-01-01T00:00:00Z",
    "1900-01-01T00:00:00Z",
    "9999-12-31T23:45:00Z",
    "9999-12-31T23:59:59Z",
    "+262143-12-31T23:45:00Z",
    "-262144-01-01T00:00:00Z",
    "2024-03-10T02:30:00",
    "2024-03-31T02:30:00",
    "2024-11-03T01:30:00",
    "2024-06-30T23:59:60Z",
    "2024-07-01T24:00:00Z",
    "2024-07-01T00:00:00+14:00",
    "2024-07-01T00:00:00-12:00",
    "2024-07-01T00:07:00Z",
    "2024-07-01",
    "00:00",
    "23:59",
    "24:00",
    "25:61",
    "-01:00",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Mars/Olympus",
    "UTC",
    "true",
    "false",
    "null",
    "[]",
    "{}",
];

/// Bytes that change a text's structure.
const STRUCTURAL: &[u8] = b",\n\r\"'=[]{}:.-+ \t\\#0123456789eE\0\xff\xfe\xc3\x80";

/// Invalid or awkward UTF-8 and control sequences spliced in as raw bytes.
const RAW_BYTES: &[&[u8]] = &[
    b"\xff",
    b"\xfe\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\x1b[2J",
    b"\r",
    b"\r\n",
    b"\n\n\n",
];

/// Mutates `input` in place with one to eight stacked mutations. `dictionary` holds the
/// target's own words; `other` is another corpus entry to splice with.
pub fn mutate(rng: &mut ChaCha8Rng, input: &mut Vec<u8>, dictionary: &[&str], other: &[u8]) {
    let rounds = 1 + (rng.random::<u32>().trailing_zeros() as usize).min(7);
    for _ in 0..rounds {
        mutate_once(rng, input, dictionary, other);
    }
    // Keep inputs small enough to stay fast: a mutation chain can only grow so far.
    input.truncate(1 << 16);
}

fn mutate_once(rng: &mut ChaCha8Rng, input: &mut Vec<u8>, dictionary: &[&str], other: &[u8]) {
    match rng.random_range(0..20u32) {
        0 => flip_bit(rng, input),
        1 => {
            let b = STRUCTURAL[rng.random_range(0..STRUCTURAL.len())];
            replace_byte(rng, input, b);
        }
        2 => {
            let b: u8 = rng.random();
            replace_byte(rng, input, b);
        }
        3 => {
            let at = rng.random_range(0..=input.len());
            let n = rng.random_range(1..=4);
            let bytes: Vec<u8> = (0..n).map(|_| rng.random()).collect();
            input.splice(at..at, bytes);
        }
        4 => delete_range(rng, input),
        5 => duplicate_range(rng, input),
        6 => line_edit(rng, input),
        7 => swap_columns(rng, input),
        8 => splice(rng, input, other),
        9..=11 => {
            let v = EDGE_VALUES[rng.random_range(0..EDGE_VALUES.len())];
            replace_token(rng, input, v.as_bytes());
        }
        12 => {
            let v = EDGE_VALUES[rng.random_range(0..EDGE_VALUES.len())];
            replace_cell(rng, input, v.as_bytes());
        }
        13 | 14 if !dictionary.is_empty() => {
            let w = dictionary[rng.random_range(0..dictionary.len())];
            if rng.random_bool(0.5) {
                replace_token(rng, input, w.as_bytes());
            } else {
                let at = rng.random_range(0..=input.len());
                input.splice(at..at, w.bytes());
            }
        }
        15 => {
            let raw = RAW_BYTES[rng.random_range(0..RAW_BYTES.len())];
            let at = rng.random_range(0..=input.len());
            input.splice(at..at, raw.iter().copied());
        }
        16 => whole_file_edit(rng, input),
        17 => {
            if !input.is_empty() {
                let at = rng.random_range(0..input.len());
                input.truncate(at);
            }
        }
        18 => arithmetic(rng, input),
        _ => {
            let v = EDGE_VALUES[rng.random_range(0..EDGE_VALUES.len())];
            replace_token(rng, input, v.as_bytes());
        }
    }
}

fn flip_bit(rng: &mut ChaCha8Rng, input: &mut [u8]) {
    if !input.is_empty() {
        let at = rng.random_range(0..input.len());
        input[at] ^= 1 << rng.random_range(0..8);
    }
}

fn replace_byte(rng: &mut ChaCha8Rng, input: &mut [u8], b: u8) {
    if !input.is_empty() {
        let at = rng.random_range(0..input.len());
        input[at] = b;
    }
}

/// A random range `[start, end)` of at most `max` bytes inside `len` (empty if `len` is 0).
fn range(rng: &mut ChaCha8Rng, len: usize, max: usize) -> (usize, usize) {
    if len == 0 {
        return (0, 0);
    }
    let start = rng.random_range(0..len);
    let n = rng.random_range(1..=max.min(len - start));
    (start, start + n)
}

fn delete_range(rng: &mut ChaCha8Rng, input: &mut Vec<u8>) {
    let (a, b) = range(rng, input.len(), 32);
    input.drain(a..b);
}

fn duplicate_range(rng: &mut ChaCha8Rng, input: &mut Vec<u8>) {
    let (a, b) = range(rng, input.len(), 64);
    let copy = input[a..b].to_vec();
    let at = rng.random_range(0..=input.len());
    input.splice(at..at, copy);
}

fn lines(input: &[u8]) -> Vec<Vec<u8>> {
    input.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

/// Duplicates, deletes or swaps lines, or repeats one line many times.
fn line_edit(rng: &mut ChaCha8Rng, input: &mut Vec<u8>) {
    let mut ls = lines(input);
    let n = ls.len();
    let i = rng.random_range(0..n);
    match rng.random_range(0..4u32) {
        0 => {
            let copy = ls[i].clone();
            ls.insert(rng.random_range(0..=n), copy);
        }
        1 if n > 1 => {
            ls.remove(i);
        }
        2 => ls.swap(i, rng.random_range(0..n)),
        _ => {
            let copy = ls[i].clone();
            let times = rng.random_range(2..64);
            for _ in 0..times {
                ls.insert(i, copy.clone());
            }
        }
    }
    *input = ls.join(&b'\n');
}

/// Swaps two comma-separated columns on every line (a header and its rows disagree if
/// only one line is hit, so both are tried).
fn swap_columns(rng: &mut ChaCha8Rng, input: &mut Vec<u8>) {
    let (a, b) = (rng.random_range(0..12usize), rng.random_range(0..12usize));
    let every = rng.random_bool(0.7);
    let mut ls = lines(input);
    let target = rng.random_range(0..ls.len());
    for (k, line) in ls.iter_mut().enumerate() {
        if !every && k != target {
            continue;
        }
        let mut cells: Vec<Vec<u8>> = line.split(|&c| c == b',').map(<[u8]>::to_vec).collect();
        if a < cells.len() && b < cells.len() {
            cells.swap(a, b);
            *line = cells.join(&b',');
        }
    }
    *input = ls.join(&b'\n');
}

/// This input's prefix followed by the other's suffix.
fn splice(rng: &mut ChaCha8Rng, input: &mut Vec<u8>, other: &[u8]) {
    let cut = rng.random_range(0..=input.len());
    let from = rng.random_range(0..=other.len());
    input.truncate(cut);
    input.extend_from_slice(&other[from..]);
}

/// Whether `b` is part of a token (a number, a word, a date or time).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+' | b':' | b'_')
}

/// Replaces a token (a maximal run of [`is_token_byte`] bytes) with `value`; numbers
/// are picked three times out of four when there are any.
fn replace_token(rng: &mut ChaCha8Rng, input: &mut Vec<u8>, value: &[u8]) {
    let mut tokens = Vec::new();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < input.len() {
        if is_token_byte(input[i]) {
            let start = i;
            while i < input.len() && is_token_byte(input[i]) {
                i += 1;
            }
            if input[start].is_ascii_digit() || input[start] == b'-' {
                numbers.push((start, i));
            }
            tokens.push((start, i));
        } else {
            i += 1;
        }
    }
    let pool = if !numbers.is_empty() && rng.random_bool(0.75) {
        &numbers
    } else {
        &tokens
    };
    if pool.is_empty() {
        input.extend_from_slice(value);
        return;
    }
    let (a, b) = pool[rng.random_range(0..pool.len())];
    input.splice(a..b, value.iter().copied());
}

/// Replaces one comma-separated cell (between commas or line ends) with `value`.
fn replace_cell(rng: &mut ChaCha8Rng, input: &mut Vec<u8>, value: &[u8]) {
    let bounds: Vec<usize> = input
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b',' | b'\n'))
        .map(|(i, _)| i)
        .collect();
    if bounds.is_empty() {
        input.splice(.., value.iter().copied());
        return;
    }
    let k = rng.random_range(0..bounds.len());
    let start = if k == 0 { 0 } else { bounds[k - 1] + 1 };
    let end = bounds[k];
    input.splice(start..end, value.iter().copied());
}

/// A whole-file change: a BOM, CRLF line ends, no final line break, trailing blank
/// lines, or leading/trailing whitespace.
fn whole_file_edit(rng: &mut ChaCha8Rng, input: &mut Vec<u8>) {
    match rng.random_range(0..6u32) {
        0 => {
            input.splice(0..0, *b"\xef\xbb\xbf");
        }
        1 => {
            let mut out = Vec::with_capacity(input.len() + input.len() / 16);
            for &b in input.iter() {
                if b == b'\n' {
                    out.push(b'\r');
                }
                out.push(b);
            }
            *input = out;
        }
        2 => {
            while input.last() == Some(&b'\n') {
                input.pop();
            }
        }
        3 => input.extend_from_slice(b"\n\n\n"),
        4 => {
            input.splice(0..0, *b"  \n");
        }
        _ => input.extend_from_slice(b",,,\n"),
    }
}

/// Adds a small or large amount to a number in the input, keeping its text a number.
fn arithmetic(rng: &mut ChaCha8Rng, input: &mut Vec<u8>) {
    let digits: Vec<usize> = input
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    if digits.is_empty() {
        return;
    }
    let at = digits[rng.random_range(0..digits.len())];
    let (mut a, mut b) = (at, at);
    while a > 0 && input[a - 1].is_ascii_digit() {
        a -= 1;
    }
    while b < input.len() && input[b].is_ascii_digit() {
        b += 1;
    }
    let text = std::str::from_utf8(&input[a..b]).unwrap_or("0");
    let n: i128 = text.parse().unwrap_or(0);
    let delta: i128 = match rng.random_range(0..4u32) {
        0 => rng.random_range(-3..=3),
        1 => rng.random_range(-100..=100),
        2 => 1 << rng.random_range(8..64),
        _ => -(1 << rng.random_range(8..64)),
    };
    let value = n.saturating_add(delta).to_string();
    input.splice(a..b, value.into_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn mutations_are_reproducible_from_the_seed() {
        let run = || {
            let mut rng = ChaCha8Rng::seed_from_u64(7);
            let mut input = b"a,b,c\n1,2,3\n".to_vec();
            for _ in 0..100 {
                mutate(&mut rng, &mut input, &["VOICE"], b"x,y\n");
            }
            input
        };
        assert_eq!(run(), run());
    }
}
