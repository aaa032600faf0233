"""Shared site rendering: templates, HTML fragments, URLs, escaping, build target, link check."""
