//! End-to-end tests: formats.
