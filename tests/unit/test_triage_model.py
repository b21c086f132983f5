"""The triage's trained type model: what a seller relies on when the rules' word lists do not
hold the comment's wording."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workflow.policy import FEEDBACK_TYPE_CODES
from workflow.triage import triage
from workflow.triage.classifier import type_model

ROOT = Path(__file__).resolve().parents[2]


def _spans(result):
    spans = [s for f in result.feedback_types for s in f.spans] + [s for g in result.grounds for s in g.spans]
    return spans + list(result.mistake.spans) + list(result.links) + list(result.product_review_only.unexplained)


@pytest.mark.parametrize(
    "comment, language",
    [
        ("The blender's motor started smoking the third time I used it and now it won't turn on.", "en"),
        ("Der Wasserkocher rostet innen schon nach einer Woche und der Deckel schließt nicht richtig.", "de"),
        ("La lampe clignote sans arrêt et l'interrupteur est tombé au bout de trois jours.", "fr"),
        ("La batería del portátil dura apenas una hora y el teclado cruje cada vez que escribo.", "es"),
        ("Il trapano si surriscalda dopo cinque minuti e la punta balla nel mandrino.", "it"),
        ("電源を入れてもすぐに切れてしまい、ボタンも固くて押しにくいです。", "ja"),
    ],
)
def test_a_clear_product_complaint_in_each_language_is_a_product_review_with_evidence(comment, language):
    result = triage(comment, 1)
    assert result.language == language
    assert result.type_codes == ["product_review"]
    [finding] = result.feedback_types
    assert finding.spans and all(comment[s.start : s.end] == s.text and s.text.strip() for s in finding.spans)


@pytest.mark.parametrize(
    "comment",
    [
        "The handle cracked the first week, and the parcel turned up ten days after the date they promised.",
        "Die Nähte lösen sich schon, und das Paket kam erst nach drei Wochen an.",
        "Le tissu bouloche déjà et le colis est arrivé avec deux semaines de retard.",
    ],
)
def test_a_comment_mixing_the_product_and_the_delivery_is_not_removable(comment):
    result = triage(comment, 1)
    assert "late_delivery" in result.type_codes
    assert "product_review_only" not in result.ground_codes
    assert not result.product_review_only.removable


@pytest.mark.parametrize(
    "comment",
    [
        "Took forever. Ordered for my son's birthday, the thing showed up the week after.",
        "Nobody ever answered my three emails about the missing remote.",
        "Ich habe zweimal geschrieben und nie eine Antwort bekommen, unmöglich.",
        "注文してから三週間、まだ何の連絡もありません。",
    ],
)
def test_every_span_indexes_the_comment(comment):
    result = triage(comment, 1)
    assert result.feedback_types
    assert all(comment[s.start : s.end] == s.text for s in _spans(result))


def test_a_type_only_the_model_found_is_shown_with_its_clause_and_said_to_be_judged_from_the_wording():
    comment = "Ich habe zweimal geschrieben und nie eine Antwort bekommen, unmöglich."
    result = triage(comment, 1)
    judged = [f for f in result.feedback_types if f.judged_from_wording]
    assert judged, result.feedback_types
    for finding in judged:
        [span] = finding.spans
        assert span.text and span.text == span.text.strip() and span.text in comment
    assert "judged from the wording as a whole" in result.explanation


def test_a_product_review_is_offered_for_removal_only_when_the_model_rules_out_every_other_type():
    for comment in [
        "Flimsy plastic, the handle snapped off after two days.",
        "Cheap plastic, the handle snapped off after two days. Poor quality.",
        "Poor quality blender and it arrived two weeks late.",
        "Took forever. Ordered for my son's birthday, the thing showed up the week after.",
    ]:
        result = triage(comment, 1)
        decision = result.product_review_only
        if decision.removable:
            assert set(result.type_codes) <= {"product_review", "inaccurate_description"}
            assert not decision.possible and not decision.doubtful and not decision.unexplained
        else:
            assert "product_review_only" not in result.ground_codes


def test_the_triage_is_pure_and_deterministic():
    comment = "Quality is poor, and the seller never replied to me. Call 0171 2345678."
    first = triage(comment, 1, marketplace="DE").as_dict()
    triage("Something else entirely, to change nothing.", 2)
    assert triage(comment, 1, marketplace="DE").as_dict() == first


def test_the_model_knows_every_type_of_the_policy_table():
    model = type_model()
    assert model.types == FEEDBACK_TYPE_CODES
    assert all(0 < threshold < 1 for threshold in model.thresholds)
    assert 0 < model.product_guard < 1


@pytest.mark.slow
def test_the_weights_are_installed_with_the_package(tmp_path):
    """A non-editable install carries the weights: the triage runs from site-packages alone."""
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    for package in ("workflow", "api", "worker", "commands", "web"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run([*pip, "--target", str(site), str(source)], check=True, capture_output=True)
    program = (
        "import workflow.triage as t, workflow.triage.classifier as c; "
        "print(t.__file__); print(t.triage('Cheap plastic, the handle snapped off.', 1).type_codes)"
    )
    run = subprocess.run(
        [sys.executable, "-c", program],
        env={**os.environ, "PYTHONPATH": str(site)},
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    location, types = run.stdout.splitlines()
    assert location.startswith(str(site))
    assert types == "['product_review']"
