"""Finite verbs (data/lang/verbs.toml): a headline says something, where a kicker, a section's name or a
picture's alt text names something."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"\w+(?:-\w+)*")
# A regular verb's ending is looked for only on words this long: shorter ones are mostly nouns and particles.
_ENDING_MIN_CHARS = 5


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    """Irregular finite forms and regular endings of all our languages: a headline may quote another one's."""
    data = tomllib.loads(resources.files("clipper").joinpath("data/lang/verbs.toml").read_text("utf-8"))
    forms = frozenset(w for language in data.values() for w in language["words"])
    endings = tuple(sorted({e for language in data.values() for e in language["endings"]}))
    return forms, endings


def has_finite_verb(text: str) -> bool:
    """Does the line hold a finite verb form? A capitalised word after the first is a name; the first word is the
    subject, unless it is an irregular form ("Får regionen ...?")."""
    forms, endings = _vocabulary()
    for i, word in enumerate(_WORD.findall(text)):
        lower = word.lower()
        if lower in forms:
            return True
        if i and not word[:1].isupper() and len(lower) >= _ENDING_MIN_CHARS and lower.endswith(endings):
            return True
    return False
