"""The learned part of the triage: a linear model per feedback type (one-vs-rest logistic
regression) over the features of `features.py`, and one more for "every type is about the
product" (the product-review ground), trained by `bench/triage_train.py` on the labelled
comments in `bench/triage/` and shipped as package data (`weights/types.npz`).

Inference is a sum of table rows: no training library at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from workflow.triage.features import BUCKETS, comment_features

WEIGHTS_FILE = "types.npz"
# The share of its threshold a type the rules found must reach, and a type they did not find
# when they found others. Against 1 and 1 they cost about 0.01 of cross-validated type F1 and
# gain 0.01 of removable precision; they keep the rules' explicit findings ("poor quality"
# beside "two weeks late") when another type dominates the wording, and drop a weak guess
# beside them ("kam zerdrückt an" read as late).
RULE_CONFIRMATION = 0.1
BESIDE_RULES = 1.25
# Where a comment is cut to find the part that weighs most for a type the model alone found.
_CLAUSE_END = re.compile(r"[.,;:!?。、！？\n]+")


@dataclass(frozen=True)
class Reading:
    """The model's probabilities for one comment."""

    types: dict[str, float]
    # That every type of the comment is about the product.
    product_only: float


@dataclass(frozen=True)
class TypeModel:
    types: tuple[str, ...]
    # BUCKETS x (len(types) + 1): the weight of each hashed feature for each type, then for the
    # product-review ground.
    weights: np.ndarray
    bias: np.ndarray
    # A type is found when its probability reaches its threshold (chosen by cross-validation).
    thresholds: np.ndarray
    # A comment found to be about the product is offered as a product review only while every
    # other type stays below the guard and the product-only probability reaches its threshold.
    product_guard: float
    product_threshold: float

    def read(self, indices: list[int], values: list[float]) -> Reading:
        scores = np.asarray(values, dtype=np.float32) @ self.weights[indices] + self.bias
        probabilities = (1 / (1 + np.exp(-scores))).tolist()
        return Reading(dict(zip(self.types, probabilities, strict=False)), probabilities[-1])

    def found(self, probabilities: dict[str, float], by_rules: set[str]) -> list[str]:
        """The types whose probability reaches their threshold; a type the rules found needs only
        a share of it (it stands unless the model is fairly sure against it), a type they did not
        find beside others they found needs a little more."""
        thresholds = zip(self.types, self.thresholds.tolist(), strict=True)
        return [code for code, threshold in thresholds if probabilities[code] >= threshold * _bar(code, by_rules)]

    def strongest_clauses(self, folded: str, language: str, codes: list[str]) -> dict[str, tuple[int, int]]:
        """For each type, the clause of the comment whose words weigh most towards it, as (start, end)."""
        if not codes:
            return {}
        clauses = _clauses(folded)
        if len(clauses) == 1:
            return dict.fromkeys(codes, clauses[0])
        columns = [self.types.index(code) for code in codes]
        scores = np.array(
            [
                np.asarray(values, dtype=np.float32) @ self.weights[indices][:, columns]
                for indices, values in (comment_features(folded[start:end], language, ()) for start, end in clauses)
            ]
        )
        return {code: clauses[int(scores[:, i].argmax())] for i, code in enumerate(codes)}


def _clauses(folded: str) -> list[tuple[int, int]]:
    """The comment cut at punctuation, each piece without its surrounding spaces."""
    clauses, start = [], 0
    for end in [m.start() for m in _CLAUSE_END.finditer(folded)] + [len(folded)]:
        piece = folded[start:end]
        clause = (start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip()))
        if clause[1] > clause[0]:
            clauses.append(clause)
        match = _CLAUSE_END.match(folded, end)
        start = match.end() if match else end
    return clauses or [(0, len(folded))]


def _bar(code: str, by_rules: set[str]) -> float:
    if code in by_rules:
        return RULE_CONFIRMATION
    return BESIDE_RULES if by_rules else 1.0


@cache
def type_model() -> TypeModel:
    """The shipped weights, loaded once per process."""
    with resources.files("workflow.triage.weights").joinpath(WEIGHTS_FILE).open("rb") as handle:
        data = np.load(handle)
        weights = np.zeros((BUCKETS, len(data["types"]) + 1), dtype=np.float32)
        weights[data["rows"]] = data["row_weights"].astype(np.float32)
        return TypeModel(
            types=tuple(str(t) for t in data["types"]),
            weights=weights,
            bias=data["bias"].astype(np.float32),
            thresholds=data["thresholds"].astype(np.float64),
            product_guard=float(data["product_guard"]),
            product_threshold=float(data["product_threshold"]),
        )
