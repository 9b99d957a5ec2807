//! A [`Table`] as a worksheet (rust_xlsxwriter).

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::{Cell, Decimals, Table};

impl Table {
    /// Writes the table into `sheet` from row `first_row` (0-based): a bold header row,
    /// then one row per row; numbers (whole, not rounded) and yes/no as such, dates and
    /// instants as their CSV text, missing values as nothing. Returns the row after the
    /// last one written.
    ///
    /// # Errors
    /// The workbook's error if a cell cannot be written.
    ///
    /// # Examples
    /// ```
    /// use rust_xlsxwriter::{Format, Workbook};
    /// use wfm::tables::{Decimals, Definition};
    /// let table = Definition::new()
    ///     .number("x", Decimals::Fixed(1), |r: &f64| *r)
    ///     .table(&[1.25, 2.5]);
    /// let mut book = Workbook::new();
    /// let next = table.sheet(book.add_worksheet(), 0, &Format::new().set_bold())?;
    /// assert_eq!(next, 3); // the header and two rows
    /// # Ok::<(), rust_xlsxwriter::XlsxError>(())
    /// ```
    pub fn sheet(
        &self,
        sheet: &mut Worksheet,
        first_row: u32,
        bold: &Format,
    ) -> Result<u32, XlsxError> {
        let rows = u32::try_from(self.rows()).unwrap_or(u32::MAX);
        for (c, (name, _, cells)) in self.columns().iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            sheet.write_string_with_format(first_row, c, *name, bold)?;
            for (r, cell) in (first_row + 1..).zip(cells) {
                match cell {
                    Cell::Number(x) => sheet.write_number(r, c, *x)?,
                    Cell::Int(n) => sheet.write_number(r, c, *n as f64)?,
                    Cell::Bool(b) => sheet.write_boolean(r, c, *b)?,
                    Cell::Empty => sheet,
                    other => sheet.write_string(r, c, other.text(Decimals::Shortest))?,
                };
            }
        }
        Ok(first_row + 1 + rows)
    }
}
