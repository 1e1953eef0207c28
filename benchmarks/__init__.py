"""Benchmark scripts behind `make bench`; results go to docs/benchmarks.md."""
