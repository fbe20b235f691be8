"""PEKPPP F-03 (the service users' perception) as a questionnaire kind of the survey machinery.

The questions, the answer scale, how the index is computed and the required sample are data
(`surveys/questionnaires/pekppp-f03.json`, with a `status` per part). An F-03 period is an ordinary
SurveyPeriod with kind "f03": opening it copies the file's items into the period's questionnaire
(SurveyExtraUnsur rows, frozen once answers arrive), and citizens answer through the same public pages,
receipt codes, open-mode ballots, quarantine and paper entry as the SKM. Its answers never enter the
SKM/IKM figures (those read SKM periods only); `f03_result` is what the PEKPPP sheet combines with F-02.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from piccolo.query.functions.aggregate import Count, Sum

from surveys.tables import SurveyExtraAnswer, SurveyExtraUnsur, SurveyPeriod, SurveyResponse

KIND_SKM = "skm"
KIND_F03 = "f03"
KINDS = (KIND_SKM, KIND_F03)
QUESTIONNAIRE_FILE = Path(__file__).resolve().parent / "questionnaires" / "pekppp-f03.json"


class QuestionnaireError(ValueError):
    """The F-03 definition file is malformed."""


@dataclass(frozen=True, slots=True)
class F03Item:
    code: str
    ref: str
    name: dict[str, str]
    question: dict[str, str]
    status: str


@dataclass(frozen=True, slots=True)
class F03Questionnaire:
    version: str
    title: dict[str, str]
    status: str
    items: tuple[F03Item, ...]
    scale_min: int
    scale_max: int
    labels: dict[str, tuple[str, ...]]
    scale_status: str
    target_max: int
    decimals: int
    index_status: str
    min_sample: int
    max_sample: int | None
    sample_status: str
    raw: dict[str, Any]

    def item(self, code: str) -> F03Item | None:
        return next((i for i in self.items if i.code == code), None)

    def scale_labels(self, language: str = "id") -> tuple[str, ...]:
        return self.labels.get(language) or self.labels["id"]


def parse_questionnaire(data: dict[str, Any]) -> F03Questionnaire:
    try:
        scale, index, sample = data["scale"], data["index"], data["sample"]
        items = tuple(
            F03Item(
                code=i["code"], ref=i.get("ref", ""), name=i["name"], question=i["question"], status=i.get("status", "")
            )
            for i in data["items"]
        )
        scale_min, scale_max = int(scale["min"]), int(scale["max"])
        labels = {lang: tuple(texts) for lang, texts in scale["labels"].items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise QuestionnaireError(f"F-03 questionnaire: missing or invalid {exc}") from exc
    if not items:
        raise QuestionnaireError("F-03 questionnaire: no items")
    if len({i.code for i in items}) != len(items) or any(len(i.code) > 8 for i in items):
        raise QuestionnaireError("F-03 questionnaire: item codes must be unique and at most 8 characters")
    # The public form numbers the answers 1..n (as the SKM form does).
    if scale_min != 1 or scale_max < 2:
        raise QuestionnaireError("F-03 questionnaire: the scale must run from 1 to at least 2")
    if "id" not in labels or any(len(texts) != scale_max for texts in labels.values()):
        raise QuestionnaireError("F-03 questionnaire: one label per answer value is needed (id at least)")
    if index.get("method") != "mean_of_item_means":
        raise QuestionnaireError(f"F-03 questionnaire: unknown index method {index.get('method')!r}")
    return F03Questionnaire(
        version=data["version"],
        title=data.get("title", {"id": data["version"]}),
        status=data.get("status", ""),
        items=items,
        scale_min=scale_min,
        scale_max=scale_max,
        labels=labels,
        scale_status=scale.get("status", ""),
        target_max=int(index.get("target_max", 5)),
        decimals=int(index.get("decimals", 2)),
        index_status=index.get("status", ""),
        min_sample=int(sample["min"]),
        max_sample=int(sample["max"]) if sample.get("max") else None,
        sample_status=sample.get("status", ""),
        raw=data,
    )


@cache
def load_questionnaire() -> F03Questionnaire:
    with QUESTIONNAIRE_FILE.open(encoding="utf-8") as fh:
        return parse_questionnaire(json.load(fh))


def is_f03(period: dict[str, Any]) -> bool:
    return period.get("kind") == KIND_F03


async def add_items(period_id: int) -> None:
    """Copies the file's items into a new F-03 period's questionnaire (inside the caller's transaction)."""
    questionnaire = load_questionnaire()
    await SurveyExtraUnsur.insert(
        *(
            SurveyExtraUnsur(
                period=period_id,
                code=item.code,
                name=item.name["id"][:120],
                question=item.question["id"][:300],
                labels=list(questionnaire.scale_labels("id")),
                position=n,
            )
            for n, item in enumerate(questionnaire.items, start=1)
        )
    )


def localised_question(row: dict[str, Any], language: str) -> dict[str, Any]:
    """A stored F-03 question in the page's language when the file has that item, else as stored."""
    questionnaire = load_questionnaire()
    item = questionnaire.item(row["code"])
    if item is None or language == "id":
        return {"code": row["code"], "name": row["name"], "question": row["question"], "labels": row["labels"]}
    labels = questionnaire.scale_labels(language)
    return {
        "code": row["code"],
        "name": item.name.get(language) or row["name"],
        "question": item.question.get(language) or row["question"],
        "labels": list(labels) if len(labels) == len(row["labels"]) else row["labels"],
    }


@dataclass(frozen=True, slots=True)
class F03Result:
    """The collected F-03 of a unit-year: its score 0–5 (None without answers) and sample."""

    score: Decimal | None
    respondents: int
    required: int
    item_means: dict[str, Fraction]
    period_ids: tuple[int, ...]

    @property
    def too_small(self) -> bool:
        return self.respondents < self.required


def index_from_sums(sums: dict[str, tuple[int, int]], questionnaire: F03Questionnaire) -> Decimal | None:
    """Mean of the item means, scaled to 0–target_max by the scale's maximum, rounded half up (exact)."""
    means = [Fraction(total, n) for n, total in sums.values() if n]
    if not means:
        return None
    value = sum(means, Fraction(0)) / len(means) * questionnaire.target_max / questionnaire.scale_max
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-questionnaire.decimals), rounding=ROUND_HALF_UP)


async def f03_periods(unit_id: int, year: int) -> list[dict[str, Any]]:
    return (
        await SurveyPeriod.select(SurveyPeriod.id, SurveyPeriod.label, SurveyPeriod.accepting)
        .where((SurveyPeriod.unit == unit_id) & (SurveyPeriod.year == year) & (SurveyPeriod.kind == KIND_F03))
        .order_by(SurveyPeriod.start_date)
    )


async def f03_result(unit_id: int, year: int) -> F03Result:
    """Pools every F-03 period of the unit whose year is `year`; held (quarantined) answers do not count."""
    questionnaire = load_questionnaire()
    ids = tuple(p["id"] for p in await f03_periods(unit_id, year))
    if not ids:
        return F03Result(None, 0, questionnaire.min_sample, {}, ids)
    respondents = await SurveyResponse.count().where(
        SurveyResponse.period.is_in(list(ids)) & SurveyResponse.held.eq(False)
    )
    rows = (
        await SurveyExtraAnswer.select(
            SurveyExtraAnswer.unsur.code.as_alias("code"), Count(alias="n"), Sum(SurveyExtraAnswer.value, alias="s")
        )
        .where(SurveyExtraAnswer.unsur.period.is_in(list(ids)) & SurveyExtraAnswer.response.held.eq(False))
        .group_by(SurveyExtraAnswer.unsur.code)
    )
    sums = {row["code"]: (int(row["n"]), int(row["s"] or 0)) for row in rows}
    means = {code: Fraction(total, n) for code, (n, total) in sums.items() if n}
    return F03Result(index_from_sums(sums, questionnaire), respondents, questionnaire.min_sample, means, ids)
