"""History of the text and decisions: records, trailers, changelog, decision log, feeds, lint."""
