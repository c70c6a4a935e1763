"""Synthetic municipalities for the benchmark (issue 5): deterministic, bulk-written, no models."""
