"""The SKM formula against hand-computed examples, the mutu band edges and Krejcie–Morgan table values."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys import formula
from surveys.questionnaire import STANDARD_CODES

CODES = list(STANDARD_CODES)


def answers(*rows: list[int], extra: dict[str, list[int]] | None = None) -> list[dict[str, int]]:
    result = [dict(zip(CODES, row, strict=True)) for row in rows]
    for code, values in (extra or {}).items():
        for response, value in zip(result, values, strict=True):
            response[code] = value
    return result


def test_all_answers_4_give_100_with_exact_weights_and_99_9_with_0_111() -> None:
    data = answers([4] * 9, [4] * 9, [4] * 9)
    exact = formula.ikm_from_answers(data, CODES, convention="exact")
    assert exact.ikm == 4 and exact.konversi_rounded == Decimal("100.00")
    assert exact.mutu == ("A", "Sangat Baik")
    rounded = formula.ikm_from_answers(data, CODES, convention="0.111")
    assert rounded.ikm == Fraction("3.996")
    assert rounded.konversi_rounded == Decimal("99.90")


def test_mixed_answers_match_the_hand_computation() -> None:
    # NRR by hand: 3.00 3.25 3.50 3.00 3.00 3.50 3.75 3.25 3.00 -> sum 29.25
    data = answers(
        [4, 4, 4, 4, 4, 4, 4, 4, 4],
        [3, 3, 3, 3, 3, 3, 3, 3, 3],
        [2, 3, 3, 2, 3, 4, 4, 3, 2],
        [3, 3, 4, 3, 2, 3, 4, 3, 3],
    )
    exact = formula.ikm_from_answers(data, CODES)
    assert [s.nrr for s in exact.unsur] == [
        Fraction(x) for x in ("3", "3.25", "3.5", "3", "3", "3.5", "3.75", "3.25", "3")
    ]
    assert exact.ikm == Fraction("3.25")  # 29.25 / 9
    assert exact.konversi_rounded == Decimal("81.25") and exact.mutu == ("B", "Baik")
    rounded = formula.ikm_from_answers(data, CODES, convention="0.111")
    assert rounded.ikm == Fraction("3.24675")  # 29.25 × 0.111
    assert rounded.konversi_rounded == Decimal("81.17")
    assert formula.lowest_unsur(exact) == ["u1", "u4", "u5"]


def test_added_unsur_with_custom_weights() -> None:
    codes = [*CODES, "x1"]
    weights = {code: "0.09" for code in CODES} | {"x1": "0,19"}
    data = answers([3] * 9, [3] * 9, extra={"x1": [1, 2]})
    result = formula.ikm_from_answers(data, codes, weights)
    # 0.81 × 3 + 0.19 × 1.5 = 2.715 -> 67.875 -> 67.88 (C)
    assert result.ikm == Fraction("2.715")
    assert result.konversi_rounded == Decimal("67.88")
    assert result.mutu == ("C", "Kurang Baik")
    assert formula.lowest_unsur(result, 1) == ["x1"]


@pytest.mark.parametrize(
    "weights",
    [
        {code: "0.1" for code in [*CODES, "x1"]} | {"x1": "0.2"},  # sums to 1.1
        {code: "0.1" for code in CODES},  # x1 missing
        {code: "0.1" for code in [*CODES, "x1", "x2"]},  # unknown unsur
        {code: "0.1" for code in CODES} | {"x1": "abc"},
    ],
)
def test_custom_weights_must_cover_every_unsur_and_sum_to_1(weights: dict[str, str]) -> None:
    with pytest.raises(formula.WeightError):
        formula.resolve_weights([*CODES, "x1"], weights)


def test_unsur_without_answers_gives_no_ikm() -> None:
    data = [{code: 3 for code in CODES[:-1]} | {"u9": None}]
    result = formula.ikm_from_answers(data, CODES)
    assert result.ikm is None and result.mutu is None


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("88.305", "A"),
        ("88.3049", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("64.995", "C"),
        ("25", "D"),
    ],
)
def test_mutu_band_edges(value: str, letter: str) -> None:
    assert formula.mutu(Fraction(value))[0] == letter
    assert formula.mutu(Decimal(value))[0] == letter


KREJCIE_MORGAN_TABLE = {
    10: 10,
    15: 14,
    20: 19,
    25: 24,
    30: 28,
    35: 32,
    40: 36,
    45: 40,
    50: 44,
    55: 48,
    60: 52,
    220: 140,
    230: 144,
    240: 148,
    250: 152,
    260: 155,
    270: 159,
    280: 162,
    290: 165,
    300: 169,
    320: 175,
    340: 181,
    1200: 291,
    1300: 297,
    1400: 302,
    1500: 306,
    1600: 310,
    1700: 313,
    1800: 317,
    1900: 320,
    2000: 322,
    2200: 327,
    100: 80,
    200: 132,
    500: 217,
    1000: 278,
    5000: 357,
    10000: 370,
    1_000_000: 384,
}


@pytest.mark.parametrize(("population", "sample"), sorted(KREJCIE_MORGAN_TABLE.items()))
def test_krejcie_morgan_reproduces_the_published_table(population: int, sample: int) -> None:
    assert formula.krejcie_morgan(population) == sample


def test_krejcie_morgan_small_and_empty_populations() -> None:
    assert formula.krejcie_morgan(0) == 0
    assert formula.krejcie_morgan(1) == 1
    assert all(formula.krejcie_morgan(n) <= n for n in range(1, 400))


def test_weighting_convention_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(formula.WEIGHTING_ENV, raising=False)
    assert formula.weighting_convention() == "exact"
    monkeypatch.setenv(formula.WEIGHTING_ENV, "0.111")
    assert formula.weighting_convention() == "0.111"
    monkeypatch.setenv(formula.WEIGHTING_ENV, "0.11")
    with pytest.raises(ValueError, match="PORTAL_SKM_WEIGHTING"):
        formula.weighting_convention()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=40))
def test_ikm_properties_hold_for_any_answers(rows: list[list[int]]) -> None:
    exact = formula.ikm_from_answers(answers(*rows), CODES)
    rounded = formula.ikm_from_answers(answers(*rows), CODES, convention="0.111")
    assert 1 <= exact.ikm <= 4
    assert exact.ikm == Fraction(sum(map(sum, rows)), 9 * len(rows))  # equal weights: the grand mean
    assert rounded.ikm == exact.ikm * 9 * Fraction("0.111") and rounded.ikm < exact.ikm
    assert exact.mutu == formula.mutu(exact.konversi)


@given(st.integers(1, 5_000_000))
def test_krejcie_morgan_is_monotonic_and_capped(population: int) -> None:
    sample = formula.krejcie_morgan(population)
    assert 1 <= sample <= min(population, 384)
    assert formula.krejcie_morgan(population + 1) >= sample
