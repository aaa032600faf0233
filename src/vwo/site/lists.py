"""Python-Markdown extension: a bullet list whose items carry their own letter or number
("- a. partijen ...") becomes an ordered list of that kind on every page of the site.

Pipeline: Markdown -> Python-Markdown's tree (after the inline patterns) -> each ``ul``
split into runs by ``vwo.text.lists.runs`` -> runs with own markers become
``<ol type="a" start="…">`` with the marker taken out of the item's text, the others
stay ``<ul>`` -> the rest of Python-Markdown. Listed in ``mkdocs.yml`` as
``vwo.site.lists``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from vwo.text.lists import Marker, own_marker, runs

TYPES = {"lower-alpha": "a", "decimal": "1"}
# After "inline" (20): the item's text is final; before attr_list (8) and toc (5).
PRIORITY = 15


def _lead(item: etree.Element) -> etree.Element:
    """The element whose ``text`` starts the item: the item, or its first paragraph."""
    if not (item.text or "").strip() and len(item) and item[0].tag == "p":
        return item[0]
    return item


def _marker(item: etree.Element) -> Marker | None:
    return own_marker(_lead(item).text or "")


def _ordered(items: list[etree.Element], marker: Marker) -> etree.Element:
    ordered = etree.Element("ol", {"type": TYPES[marker.style]})
    if marker.value != 1:
        ordered.set("start", str(marker.value))
    if marker.delimiter == ")":
        ordered.set("class", "vwo-lijst-haakje")
    for item in items:
        lead = _lead(item)
        own = own_marker(lead.text or "")
        assert own is not None  # runs() put only items with a marker here
        lead.text = (lead.text or "")[own.length :]
        ordered.append(item)
    return ordered


def split_list(bullets: etree.Element) -> list[etree.Element]:
    """``bullets`` as one or more lists, each run of own markers an ordered list."""
    items = [child for child in bullets if child.tag == "li"]
    if len(items) != len(bullets):
        return [bullets]
    parts = runs([_marker(item) for item in items])
    if all(run.marker is None for run in parts):
        return [bullets]
    out: list[etree.Element] = []
    for run in parts:
        chunk = items[run.start : run.end]
        if run.marker is None:
            plain = etree.Element("ul", dict(bullets.attrib))
            plain.extend(chunk)
            out.append(plain)
        else:
            out.append(_ordered(chunk, run.marker))
    out[-1].tail = bullets.tail
    return out


class OwnMarkers(Treeprocessor):  # type: ignore[misc]  # Python-Markdown has no types
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                child = parent[index]
                if child.tag != "ul":
                    continue
                replacement = split_list(child)
                if replacement != [child]:
                    parent.remove(child)
                    for offset, element in enumerate(replacement):
                        parent.insert(index + offset, element)


class OwnMarkerLists(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(OwnMarkers(md), "vwo_own_markers", PRIORITY)


def makeExtension(**kwargs: Any) -> OwnMarkerLists:
    return OwnMarkerLists(**kwargs)
