"""Obscene and profane words, per language, including the usual disguises.

The word lists are curated here rather than taken from a packaged list: the packaged
multilingual lists (LDNOOBW, as shipped in glin-profanity; safetext) mix swear words with
ordinary words that are harmless in feedback about an order ("webcam", "lingerie", "hook",
"rubber" in the Japanese list; "pesce", "regina", "duro" in the Italian one; "nackt" in the
German one), and a removal request on a harmless word is worse than a missed one. Each list
keeps only words commonly understood as obscene or profane in that language.

An entry is a word; `*` at its end (or start) lets the word run on ("fuck*" finds "fucking",
"*scheiße" finds "Drecksscheiße"). Disguises caught: symbols standing for letters (`sh!t`,
`a$$`, `f@ck`), masked letters after the first (`f***`, `sh*t`), repeated letters
(`fuuuck`), and letters spaced out or dotted (`f u c k`, `s.h.i.t`).
"""

from __future__ import annotations

import re

from workflow.triage.model import Span

OBSCENE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "fuck*",
        "motherfuck*",
        "fck",
        "fkn",
        "fuk",
        "fuking",
        "wtf",
        "stfu",
        "shit*",
        "bullshit*",
        "horseshit",
        "asshole*",
        "arsehole*",
        "ass",
        "asses",
        "dumbass*",
        "jackass*",
        "bitch*",
        "bastard*",
        "cunt*",
        "dickhead*",
        "cocksucker*",
        "pussy",
        "wanker*",
        "twat*",
        "bollocks",
        "goddamn*",
        "slut*",
        "whore*",
        "douchebag*",
        "piss",
        "pissed",
        "pissing",
    ),
    "de": (
        "scheiß*",
        "scheiss*",
        "*scheiße",
        "*scheisse",
        "beschissen*",
        "verfickt*",
        "fick*",
        "arsch",
        "arschloch*",
        "arschlöcher",
        "arschgeige*",
        "fotze*",
        "hure*",
        "hurensohn*",
        "wichser*",
        "kacke",
        "kack*",
        "pisser*",
        "verpiss*",
        "schlampe*",
        "miststück*",
        "drecksau*",
    ),
    "fr": (
        "merde*",
        "emmerd*",
        "putain*",
        "pute*",
        "connard*",
        "connasse*",
        "con",
        "conne",
        "enculé*",
        "encule*",
        "salope*",
        "salaud*",
        "bordel",
        "foutre",
        "chier",
        "chiant*",
        "couilles",
        "niquer",
        "nique",
        "enfoiré*",
        "bâtard*",
        "batard*",
        "fdp",
        "ptn",
    ),
    "es": (
        "mierda*",
        "puta*",
        "puto*",
        "putada*",
        "joder",
        "jodido*",
        "jodan*",
        "coño",
        "cabrón",
        "cabron*",
        "cabrones",
        "gilipollas",
        "carajo",
        "pendejo*",
        "chingad*",
        "chingar*",
        "verga",
        "culo",
        "cojones",
        "capullo*",
        "hijueputa",
        "hdp",
        "maricón*",
    ),
    "it": (
        "cazzo*",
        "cazzat*",
        "incazz*",
        "merda*",
        "merdos*",
        "stronz*",
        "vaffanculo",
        "fanculo",
        "culo",
        "coglion*",
        "puttan*",
        "troia*",
        "minchia*",
        "fottut*",
        "fottere",
        "fottiti",
        "porca puttana",
        "porco dio",
        "bastard*",
        "cagata*",
        "figa",
    ),
    # Japanese has no spaces: these are matched as substrings, with guards where a harmless
    # word contains them (やくそく "promise" contains くそ).
    "ja": (
        "クソ",
        "ク[○●〇◯＊*×]",
        "糞",
        "(?<!や)くそ(?!く)",
        "ファック",
        "死ね",
        "ちんこ",
        "まんこ",
        "ビッチ",
        "キチガイ",
        "きちがい",
        "ボケが",
    ),
}

# Symbols that stand for a letter, and letters that stand for another.
_DISGUISES = {
    "a": "a@4àâá",
    "e": "e3€éèê",
    "i": "i1!|íìï",
    "o": "o0°óòô",
    "s": "s$5",
    "t": "t7+",
    "u": "uvúùü",
    "c": "c(k",
    "k": "kc",
    "l": "l1|",
    "g": "g9",
    "b": "b8",
}
_SEPARATED_LETTERS = re.compile(r"(?<![\w*@$!])(?:[^\W\d_][ .\-_]){2,}[^\W\d_](?![\w*@$!])")


def _letter_pattern(letter: str, first: bool) -> str:
    if letter == "ß":
        return "(?:ß|ss)" if first else r"(?:ß|ss|\*+)"
    choices = _DISGUISES.get(letter, letter)
    masked = "" if first else r"\*"
    return f"[{re.escape(choices)}{masked}]+"


def _word_pattern(entry: str) -> str:
    leading, trailing = entry.startswith("*"), entry.endswith("*")
    word = entry.strip("*")
    parts = []
    for position, letter in enumerate(word):
        if letter == " ":
            parts.append(r"\s+")
        else:
            parts.append(_letter_pattern(letter, first=position == 0))
    core = "".join(parts)
    return (r"\w*" if leading else "") + core + (r"\w*" if trailing else "")


def _compile(entries: tuple[str, ...], spaced_language: bool) -> re.Pattern[str]:
    if not spaced_language:  # Japanese entries are patterns already
        return re.compile("|".join(entries))
    alternatives = "|".join(_word_pattern(entry) for entry in sorted(entries, key=len, reverse=True))
    # Word edges: a disguise symbol is part of the word, so it may not border the match either.
    return re.compile(rf"(?<![\w*@$!])(?:{alternatives})(?![\w*@$])", re.IGNORECASE)


_PATTERNS = {language: _compile(words, spaced_language=language != "ja") for language, words in OBSCENE_WORDS.items()}


def obscene_spans(comment: str, language: str | None) -> list[Span]:
    """The obscene words of the comment: the comment's language's list, and English's, whose
    swear words travel into every language."""
    languages = [code for code in dict.fromkeys([language, "en"]) if code in _PATTERNS]
    spans: list[Span] = []
    for code in languages:
        pattern = _PATTERNS[code]
        spans.extend(Span(m.start(), m.end(), m.group()) for m in pattern.finditer(comment))
        if code != "ja":
            spans.extend(_spaced_out_words(comment, pattern))
    return _distinct(spans)


def _spaced_out_words(comment: str, pattern: re.Pattern[str]) -> list[Span]:
    """`f u c k`, `s.h.i.t`: letters joined back together, then matched as one word."""
    found = []
    for run in _SEPARATED_LETTERS.finditer(comment):
        joined = re.sub(r"[ .\-_]", "", run.group())
        if pattern.fullmatch(joined):
            found.append(Span(run.start(), run.end(), run.group()))
    return found


def _distinct(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
