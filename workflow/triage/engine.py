"""The triage of one comment: language, feedback types, removal grounds, mistake, explanation.

The feedback types are decided by a trained linear model (`classifier.py`) that reads the
comment's wording and the rules' findings; the rules give the evidence spans, negation, the
damage and warning readings, obscenity and personal information.

Pure: no I/O, no clock (the model's weights are package data, loaded once). Precision comes
first for the grounds, because a wrong removal request costs the seller more than a missed one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from workflow.policy import FEEDBACK_TYPES_BY_CODE, RemovalGround, in_policy_order, removal_grounds
from workflow.triage.classifier import Reading, TypeModel, type_model
from workflow.triage.explanation import explain
from workflow.triage.features import comment_features
from workflow.triage.language import COVERED_LANGUAGES, detect_language, load_model, normalise_language
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
NO_MISTAKE = MistakeVerdict(False, ())
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


def fold(text: str) -> str:
    return text.translate(_FOLD)


def _compile(patterns: tuple[str, ...], spaced: bool) -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    if not spaced:
        return re.compile(alternatives)
    # Buyers write apostrophes either way and often leave them out of "don't".
    alternatives = fold(alternatives).replace("'", "['’]").replace("n['’]t", "n['’]?t")
    # A match starts and ends at a word edge; one that ends in a space or a sign ("instead of ")
    # has its edge already.
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:(?!\w)|(?<!\w))", re.IGNORECASE)


def _compile_cue(pattern: str, spaced: bool) -> re.Pattern[str]:
    return re.compile(fold(pattern) if spaced else pattern, re.IGNORECASE)


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
# Words the model reads as cues besides the types the rules found.
_CUE_REGEXES = {"service words": _SERVICE_WORDS, "other topics": _OTHER_TOPICS, "contrast": _CONTRAST_REGEXES}


@dataclass(frozen=True)
class RuleReading:
    """What the rules find in a comment of a covered language: the types with their spans (the
    fallback's product review and a clear mistake included), the praise, and the cues the model
    reads as features."""

    spans: dict[str, tuple[Span, ...]]
    praise: tuple[Span, ...]
    cues: tuple[str, ...]


def load_models() -> None:
    """Load the language model and the type model's weights now, so that no triage pays for them."""
    load_model()
    type_model()


def triage(
    comment: str,
    rating: int,
    *,
    language: str | None = None,
    marketplace: str | None = None,
    model: TypeModel | None = None,
) -> TriageResult:
    """What a careful seller would find in one comment, each finding with its evidence. `model`
    is the shipped type model unless given (the training script measures a model before it ships)."""
    model = model or type_model()
    given = language is not None and language.strip() != ""
    code = normalise_language(language) if given else detect_language(comment)
    covered = code in COVERED_LANGUAGES

    text = fold(comment) if code != "ja" else comment
    if covered:
        findings, mistake, reading = _classified(model, comment, text, code, rating)
    else:
        findings, mistake, reading = [], NO_MISTAKE, None
    product_decision = _product_review_decision(model, findings, reading, comment, text, code)
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


def read_rules(comment: str, text: str, language: str, rating: int) -> RuleReading:
    """The rules' reading of a comment in a covered language (`text` is the comment folded)."""
    findings = _type_findings(comment, text, language)
    praise = _praise_spans(comment, text, language)
    mistake = _mistake(comment, text, language, rating, findings, praise)
    judged = [] if findings or mistake.is_mistake else _judged_item(comment, text, language, rating)
    spans = {finding.code: finding.spans for finding in findings + judged}
    if mistake.is_mistake:
        spans[MISTAKE_TYPE] = mistake.spans
    cues = [f"type {finding.code}" for finding in findings]
    cues += ["judged item"] * bool(judged) + ["mistake"] * mistake.is_mistake + ["praise"] * bool(praise)
    for cue, regexes in _CUE_REGEXES.items():
        if regexes[language].search(text):
            cues.append(cue)
    return RuleReading(spans, praise, tuple(cues))


def _classified(
    model: TypeModel, comment: str, text: str, language: str, rating: int
) -> tuple[list[TypeFinding], MistakeVerdict, Reading | None]:
    """The types the model finds, each with the rules' spans for it or, when only the model
    found it, the clause that weighs most towards it. The model learned from negative feedback
    (1-2 stars) only: under a better rating the rules' findings stand alone."""
    rules = read_rules(comment, text, language, rating)
    if rating not in NEGATIVE_RATINGS:
        return [TypeFinding(code, rules.spans[code]) for code in in_policy_order(list(rules.spans))], NO_MISTAKE, None
    reading = model.read(*comment_features(text, language, rules.cues))
    probabilities = reading.types
    codes = model.found(probabilities, set(rules.spans))
    if MISTAKE_TYPE in codes:
        codes.remove(MISTAKE_TYPE)
        # Praise under a negative rating is a mistake only when it outweighs every complaint.
        if probabilities[MISTAKE_TYPE] == max(probabilities.values()):
            if rules.praise:
                finding = TypeFinding(MISTAKE_TYPE, rules.praise)
            else:
                clause = model.strongest_clauses(text, language, [MISTAKE_TYPE])[MISTAKE_TYPE]
                finding = _judged_finding(MISTAKE_TYPE, clause, comment)
            return [finding], MistakeVerdict(True, finding.spans), reading
    codes = in_policy_order(codes)
    judged = model.strongest_clauses(text, language, [code for code in codes if code not in rules.spans])
    findings = [
        TypeFinding(code, rules.spans[code]) if code in rules.spans else _judged_finding(code, judged[code], comment)
        for code in codes
    ]
    return findings, NO_MISTAKE, reading


def _judged_finding(code: str, clause: tuple[int, int], comment: str) -> TypeFinding:
    start, end = clause
    return TypeFinding(code, (Span(start, end, comment[start:end]),), judged_from_wording=True)


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


def _praise_spans(comment: str, text: str, language: str) -> tuple[Span, ...]:
    return tuple(
        Span(m.start(), m.end(), comment[m.start() : m.end()])
        for m in _PRAISE_REGEXES[language].finditer(text)
        if not _negated(text, m.start(), m.end(), language)
    )


def _mistake(
    comment: str, text: str, language: str, rating: int, findings: list[TypeFinding], praise: tuple[Span, ...]
) -> MistakeVerdict:
    """Clear praise, no complaint, no "but": under 1-2 stars the buyer meant a good rating."""
    if rating not in NEGATIVE_RATINGS or findings:
        return MistakeVerdict(False, ())
    if not praise or _CONTRAST_REGEXES[language].search(text):
        return MistakeVerdict(False, ())
    distinct = {span.text.lower() for span in praise}
    letters = sum(not c.isspace() for c in comment) or 1
    share = sum(len(span.text) for span in praise) / letters
    if len(distinct) < 2 and share < PRAISE_SHARE:
        return MistakeVerdict(False, ())
    return MistakeVerdict(True, praise)


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
    model: TypeModel,
    findings: list[TypeFinding],
    reading: Reading | None,
    comment: str,
    text: str,
    language: str | None,
) -> ProductReviewDecision:
    codes = [finding.code for finding in findings]
    product = [f for f in findings if FEEDBACK_TYPES_BY_CODE[f.code].product_related]
    blocking = tuple(f for f in findings if not FEEDBACK_TYPES_BY_CODE[f.code].product_related)
    removable = RemovalGround.PRODUCT_REVIEW_ONLY.value in removal_grounds(codes, [])
    possible: tuple[str, ...] = ()
    doubtful = False
    unexplained: tuple[Span, ...] = ()
    if removable and reading is not None:
        # A wrong removal request costs more than a missed one: a comment found to be about the
        # product is offered only while the model finds every other type unlikely and the comment
        # likely to be about the product alone...
        possible = tuple(
            code
            for code, probability in reading.types.items()
            if not FEEDBACK_TYPES_BY_CODE[code].product_related and probability >= model.product_guard
        )
        doubtful = reading.product_only < model.product_threshold
    if removable:
        # ...and while no word about the seller or the delivery is left that the rules' findings
        # do not explain.
        explained = [span for finding in findings if not finding.judged_from_wording for span in finding.spans]
        unexplained = tuple(
            Span(m.start(), m.end(), comment[m.start() : m.end()])
            for m in _SERVICE_WORDS[language].finditer(text)
            if not any(s.start <= m.start() and m.end() <= s.end for s in explained)
        )
    return ProductReviewDecision(
        removable=removable and not possible and not doubtful and not unexplained,
        product_spans=tuple(span for finding in product for span in finding.spans),
        blocking=blocking if product else (),
        unexplained=unexplained,
        possible=tuple(in_policy_order(list(possible))),
        doubtful=removable and doubtful,
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
