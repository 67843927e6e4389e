"""What a dataset build is asked for: splits, seed, near-duplicate threshold, labels, formats.

`BuildOptions` is recorded whole in the dataset's manifest (`BuildOptions.to_json`):
building again with the same options from an unchanged project gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.errors import AnnotatorError
from annotator.io.export import ExportFilter
from annotator.io.export_spacy import ALIGNMENT_MODES

SPLITS = ("train", "dev", "test")
"""The splits, in the order of their ratios (``--split 80/10/10``)."""

FORMATS = ("jsonl", "hf", "spacy")
"""What a build can write for each split: native JSONL, Hugging Face Parquet, spaCy DocBin."""

DEFAULT_SPLIT = (80, 10, 10)
DEFAULT_THRESHOLD = 0.8
DEFAULT_SHINGLE_WORDS = 5


def parse_split(text: str) -> tuple[int, int, int]:
    """``"80/10/10"`` as (train, dev, test) percentages.

    Raises:
        AnnotatorError: not three whole numbers separated by ``/``, or they do not sum to 100.
    """
    parts = re.split(r"[/:,]", text.strip())
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        raise AnnotatorError(
            f"--split {text!r}: give three whole percentages for train/dev/test, as 80/10/10"
        )
    train, dev, test = (int(p) for p in parts)
    return check_split((train, dev, test))


def check_split(ratios: tuple[int, int, int]) -> tuple[int, int, int]:
    """``ratios`` if they are whole percentages summing to 100 with some training data."""
    if len(ratios) != 3 or any(r < 0 for r in ratios):
        raise AnnotatorError("the split is three percentages (train/dev/test), none negative")
    if sum(ratios) != 100:
        shown = "/".join(map(str, ratios))
        raise AnnotatorError(f"the split {shown} sums to {sum(ratios)}, not 100")
    if ratios[0] == 0:
        raise AnnotatorError("the split gives the training set 0%; give it a share")
    return ratios


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to build a dataset (all recorded in the manifest).

    Labels: with ``annotator`` set, that annotator's labels; else the gold
    labels of adjudicated articles, and with ``fallback="single"`` also the
    articles exactly one annotator labelled, with theirs (as ``annotator export
    --gold --fallback single``). Only articles whose chosen labels are marked
    done are taken, unless ``include_unfinished`` (gold labels are always done:
    adjudication marks them so).
    """

    split: tuple[int, int, int] = DEFAULT_SPLIT
    seed: int = 0
    near_duplicate: float = DEFAULT_THRESHOLD
    """Estimated Jaccard similarity of word shingles at or above which two articles are kept together."""
    shingle_words: int = DEFAULT_SHINGLE_WORDS
    annotator: str | None = None
    fallback: str | None = None
    include_unfinished: bool = False
    formats: tuple[str, ...] = FORMATS
    alignment_mode: str = "expand"
    """How spaCy aligns spans that do not fall on token boundaries (see `annotator.io.export_spacy`)."""

    def __post_init__(self) -> None:
        check_split(self.split)
        if not 0 < self.near_duplicate <= 1:
            raise AnnotatorError(
                f"the near-duplicate threshold {self.near_duplicate} is not in (0, 1]; e.g. 0.8"
            )
        if self.shingle_words < 1:
            raise AnnotatorError("shingles need at least one word")
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown or not self.formats:
            raise AnnotatorError(
                f"unknown dataset format {', '.join(unknown) or '(none)'}; use {', '.join(FORMATS)}"
            )
        if self.annotator is not None and self.fallback is not None:
            raise AnnotatorError("--fallback goes with gold labels, not with --annotator")
        if self.fallback not in (None, "single"):
            raise AnnotatorError(f"fallback {self.fallback!r} is not known (use: single)")
        if self.alignment_mode not in ALIGNMENT_MODES:
            raise AnnotatorError(
                f"alignment mode {self.alignment_mode!r} is not one of {', '.join(ALIGNMENT_MODES)}"
            )

    @property
    def labels(self) -> str:
        """How the labels are chosen: ``"gold"``, ``"gold, else single"`` or ``"annotator NAME"``."""
        if self.annotator is not None:
            return f"annotator {self.annotator}"
        return "gold, else single" if self.fallback else "gold"

    def export_filter(self) -> ExportFilter:
        """The export filter that yields the articles and labels this build takes."""
        if self.annotator is not None:
            status = None if self.include_unfinished else "done"
            return ExportFilter(annotator=self.annotator, status=status)
        return ExportFilter(gold=True, fallback=self.fallback)

    def to_json(self) -> dict[str, object]:
        """The options as the manifest records them."""
        return {
            "split": dict(zip(SPLITS, self.split, strict=True)),
            "seed": self.seed,
            "near_duplicate": self.near_duplicate,
            "shingle_words": self.shingle_words,
            "labels": "annotator" if self.annotator is not None else "gold",
            "annotator": self.annotator,
            "fallback": self.fallback,
            "include_unfinished": self.include_unfinished,
            "formats": list(self.formats),
            "alignment_mode": self.alignment_mode,
        }
