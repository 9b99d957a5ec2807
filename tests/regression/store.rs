//! Regression tests of issue 17 ("Nothing lost"): races and damaged or foreign workspace files (items 6–10).
