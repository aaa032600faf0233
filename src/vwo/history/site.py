"""Everything the site shows from the history, for one build.

Pipeline: read (``vwo.history.read.read_history``, cached by HEAD) -> model
(``HistoryModel``) -> the build's changelog and decision log, their exports and the
feeds, plus notes on bad trailer values and a notice when there is no history.

A bad trailer value in a commit on ``main`` can never be fixed in the commit itself, so
it is a note (the build logs it at INFO, with the commit), never a warning that
``--strict`` would turn into a failed build for good: ``vwo lint-commits`` reports it as
an error (on every pull request and every push to ``main``), and ``data/correcties.yml``
corrects the record.

A folder without git (an unpacked archive) builds with empty pages and a notice; a
shallow clone raises ``ShallowCloneError`` (incomplete history must not look complete).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files as package_files
from pathlib import Path

from vwo.errors import VwoError
from vwo.git.run import NoGitError
from vwo.history.changelog import Changelog, build_changelog
from vwo.history.changelog import to_json as changelog_json
from vwo.history.decisions import DecisionLog, build_decisions
from vwo.history.decisions import to_csv as decisions_csv
from vwo.history.decisions import to_json as decisions_json
from vwo.history.feeds import STYLESHEET, decisions_feed, versions_feed
from vwo.history.filters import Selection, selection_counts, selections
from vwo.history.model import HistoryModel
from vwo.history.parts import PartIndex, part_index
from vwo.history.proposals import Proposal, build_proposals
from vwo.history.read import read_history
from vwo.history.trailers import trailer_problems
from vwo.site.abbr import Abbreviations, parse_definitions
from vwo.site.escape import terminal_line
from vwo.site.theme import read_abbreviations
from vwo.text.model import Agreement
from vwo.text.parse import load_agreement
from vwo.versions.events import Event
from vwo.versions.model import CONCEPT, CURRENT_ALIAS, VERSION_RE, VersionInfo

CHANGELOG_PAGE = "wijzigingen.md"
DECISIONS_PAGE = "besluiten.md"
CHANGELOG_JSON = "wijzigingen.json"
DECISIONS_JSON = "besluiten.json"
DECISIONS_CSV = "besluiten.csv"
FEED_VERSIONS = "feeds/versies.xml"
FEED_DECISIONS = "feeds/besluiten.xml"
FEED_STYLESHEET = f"feeds/{STYLESHEET}"
ABOUT_DATA = "over/gegevens.md"


@dataclass
class SiteHistory:
    changelog: Changelog
    decisions: DecisionLog
    files: dict[str, bytes]
    """Generated files besides the two pages: exports and feeds, by path in the site."""
    notice: str = ""
    """Shown on both pages when there is no history (the folder or git is missing)."""
    reason: str = ""
    """Why there is no history, for the build log."""
    notes: list[str] = field(default_factory=list)
    """Bad trailer values in the history, one line each (shown at INFO)."""
    proposals: dict[str, Proposal] = field(default_factory=dict)
    """Every proposal, by id: one page each (``Proposal.src``)."""
    selections: list[Selection] = field(default_factory=list)
    """The filter pages of the decision log (the log itself first)."""
    selection_counts: dict[Selection, int] = field(default_factory=dict)
    """How many decisions each selection shows (``vwo.history.filters.selection_counts``)."""
    parts: PartIndex = field(default_factory=dict)
    """This build's text: how pages name and link each part."""
    published: dict[str, date] = field(default_factory=dict)
    abbreviations: Abbreviations = ()

    def generated_pages(self) -> dict[str, Proposal | Selection]:
        """The Markdown pages besides the main ones, by source path: a page per proposal
        and per filter of the decision log (the log itself is ``DECISIONS_PAGE``)."""
        pages: dict[str, Proposal | Selection] = {p.src: p for p in self.proposals.values()}
        pages.update({s.src: s for s in self.selections if not s.everything})
        return pages


def check_version(version: str, *, where: str = "extra.vwo.version") -> str:
    """``version`` if it is ``concept`` or ``X.Y``; ``where`` names the setting or option."""
    if version != CONCEPT and not (version.isascii() and VERSION_RE.fullmatch(version)):
        raise VwoError(
            where, f"'{terminal_line(version)}' is not a version", "use 'concept' or X.Y, e.g. 1.11"
        )
    return version


def site_root_url(site_url: str) -> str:
    """The URL above the version folders: mike appends the canonical alias to site_url."""
    url = site_url.rstrip("/")
    url = url.removesuffix("/" + CURRENT_ALIAS)
    return url + "/" if url else ""


def _agreement(docs_dir: Path) -> Agreement | None:
    try:
        return load_agreement(docs_dir, display="docs")
    except VwoError:
        return None  # the agreement hook reports it


def _abbreviations(root: Path) -> Abbreviations:
    try:
        return parse_definitions(read_abbreviations(root))
    except VwoError:
        return ()  # the theme hook reports it


def feed_stylesheet() -> bytes:
    """``feeds/atom.xsl``: how a browser shows a feed (``templates/atom.xsl``)."""
    return (package_files("vwo") / "templates" / STYLESHEET).read_bytes()


def build_site_history(
    root: Path,
    docs_dir: Path,
    version: str,
    versions: Sequence[VersionInfo],
    *,
    site_url: str,
    repo_url: str,
    events: Sequence[Event] = (),
    at_root: bool = False,
) -> SiteHistory:
    """``at_root``: the decision log and the feeds are pages of the standard at the site
    root (``vwo publish``), not in the folder of the current version."""
    version = check_version(version)
    notice = reason = ""
    notes: list[str] = []
    try:
        history = read_history(root)
        commits = history.commits
    except NoGitError as error:
        commits = ()
        reason = str(error)
        where = f" Bekijk de geschiedenis op {repo_url}." if repo_url else ""
        notice = (
            "deze site is gebouwd zonder git-geschiedenis (bijvoorbeeld uit een "
            "downloadarchief), dus de wijzigingen en besluiten ontbreken hier." + where
        )
    for record in commits:
        for problem in trailer_problems(record.trailers):
            subject = terminal_line(record.subject[:60])
            notes.append(f"commit {record.short} '{subject}': {terminal_line(problem.what)}")
    model = HistoryModel(commits)
    agreement = _agreement(docs_dir)
    changelog = build_changelog(model, version, agreement)
    decisions = build_decisions(model)
    if notice:
        changelog = Changelog(changelog.version, None, False, (), history_available=False)
        decisions = DecisionLog((), history_available=False)
    root_url = site_root_url(site_url)
    own_url = f"{root_url}{'' if at_root else CURRENT_ALIAS + '/'}" if root_url else ""
    files = {
        CHANGELOG_JSON: changelog_json(changelog).encode("utf-8"),
        DECISIONS_JSON: decisions_json(decisions).encode("utf-8"),
        DECISIONS_CSV: decisions_csv(decisions).encode("utf-8"),
        FEED_VERSIONS: versions_feed(
            versions, root_url, f"{own_url}{FEED_VERSIONS}" if own_url else "", events
        ),
        FEED_DECISIONS: decisions_feed(
            decisions,
            f"{own_url}besluiten/" if own_url else "",
            own_url,
            f"{own_url}{FEED_DECISIONS}" if own_url else "",
        ),
        FEED_STYLESHEET: feed_stylesheet(),
    }
    counts = selection_counts(decisions)
    return SiteHistory(
        changelog,
        decisions,
        files,
        notice,
        reason,
        notes,
        proposals=build_proposals(model) if not notice else {},
        selections=selections(decisions, counts),
        selection_counts=counts,
        parts=part_index(agreement),
        published={i.version: i.published for i in versions},
        abbreviations=_abbreviations(root),
    )
