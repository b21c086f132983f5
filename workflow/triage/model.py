"""What a triage finds: every finding carries the character spans of the comment that triggered it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A stretch of the comment, `comment[start:end] == text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TypeFinding:
    """A feedback type of the policy table, with the words that point at it: the rules' matches,
    or, when only the model found the type (`judged_from_wording`), the clause that weighed most."""

    code: str
    spans: tuple[Span, ...]
    judged_from_wording: bool = False


@dataclass(frozen=True)
class GroundFinding:
    """One of Amazon's removal grounds, with what in the comment supports it."""

    code: str
    spans: tuple[Span, ...]
    # What kind of evidence it is, in plain words ("email address", "obscene word", ...).
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class ProductReviewDecision:
    """Whether the entire comment is a product review. When it is not, `blocking` names the
    findings about delivery, packaging, service or the order that keep it from being one, and
    `unexplained` the words about the seller, delivery or service that no finding explains
    but that keep a comment otherwise about the product from counting as a product review;
    `possible` the other types the model finds too likely to rule out, and `doubtful` that the
    model finds the comment not clearly about the product alone."""

    removable: bool
    product_spans: tuple[Span, ...]
    blocking: tuple[TypeFinding, ...]
    unexplained: tuple[Span, ...] = ()
    possible: tuple[str, ...] = ()
    doubtful: bool = False


@dataclass(frozen=True)
class MistakeVerdict:
    """Clearly positive words under a 1-2 star rating: the buyer probably picked the wrong stars."""

    is_mistake: bool
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class TriageResult:
    language: str | None
    language_covered: bool
    # False when the caller gave the language.
    language_detected: bool
    rating: int
    feedback_types: tuple[TypeFinding, ...]
    grounds: tuple[GroundFinding, ...]
    product_review_only: ProductReviewDecision
    mistake: MistakeVerdict
    links: tuple[Span, ...]
    explanation: str

    @property
    def type_codes(self) -> list[str]:
        return [finding.code for finding in self.feedback_types]

    @property
    def ground_codes(self) -> list[str]:
        return [finding.code for finding in self.grounds]

    def as_dict(self) -> dict:
        answer = _plain(self)
        answer["type_codes"] = self.type_codes
        answer["ground_codes"] = self.ground_codes
        return answer


def _plain(value):
    """The findings as JSON data: dataclasses as dicts, tuples as lists. Every value in them is
    immutable, so nothing is copied (`dataclasses.asdict` deep-copies each one: 0.07 ms per
    triage against 0.01 ms)."""
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    return value
