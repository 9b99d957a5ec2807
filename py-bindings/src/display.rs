//! How the record classes (`Staffing`, `QueueMetrics`) show in a console and in Jupyter:
//! a one-line repr of the fields a planner reads first, rounded, and an HTML table of
//! every field. The values stay exact on the objects; only the text is rounded.

/// A field's value as shown: whole numbers as they are, shares and seconds rounded to
/// three decimals with trailing zeros dropped (`0.888`, `10`, `inf`).
pub trait Shown {
    /// The value as text.
    fn shown(&self) -> String;
}

impl Shown for u64 {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Shown for bool {
    fn shown(&self) -> String {
        if *self { "True" } else { "False" }.to_owned()
    }
}

impl Shown for f64 {
    fn shown(&self) -> String {
        if !self.is_finite() {
            return self.to_string();
        }
        let text = format!("{:.3}", self);
        let text = text.trim_end_matches('0').trim_end_matches('.');
        if text == "-0" { "0" } else { text }.to_owned()
    }
}

/// `Name(a=1, b=0.5)` of the `shown` fields among `fields`, in the order of `fields`.
pub fn short_repr(name: &str, fields: &[(&str, String)], shown: &[&str]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .filter(|(field, _)| shown.contains(field))
        .map(|(field, value)| format!("{field}={value}"))
        .collect();
    format!("{name}({})", parts.join(", "))
}

/// An HTML table of every field, one row each, captioned with the class name.
pub fn html_table(name: &str, fields: &[(&str, String)]) -> String {
    let rows: String = fields
        .iter()
        .map(|(field, value)| {
            format!("<tr><th style=\"text-align:left\">{field}</th><td>{value}</td></tr>")
        })
        .collect();
    format!("<table><caption>{name}</caption>{rows}</table>")
}
