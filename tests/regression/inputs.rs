//! Regression tests of issue 17 ("Nothing lost"): arguments and inputs (items 11–14).
