"""Targets: goals, plans and forecasts bound to amounts and deadlines."""

from pipeline.stages.targets.extract import extract_targets

__all__ = ["extract_targets"]
