"""The triage of one comment: what a seller relies on before asking the buyer or Amazon."""

import pytest

from workflow.triage import triage


def _spans_point_at_their_text(comment, result):
    spans = [s for f in result.feedback_types for s in f.spans] + [s for g in result.grounds for s in g.spans]
    spans += list(result.mistake.spans) + list(result.links)
    return all(comment[s.start : s.end] == s.text for s in spans)


def test_a_product_only_comment_is_removable_as_a_product_review():
    result = triage("Flimsy plastic, the handle snapped off after two days.", 1)
    assert result.type_codes == ["product_review"]
    assert result.ground_codes == ["product_review_only"]
    assert result.product_review_only.removable
    assert "entire comment is a product review" in result.explanation


def test_a_mixed_comment_is_not_a_product_review_and_names_the_part_that_blocks_it():
    comment = "Poor quality blender and it arrived two weeks late."
    result = triage(comment, 1)
    assert set(result.type_codes) == {"product_review", "late_delivery"}
    assert "product_review_only" not in result.ground_codes
    decision = result.product_review_only
    assert not decision.removable
    assert [finding.code for finding in decision.blocking] == ["late_delivery"]
    assert [span.text for span in decision.blocking[0].spans] == ["two weeks late"]
    assert "two weeks late" in result.explanation and "not removable" in result.explanation


@pytest.mark.parametrize(
    "comment, disguised",
    [
        ("This f***ing kettle leaks everywhere.", "f***ing"),
        ("Total sh!t, fell apart.", "sh!t"),
        ("s h i t quality, broke at once", "s h i t"),
        ("What a piece of shiiiit", "shiiiit"),
        ("Totale Sch***e, nach einem Tag kaputt.", "Sch***e"),
    ],
)
def test_disguised_obscenity_is_caught(comment, disguised):
    result = triage(comment, 1)
    obscene = next(g for g in result.grounds if g.code == "obscene_language")
    assert disguised in [span.text for span in obscene.spans]


@pytest.mark.parametrize(
    "comment",
    ["The glass was cracked when it arrived.", "Assembly took an hour, the class of product is poor."],
)
def test_ordinary_words_that_contain_a_swear_word_are_not_obscene(comment):
    assert "obscene_language" not in triage(comment, 1).ground_codes


def test_a_german_phone_number_is_caught_with_the_german_marketplace():
    comment = "Niemand ruft zurück, meine Nummer ist 0171 2345678."
    result = triage(comment, 1, marketplace="DE")
    personal = next(g for g in result.grounds if g.code == "personal_information")
    assert [span.text for span in personal.spans] == ["0171 2345678"]
    assert personal.kinds == ("phone number",)


def test_an_order_id_is_not_taken_for_a_phone_number():
    result = triage("Order 302-1234567-1234567 never arrived.", 1, marketplace="US")
    assert "personal_information" not in result.ground_codes


@pytest.mark.parametrize(
    "comment, evidence, kind",
    [
        ("Write to anna.berg@example.com, nobody answers.", "anna.berg@example.com", "email address"),
        ("I spoke to John Miller and he was rude.", "spoke to John Miller", "full name"),
        ("Frau Sabine Keller vom Service war unfreundlich.", "Frau Sabine Keller", "full name"),
        ("担当の山田太郎さんの対応が最悪でした。", "山田太郎さん", "full name"),
    ],
)
def test_personal_information_is_shown_with_what_it_is(comment, evidence, kind):
    result = triage(comment, 1)
    personal = next(g for g in result.grounds if g.code == "personal_information")
    assert (evidence, kind) in [(span.text, k) for span, k in zip(personal.spans, personal.kinds, strict=True)]


def test_a_positive_comment_under_one_star_is_a_mistake():
    result = triage("Excellent seller, fast delivery, thank you!", 1)
    assert result.mistake.is_mistake
    assert result.type_codes == ["mistake"]
    assert {span.text for span in result.mistake.spans} >= {"Excellent", "fast delivery"}
    assert result.ground_codes == []


def test_praise_under_four_stars_is_no_mistake():
    assert not triage("Excellent seller, fast delivery, thank you!", 4).mistake.is_mistake


def test_a_sarcastic_word_after_a_complaint_is_no_mistake():
    result = triage("Ordered size 42, received a 39. Super.", 1)
    assert not result.mistake.is_mistake


@pytest.mark.parametrize(
    "comment, language",
    [
        ("The item was not damaged but it came a month late.", "en"),
        ("Die Ware war nicht beschädigt, kam aber viel zu spät.", "de"),
        ("商品は壊れていませんでしたが、届くのが遅すぎました。", "ja"),
    ],
)
def test_negated_damage_is_not_damage(comment, language):
    result = triage(comment, 1)
    assert result.language == language
    assert result.type_codes == ["late_delivery"]


def test_spans_point_at_the_right_text_even_with_accents_folded():
    comment = "Llegó dañado y el vendedor no contesta a mis mensajes. Basura."
    result = triage(comment, 1)
    assert set(result.type_codes) >= {"damaged_item", "poor_customer_service"}
    assert _spans_point_at_their_text(comment, result)
    damaged = next(f for f in result.feedback_types if f.code == "damaged_item")
    assert [s.text for s in damaged.spans] == ["dañado"]


@pytest.mark.parametrize(
    "comment, language, types",
    [
        ("Das Paket ist nie angekommen.", "de", ["late_delivery"]),
        ("J'ai reçu la mauvaise taille.", "fr", ["wrong_item"]),
        ("Faltaba el cargador en la caja.", "es", ["missing_contents"]),
        ("Imballaggio pessimo, scatola schiacciata.", "it", ["poor_packaging"]),
        ("商品説明と違う素材でした。", "ja", ["inaccurate_description"]),
    ],
)
def test_each_covered_language_finds_its_types(comment, language, types):
    result = triage(comment, 1)
    assert (result.language, result.language_covered, result.type_codes) == (language, True, types)


def test_damage_in_use_is_the_products_quality_and_damage_on_arrival_is_damage():
    assert triage("The zipper broke after two days.", 1).type_codes == ["product_review"]
    assert triage("The mirror arrived broken.", 1).type_codes == ["damaged_item"]


def test_an_uncovered_language_says_so_and_still_finds_personal_information_and_links():
    comment = "Het pakket is nooit aangekomen, mail naar jan@voorbeeld.nl of kijk op https://example.nl/klacht"
    result = triage(comment, 1)
    assert result.language == "nl"
    assert not result.language_covered
    assert result.type_codes == []
    assert result.ground_codes == ["personal_information"]
    assert [span.text for span in result.links] == ["https://example.nl/klacht"]
    assert "does not cover" in result.explanation


def test_a_given_language_is_used_without_detection():
    result = triage("Late.", 1, language="en-GB")
    assert (result.language, result.language_detected, result.type_codes) == ("en", False, ["late_delivery"])


def test_the_result_is_plain_json_data():
    result = triage("Scam seller, call me on 0171 2345678", 1, marketplace="DE")
    data = result.as_dict()
    assert data["type_codes"] == ["scam_warning"]
    assert data["ground_codes"] == ["personal_information"]
    assert data["grounds"][0]["spans"][0]["text"] == "0171 2345678"


# The vocabulary generalises: product complaints in words no listed phrase holds still count,
# in every covered language, and still only when nothing speaks of the delivery or the service.
@pytest.mark.parametrize(
    "comment, language",
    [
        pytest.param(
            "The strap snapped on day three and the buckle rusts.",
            "en",
            # Known limit of the type model (docs/triage.md): it adds damage on arrival for the
            # wear the rules read as the product's quality.
            marks=pytest.mark.xfail(strict=True, reason="the type model reads the wear as damage on arrival"),
        ),
        ("Der Ventilator ist so laut wie ein Düsenjet.", "de"),
        ("Chaussettes trouées après deux ports, tissu rêche.", "fr"),
        ("El sonido se corta todo el rato.", "es"),
        ("Il tessuto fa i pallini, sedia scomodissima e traballante.", "it"),
        ("扇風機の音がうるさすぎて眠れません。", "ja"),
    ],
)
def test_a_product_complaint_in_unlisted_words_is_a_removable_product_review(comment, language):
    result = triage(comment, 1)
    assert result.language == language
    assert result.type_codes == ["product_review"]
    assert result.ground_codes == ["product_review_only"]
    assert _spans_point_at_their_text(comment, result)


def test_a_one_star_comment_judging_the_item_in_no_known_phrase_is_a_product_review_with_its_words():
    comment = "Honestly pathetic. My kids laughed at it."
    result = triage(comment, 1)
    assert result.type_codes == ["product_review"]
    assert [span.text for span in result.feedback_types[0].spans] == ["pathetic"]
    assert result.ground_codes == ["product_review_only"]


@pytest.mark.parametrize(
    "comment",
    [
        "Honestly pathetic, the courier threw it over the fence.",  # delivery
        "Honestly pathetic. Nobody from the company ever picked up.",  # the seller
        "Pathetic, I paid and waited for nothing.",  # the order
    ],
)
def test_judging_words_beside_delivery_service_or_order_words_make_no_product_review(comment):
    result = triage(comment, 1)
    assert "product_review_only" not in result.ground_codes


def test_judging_words_under_three_stars_or_more_find_nothing():
    assert triage("Honestly pathetic. My kids laughed at it.", 3).type_codes == []


def test_a_product_complaint_beside_a_slow_shipment_by_the_seller_is_not_offered_for_removal():
    comment = "Feels cheap, and it took the seller a week to ship it."
    result = triage(comment, 1)
    decision = result.product_review_only
    assert not decision.removable
    assert "product_review_only" not in result.ground_codes
    assert "late_delivery" in [finding.code for finding in decision.blocking]
    assert "not removable" in result.explanation


@pytest.mark.parametrize(
    "comment, language",
    [
        ("Einfach nur Schrott, Finger weg.", "de"),
        ("Produit nul, à fuir.", "fr"),
        ("最悪の商品です。買わない方がいい。", "ja"),
    ],
)
def test_a_warning_against_the_item_beside_a_product_complaint_is_part_of_the_product_review(comment, language):
    result = triage(comment, 1)
    assert result.language == language
    assert result.type_codes == ["product_review"]
    assert result.ground_codes == ["product_review_only"]


def test_a_warning_against_the_seller_stays_a_scam_warning():
    result = triage("Einfach nur Schrott, Finger weg von diesem Händler.", 1)
    assert "scam_warning" in result.type_codes
    assert "product_review_only" not in result.ground_codes


@pytest.mark.parametrize(
    "comment",
    ["Box had a hole in it.", "Le carton avait un trou.", "箱に穴が開いていました。"],
)
def test_a_hole_in_the_box_is_no_product_review(comment):
    assert "product_review_only" not in triage(comment, 1).ground_codes


@pytest.mark.parametrize(
    "comment, language",
    [
        ("La tasse s'est fissurée au premier lavage.", "fr"),
        ("マグカップが一回洗っただけでひびが入りました。", "ja"),
        ("Die Tasse hat nach dem ersten Spülen einen Riss.", "de"),
    ],
)
def test_damage_after_washing_or_wearing_is_the_products_quality(comment, language):
    result = triage(comment, 1)
    assert result.language == language
    assert result.type_codes == ["product_review"]


@pytest.mark.parametrize(
    "comment, types",
    [
        ("3 semaines de délai au lieu de 3 jours.", ["late_delivery"]),  # "instead of" a time
        ("received 1 pack instead of the 3 pack i paid for", ["wrong_item"]),
        ("Ventilateur bruyant, tout le reste est de mauvaise qualité.", ["product_review"]),
    ],
)
def test_instead_of_an_item_is_a_wrong_item_and_instead_of_a_time_is_not(comment, types):
    assert triage(comment, 1).type_codes == types


@pytest.mark.parametrize(
    "comment",
    ["Molto soddisfatta, imballato benissimo e arrivato in anticipo", "Arrived two days early, lovely, love it"],
)
def test_praise_in_more_words_under_one_star_is_a_mistake(comment):
    assert triage(comment, 1).type_codes == ["mistake"]
