"""The extraction stages, in the order data flows: read -> clean -> sentences -> ner -> dates, amounts,
organizations -> targets. Each stage is one folder with one job."""
