"""The removal-request email: which template, which language, rendered text and HTML.

Templates live in email_templates/<language>/ (subject, message frame and one part per
message purpose); a seller's override of any of them, stored in the database, takes its
place. Everything renders in Jinja's sandbox, because overrides are user input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import css_inline
from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader, StrictUndefined, TemplateError, nodes

from workflow.outreach.compliance import LANGUAGES, Violation, violations
from workflow.outreach.sandbox import BoundedSandbox, TemplateLimitExceeded, bounded_render
from workflow.policy import MessagePurpose, message_purposes

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "email_templates"
TEMPLATE_NAMES: tuple[str, ...] = ("subject", "message", *(p.value for p in MessagePurpose))
# A part (one per message purpose) is a set of macros the message template calls: the part's
# paragraphs, and the closing line of the message's last part.
PART_NAMES = frozenset(p.value for p in MessagePurpose)
PART_MACROS = ("body", "closing")

# The language of each Amazon marketplace; one the product has no templates for falls back
# to English.
MARKETPLACE_LANGUAGES = {
    "US": "en", "CA": "en", "MX": "es", "BR": "pt", "UK": "en", "IE": "en", "DE": "de", "FR": "fr",
    "IT": "it", "ES": "es", "NL": "nl", "BE": "fr", "SE": "sv", "PL": "pl", "TR": "tr", "AE": "en",
    "SA": "ar", "EG": "ar", "IN": "en", "JP": "ja", "AU": "en", "SG": "en",
}  # fmt: skip
SUBJECT_MAX_LENGTH = 200

# One way to write a date per language, month spelled out: day-first and month-first numbers
# are misread across marketplaces, and digit runs read as phone numbers to the message rules.
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"),
}  # fmt: skip
DATE_FORMATS = {
    "en": "{day} {month} {year}",
    "de": "{day}. {month} {year}",
    "fr": "{day} {month} {year}",
    "es": "{day} de {month} de {year}",
    "it": "{day} {month} {year}",
    "ja": "{year}年{month_number}月{day}日",
}
# French writes "d'" before a vowel or a mute h; these h-words are aspirated and keep "de".
ASPIRATED_H = ("hach", "haie", "hall", "halte", "hamac", "hamburg", "hameau", "hamster", "hanche", "handicap",
               "hangar", "hant", "harcel", "haricot", "harpe", "hasard", "hauss", "haut", "havre", "hérisson",
               "héros", "hibou", "hiérarch", "hockey", "hollande", "homard", "honte", "hors", "hotte", "houblon",
               "housse", "hublot", "huit", "hurl", "hutte")  # fmt: skip


def format_date(day: date, language: str) -> str:
    """The date as the emails of `language` write it."""
    number = "1er" if language == "fr" and day.day == 1 else day.day
    month = MONTHS[language][day.month - 1] if language in MONTHS else ""
    return DATE_FORMATS[language].format(day=number, month=month, month_number=day.month, year=day.year)


def french_de(name: str) -> str:
    """French "de" before a name: "d'Acme", "d'Hôtel Ritz", but "de Zed" and "de Hachette"."""
    lowered = name.lower()
    elides = lowered[:1] in "aeiouàâäéèêëîïôöùûü" or (lowered[:1] == "h" and not lowered.startswith(ASPIRATED_H))
    return f"d'{name}" if elides and name else f"de {name}"


class TemplateProblem(Exception):
    """An override that does not compile, does not render, or breaks the messaging rules."""

    def __init__(self, detail: str, violations: list[Violation] | None = None, limit: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.violations = violations or []
        self.limit = limit  # the render limit it ran into (see workflow.outreach.sandbox), if that was it


@dataclass(frozen=True)
class RenderedMessage:
    language: str
    subject: str
    text: str
    html: str
    violations: list[Violation]


def template_key(name: str, language: str) -> str:
    return f"{language}/{name}.txt.j2"


def choose_language(buyer_language: str | None, marketplace: str | None) -> str:
    """The buyer's language if there are templates for it, else the marketplace's, else English."""
    for candidate in (buyer_language, MARKETPLACE_LANGUAGES.get(marketplace or "")):
        primary = (candidate or "").split("-")[0].lower()
        if primary in LANGUAGES:
            return primary
    return "en"


def _environment(overrides: dict[str, str], autoescape: bool) -> BoundedSandbox:
    environment = BoundedSandbox(
        loader=ChoiceLoader([DictLoader(overrides), FileSystemLoader(TEMPLATE_DIR)]),
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["french_de"] = french_de
    return environment


@cache
def _builtin_environment(autoescape: bool) -> BoundedSandbox:
    return _environment({}, autoescape)


def _text_environment(overrides: dict[str, str]) -> BoundedSandbox:
    return _overridden_environment(tuple(sorted(overrides.items()))) if overrides else _builtin_environment(False)


# A seller's environment is kept while its overrides are unchanged (the key is their sources
# themselves), so its templates compile once, not on every removal request.
@lru_cache(maxsize=64)
def _overridden_environment(overrides: tuple[tuple[str, str], ...]) -> BoundedSandbox:
    return _environment(dict(overrides), False)


def _one_line(text: str) -> str:
    """Names and headers are one line: any CR, LF or other whitespace run becomes one space."""
    return re.sub(r"\s+", " ", text).strip()[:SUBJECT_MAX_LENGTH]


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _html_of(text: str, subject: str, language: str) -> str:
    paragraphs = [block.split("\n") for block in text.strip().split("\n\n")]
    html = (
        _builtin_environment(True)
        .get_template("layout.html.j2")
        .render(paragraphs=paragraphs, subject=subject, language=language)
    )
    return css_inline.inline(html)


def render_removal_request(
    *,
    order_id: str,
    feedback_date: date,
    feedback_types: list[str],
    seller_name: str,
    buyer_name: str | None,
    buyer_language: str | None,
    marketplace: str | None,
    action_taken: str | None,
    overrides: dict[str, str] | None = None,
    language: str | None = None,
    environment: BoundedSandbox | None = None,
) -> RenderedMessage:
    """Render the message for a case; `overrides` maps template_key() to a seller's source
    (or `environment` is one already made with them, to render several messages alike).

    Raises TemplateProblem when a template fails to render (an override with an error).
    """
    language = language or choose_language(buyer_language, marketplace)
    context = {
        "order_id": order_id,
        "feedback_date": format_date(feedback_date, language),
        "seller_name": seller_name,
        "buyer_name": _one_line(buyer_name) if buyer_name else None,
        "action_taken": action_taken,
        "purposes": message_purposes(feedback_types),
        "language": language,
    }
    environment = environment or _text_environment(overrides or {})
    try:
        with bounded_render():
            subject = _one_line(environment.get_template(template_key("subject", language)).render(context))
            text = _tidy(environment.get_template(template_key("message", language)).render(context))
    except TemplateLimitExceeded as error:
        raise TemplateProblem(error.detail, limit=error.limit) from error
    except Exception as error:  # an override can fail in any way (sandbox refusal, 1/0, ...)
        raise TemplateProblem(f"the template does not render: {type(error).__name__}: {error}") from error
    return RenderedMessage(
        language=language,
        subject=subject,
        text=text,
        html=_html_of(text, subject, language),
        violations=violations(subject + "\n" + text, language),
    )


SAMPLE_CASES = (
    ["product_review"],
    ["mistake"],
    ["late_delivery"],
    ["product_review", "mistake", "damaged_item"],
)


def render_samples(name: str, language: str, source: str, overrides: dict[str, str]) -> list[RenderedMessage]:
    """Sample messages of every purpose, rendered with the candidate `source` of one template
    in place; the last combines every purpose. Raises TemplateProblem when it does not compile."""
    if name not in TEMPLATE_NAMES:
        raise TemplateProblem(f"unknown template {name!r}: one of {', '.join(TEMPLATE_NAMES)}")
    if language not in LANGUAGES:
        raise TemplateProblem(f"unsupported language {language!r}: one of {', '.join(LANGUAGES)}")
    candidate = {**overrides, template_key(name, language): source}
    # One environment for every sample: each template compiles once.
    environment = _environment(candidate, False)
    try:
        tree = environment.parse(source)
    except TemplateError as error:
        raise TemplateProblem(f"the template does not compile: {error}") from error
    if name in PART_NAMES:
        missing = [macro for macro in PART_MACROS if macro not in {m.name for m in tree.find_all(nodes.Macro)}]
        if missing:
            raise TemplateProblem(
                f"a {name} template is one part of the message and defines the macros "
                f"{' and '.join(f'{m}()' for m in PART_MACROS)}, which the message template calls; "
                f"this one lacks {' and '.join(f'{m}()' for m in missing)}: write "
                "{% macro body() %}...{% endmacro %}{% macro closing() %}...{% endmacro %} "
                f"(GET /v1/templates/{name}/{language} shows the built-in one)"
            )
    return [
        render_removal_request(
            order_id="111-2223334-4445556",
            feedback_date=date(2026, 11, 1),
            feedback_types=feedback_types,
            seller_name="Sample Shop",
            buyer_name="Sam Sample",
            buyer_language=language,
            marketplace=None,
            action_taken="We sent a replacement, which arrives tomorrow.",
            environment=environment,
        )
        for feedback_types in SAMPLE_CASES
    ]


def check_override(name: str, language: str, source: str, overrides: dict[str, str]) -> None:
    """Refuse an override that would not compile, render or pass the messaging rules, by
    rendering sample messages of every purpose with it in place."""
    for rendered in render_samples(name, language, source, overrides):
        if rendered.violations:
            raise TemplateProblem(
                "the template breaks Amazon's messaging rules: " + "; ".join(map(str, rendered.violations)),
                rendered.violations,
            )
