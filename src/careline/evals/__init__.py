"""Evaluation: datasets in evals/, metrics, and the runners behind `careline eval` and the benchmarks."""
