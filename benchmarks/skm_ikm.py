"""Benchmark: IKM of a unit-year with 1,000,000 responses, computed in the database.

Compares the portal's code path (surveys.results.combined_result: one COUNT(*)/SUM-per-unsur aggregate
through Piccolo, then the exact formula) with one hand-written SQL aggregate (AVG per unsur) over the
same table. Target: portal time <= 1.5 x hand-written SQL time, and the same IKM.

    .venv/bin/python benchmarks/skm_ikm.py [--rows 1000000] [--repeat 5]
    .venv/bin/python benchmarks/skm_ikm.py --database-url postgresql://postgres@127.0.0.1:5432/skm_bench

SQLite (default): a temporary file, rows bulk-inserted with executemany in batches of 50,000.
PostgreSQL: the database name must contain "bench" (its public schema is dropped and recreated);
rows are loaded with COPY.
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
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="skm-bench-"))
SQLITE_PATH = WORKDIR / "bench.sqlite"

COLUMNS = (
    "period",
    "unit",
    "channel",
    "device_hash",
    *(f"u{i}" for i in range(1, 10)),
    "age_band",
    "sex",
    "education",
    "occupation",
    "suggestion",
    "submitted_at",
)
AVERAGES = ", ".join(f"AVG(u{i})" for i in range(1, 10))
SUBMITTED = datetime(2025, 6, 1, 9, tzinfo=UTC)


def hand_written_sql(placeholder: str) -> str:
    a, b, c = (placeholder.format(n) for n in (1, 2, 3))
    return (
        f"SELECT COUNT(*), {AVERAGES} FROM survey_response WHERE unit = {a} AND period IN "
        f"(SELECT id FROM survey_period WHERE unit = {b} AND year = {c})"
    )


def generate(rows: int, unit: int, periods: list[int]):
    rng = random.Random(14_2017)
    batch = 50_000
    for offset in range(0, rows, batch):
        size = min(batch, rows - offset)
        answers = rng.choices((1, 2, 3, 4), weights=[1, 3, 10, 8], k=size * 9)
        yield [
            (periods[(offset + n) % 2], unit, "web", "", *answers[n * 9 : (n + 1) * 9], "", "", "", "", "", SUBMITTED)
            for n in range(size)
        ]


async def prepare(rows: int, url: str) -> tuple[int, int]:
    from portal.migrate import migrate
    from portal.tables import Unit
    from surveys.services.periods import create_period

    if url.startswith("postgres"):
        from portal.db import get_engine

        await get_engine().run_ddl("DROP SCHEMA public CASCADE")
        await get_engine().run_ddl("CREATE SCHEMA public")
    await migrate()
    unit = (await Unit.insert(Unit(slug="bench", name="Unit Benchmark")).returning(Unit.id))[0]["id"]
    periods = [
        await create_period(
            unit_id=unit, period_type="semester", start=date(2025, 1, 1), end=date(2025, 6, 30), population=600_000
        ),
        await create_period(
            unit_id=unit, period_type="semester", start=date(2025, 7, 1), end=date(2025, 12, 31), population=600_000
        ),
    ]
    if url.startswith("postgres"):
        await bulk_copy_postgres(url, rows, unit, periods)
    else:
        bulk_insert_sqlite(rows, unit, periods)
    return unit, 2025


def bulk_insert_sqlite(rows: int, unit: int, periods: list[int]) -> None:
    connection = sqlite3.connect(SQLITE_PATH)
    connection.execute("PRAGMA synchronous=OFF")
    sql = f"INSERT INTO survey_response ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    with connection:
        for batch in generate(rows, unit, periods):
            connection.executemany(sql, [(*row[:-1], row[-1].isoformat()) for row in batch])
    connection.close()


async def bulk_copy_postgres(url: str, rows: int, unit: int, periods: list[int]) -> None:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        for batch in generate(rows, unit, periods):
            await connection.copy_records_to_table("survey_response", records=batch, columns=list(COLUMNS))
        await connection.execute("ANALYZE survey_response")
    finally:
        await connection.close()


async def portal_ikm(unit: int, year: int) -> tuple[float, object]:
    from surveys.results import combined_result
    from surveys.tables import SurveyPeriod

    started = time.perf_counter()
    periods = (
        await SurveyPeriod.select()
        .where((SurveyPeriod.unit == unit) & (SurveyPeriod.year == year))
        .output(load_json=True)
    )
    result = await combined_result(periods, with_services=False)
    return time.perf_counter() - started, result


async def hand_written_ikm(url: str, unit: int, year: int, pg: object) -> tuple[float, int, float]:
    started = time.perf_counter()
    if url.startswith("postgres"):
        row = await pg.fetchrow(hand_written_sql("${}"), unit, unit, year)  # type: ignore[attr-defined]
        count, *averages = tuple(row)
    else:
        connection = sqlite3.connect(SQLITE_PATH)
        count, *averages = connection.execute(hand_written_sql("?"), (unit, unit, year)).fetchone()
        connection.close()
    ikm = float(sum(averages)) / 9 * 25
    return time.perf_counter() - started, count, ikm


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=f"sqlite:///{SQLITE_PATH}")
    args = parser.parse_args()
    url = args.database_url
    if url.startswith("postgres") and "bench" not in url.rsplit("/", 1)[-1]:
        raise SystemExit("refusing: the PostgreSQL database name must contain 'bench' (its schema is recreated)")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("PORTAL_DATA_DIR", str(WORKDIR / "data"))
    os.environ.setdefault("PORTAL_LOG_LEVEL", "WARNING")
    os.environ.pop("PORTAL_SKM_WEIGHTING", None)  # exact 1/9: comparable with AVG/9

    started = time.perf_counter()
    unit, year = await prepare(args.rows, url)
    load_seconds = time.perf_counter() - started

    pg = None
    if url.startswith("postgres"):
        import asyncpg

        pg = await asyncpg.connect(url)
    portal_times, sql_times = [], []
    result = None
    sql_count, sql_value = 0, 0.0
    for _ in range(args.repeat):  # interleaved, so cache warmth is shared
        elapsed, result = await portal_ikm(unit, year)
        portal_times.append(elapsed)
        elapsed, sql_count, sql_value = await hand_written_ikm(url, unit, year, pg)
        sql_times.append(elapsed)
    if pg is not None:
        await pg.close()
    portal_s, sql_s = statistics.median(portal_times), statistics.median(sql_times)
    exact = float(result.ikm * 25)  # type: ignore[union-attr]
    engine = f"SQLite {sqlite3.sqlite_version}" if not url.startswith("postgres") else "PostgreSQL"
    print(f"database            {engine} ({url})")
    print(f"rows                {result.responses:,} (hand-written SQL counted {sql_count:,})")  # type: ignore[union-attr]
    print(f"bulk load           {load_seconds:.1f} s (migrations + batched insert)")
    print(f"portal IKM time     {portal_s * 1000:.1f} ms (median of {args.repeat})")
    print(f"hand-written SQL    {sql_s * 1000:.1f} ms (median of {args.repeat})")
    print(f"ratio               {portal_s / sql_s:.2f}x (target <= 1.5x)")
    print(f"IKM portal          {result.konversi} (exact: {exact:.6f})")  # type: ignore[union-attr]
    print(f"IKM hand-written    {round(sql_value, 2):.2f} (float: {sql_value:.6f})")
    if abs(exact - sql_value) > 1e-6:
        raise SystemExit("IKM values differ")


if __name__ == "__main__":
    asyncio.run(main())
