"""The GitHub side of the project: workflows, issue forms, CODEOWNERS, and the steps the
workflows run, executed here the way GitHub would run them.

Static checks use zizmor and check-jsonschema's vendored schemas, both forced offline
(a network namespace where available, a dead proxy otherwise). The workflow steps that
call ``vwo compare`` and ``vwo lint-commits`` are extracted from ci.yml and run with bash
in throwaway repositories, with the environment GitHub would give them.
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.gitrepo import ROOT, GitRepo, copy_project
from tests.versions_support import vwo
from vwo.cli import build_parser
from vwo.history import trailers
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE, Article
from vwo.text.pages import PageContext, reaction_links

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
TEMPLATES = GITHUB / "ISSUE_TEMPLATE"
ISSUE_FORMS = sorted(p for p in TEMPLATES.glob("*.yml") if p.name != "config.yml")
BIN = Path(sys.executable).parent
SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)\s*$")


# --- helpers -----------------------------------------------------------------------


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may use tags such as !ENV or !!python/name; they are not needed here."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)


def triggers(workflow: Mapping[Any, Any]) -> Mapping[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    value = workflow.get("on", workflow.get(True))
    return {value: None} if isinstance(value, str) else dict(value)


def steps(workflow: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any], Mapping[str, Any]]]:
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, job, step


def step(workflow_name: str, name: str) -> tuple[str, dict[str, str]]:
    """The ``run`` script of the named step and its environment (job env + step env)."""
    workflow = load_yaml(GITHUB / "workflows" / workflow_name)
    for _, job, found in steps(workflow):
        if found.get("name") == name:
            return found["run"], {**job.get("env", {}), **found.get("env", {})}
    raise AssertionError(f"no step named {name!r} in {workflow_name}")


def registered_commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return set(sub.choices or ())


@functools.cache
def _namespace_prefix() -> tuple[str, ...]:
    """A command prefix that runs a program without any network, if this machine allows it."""
    for prefix in (("unshare", "-n"), ("unshare", "-rn")):
        if shutil.which(prefix[0]) is None:
            continue
        if subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode == 0:
            return prefix
    return ()


def run_offline(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run a tool with no way out: no network namespace, or at least a proxy that refuses."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"}
    }
    dead = "http://127.0.0.1:9"
    env.update(
        HTTP_PROXY=dead, HTTPS_PROXY=dead, ALL_PROXY=dead, http_proxy=dead, https_proxy=dead, NO_PROXY=""
    )
    return subprocess.run(
        [*_namespace_prefix(), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed next to {sys.executable}; run `make install`"
    return str(path)


def mkdocs_config() -> Mapping[str, Any]:
    config = load_yaml(ROOT / "mkdocs.yml")
    assert isinstance(config, dict)
    return config


# --- zizmor ------------------------------------------------------------------------


def test_zizmor_reports_nothing_even_as_auditor() -> None:
    """Every finding is fixed or suppressed in place with a reason (the auditor persona is
    zizmor's broadest; --no-config so only inline suppressions count)."""
    result = run_offline(
        [
            tool("zizmor"),
            "--offline",
            "--no-config",
            "--format=plain",
            "--color=never",
            "--persona",
            "auditor",
            "--strict-collection",
            ".github/",
        ]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for path in [*WORKFLOWS, GITHUB / "dependabot.yml"]:
        assert f"completed {path.relative_to(ROOT)}" in result.stderr, f"zizmor did not audit {path}"


def test_zizmor_catches_an_unsafe_workflow(tmp_path: Path) -> None:
    """The check above can fail: a workflow with the classic mistakes is reported."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    result = run_offline(
        [tool("zizmor"), "--offline", "--no-config", "--format=plain", "--color=never", ".github/"],
        cwd=tmp_path,
    )
    assert result.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses"):
        assert audit in result.stdout, result.stdout


# --- check-jsonschema ---------------------------------------------------------------


SCHEMAS = {
    "vendor.github-workflows": WORKFLOWS,
    "vendor.github-issue-forms": ISSUE_FORMS,
    "vendor.github-issue-config": [TEMPLATES / "config.yml"],
    "vendor.dependabot": [GITHUB / "dependabot.yml"],
}


@pytest.mark.parametrize("schema", SCHEMAS)
def test_files_match_githubs_schema(schema: str) -> None:
    files = SCHEMAS[schema]
    assert files, f"no files for {schema}"
    result = run_offline([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_mailto_contact_link(tmp_path: Path) -> None:
    """Why config.yml links to the contact page: GitHub takes only http(s) links there."""
    config = tmp_path / "config.yml"
    config.write_text(
        "blank_issues_enabled: false\ncontact_links:\n"
        "  - name: Mail\n    url: mailto:privacy@vng.nl\n    about: Mail ons.\n",
        encoding="utf-8",
    )
    result = run_offline(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-config", str(config)]
    )
    assert result.returncode == 1
    assert "contact_links[0].url" in result.stdout


# --- workflow policy ----------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_least_privilege_and_pinned(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load_yaml(path)
    assert "pull_request_target" not in triggers(workflow)
    assert workflow.get("permissions") == {}, "top level grants nothing; jobs ask for what they need"
    for job_id, job in workflow["jobs"].items():
        grants = job.get("permissions")
        assert isinstance(grants, dict), f"{job_id}: permissions must be explicit"
        writes = {scope for scope, level in grants.items() if level == "write"}
        assert writes <= ({"contents"} if job_id == "publish" else set()), f"{job_id} writes {writes}"
    for _, job, found in steps(workflow):
        assert "${{" not in found.get("run", ""), f"expression inside a script: {found.get('name')}"
        if str(found.get("uses", "")).startswith("actions/checkout@"):
            options = found.get("with", {})
            assert options.get("fetch-depth") == 0, "the changelog needs the full history"
            pushes = job["permissions"].get("contents") == "write"
            assert options.get("persist-credentials") is pushes, found.get("name")
    uses_lines = [line for line in text.splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert uses_lines
    for line in uses_lines:
        assert SHA_PIN.match(line), (
            f"not pinned to a full commit SHA with a '# vX.Y.Z' comment: {line.strip()}"
        )


def test_the_same_action_is_pinned_to_the_same_commit_everywhere() -> None:
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := SHA_PIN.match(line):
                pins.setdefault(match[1], set()).add((match[2], match[3]))
    assert {"actions/checkout", "actions/setup-python", "actions/upload-artifact"} <= pins.keys()
    assert {action: len(found) for action, found in pins.items()} == dict.fromkeys(pins, 1)


def test_publish_never_races_and_only_runs_from_main() -> None:
    workflow = load_yaml(GITHUB / "workflows" / "publish.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "publish", "cancel-in-progress": False}
    scripts = [found.get("run", "") for _, _, found in steps(workflow)]
    build = next(i for i, s in enumerate(scripts) if "vwo publish" in s)
    check = next(i for i, s in enumerate(scripts) if "vwo check-links" in s)
    push = next(i for i, s in enumerate(scripts) if "git push" in s or "--push" in s)
    assert build < check < push, "the built branch is link-checked before it is pushed"


def test_ci_runs_on_pull_requests_and_pushes() -> None:
    workflow = load_yaml(GITHUB / "workflows" / "ci.yml")
    assert {"pull_request", "push"} <= triggers(workflow).keys()
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    runs = [found.get("run", "") for _, _, found in steps(workflow)]
    assert "make test" in runs
    # Every push to main has its commits' trailers checked (and only pushes: a pull
    # request's are checked by the proposal job).
    on_push = [
        (job, found) for _, job, found in steps(workflow) if "vwo lint-commits" in found.get("run", "")
    ]
    conditions = sorted(job.get("if", "") for job, _ in on_push)
    assert conditions == ["github.event_name == 'pull_request'", "github.event_name == 'push'"]
    push_job = next(job for job, _ in on_push if job.get("if") == "github.event_name == 'push'")
    assert push_job["permissions"] == {"contents": "read"}
    checkout = next(found for found in push_job["steps"] if "actions/checkout" in str(found.get("uses")))
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    uploads = [found for _, _, found in steps(workflow) if "upload-artifact" in str(found.get("uses"))]
    assert [u["with"]["path"] for u in uploads] == ["site/"]


def test_commands_and_targets_the_workflows_call_exist() -> None:
    scripts = "\n".join(found.get("run", "") for path in WORKFLOWS for _, _, found in steps(load_yaml(path)))
    targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))
    assert set(re.findall(r"\bmake (\w+)", scripts)) <= targets
    called = set(re.findall(r"\bvwo ([a-z][\w-]*)", scripts))
    assert {"check", "compare", "lint-commits", "publish", "check-links"} <= called
    unknown = called - registered_commands()
    assert not unknown, f"workflows call unknown commands: {unknown}"


def test_dependabot_updates_python_npm_and_actions_weekly_in_groups() -> None:
    updates = load_yaml(GITHUB / "dependabot.yml")["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"pip", "npm", "github-actions"}
    for update in updates:
        if update["package-ecosystem"] == "npm":
            # Each pinned npm tool: the HTML checker of make test, Lighthouse of the benchmark.
            folders = update["directories"]
            assert folders == ["/tools/vnu", "/benchmarks/lighthouse"]
            assert all((ROOT / f.strip("/") / "package-lock.json").is_file() for f in folders)
        else:
            # "/" covers pyproject.toml and the lock in requirements/ (Dependabot reads subfolders).
            assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"
        assert [group["patterns"] for group in update["groups"].values()] == [["*"]]


# --- issue forms and the site's reaction links -------------------------------------


def form_fields(path: Path) -> dict[str, Mapping[str, Any]]:
    form = load_yaml(path)
    return {item["id"]: item for item in form["body"] if "id" in item}


def test_reaction_links_prefill_the_proposal_form() -> None:
    """The site's "Reageer op artikel N" link opens the form with artikel and versie filled:
    GitHub prefills a field whose id equals a query parameter."""
    config = mkdocs_config()
    vwo = config["extra"]["vwo"]
    ctx = PageContext(
        version="1.11",
        repo_url=config["repo_url"],
        contact_email=vwo["contact_email"],
        issue_template=vwo["issue_template"],
    )
    article = Article("subverwerkers", 7, "Subverwerkers", (), "docs/overeenkomst.md", 30, 40)
    issue_url, _ = reaction_links(article, ctx)

    url = urlsplit(issue_url)
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/vwo-gemeenten/vwo/issues/new")
    query = {key: values[0] for key, values in parse_qs(url.query, strict_parsing=True).items()}
    form = TEMPLATES / query.pop("template")
    assert form.is_file(), f"the link names a form that does not exist: {form.name}"
    assert query.pop("title").startswith("Artikel 7 (subverwerkers)")
    fields = form_fields(form)
    assert query == {"artikel": "subverwerkers", "versie": "1.11"}
    for field_id in query:
        assert fields[field_id]["type"] == "input", "GitHub prefills inputs and textareas from the URL"
        assert fields[field_id]["validations"]["required"] is True


def test_proposal_form_asks_what_the_issue_asks() -> None:
    fields = form_fields(TEMPLATES / "wijzigingsvoorstel.yml")
    assert {
        "artikel",
        "versie",
        "huidige-tekst",
        "voorgestelde-tekst",
        "reden",
        "organisatie",
        "soort",
    } <= set(fields)
    kinds = [option.lower() for option in fields["soort"]["attributes"]["options"]]
    assert kinds[:3] == ["redactioneel", "inhoudelijk", "ingrijpend"]


def test_contact_links_point_to_this_site_and_address() -> None:
    config = mkdocs_config()
    issue_config = load_yaml(TEMPLATES / "config.yml")
    assert issue_config["blank_issues_enabled"] is False
    links = issue_config["contact_links"]
    assert all(link["url"].startswith(config["site_url"]) for link in links)
    email = config["extra"]["vwo"]["contact_email"]
    assert any(email in link["name"] and email in link["about"] for link in links)
    pages = set(nav_pages(config["nav"]))
    for link in links:
        path = link["url"].removeprefix(config["site_url"])
        if path:  # /actueel/<page>/ is the page in the current version's build
            alias, _, page = path.strip("/").partition("/")
            assert alias == "actueel" and f"{page}.md" in pages, link["url"]


def nav_pages(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)


# --- CODEOWNERS ---------------------------------------------------------------------


def owners(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """The owners of ``path``: the last matching rule wins (only the pattern forms used)."""
    found: list[str] = []
    for pattern, who in rules:
        if pattern == "*":
            matches = True
        elif pattern.startswith("/") and pattern.endswith("/"):
            matches = path.startswith(pattern[1:])
        elif pattern.startswith("/") and not any(c in pattern for c in "*?["):
            matches = path == pattern[1:]
        else:
            raise AssertionError(f"CODEOWNERS pattern this test does not understand: {pattern}")
        if matches:
            found = who
    return found


def test_codeowners_give_the_text_to_the_beheergroep_and_tooling_to_maintainers() -> None:
    rules = []
    for number, line in enumerate((GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            pattern, *who = line.split()
            assert who and all(re.fullmatch(r"@vwo-gemeenten/[a-z-]+", w) for w in who), f"line {number}"
            rules.append((pattern, who))
    text = ["@vwo-gemeenten/beheergroep"]
    tooling = ["@vwo-gemeenten/maintainers"]
    for path in (f"docs/{AGREEMENT_FILE}", f"docs/{EXPLANATION_FILE}", f"docs/{ANNEX_DIR}/bijlage-2.md"):
        assert owners(path, rules) == text, path
    assert owners("versions/1.11/overeenkomst.md", rules) == text
    for path in ("src/vwo/cli.py", "hooks/agreement.py", ".github/workflows/ci.yml", "Makefile"):
        assert owners(path, rules) == tooling, path
    for path in ("pyproject.toml", "requirements/lock.txt", "docs/index.md", "tests/test_parse.py"):
        assert owners(path, rules) == tooling, path


# --- the pull-request steps of ci.yml, run as GitHub runs them ---------------------

AGREEMENT = """\
# Standaard verwerkersovereenkomst gemeenten

Partijen: de gemeente en de leverancier.

## Artikel 1. Definities {{#definities}}

1.1 In deze overeenkomst wordt verstaan onder betrokkene: de persoon op wie {definities} betrekking hebben.

## Artikel 2. Subverwerkers {{#subverwerkers}}

2.1 De verwerker schakelt geen subverwerker in zonder {subverwerkers} toestemming van de gemeente.

## Artikel 3. Datalekken {{#datalekken}}

3.1 De verwerker meldt een datalek binnen {datalekken} uur aan de gemeente.
"""
EXPLANATION = """\
# Toelichting

## Artikel 2. Subverwerkers {#subverwerkers}

Over subverwerkers.
"""
ANNEX = "# Bijlage 1. Specificatie van de verwerking {#bijlage-specificatie}\n\nIn te vullen.\n"
ORIGINAL = {
    "definities": "persoonsgegevens",
    "subverwerkers": "voorafgaande schriftelijke",
    "datalekken": "achtenveertig",
}


def agreement_files(**words: str) -> dict[str, str]:
    return {
        f"docs/{AGREEMENT_FILE}": AGREEMENT.format(**{**ORIGINAL, **words}),
        f"docs/{EXPLANATION_FILE}": EXPLANATION,
        f"docs/{ANNEX_DIR}/bijlage-1-specificatie.md": ANNEX,
    }


PROPOSAL_TRAILERS = {
    "Voorstel": "VWO-2026-004",
    "Indiener": "Gemeente Súdwest-Fryslân",
    "Soort": "inhoudelijk",
}


def run_step(
    checkout: Path, workflow: str, name: str, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run a step's script with bash in ``checkout``, where `.venv/bin` is this test's venv
    (git ignores it there, as the real .gitignore does)."""
    script, declared = step(workflow, name)
    assert set(declared) <= set(env), f"the test must supply {sorted(set(declared) - set(env))}"
    venv = checkout / ".venv"
    if not venv.exists():
        venv.mkdir()
        (venv / "bin").symlink_to(BIN, target_is_directory=True)
        with (checkout / ".git" / "info" / "exclude").open("a", encoding="utf-8") as exclude:
            exclude.write("/.venv/\n")
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=checkout,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def pull_request(repo: GitRepo) -> dict[str, str]:
    """main with the agreement; branch `voorstel` changes articles 1 and 2; main then moves
    on (article 3) before the pull request is checked, as happens in practice."""
    repo.commit("Tekst", files=agreement_files())
    repo.git("switch", "-q", "-c", "voorstel")
    repo.commit(
        "Definitie verduidelijkt", trailers=PROPOSAL_TRAILERS, files=agreement_files(definities="informatie")
    )
    repo.commit(
        "Toestemming vooraf",
        trailers=PROPOSAL_TRAILERS,
        files=agreement_files(definities="informatie", subverwerkers="uitdrukkelijke"),
    )
    head = repo.head()
    repo.git("switch", "-q", "main")
    repo.commit(
        "Meldtermijn",
        trailers={**PROPOSAL_TRAILERS, "Voorstel": "VWO-2026-001"},
        files=agreement_files(datalekken="vierentwintig"),
    )
    return {"BASE_SHA": repo.head(), "HEAD_SHA": head}


def test_pull_request_summary_shows_the_redline_of_both_articles(
    repo: GitRepo, pull_request: dict[str, str], tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_step(
        repo.path,
        "ci.yml",
        "Redline van de tekst in de samenvatting van deze run",
        {**pull_request, "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n"), "the step appends; it never overwrites the summary"
    assert "Definities" in text and "Subverwerkers" in text
    for word in ("informatie", "persoonsgegevens", "uitdrukkelijke", "voorafgaande", "schriftelijke"):
        assert word in text, word
    # Compared from the fork point: main's later change to article 3 is not in this PR.
    assert "Datalekken" not in text and "vierentwintig" not in text


def test_pull_request_commits_are_linted(repo: GitRepo, pull_request: dict[str, str]) -> None:
    name = "Trailers van de commits controleren"
    assert run_step(repo.path, "ci.yml", name, pull_request).returncode == 0

    repo.git("switch", "-q", "voorstel")
    repo.commit("Zonder trailers", files=agreement_files(definities="data", subverwerkers="uitdrukkelijke"))
    result = run_step(repo.path, "ci.yml", name, {**pull_request, "HEAD_SHA": repo.head()})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Voorstel" in result.stdout + result.stderr


PUSH_STEP = "Trailers van de gepushte commits controleren"


def test_every_push_to_main_has_its_trailers_checked(repo: GitRepo) -> None:
    """The push job, run as GitHub runs it: the commits of the push are linted; a bad
    trailer is reported (exit 1, with the commit and its fix) until data/correcties.yml
    corrects it; a new branch (BEFORE all zeros) has all its commits checked."""
    before = repo.commit("Tekst", files=agreement_files())
    bad = repo.commit(
        "Meldtermijn korter (#9)",
        files=agreement_files(datalekken="vierentwintig"),
        trailers={**PROPOSAL_TRAILERS, "Soort": "inhoudelijke"},
    )
    env = {"BEFORE_SHA": before, "AFTER_SHA": bad}
    result = run_step(repo.path, "ci.yml", PUSH_STEP, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        f"error: commit {bad[:7]} 'Meldtermijn korter (#9)': Soort: 'inhoudelijke' is not one of"
        in result.stderr
    )
    assert "1 problem(s) in 1 commit(s)" in result.stderr
    new_branch = run_step(repo.path, "ci.yml", PUSH_STEP, {**env, "BEFORE_SHA": "0" * 40})
    assert new_branch.returncode == 1 and "in 2 commit(s)" in new_branch.stderr
    correction = repo.commit(
        "Correctie van de soort in #9",
        files={
            "data/correcties.yml": f"- commit: {bad}\n  trailers:\n    Soort: inhoudelijk\n"
            "  door: Beheergroep VWO\n  op: 2026-03-26\n  reden: Tikfout in de squash merge.\n"
        },
    )
    fixed = run_step(repo.path, "ci.yml", PUSH_STEP, {"BEFORE_SHA": bad, "AFTER_SHA": correction})
    assert fixed.returncode == 0, fixed.stderr
    again = run_step(repo.path, "ci.yml", PUSH_STEP, env)  # the corrected commit itself now passes
    assert again.returncode == 0, again.stderr


# --- the documented commit commands -------------------------------------------------


def documented_commits(markdown: str) -> list[list[str]]:
    """Every `git commit` command in the sh code blocks, as argument lists."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", markdown, re.DOTALL):
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip().startswith("git commit"):
                commands.append(shlex.split(command))
    return commands


DOCUMENTED_KEYS = {"Voorstel", "Indiener", "Soort", "Besluit", "Besloten-door", "Besloten-op", "Artikel"}


@pytest.mark.parametrize("doc", ["CONTRIBUTING.md", ".github/PULL_REQUEST_TEMPLATE.md"])
def test_documented_commit_examples_give_valid_trailers(doc: str, repo: GitRepo) -> None:
    """The examples work when pasted into a shell, and give the trailers they promise."""
    commands = documented_commits((ROOT / doc).read_text(encoding="utf-8"))
    assert commands, f"no git commit examples in {doc}"
    repo.commit("Basis", files=agreement_files())
    base = repo.head()
    for number, args in enumerate(commands):
        if not {"--allow-empty", "--amend"} & set(args):
            for rel, text in agreement_files(datalekken=f"{number + 1} werkdagen").items():
                repo.write(rel, text)
        repo.git("add", "-A")
        repo.git(*args[1:])
    log = repo.git("log", "--format=%(trailers:only,unfold)%x1f", f"{base}..HEAD")
    records = [record.strip() for record in log.split("\x1f") if record.strip()]
    assert len(records) == sum("--amend" not in args for args in commands)
    for record in records:
        found = dict(line.split(": ", 1) for line in record.splitlines())
        assert set(found) <= DOCUMENTED_KEYS, record
        assert re.fullmatch(r"VWO-\d{4}-\d{3}", found["Voorstel"]), record
        assert found["Soort"] in {"redactioneel", "inhoudelijk", "ingrijpend"}, record
        if "Besluit" in found:
            assert {"Besloten-door", "Besloten-op"} <= set(found), record
    result = subprocess.run(
        [tool("vwo"), "-C", str(repo.path), "lint-commits", f"{base}..HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_contributing_lists_the_trailer_vocabulary_the_code_checks() -> None:
    rows = re.findall(
        r"^\| `([\w-]+)` \| ([^|]+) \|", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.M
    )
    table = {key: re.findall(r"`([^`]+)`", values) for key, values in rows if key[0].isupper()}
    expected_keys = ("PROPOSAL", "PROPOSER", "KIND", "DECISION", "DECIDED_BY", "DECIDED_ON", "ARTICLE")
    assert set(table) == {getattr(trailers, name) for name in expected_keys}
    assert tuple(table[trailers.KIND]) == trailers.KINDS
    assert tuple(table[trailers.DECISION]) == trailers.DECISIONS
    assert tuple(table[trailers.DECIDED_BY]) == trailers.BODIES


# --- publish.yml, run twice from fresh clones as GitHub runs it ----------------------

PUBLISH_STEPS = (
    "Git-identiteit voor de publicatiecommit",
    "Bestaande gh-pages als basis nemen",
    "Publiceren naar gh-pages",
    "Links van de gebouwde branch controleren",
    "gh-pages pushen",
)


def small_site(target: Path) -> None:
    """This project's config, hooks and theme with a small literal text and no fixed nav
    (the real nav lists the real pages)."""
    copy_project(target)
    for child in (target / "docs").iterdir():
        if child.is_dir() and child.name not in ("assets", "over"):
            shutil.rmtree(child)
        elif child.is_file():
            child.unlink()
    # Keep only the page the generated Downloads page links to.
    for page in (target / "docs" / "over").glob("*.md"):
        if page.name != "downloads-manifest.md":
            page.unlink()
    files = {**agreement_files(), "docs/index.md": "# Standaard verwerkersovereenkomst gemeenten\n"}
    for rel, text in files.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    without_nav = re.sub(r"^nav:\n(?:[ \t]+.*\n|\n)*", "", config, flags=re.MULTILINE)
    assert "\nnav:" not in without_nav
    (target / "mkdocs.yml").write_text(without_nav, encoding="utf-8")


def adopted_small_site(author: GitRepo) -> None:
    """``small_site`` committed, with version 1.0 adopted: a site has a current version
    (``actueel``) from its first adoption on, and mike's links point there."""
    author.commit("Projectopzet")
    adopt = ["adopt", "1.0", "--status", "vastgesteld", "--date", "2018-12-06"]
    result = vwo(author.path, *adopt, "--vastgesteld-door", "College", "--samenvatting", "Eerste versie.")
    assert result.returncode == 0, result.stderr


def run_publish_job(origin: Path, target: Path) -> tuple[str, subprocess.CompletedProcess[str]]:
    """A full-history clone (as actions/checkout with fetch-depth 0), then the job's steps
    until one fails, as GitHub runs them: the name and result of the last step run."""
    subprocess.run(["git", "clone", "-q", str(origin), str(target)], check=True)
    for name in PUBLISH_STEPS:
        result = run_step(target, "publish.yml", name, {})
        if result.returncode != 0:
            break
    return name, result


def publish_from_fresh_clone(origin: Path, target: Path) -> str:
    name, result = run_publish_job(origin, target)
    assert result.returncode == 0, f"step {name!r} failed:\n{result.stdout}\n{result.stderr}"
    return bare(origin, "rev-parse", "refs/heads/gh-pages")


def bare(origin: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(origin), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.mark.e2e
def test_publish_workflow_builds_on_what_is_online(tmp_path: Path) -> None:
    """Each run starts from a fresh clone: the second run finds the site online and has
    nothing to do; after a text change the next run adds to gh-pages (a fast-forward)."""
    author = GitRepo(tmp_path / "author")
    small_site(author.path)
    adopted_small_site(author)
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    author.git("push", "-q", str(origin), "main")

    first = publish_from_fresh_clone(origin, tmp_path / "run1")
    assert "versions.json" in bare(origin, "ls-tree", "--name-only", first).split()
    assert publish_from_fresh_clone(origin, tmp_path / "run2") == first, "nothing changed: no new commit"

    author.commit("Meldtermijn", trailers=PROPOSAL_TRAILERS, files=agreement_files(datalekken="24"))
    author.git("push", "-q", str(origin), "main")
    third = publish_from_fresh_clone(origin, tmp_path / "run3")
    assert third != first
    bare(origin, "merge-base", "--is-ancestor", first, third)  # raises if not a fast-forward


@pytest.mark.e2e
def test_publish_workflow_pushes_nothing_with_a_foreign_link(tmp_path: Path) -> None:
    """The link check stands between the build and the push: a page that links to another
    site stops the job, and gh-pages never reaches origin."""
    author = GitRepo(tmp_path / "author")
    small_site(author.path)
    author.write("docs/index.md", "# Standaard\n\nZie [de AVG](https://example.org/avg).\n")
    adopted_small_site(author)
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    author.git("push", "-q", str(origin), "main")

    name, result = run_publish_job(origin, tmp_path / "run")
    assert name == "Links van de gebouwde branch controleren"
    assert result.returncode == 1, result.stdout + result.stderr
    assert "index.html: link to 'https://example.org/avg'" in result.stderr
    refs = subprocess.run(["git", "--git-dir", str(origin), "show-ref"], capture_output=True, text=True)
    assert "refs/heads/gh-pages" not in refs.stdout
