"""Typed access to BeautifulSoup results: a search that must find an element, an
attribute that must be one string. A missing one fails the test with what was found."""

from __future__ import annotations

from bs4 import Tag


def tag(found: object) -> Tag:
    """The element a ``find``/``select_one``/``find_next`` must have found."""
    assert isinstance(found, Tag), f"expected an element, found {found!r}"
    return found


def attr(element: Tag, name: str) -> str:
    """A single-valued attribute (``href``, ``id``, ``type``) that must be present."""
    value = element.get(name)
    assert isinstance(value, str), f"{name}={value!r} on {element.name}"
    return value
