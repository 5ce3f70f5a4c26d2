"""Running documents through the stages: the per-document task, workers, engines, batch runs, table store."""
