"""The site's own stylesheets parse as intended: no rule swallowed by a missing brace.

Once a lost ``}`` in ``docs/assets/vwo.css`` turned the rules after it into nested rules
of the rule before; browsers that support CSS nesting then applied them only inside that
element, and only axe noticed. The Nu Html Checker accepts such a file (nesting is valid
CSS), so this test reads every stylesheet with tinycss2 (the CSS Syntax Level 3 parser
that WeasyPrint uses): a rule inside a style rule, a parse error, or a block left open at
the end of the file fails, naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2
from tinycss2.ast import AtRule, Node, ParseError, QualifiedRule

from tests.gitrepo import ROOT

STYLESHEETS = sorted((ROOT / "docs" / "assets").glob("*.css"))
# At-rules whose block holds rules, not declarations.
GROUPING = {"media", "supports", "layer", "container", "document"}


def problems(css: str) -> list[str]:
    """``line: what`` for every rule a missing or extra brace would have changed."""
    found: list[str] = []

    def walk(nodes: list[Node], grouping: bool) -> None:
        for node in nodes:
            if isinstance(node, ParseError):
                found.append(f"{node.source_line}: {node.message}")
            elif isinstance(node, QualifiedRule):
                for token in node.prelude:
                    if isinstance(token, ParseError):
                        found.append(f"{token.source_line}: '{token.kind}' before a rule (a stray brace?)")
                if not grouping:
                    found.append(f"{node.source_line}: a rule inside a rule (a missing '}}' above?)")
                inner = tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)
                walk([n for n in inner if not _is_declaration(n)], grouping=False)
            elif isinstance(node, AtRule) and node.content is not None and node.lower_at_keyword in GROUPING:
                inner = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
                walk(inner, grouping=True)

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), grouping=True)
    if _open_at_end(css):
        found.append("end of file: a block is not closed")
    return found


def _is_declaration(node: Node) -> bool:
    return bool(node.type == "declaration")


def _open_at_end(css: str) -> bool:
    """Whether a block is still open where the file ends: tinycss2 closes it silently,
    so its serialisation has one ``}`` more than the file."""
    closed = str(tinycss2.serialize(tinycss2.parse_component_value_list(css)))
    return closed.count("}") > css.count("}")


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda p: p.name)
def test_every_rule_is_where_it_was_written(stylesheet: Path) -> None:
    found = problems(stylesheet.read_text(encoding="utf-8"))
    assert not found, f"{stylesheet.relative_to(ROOT)}, {len(found)} problems:\n" + "\n".join(found[:5])


def test_there_are_stylesheets_to_check() -> None:
    assert {"vwo.css", "vwo-search.css"} <= {p.name for p in STYLESHEETS}


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        # The bug that happened: a rule's closing brace lost, the next rule nested in it.
        (".a { color: red;\n.b { color: blue; }\n", ["2: a rule inside a rule", "end of file"]),
        # Inside @media too.
        (
            "@media (max-width: 40em) {\n  .a { color: red;\n  .b { color: blue; }\n}\n",
            ["3: a rule inside a rule", "end of file"],
        ),
        # A stray closing brace.
        (".a { color: red; }\n}\n.b { color: blue; }\n", ["2: '}' before a rule"]),
        # The last block never closed.
        (".a { color: red; }\n.b { color: blue;\n", ["end of file"]),
    ],
)
def test_a_lost_or_stray_brace_is_found(css: str, expected: list[str]) -> None:
    found = problems(css)
    assert len(found) == len(expected), found
    for line, start in zip(found, expected, strict=True):
        assert line.startswith(start), found


@pytest.mark.parametrize(
    "css",
    [
        ".a { color: red; }\n@media print { .a { color: black; } }\n",
        "@supports (display: grid) { @media (min-width: 1px) { .a { display: grid; } } }\n",
        "@font-face { font-family: x; src: url(x.woff2); }\n.a::before { content: '}'; }\n",
        ":root { --x: 1px; }\n/* } a brace in a comment */\n.a { margin: var(--x); }\n",
    ],
)
def test_well_formed_css_passes(css: str) -> None:
    assert problems(css) == []
