"""The usage register (data/gebruik.csv): model, exports, chart, pages."""
