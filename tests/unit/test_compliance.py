"""Amazon's messaging rules: a test per rule and per language, and the product's own
templates pass every rule in every language for every kind of message."""

from __future__ import annotations

import itertools
from datetime import date

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


# A resolution already given may be reported; Amazon's own wording that removal "is possible"
# passes. Neither may be read as an incentive or as pressure.
ALLOWED = {
    "en": ["We refunded the shipping cost.", "We have issued a full refund for the damaged lamp.",
           "We sent you a free replacement, which arrived yesterday.",
           "If the rating was not what you intended, you can update it so that it matches your comment."],
    "de": ["Wir haben Ihnen die Versandkosten erstattet.", "Wir haben Ihnen kostenlos einen Ersatz geschickt.",
           "Wenn Sie der Meinung sind, dass wir Ihr Anliegen gelöst haben, ist es möglich, die Bewertung zu "
           "aktualisieren oder zu entfernen."],
    "fr": ["Nous vous avons remboursé les frais de port.", "Nous avons remplacé l'article gratuitement.",
           "Si vous estimez que nous avons résolu votre problème, il est possible de mettre à jour ou de retirer "
           "l'évaluation que vous avez laissée."],
    "es": ["Le hemos reembolsado los gastos de envío.", "Le enviamos un repuesto gratuito la semana pasada.",
           "Si considera que hemos resuelto su problema, es posible actualizar o retirar la valoración."],
    "it": ["Le abbiamo rimborsato le spese di spedizione.", "Le abbiamo inviato gratuitamente un prodotto sostitutivo.",
           "Se ritiene che abbiamo risolto il suo problema, è possibile aggiornare o rimuovere il feedback."],
    "ja": ["送料を返金いたしました。", "交換品を無料でお送りしました。",
           "問題が解決したとお考えいただける場合は、お寄せいただいた評価を更新または取り消すことができます。"],
}  # fmt: skip
# A benefit offered, promised or tied to the feedback, and removal asked for politely.
VIOLATING = {
    "incentive": {
        "en": ["We will refund the shipping cost if you remove your feedback.",
               "Once you update your rating, we can give you your money back.",
               "We refunded the shipping cost and there is a voucher for your next order."],
        "de": ["Wir erstatten Ihnen die Versandkosten, sobald Sie die Bewertung entfernt haben.",
               "Sie erhalten eine Entschädigung, wenn Sie Ihre Bewertung ändern."],
        "fr": ["Nous vous rembourserons les frais de port si vous retirez votre évaluation.",
               "Une fois l'évaluation supprimée, vous recevrez un dédommagement."],
        "es": ["Le reembolsaremos el envío si elimina su valoración.",
               "Recibirá una compensación en cuanto cambie su opinión."],
        "it": ["La rimborseremo non appena avrà rimosso il feedback.",
               "Riceverà un risarcimento se modifica la sua valutazione."],
        "ja": ["評価を削除していただければ、送料を返金いたします。", "評価を変更された場合、全額を返金します。"],
    },
    "pressure": {
        "en": ["kindly take down your feedback", "We would be grateful if you could remove your rating.",
               "Could you change your review to five stars?", "We'd appreciate it if you updated the feedback."],
        "de": ["Wir würden uns freuen, wenn Sie Ihre Bewertung entfernen.",
               "Könnten Sie Ihre Bewertung freundlicherweise löschen?",
               "Wir bitten Sie höflich, die Bewertung zu ändern."],
        "fr": ["Auriez-vous l'amabilité de retirer votre évaluation ?",
               "Nous vous serions reconnaissants de bien vouloir modifier votre note.",
               "Pourriez-vous supprimer votre commentaire ?"],
        "es": ["¿Podría eliminar su valoración, por favor?", "Le agradeceríamos que retirara su comentario.",
               "Sería tan amable de cambiar su valoración."],
        "it": ["Potrebbe gentilmente rimuovere il suo feedback?",
               "Le saremmo grati se volesse modificare la sua valutazione.", "Cortesemente, elimini la recensione."],
        "ja": ["お手数ですが、評価の削除をご検討いただけますでしょうか。", "評価を変更していただけると幸いです。",
               "フィードバックを取り消していただきたくお願い申し上げます。"],
    },
}  # fmt: skip


def test_both_directions_are_covered_in_every_language():
    assert set(ALLOWED) == set(LANGUAGES)
    assert all(set(by_language) == set(LANGUAGES) for by_language in VIOLATING.values())


@pytest.mark.parametrize("language,sentence", [(lang, s) for lang in LANGUAGES for s in ALLOWED[lang]])
def test_reported_resolutions_and_amazons_wording_pass(language, sentence):
    assert violations(sentence, language) == []


@pytest.mark.parametrize(
    "rule,language,sentence",
    [(rule, lang, s) for rule, by_language in VIOLATING.items() for lang in LANGUAGES for s in by_language[lang]],
)
def test_offered_benefits_and_polite_pressure_are_caught(rule, language, sentence):
    assert rule in {v.rule for v in violations(sentence, language)}


def test_a_violation_tied_to_a_sentence_names_that_sentence():
    text = "We refunded the shipping cost. Kindly take down your feedback. Thank you."
    assert [(v.rule, v.found) for v in violations(text, "en")] == [("pressure", "Kindly take down your feedback")]


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
        feedback_date=date(2026, 11, 8),
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
            order_id="114-3941689-8772232", feedback_date=date(2026, 11, 8), feedback_types=[feedback_type.code],
            seller_name="Acme",
            buyer_name=None, buyer_language="en", marketplace="US", action_taken="We refitted the part.",
        )  # fmt: skip
        assert rendered.text.strip() and rendered.violations == []
