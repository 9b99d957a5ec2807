//! A table's definition: its columns, in order, each with a name, a [`Kind`] and the
//! function that gives a row's [`Cell`].

use chrono::{DateTime, NaiveDate, Utc};

use super::{Table, UTC_FORMAT};

/// How many decimals a number column has in CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimals {
    /// Rounded to this many decimals (`0.26` for `0.256` with 2).
    Fixed(usize),
    /// The shortest text that reads back as the same number (`0.256`, `7`).
    Shortest,
}

/// The type of a column: what its cells hold and how each format writes them (see the
/// [module](super) for the table of types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// Calendar dates.
    Date,
    /// UTC instants.
    Instant,
    /// Whole numbers.
    Int,
    /// Numbers, written to CSV with these decimals.
    Number(Decimals),
    /// Yes/no.
    Bool,
}

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A calendar date.
    Date(NaiveDate),
    /// A UTC instant.
    Instant(DateTime<Utc>),
    /// A whole number.
    Int(i64),
    /// A number.
    Number(f64),
    /// Yes/no.
    Bool(bool),
    /// No value: an empty cell, a null.
    Empty,
}

impl Cell {
    /// The cell as CSV text, numbers with `decimals`.
    ///
    /// ```
    /// use wfm::tables::{Cell, Decimals};
    /// assert_eq!(Cell::Number(0.256).text(Decimals::Fixed(2)), "0.26");
    /// assert_eq!(Cell::Number(7.0).text(Decimals::Shortest), "7");
    /// assert_eq!(Cell::Empty.text(Decimals::Shortest), "");
    /// ```
    #[must_use]
    pub fn text(&self, decimals: Decimals) -> String {
        let mut out = String::new();
        self.push_text(decimals, &mut out);
        out
    }

    /// Appends the cell's CSV text (as [`text`](Self::text)) to `out`.
    pub fn push_text(&self, decimals: Decimals, out: &mut String) {
        use std::fmt::Write as _;
        // writing to a String cannot fail
        let _ = match self {
            Self::Text(t) => {
                out.push_str(t);
                Ok(())
            }
            Self::Date(d) => write!(out, "{d}"),
            Self::Instant(t) => write!(out, "{}", t.format(UTC_FORMAT)),
            Self::Int(n) => write!(out, "{n}"),
            Self::Number(x) => match decimals {
                Decimals::Fixed(d) => write!(out, "{x:.d$}"),
                Decimals::Shortest => write!(out, "{x}"),
            },
            Self::Bool(b) => write!(out, "{b}"),
            Self::Empty => Ok(()),
        };
    }
}

/// The CSV decimals of a column of `kind`.
pub(super) fn decimals(kind: Kind) -> Decimals {
    match kind {
        Kind::Number(d) => d,
        _ => Decimals::Shortest,
    }
}

/// A column: its name, its kind and how a row gives its value.
struct Column<'a, R> {
    name: &'static str,
    kind: Kind,
    value: Box<dyn Fn(&R) -> Cell + 'a>,
}

/// A table's definition over rows of type `R`: its columns, in order (see the
/// [module](super) for an example).
pub struct Definition<'a, R> {
    columns: Vec<Column<'a, R>>,
}

impl<R> Default for Definition<'_, R> {
    fn default() -> Self {
        Self {
            columns: Vec::new(),
        }
    }
}

impl<'a, R> Definition<'a, R> {
    /// A definition without columns.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn with(mut self, name: &'static str, kind: Kind, value: Box<dyn Fn(&R) -> Cell + 'a>) -> Self {
        debug_assert!(
            self.columns.iter().all(|c| c.name != name),
            "column {name} twice"
        );
        self.columns.push(Column { name, kind, value });
        self
    }

    /// Adds a text column (`None`: empty).
    #[must_use]
    pub fn text<V: Into<Option<String>>>(
        self,
        name: &'static str,
        value: impl Fn(&R) -> V + 'a,
    ) -> Self {
        let cell = move |r: &R| value(r).into().map_or(Cell::Empty, Cell::Text);
        self.with(name, Kind::Text, Box::new(cell))
    }

    /// Adds a date column (`None`: empty).
    #[must_use]
    pub fn date<V: Into<Option<NaiveDate>>>(
        self,
        name: &'static str,
        value: impl Fn(&R) -> V + 'a,
    ) -> Self {
        let cell = move |r: &R| value(r).into().map_or(Cell::Empty, Cell::Date);
        self.with(name, Kind::Date, Box::new(cell))
    }

    /// Adds a column of UTC instants (`None`: empty).
    #[must_use]
    pub fn instant<V: Into<Option<DateTime<Utc>>>>(
        self,
        name: &'static str,
        value: impl Fn(&R) -> V + 'a,
    ) -> Self {
        let cell = move |r: &R| value(r).into().map_or(Cell::Empty, Cell::Instant);
        self.with(name, Kind::Instant, Box::new(cell))
    }

    /// Adds a column of whole numbers (`None`: empty).
    #[must_use]
    pub fn int<V: Into<Option<i64>>>(
        self,
        name: &'static str,
        value: impl Fn(&R) -> V + 'a,
    ) -> Self {
        let cell = move |r: &R| value(r).into().map_or(Cell::Empty, Cell::Int);
        self.with(name, Kind::Int, Box::new(cell))
    }

    /// Adds a number column written to CSV with `decimals` (`None`: empty).
    #[must_use]
    pub fn number<V: Into<Option<f64>>>(
        self,
        name: &'static str,
        decimals: Decimals,
        value: impl Fn(&R) -> V + 'a,
    ) -> Self {
        let cell = move |r: &R| value(r).into().map_or(Cell::Empty, Cell::Number);
        self.with(name, Kind::Number(decimals), Box::new(cell))
    }

    /// Adds a yes/no column (`None`: empty).
    #[must_use]
    pub fn bool<V: Into<Option<bool>>>(
        self,
        name: &'static str,
        value: impl Fn(&R) -> V + 'a,
    ) -> Self {
        let cell = move |r: &R| value(r).into().map_or(Cell::Empty, Cell::Bool);
        self.with(name, Kind::Bool, Box::new(cell))
    }

    /// The column names, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().map(|c| c.name)
    }

    /// The CSV header: the column names.
    #[must_use]
    pub fn csv_header(&self) -> Vec<&'static str> {
        self.names().collect()
    }

    /// Writes `row` as one CSV record to `out`, its fields as [`Table::csv`] writes
    /// them, for tables streamed a row at a time (`buffer` is reused between fields).
    ///
    /// # Errors
    /// The CSV writer's error.
    pub fn write_csv_row<W: std::io::Write>(
        &self,
        row: &R,
        out: &mut csv::Writer<W>,
        buffer: &mut String,
    ) -> csv::Result<()> {
        for c in &self.columns {
            buffer.clear();
            (c.value)(row).push_text(decimals(c.kind), buffer);
            out.write_field(buffer.as_bytes())?;
        }
        out.write_record(None::<&[u8]>)
    }

    /// The table of `rows`.
    pub fn table<'r>(&self, rows: impl IntoIterator<Item = &'r R>) -> Table
    where
        R: 'r,
    {
        let mut cells: Vec<Vec<Cell>> = self.columns.iter().map(|_| Vec::new()).collect();
        for row in rows {
            for (column, cells) in self.columns.iter().zip(&mut cells) {
                cells.push((column.value)(row));
            }
        }
        Table::from_columns(
            self.columns
                .iter()
                .zip(cells)
                .map(|(c, cells)| (c.name, c.kind, cells))
                .collect(),
        )
    }
}
