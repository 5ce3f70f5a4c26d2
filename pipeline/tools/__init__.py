"""Tools over the tables: evaluation against gold, the HTML review page, the data dictionary."""
