"""Chinese policy-text extraction pipeline."""
