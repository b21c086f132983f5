"""What the type classifier reads in a comment: hashed character n-grams, words and word pairs,
and the rules' own findings, each a feature.

The same function serves the training script and the triage, so a feature means the same in
both. Hashing (CRC-32, stable across processes) keeps the weights a fixed-size table without a
vocabulary to ship.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from functools import lru_cache

# Size of the hashed feature space: large enough that the few thousand training comments'
# n-grams rarely share a bucket.
BUCKETS = 1 << 18

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def _hashed(feature: str) -> int:
    return zlib.crc32(feature.encode()) & (BUCKETS - 1)


@lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> tuple[int, ...]:
    """A word's own features, hashed: its 2-5 letter n-grams with its edges, and itself.
    Remembered, because buyers use the same words again and again."""
    edged = f" {word} "
    grams = {edged[i : i + n] for n in (2, 3, 4, 5) for i in range(len(edged) - n + 1)}
    grams.add(f"w {word}")
    return tuple(_hashed(gram) for gram in grams)


def _text_features(folded: str, language: str) -> set[int]:
    """Latin script: the words' features and the word pairs. Japanese, written without spaces:
    1-3 character n-grams of the whole text."""
    if language == "ja":
        text = _SPACE.sub("", unicodedata.normalize("NFKC", folded).lower())
        return {_hashed(text[i : i + n]) for n in (1, 2, 3) for i in range(len(text) - n + 1)}
    words = _WORD.findall(folded.lower())
    features = set().union(*map(_word_features, words))
    features.update(_hashed(f"b {first} {second}") for first, second in zip(words, words[1:], strict=False))
    return features


def comment_features(folded: str, language: str, cues: tuple[str, ...]) -> tuple[list[int], list[float]]:
    """The comment (accent-folded) as hashed feature indices and their values (an index may
    come twice: its values add up). The text's features share one unit of weight (L2 norm 1), so
    a long comment does not outvote a short one; each rule cue (a type the rules found, a
    service word, praise) counts 1 on its own."""
    text = _text_features(folded, language)
    weight = 1 / math.sqrt(len(text)) if text else 0.0
    return list(text) + [_hashed(f"rule {cue}") for cue in cues], [weight] * len(text) + [1.0] * len(cues)
