//! End-to-end tests: mutation.
