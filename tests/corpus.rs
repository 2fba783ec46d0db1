//! End-to-end tests: corpus.
