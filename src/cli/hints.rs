//! What to run next, for an error the library reports: the library's messages name what
//! happened in the planner's words; the command line adds the `wfm …` command that helps.

use wfm::store::{DocumentKind, DocumentStatus};
use wfm::{Item, ItemKind, Refused, WfmError};

/// The command-line hint for `error`, if one helps.
pub fn hint(error: &WfmError) -> Option<String> {
    match error {
        WfmError::NotFound { item } => not_found(item),
        WfmError::Conflict { item } => conflict(item),
        WfmError::InUse { item, used_by } => in_use(item, used_by),
        WfmError::AlreadyPublished { item, refused } => published(item, *refused),
        WfmError::SchemaVersion { found, known, .. } if found < known => Some(
            "`wfm workspace upgrade` upgrades it, as does any wfm command that changes it"
                .to_owned(),
        ),
        WfmError::Damaged { .. } => {
            Some("`wfm workspace check` checks the whole workspace".to_owned())
        }
        WfmError::Forbidden { actor, .. } => Some(format!(
            "run as another user with --actor NAME, or ask an admin for a role that has it: \
             `wfm users grant {actor} ROLE` (`wfm roles list` shows them)"
        )),
        _ => None,
    }
}

fn not_found(item: &Item) -> Option<String> {
    let group = item.scope.as_deref().unwrap_or("GROUP");
    Some(match item.kind {
        ItemKind::Workspace => "create one with `wfm workspace create --interval 15|30`".into(),
        ItemKind::ForecastGroup if item.name.is_empty() => {
            "create one with `wfm groups create NAME --queues ID,...`".into()
        }
        ItemKind::ForecastGroup => format!(
            "create it with `wfm groups create {:?} --queues ID,...`",
            item.name
        ),
        ItemKind::Queue => "see `wfm queues list`".into(),
        ItemKind::HistorySource => "see `wfm history list`".into(),
        ItemKind::Document(DocumentKind::Schedule) => "see `wfm schedule list`".into(),
        ItemKind::Document(DocumentKind::Plan) => "see `wfm plan list`".into(),
        ItemKind::Document(DocumentKind::Scenario) => {
            "create it with `wfm plan scenario create FILE`".into()
        }
        ItemKind::Document(DocumentKind::ScheduleScenario) => {
            "import a scenario file with `wfm schedule scenario import FILE` (see \
             data/scenarios/schedule_example.toml)"
                .into()
        }
        ItemKind::Document(DocumentKind::Forecast) => {
            let kind = &item.name;
            match item.status {
                Some(DocumentStatus::Published) => format!(
                    "publish the {kind}-term forecast of {group} and regenerate (`wfm forecast \
                     publish --group {group:?} --kind {kind}`)"
                ),
                Some(DocumentStatus::Draft) => "to delete the published one add --published".into(),
                None => format!(
                    "compute one with `wfm forecast compute --group {group:?} --kind {kind}`"
                ),
            }
        }
        _ => return None,
    })
}

fn conflict(item: &Item) -> Option<String> {
    match item.kind {
        ItemKind::Document(DocumentKind::Scenario) => {
            Some("edit it with `wfm plan scenario edit`".into())
        }
        ItemKind::Document(DocumentKind::Plan) => Some(format!(
            "to re-run it: `wfm plan rerun --name {:?}`",
            item.name
        )),
        _ => None,
    }
}

fn in_use(item: &Item, used_by: &Item) -> Option<String> {
    match (item.kind, used_by.kind) {
        (ItemKind::ForecastGroup, ItemKind::Document(DocumentKind::Forecast)) => Some(format!(
            "delete the forecast first (`wfm forecast delete --group {:?} --kind {}{}`)",
            item.name,
            used_by.name,
            if used_by.status == Some(DocumentStatus::Published) {
                " --published"
            } else {
                ""
            }
        )),
        _ => None,
    }
}

fn published(item: &Item, refused: Refused) -> Option<String> {
    match (item.kind, refused) {
        (ItemKind::Document(DocumentKind::Plan), Refused::Change) => {
            Some("make a copy instead (`wfm plan create` with another name)".into())
        }
        (ItemKind::Document(DocumentKind::Forecast), Refused::Change) => {
            Some("compute a new one (`wfm forecast compute`)".into())
        }
        (ItemKind::Document(DocumentKind::Schedule), Refused::Delete) => Some(
            "agents see it; publish a new schedule of the same dates to replace it (`wfm \
             schedule publish ID`)"
                .into(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_plan_points_to_the_plan_list() {
        let e = WfmError::NotFound {
            item: Item::document(DocumentKind::Plan, "Q3"),
        };
        assert_eq!(hint(&e).as_deref(), Some("see `wfm plan list`"));
    }

    #[test]
    fn a_group_with_a_published_forecast_names_the_delete_command() {
        let e = WfmError::InUse {
            item: Box::new(Item::new(ItemKind::ForecastGroup, "Sales")),
            used_by: Box::new(
                Item::document(DocumentKind::Forecast, "short")
                    .of("Sales")
                    .with_status(DocumentStatus::Published),
            ),
        };
        let h = hint(&e).unwrap();
        assert!(h.starts_with("delete the forecast first"), "{h}");
        assert!(h.ends_with("--kind short --published`)"), "{h}");
    }

    #[test]
    fn an_out_of_range_argument_needs_no_hint() {
        let e = WfmError::OutOfRange {
            what: "weeks",
            value: "0".into(),
            allowed: "1 to 18".into(),
        };
        assert_eq!(hint(&e), None);
    }
}
