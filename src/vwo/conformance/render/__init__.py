"""The report in four forms: ``data`` (JSON, schema ``vwo-toets/1``), ``markdown``,
``html`` (one standalone page) and ``word`` (the standard's text with the copy's
deviations as tracked changes). Everything from the copy is escaped for its output."""
