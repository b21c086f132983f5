"""Request and response models of /v1/triage."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from api.schemas.cases import Language, Marketplace
from api.schemas.common import NotBlank, Strict

# Part of the API's schema: the domain shows a triage the same way here and inside a case.
from workflow.triage.representation import TriageOut  # noqa: F401


class TriageIn(Strict):
    comment: Annotated[str, Field(min_length=1, max_length=5000), NotBlank]
    rating: int = Field(ge=1, le=5, description="The feedback's stars; praise under 1-2 stars is a mistake.")
    language: Language | None = Field(None, description="The comment's language; detected when left out.")
    marketplace: Marketplace | None = Field(None, description="Phone numbers are read for its region.")
