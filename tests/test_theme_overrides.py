"""The theme's overrides that copy a Material template stay exact copies apart from
their documented changes, so a Material update that changes the original is noticed
(then: copy the new original and apply the changes again); and the site-wide parts of
``vwo.site.theme`` (colofon settings, abbreviations file, edit links)."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from tests.gitrepo import ROOT
from vwo.errors import ParseError, VwoError
from vwo.site.theme import (
    colofon_from_settings,
    colofon_html,
    edit_link_allowed,
    read_abbreviations,
    with_abbreviations,
)

MATERIAL = Path(material.__file__).parent / "templates"
GENERATED = "{#-\n  This file was automatically generated - do not edit\n-#}\n"

# Per copied template: (original text, replacement) pairs, each found in the original.
CHANGES: dict[str, list[tuple[str, str]]] = {
    "base.html": [
        (' id="__drawer" autocomplete="off">', ' id="__drawer">'),
        (' id="__search" autocomplete="off">', ' id="__search">'),
        (
            "<script src=\"{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}\"></script>",
            "<script src=\"{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}\" defer></script>",
        ),
    ],
    "partials/nav-item.html": [
        (
            'id="{{ path }}_label" tabindex="{{ tabindex }}">',
            'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
        ),
    ],
    "partials/toc.html": [
        (
            '    <label class="md-nav__title" for="__toc">\n'
            '      <span class="md-nav__icon md-icon"></span>\n'
            "      {{ title }}\n"
            "    </label>",
            "    {% set toggle = page in nav.pages and not (page.is_index and page.parent"
            ' and "navigation.indexes" in features) %}\n'
            "    {% if toggle %}\n"
            '    <label class="md-nav__title" for="__toc">\n'
            '      <span class="md-nav__icon md-icon"></span>\n'
            "      {{ title }}\n"
            "    </label>\n"
            "    {% else %}\n"
            '    <div class="md-nav__title">\n'
            '      <span class="md-nav__icon md-icon"></span>\n'
            "      {{ title }}\n"
            "    </div>\n"
            "    {% endif %}",
        ),
    ],
    "partials/header.html": [
        (
            '          <span class="md-ellipsis">\n            {{ config.site_name }}\n          </span>',
            '          <span class="md-ellipsis vwo-sitenaam">\n'
            '            <abbr class="vwo-sitenaam__kort" title="{{ config.site_name }}">'
            "{{ config.extra.vwo.short_name }}</abbr>\n"
            '            <span class="vwo-sitenaam__lang">{{ config.site_name }}</span>\n'
            "          </span>",
        ),
        (
            "    {% if config.repo_url %}\n"
            '      <div class="md-header__source">\n'
            '        {% include "partials/source.html" %}\n'
            "      </div>\n"
            "    {% endif %}\n",
            "",
        ),
        (
            '    {% if "material/search" in config.plugins %}\n'
            '      {% set search = config.plugins["material/search"] | attr("config") %}\n'
            "      {% if search.enabled %}\n"
            '        <label class="md-header__button md-icon" for="__search">\n'
            '          {% set icon = config.theme.icon.search or "material/magnify" %}\n'
            '          {% include ".icons/" ~ icon ~ ".svg" %}\n'
            "        </label>\n"
            '        {% include "partials/search.html" %}\n'
            "      {% endif %}\n"
            "    {% endif %}\n",
            "    {#- vwo: the site's own search (hooks/search.py, docs/assets/vwo-search.js)"
            " where Material's was. -#}\n"
            '    {{ vwo_search | default("") }}\n',
        ),
    ],
}


def _body(text: str) -> str:
    """The template after its leading ``{#- ... -#}`` comment."""
    assert text.startswith("{#-"), text[:40]
    return text[text.index("-#}\n") + 4 :]


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_override_is_materials_template_with_its_documented_changes(name: str) -> None:
    original = (MATERIAL / name).read_text(encoding="utf-8")
    assert original.startswith(GENERATED), name
    expected = original[len(GENERATED) :]
    for old, new in CHANGES[name]:
        assert expected.count(old) >= 1, f"{name}: Material's template changed: {old!r} not found"
        expected = expected.replace(old, new)
    assert _body((ROOT / "overrides" / name).read_text(encoding="utf-8")) == expected


COLOFON = {
    "beheer": "Beheergroep VWO",
    "namens": "Vereniging van Nederlandse Gemeenten (VNG)",
    "licentie": "EUPL-1.2",
    "licentie_url": "https://example.org/eupl",
    "privacy": "Geen cookies.",
}
SETTINGS = {"contact_email": "privacy@vng.nl", "colofon": COLOFON}


def test_colofon_names_maintainer_contact_licence_and_source() -> None:
    colofon = colofon_from_settings(SETTINGS, "https://example.org/<repo>")
    footer = str(colofon_html(colofon, place="voet"))
    assert '<h2 class="vwo-colofon__titel">Colofon</h2>' in footer
    assert "Beheergroep VWO, namens de Vereniging van Nederlandse Gemeenten (VNG)" in footer
    assert '<a href="mailto:privacy@vng.nl">privacy@vng.nl</a>' in footer
    assert '<a href="https://example.org/eupl" hreflang="nl">EUPL-1.2</a>' in footer
    assert 'href="https://example.org/&lt;repo&gt;"' in footer  # escaped
    home = str(colofon_html(colofon, place="home"))
    assert "<h2" not in home and "Beheergroep VWO" in home  # the home page has its own heading


def test_colofon_settings_must_be_complete() -> None:
    with pytest.raises(VwoError, match=r"missing colofon\.licentie_url"):
        colofon_from_settings({**SETTINGS, "colofon": {**COLOFON, "licentie_url": ""}}, "")


def test_abbreviations_file_is_checked_line_by_line(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    file = tmp_path / "data" / "afkortingen.md"
    file.write_text("<!-- uitleg -->\n*[AVG]: Algemene verordening\n\n*[AP]: Autoriteit\n", encoding="utf-8")
    assert read_abbreviations(tmp_path) == "*[AVG]: Algemene verordening\n*[AP]: Autoriteit"
    file.write_text("*[AVG]: Algemene verordening\nAP = Autoriteit\n", encoding="utf-8")
    with pytest.raises(ParseError) as error:
        read_abbreviations(tmp_path)
    assert str(error.value).startswith("data/afkortingen.md:2: not an abbreviation")
    assert read_abbreviations(tmp_path / "elders") == ""


def test_the_repositorys_abbreviations_are_valid_and_the_page_wins() -> None:
    definitions = read_abbreviations(ROOT)
    assert "*[CvD]: College van Dienstverleningszaken van de VNG" in definitions.splitlines()
    page = "# Titel\n\nDe AVG.\n\n*[AVG]: eigen uitleg\n"
    combined = with_abbreviations(page, definitions)
    assert combined.index("*[AVG]: Algemene") < combined.index("*[AVG]: eigen uitleg")  # later wins


def test_edit_links_only_for_the_working_text() -> None:
    assert edit_link_allowed("concept")
    assert not edit_link_allowed("1.11")
