"""Is the copy in Dutch? A count of the commonest function words (shared rule, mirrored
in ``vwo-toets-regels.js``): a text of at least ``MIN_WORDS`` words in which under one
in ten is a Dutch function word, and at least one in ten is one of another language's,
is in that language."""

from __future__ import annotations

from collections.abc import Sequence

MIN_WORDS = 40
WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "van",
            "en",
            "in",
            "op",
            "te",
            "dat",
            "die",
            "is",
            "voor",
            "met",
            "aan",
            "niet",
            "zijn",
            "of",
            "door",
            "bij",
            "wordt",
            "worden",
            "deze",
            "als",
            "naar",
            "om",
            "ook",
            "hij",
            "zij",
            "tot",
            "over",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "is",
            "that",
            "for",
            "with",
            "on",
            "by",
            "this",
            "be",
            "are",
            "as",
            "or",
            "not",
            "shall",
            "any",
            "which",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "zu",
            "den",
            "von",
            "mit",
            "ist",
            "des",
            "für",
            "auf",
            "nicht",
            "ein",
            "eine",
            "dem",
            "im",
            "oder",
            "wird",
            "werden",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "et",
            "du",
            "un",
            "une",
            "est",
            "pour",
            "par",
            "dans",
            "que",
            "qui",
            "sur",
            "pas",
            "au",
            "aux",
            "sont",
        ]
    ),
}
NAMES = {"en": "English", "de": "German", "fr": "French"}


def other_language(tokens: Sequence[str]) -> str | None:
    """The name of the language the text is in, if it is clearly not Dutch."""
    words = [t for t in tokens if any(c.isalpha() for c in t)]
    if len(words) < MIN_WORDS:
        return None
    counts = {lang: sum(1 for w in words if w in vocabulary) for lang, vocabulary in WORDS.items()}
    if 10 * counts["nl"] >= len(words):
        return None
    best = max(("en", "de", "fr"), key=lambda lang: counts[lang])
    return NAMES[best] if 10 * counts[best] >= len(words) else None
