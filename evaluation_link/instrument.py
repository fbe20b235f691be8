"""The PEKPPP instrument as data: versioned definition files in evaluation_link/instruments/*.json.

Adding another instrument version means adding a JSON file; no code changes. `load_instrument`
validates the structure (scale, weights summing to 1 per aspect and over aspects, bands) so a broken
file fails loudly at start-up or in tests, never halfway through a scoring run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from portal.i18n import _

INSTRUMENT_DIR = Path(__file__).resolve().parent / "instruments"
DEFAULT_VERSION = "pekppp-2023-f02-kode-a"
WEIGHT_TOLERANCE = 1e-6


class InstrumentError(ValueError):
    """The definition file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Indicator:
    no: int
    code: str
    aspect: str
    name: dict[str, str]
    weight: float
    levels: tuple[str, ...]
    evidence: tuple[str, ...]
    status: str
    weight_status: str = ""
    rule: str | None = None
    source: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    @property
    def is_auto(self) -> bool:
        return self.rule is not None

    def title(self, language: str = "id") -> str:
        return self.name.get(language) or self.name["id"]


@dataclass(frozen=True, slots=True)
class Aspect:
    code: str
    roman: str
    name: dict[str, str]
    weight: float
    status: str

    def title(self, language: str = "id") -> str:
        return self.name.get(language) or self.name["id"]


@dataclass(frozen=True, slots=True)
class Band:
    minimum: float
    category: str
    name: dict[str, str]

    def title(self, language: str = "id") -> str:
        return self.name.get(language) or self.name["id"]


@dataclass(frozen=True, slots=True)
class Instrument:
    version: str
    title: dict[str, str]
    status: str
    aspects: tuple[Aspect, ...]
    indicators: tuple[Indicator, ...]
    bands: tuple[Band, ...]
    scale_min: int
    scale_max: int
    ipp_decimals: int
    evaluator_weight: float
    users_weight: float
    combination_status: str
    response_speed_hours: tuple[float, ...]
    raw: dict[str, Any]

    def indicator(self, no: int) -> Indicator:
        for item in self.indicators:
            if item.no == no:
                return item
        raise KeyError(no)

    def aspect(self, code: str) -> Aspect:
        for item in self.aspects:
            if item.code == code:
                return item
        raise KeyError(code)

    def indicators_of(self, aspect_code: str) -> list[Indicator]:
        return [i for i in self.indicators if i.aspect == aspect_code]

    @property
    def scored_aspects(self) -> list[Aspect]:
        return [a for a in self.aspects if a.weight > 0]


def _require(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise InstrumentError(f"{where}: missing {key!r}")
    return data[key]


def parse_instrument(data: dict[str, Any]) -> Instrument:
    version = _require(data, "version", "instrument")
    scale = _require(data, "scale", version)
    levels_expected = int(scale["max"]) - int(scale["min"]) + 1
    aspects = tuple(
        Aspect(
            code=a["code"],
            roman=a.get("roman", ""),
            name=a["name"],
            weight=float(a["weight"]),
            status=a.get("status", ""),
        )
        for a in _require(data, "aspects", version)
    )
    codes = {a.code for a in aspects}
    indicators: list[Indicator] = []
    for raw in _require(data, "indicators", version):
        where = f"{version} indicator {raw.get('no')}"
        if raw["aspect"] not in codes:
            raise InstrumentError(f"{where}: unknown aspect {raw['aspect']!r}")
        if len(raw["levels"]) != levels_expected:
            raise InstrumentError(f"{where}: needs {levels_expected} level texts")
        auto = raw.get("auto") or {}
        indicators.append(
            Indicator(
                no=int(raw["no"]),
                code=raw["code"],
                aspect=raw["aspect"],
                name=raw["name"],
                weight=float(raw["weight"]),
                levels=tuple(raw["levels"]),
                evidence=tuple(raw.get("evidence", [])),
                status=raw.get("status", ""),
                weight_status=raw.get("weight_status", ""),
                rule=auto.get("rule"),
                source=auto.get("source"),
                params=auto.get("params", {}),
                note=raw.get("note", ""),
            )
        )
    if len({i.no for i in indicators}) != len(indicators):
        raise InstrumentError(f"{version}: indicator numbers must be unique")
    for aspect in aspects:
        total = sum(i.weight for i in indicators if i.aspect == aspect.code)
        if abs(total - 1.0) > WEIGHT_TOLERANCE:
            raise InstrumentError(f"{version}: in-aspect weights of {aspect.code!r} sum to {total}, not 1")
    if abs(sum(a.weight for a in aspects) - 1.0) > WEIGHT_TOLERANCE:
        raise InstrumentError(f"{version}: aspect weights do not sum to 1")
    bands = tuple(
        sorted(
            (Band(minimum=float(b["min"]), category=b["category"], name=b["name"]) for b in data["bands"]),
            key=lambda b: b.minimum,
            reverse=True,
        )
    )
    if not bands or bands[-1].minimum > float(scale["min"]):
        raise InstrumentError(f"{version}: the lowest band must start at the scale minimum")
    combination = data.get("combination", {})
    speed = data.get("response_speed_24h", {})
    return Instrument(
        version=version,
        title=data.get("title", {"id": version}),
        status=data.get("status", ""),
        aspects=aspects,
        indicators=tuple(indicators),
        bands=bands,
        scale_min=int(scale["min"]),
        scale_max=int(scale["max"]),
        ipp_decimals=int(data.get("rounding", {}).get("ipp_decimals", 2)),
        evaluator_weight=float(combination.get("evaluator_weight", 1.0)),
        users_weight=float(combination.get("users_weight", 0.0)),
        combination_status=combination.get("status", ""),
        response_speed_hours=tuple(float(h) for h in speed.get("hours", [])),
        raw=data,
    )


def available_versions() -> list[str]:
    return sorted(path.stem for path in INSTRUMENT_DIR.glob("*.json"))


@cache
def load_instrument(version: str = DEFAULT_VERSION) -> Instrument:
    if version not in available_versions():
        raise InstrumentError(f"unknown instrument version {version!r}")
    with (INSTRUMENT_DIR / f"{version}.json").open(encoding="utf-8") as fh:
        return parse_instrument(json.load(fh))


def instrument_choices(language: str = "id") -> list[tuple[str, str]]:
    """(version, title) of every instrument file, for the choice made when an assessment is created."""
    return [(v, load_instrument(v).title.get(language) or load_instrument(v).title["id"]) for v in available_versions()]


def is_unconfirmed(status: str) -> bool:
    return status.strip().lower().startswith("unconfirmed")


def unconfirmed_items(instrument: Instrument, language: str = "id") -> list[str]:
    """What the instrument file marks as unconfirmed: the F-02/F-03 combination, aspect weights, indicators
    and in-aspect weights. The sheet lists these next to the instrument's name."""
    items: list[str] = []
    if is_unconfirmed(instrument.combination_status):
        items.append(f"F-02/F-03: {instrument.evaluator_weight:.2f} / {instrument.users_weight:.2f}")
    for aspect in instrument.aspects:
        if is_unconfirmed(aspect.status):
            items.append(f"{aspect.roman}. {aspect.title(language)}")
    for ind in instrument.indicators:
        parts = [
            label
            for label, status in ((_("indikator"), ind.status), (_("bobot"), ind.weight_status))
            if is_unconfirmed(status)
        ]
        if parts:
            items.append(f"{ind.code} {ind.title(language)} ({', '.join(parts)})")
    return items
