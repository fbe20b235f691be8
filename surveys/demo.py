"""Demo data of the surveys domain, loaded by `portal demo` after the catalogue (deterministic seed).

2025 (yearly) and 2026 (semester I, published; semester II, open) periods for several units, with
generated answers; Kecamatan Sukamaju's 2025 sample is too small; RTL items, some done; media."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from portal.tables import Service
from surveys.questionnaire import AGE_BANDS, EDUCATION, OCCUPATIONS, SEXES, STANDARD_CODES
from surveys.tables import FollowUpAction, PublicationMedium, SurveyPeriod, SurveyResponse, SurveyToken

# unit slug -> (mean answer per unsur u1..u9, population 2025, responses 2025)
PLAN: dict[str, tuple[tuple[float, ...], int, int]] = {
    "disdukcapil": ((3.3, 3.0, 2.8, 3.9, 3.2, 3.3, 3.4, 2.9, 3.0), 1500, 320),
    "dpmptsp": ((3.5, 3.4, 3.3, 3.8, 3.5, 3.6, 3.7, 3.4, 3.5), 900, 280),
    "dinkes": ((3.1, 3.0, 2.9, 3.5, 3.1, 3.2, 3.3, 2.7, 2.9), 600, 240),
    "puskesmas-sukamaju": ((3.2, 3.1, 2.6, 3.6, 3.2, 3.3, 3.5, 2.8, 2.7), 700, 250),
    "kecamatan-sukamaju": ((2.9, 2.7, 2.5, 3.4, 2.9, 3.0, 3.1, 2.4, 2.6), 2000, 60),
}
RTL_TEMPLATES = {
    "u3": "Menambah loket dan menerapkan antrean daring untuk mempercepat penyelesaian",
    "u8": "Menyediakan petugas khusus pengaduan dan menanggapi setiap aduan paling lambat 5 hari kerja",
    "u9": "Memperbaiki ruang tunggu: kursi tambahan, kipas angin, dan toilet ramah difabel",
    "u2": "Menyederhanakan alur prosedur dan memasang bagan alur di ruang pelayanan",
    "u1": "Memperbarui daftar persyaratan di papan informasi dan situs web",
}


def _answer(rng: random.Random, mean: float) -> int:
    return max(1, min(4, round(rng.gauss(mean, 0.65))))


def _responses(
    rng: random.Random,
    period_id: int,
    unit_id: int,
    services: list[int],
    means: tuple[float, ...],
    count: int,
    start: date,
    end: date,
    shift: float = 0.0,
) -> list[SurveyResponse]:
    days = max(1, (end - start).days)
    rows = []
    for _ in range(count):
        day = start + timedelta(days=rng.randrange(days))
        answers = {code: _answer(rng, mean + shift) for code, mean in zip(STANDARD_CODES, means, strict=True)}
        rows.append(
            SurveyResponse(
                period=period_id,
                unit=unit_id,
                service=rng.choice(services) if services else None,
                channel=rng.choice(("web", "web", "paper", "complaint")),
                age_band=rng.choice(AGE_BANDS)[0],
                sex=rng.choice(SEXES)[0],
                education=rng.choice(EDUCATION)[0],
                occupation=rng.choice(OCCUPATIONS)[0],
                submitted_at=datetime.combine(day, time(9 + rng.randrange(7)), tzinfo=UTC),
                **answers,
            )
        )
    return rows


async def _period(
    unit_id: int,
    period_type: str,
    label: str,
    start: date,
    end: date,
    population: int,
    *,
    published: bool,
    report_date: date | None,
    accepting: bool,
    open_access: bool = False,
) -> int:
    now = datetime.now(UTC)
    rows = await SurveyPeriod.insert(
        SurveyPeriod(
            unit=unit_id,
            period_type=period_type,
            year=start.year,
            label=label,
            start_date=start,
            end_date=end,
            population=population,
            population_source="entered",
            accepting=accepting,
            open_access=open_access,
            weights={},
            published=published,
            report_date=report_date,
            created_at=now,
            updated_at=now,
        )
    ).returning(SurveyPeriod.id)
    return rows[0]["id"]


async def _insert(rows: list[SurveyResponse]) -> None:
    for offset in range(0, len(rows), 500):
        await SurveyResponse.insert(*rows[offset : offset + 500])


async def load_demo(context: dict) -> None:
    """context["units"]: slug -> id (from the catalogue demo)."""
    rng = random.Random(2026)
    units: dict[str, int] = context.get("units", {})
    now = datetime.now(UTC)
    for index, (slug, (means, population, count)) in enumerate(PLAN.items()):
        unit_id = units.get(slug)
        if unit_id is None:
            continue
        services = [r["id"] for r in await Service.select(Service.id).where(Service.unit == unit_id)]
        # 2025: yearly survey, published with a report in January 2026 and a follow-up plan.
        report = date(2026, 1, 20)
        y2025 = await _period(
            unit_id,
            "year",
            "Tahun 2025",
            date(2025, 1, 1),
            date(2025, 12, 31),
            population,
            published=True,
            report_date=report,
            accepting=False,
        )
        await _insert(_responses(rng, y2025, unit_id, services, means, count, date(2025, 1, 1), date(2025, 12, 31)))
        lowest = sorted(zip(means, STANDARD_CODES, strict=True))[:3]
        for position, (_mean, code) in enumerate(lowest):
            done = position < 2 or index % 2 == 0  # units 0, 2, 4 finish everything; the others not
            completed = report + timedelta(days=25 + 20 * position) if done else None
            await FollowUpAction.insert(
                FollowUpAction(
                    period=y2025,
                    unsur_code=code,
                    action=RTL_TEMPLATES.get(code, "Meningkatkan kualitas unsur ini"),
                    owner="Kepala Sub Bagian Umum",
                    due_date=report + timedelta(days=90),
                    completed_on=completed,
                    evidence_url=f"/survei/hasil/{slug}" if done else "",
                    evidence_note="Laporan pelaksanaan RTL" if done else "",
                    created_at=now,
                    updated_at=now,
                )
            )
        for medium, detail in (
            ("papan_pengumuman", "Ruang tunggu"),
            ("media_sosial", "Instagram resmi"),
            ("website", "Situs web unit"),
        )[: 1 + index % 3]:
            await PublicationMedium.insert(
                PublicationMedium(period=y2025, medium=medium, detail=detail, published_on=report, created_at=now)
            )
        if index >= 3:
            continue
        # 2026: semester I published (improved a little); semester II open for answers.
        s1 = await _period(
            unit_id,
            "semester",
            "Semester I 2026",
            date(2026, 1, 1),
            date(2026, 6, 30),
            population // 2,
            published=True,
            report_date=date(2026, 7, 20),
            accepting=False,
        )
        await _insert(
            _responses(
                rng, s1, unit_id, services, means, count // 2 + 10, date(2026, 1, 1), date(2026, 6, 30), shift=0.15
            )
        )
        s2 = await _period(
            unit_id,
            "semester",
            "Semester II 2026",
            date(2026, 7, 1),
            date(2026, 12, 31),
            population // 2,
            published=False,
            report_date=None,
            accepting=True,
            open_access=slug == "dinkes",
        )
        await _insert(
            _responses(rng, s2, unit_id, services, means, 40, date(2026, 7, 1), date(2026, 11, 20), shift=0.2)
        )
        await SurveyToken.insert(
            *(SurveyToken(period=s2, code=f"DEMO{index}{n:03d}"[:8], created_at=now) for n in range(20))
        )
