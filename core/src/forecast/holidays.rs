//! Built-in public holidays: the official calendar of a country computed from its rules
//! (fixed dates, nth or last weekday of a month, Easter-based dates by the Gregorian
//! computus, and the observed / substitute days where the country has them), as
//! [`SpecialDay`]s labelled with the holiday's name, for the forecasting models.
//!
//! Each holiday keeps its own label, so each learns its own factor from the history (a
//! holiday the queue works through normally, such as Columbus Day for many US queues,
//! learns a factor near 1 instead of dragging the others up, or being forecast low
//! itself); a holiday never seen in the history keeps the factor 1. Observed and
//! substitute days are extra days labelled `"<name> (observed)"` or
//! `"<name> (substitute)"`: the holiday's own date stays in the list.
//!
//! The calendars ([`Country`]), nationwide days only (no state, province or regional
//! holidays):
//!
//! * **US** — the federal holidays of 5 U.S.C. 6103: New Year's Day (1 Jan), Martin
//!   Luther King Jr. Day (3rd Monday of January, from 1986), Washington's Birthday (3rd
//!   Monday of February), Memorial Day (last Monday of May), Juneteenth (19 June, from
//!   2021), Independence Day (4 July), Labor Day (1st Monday of September), Columbus Day
//!   (2nd Monday of October), Veterans Day (11 November), Thanksgiving (4th Thursday of
//!   November), Christmas Day (25 December). Observed: a fixed-date holiday on a Saturday
//!   is observed the Friday before, on a Sunday the Monday after. Inauguration Day (the
//!   Washington area only) is not included.
//! * **GB** — the bank holidays of England and Wales: New Year's Day, Good Friday, Easter
//!   Monday, Early May bank holiday (1st Monday of May), Spring bank holiday (last Monday
//!   of May), Summer bank holiday (last Monday of August), Christmas Day, Boxing Day; a
//!   New Year's Day, Christmas Day or Boxing Day on a weekend has a substitute on the next
//!   weekday that is not already a bank holiday. The proclaimed changes and one-off days
//!   of 2011–2023 are included: 29 April 2011 (royal wedding); 2012 Spring bank holiday on
//!   4 June and 5 June (Diamond Jubilee); 2020 Early May bank holiday on 8 May (VE Day);
//!   2022 Spring bank holiday on 2 June, 3 June (Platinum Jubilee) and 19 September (state
//!   funeral); 8 May 2023 (coronation). Scotland and Northern Ireland are not covered.
//! * **DE** — the nationwide holidays: Neujahr (1 Jan), Karfreitag (Good Friday),
//!   Ostermontag (Easter Monday), Tag der Arbeit (1 May), Christi Himmelfahrt (Easter +
//!   39), Pfingstmontag (Easter + 50), Tag der Deutschen Einheit (3 October, from 1990),
//!   the first and second Weihnachtstag (25, 26 December), and the one-off nationwide
//!   Reformationstag of 31 October 2017. No observed days (German holidays are not moved).
//! * **FR** — the jours fériés of metropolitan France: Jour de l'an (1 Jan), Lundi de
//!   Pâques, Fête du Travail (1 May), Victoire 1945 (8 May), Ascension (Easter + 39),
//!   Lundi de Pentecôte (Easter + 50), Fête nationale (14 July), Assomption (15 August),
//!   Toussaint (1 November), Armistice (11 November), Noël (25 December). Alsace-Moselle's
//!   extra days are not included; no observed days.
//! * **ES** — the national holidays common to Spain: Año Nuevo (1 Jan), Epifanía (6 Jan),
//!   Viernes Santo (Good Friday), Fiesta del Trabajo (1 May), Asunción (15 August), Fiesta
//!   Nacional (12 October), Todos los Santos (1 November), Día de la Constitución (6
//!   December), Inmaculada Concepción (8 December), Navidad (25 December). The regional
//!   days (Jueves Santo, Lunes de Pascua, …) and the regions' moves of a Sunday holiday
//!   are not included.
//! * **CA** — the federal statutory holidays: New Year's Day, Good Friday, Victoria Day
//!   (the Monday before 25 May), Canada Day (1 July), Labour Day (1st Monday of
//!   September), National Day for Truth and Reconciliation (30 September, from 2021),
//!   Thanksgiving (2nd Monday of October), Remembrance Day (11 November), Christmas Day,
//!   Boxing Day; a fixed-date holiday on a weekend is observed on the next weekday that is
//!   not already a holiday.
//! * **AU** — the holidays of every state and territory: New Year's Day, Australia Day
//!   (26 January), Good Friday, Easter Monday, Anzac Day (25 April), Christmas Day, Boxing
//!   Day; New Year's Day and Australia Day on a weekend are observed the Monday after,
//!   Christmas and Boxing Day on a weekend on the next free weekday. The King's Birthday
//!   and Labour Day (dates differ by state) and Anzac Day substitutes (some states only)
//!   are not included.
//! * **NL** — the nationale feestdagen: Nieuwjaarsdag (1 Jan), Tweede Paasdag (Easter
//!   Monday), Koningsdag (27 April from 2014, the 26th when the 27th is a Sunday;
//!   Koninginnedag 30 April before, the 29th when a Sunday), Bevrijdingsdag (5 May, every
//!   year), Hemelvaartsdag (Easter + 39), Tweede Pinksterdag (Easter + 50), Eerste and
//!   Tweede Kerstdag (25, 26 December). Goede Vrijdag (a day off only by some collective
//!   agreements) is not included.
//!
//! ```
//! use wfm_core::forecast::{Country, public_holidays};
//! let us = public_holidays(Country::Us, 2025..=2025);
//! let thanksgiving = us.iter().find(|d| d.label == "Thanksgiving").unwrap();
//! assert_eq!(thanksgiving.date.to_string(), "2025-11-27");
//! ```

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::special::SpecialDay;
use crate::CoreError;

/// A country with a built-in public-holiday calendar (this module's source lists the
/// holidays each includes), by its ISO 3166-1 alpha-2 code.
///
/// ```
/// use wfm_core::forecast::Country;
/// assert_eq!("gb".parse::<Country>()?, Country::Gb);
/// assert_eq!("UK".parse::<Country>()?, Country::Gb);
/// assert_eq!(Country::De.code(), "DE");
/// assert!("XX".parse::<Country>().is_err());
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Country {
    /// Australia (national days).
    Au,
    /// Canada (federal statutory holidays).
    Ca,
    /// Germany (nationwide holidays).
    De,
    /// Spain (national holidays).
    Es,
    /// France (metropolitan).
    Fr,
    /// United Kingdom: England and Wales bank holidays.
    Gb,
    /// The Netherlands.
    Nl,
    /// United States (federal holidays).
    Us,
}

impl Country {
    /// Every country with a built-in calendar.
    pub const ALL: [Country; 8] = [
        Country::Au,
        Country::Ca,
        Country::De,
        Country::Es,
        Country::Fr,
        Country::Gb,
        Country::Nl,
        Country::Us,
    ];

    /// The ISO 3166-1 alpha-2 code.
    ///
    /// ```
    /// use wfm_core::forecast::Country;
    /// assert_eq!(Country::Us.code(), "US");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Country::Au => "AU",
            Country::Ca => "CA",
            Country::De => "DE",
            Country::Es => "ES",
            Country::Fr => "FR",
            Country::Gb => "GB",
            Country::Nl => "NL",
            Country::Us => "US",
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Country {
    type Err = CoreError;

    /// Parses an ISO 3166-1 alpha-2 code, any case (`UK` is taken for `GB`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().to_ascii_uppercase();
        let code = if code == "UK" { "GB".to_owned() } else { code };
        Country::ALL
            .into_iter()
            .find(|c| c.code() == code)
            .ok_or_else(|| CoreError::UnknownCountry(s.to_owned()))
    }
}

/// The public holidays of `country` dated in `years`, sorted by date (see the
/// module's source for what each country includes). Observed and substitute days are
/// extra entries; a date is listed once (the first holiday on it names it). Years that
/// the calendar types cannot represent give no days.
///
/// ```
/// use wfm_core::forecast::{Country, public_holidays};
/// let gb = public_holidays(Country::Gb, 2025..=2025);
/// let dates: Vec<String> = gb.iter().map(|d| d.date.to_string()).collect();
/// assert_eq!(dates, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
///                    "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"]);
/// assert_eq!(gb[2].label, "Easter Monday");
/// ```
pub fn public_holidays(country: Country, years: RangeInclusive<i32>) -> Vec<SpecialDay> {
    let (first, last) = (*years.start(), *years.end());
    let mut out: Vec<SpecialDay> = Vec::new();
    if first > last {
        return out;
    }
    // A neighbouring year's observed day can fall inside the range (US: New Year's Day
    // on a Saturday is observed on 31 December).
    for year in first.saturating_sub(1)..=last.saturating_add(1) {
        if !(1583..=9999).contains(&year) {
            continue;
        }
        for d in year_days(country, year) {
            if (first..=last).contains(&d.date.year()) {
                out.push(d);
            }
        }
    }
    out.sort_by_key(|d| d.date);
    out.dedup_by_key(|d| d.date);
    out
}

/// One year's days (the year is within the calendar's range).
fn year_days(country: Country, y: i32) -> Vec<SpecialDay> {
    let mut cal = Calendar::new(y);
    match country {
        Country::Us => us(&mut cal),
        Country::Gb => gb(&mut cal),
        Country::De => de(&mut cal),
        Country::Fr => fr(&mut cal),
        Country::Es => es(&mut cal),
        Country::Ca => ca(&mut cal),
        Country::Au => au(&mut cal),
        Country::Nl => nl(&mut cal),
    }
    cal.days
}

fn us(c: &mut Calendar) {
    let y = c.year;
    let fixed = |c: &mut Calendar, m, d, name| {
        let date = ymd(y, m, d);
        c.add(date, name);
        c.observed_fri_mon(date, name);
    };
    fixed(c, 1, 1, "New Year's Day");
    if y >= 1986 {
        c.add(
            nth_weekday(y, 1, Weekday::Mon, 3),
            "Martin Luther King Jr. Day",
        );
    }
    c.add(nth_weekday(y, 2, Weekday::Mon, 3), "Washington's Birthday");
    c.add(last_weekday(y, 5, Weekday::Mon), "Memorial Day");
    if y >= 2021 {
        fixed(c, 6, 19, "Juneteenth");
    }
    fixed(c, 7, 4, "Independence Day");
    c.add(nth_weekday(y, 9, Weekday::Mon, 1), "Labor Day");
    c.add(nth_weekday(y, 10, Weekday::Mon, 2), "Columbus Day");
    fixed(c, 11, 11, "Veterans Day");
    c.add(nth_weekday(y, 11, Weekday::Thu, 4), "Thanksgiving");
    fixed(c, 12, 25, "Christmas Day");
}

fn gb(c: &mut Calendar) {
    let y = c.year;
    let e = easter(y);
    c.add(ymd(y, 1, 1), "New Year's Day");
    c.add(e - Days::new(2), "Good Friday");
    c.add(e + Days::new(1), "Easter Monday");
    match y {
        2020 => c.add(ymd(2020, 5, 8), "Early May bank holiday"),
        _ => c.add(nth_weekday(y, 5, Weekday::Mon, 1), "Early May bank holiday"),
    }
    match y {
        2012 => c.add(ymd(2012, 6, 4), "Spring bank holiday"),
        2022 => c.add(ymd(2022, 6, 2), "Spring bank holiday"),
        _ => c.add(last_weekday(y, 5, Weekday::Mon), "Spring bank holiday"),
    }
    c.add(last_weekday(y, 8, Weekday::Mon), "Summer bank holiday");
    c.add(ymd(y, 12, 25), "Christmas Day");
    c.add(ymd(y, 12, 26), "Boxing Day");
    for (m, d) in [(1, 1), (12, 25), (12, 26)] {
        c.substitute(ymd(y, m, d), "substitute");
    }
    let one_off: &[(i32, u32, u32, &str)] = &[
        (2011, 4, 29, "Royal wedding"),
        (2012, 6, 5, "Diamond Jubilee"),
        (2022, 6, 3, "Platinum Jubilee"),
        (2022, 9, 19, "State funeral of Queen Elizabeth II"),
        (2023, 5, 8, "Coronation of King Charles III"),
    ];
    for &(year, m, d, name) in one_off.iter().filter(|o| o.0 == y) {
        c.add(ymd(year, m, d), name);
    }
}

fn de(c: &mut Calendar) {
    let y = c.year;
    let e = easter(y);
    c.add(ymd(y, 1, 1), "Neujahr");
    c.add(e - Days::new(2), "Karfreitag");
    c.add(e + Days::new(1), "Ostermontag");
    c.add(ymd(y, 5, 1), "Tag der Arbeit");
    c.add(e + Days::new(39), "Christi Himmelfahrt");
    c.add(e + Days::new(50), "Pfingstmontag");
    if y >= 1990 {
        c.add(ymd(y, 10, 3), "Tag der Deutschen Einheit");
    }
    if y == 2017 {
        c.add(ymd(y, 10, 31), "Reformationstag");
    }
    c.add(ymd(y, 12, 25), "1. Weihnachtstag");
    c.add(ymd(y, 12, 26), "2. Weihnachtstag");
}

fn fr(c: &mut Calendar) {
    let y = c.year;
    let e = easter(y);
    c.add(ymd(y, 1, 1), "Jour de l'an");
    c.add(e + Days::new(1), "Lundi de Pâques");
    c.add(ymd(y, 5, 1), "Fête du Travail");
    c.add(ymd(y, 5, 8), "Victoire 1945");
    c.add(e + Days::new(39), "Ascension");
    c.add(e + Days::new(50), "Lundi de Pentecôte");
    c.add(ymd(y, 7, 14), "Fête nationale");
    c.add(ymd(y, 8, 15), "Assomption");
    c.add(ymd(y, 11, 1), "Toussaint");
    c.add(ymd(y, 11, 11), "Armistice");
    c.add(ymd(y, 12, 25), "Noël");
}

fn es(c: &mut Calendar) {
    let y = c.year;
    c.add(ymd(y, 1, 1), "Año Nuevo");
    c.add(ymd(y, 1, 6), "Epifanía del Señor");
    c.add(easter(y) - Days::new(2), "Viernes Santo");
    c.add(ymd(y, 5, 1), "Fiesta del Trabajo");
    c.add(ymd(y, 8, 15), "Asunción de la Virgen");
    c.add(ymd(y, 10, 12), "Fiesta Nacional de España");
    c.add(ymd(y, 11, 1), "Todos los Santos");
    c.add(ymd(y, 12, 6), "Día de la Constitución");
    c.add(ymd(y, 12, 8), "Inmaculada Concepción");
    c.add(ymd(y, 12, 25), "Navidad");
}

fn ca(c: &mut Calendar) {
    let y = c.year;
    c.add(ymd(y, 1, 1), "New Year's Day");
    c.add(easter(y) - Days::new(2), "Good Friday");
    // The Monday before 25 May: the last Monday on or before the 24th.
    c.add(
        last_weekday_on_or_before(ymd(y, 5, 24), Weekday::Mon),
        "Victoria Day",
    );
    c.add(ymd(y, 7, 1), "Canada Day");
    c.add(nth_weekday(y, 9, Weekday::Mon, 1), "Labour Day");
    if y >= 2021 {
        c.add(ymd(y, 9, 30), "National Day for Truth and Reconciliation");
    }
    c.add(nth_weekday(y, 10, Weekday::Mon, 2), "Thanksgiving");
    c.add(ymd(y, 11, 11), "Remembrance Day");
    c.add(ymd(y, 12, 25), "Christmas Day");
    c.add(ymd(y, 12, 26), "Boxing Day");
    let mut fixed = vec![(1, 1), (7, 1)];
    if y >= 2021 {
        fixed.push((9, 30));
    }
    fixed.extend([(11, 11), (12, 25), (12, 26)]);
    for (m, d) in fixed {
        c.substitute(ymd(y, m, d), "observed");
    }
}

fn au(c: &mut Calendar) {
    let y = c.year;
    let e = easter(y);
    c.add(ymd(y, 1, 1), "New Year's Day");
    c.add(ymd(y, 1, 26), "Australia Day");
    c.add(e - Days::new(2), "Good Friday");
    c.add(e + Days::new(1), "Easter Monday");
    c.add(ymd(y, 4, 25), "Anzac Day");
    c.add(ymd(y, 12, 25), "Christmas Day");
    c.add(ymd(y, 12, 26), "Boxing Day");
    for (m, d) in [(1, 1), (1, 26), (12, 25), (12, 26)] {
        c.substitute(ymd(y, m, d), "observed");
    }
}

fn nl(c: &mut Calendar) {
    let y = c.year;
    let e = easter(y);
    c.add(ymd(y, 1, 1), "Nieuwjaarsdag");
    c.add(e + Days::new(1), "Tweede Paasdag");
    let (day, name) = if y >= 2014 {
        (27, "Koningsdag")
    } else {
        (30, "Koninginnedag")
    };
    let royal = ymd(y, 4, day);
    let royal = if royal.weekday() == Weekday::Sun {
        royal - Days::new(1)
    } else {
        royal
    };
    c.add(royal, name);
    c.add(ymd(y, 5, 5), "Bevrijdingsdag");
    c.add(e + Days::new(39), "Hemelvaartsdag");
    c.add(e + Days::new(50), "Tweede Pinksterdag");
    c.add(ymd(y, 12, 25), "Eerste Kerstdag");
    c.add(ymd(y, 12, 26), "Tweede Kerstdag");
}

/// One year's days as they are built.
struct Calendar {
    year: i32,
    days: Vec<SpecialDay>,
}

impl Calendar {
    fn new(year: i32) -> Self {
        Self {
            year,
            days: Vec::new(),
        }
    }

    fn add(&mut self, date: NaiveDate, name: &str) {
        self.days.push(SpecialDay::new(date, name));
    }

    fn taken(&self, date: NaiveDate) -> bool {
        self.days.iter().any(|d| d.date == date)
    }

    fn name_of(&self, date: NaiveDate) -> String {
        self.days
            .iter()
            .find(|d| d.date == date)
            .map(|d| d.label.clone())
            .unwrap_or_default()
    }

    /// US rule: Saturday → the Friday before, Sunday → the Monday after.
    fn observed_fri_mon(&mut self, date: NaiveDate, name: &str) {
        let moved = match date.weekday() {
            Weekday::Sat => date - Days::new(1),
            Weekday::Sun => date + Days::new(1),
            _ => return,
        };
        self.add(moved, &format!("{name} (observed)"));
    }

    /// Substitute-day rule: a holiday on a weekend gets the next weekday that is not a
    /// holiday already (call in date order).
    fn substitute(&mut self, date: NaiveDate, kind: &str) {
        if !is_weekend(date) {
            return;
        }
        let name = self.name_of(date);
        let mut d = date + Days::new(1);
        while is_weekend(d) || self.taken(d) {
            d = d + Days::new(1);
        }
        self.add(d, &format!("{name} ({kind})"));
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A date known to exist (the year is checked by the caller; months and days are
/// literals of real dates).
fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The `n`-th (1-based) `weekday` of a month.
fn nth_weekday(y: i32, m: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(y, m, weekday, n).unwrap_or(NaiveDate::MIN)
}

/// The last `weekday` of a month.
fn last_weekday(y: i32, m: u32, weekday: Weekday) -> NaiveDate {
    let next = if m == 12 {
        ymd(y + 1, 1, 1)
    } else {
        ymd(y, m + 1, 1)
    };
    last_weekday_on_or_before(next - Days::new(1), weekday)
}

/// The last `weekday` on or before `date`.
fn last_weekday_on_or_before(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (date.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
    date - Days::new(u64::from(back))
}

/// Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus, also known
/// as the Meeus/Jones/Butcher algorithm).
fn easter(y: i32) -> NaiveDate {
    let a = y % 19;
    let (b, c) = (y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn on(country: Country, year: i32, date: &str) -> Option<String> {
        public_holidays(country, year..=year)
            .into_iter()
            .find(|h| h.date == d(date))
            .map(|h| h.label)
    }

    #[test]
    fn easter_matches_published_dates() {
        let known = [
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2038, "2038-04-25"),
        ];
        for (y, date) in known {
            assert_eq!(easter(y), d(date), "{y}");
        }
    }

    #[test]
    fn us_federal_2025_and_observed_days() {
        let us = public_holidays(Country::Us, 2025..=2025);
        let dates: Vec<String> = us.iter().map(|h| h.date.to_string()).collect();
        assert_eq!(
            dates,
            [
                "2025-01-01",
                "2025-01-20",
                "2025-02-17",
                "2025-05-26",
                "2025-06-19",
                "2025-07-04",
                "2025-09-01",
                "2025-10-13",
                "2025-11-11",
                "2025-11-27",
                "2025-12-25"
            ]
        );
        // Juneteenth 2022 was a Sunday: observed Monday 20 June.
        assert_eq!(
            on(Country::Us, 2022, "2022-06-20").as_deref(),
            Some("Juneteenth (observed)")
        );
        // Christmas 2022 on a Sunday: observed Monday 26 December.
        assert_eq!(
            on(Country::Us, 2022, "2022-12-26").as_deref(),
            Some("Christmas Day (observed)")
        );
        // Independence Day 2026 on a Saturday: observed Friday 3 July.
        assert_eq!(
            on(Country::Us, 2026, "2026-07-03").as_deref(),
            Some("Independence Day (observed)")
        );
        // New Year's Day 2022 (a Saturday) was observed on Friday 31 December 2021.
        assert_eq!(
            on(Country::Us, 2021, "2021-12-31").as_deref(),
            Some("New Year's Day (observed)")
        );
        assert_eq!(on(Country::Us, 2020, "2020-06-19"), None); // before 2021
    }

    #[test]
    fn gb_substitutes_and_one_offs() {
        // 2021: Christmas Saturday, Boxing Day Sunday → Monday 27 and Tuesday 28.
        assert_eq!(
            on(Country::Gb, 2021, "2021-12-27").as_deref(),
            Some("Christmas Day (substitute)")
        );
        assert_eq!(
            on(Country::Gb, 2021, "2021-12-28").as_deref(),
            Some("Boxing Day (substitute)")
        );
        // 2022: Christmas Sunday → Tuesday 27 (Monday is Boxing Day).
        assert_eq!(
            on(Country::Gb, 2022, "2022-12-27").as_deref(),
            Some("Christmas Day (substitute)")
        );
        assert_eq!(
            on(Country::Gb, 2022, "2022-06-02").as_deref(),
            Some("Spring bank holiday")
        );
        assert_eq!(on(Country::Gb, 2022, "2022-05-30"), None);
        // 2022: New Year's Day Saturday → Monday 3 January.
        assert_eq!(
            on(Country::Gb, 2022, "2022-01-03").as_deref(),
            Some("New Year's Day (substitute)")
        );
        assert_eq!(
            on(Country::Gb, 2023, "2023-05-08").as_deref(),
            Some("Coronation of King Charles III")
        );
        assert_eq!(public_holidays(Country::Gb, 2023..=2023).len(), 10);
    }

    #[test]
    fn de_2025_is_the_nine_nationwide_days() {
        let de = public_holidays(Country::De, 2025..=2025);
        let got: Vec<(String, &str)> = de
            .iter()
            .map(|h| (h.date.to_string(), h.label.as_str()))
            .collect();
        let want = [
            ("2025-01-01", "Neujahr"),
            ("2025-04-18", "Karfreitag"),
            ("2025-04-21", "Ostermontag"),
            ("2025-05-01", "Tag der Arbeit"),
            ("2025-05-29", "Christi Himmelfahrt"),
            ("2025-06-09", "Pfingstmontag"),
            ("2025-10-03", "Tag der Deutschen Einheit"),
            ("2025-12-25", "1. Weihnachtstag"),
            ("2025-12-26", "2. Weihnachtstag"),
        ];
        let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(got, want);
        assert_eq!(
            on(Country::De, 2017, "2017-10-31").as_deref(),
            Some("Reformationstag")
        );
    }

    #[test]
    fn other_countries_known_dates() {
        assert_eq!(
            on(Country::Fr, 2025, "2025-06-09").as_deref(),
            Some("Lundi de Pentecôte")
        );
        assert_eq!(public_holidays(Country::Fr, 2025..=2025).len(), 11);
        assert_eq!(public_holidays(Country::Es, 2025..=2025).len(), 10);
        assert_eq!(
            on(Country::Es, 2025, "2025-04-18").as_deref(),
            Some("Viernes Santo")
        );
        // Victoria Day: 2025-05-19, and 2026-05-18 (the 25th is a Monday in 2026).
        assert_eq!(
            on(Country::Ca, 2025, "2025-05-19").as_deref(),
            Some("Victoria Day")
        );
        assert_eq!(
            on(Country::Ca, 2026, "2026-05-18").as_deref(),
            Some("Victoria Day")
        );
        // Canada Day 2023 on a Saturday: observed Monday 3 July.
        assert_eq!(
            on(Country::Ca, 2023, "2023-07-03").as_deref(),
            Some("Canada Day (observed)")
        );
        assert_eq!(
            on(Country::Ca, 2025, "2025-10-13").as_deref(),
            Some("Thanksgiving")
        );
        // Australia Day 2025 on a Sunday: Monday 27 January.
        assert_eq!(
            on(Country::Au, 2025, "2025-01-27").as_deref(),
            Some("Australia Day (observed)")
        );
        assert_eq!(
            on(Country::Au, 2025, "2025-04-25").as_deref(),
            Some("Anzac Day")
        );
        // Koningsdag 2025 (27 April a Sunday) on Saturday 26 April.
        assert_eq!(
            on(Country::Nl, 2025, "2025-04-26").as_deref(),
            Some("Koningsdag")
        );
        assert_eq!(on(Country::Nl, 2025, "2025-04-27"), None);
        assert_eq!(
            on(Country::Nl, 2013, "2013-04-30").as_deref(),
            Some("Koninginnedag")
        );
    }

    #[test]
    fn ranges_and_parsing() {
        let two = public_holidays(Country::De, 2024..=2025);
        assert_eq!(two.len(), 18);
        assert!(two.windows(2).all(|w| w[0].date < w[1].date));
        assert!(public_holidays(Country::De, 2025..=std::hint::black_box(2024)).is_empty());
        assert!(public_holidays(Country::De, 200_000..=200_001).is_empty());
        for c in Country::ALL {
            assert_eq!(c.code().parse::<Country>(), Ok(c));
            assert_eq!(c.to_string().to_lowercase().parse::<Country>(), Ok(c));
        }
        assert_eq!(
            "Mars".parse::<Country>(),
            Err(CoreError::UnknownCountry("Mars".into()))
        );
    }
}
