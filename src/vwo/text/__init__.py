"""The agreement itself: content model, parser, and the agreement page rendered from it."""
