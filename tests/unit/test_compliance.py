"""Amazon's messaging rules: a test per rule and per language, and the product's own
templates pass every rule in every language for every kind of message."""

from __future__ import annotations

import itertools

import pytest

from workflow.outreach.compliance import LANGUAGES, RULES, violations
from workflow.outreach.messages import render_removal_request
from workflow.policy import FEEDBACK_TYPES

# One sentence per rule and language that a seller might plausibly write, and must not send.
BREAKING = {
    "incentive": {
        "en": "We will give you a full refund once the feedback is gone.",
        "de": "Sie erhalten einen Gutschein über 10 Euro.",
        "fr": "Nous vous offrons un remboursement complet.",
        "es": "Le ofrecemos un descuento en su próxima compra.",
        "it": "Le offriamo uno sconto sul prossimo ordine.",
        "ja": "次回使える割引をご用意しました。",
    },
    "pressure": {
        "en": "Please remove your feedback today.",
        "de": "Bitte entfernen Sie Ihre Bewertung.",
        "fr": "Veuillez supprimer votre évaluation.",
        "es": "Por favor, elimine su valoración.",
        "it": "Per favore rimuova il suo feedback.",
        "ja": "評価を削除してください。",
    },
    "opt_out_link": {
        "en": "Reply STOP to unsubscribe.",
        "de": "Hier können Sie sich abmelden.",
        "fr": "Cliquez ici pour vous désabonner.",
        "es": "Responda para darse de baja.",
        "it": "Risponda per disiscriversi.",
        "ja": "配信停止はこちら。",
    },
    "marketing": {
        "en": "Sign up for our newsletter!",
        "de": "Entdecken Sie unser Sonderangebot.",
        "fr": "Profitez de notre offre spéciale.",
        "es": "Aproveche nuestra oferta especial.",
        "it": "Approfitti della nostra offerta speciale.",
        "ja": "ただいまセール中です。",
    },
}
# Rules that hold in every language, with a sample each.
EVERYWHERE = {
    "link": "Details at https://shop.example/returns",
    "email_address": "Write to help@acme-outdoor.example",
    "phone_number": "Call us on +1 (555) 010-2233",
    "emoji": "Thanks so much \U0001f600",
}


def test_every_rule_has_samples():
    assert {r.code for r in RULES} == set(BREAKING) | set(EVERYWHERE)
    assert all(set(by_language) == set(LANGUAGES) for by_language in BREAKING.values())


@pytest.mark.parametrize("rule,language", [(r, lang) for r in BREAKING for lang in LANGUAGES])
def test_language_rule_catches_its_sample(rule, language):
    assert [v.rule for v in violations(BREAKING[rule][language], language)] == [rule]


@pytest.mark.parametrize("rule,language", [(r, lang) for r in EVERYWHERE for lang in LANGUAGES])
def test_universal_rule_catches_its_sample_in_every_language(rule, language):
    assert rule in {v.rule for v in violations(EVERYWHERE[rule], language)}


def test_order_ids_are_not_phone_numbers():
    assert violations("Your order 114-3941689-8772232 shipped.", "en") == []


def test_amazons_accepted_wording_passes():
    text = (
        "If you are satisfied that we have resolved your concerns, "
        "it is possible to update or remove the feedback you originally provided."
    )
    assert violations(text, "en") == []


PURPOSE_MIXES = (
    [["product_review"], ["mistake"], ["late_delivery"]]
    + [list(mix) for mix in itertools.combinations(["product_review", "mistake", "damaged_item"], 2)]
    + [["product_review", "mistake", "damaged_item"]]
)


@pytest.mark.parametrize("language,types", itertools.product(LANGUAGES, PURPOSE_MIXES))
def test_builtin_templates_pass_every_rule(language, types):
    rendered = render_removal_request(
        order_id="114-3941689-8772232",
        feedback_types=types,
        seller_name="Acme Outdoor",
        buyer_name="Jo Buyer",
        buyer_language=language,
        marketplace=None,
        action_taken="We sent a replacement by express delivery.",
    )
    assert rendered.language == language
    assert rendered.violations == []
    assert "114-3941689-8772232" in rendered.subject and "114-3941689-8772232" in rendered.text


def test_every_feedback_type_gets_a_message():
    for feedback_type in FEEDBACK_TYPES:
        rendered = render_removal_request(
            order_id="114-3941689-8772232", feedback_types=[feedback_type.code], seller_name="Acme",
            buyer_name=None, buyer_language="en", marketplace="US", action_taken="We refitted the part.",
        )  # fmt: skip
        assert rendered.text.strip() and rendered.violations == []
