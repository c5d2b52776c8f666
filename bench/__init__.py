"""Benchmarks: the judge of speed (docs/benchmarks.md). Not part of ./test."""
