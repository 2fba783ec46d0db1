//! End-to-end tests: batch.
