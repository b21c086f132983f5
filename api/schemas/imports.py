"""Feedback imports and Amazon connections."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from api.schemas.cases import Marketplace
from api.schemas.common import Input, Strict
from workflow.intake.amazon import REGION_MARKETPLACES
from workflow.intake.use_cases import MAX_STORED_REJECTIONS


class ImportQuery(Strict):
    marketplace: Marketplace = Field(description="The marketplace the report is of: it decides how dates are read.")
    covers_from: date | None = Field(
        None,
        description="First day the report covers. With covers_to, feedback of the period missing from the file "
        "counts as removed.",
    )
    covers_to: date | None = Field(None, description="Last day the report covers.")


class ImportPath(Input):
    import_id: Annotated[str, Field(max_length=40)]


class PageQuery(Strict):
    limit: int = Field(50, ge=1, le=200)
    cursor: Annotated[str, Field(max_length=40)] | None = Field(
        None, description="next_cursor of the previous page, passed unchanged."
    )


class RejectedRowOut(BaseModel):
    line: int
    reason: str


class ImportSummary(BaseModel):
    id: str
    marketplace: str
    origin: Literal["upload", "amazon"]
    status: Literal["running", "completed"]
    covers_from: date | None
    covers_to: date | None
    filename: str | None
    encoding: str | None
    layout_columns: int | None = Field(description="6 (current layout) or 9 (older layout).")
    rows_read: int
    negative_rows: int
    neutral_rows: int
    positive_rows: int
    rejected_rows: int
    cases_opened: int
    cases_known: int
    cases_updated: int
    cases_closed_by_rating: int = Field(description="Open cases whose feedback came back at 3 stars or more.")
    cases_closed_by_disappearance: int = Field(
        description="Open cases of the period whose feedback the report no longer has."
    )
    created_at: datetime
    completed_at: datetime | None


class ImportOut(ImportSummary):
    rejected: list[RejectedRowOut] = Field(
        description=f"The first {MAX_STORED_REJECTIONS} rejected rows, each with its line and why."
    )


class ImportList(BaseModel):
    items: list[ImportSummary]
    next_cursor: str | None


# The Selling Partner API regions, as the Amazon client serves them.
Region = Literal[tuple(REGION_MARKETPLACES)]


class AmazonConnectionIn(Strict):
    region: Region
    marketplaces: Annotated[list[Marketplace], Field(min_length=1, max_length=22)]
    client_id: Annotated[str, Field(min_length=1, max_length=200)] = Field(description="The LWA app's client id.")
    client_secret: Annotated[str, Field(min_length=1, max_length=500)] = Field(
        description="The LWA app's client secret: stored encrypted, never shown again."
    )
    refresh_token: Annotated[str, Field(min_length=1, max_length=2000)] = Field(
        description="The seller's Login-with-Amazon refresh token: stored encrypted, never shown again."
    )


class PullOut(BaseModel):
    """The latest daily report request of one marketplace."""

    marketplace: str
    status: Literal["pending", "imported", "no_rows", "failed", "abandoned"] = Field(
        description="pending: Amazon is preparing the report; imported; no_rows: Amazon reported no 1-3 star "
        "feedback (CANCELLED); failed: Amazon or the credentials refused, or the report was FATAL; abandoned: still "
        "queued after hours. The next day's request tries again."
    )
    requested_at: datetime
    finished_at: datetime | None
    covers_from: date
    covers_to: date
    feedback_import_id: str | None
    error: str | None


class AmazonConnectionOut(BaseModel):
    id: str
    region: Region
    marketplaces: list[str]
    client_id: str
    created_at: datetime
    latest_pulls: list[PullOut] = Field(description="Per marketplace, the latest report request and how it ended.")


class AmazonConnectionList(BaseModel):
    items: list[AmazonConnectionOut]


class AmazonConnectionPath(Input):
    connection_id: Annotated[str, Field(max_length=40)]
