"""Reproducible performance measurements; ``python -m benchmarks`` runs every ``bench_*.py``."""
