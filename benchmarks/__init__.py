"""Benchmarks of infolib against SciPy (run ``python -m benchmarks``; see bench.py)."""
