//! Raw contact records as JSON lines: one object per line; each field becomes text so
//! the same checks as for CSV apply (numbers as written, booleans as `true`/`false`,
//! `null` as absent). Unknown keys are ignored.

use std::borrow::Cow;

use serde_json::Value;

use super::RAW_CSV_COLUMNS;
use crate::history::issue::IssueSink;

/// The fields of one line by field index, or `None` after reporting why not.
pub(super) fn values(
    line: u64,
    text: &str,
    issues: &mut IssueSink,
) -> Option<[Option<Cow<'static, str>>; 11]> {
    let object = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(o)) => o,
        Ok(_) => {
            issues.push(
                line,
                "",
                "not a JSON object: each line must be one {...} record".into(),
            );
            return None;
        }
        Err(e) => {
            let message = e.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            issues.push(
                line,
                "",
                format!("invalid JSON at character {}: {message}", e.column()),
            );
            return None;
        }
    };
    let mut out: [Option<Cow<'static, str>>; 11] = Default::default();
    let mut ok = true;
    for (f, name) in RAW_CSV_COLUMNS.iter().enumerate() {
        out[f] = match object.get(*name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(Cow::Owned(s.clone())),
            Some(Value::Number(n)) => Some(Cow::Owned(n.to_string())),
            Some(Value::Bool(b)) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
            Some(other) => {
                let kind = if other.is_array() {
                    "an array"
                } else {
                    "an object"
                };
                issues.push(
                    line,
                    name,
                    format!("is {kind}: expected a string, number or boolean"),
                );
                ok = false;
                None
            }
        };
    }
    ok.then_some(out)
}
