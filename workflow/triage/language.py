"""Offline language detection, restricted to the languages of Amazon's marketplaces.

py3langid's model knows 97 languages; most short feedback in a marketplace language gets
confused with a neighbour outside the marketplaces (Spanish with Galician, Italian with
Latin), so the model only chooses among the marketplaces' languages. Japanese is recognised
by its script, without the model. The model loads on first use (about a second), then
classifies a comment in tens of microseconds; a server loads it before its first request
(`load_model`, called from gunicorn.conf.py).
"""

from __future__ import annotations

import re
from functools import cache

# The languages whose lexicons the triage has.
COVERED_LANGUAGES = ("en", "de", "fr", "es", "it", "ja")

# Languages spoken in Amazon's marketplaces: the detector chooses among these only.
MARKETPLACE_LANGUAGES = COVERED_LANGUAGES + ("nl", "sv", "pl", "pt", "tr", "ar", "hi", "zh", "ko")

_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    identifier.set_languages(list(MARKETPLACE_LANGUAGES))
    return identifier


def load_model() -> None:
    """Load the model now, so that no request pays for it (about 1.6 s)."""
    _identifier()


def detect_language(comment: str) -> str | None:
    """The ISO 639-1 code of the comment's language, or None for a comment without letters."""
    if _KANA.search(comment):
        return "ja"
    if not _LETTER.search(comment):
        return None
    if _HAN.search(comment):
        return "zh"
    language, _score = _identifier().classify(comment)
    return language


def normalise_language(language: str) -> str:
    """ "de-DE", "DE", "de_AT" -> "de"."""
    return re.split(r"[-_]", language.strip())[0].lower()
