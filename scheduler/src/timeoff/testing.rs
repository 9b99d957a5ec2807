//! Shared test data: the time-off example configuration and a request.

use chrono::{TimeZone, Utc};

use super::{Deducted, Deduction, RequestStatus, Requester, TimeOffRequest};
use crate::Scenario;

/// The scheduling configuration of `data/scenarios/timeoff_example.toml`.
pub(crate) fn example() -> Scenario {
    let text = include_str!("../../../data/scenarios/timeoff_example.toml");
    Scenario::from_toml(text, "timeoff_example.toml").expect("the example is valid")
}

/// A pending request of agent1 for VACAY_SK on 2026-12-15.
pub(crate) fn request() -> TimeOffRequest {
    let t = |d, h| Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap();
    TimeOffRequest {
        id: 1,
        agent: "agent1".into(),
        staffing_group: "Day team".into(),
        forecast_group: "Support".into(),
        activity: "VACAY_SK".into(),
        start: t(15, 0),
        end: t(16, 0),
        full_day: true,
        reason: String::new(),
        requested_by: Requester::Agent,
        actor: "agent1".into(),
        override_rules: false,
        waitlist: false,
        status: RequestStatus::Pending,
        failures: Vec::new(),
        deduction: Deduction::default(),
        deducted: Deducted::default(),
        created_at: t(1, 0),
        updated_at: t(1, 0),
        note: String::new(),
    }
}
