"""Triage quality and speed against labelled comments.

Prints, for each labelled set, overall and per language: the micro-averaged F1 of the
feedback types; precision and recall of "removable" (any ground) and of each ground; and the
median time of one triage. The comments' language is detected, not given, as for a comment
that arrives without one.

Sets: every labelled set in bench/triage/ (dev, dev2, heldout and the corpus train-<lang>) is a
TRAINING set: the type model learned from all of them (bench/triage_train.py), so their figures
say how well it fits, not how it does on new comments; the unseen estimate is the
cross-validation that bench/triage_train.py prints. bench/triage/sealed/blind.tsv is the
SEALED test: 60 comments per language written blind by someone who saw only the labelling
guide, never trained on, and measured once on the final model; it lives in a folder of its
own so that training never reads it, and reading its errors to tune the rules or the model
would unseal it. The external check beside the repository (../shared/data/triage-dev.tsv),
read only when it exists, is not trained on either. Columns: lang, rating, types, grounds,
comment; types and grounds comma-separated.

    python bench/triage_eval.py [--sets training,sealed,external] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workflow.policy import RemovalGround  # noqa: E402
from workflow.triage import triage  # noqa: E402

# The sets the type model was trained on, and the two it never saw.
TRAINING_SETS = sorted((ROOT / "bench" / "triage").glob("*.tsv"))
SEALED_SET = ROOT / "bench" / "triage" / "sealed" / "blind.tsv"
EXTERNAL_SET = ROOT.parent / "shared" / "data" / "triage-dev.tsv"
SETS = {"training": TRAINING_SETS, "sealed": [SEALED_SET], "external": [EXTERNAL_SET]}
GROUNDS = [
    RemovalGround.PRODUCT_REVIEW_ONLY.value,
    RemovalGround.OBSCENE_LANGUAGE.value,
    RemovalGround.PERSONAL_INFORMATION.value,
]
TIMING_ROUNDS = 20


def _codes(field: str) -> set[str]:
    return {code.strip() for code in field.split(",") if code.strip()}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            {
                "lang": r["lang"],
                "rating": int(r["rating"]),
                "types": _codes(r["types"]),
                "grounds": _codes(r["grounds"]),
                "comment": r["comment"],
            }
            for r in rows
        ]


class Tally:
    def __init__(self) -> None:
        self.type_tp = self.type_fp = self.type_fn = 0
        self.ground = defaultdict(lambda: [0, 0, 0])  # ground -> [tp, fp, fn]; "removable" included
        self.count = 0
        self.language_right = 0

    def add(self, row: dict, types: set[str], grounds: set[str], language: str | None) -> None:
        self.count += 1
        self.language_right += language == row["lang"]
        self.type_tp += len(types & row["types"])
        self.type_fp += len(types - row["types"])
        self.type_fn += len(row["types"] - types)
        for ground, predicted, wanted in [("removable", bool(grounds), bool(row["grounds"]))] + [
            (g, g in grounds, g in row["grounds"]) for g in GROUNDS
        ]:
            cell = self.ground[ground]
            cell[0] += predicted and wanted
            cell[1] += predicted and not wanted
            cell[2] += wanted and not predicted

    @property
    def type_f1(self) -> float:
        denominator = 2 * self.type_tp + self.type_fp + self.type_fn
        return 2 * self.type_tp / denominator if denominator else 1.0

    def precision_recall(self, ground: str) -> str:
        tp, fp, fn = self.ground[ground]
        precision = f"{tp / (tp + fp):.2f}" if tp + fp else "  - "
        recall = f"{tp / (tp + fn):.2f}" if tp + fn else "  - "
        return f"{precision}/{recall}"


def evaluate(name: str, rows: list[dict], show_errors: bool) -> None:
    overall, per_language = Tally(), defaultdict(Tally)
    for row in rows:
        result = triage(row["comment"], row["rating"])
        types, grounds = set(result.type_codes), set(result.ground_codes)
        overall.add(row, types, grounds, result.language)
        per_language[row["lang"]].add(row, types, grounds, result.language)
        if show_errors and (types != row["types"] or grounds != row["grounds"]):
            print(f"  [{row['lang']}] {row['comment']}")
            print(f"      want {sorted(row['types'])} {sorted(row['grounds'])}")
            print(f"      got  {sorted(types)} {sorted(grounds)} (language {result.language})")
            for finding in result.feedback_types:
                print(f"        {finding.code}: {[s.text for s in finding.spans]}")

    # Wall clock and this process's CPU time: on a shared machine the CPU time is the fair figure.
    timings, cpu_timings = [], []
    for _ in range(TIMING_ROUNDS):
        for row in rows:
            started, cpu_started = time.perf_counter(), time.process_time()
            triage(row["comment"], row["rating"])
            cpu_timings.append(time.process_time() - cpu_started)
            timings.append(time.perf_counter() - started)

    columns = ["removable"] + GROUNDS
    print(
        f"\n== {name}: {len(rows)} comments, "
        f"median triage {statistics.median(timings) * 1e6:.0f} µs wall, "
        f"{statistics.median(cpu_timings) * 1e6:.0f} µs CPU (language detected)"
    )
    print(f"{'':10}{'n':>5}{'lang ok':>9}{'type F1':>9}" + "".join(f"{column + ' P/R':>28}" for column in columns))
    for label, tally in [("overall", overall)] + sorted(per_language.items()):
        language_right = tally.language_right / tally.count
        cells = "".join(f"{tally.precision_recall(column):>28}" for column in columns)
        print(f"{label:10}{tally.count:>5}{language_right:>9.2f}{tally.type_f1:>9.2f}{cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS))
    parser.add_argument("--errors", action="store_true", help="list the comments the triage gets wrong")
    arguments = parser.parse_args()
    triage("warm-up: load the language model", 1)
    for group in arguments.sets.split(","):
        for path in SETS[group]:
            name = f"{path.stem} ({'training set: not unseen' if group == 'training' else 'not trained on'})"
            if not path.exists():
                print(f"\n== {name}: {path.name} not found, skipped")
                continue
            evaluate(name, load(path), arguments.errors)


if __name__ == "__main__":
    main()
