//! The forecast document of a workspace (`DocumentKind::Forecast`, named `short` or
//! `long`): a [`GroupForecast`](wfm_core::forecast::GroupForecast) as JSON.

use crate::store::DocumentKind;

/// The document kind forecasts are stored as.
pub const FORECAST_DOCUMENT: DocumentKind = DocumentKind::Forecast;
