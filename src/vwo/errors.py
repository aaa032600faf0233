"""Errors that say where they came from and how to fix it."""

from __future__ import annotations


class VwoError(Exception):
    """A problem in the input, with its origin (file and line, or commit) and a hint.

    ``str(error)`` reads ``<where>: <what>`` and, on a second line, ``hint: <hint>``.
    """

    def __init__(self, where: str, what: str, hint: str = "") -> None:
        self.where = where
        self.what = what
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{self.where}: {self.what}" if self.where else self.what
        return f"{text}\nhint: {self.hint}" if self.hint else text


class ParseError(VwoError):
    """A malformed agreement, annex or toelichting; ``where`` is ``path:line``."""

    def __init__(self, path: str, line: int, what: str, hint: str = "") -> None:
        self.path = path
        self.line = line
        super().__init__(f"{path}:{line}", what, hint)


class Notice(str):
    """A remark of a check that is not a problem (``vwo check`` prints it as ``let op:``)."""

    __slots__ = ()
