//! Tables for the terminal.

use comfy_table::presets::UTF8_BORDERS_ONLY;
use comfy_table::{CellAlignment, Table};

/// A table with a header, right-aligned numbers and borders that work in any terminal.
pub fn new(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_BORDERS_ONLY)
        .set_header(header.to_vec());
    for i in 1..header.len() {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// An optional number with `decimals` decimals, `-` when absent.
pub fn number(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "-".into(), |x| format!("{x:.decimals$}"))
}

/// The table as printed: its cells' control characters escaped
/// ([`wfm::core::text::printable_lines`]), so a queue name or agent id holding a terminal
/// escape code is shown, not run. (A cell so escaped is wider than comfy-table measured
/// it; its row's border shifts, the text stays readable.)
pub fn show(table: &Table) -> String {
    wfm::core::text::printable_lines(&table.to_string()).into_owned()
}
