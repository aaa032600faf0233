"""A throwaway site project with the realistic history, for end-to-end history tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.gitrepo import ROOT, GitRepo

NAV = [
    {"Home": "index.md"},
    {"Overeenkomst": "overeenkomst.md"},
    {"Toelichting": "toelichting.md"},
    {"Bijlagen": ["bijlagen/bijlage-1.md"]},
    {"Wijzigingen": "wijzigingen.md"},
    {"Besluiten": "besluiten.md"},
]

PAYLOADS = (
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '{: onclick="alert(1)" }',
    "![x](http://evil.example/x.png)",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "`code` ```fence```",
    "*bold* _em_ **strong** ==mark== ~~del~~",
    "ends in a backslash \\",
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    '<a href="http://evil.example">x</a>',
    '" onmouseover="alert(1)',
    "]]></title><script>alert(1)</script>",
    "<http://evil.example>",
    "[x]: http://evil.example",
)


def write_site_config(repo: GitRepo) -> None:
    """mkdocs.yml (a nav for the test texts, the agreement and history hooks), theme, CSS."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = NAV
    # Only the hooks these tests are about (others, like downloads, are tested on their own).
    config["hooks"] = [h for h in config["hooks"] if h in ("hooks/agreement.py", "hooks/history.py")]
    (repo.path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, repo.path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (repo.path / "src").mkdir(exist_ok=True)
    repo.write("docs/assets/vwo.css", (ROOT / "docs/assets/vwo.css").read_text(encoding="utf-8"))
    repo.write("docs/index.md", "# Home\n\nDe standaard.\n")


def add_payload_commits(repo: GitRepo, base_text: str) -> None:
    """One text change per payload, with the payload as subject and as proposer."""
    text = base_text
    for number, payload in enumerate(PAYLOADS, start=1):
        text = text.rstrip("\n") + f" Aanvulling {number}.\n"
        repo.commit(
            payload,
            files={"docs/overeenkomst.md": text},
            trailers=[
                ("Voorstel", f"VWO-2021-{number:03d}"),
                ("Soort", "inhoudelijk"),
                ("Indiener", payload),
                ("Besluit", "aangenomen"),
                ("Besloten-door", "Beheergroep VWO"),
                ("Besloten-op", "2021-01-14"),
            ],
        )


def without_git(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".git"))
    return target
