//! Tests of the lesson format, the goal language and the author checks.
