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
# The share of its threshold a type the rules found must reach. With 1, 0.5 or 0.3 the
# cross-validated type F1 is the same (0.79); 0.3 keeps the rules' explicit findings ("poor
# quality" beside "two weeks late") when the other type dominates the wording.
RULE_CONFIRMATION = 0.3
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
        a share of it: it stands unless the model is fairly sure against it."""
        thresholds = zip(self.types, self.thresholds.tolist(), strict=True)
        return [
            code
            for code, threshold in thresholds
            if probabilities[code] >= threshold * (RULE_CONFIRMATION if code in by_rules else 1)
        ]

    def strongest_clause(self, comment: str, folded: str, language: str, code: str) -> tuple[int, int]:
        """The clause of the comment whose words weigh most towards the type, as (start, end)."""
        column = self.types.index(code)
        best, best_score = (0, len(comment)), float("-inf")
        start = 0
        for end in [m.start() for m in _CLAUSE_END.finditer(folded)] + [len(folded)]:
            piece = folded[start:end]
            lead = len(piece) - len(piece.lstrip())
            clause = (start + lead, start + len(piece.rstrip()))
            if clause[1] > clause[0]:
                indices, values = comment_features(folded[clause[0] : clause[1]], language, ())
                score = float(np.asarray(values, dtype=np.float32) @ self.weights[indices, column])
                if score > best_score:
                    best, best_score = clause, score
            match = _CLAUSE_END.match(folded, end)
            start = match.end() if match else end
        return best


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
