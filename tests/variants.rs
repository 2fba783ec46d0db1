//! End-to-end tests: variants.
