"""How a triage is shown: in the answer of POST /v1/triage and inside every case."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SpanOut(BaseModel):
    start: int = Field(description="Offset of the first character in the comment.")
    end: int = Field(description="Offset after the last character: comment[start:end] == text.")
    text: str


class TypeFindingOut(BaseModel):
    code: str
    spans: list[SpanOut]
    judged_from_wording: bool = Field(
        default=False,
        description="True: no rule matched this type; the model judged it from the wording as a whole and "
        "the span is the clause that weighed most.",
    )


class GroundFindingOut(BaseModel):
    code: str
    spans: list[SpanOut]
    kinds: list[str] = Field(description="What each span is: obscene word, email address, phone number, full name.")


class ProductReviewOut(BaseModel):
    removable: bool = Field(description="The entire comment is a product review.")
    blocking: list[TypeFindingOut] = Field(
        description="When product opinion is mixed with other findings: the findings about delivery, "
        "packaging, service or the order that keep the comment from being a product review."
    )


class MistakeOut(BaseModel):
    is_mistake: bool
    spans: list[SpanOut]


class TriageOut(BaseModel):
    language: str | None = Field(description="ISO 639-1 code of the comment's language.")
    language_covered: bool = Field(description="False: only personal information, links and obscenity were read.")
    feedback_types: list[TypeFindingOut]
    grounds: list[GroundFindingOut]
    product_review_only: ProductReviewOut
    mistake: MistakeOut
    links: list[SpanOut]
    explanation: str


def triage_representation(triage: dict) -> TriageOut:
    """From a triage's `as_dict()` (or the same JSON kept with a case)."""
    return TriageOut(
        language=triage["language"],
        language_covered=triage["language_covered"],
        feedback_types=triage["feedback_types"],
        grounds=triage["grounds"],
        product_review_only=triage["product_review_only"],
        mistake=triage["mistake"],
        links=triage["links"],
        explanation=triage["explanation"],
    )
