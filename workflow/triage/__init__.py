"""Triage of one feedback comment: which types it is, which of Amazon's removal grounds it
meets, and why, with the words of the comment that show it."""

from workflow.triage.engine import load_models, triage
from workflow.triage.language import COVERED_LANGUAGES
from workflow.triage.model import (
    GroundFinding,
    MistakeVerdict,
    ProductReviewDecision,
    Span,
    TriageResult,
    TypeFinding,
)

__all__ = [
    "COVERED_LANGUAGES",
    "GroundFinding",
    "MistakeVerdict",
    "ProductReviewDecision",
    "Span",
    "TriageResult",
    "TypeFinding",
    "load_models",
    "triage",
]
