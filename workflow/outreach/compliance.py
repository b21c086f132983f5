"""Amazon's Buyer-Seller Messaging rules, as data, and the check every message passes.

Each rule has patterns that hold in every language and patterns per language (en, de, fr,
es, it, ja). A message that matches any pattern is not sent; an override that produces such a
message is not saved. Matching is case-insensitive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from workflow.policy import ORDER_ID_PATTERN


@dataclass(frozen=True)
class Rule:
    code: str
    description: str
    everywhere: tuple[str, ...] = ()
    by_language: dict[str, tuple[str, ...]] = field(default_factory=dict)


RULES: tuple[Rule, ...] = (
    Rule(
        code="incentive",
        description="offers something in exchange (refund, discount, coupon, gift, free product)",
        by_language={
            "en": (
                r"\brefund",
                r"\bdiscount",
                r"\bcoupon",
                r"\bvoucher",
                r"\bgift\b",
                r"\bgift card",
                r"\bfree (of charge|product|item|gift|replacement|sample)",
                r"\bfor free\b",
                r"\bpromo(tion(al)?)? code",
                r"\bcompensat",
                r"\bcash ?back",
                r"\bin exchange\b",
                r"\bin return for\b",
            ),
            "de": (
                r"erstattung",
                r"\brabatt",
                r"gutschein",
                r"geschenk",
                r"\bgratis\b",
                r"kostenlos",
                r"entschädigung",
                r"im gegenzug",
            ),
            "fr": (
                r"rembours",
                r"réduction",
                r"\bremise\b",
                r"\bcoupon",
                r"bon d'achat",
                r"cadeau",
                r"gratuit",
                r"en échange",
                r"dédommag",
            ),
            "es": (
                r"reembols",
                r"descuento",
                r"cupón",
                r"\bvale\b",
                r"regalo",
                r"\bgratis\b",
                r"a cambio",
                r"compensaci",
            ),
            "it": (
                r"rimbors",
                r"\bsconto",
                r"\bcoupon",
                r"\bbuono\b",
                r"regalo",
                r"\bgratis\b",
                r"gratuit",
                r"in cambio",
                r"risarciment",
            ),
            "ja": (r"返金", r"割引", r"クーポン", r"ギフト", r"無料", r"見返り", r"謝礼", r"ポイント"),
        },
    ),
    Rule(
        code="pressure",
        description="demands or pressures the buyer to remove or change the feedback",
        by_language={
            "en": (
                r"\bplease (remove|delete|change)\b",
                r"\byou (must|have to|need to) (remove|delete|change|update)",
                r"\bremove (it|the feedback|your feedback) (now|immediately|today)",
            ),
            "de": (
                r"\bbitte (entfernen|löschen|ändern)",
                r"\bentfernen sie bitte",
                r"\blöschen sie bitte",
                r"\bmüssen sie\b",
            ),
            "fr": (
                r"\bveuillez (supprimer|retirer|modifier)",
                r"\bmerci de (supprimer|retirer)",
                r"\bvous devez (supprimer|retirer|modifier)",
            ),
            "es": (r"\bpor favor,? (elimine|borre|retire|cambie)", r"\bdebe (eliminar|borrar|retirar)"),
            "it": (
                r"\bper favore,? (rimuov|elimin|cancell)",
                r"\bla preghiamo di (rimuovere|eliminare|cancellare)",
                r"\bdeve (rimuovere|eliminare|cancellare)",
            ),
            "ja": (r"削除してください", r"削除して下さい", r"消してください", r"削除をお願いします"),
        },
    ),
    Rule(
        code="link",
        description="contains a link or web address",
        everywhere=(
            r"https?://",
            r"\bwww\.",
            r"\b[\w-]+\.(com|net|org|info|biz|io|co|de|fr|es|it|jp|uk|shop|store|ly)\b",
        ),
    ),
    Rule(
        code="email_address",
        description="contains an email address",
        everywhere=(r"[\w.+-]+@[\w-]+(\.[\w-]+)+",),
    ),
    Rule(
        code="phone_number",
        description="contains a phone number",
        everywhere=(r"(?<!\d)\+?\d[\d \t()./-]{6,}\d(?!\d)",),
    ),
    Rule(
        code="emoji",
        description="contains emoji",
        everywhere=("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]",),
    ),
    Rule(
        code="opt_out_link",
        description="offers an unsubscribe or opt-out",
        by_language={
            "en": (r"unsubscribe", r"\bopt[ -]?out\b"),
            "de": (r"abmelden", r"abbestellen"),
            "fr": (r"désabonn", r"désinscri"),
            "es": (r"darse de baja", r"cancelar (la|su) suscripción"),
            "it": (r"disiscriv", r"annulla(re)? l'iscrizione"),
            "ja": (r"配信停止", r"購読解除"),
        },
    ),
    Rule(
        code="marketing",
        description="contains marketing (offers, newsletters, other products)",
        by_language={
            "en": (
                r"\bnewsletter",
                r"\bshop now\b",
                r"\d+ ?% off\b",
                r"\bspecial offer",
                r"\bnew arrivals?\b",
                r"\bfollow us\b",
                r"\bcheck out our\b",
                r"\bsale\b",
            ),
            "de": (r"newsletter", r"sonderangebot", r"jetzt kaufen", r"folgen sie uns", r"\bangebot"),
            "fr": (r"newsletter", r"offre spéciale", r"\bpromotion", r"suivez-nous", r"\bsoldes\b"),
            "es": (r"boletín", r"oferta especial", r"\bpromoción", r"síguenos", r"\brebajas\b"),
            "it": (r"newsletter", r"offerta speciale", r"\bpromozion", r"seguici", r"\bsaldi\b"),
            "ja": (r"セール", r"キャンペーン", r"メルマガ", r"新商品"),
        },
    ),
)

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "ja")
_ORDER_ID = re.compile(ORDER_ID_PATTERN.strip("^$"))


@dataclass(frozen=True)
class Violation:
    rule: str
    description: str
    found: str

    def __str__(self) -> str:
        return f"{self.description}: {self.found!r}"


@cache
def _patterns(language: str) -> tuple[tuple[Rule, re.Pattern], ...]:
    return tuple(
        (rule, re.compile(pattern, re.IGNORECASE))
        for rule in RULES
        for pattern in (*rule.everywhere, *rule.by_language.get(language, ()))
    )


def violations(text: str, language: str) -> list[Violation]:
    """Every rule the text breaks (first match per rule). Order ids are allowed: Amazon asks
    for them, and they would otherwise read as phone numbers."""
    text = _ORDER_ID.sub(" ", text)
    found: dict[str, Violation] = {}
    for rule, pattern in _patterns(language):
        if rule.code not in found and (match := pattern.search(text)):
            found[rule.code] = Violation(rule.code, rule.description, match.group(0))
    return list(found.values())
