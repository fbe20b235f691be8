"""The SKM arithmetic of PermenPANRB 14/2017, exact and framework-free.

* NRR per unsur = sum of the answers (1–4) / number of answers to that unsur.
* IKM (1–4) = sum over the unsur of NRR × weight; IKM konversi (25–100) = IKM × 25.
* Weights: equal weights 1/n ("exact", the default) or the Permen's rounded 0,111 for 9 unsur
  ("0.111": round(1/n, 3)); a unit that adds unsur may give its own weights summing to 1.
* Mutu: the 25–100 value rounded half-up to 2 decimals; A ≥ 88,31; B ≥ 76,61; C ≥ 65,00; else D.
* Sample size: Krejcie & Morgan, s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)), χ² = 3,841, P = 0,5, d = 0,05,
  rounded half-up (reproduces the published table).

Everything is computed with Fractions, so SQLite and PostgreSQL give identical results.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

WEIGHTING_ENV = "PORTAL_SKM_WEIGHTING"
WEIGHTING_EXACT = "exact"
WEIGHTING_ROUNDED = "0.111"
WEIGHTINGS = (WEIGHTING_EXACT, WEIGHTING_ROUNDED)

CHI_SQUARE = Fraction(3841, 1000)
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)

# (lower bound on the rounded 25–100 value, mutu, kinerja unit); checked top-down.
MUTU_BANDS: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)


class WeightError(ValueError):
    """Custom weights that are not usable (unknown unsur, negative, or not summing to 1)."""


def weighting_convention() -> str:
    """The configured convention: PORTAL_SKM_WEIGHTING = "exact" (1/9, default) or "0.111"."""
    value = os.environ.get(WEIGHTING_ENV, "").strip() or WEIGHTING_EXACT
    if value not in WEIGHTINGS:
        raise ValueError(f"{WEIGHTING_ENV} must be one of {', '.join(WEIGHTINGS)} (got {value!r})")
    return value


def krejcie_morgan(population: int) -> int:
    """Required sample for a population of `population` service users."""
    if population <= 0:
        return 0
    n = Fraction(population)
    pq = PROPORTION * (1 - PROPORTION)
    size = CHI_SQUARE * n * pq / (MARGIN**2 * (n - 1) + CHI_SQUARE * pq)
    return min(population, math.floor(size + Fraction(1, 2)))


def equal_weight(count: int, convention: str = WEIGHTING_EXACT) -> Fraction:
    if count <= 0:
        raise WeightError("no unsur")
    if convention == WEIGHTING_ROUNDED:
        return Fraction(round(Decimal(1) / Decimal(count), 3))
    return Fraction(1, count)


def parse_weight(text: str | float | Fraction) -> Fraction:
    """'0.2', '0,2', '1/9' or a number -> Fraction (raises WeightError on nonsense)."""
    if isinstance(text, Fraction):
        return text
    raw = str(text).strip().replace(",", ".")
    try:
        value = Fraction(raw)
    except (ValueError, ZeroDivisionError) as exc:
        raise WeightError(f"invalid weight {text!r}") from exc
    if value < 0 or value > 1:
        raise WeightError(f"weight out of range {text!r}")
    return value


def resolve_weights(
    codes: Sequence[str], custom: Mapping[str, str | float] | None = None, convention: str = WEIGHTING_EXACT
) -> dict[str, Fraction]:
    """Weights per unsur code: custom ones (must cover every code and sum to exactly 1) or equal ones."""
    if not custom:
        weight = equal_weight(len(codes), convention)
        return {code: weight for code in codes}
    unknown = set(custom) - set(codes)
    missing = set(codes) - set(custom)
    if unknown or missing:
        raise WeightError(f"weights must cover exactly the unsur {list(codes)}")
    weights = {code: parse_weight(custom[code]) for code in codes}
    if sum(weights.values()) != 1:
        raise WeightError("weights must sum to 1")
    return weights


def round2(value: Fraction | Decimal | float) -> Decimal:
    """Half-up rounding to 2 decimals (what reports print and bands compare)."""
    if isinstance(value, Fraction):
        decimal = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        decimal = Decimal(str(value))
    return decimal.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def mutu(konversi: Fraction | Decimal | float) -> tuple[str, str]:
    """(mutu letter, kinerja unit label) for a 25–100 value."""
    rounded = round2(konversi)
    for lower, letter, label in MUTU_BANDS[:-1]:
        if rounded >= lower:
            return letter, label
    return MUTU_BANDS[-1][1], MUTU_BANDS[-1][2]


@dataclass(frozen=True, slots=True)
class UnsurScore:
    code: str
    answers: int
    total: int
    weight: Fraction

    @property
    def nrr(self) -> Fraction | None:
        return Fraction(self.total, self.answers) if self.answers else None


@dataclass(frozen=True, slots=True)
class IkmResult:
    unsur: tuple[UnsurScore, ...]
    ikm: Fraction | None  # 1–4
    convention: str

    @property
    def konversi(self) -> Fraction | None:
        return self.ikm * 25 if self.ikm is not None else None

    @property
    def konversi_rounded(self) -> Decimal | None:
        return round2(self.konversi) if self.konversi is not None else None

    @property
    def mutu(self) -> tuple[str, str] | None:
        return mutu(self.konversi) if self.konversi is not None else None


def compute_ikm(
    sums: Mapping[str, tuple[int, int]],
    codes: Sequence[str],
    custom_weights: Mapping[str, str | float] | None = None,
    convention: str = WEIGHTING_EXACT,
) -> IkmResult:
    """IKM from per-unsur (answer count, answer sum); None when an unsur has no answers."""
    weights = resolve_weights(codes, custom_weights, convention)
    scores = tuple(
        UnsurScore(code=code, answers=sums.get(code, (0, 0))[0], total=sums.get(code, (0, 0))[1], weight=weights[code])
        for code in codes
    )
    if any(score.nrr is None for score in scores):
        return IkmResult(unsur=scores, ikm=None, convention=convention)
    ikm = sum((score.nrr * score.weight for score in scores), Fraction(0))  # type: ignore[operator]
    return IkmResult(unsur=scores, ikm=ikm, convention=convention)


def ikm_from_answers(
    answers: Sequence[Mapping[str, int | None]],
    codes: Sequence[str],
    custom_weights: Mapping[str, str | float] | None = None,
    convention: str = WEIGHTING_EXACT,
) -> IkmResult:
    """Convenience for small sets held in memory (tests, paper previews)."""
    sums: dict[str, tuple[int, int]] = {}
    for code in codes:
        values = [a[code] for a in answers if a.get(code) is not None]
        sums[code] = (len(values), sum(values))  # type: ignore[arg-type]
    return compute_ikm(sums, codes, custom_weights, convention)


def lowest_unsur(result: IkmResult, count: int = 3) -> list[str]:
    """Codes of the `count` lowest NRR (candidates for follow-up), lowest first."""
    scored = [s for s in result.unsur if s.nrr is not None]
    scored.sort(key=lambda s: (s.nrr, s.code))
    return [s.code for s in scored[:count]]
