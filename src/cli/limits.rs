//! `--time-limit` and `--gap` of the scheduling commands: clap value parsers that build
//! wfm-scheduler's validated [`TimeLimit`] and [`Gap`], so `schedule generate` and
//! `schedule create` refuse `-1`, `nan`, `inf` and `0` seconds, and a gap of 1 or below 0,
//! with the same words.

use wfm::scheduler::generate::{Gap, TimeLimit};

/// `--time-limit SECONDS`: finite and above 0.
pub fn time_limit(text: &str) -> Result<TimeLimit, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    TimeLimit::new(seconds).map_err(|e| e.to_string())
}

/// `--gap SHARE`: finite, at least 0 and below 1.
pub fn gap(text: &str) -> Result<Gap, String> {
    let share: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number (0.01 = 1 %)"))?;
    Gap::new(share).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limit_of_minus_one_nan_inf_or_zero_is_refused_by_the_cli() {
        for bad in ["-1", "nan", "NaN", "inf", "0", "", "ten"] {
            assert!(time_limit(bad).is_err(), "{bad}");
        }
        assert_eq!(time_limit("2.5").map(TimeLimit::seconds), Ok(2.5));
    }

    #[test]
    fn gap_of_one_minus_one_or_nan_is_refused_by_the_cli() {
        for bad in ["1", "-1", "nan", "inf", "1.5"] {
            assert!(gap(bad).is_err(), "{bad}");
        }
        assert_eq!(gap("0").map(Gap::value), Ok(0.0));
    }
}
