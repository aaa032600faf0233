"""One Jinja environment for every template in ``vwo/templates``.

Autoescape is on for every template (HTML, XML and Markdown fragments alike) and
undefined names raise, so untrusted text can only reach output escaped.

Compiled templates are cached on disk (Jinja's bytecode cache, in a private folder of
the system's temporary directory, checked against each template's source): every site
build is a new process, and compiling the templates was most of what the generated pages
cost it (measured in ``benchmarks/bench_history.py``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("vwo", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=FileSystemBytecodeCache(),
    )


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
