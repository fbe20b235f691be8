"""The public side at scale: board, board search, Open311 list and service search over N complaints.

Builds a fresh database (SQLite in a temporary directory, or the PostgreSQL database given by --pg /
DATABASE_URL, which is emptied first), migrates it, loads the demo data, then bulk-inserts N public
complaints straight into `complaint` and `complaint_public` (the full-text index follows through its
triggers on SQLite; PostgreSQL's GIN index is built as rows arrive). Starts one uvicorn worker and
measures, beside the bare route of the same server in the same run:

* the median of single requests one after another (target <= 20 ms), and
* server CPU per request and requests/s under load (target <= 3 ms CPU per request; the service
  search, uncached, >= 0.5 x the bare route's requests/s).

Usage: .venv/bin/python benchmarks/board_scale.py [--complaints 1000000] [--pg postgresql://...]
       [--seconds 3] [--connections 16] [--singles 40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loadgen import cpu_seconds, get_request, run_for  # noqa: E402
from tests.server import Server  # noqa: E402

BARE_PATH = "/bench/bare"
TARGET_MEDIAN_MS = 20.0
TARGET_CPU_MS = 3.0
TARGET_SEARCH_RATIO = 0.5
STATUSES = ["verified", "routed", "in_progress", "answered", "closed", "received", "archived"]
TOPICS = ["jalan_jembatan", "air_bersih", "adminduk", "kesehatan", "pungli", "lingkungan_sampah", "perizinan"]
WORDS = [
    "jalan",
    "berlubang",
    "lampu",
    "mati",
    "sampah",
    "menumpuk",
    "air",
    "keruh",
    "antrean",
    "panjang",
    "petugas",
    "kasar",
    "ktp",
    "belum",
    "jadi",
    "akta",
    "kelahiran",
    "saluran",
    "tersumbat",
    "banjir",
    "izin",
    "usaha",
    "lambat",
    "biaya",
    "tidak",
    "resmi",
    "obat",
    "kosong",
    "sekolah",
    "rusak",
    "jembatan",
    "rapuh",
    "pasar",
    "becek",
    "angkot",
    "ngetem",
    "pedagang",
    "trotoar",
    "bantuan",
    "sosial",
    "tidak",
    "tepat",
]

_SETUP = """
import asyncio
from portal.migrate import migrate
from portal.demo import load_all_demo
asyncio.run(migrate())
asyncio.run(load_all_demo(only_if_empty=False))
"""


def rows(n: int, start_id: int) -> list[tuple]:
    rng = random.Random(17)
    base = datetime(2026, 12, 6, tzinfo=UTC)
    for i in range(n):
        moment = base - timedelta(seconds=(n - i) * 30)
        title = " ".join(rng.choice(WORDS) for _ in range(4)).capitalize()
        description = " ".join(rng.choice(WORDS) for _ in range(20))
        confidential = rng.random() < 0.05
        status = rng.choice(STATUSES)
        yield (
            start_id + i,
            f"BNC-{start_id + i:09d}",
            status,
            title,
            description,
            confidential,
            rng.choice(TOPICS),
            moment,
        )


def fill_sqlite(path: Path, n: int) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    start = (db.execute("SELECT coalesce(max(id), 0) FROM complaint").fetchone()[0]) + 1
    batch: list[tuple] = []
    for row in rows(n, start):
        batch.append(row)
        if len(batch) == 20_000:
            _sqlite_batch(db, batch)
            batch = []
    if batch:
        _sqlite_batch(db, batch)
    db.execute("ANALYZE")
    db.commit()
    db.close()


def _sqlite_batch(db: sqlite3.Connection, batch: list[tuple]) -> None:
    db.executemany(
        "INSERT INTO complaint (id, tracking_code, status, title, description, is_confidential, topic, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, code, st, t, d, int(c), tp, str(m), str(m)) for i, code, st, t, d, c, tp, m in batch],
    )
    db.executemany(
        "INSERT INTO complaint_public (complaint, title, description, masked_at) VALUES (?, ?, ?, ?)",
        [(i, t, d, str(m)) for i, _code, _st, t, d, _c, _tp, m in batch],
    )
    db.commit()


async def _fill_pg(url: str, n: int) -> None:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        start = (await connection.fetchval("SELECT coalesce(max(id), 0) FROM complaint")) + 1
        batch: list[tuple] = []
        for row in rows(n, start):
            batch.append(row)
            if len(batch) == 50_000:
                await _pg_batch(connection, batch)
                batch = []
        if batch:
            await _pg_batch(connection, batch)
        await connection.execute("SELECT setval(pg_get_serial_sequence('complaint', 'id'), max(id)) FROM complaint")
        await connection.execute("VACUUM ANALYZE complaint")
        await connection.execute("VACUUM ANALYZE complaint_public")
    finally:
        await connection.close()


async def _pg_batch(connection, batch: list[tuple]) -> None:
    await connection.copy_records_to_table(
        "complaint",
        columns=[
            "id",
            "tracking_code",
            "status",
            "title",
            "description",
            "is_confidential",
            "topic",
            "created_at",
            "updated_at",
        ],
        records=[(i, code, st, t, d, c, tp, m, m) for i, code, st, t, d, c, tp, m in batch],
    )
    await connection.copy_records_to_table(
        "complaint_public",
        columns=["complaint", "title", "description", "masked_at"],
        records=[(i, t, d, m) for i, _code, _st, t, d, _c, _tp, m in batch],
    )


def start_server(workdir: Path, n: int, pg_url: str | None) -> Server:
    database = pg_url or f"sqlite:///{workdir / 'bench.sqlite'}"
    env = {
        "DATABASE_URL": database,
        "PORTAL_SECRET_KEY": "benchmark-secret-" + "x" * 32,
        "PORTAL_ENV": "benchmark",
        "PORTAL_BENCHMARK_ROUTES": "1",
        "PORTAL_MODEL_DIR": str(ROOT / "var" / "models"),
    }
    server = Server(workdir / "data", env=env)
    server.env.pop("REDIS_URL", None)
    if pg_url:
        import asyncpg

        async def empty() -> None:
            connection = await asyncpg.connect(pg_url)
            await connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            await connection.close()

        asyncio.run(empty())
    subprocess.run([sys.executable, "-c", _SETUP], env=server.env, cwd=ROOT, check=True, capture_output=True)
    began = time.monotonic()
    if pg_url:
        asyncio.run(_fill_pg(pg_url, n))
    else:
        fill_sqlite(workdir / "bench.sqlite", n)
    print(f"inserted {n} complaints in {time.monotonic() - began:.0f} s", flush=True)
    return server.start()


def single_median(base: str, path: str, count: int, cookie: str) -> float:
    timings = []
    with httpx.Client(base_url=base, headers={"Cookie": cookie}, timeout=300) as client:
        for _ in range(count):
            began = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - began)
            response.raise_for_status()
    return statistics.median(timings) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--pg", default=None, help="PostgreSQL URL (default: DATABASE_URL when it is PostgreSQL)")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--singles", type=int, default=40)
    args = parser.parse_args()
    pg_url = args.pg or (
        os.environ.get("DATABASE_URL") if os.environ.get("DATABASE_URL", "").startswith("postgres") else None
    )
    with tempfile.TemporaryDirectory(prefix="portal-board-bench-") as tmp:
        server = start_server(Path(tmp), args.complaints, pg_url)
        base = server.base_url
        try:
            first = httpx.get(f"{base}/pengaduan/", timeout=300)  # the first count of a cold database is slow
            first.raise_for_status()
            cookie = f"portal_csrf={first.cookies.get('portal_csrf', '')}"
            page499 = httpx.get(f"{base}/pengaduan/?page=500", headers={"Cookie": cookie}, timeout=300)
            cursor = page499.text.split('rel="next" href="?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
            paths = {
                "bare route": BARE_PATH,
                "board first page": "/pengaduan/",
                "board page 500 (?page=500)": "/pengaduan/?page=500",
                "board page 501 (cursor)": f"/pengaduan/?{cursor}",
                "board search q=jalan": "/pengaduan/?q=jalan",
                "board search q=pungli": "/pengaduan/?q=pungli",
                "open311 requests.json": "/open311/v2/requests.json",
                "open311 requests.json page_size=50": "/open311/v2/requests.json?page_size=50",
                "service search q=akta kelahiran": "/cari?q=akta+kelahiran",
            }
            host, port = "127.0.0.1", int(base.rsplit(":", 1)[1])
            results = {}
            for name, path in paths.items():
                median = single_median(base, path, args.singles, cookie)
                request = get_request(host, port, path, {"Cookie": cookie, "Accept": "text/html"})
                run_for(host, port, request, args.connections, 0.5)  # warm-up
                cpu_before = cpu_seconds(server.process.pid)
                run = run_for(host, port, request, args.connections, args.seconds)
                cpu = cpu_seconds(server.process.pid) - cpu_before
                done = max(1, len(run["latencies"]))
                results[name] = {
                    "median": median,
                    "rps": done / run["elapsed"],
                    "cpu": 1000 * cpu / done,
                    "errors": run["errors"],
                }
        finally:
            server.stop()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"cpus={os.cpu_count()} load average {load}; {args.complaints} complaints; "
        f"{'PostgreSQL' if pg_url else 'SQLite'}; one uvicorn worker; {args.connections} connections"
    )
    bare = results["bare route"]
    for name, r in results.items():
        verdict = (
            ""
            if name == "bare route"
            else (
                "  MET"
                if r["median"] <= TARGET_MEDIAN_MS and r["cpu"] <= TARGET_CPU_MS and not r["errors"]
                else "  NOT MET"
            )
        )
        print(
            f"{name:<34} single median {r['median']:6.1f} ms   under load {r['rps']:7.0f} req/s "
            f"(x{r['rps'] / bare['rps']:.2f} of bare)  server CPU {r['cpu']:5.2f} ms/req  non-200 {r['errors']}"
            f"{verdict}"
        )
    search = results["service search q=akta kelahiran"]
    print(
        f"service search / bare requests/s = {search['rps'] / bare['rps']:.2f} (target >= {TARGET_SEARCH_RATIO}); "
        f"targets: single median <= {TARGET_MEDIAN_MS:.0f} ms, server CPU <= {TARGET_CPU_MS:.0f} ms/request"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
