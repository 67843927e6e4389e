"""Near-duplicate articles: MinHash signatures of word shingles, found by LSH banding.

Words
    The text lowercased, split into runs of word characters (``\\w+``: letters,
    digits and underscore in any script). A *shingle* is ``n`` consecutive words
    (`DEFAULT_SHINGLE_WORDS`: 5); a text of fewer words is one shingle; a text
    with no words has none and is nobody's near duplicate.

Signature (one-permutation MinHash)
    Each distinct shingle is hashed once with CRC-32 (``zlib.crc32`` of its UTF-8
    bytes: C speed, the same on every machine and Python, unlike ``hash()``);
    the hash's top bits put it in one of `BINS` bins and each bin keeps its
    smallest hash. An empty bin borrows the value of the next non-empty bin
    (circularly) plus an offset per bin it skipped ("rotation" densification,
    Shrivastava and Li 2014), so every position of two signatures is
    comparable. The share of positions where two signatures agree estimates
    the Jaccard similarity of the two shingle sets (standard error about
    ``sqrt(J(1-J)/128)``: 0.035 at J = 0.8). A signature is 128 32-bit numbers,
    512 bytes; the text is not kept.

Finding pairs (LSH)
    The signature is cut into ``bands`` bands of ``rows`` positions
    (`band_layout`: the most rows per band for which a pair at the threshold
    is missed with probability under 0.5%, so few unrelated pairs are
    compared). Articles whose signatures agree on a whole band are candidates;
    each candidate pair is compared on the whole signature and kept when its
    estimate reaches the threshold. So the work grows with the number of
    articles and candidates, not with its square. A bucket of more than
    `MAX_BUCKET` articles (many copies of one text) compares each with its
    first member only, which still groups them.
"""

from __future__ import annotations

import bisect
import operator
import re
import zlib
from array import array
from collections.abc import Iterator

BINS = 128
"""Positions of a signature."""
_WIDTH = (1 << 32) // BINS
_BOUNDS = [i * _WIDTH for i in range(BINS + 1)]
MAX_MISS = 0.005
"""The largest chance `band_layout` accepts of missing a pair exactly at the threshold."""
MAX_BUCKET = 200
_WORD = re.compile(r"\w+")
_NO_WORDS = array("I", [0]) * BINS


def shingle_hashes(text: str, words: int) -> list[int]:
    """The sorted, distinct CRC-32 hashes of the text's shingles of ``words`` words."""
    found = _WORD.findall(text.lower())
    if not found:
        return []
    if len(found) <= words:
        shingles: Iterator[str] = iter([" ".join(found)])
    else:
        shingles = map(" ".join, zip(*(found[i:] for i in range(words)), strict=False))
    return sorted(set(map(zlib.crc32, map(str.encode, shingles))))


def signature(text: str, words: int) -> array[int] | None:
    """The MinHash signature of ``text`` (see the module doc); None when it has no words."""
    hashes = shingle_hashes(text, words)
    if not hashes:
        return None
    values: list[int | None] = []
    low = 0
    for b in range(BINS):
        high = bisect.bisect_left(hashes, _BOUNDS[b + 1], low)
        values.append(hashes[low] - _BOUNDS[b] if high > low else None)
        low = high
    return array("I", _densified(values))


def _densified(values: list[int | None]) -> list[int]:
    """Empty bins take the next non-empty bin's value, plus `_WIDTH` for each bin skipped."""
    if None not in values:
        return values  # type: ignore[return-value]  # no None left
    out: list[int] = []
    for b, value in enumerate(values):
        if value is not None:
            out.append(value)
            continue
        for skip in range(1, BINS):
            found = values[(b + skip) % BINS]
            if found is not None:
                # The offset keeps borrowed values apart from real ones; below 2**32.
                out.append((found + skip * _WIDTH) % (1 << 32))
                break
    return out


def similarity(first: array[int] | memoryview, second: array[int] | memoryview) -> float:
    """The estimated Jaccard similarity of two signatures: the share of positions that agree."""
    agreeing: int = sum(map(operator.eq, first, second))
    return agreeing / BINS


def band_layout(threshold: float, bins: int = BINS) -> tuple[int, int]:
    """``(bands, rows)`` for LSH at ``threshold`` (see the module doc)."""
    for rows in range(bins, 0, -1):
        bands = bins // rows
        miss = (1 - threshold**rows) ** bands
        if miss < MAX_MISS:
            return bands, rows
    return bins, 1


class Signatures:
    """The signatures of a build's articles, in the order they were added (one flat array)."""

    def __init__(self) -> None:
        self.values: array[int] = array("I")
        self.present = bytearray()
        """1 for each article with a signature, 0 for one without words."""

    def __len__(self) -> int:
        return len(self.present)

    def add(self, text: str, words: int) -> None:
        """Add the next article's signature."""
        found = signature(text, words)
        if found is None:
            self.values.extend(_NO_WORDS)
            self.present.append(0)
        else:
            self.values.extend(found)
            self.present.append(1)

    def of(self, index: int) -> memoryview:
        """The signature of article ``index`` (by the order added)."""
        return memoryview(self.values)[index * BINS : (index + 1) * BINS]

    def pairs(self, threshold: float) -> list[tuple[int, int, float]]:
        """Pairs ``(i, j, similarity)``, ``i < j``, whose estimate reaches ``threshold``, sorted."""
        bands, rows = band_layout(threshold)
        view = memoryview(self.values)
        seen: set[tuple[int, int]] = set()
        found: list[tuple[int, int, float]] = []
        for band in range(bands):
            buckets: dict[int, list[int]] = {}
            start = band * rows
            for i in range(len(self)):
                if self.present[i]:
                    at = i * BINS + start
                    key = hash(tuple(view[at : at + rows]))
                    buckets.setdefault(key, []).append(i)
            for members in buckets.values():
                if len(members) < 2:
                    continue
                if len(members) > MAX_BUCKET:
                    candidates: Iterator[tuple[int, int]] = (
                        (members[0], other) for other in members[1:]
                    )
                else:
                    candidates = ((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
                for pair in candidates:
                    if pair in seen:
                        continue
                    seen.add(pair)
                    estimate = similarity(self.of(pair[0]), self.of(pair[1]))
                    if estimate >= threshold:
                        found.append((pair[0], pair[1], estimate))
        found.sort()
        return found
