"""Nominal agreement measures: Krippendorff's alpha, Cohen's and Fleiss' kappa.

Pure functions of plain tables (one row per unit, None where a coder gave no
value), and the running tallies behind them that `annotator.quality.agreement`
feeds one matched claim at a time. A measure is None when it is undefined
(see "Undefined is null" in `annotator.quality.agreement`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence


class AlphaTally:
    """Running sums for nominal Krippendorff's alpha, fed one unit at a time.

    Only pairable values enter the coincidence matrix; for nominal data the
    matrix reduces to the value totals ``n_c`` and the disagreement
    ``sum over c != k of o_ck``, kept here as integers per unit size ``m`` so
    the sums are exact.
    """

    def __init__(self) -> None:
        self.totals: Counter[Hashable] = Counter()
        self.units = 0
        self._disagreeing: Counter[int] = Counter()  # m -> sum of (m^2 - sum n_uc^2)

    def add(self, values: Iterable[Hashable | None]) -> None:
        """Add one unit: the values its coders gave (None where missing)."""
        self.add_counts(Counter(v for v in values if v is not None))

    def add_counts(self, counts: Mapping[Hashable, int], times: int = 1) -> None:
        """Add one unit given as value -> number of coders who gave it (``times`` such units)."""
        m = sum(counts.values())
        if m < 2:
            return  # not pairable: contributes nothing to the coincidence matrix
        self.units += times
        for value, n in counts.items():
            self.totals[value] += n * times
        self._disagreeing[m] += (m * m - sum(n * n for n in counts.values())) * times

    def alpha(self) -> float | None:
        """Alpha of the units added so far, or None when undefined."""
        n = sum(self.totals.values())
        expected = n * n - sum(c * c for c in self.totals.values())  # sum over c != k of n_c n_k
        if n == 0 or expected == 0:
            return None
        observed = sum(d / (m - 1) for m, d in self._disagreeing.items())
        return 1.0 - (n - 1) * observed / expected


def krippendorff_alpha(table: Iterable[Iterable[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal data.

    Args:
        table: one row per unit, holding the value each coder gave it, None
            where a coder gave none (rows may differ in length).

    Returns:
        ``1 - (n - 1) * sum(o_ck, c != k) / sum(n_c * n_k, c != k)`` over the
        coincidence matrix of the pairable units (those with two or more
        values), or None when no unit is pairable or only one value occurs.
    """
    tally = AlphaTally()
    for row in table:
        tally.add(row)
    return tally.alpha()


class KappaTally:
    """Running counts for Cohen's kappa of two coders."""

    def __init__(self) -> None:
        self.first: Counter[Hashable] = Counter()
        self.second: Counter[Hashable] = Counter()
        self.agreed = 0
        self.n = 0

    def add(self, first: Hashable | None, second: Hashable | None, times: int = 1) -> None:
        """Add one unit (``times`` such units); it counts only when both coders gave a value."""
        if first is None or second is None:
            return
        self.first[first] += times
        self.second[second] += times
        self.agreed += times if first == second else 0
        self.n += times

    def kappa(self) -> float | None:
        """Kappa of the units added so far, or None when undefined."""
        if self.n == 0 or (len(self.first) == 1 and self.first.keys() == self.second.keys()):
            return None  # nothing rated, or chance agreement is 1
        chance = sum(c * self.second[v] for v, c in self.first.items()) / (self.n * self.n)
        return (self.agreed / self.n - chance) / (1.0 - chance)


def cohen_kappa(
    first: Sequence[Hashable | None], second: Sequence[Hashable | None]
) -> float | None:
    """Cohen's kappa of two coders over the units both rated.

    Args:
        first: the first coder's value for each unit, None where missing.
        second: the second coder's values for the same units.

    Returns:
        ``(p_o - p_e) / (1 - p_e)``, or None when no unit has both values or
        chance agreement ``p_e`` is 1.

    Raises:
        ValueError: if the two sequences differ in length.
    """
    if len(first) != len(second):
        raise ValueError(f"{len(first)} values against {len(second)}")
    tally = KappaTally()
    for a, b in zip(first, second, strict=True):
        tally.add(a, b)
    return tally.kappa()


class FleissTally:
    """Running sums for Fleiss' kappa, fed one unit at a time."""

    def __init__(self) -> None:
        self.totals: Counter[Hashable] = Counter()
        self.sizes: set[int] = set()
        self.units = 0
        self._agreement = 0.0  # sum of P_i

    def add(self, values: Iterable[Hashable | None]) -> None:
        """Add one unit; a unit without any value is left out."""
        self.add_counts(Counter(v for v in values if v is not None))

    def first_values(self, values: Iterable[Hashable]) -> None:
        """The values, in the order they first occur among the units to be added.

        Chance agreement adds up the values' shares in the order the values
        first occurred; with this order given first, units may be added in
        any order (as counts) and give the kappa of adding them one by one.
        Each value given must then be added.
        """
        for value in values:
            self.totals.setdefault(value, 0)

    def add_counts(self, counts: Mapping[Hashable, int], times: int = 1) -> None:
        """Add one unit given as value -> number of raters who gave it (``times`` such units).

        The units' shares of agreement are added one after the other, as when
        added one by one.
        """
        m = sum(counts.values())
        if m == 0:
            return
        self.units += times
        self.sizes.add(m)
        for value, n in counts.items():
            self.totals[value] += n * times
        if m > 1:
            share = (sum(n * n for n in counts.values()) - m) / (m * (m - 1))
            if times == 1 or (share in (0.0, 1.0) and self._agreement.is_integer()):
                self._agreement += share * times  # whole numbers: the same sum at once
            else:
                for _ in range(times):
                    self._agreement += share

    def kappa(self) -> float | None:
        """Kappa of the units added so far, or None when undefined."""
        if len(self.sizes) != 1 or min(self.sizes) < 2 or len(self.totals) < 2:
            return None  # unequal numbers of ratings, single ratings, or one value only
        ratings = sum(self.totals.values())
        chance = sum((t / ratings) ** 2 for t in self.totals.values())
        return (self._agreement / self.units - chance) / (1.0 - chance)


def fleiss_kappa(table: Iterable[Iterable[Hashable | None]]) -> float | None:
    """Fleiss' kappa (1971) for units that all have the same number of ratings.

    Args:
        table: one row per unit with the values of its raters, None where
            missing; rows without any value are left out.

    Returns:
        ``(P̄ - P̄e) / (1 - P̄e)``, or None when the units have different
        numbers of values, fewer than two each, or only one value occurs.
    """
    tally = FleissTally()
    for row in table:
        tally.add(row)
    return tally.kappa()
