"""The git adapter: every git command of the package runs here."""
