"""The lifecycle register ``data/gebeurtenissen.yml`` (FORMATS.md §3): every refusal of the
reader and of the rules with its file and line, the derived state, the append-only rule
against the file's history, and what the pages, ``versies.json`` and the feed show."""

from __future__ import annotations

import json
from datetime import date

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.gitrepo import GitRepo
from tests.versions_support import vwo
from vwo.errors import VwoError
from vwo.history.feeds import versions_feed
from vwo.versions.events import read_events
from vwo.versions.model import VersionInfo, version_states
from vwo.versions.pages import banner_html, build_view, status_box_html, versions_json_data, view_fingerprint
from vwo.versions.register import append_only_problems, check_events, event_problems

COLLEGE = "College van Dienstverleningszaken"
ALV = "Algemene Ledenvergadering VNG"
INFOS = [
    VersionInfo("1.0", "consultatie", date(2018, 8, 20), "Ontwerp."),
    VersionInfo("1.11", "vastgesteld", date(2018, 12, 6), "Vastgesteld.", COLLEGE,
                date(2019, 1, 1), date(2020, 1, 1), "1.0"),
    VersionInfo("2.0", "consultatie", date(2019, 10, 3), "Ontwerp 2.", replaces="1.11"),
    VersionInfo("2.1", "vastgesteld", date(2019, 12, 12), "Vastgesteld 2.", "VNG Bestuur",
                None, date(2020, 1, 1), "2.0"),
]  # fmt: skip

# The content helper's register for 1.11 (its step 004), as written there.
CONTENT = """\
# Gebeurtenissen in de levensloop van gepubliceerde versies. Alleen toevoegen.
- versie: "1.11"
  gebeurtenis: vastgesteld
  datum: 2019-06-05
  door: Algemene Ledenvergadering VNG
  kenmerk: ALV 5 juni 2019
  toelichting: >-
    Het College van Dienstverleningszaken adviseerde op 6 december 2018 positief over versie
    1.11. Vanaf 1 januari 2019 gold de standaard op basis van pas-toe-of-leg-uit. De Algemene
    Ledenvergadering van de VNG besloot op 5 juni 2019 dat gemeenten de standaard vanaf
    1 januari 2020 verplicht gebruiken.
- versie: "1.11"
  gebeurtenis: gecorrigeerd
  datum: 2019-09-12
  door: Beheergroep VWO
  kenmerk: VWO-2019-009
  veld: vastgesteld_door
  was: College van Dienstverleningszaken
  wordt: Algemene Ledenvergadering VNG
  toelichting: >-
    version.yml van versie 1.11 noemt het College van Dienstverleningszaken als het orgaan dat
    de versie vaststelde. Het College adviseerde op 6 december 2018; de Algemene
    Ledenvergadering van de VNG maakte de standaard op 5 juni 2019 bindend. De Beheergroep
    besloot op 12 september 2019 het register zo te corrigeren (voorstel VWO-2019-009).
"""


def entry(**fields: str) -> str:
    """One register entry in block style; values are written as given (quote them yourself)."""
    lines = [
        f"- {key}: {value}" if i == 0 else f"  {key}: {value}"
        for i, (key, value) in enumerate(fields.items())
    ]
    return "\n".join(lines) + "\n"


REPLACED_1_0 = entry(
    versie='"1.0"', gebeurtenis="vervangen", datum="2018-12-06", door=COLLEGE, door_versie='"1.11"'
)


def refusal(text: str) -> str:
    with pytest.raises(VwoError) as caught:
        read_events(text)
    return str(caught.value)


# --- the reader ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (entry(versie="1.11", gebeurtenis="ingetrokken", datum="2020-01-01", door="x", toelichting="y"),
         "data/gebeurtenissen.yml:1: versie: expected text, got float"),
        (entry(versie='"01.11"', gebeurtenis="vastgesteld", datum="2020-01-01", door="x"),
         "data/gebeurtenissen.yml:1: versie: '01.11' is not a version number"),
        ("# kop\n" + entry(versie='"1.11"', gebeurtenis="verlengd", datum="2020-01-01", door="x"),
         "data/gebeurtenissen.yml:3: gebeurtenis: unknown event 'verlengd'"),
        (entry(versie='"1.11"', gebeurtenis="vastgesteld", datum="2020-01-01", door="x", veld="status"),
         "data/gebeurtenissen.yml:5: unknown key 'veld' for gebeurtenis 'vastgesteld'"),
        (entry(versie='"1.11"', gebeurtenis="vastgesteld", datum="2019-02-30", door="x"),
         "data/gebeurtenissen.yml:3: '2019-02-30' is not a valid value"),
        (entry(versie='"1.11"', gebeurtenis="vastgesteld", datum="2019-06-05 10:00:00", door="x"),
         "data/gebeurtenissen.yml:3: datum: 2019-06-05 10:00:00 has a time; give only the day"),
        (entry(versie='"1.11"', gebeurtenis="vastgesteld", datum="20190605", door="x"),
         "data/gebeurtenissen.yml:3: datum: '20190605' is not a date"),
        (entry(versie='"1.11"', gebeurtenis="vastgesteld", datum="2019-06-05"),
         "data/gebeurtenissen.yml:1: door: missing"),
        (entry(versie='"1.11"', gebeurtenis="ingetrokken", datum="2020-01-01", door="x"),
         "data/gebeurtenissen.yml:1: toelichting: missing"),
        (entry(versie='"1.11"', gebeurtenis="gecorrigeerd", datum="2020-01-01", door="x", toelichting="y",
               veld="status", was="vastgesteld", wordt="consultatie"),
         "data/gebeurtenissen.yml:6: veld: 'status' cannot be corrected"),
        (entry(versie='"1.11"', gebeurtenis="gecorrigeerd", datum="2020-01-01", door="x", toelichting="y",
               veld="vastgesteld_door", was="x", wordt="x"),
         "data/gebeurtenissen.yml:8: wordt: the same as 'was'"),
        (entry(versie='"1.11"', gebeurtenis="gecorrigeerd", datum="2020-01-01", door="x", toelichting="y",
               veld="verplicht_vanaf", was="2020-01-01", wordt="1 januari 2021"),
         "data/gebeurtenissen.yml:8: wordt: '1 januari 2021' is not a date"),
        (entry(versie='"1.11"', gebeurtenis="vervangen", datum="2020-01-01", door="x"),
         "data/gebeurtenissen.yml:1: door_versie: missing"),
        (entry(versie='"1.11"', gebeurtenis="vastgesteld", datum="2019-06-05", door="{a: b}"),
         "data/gebeurtenissen.yml:4: door: expected text, got dict"),
        ("- &een\n  versie: \"1.11\"\n- *een\n",
         "data/gebeurtenissen.yml:1: not valid YAML: anchors and aliases"),
        (entry(versie='"1.11"', gebeurtenis="vastgesteld", datum="2019-06-05", door="x") + "  door: y\n",
         "data/gebeurtenissen.yml:5: duplicate key 'door' (first at line 4)"),
        ("versie: '1.11'\n", "data/gebeurtenissen.yml:1: expected a list of events"),
        ("- !!python/object:os.system ls\n", "data/gebeurtenissen.yml:1"),
    ],
)  # fmt: skip
def test_the_reader_refuses_with_file_and_line(text: str, expected: str) -> None:
    found = refusal(text)
    assert found.startswith(expected) and "\nhint: " in found, found


def test_the_content_register_reads_as_written() -> None:
    adopted, corrected = read_events(CONTENT)
    assert (adopted.version, adopted.kind, adopted.day, adopted.by, adopted.reference) == (
        "1.11", "vastgesteld", date(2019, 6, 5), ALV, "ALV 5 juni 2019"
    )  # fmt: skip
    assert adopted.explanation is not None and adopted.explanation.startswith(
        "Het College van Dienstverleningszaken"
    )
    assert (corrected.field, corrected.was, corrected.becomes, corrected.line) == (
        "vastgesteld_door",
        COLLEGE,
        ALV,
        12,
    )
    assert event_problems(read_events(CONTENT), INFOS) == []


# --- the rules ------------------------------------------------------------------------


def rules(text: str) -> list[str]:
    return [problem.splitlines()[0] for problem in event_problems(read_events(text), INFOS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (entry(versie='"9.9"', gebeurtenis="vastgesteld", datum="2020-01-01", door=ALV),
         "data/gebeurtenissen.yml:1: versie: unknown version '9.9'"),
        (entry(versie='"1.11"', gebeurtenis="vastgesteld", datum="2018-12-05", door=ALV),
         "data/gebeurtenissen.yml:1: datum: 2018-12-05 is before version 1.11 was published (2018-12-06)"),
        (entry(versie='"2.0"', gebeurtenis="vastgesteld", datum="2019-11-01", door=ALV),
         "data/gebeurtenissen.yml:1: gebeurtenis: vastgesteld: version 2.0 is a consultation version"),
        (entry(versie='"1.11"', gebeurtenis="gecorrigeerd", datum="2019-09-12", door="Beheergroep VWO",
               veld="vastgesteld_door", was='"VNG Bestuur"', wordt=ALV, toelichting="x"),
         "data/gebeurtenissen.yml:1: was: 'VNG Bestuur' is not what vastgesteld_door of version 1.11 says "
         "('College van Dienstverleningszaken')"),
        (entry(versie='"1.11"', gebeurtenis="vervangen", datum="2019-10-03", door="Beheergroep VWO",
               door_versie='"2.0"'),
         "data/gebeurtenissen.yml:1: door_versie: the versions say 1.11 is by 2.1, not by 2.0"),
        (entry(versie='"2.1"', gebeurtenis="vervangen", datum="2020-01-01", door="x", door_versie='"1.11"'),
         "data/gebeurtenissen.yml:1: door_versie: 1.11 is not later than 2.1"),
        (entry(versie='"1.11"', gebeurtenis="vervangen", datum="2020-01-01", door="x", door_versie='"3.0"'),
         "data/gebeurtenissen.yml:1: door_versie: unknown version '3.0'"),
        (entry(versie='"2.1"', gebeurtenis="vervangen", datum="2020-01-01", door="x", door_versie='"2.2"'),
         "data/gebeurtenissen.yml:1: door_versie: unknown version '2.2'"),
        (REPLACED_1_0 + REPLACED_1_0, "data/gebeurtenissen.yml:6: version 1.0 was already replaced (line 1)"),
        (entry(versie='"2.1"', gebeurtenis="ingetrokken", datum="2020-02-01", door="VNG Bestuur",
               toelichting="x")
         + entry(versie='"2.1"', gebeurtenis="vastgesteld", datum="2020-03-01", door=ALV),
         "data/gebeurtenissen.yml:6: version 2.1 was withdrawn (line 1); nothing happens to it after that"),
        (entry(versie='"2.1"', gebeurtenis="vastgesteld", datum="2020-03-01", door=ALV)
         + entry(versie='"2.1"', gebeurtenis="ingetrokken", datum="2020-02-01", door="VNG Bestuur",
                 toelichting="x"),
         "data/gebeurtenissen.yml:5: datum: 2020-02-01 is before the event on line 1 (2020-03-01)"),
        (entry(versie='"1.11"', gebeurtenis="gecorrigeerd", datum="2019-09-12", door="Beheergroep VWO",
               veld="verplicht_vanaf", was="2020-01-01", wordt="2018-12-31", toelichting="x"),
         "data/gebeurtenissen.yml:1: after the corrections, verplicht_vanaf 2018-12-31 of version 1.11 "
         "is before "
         "pas_toe_of_leg_uit_vanaf 2019-01-01"),
    ],
)  # fmt: skip
def test_the_rules_name_the_line(text: str, expected: str) -> None:
    assert rules(text) == [expected]


def test_a_second_correction_corrects_the_first() -> None:
    text = CONTENT + entry(versie='"1.11"', gebeurtenis="gecorrigeerd", datum="2019-11-01",
                           door="Beheergroep VWO", veld="vastgesteld_door", was=f'"{ALV}"',
                           wordt='"VNG Bestuur"', toelichting="x")  # fmt: skip
    assert rules(text) == []
    assert rules(text.replace(f'was: "{ALV}"', f'was: "{COLLEGE}"')) == [
        f"data/gebeurtenissen.yml:25: was: '{COLLEGE}' is not what vastgesteld_door of version 1.11 "
        f"says ('{ALV}')"
    ]


# --- the derived state ---------------------------------------------------------------------


def test_corrections_withdrawal_and_adoptions_in_the_state() -> None:
    text = CONTENT + entry(versie='"2.1"', gebeurtenis="ingetrokken", datum="2020-06-01", door="VNG Bestuur",
                           toelichting="Een fout in artikel 3.")  # fmt: skip
    events = read_events(text)
    states = {s.version: s for s in version_states(INFOS, events)}
    eleven, twenty_one = states["1.11"], states["2.1"]
    assert eleven.info.adopted_by == ALV and eleven.published_info is not None
    assert eleven.published_info.adopted_by == COLLEGE  # the record as published is kept
    assert [e.by for e in eleven.adoptions] == [ALV] and [e.field for e in eleven.corrections] == [
        "vastgesteld_door"
    ]
    assert twenty_one.withdrawn is not None and not twenty_one.current
    assert (
        twenty_one.label == "Ingetrokken versie"
        and twenty_one.title == "2.1 — vastgesteld 12-12-2019 (ingetrokken)"
    )
    assert eleven.current and eleven.superseded_by is not None  # the current one, and replaced on that day
    assert [s.version for s in version_states(INFOS, ()) if s.current] == ["2.1"]


# --- append-only -------------------------------------------------------------------------


def test_append_only_names_each_missing_entry_once_with_the_newest_commit_that_had_it() -> None:
    one, two, three = ({"versie": v} for v in ("1.0", "1.11", "2.0"))
    earlier = [("c" * 40, [one, two, three]), ("b" * 40, [one, two]), ("a" * 40, [one])]
    assert append_only_problems("f.yml", [one, two, three, {"versie": "2.1"}], earlier) == []
    assert append_only_problems("f.yml", [three, one, two], earlier) == []  # order may differ
    found = append_only_problems("f.yml", [one, three], earlier)
    assert [p.splitlines()[0] for p in found] == [
        "f.yml: the entry 1.11 of commit cccccccccccc was removed or changed"
    ]
    assert "hint: the register only grows" in found[0]
    assert len(append_only_problems("f.yml", [], earlier)) == 3


def register_repo(repo: GitRepo) -> GitRepo:
    """1.0 and 1.11 written as on main (no vwo adopt), then the content's register."""
    for info, text in ((INFOS[0], "consultatie"), (INFOS[1], "vastgesteld")):
        yml = (
            f'versie: "{info.version}"\nstatus: {text}\ngepubliceerd_op: {info.published}\nsamenvatting: x\n'
        )
        if info.adopted_by:
            yml += f"vastgesteld_door: {info.adopted_by}\npas_toe_of_leg_uit_vanaf: 2019-01-01\n"
            yml += "verplicht_vanaf: 2020-01-01\n"
        repo.commit(f"Versie {info.version}", files={f"versions/{info.version}/version.yml": yml},
                    trailers={"Versie": info.version, "Status": text})  # fmt: skip
    repo.commit("Gebeurtenissen 1.11", files={"data/gebeurtenissen.yml": CONTENT})
    return repo


def event_findings(repo: GitRepo) -> list[str]:
    return [problem.splitlines()[0] for problem in check_events(repo.path)]


def test_the_history_of_the_register_only_grows(repo: GitRepo) -> None:
    register_repo(repo)
    assert event_findings(repo) == []
    first = repo.head()
    changed = CONTENT.replace("kenmerk: ALV 5 juni 2019", "kenmerk: ALV 6 juni 2019")
    repo.write("data/gebeurtenissen.yml", changed)
    assert event_findings(repo) == [
        "data/gebeurtenissen.yml: the entry 1.11, vastgesteld, 2019-06-05 "
        f"of commit {first[:12]} was removed or changed"
    ]
    repo.commit("Kenmerk verbeterd")  # committing it does not make it right
    assert event_findings(repo)[0].endswith(f"of commit {first[:12]} was removed or changed")
    result = vwo(repo.path, "check")
    assert (
        result.returncode == 1
        and f"hint: the register only grows: put the entry back as it was (see 'git show {first[:12]}:"
        in result.stderr
    )


def test_a_removal_inside_a_merge_is_caught(repo: GitRepo) -> None:
    register_repo(repo)
    with_both = repo.head()
    repo.git("checkout", "-q", "-b", "zij")
    repo.commit("Zijtak", files={"NOTITIE.md": "x\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("Hoofdtak", files={"ANDERS.md": "y\n"})
    repo.git("merge", "-q", "--no-ff", "--no-commit", "zij")
    repo.write("data/gebeurtenissen.yml", CONTENT.split('- versie: "1.11"\n  gebeurtenis: gecorrigeerd')[0])
    repo.commit("Merge branch 'zij'")
    assert event_findings(repo) == [
        "data/gebeurtenissen.yml: the entry 1.11, gecorrigeerd, 2019-09-12 "
        f"of commit {with_both[:12]} was removed or changed"
    ]


def test_an_appended_entry_and_a_new_comment_are_fine(repo: GitRepo) -> None:
    register_repo(repo)
    repo.commit("Vervangen", files={"data/gebeurtenissen.yml": "# toegevoegd\n" + CONTENT + REPLACED_1_0})
    assert event_findings(repo) == []


# --- what readers see --------------------------------------------------------------------


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def test_the_status_box_shows_the_corrected_record_and_every_event() -> None:
    view = build_view(INFOS[:2], "1.11", read_events(CONTENT))
    box = soup(status_box_html(view, "overeenkomst/"))
    facts = {
        dt.get_text(): dt.find_next_sibling("dd").get_text()  # type: ignore[union-attr]
        for dt in box.find_all("dt")
    }
    assert facts["Vastgesteld door"] == f"{ALV} (gecorrigeerd op 12 september 2019; was {COLLEGE})"
    items = [" ".join(li.get_text().split()) for li in box.select("li.vwo-gebeurtenis")]
    assert items[0].startswith(
        "Verplicht gesteld door de Algemene Ledenvergadering VNG op 5 juni 2019. Kenmerk ALV 5 juni 2019."
    )
    assert items[1].startswith(
        f"Gecorrigeerd op 12 september 2019: vastgesteld door {ALV} (was {COLLEGE}). "
        "Besloten door de Beheergroep VWO, "
        "kenmerk VWO-2019-009. version.yml van versie 1.11 noemt"
    )
    assert [t["datetime"] for t in box.select("li time")] == ["2019-06-05", "2019-09-12"]


def test_the_banner_of_a_corrected_current_version_and_of_a_withdrawn_one() -> None:
    current = soup(banner_html(build_view(INFOS[:2], "1.11", read_events(CONTENT)), "overeenkomst/"))
    banner = current.select_one(".vwo-banner--gecorrigeerd")
    assert banner is not None and "Gegevens van deze versie gecorrigeerd" in banner.get_text()
    assert f"Gecorrigeerd op 12 september 2019: vastgesteld door {ALV} (was {COLLEGE})." in banner.get_text()
    assert str(banner_html(build_view(INFOS[:2], "1.11", ()), "overeenkomst/")) == ""  # as published: none
    text = CONTENT + entry(versie='"2.1"', gebeurtenis="ingetrokken", datum="2020-06-01", door="VNG Bestuur",
                           toelichting="Een <b>fout</b> in artikel 3.")  # fmt: skip
    withdrawn = soup(banner_html(build_view(INFOS, "2.1", read_events(text)), "overeenkomst/"))
    box = withdrawn.select_one(".vwo-banner--ingetrokken")
    assert box is not None and "<b>" not in str(box).replace("&lt;b&gt;", "")  # escaped, inert
    words = " ".join(box.get_text().split())
    assert (
        "Deze versie is ingetrokken op 1 juni 2020 door het VNG Bestuur. Een <b>fout</b> in artikel 3."
        in words
    )
    link = box.find("a")
    assert "De geldende tekst is versie 1.11" in words and link is not None
    assert link["href"] == "../../actueel/overeenkomst/"


def test_versies_json_carries_the_events_and_keeps_its_fields() -> None:
    data = versions_json_data(build_view(INFOS, "concept", read_events(CONTENT + REPLACED_1_0)))
    eleven = next(v for v in data["versies"] if v["versie"] == "1.11")
    assert (
        eleven["vastgesteld_door"] == ALV
        and eleven["ingetrokken"] is False
        and eleven["ingetrokken_op"] is None
    )
    assert [e["gebeurtenis"] for e in eleven["gebeurtenissen"]] == ["vastgesteld", "gecorrigeerd"]
    assert eleven["gebeurtenissen"][1] | {"toelichting": None} == {
        "gebeurtenis": "gecorrigeerd", "datum": "2019-09-12", "door": "Beheergroep VWO",
        "kenmerk": "VWO-2019-009",
        "toelichting": None, "veld": "vastgesteld_door", "was": COLLEGE, "wordt": ALV,
        "tekst": f"Gecorrigeerd op 12 september 2019: vastgesteld door {ALV} (was {COLLEGE})",
    }  # fmt: skip
    old = next(v for v in data["versies"] if v["versie"] == "1.0")
    assert old["gebeurtenissen"][0]["door_versie"] == "1.11"
    for key in ("versie", "status", "label", "titel", "actueel", "verouderd", "gepubliceerd_op",
                "pas_toe_of_leg_uit_vanaf", "verplicht_vanaf", "vervangt", "vervangen_door",
                "vervangen_op", "samenvatting", "pad"):  # fmt: skip
        assert key in eleven
    assert json.loads(json.dumps(data)) == data


def test_a_version_build_knows_only_its_own_events() -> None:
    events = read_events(CONTENT + REPLACED_1_0)
    view = build_view(INFOS[:2], "1.11", events)
    assert [e.version for s in view.states for e in s.events] == ["1.11", "1.11"]
    bare = view_fingerprint(build_view(INFOS[:2], "1.11", read_events(CONTENT)))
    assert view_fingerprint(view) == bare  # an event of 1.0 does not rebuild 1.11
    assert view_fingerprint(build_view(INFOS[:2], "1.11", ())) != bare  # its own do


def test_the_versions_feed_has_an_entry_per_event_with_its_date() -> None:
    events = read_events(CONTENT + REPLACED_1_0)
    feed = feedparser.parse(versions_feed(INFOS[:2], "https://vwo.example/vwo/", "", events))
    assert feed.bozo == 0
    titles = [(e.title, e.updated[:10]) for e in feed.entries]
    assert titles == [
        (
            f"Versie 1.11: Gecorrigeerd op 12 september 2019: vastgesteld door {ALV} (was {COLLEGE})",
            "2019-09-12",
        ),
        ("Versie 1.11: Verplicht gesteld door de Algemene Ledenvergadering VNG op 5 juni 2019", "2019-06-05"),
        ("Versie 1.11 (vastgestelde versie), 6 december 2018", "2018-12-06"),
        ("Versie 1.0: Vervangen door versie 1.11 op 6 december 2018", "2018-12-06"),
        ("Versie 1.0 (consultatieversie), 20 augustus 2018", "2018-08-20"),
    ]
    ids = [e.id for e in feed.entries]
    assert "tag:vwo.example,2019-09-12:versie/1.11/gebeurtenis/2" in ids and len(set(ids)) == len(ids)
    assert feed.entries[1].link == "https://vwo.example/vwo/1.11/"
