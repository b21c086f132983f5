"""The triage of one comment: language, feedback types, removal grounds, mistake, explanation.

Pure: no I/O, no clock. Precision comes first for the grounds, because a wrong removal
request costs the seller more than a missed one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from workflow.policy import FEEDBACK_TYPES_BY_CODE, RemovalGround, in_policy_order, removal_grounds
from workflow.triage.explanation import explain
from workflow.triage.language import COVERED_LANGUAGES, detect_language, normalise_language
from workflow.triage.lexicons import (
    ARRIVAL_CUES,
    CONTRAST,
    ITEM_NOUNS,
    NEGATION_AFTER_JA,
    NEGATION_BEFORE,
    PACKAGING_NOUNS,
    PRAISE_PATTERNS,
    TYPE_PATTERNS,
    USAGE_CUES,
)
from workflow.triage.model import (
    GroundFinding,
    MistakeVerdict,
    ProductReviewDecision,
    Span,
    TriageResult,
    TypeFinding,
)
from workflow.triage.obscenity import obscene_spans
from workflow.triage.personal import email_spans, link_spans, name_spans, phone_regions, phone_spans
from workflow.triage.vocabulary import (
    BROADER_PRAISE,
    BROADER_TYPE_PATTERNS,
    NEGATIVE_WORDS,
    OTHER_TOPIC_WORDS,
    SERVICE_WORDS,
)

MISTAKE_TYPE = "mistake"
PRODUCT_REVIEW_TYPE = "product_review"
SCAM_WARNING_TYPE = "scam_warning"
# Ratings under which praise is a mistake (1-2 stars are negative feedback).
NEGATIVE_RATINGS = (1, 2)
# Praise is clear when it is said twice, or makes up at least this share of the comment;
# one "Super." after a complaint is sarcasm.
PRAISE_SHARE = 0.5
# How many words before a match may negate it.
_NEGATION_REACH = 3
_CLAUSE_END = re.compile(r"[.,;:!?\n]|\b(?:and|but|und|aber|et|mais|y|pero|e|ma)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?。！？\n]")
_PHRASE_END = re.compile(r"[.,;:!?。、！？\n]")
_WORD = re.compile(r"\S+")


def _fold_character(character: str) -> str:
    """The letter without its accent, so that "llego" finds "llegó"; always one character, so
    spans in the folded text are spans in the comment."""
    base = unicodedata.normalize("NFD", character)[0]
    return base if base.isascii() else character


# Latin letters with accents, folded; Japanese keeps its own script untouched.
_FOLD = str.maketrans(
    {chr(c): _fold_character(chr(c)) for c in range(0xC0, 0x250) if _fold_character(chr(c)) != chr(c)}
)


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _compile(patterns: tuple[str, ...], spaced: bool) -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    if not spaced:
        return re.compile(alternatives)
    # Buyers write apostrophes either way and often leave them out of "don't".
    alternatives = _fold(alternatives).replace("'", "['’]").replace("n['’]t", "n['’]?t")
    # A match starts and ends at a word edge; one that ends in a space or a sign ("instead of ")
    # has its edge already.
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:(?!\w)|(?<!\w))", re.IGNORECASE)


def _compile_cue(pattern: str, spaced: bool) -> re.Pattern[str]:
    return re.compile(_fold(pattern) if spaced else pattern, re.IGNORECASE)


def _type_patterns(language: str) -> dict[str, tuple[str, ...]]:
    """The listed phrasings of each type and the broader vocabulary, together."""
    listed, broader = TYPE_PATTERNS[language], BROADER_TYPE_PATTERNS.get(language, {})
    return {code: listed.get(code, ()) + broader.get(code, ()) for code in {**listed, **broader}}


_TYPE_REGEXES = {
    language: {code: _compile(patterns, language != "ja") for code, patterns in _type_patterns(language).items()}
    for language in TYPE_PATTERNS
}
_PRAISE_REGEXES = {
    language: _compile(patterns + BROADER_PRAISE.get(language, ()), language != "ja")
    for language, patterns in PRAISE_PATTERNS.items()
}
_NEGATION_REGEXES = {language: _compile_cue(pattern, True) for language, pattern in NEGATION_BEFORE.items()}
_NEGATION_AFTER_JA = re.compile(NEGATION_AFTER_JA)
_JA_NEGATIVE_ENDINGS = ("な", "ませ", "おら", "ず", "ない", "無")
_CONTRAST_REGEXES = {language: _compile_cue(p, language != "ja") for language, p in CONTRAST.items()}
_USAGE = {language: _compile_cue(p, language != "ja") for language, p in USAGE_CUES.items()}
_ARRIVAL = {language: _compile_cue(p, language != "ja") for language, p in ARRIVAL_CUES.items()}
_PACKAGING_NOUNS = {language: _compile_cue(p, language != "ja") for language, p in PACKAGING_NOUNS.items()}
_ITEM_NOUNS = {language: _compile_cue(p, language != "ja") for language, p in ITEM_NOUNS.items()}
_OTHER_TOPICS = {language: _compile_cue(p, language != "ja") for language, p in OTHER_TOPIC_WORDS.items()}
_NEGATIVE_WORDS = {language: _compile_cue(p, language != "ja") for language, p in NEGATIVE_WORDS.items()}
_SERVICE_WORDS = {language: _compile_cue(p, language != "ja") for language, p in SERVICE_WORDS.items()}


def triage(comment: str, rating: int, *, language: str | None = None, marketplace: str | None = None) -> TriageResult:
    """What a careful seller would find in one comment, each finding with its evidence."""
    given = language is not None and language.strip() != ""
    code = normalise_language(language) if given else detect_language(comment)
    covered = code in COVERED_LANGUAGES

    text = _fold(comment) if code != "ja" else comment
    findings = _type_findings(comment, text, code) if covered else []
    mistake = _mistake(comment, text, code, rating, findings) if covered else MistakeVerdict(False, ())
    if mistake.is_mistake:
        findings = [TypeFinding(MISTAKE_TYPE, mistake.spans)]
    elif covered and not findings:
        findings = _judged_item(comment, text, code, rating)
    product_decision = _product_review_decision(findings, comment, text, code)
    grounds = []
    if product_decision.removable:
        spans = product_decision.product_spans
        grounds.append(GroundFinding(RemovalGround.PRODUCT_REVIEW_ONLY.value, spans, ("product review",) * len(spans)))
    obscene = obscene_spans(comment, code)
    if obscene:
        grounds.append(
            GroundFinding(RemovalGround.OBSCENE_LANGUAGE.value, tuple(obscene), ("obscene word",) * len(obscene))
        )
    personal = _personal_information(comment, code, marketplace)
    if personal:
        grounds.append(
            GroundFinding(
                RemovalGround.PERSONAL_INFORMATION.value, tuple(s for s, _ in personal), tuple(k for _, k in personal)
            )
        )
    result = TriageResult(
        language=code,
        language_covered=covered,
        language_detected=not given,
        rating=rating,
        feedback_types=tuple(findings),
        grounds=tuple(grounds),
        product_review_only=product_decision,
        mistake=mistake,
        links=tuple(link_spans(comment)),
        explanation="",
    )
    return replace(result, explanation=explain(result))


def _type_findings(comment: str, text: str, language: str) -> list[TypeFinding]:
    raw: list[tuple[str, Span]] = []
    for code, regex in _TYPE_REGEXES[language].items():
        for match in regex.finditer(text):
            start, end = match.span()
            if end > start and not _negated(text, start, end, language):
                span = Span(start, end, comment[start:end])
                found = _damage_belongs_to(text, span, language) if code == "damaged_item" else code
                raw.append((found, span))
    kept = [
        (code, span)
        for code, span in raw
        # A phrase inside a longer phrase of another type belongs to the longer one:
        # "cheap" inside "cheap packaging" is about the packaging. The same words read as both
        # a product complaint and another type ("cassé" judged damage on arrival) are the other.
        if not any(
            other != code
            and o.start <= span.start
            and span.end <= o.end
            and ((o.end - o.start) > (span.end - span.start) or code == PRODUCT_REVIEW_TYPE)
            for other, o in raw
        )
    ]
    by_code: dict[str, list[Span]] = {}
    for code, span in kept:
        by_code.setdefault(code, []).append(span)
    if PRODUCT_REVIEW_TYPE in by_code and SCAM_WARNING_TYPE in by_code and not _OTHER_TOPICS[language].search(text):
        # "Junk, don't buy": a warning that names no seller, order, delivery or fraud, beside a
        # complaint about the item, warns against the item.
        by_code[PRODUCT_REVIEW_TYPE] += by_code.pop(SCAM_WARNING_TYPE)
    return [TypeFinding(code, _outermost(by_code[code])) for code in in_policy_order(list(by_code))]


def _outermost(spans: list[Span]) -> tuple[Span, ...]:
    """The spans in order, without those inside another one ("壊れ" inside "すぐ壊れ")."""
    kept: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end)):
        if not kept or span.end > kept[-1].end:
            kept.append(span)
    return tuple(kept)


def _negated(comment: str, start: int, end: int, language: str) -> bool:
    if language == "ja":
        # A pattern that is itself a negation (届かな "did not arrive") is completed, not negated, by what follows.
        return not comment[start:end].endswith(_JA_NEGATIVE_ENDINGS) and bool(_NEGATION_AFTER_JA.match(comment, end))
    before = comment[max(0, start - 60) : start]
    clause_ends = list(_CLAUSE_END.finditer(before))
    if clause_ends:
        before = before[clause_ends[-1].end() :]
    window = " ".join(_WORD.findall(before)[-_NEGATION_REACH:])
    return bool(_NEGATION_REGEXES[language].search(window))


def _damage_belongs_to(text: str, span: Span, language: str) -> str:
    """Which type a damage word is evidence of: the item as it arrived, its quality in use, or
    the packaging it came in."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, span.start)), default=0)
    sentence_end = next((m.start() for m in _SENTENCE_END.finditer(text, span.end)), len(text))
    around = text[sentence_start : span.start] + " " + text[span.end : sentence_end]
    if _USAGE[language].search(around) and not _ARRIVAL[language].search(around):
        return "product_review"
    phrase_start = max((m.end() for m in _PHRASE_END.finditer(text, 0, span.start)), default=0)
    before = text[phrase_start : span.start]
    packaging = list(_PACKAGING_NOUNS[language].finditer(before))
    if packaging and not (
        _ITEM_NOUNS[language].search(before, packaging[-1].end())
        or _ARRIVAL[language].search(before, packaging[-1].end())
    ):
        return "poor_packaging"
    return "damaged_item"


def _mistake(comment: str, text: str, language: str, rating: int, findings: list[TypeFinding]) -> MistakeVerdict:
    """Clear praise, no complaint, no "but": under 1-2 stars the buyer meant a good rating."""
    if rating not in NEGATIVE_RATINGS or findings:
        return MistakeVerdict(False, ())
    praise = [
        Span(m.start(), m.end(), comment[m.start() : m.end()])
        for m in _PRAISE_REGEXES[language].finditer(text)
        if not _negated(text, m.start(), m.end(), language)
    ]
    if not praise or _CONTRAST_REGEXES[language].search(text):
        return MistakeVerdict(False, ())
    distinct = {span.text.lower() for span in praise}
    letters = sum(not c.isspace() for c in comment) or 1
    share = sum(len(span.text) for span in praise) / letters
    if len(distinct) < 2 and share < PRAISE_SHARE:
        return MistakeVerdict(False, ())
    return MistakeVerdict(True, tuple(praise))


def _judged_item(comment: str, text: str, language: str, rating: int) -> list[TypeFinding]:
    """A 1-2 star comment no pattern explains, that judges something badly and says nothing of
    delivery, packaging, service or the order, can only be about the item: a product review,
    with the judging words as evidence. Any word about those other topics keeps it unexplained."""
    if rating not in NEGATIVE_RATINGS or _OTHER_TOPICS[language].search(text):
        return []
    spans = [
        Span(m.start(), m.end(), comment[m.start() : m.end()])
        for m in _NEGATIVE_WORDS[language].finditer(text)
        if m.end() > m.start() and not _negated(text, m.start(), m.end(), language)
    ]
    return [TypeFinding(PRODUCT_REVIEW_TYPE, _outermost(spans))] if spans else []


def _product_review_decision(
    findings: list[TypeFinding], comment: str, text: str, language: str | None
) -> ProductReviewDecision:
    codes = [finding.code for finding in findings]
    product = [f for f in findings if FEEDBACK_TYPES_BY_CODE[f.code].product_related]
    blocking = tuple(f for f in findings if not FEEDBACK_TYPES_BY_CODE[f.code].product_related)
    removable = RemovalGround.PRODUCT_REVIEW_ONLY.value in removal_grounds(codes, [])
    unexplained: tuple[Span, ...] = ()
    if removable:
        # A wrong removal request costs more than a missed one: words about the seller or the
        # delivery that no finding explains may be a complaint the patterns do not know.
        explained = [span for finding in findings for span in finding.spans]
        unexplained = tuple(
            Span(m.start(), m.end(), comment[m.start() : m.end()])
            for m in _SERVICE_WORDS[language].finditer(text)
            if not any(s.start <= m.start() and m.end() <= s.end for s in explained)
        )
    return ProductReviewDecision(
        removable=removable and not unexplained,
        product_spans=tuple(span for finding in product for span in finding.spans),
        blocking=blocking if product else (),
        unexplained=unexplained,
    )


def _personal_information(comment: str, language: str | None, marketplace: str | None) -> list[tuple[Span, str]]:
    found = [(span, "email address") for span in email_spans(comment)]
    emails = [span for span, _ in found]
    found += [
        (span, "phone number")
        for span in phone_spans(comment, phone_regions(marketplace, language))
        if not any(e.start <= span.start < e.end for e in emails)
    ]
    found += [(span, "full name") for span in name_spans(comment, language)]
    return sorted(found, key=lambda item: item[0].start)
