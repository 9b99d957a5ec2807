//! Regression tests of issue 17 ("Nothing lost"): what a writer may overwrite (items 1–5).
