"""Organizations: the rule layer over any NER backend."""

from pipeline.stages.organizations.layer import extract_organizations

__all__ = ["extract_organizations"]
