"""Seller-specific personal information in a comment: email addresses, phone numbers, full names;
and links, which are no removal ground but worth showing."""

from __future__ import annotations

import re

import phonenumbers

from workflow.policy import ORDER_ID_PATTERN
from workflow.triage.model import Span

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)
_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)]", re.IGNORECASE)
_ORDER_ID = re.compile(ORDER_ID_PATTERN.strip("^$"))
_DIGIT = re.compile(r"\d")

# The phone numbering region of each marketplace: where a number without its country code is read.
PHONE_REGIONS = {
    "US": "US",
    "CA": "CA",
    "MX": "MX",
    "BR": "BR",
    "UK": "GB",
    "GB": "GB",
    "DE": "DE",
    "FR": "FR",
    "IT": "IT",
    "ES": "ES",
    "NL": "NL",
    "SE": "SE",
    "PL": "PL",
    "BE": "BE",
    "TR": "TR",
    "AE": "AE",
    "SA": "SA",
    "EG": "EG",
    "IN": "IN",
    "JP": "JP",
    "AU": "AU",
    "SG": "SG",
    "IE": "IE",
}
# Without a marketplace, the regions where the comment's language is most likely written.
LANGUAGE_REGIONS = {
    "en": ("US", "GB"),
    "de": ("DE", "AT"),
    "fr": ("FR", "BE"),
    "es": ("ES", "MX"),
    "it": ("IT",),
    "ja": ("JP",),
    "nl": ("NL", "BE"),
    "sv": ("SE",),
    "pl": ("PL",),
    "pt": ("BR",),
    "tr": ("TR",),
}
# A number the parser only finds possible (not valid for its region) counts when a word near
# it says it is a phone number: "call me on 07700 900123".
_PHONE_CUE = re.compile(
    r"(?:\b(?:call|phone|ring|tel|text|whatsapp|mobile|cell|number|contact|anruf\w*|ruf\w*|telefon\w*|handy|"
    r"nummer|appel\w*|t[ée]l[ée]phone|portable|num[ée]ro|llam\w*|tel[ée]fono|m[óo]vil|n[úu]mero|chiam\w*|"
    r"cellulare|numero)\b|電話|携帯|番号|TEL)",
    re.IGNORECASE,
)

# Words after which a capitalised name follows. One capitalised word after a title is a name
# ("Herr Schmidt"); after a verb like "called", a first and last name are needed.
# "Frau" after a possessive or article is someone's wife, not a title.
_TITLES = (
    r"(?:(?i:Mr|Mrs|Ms|Dr|Sr|Sra|Sig|Dott)\.?|M\.|Miss|Herrn?|(?<!meine )(?<!meiner )(?<!seine )(?<!die )"
    r"(?<!der )Frau|(?i:monsieur|madame|mme|mlle|señor|señora|signor|signora|sig\.ra))"
)
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿß'-]+"
_NAME_AFTER_TITLE = re.compile(rf"\b{_TITLES}\s+((?:{_CAPITALISED}\s+)?{_CAPITALISED})")
_NAME_AFTER_VERB = re.compile(
    rf"\b(?i:called|name is|spoke to|spoke with|talked to|talked with|ask for|asked for|agent|"
    rf"hei(?:ß|ss)t|namens|appel(?:é|ée)|nomm(?:é|ée)|s'appelle|parl(?:é|ée) (?:à|avec)|llamad[oa]|se llama|"
    rf"habl(?:é|e) con|un tal|una tal|chiamat[oa]|si chiama|parlato con)\s+({_CAPITALISED}\s+{_CAPITALISED})"
)
# A Japanese family name (2-4 kanji) with さん or 様, unless the "name" is a role.
_JA_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,4})(?:さん|様|氏)")
# Words that end in 様 without being anyone's name ("pattern", "specification", ...).
_JA_NOT_HONORIFIC = ("模様", "仕様", "同様", "多様", "異様", "王様", "神様", "奥様", "皆様", "様子", "殿様")
_JA_ROLES = (
    "客",
    "配達",
    "店員",
    "業者",
    "担当",
    "運転手",
    "社員",
    "販売",
    "出品",
    "管理",
    "会社",
    "営業",
    "宅配",
    "郵便",
    "急便",
    "運輸",
    "通運",
    "店長",
    "責任者",
    "御社",
    "貴社",
    "皆",
    "大家",
)
_NOT_NAMES = {"Amazon", "Prime", "Kundenservice", "Service", "Customer", "Support"}


def email_spans(comment: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in _EMAIL.finditer(comment)]


def link_spans(comment: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in _LINK.finditer(comment)]


def phone_spans(comment: str, regions: tuple[str, ...]) -> list[Span]:
    if len(_DIGIT.findall(comment)) < 6:
        return []
    order_ids = [m.span() for m in _ORDER_ID.finditer(comment)]
    found: dict[tuple[int, int], Span] = {}
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(comment, region, leniency=phonenumbers.Leniency.POSSIBLE):
            span = (match.start, match.end)
            if span in found or any(start <= match.start < end for start, end in order_ids):
                continue
            valid = phonenumbers.is_valid_number(match.number)
            if valid or _PHONE_CUE.search(comment, max(0, match.start - 40), match.start):
                found[span] = Span(match.start, match.end, match.raw_string)
    return sorted(found.values(), key=lambda s: s.start)


def name_spans(comment: str, language: str | None) -> list[Span]:
    spans = []
    for pattern in (_NAME_AFTER_TITLE, _NAME_AFTER_VERB):
        for match in pattern.finditer(comment):
            words = match.group(1).split()
            if words and not set(words) & _NOT_NAMES:
                spans.append(Span(match.start(), match.end(), match.group()))
    if language == "ja" or _JA_NAME.search(comment):
        for match in _JA_NAME.finditer(comment):
            ending = comment[match.end() - 2 : match.end()]
            if not any(role in match.group(1) for role in _JA_ROLES) and ending not in _JA_NOT_HONORIFIC:
                spans.append(Span(match.start(), match.end(), match.group()))
    return spans


def phone_regions(marketplace: str | None, language: str | None) -> tuple[str, ...]:
    if marketplace and marketplace.upper() in PHONE_REGIONS:
        return (PHONE_REGIONS[marketplace.upper()],)
    return LANGUAGE_REGIONS.get(language or "", ("US",))
