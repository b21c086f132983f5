"""Which message, in which language, and how buyer-supplied text comes out."""

from __future__ import annotations

import re
from datetime import date

import pytest

from workflow.outreach.messages import (
    TemplateProblem,
    check_override,
    choose_language,
    format_date,
    render_removal_request,
)


def render(**overrides):
    arguments = dict(
        order_id="114-3941689-8772232",
        feedback_date=date(2026, 11, 8),
        feedback_types=["late_delivery"],
        seller_name="Acme Outdoor",
        buyer_name="Jo Buyer",
        buyer_language=None,
        marketplace="US",
        action_taken="We sent a replacement by express delivery.",
    )
    arguments.update(overrides)
    return render_removal_request(**arguments)


@pytest.mark.parametrize(
    "buyer_language,marketplace,expected",
    [("de", "US", "de"), ("fr-CA", "CA", "fr"), ("JA", None, "ja"), ("nl", "DE", "de"), (None, "JP", "ja"),
     (None, "IT", "it"), ("pt-BR", "BR", "en"), (None, None, "en"), ("sv", "SE", "en")],
)  # fmt: skip
def test_language_is_the_buyers_then_the_marketplaces_then_english(buyer_language, marketplace, expected):
    assert choose_language(buyer_language, marketplace) == expected


def test_product_feedback_explains_seller_feedback_and_offers_help():
    text = render(feedback_types=["product_review"], action_taken=None).text
    assert "product review" in text and "reply to this message" in text
    assert "it is possible to remove the seller feedback" in text


def test_mistake_asks_to_update_the_rating():
    text = render(feedback_types=["mistake"], action_taken=None).text
    assert "update it so that it matches your comment" in text


def test_service_message_says_what_was_done_before_mentioning_the_feedback():
    text = render(feedback_types=["damaged_item"]).text
    apology = text.index("We are sorry")
    action = text.index("We sent a replacement by express delivery.")
    removal = text.index("it is possible to update or remove the feedback")
    assert apology < action < removal


def test_combined_message_has_every_part_once():
    text = render(feedback_types=["product_review", "mistake", "late_delivery"]).text
    for part in ("product review on the product's page", "rating you selected is low", "We are sorry"):
        assert text.count(part) == 1
    assert text.count("it is possible to update or remove") == 1


def test_buyer_name_with_line_breaks_and_markup_stays_text():
    rendered = render(buyer_name="Jo\r\nBcc: victim@example.org\r\n<script>alert(1)</script>")
    assert "\r" not in rendered.subject and "\n" not in rendered.subject
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "Dear Jo Bcc: victim@example.org <script>alert(1)</script>," in rendered.text
    assert {v.rule for v in rendered.violations} == {"email_address", "link"}


def test_non_latin_names_survive():
    rendered = render(buyer_name="山田 花子", buyer_language="ja")
    assert "山田 花子 様" in rendered.text and "山田 花子" in rendered.html


def test_html_has_inlined_styles():
    html = render().html
    assert "<style" not in html and 'style="' in html


@pytest.mark.parametrize(
    "source,problem",
    [
        ("{{ order_id ", "does not compile"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "does not render"),
        ("{{ undefined_name }}", "does not render"),
        ("Visit www.acme-outdoor.example for {{ order_id }}", "messaging rules"),
        ("{{ 1 / 0 }}", "does not render"),
    ],
)
def test_bad_overrides_are_refused(source, problem):
    with pytest.raises(TemplateProblem, match=problem):
        check_override("subject", "en", source, {})


@pytest.mark.parametrize(
    "source,missing",
    [
        ("We can help with the product.", "lacks body() and closing()"),
        ("{% macro body() %}We can help with the product.{% endmacro %}", "lacks closing()"),
    ],
)
def test_a_part_without_its_macros_is_refused_saying_which_to_write(source, missing):
    with pytest.raises(TemplateProblem, match=re.escape(missing)) as refusal:
        check_override("product", "en", source, {})
    assert "{% macro body() %}" in refusal.value.detail and refusal.value.limit is None


def test_a_part_with_its_macros_is_used():
    part = (
        "{% macro body() %}Seller feedback is about our service; tell us about the product and we help."
        "{% endmacro %}{% macro closing() %}It is possible to remove the seller feedback.{% endmacro %}"
    )
    check_override("product", "en", part, {})
    rendered = render(feedback_types=["product_review"], overrides={"en/product.txt.j2": part})
    assert "tell us about the product and we help" in rendered.text


def test_a_good_override_is_used():
    check_override("subject", "en", "About order {{ order_id }}", {})
    rendered = render(overrides={"en/subject.txt.j2": "About order {{ order_id }}"})
    assert rendered.subject == "About order 114-3941689-8772232"


# The feedback date as each language writes it, and only that way.
DATES = {
    "en": "8 November 2026",
    "de": "8. November 2026",
    "fr": "8 novembre 2026",
    "es": "8 de noviembre de 2026",
    "it": "8 novembre 2026",
    "ja": "2026年11月8日",
}
NUMERIC_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


@pytest.mark.parametrize("language", DATES)
def test_dates_are_written_one_way_per_language(language):
    rendered = render(buyer_language=language, feedback_types=["product_review", "mistake", "late_delivery"])
    assert DATES[language] in rendered.text and DATES[language] in rendered.html
    assert not NUMERIC_DATE.search(rendered.text.replace("114-3941689-8772232", ""))
    assert format_date(date(2026, 11, 8), language) == DATES[language]


def test_french_first_of_the_month_is_premier():
    assert format_date(date(2026, 12, 1), "fr") == "1er décembre 2026"


@pytest.mark.parametrize(
    "seller_name,subject_ends",
    [("Acme Outdoor", "un suivi d'Acme Outdoor"), ("Hôtel Lumière", "un suivi d'Hôtel Lumière"),
     ("Écorce", "un suivi d'Écorce"), ("Zed Outdoor", "un suivi de Zed Outdoor"),
     ("Hachette Sports", "un suivi de Hachette Sports")],
)  # fmt: skip
def test_french_elides_de_before_a_vowel_or_mute_h(seller_name, subject_ends):
    assert render(buyer_language="fr", seller_name=seller_name).subject.endswith(subject_ends)


# Each language signs off with its own closing phrase, then the seller's name.
CLOSINGS = {
    "en": "Kind regards,",
    "de": "Mit freundlichen Grüßen",
    "fr": "Cordialement,",
    "es": "Atentamente,",
    "it": "Cordiali saluti,",
    "ja": "今後とも何卒よろしくお願い申し上げます。",
}


@pytest.mark.parametrize("language", CLOSINGS)
def test_every_language_closes_before_the_signature(language):
    lines = render(buyer_language=language).text.strip().splitlines()
    assert lines[-2:] == [CLOSINGS[language], "Acme Outdoor"]
