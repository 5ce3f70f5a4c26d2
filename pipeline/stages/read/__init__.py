"""Read: decode source files into documents (doc ids, publication dates)."""
