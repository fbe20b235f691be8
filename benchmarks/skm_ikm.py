"""Benchmark: IKM of a unit-year with 1,000,000 responses, computed in the database.

Compares the portal's code path (surveys.results.combined_result: one COUNT/SUM-per-unsur aggregate
through Piccolo, then the exact formula) with one hand-written SQL aggregate (AVG per unsur) over the
same table. Target: portal time <= 1.5 x hand-written SQL time, and the same IKM.

    .venv/bin/python benchmarks/skm_ikm.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="skm-bench-"))
DB_PATH = WORKDIR / "bench.sqlite"
os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
os.environ.setdefault("PORTAL_DATA_DIR", str(WORKDIR / "data"))
os.environ.setdefault("PORTAL_LOG_LEVEL", "WARNING")

HAND_WRITTEN_SQL = (
    "SELECT COUNT(*), " + ", ".join(f"AVG(u{i})" for i in range(1, 10))
    + " FROM survey_response WHERE unit = ? AND period IN (SELECT id FROM survey_period WHERE unit = ? AND year = ?)"
)


async def prepare(rows: int) -> tuple[int, int]:
    from portal.migrate import migrate
    from portal.tables import Unit
    from surveys.periods import create_period

    await migrate()
    unit = (await Unit.insert(Unit(slug="bench", name="Unit Benchmark")).returning(Unit.id))[0]["id"]
    from datetime import date

    first = await create_period(unit_id=unit, period_type="semester", start=date(2025, 1, 1),
                                end=date(2025, 6, 30), population=600_000)
    second = await create_period(unit_id=unit, period_type="semester", start=date(2025, 7, 1),
                                 end=date(2025, 12, 31), population=600_000)
    bulk_insert(rows, unit, [first, second])
    return unit, 2025


def bulk_insert(rows: int, unit: int, periods: list[int]) -> None:
    """executemany in batches of 50,000 inside one transaction (the fast path SQLite offers)."""
    rng = random.Random(14_2017)
    connection = sqlite3.connect(DB_PATH)
    connection.execute("PRAGMA synchronous=OFF")
    sql = (
        "INSERT INTO survey_response (period, unit, service, channel, token, device_hash, u1, u2, u3, u4, u5, u6,"
        " u7, u8, u9, age_band, sex, education, occupation, suggestion, submitted_at, entered_by)"
        " VALUES (?, ?, NULL, 'web', NULL, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '', '', '', ?, NULL)"
    )
    weights = [1, 3, 10, 8]
    batch = 50_000
    with connection:
        for offset in range(0, rows, batch):
            size = min(batch, rows - offset)
            answers = rng.choices((1, 2, 3, 4), weights=weights, k=size * 9)
            connection.executemany(sql, (
                (periods[(offset + n) % 2], unit, *answers[n * 9:(n + 1) * 9], "2025-06-01T09:00:00+00:00")
                for n in range(size)
            ))
    connection.close()


async def portal_ikm(unit: int, year: int) -> tuple[float, object]:
    from surveys.results import combined_result
    from surveys.tables import SurveyPeriod

    started = time.perf_counter()
    periods = await SurveyPeriod.select().where(
        (SurveyPeriod.unit == unit) & (SurveyPeriod.year == year)
    ).output(load_json=True)
    result = await combined_result(periods, with_services=False)
    return time.perf_counter() - started, result


def hand_written_ikm(unit: int, year: int) -> tuple[float, int, float]:
    connection = sqlite3.connect(DB_PATH)
    started = time.perf_counter()
    count, *averages = connection.execute(HAND_WRITTEN_SQL, (unit, unit, year)).fetchone()
    ikm = sum(averages) / 9 * 25
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed, count, ikm


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.pop("PORTAL_SKM_WEIGHTING", None)  # exact 1/9: comparable with AVG/9

    started = time.perf_counter()
    unit, year = await prepare(args.rows)
    load_seconds = time.perf_counter() - started

    portal_times, sql_times = [], []
    result = None
    sql_count, sql_value = 0, 0.0
    for _ in range(args.repeat):  # interleaved, so cache warmth is shared
        elapsed, result = await portal_ikm(unit, year)
        portal_times.append(elapsed)
        elapsed, sql_count, sql_value = hand_written_ikm(unit, year)
        sql_times.append(elapsed)
    portal_s, sql_s = statistics.median(portal_times), statistics.median(sql_times)
    portal_value = float(result.konversi)  # type: ignore[union-attr]
    print(f"database            SQLite {sqlite3.sqlite_version} ({DB_PATH})")
    print(f"rows                {result.responses:,} (hand-written SQL counted {sql_count:,})")  # type: ignore[union-attr]
    print(f"bulk load           {load_seconds:.1f} s (migrations + executemany)")
    print(f"portal IKM time     {portal_s * 1000:.1f} ms (median of {args.repeat})")
    print(f"hand-written SQL    {sql_s * 1000:.1f} ms (median of {args.repeat})")
    print(f"ratio               {portal_s / sql_s:.2f}x (target <= 1.5x)")
    print(f"IKM portal          {portal_value:.2f} (exact: {float(result.ikm * 25):.6f})")  # type: ignore[union-attr]
    print(f"IKM hand-written    {round(sql_value, 2):.2f} (float: {sql_value:.6f})")
    if abs(float(result.ikm * 25) - sql_value) > 1e-6:  # type: ignore[union-attr]
        raise SystemExit("IKM values differ")


if __name__ == "__main__":
    asyncio.run(main())
