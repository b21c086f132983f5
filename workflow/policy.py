"""The fulfilment network's seller feedback policy, as data.

Every row of the network's responsibility table is one `FeedbackType` below; the rest of
the product (guards, grounds, API, later the emails and the shipper's side) reads it from
here and nowhere else. The `shipper_duty` and `seller_duty` texts are the seed document's
own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

# Amazon order ids: 3-7-7 digits.
ORDER_ID_PATTERN = r"^\d{3}-\d{7}-\d{7}$"


class Evidence(StrEnum):
    """What the shipper documents when the seller asks."""

    SHIPPED_ON_TIME = "shipped_on_time"
    CORRECT_CONTENTS = "correct_contents"
    PROTECTIVE_PACKAGING = "protective_packaging"
    NEW_CONDITION_ITEM = "new_condition_item"
    INVESTIGATION_SUPPORT = "investigation_support"


class MessagePurpose(StrEnum):
    """Which part of the removal-request email a feedback type calls for."""

    PRODUCT = "product"  # seller feedback is about service; product opinions belong in a review
    MISTAKE = "mistake"  # the rating does not match the comment
    SERVICE = "service"  # apologise, say what was done, then mention updating the feedback


class RemovalGround(StrEnum):
    """Amazon's grounds for removing (or striking through) seller feedback."""

    PRODUCT_REVIEW_ONLY = "product_review_only"
    OBSCENE_LANGUAGE = "obscene_language"
    PERSONAL_INFORMATION = "personal_information"
    BUY_SHIPPING_ON_TIME = "buy_shipping_on_time"


# Grounds only the seller can judge from the comment; the product cannot derive them.
ASSERTABLE_GROUNDS = (RemovalGround.OBSCENE_LANGUAGE, RemovalGround.PERSONAL_INFORMATION)

GROUND_DESCRIPTIONS = {
    RemovalGround.PRODUCT_REVIEW_ONLY: (
        "The entire comment is a product review (100% product or product detail-related)."
    ),
    RemovalGround.OBSCENE_LANGUAGE: "The comment contains words commonly understood as obscene or profane.",
    RemovalGround.PERSONAL_INFORMATION: (
        "The comment contains seller-specific personal information (email address, full name, phone number)."
    ),
    RemovalGround.BUY_SHIPPING_ON_TIME: (
        "The comment is entirely about a late or undelivered order that the shipper's evidence shows "
        "shipped on time with an Amazon Buy Shipping label: Amazon strikes the rating through."
    ),
}


@dataclass(frozen=True)
class FeedbackType:
    code: str
    label: str
    shipper_duty: str | None
    seller_duty: str | None
    # Evidence the shipper provides on request; empty when the shipper has no duty.
    evidence: tuple[Evidence, ...]
    # The seed labels the type "No-fault Feedback": the fulfilment network is not at fault.
    no_fault: bool
    # "100% product or product detail-related": alone, such feedback is a product review.
    product_related: bool
    # "If damage was caused by the Fulfillment Center, poor Cahoot Rating and Penalties will apply."
    penalty_on_fulfilment_fault: bool
    # The part of the removal-request email this type calls for.
    message_purpose: MessagePurpose

    @property
    def shipper_owes_documentation(self) -> bool:
        return bool(self.evidence)


_SEE_APPLICABLE = "See the applicable Feedback type(s) as appropriate."
_INVESTIGATION = "If requested, provide documentation to help any investigations."

FEEDBACK_TYPES: tuple[FeedbackType, ...] = (
    FeedbackType(
        code="poor_customer_service",
        label="Poor customer service",
        shipper_duty=None,
        seller_duty=(
            "No-fault Feedback. Seller is responsible for responding to customer inquiries, "
            "addressing complaints, etc. Your Published Policies are your primary decision-making "
            "tools and define your operational processes, however, adjustments should be made to "
            "fit the situation."
        ),
        evidence=(),
        no_fault=True,
        product_related=False,
        penalty_on_fulfilment_fault=False,
        message_purpose=MessagePurpose.SERVICE,
    ),
    FeedbackType(
        code="late_delivery",
        label="Late delivery or Order not received",
        shipper_duty="If requested, provide documentation confirming the package shipped on time.",
        seller_duty=None,
        evidence=(Evidence.SHIPPED_ON_TIME,),
        no_fault=False,
        product_related=False,
        penalty_on_fulfilment_fault=False,
        message_purpose=MessagePurpose.SERVICE,
    ),
    FeedbackType(
        code="missing_contents",
        label="Missing contents",
        shipper_duty=(
            "If requested, provide documentation confirming the package shipped on time with the "
            "correct contents in the package."
        ),
        seller_duty=None,
        evidence=(Evidence.SHIPPED_ON_TIME, Evidence.CORRECT_CONTENTS),
        no_fault=False,
        product_related=False,
        penalty_on_fulfilment_fault=True,
        message_purpose=MessagePurpose.SERVICE,
    ),
    FeedbackType(
        code="wrong_item",
        label="Wrong item, size, quantity",
        shipper_duty=(
            "If requested, provide documentation confirming the package shipped with the correct "
            "contents in the package. If the order was missing the correct contents, poor Cahoot "
            "Rating and Penalties will apply."
        ),
        seller_duty=None,
        evidence=(Evidence.CORRECT_CONTENTS,),
        no_fault=False,
        product_related=False,
        penalty_on_fulfilment_fault=True,
        message_purpose=MessagePurpose.SERVICE,
    ),
    FeedbackType(
        code="poor_packaging",
        label="Poor packaging",
        shipper_duty=(
            "If requested, provide documentation confirming the order was shipped in high quality "
            "and adequately protective packaging materials to ensure the package would be delivered "
            "safely. If damage was caused by the Fulfillment Center, poor Cahoot Rating and "
            "Penalties will apply."
        ),
        seller_duty=None,
        evidence=(Evidence.PROTECTIVE_PACKAGING,),
        no_fault=False,
        product_related=False,
        penalty_on_fulfilment_fault=True,
        message_purpose=MessagePurpose.SERVICE,
    ),
    FeedbackType(
        code="damaged_item",
        label="Item damaged, defective, expired, open, recalled",
        shipper_duty=(
            "If requested, provide documentation confirming a new condition, unblemished item was "
            "shipped in high quality and adequately protective packaging materials to ensure the "
            "package would be delivered safely. If damage was caused by the Fulfillment Center, "
            "poor Cahoot Rating and Penalties will apply."
        ),
        seller_duty=None,
        evidence=(Evidence.NEW_CONDITION_ITEM, Evidence.PROTECTIVE_PACKAGING),
        no_fault=False,
        product_related=False,
        penalty_on_fulfilment_fault=True,
        message_purpose=MessagePurpose.SERVICE,
    ),
    FeedbackType(
        code="inaccurate_description",
        label="Inaccurate item description",
        shipper_duty=(
            "If requested, provide documentation confirming the package shipped with the correct "
            "contents in the package. If the order was missing the correct contents, poor Cahoot "
            "Rating and Penalties will apply."
        ),
        seller_duty="No-fault Feedback. See Product Review Feedback type.",
        evidence=(Evidence.CORRECT_CONTENTS,),
        no_fault=True,
        product_related=True,
        penalty_on_fulfilment_fault=True,
        message_purpose=MessagePurpose.PRODUCT,
    ),
    FeedbackType(
        code="cancelled_order_received",
        label="Cancelled order still received",
        shipper_duty=None,
        seller_duty=(
            "No-fault Feedback. Seller-approved cancellations must be made BEFORE an order is "
            "assigned to a Fulfillment Center and excluded in Cahoot, otherwise it is treated as a "
            "Return."
        ),
        evidence=(),
        no_fault=True,
        product_related=False,
        penalty_on_fulfilment_fault=False,
        message_purpose=MessagePurpose.SERVICE,
    ),
    FeedbackType(
        code="mistake",
        label="Mistake",
        shipper_duty=None,
        seller_duty=(
            "Handle as you normally would, perhaps contacting the customer and asking for them to "
            "update their rating commensurate with their comments."
        ),
        evidence=(),
        no_fault=False,
        product_related=False,
        penalty_on_fulfilment_fault=False,
        message_purpose=MessagePurpose.MISTAKE,
    ),
    FeedbackType(
        code="product_review",
        label="Product review",
        shipper_duty=None,
        seller_duty=(
            "Request that the Customer remove the feedback first, describing Amazon's Feedback "
            "policy. If unsuccessful, and feedback is 100% product or product detail-related, use "
            "your Feedback Manager in Seller Central to request that Amazon remove the feedback."
        ),
        evidence=(),
        no_fault=False,
        product_related=True,
        penalty_on_fulfilment_fault=False,
        message_purpose=MessagePurpose.PRODUCT,
    ),
    FeedbackType(
        code="seeking_response",
        label="To get a response from Seller/Manufacturer",
        shipper_duty=_INVESTIGATION,
        seller_duty=_SEE_APPLICABLE,
        evidence=(Evidence.INVESTIGATION_SUPPORT,),
        no_fault=False,
        product_related=False,
        penalty_on_fulfilment_fault=False,
        message_purpose=MessagePurpose.SERVICE,
    ),
    FeedbackType(
        code="scam_warning",
        label="To warn others against scams, bad experiences",
        shipper_duty=_INVESTIGATION,
        seller_duty=_SEE_APPLICABLE,
        evidence=(Evidence.INVESTIGATION_SUPPORT,),
        no_fault=False,
        product_related=False,
        penalty_on_fulfilment_fault=False,
        message_purpose=MessagePurpose.SERVICE,
    ),
)

FEEDBACK_TYPES_BY_CODE: dict[str, FeedbackType] = {t.code: t for t in FEEDBACK_TYPES}
# The only type whose comment an on-time Buy Shipping label can strike through.
BUY_SHIPPING_TYPE = "late_delivery"
# What the shipper may find, and which types make a fulfilment-center fault a penalty.
FAULTS = ("fulfillment_center", "carrier", "seller", "none")
FEEDBACK_TYPE_CODES: tuple[str, ...] = tuple(FEEDBACK_TYPES_BY_CODE)


def removal_grounds(
    feedback_types: list[str], asserted_grounds: list[str], shipped_on_time_with_buy_shipping: bool = False
) -> list[str]:
    """Amazon's removal grounds a case has, in a stable order.

    A comment counts as a product review only when every type is product-related: a mix of
    product opinion and service complaint is not removed by Amazon. A strike-through for an
    on-time Buy Shipping label needs a comment entirely about late delivery.
    """
    grounds = []
    if feedback_types and all(FEEDBACK_TYPES_BY_CODE[code].product_related for code in feedback_types):
        grounds.append(RemovalGround.PRODUCT_REVIEW_ONLY.value)
    grounds.extend(g.value for g in ASSERTABLE_GROUNDS if g.value in asserted_grounds)
    if shipped_on_time_with_buy_shipping and feedback_types == [BUY_SHIPPING_TYPE]:
        grounds.append(RemovalGround.BUY_SHIPPING_ON_TIME.value)
    return grounds


def stored_codes(csv: str) -> list[str]:
    """The codes a comma-separated column holds; an empty column (an imported case not yet
    classified, a case without grounds) holds none."""
    return [code for code in csv.split(",") if code]


@lru_cache(maxsize=4096)
def stored_removal_grounds(
    feedback_types_csv: str, asserted_grounds_csv: str, shipped_on_time_with_buy_shipping: bool
) -> tuple[str, ...]:
    """removal_grounds() of the columns a case stores them in. Few combinations occur, and a
    page of cases asks for them twice a case (its answer and the guard of its allowed events):
    each combination is worked out once per process."""
    return tuple(
        removal_grounds(
            stored_codes(feedback_types_csv),
            stored_codes(asserted_grounds_csv),
            shipped_on_time_with_buy_shipping,
        )
    )


def message_purposes(feedback_types: list[str]) -> list[str]:
    """The purposes the removal-request email must serve, in a stable order; several make a
    combined message."""
    wanted = {FEEDBACK_TYPES_BY_CODE[code].message_purpose for code in feedback_types}
    return [purpose.value for purpose in MessagePurpose if purpose in wanted]


def in_policy_order(codes: list[str]) -> list[str]:
    """The given type codes, deduplicated, in the order of the policy table."""
    wanted = set(codes)
    return [code for code in FEEDBACK_TYPE_CODES if code in wanted]
