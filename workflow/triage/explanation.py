"""The verdict in plain English, built only from the findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workflow.policy import FEEDBACK_TYPES_BY_CODE

if TYPE_CHECKING:
    from workflow.triage.model import Span, TriageResult, TypeFinding

_LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "ja": "Japanese",
    "nl": "Dutch",
    "sv": "Swedish",
    "pl": "Polish",
    "pt": "Portuguese",
    "tr": "Turkish",
    "ar": "Arabic",
    "hi": "Hindi",
    "zh": "Chinese",
    "ko": "Korean",
}


def _quoted(spans: tuple[Span, ...], limit: int = 3) -> str:
    texts = list(dict.fromkeys(span.text for span in spans))
    shown = ", ".join(f'"{text}"' for text in texts[:limit])
    return shown + (f" and {len(texts) - limit} more" if len(texts) > limit else "")


def _evidence(finding: TypeFinding) -> str:
    if finding.judged_from_wording:
        return f"judged from the wording as a whole, most of all {_quoted(finding.spans)}"
    return _quoted(finding.spans)


def _label(code: str) -> str:
    return FEEDBACK_TYPES_BY_CODE[code].label


def explain(result: TriageResult) -> str:
    sentences = []
    language = _LANGUAGE_NAMES.get(result.language or "", result.language or "unknown")
    if result.language is None:
        sentences.append("The comment has no words to read, so no feedback type could be found.")
    elif not result.language_covered:
        sentences.append(
            f"The comment is in {language}, a language the triage does not cover: only email addresses, phone "
            "numbers, names, links and obscene English words were looked for."
        )

    if result.mistake.is_mistake:
        sentences.append(
            f"The words are positive ({_quoted(result.mistake.spans)}) under a {result.rating}-star rating: "
            "the buyer probably picked the wrong rating (Mistake)."
        )
    elif result.feedback_types:
        found = "; ".join(f"{_label(f.code)} ({_evidence(f)})" for f in result.feedback_types)
        sentences.append(f"Found: {found}.")
    elif result.language_covered:
        sentences.append("No feedback type was recognised: the seller should pick the types.")

    decision = result.product_review_only
    if decision.removable:
        sentences.append(
            "Every finding is about the product itself, so the entire comment is a product review, "
            "which Amazon removes from seller feedback."
        )
    elif decision.blocking:
        blockers = "; ".join(f"{_label(f.code)} ({_quoted(f.spans)})" for f in decision.blocking)
        sentences.append(
            "It is not removable as a product review, because part of it is about the order or the service: "
            f"{blockers}. "
            "Amazon does not remove a comment that mixes product opinion with a service complaint."
        )
    elif decision.unexplained:
        sentences.append(
            "It is not offered as a product review: besides the product, it speaks of the seller, the "
            f"delivery or the service ({_quoted(decision.unexplained)}) in words the triage cannot judge, "
            "so the seller should read it before asking Amazon."
        )
    elif decision.possible:
        others = ", ".join(_label(code) for code in decision.possible)
        sentences.append(
            "It is not offered as a product review: its wording may also be about the order or the service "
            f"({others}), so the seller should read it before asking Amazon."
        )
    elif decision.doubtful:
        sentences.append(
            "It is not offered as a product review: judged from the wording as a whole, it is not clearly about "
            "the product alone, so the seller should read it before asking Amazon."
        )

    for ground in result.grounds:
        if ground.code == "obscene_language":
            sentences.append(
                f"It contains obscene or profane words ({_quoted(ground.spans)}): Amazon removes such feedback."
            )
        elif ground.code == "personal_information":
            kinds = " and ".join(dict.fromkeys(ground.kinds))
            sentences.append(
                f"It contains personal information ({kinds}: {_quoted(ground.spans)}): Amazon removes such feedback."
            )
    if result.links:
        sentences.append(
            f"It contains a link ({_quoted(result.links)}), which is no removal ground for seller feedback."
        )
    if not result.grounds:
        sentences.append("No removal ground was found: ask the buyer, not Amazon.")
    return " ".join(sentences)
