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
