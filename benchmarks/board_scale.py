"""The public side at scale (issue 17): board first page, page 500 by its keyset cursor, a board search and
the Open311 list over N complaints, on SQLite or PostgreSQL.

The database is generated once and kept: SQLite in var/bench/board_scale_N.sqlite (var/ is gitignored),
PostgreSQL in the database given by --pg / DATABASE_URL (emptied first, then marked with bench_meta; use a
database of its own, e.g. `createdb scale`). Rows come from one INSERT ... SELECT over a recursive CTE
(SQLite) or generate_series (PostgreSQL) drawing from a pool of 4096 random texts; indexes (and on SQLite
the full-text index, `portal complaints reindex`) are built after the rows. --fresh generates again. Each
run migrates the kept database to the code of the day, starts one uvicorn worker and measures, beside the
bare route of the same server in the same run:

* the median of single requests one after another (target <= 20 ms), and
* server CPU per request under load (target <= 3 ms; on PostgreSQL also the CPU of the database backends).

PORTAL_PAGE_CACHE_SECONDS=0 in the environment measures without the kept pages (every request renders).

Usage: .venv/bin/python benchmarks/board_scale.py [--complaints 1000000] [--pg postgresql://...]
       [--seconds 3] [--connections 16] [--singles 40] [--fresh] [--all] [--generate-only] [--cold]
       [--first-only]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loadgen import cpu_seconds, get_request, run_for  # noqa: E402
from tests.server import Server  # noqa: E402

BARE_PATH = "/bench/bare"
TARGET_MEDIAN_MS = 20.0
TARGET_CPU_MS = 3.0
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
_MIGRATE = "import asyncio\nfrom portal.migrate import migrate\nasyncio.run(migrate())\n"
_REINDEX = (
    "import asyncio\nfrom complaints.services.board import rebuild_search_index, recount\n"
    "asyncio.run(rebuild_search_index())\nasyncio.run(recount())\n"
)
_RECOUNT = "import asyncio\nfrom complaints.services.board import recount\nasyncio.run(recount())\n"
CACHE_DIR = ROOT / "var" / "bench"  # var/ is gitignored; the generated databases are kept between runs
POOL = 4096  # distinct titles/descriptions; row i takes pool entry (i * 2654435761) % POOL
BASE = datetime(2026, 12, 6, tzinfo=UTC)
STEP_SECONDS = 30  # one complaint every 30 s back from BASE: 1M rows span about 347 days
ANSWER = "Masalah sudah kami perbaiki bersama petugas lapangan. Mohon konfirmasi bila masih ada kendala."


def pool() -> list[tuple[int, str, str, str, str]]:
    """(k, title, description, timeline JSON, latest answer) of the text pool."""
    rng = random.Random(17)
    entries = []
    for k in range(POOL):
        title = " ".join(rng.choice(WORDS) for _ in range(4)).capitalize()
        description = " ".join(rng.choice(WORDS) for _ in range(20))
        answered = k % 3 == 0
        events = [
            {"occurred_at": "2026-11-01T08:00:00+00:00", "event_type": "filed", "from_status": "",
             "to_status": "received", "actor_role": "reporter", "note": ""},
            {"occurred_at": "2026-11-02T08:00:00+00:00", "event_type": "transition", "from_status": "received",
             "to_status": "verified", "actor_role": "system_admin", "note": ""},
        ]  # fmt: skip
        if answered:
            events.append({"occurred_at": "2026-11-05T08:00:00+00:00", "event_type": "reply", "from_status": "",
                           "to_status": "", "actor_role": "unit_officer", "note": ANSWER})  # fmt: skip
        entries.append((k, title, description, json.dumps(events), ANSWER if answered else ""))
    return entries


# Row i of the generated complaints (SQL over the integer i and the pool table bench_pool).
STATUS_SQL = "(CASE ((i * 7919) / 3) % 7 " + " ".join(f"WHEN {k} THEN '{s}'" for k, s in enumerate(STATUSES)) + " END)"
TOPIC_SQL = "(CASE ((i * 104729) / 5) % 7 " + " ".join(f"WHEN {k} THEN '{t}'" for k, t in enumerate(TOPICS)) + " END)"


def fill_sqlite(path: Path, n: int) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-400000")
    start = (db.execute("SELECT coalesce(max(id), 0) FROM complaint").fetchone()[0]) + 1
    units = [r[0] for r in db.execute("SELECT id FROM unit ORDER BY id")]
    # bulk: the indexes, the full-text triggers and the board's count triggers go first and come back after
    # (the index is rebuilt and the counts recounted: _REINDEX)
    schema = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('complaint', 'complaint_public') "
        "AND sql IS NOT NULL AND (type = 'index' OR (type = 'trigger' AND (tbl_name = 'complaint_public' "
        "OR name LIKE 'complaint_visible_count%')))"
    ).fetchall()
    for kind, name, _sql in schema:
        db.execute(f'DROP {kind.upper()} "{name}"')
    db.execute("CREATE TEMP TABLE bench_pool (k INTEGER PRIMARY KEY, title, description, timeline, answer)")
    db.executemany("INSERT INTO bench_pool VALUES (?, ?, ?, ?, ?)", pool())
    db.execute("CREATE TEMP TABLE bench_unit (k INTEGER PRIMARY KEY, unit)")
    db.executemany("INSERT INTO bench_unit VALUES (?, ?)", list(enumerate(units)))
    epoch = int(BASE.timestamp())
    moment = f"strftime('%Y-%m-%d %H:%M:%S', {epoch} - ({n} - i) * {STEP_SECONDS}, 'unixepoch') || '.000000+00:00'"
    series = f"WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < {n - 1}) "
    db.execute(
        f"{series}INSERT INTO complaint (id, tracking_code, status, title, description, is_confidential, topic, "
        "unit, created_at, updated_at) "
        f"SELECT {start} + i, printf('BNC-%09d', {start} + i), {STATUS_SQL}, p.title, p.description, "
        f"(i * 37) % 20 = 0, {TOPIC_SQL}, u.unit, {moment}, {moment} "
        f"FROM seq JOIN bench_pool p ON p.k = (i * 2654435761) % {POOL} "
        f"LEFT JOIN bench_unit u ON u.k = i % {len(units) + 1}"
    )
    db.execute(
        "INSERT INTO complaint_public (complaint, title, description, timeline, latest_answer, masked_at) "
        f"SELECT c.id, p.title, p.description, p.timeline, p.answer, c.created_at FROM complaint c "
        f"JOIN bench_pool p ON p.k = ((c.id - {start}) * 2654435761) % {POOL} WHERE c.id >= {start}"
    )
    db.commit()
    for _kind, _name, sql in schema:
        db.execute(sql)
    db.execute("ANALYZE")
    db.commit()
    db.close()


async def _fill_pg(url: str, n: int) -> None:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        start = (await connection.fetchval("SELECT coalesce(max(id), 0) FROM complaint")) + 1
        units = [r["id"] for r in await connection.fetch("SELECT id FROM unit ORDER BY id")]
        indexes = await connection.fetch(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
            "AND i.tablename IN ('complaint', 'complaint_public') AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)"
        )
        for row in indexes:
            await connection.execute(f'DROP INDEX "{row["indexname"]}"')
        # no row triggers for the bulk rows (the timing projection, the board version, whose one row would
        # take a million updates in one transaction, and the board's counts); the version moves once at the
        # end and the counts are recounted (_RECOUNT)
        await connection.execute("SET session_replication_role = replica")
        await connection.execute("CREATE TEMP TABLE bench_pool (k int PRIMARY KEY, title text, description text, "
                                 "timeline text, answer text)")  # fmt: skip
        await connection.copy_records_to_table("bench_pool", records=pool())
        await connection.execute("CREATE TEMP TABLE bench_unit (k int PRIMARY KEY, unit int)")
        await connection.copy_records_to_table("bench_unit", records=list(enumerate(units)))
        epoch = int(BASE.timestamp())
        await connection.execute(
            "INSERT INTO complaint (id, tracking_code, status, title, description, is_confidential, topic, unit, "
            "created_at, updated_at) "
            f"SELECT {start} + i, 'BNC-' || lpad(({start} + i)::text, 9, '0'), {STATUS_SQL}, p.title, "
            f"p.description, (i * 37) % 20 = 0, {TOPIC_SQL}, u.unit, "
            f"to_timestamp({epoch} - ({n} - i) * {STEP_SECONDS}), to_timestamp({epoch} - ({n} - i) * {STEP_SECONDS}) "
            f"FROM generate_series(0::bigint, {n - 1}) AS i JOIN bench_pool p ON p.k = (i * 2654435761) % {POOL} "
            f"LEFT JOIN bench_unit u ON u.k = i % {len(units) + 1}"
        )
        await connection.execute(
            "INSERT INTO complaint_public (complaint, title, description, timeline, latest_answer, masked_at) "
            "SELECT c.id, p.title, p.description, p.timeline::json, p.answer, c.created_at FROM complaint c "
            f"JOIN bench_pool p ON p.k = ((c.id - {start}) * 2654435761) % {POOL} WHERE c.id >= {start}"
        )
        await connection.execute("SET session_replication_role = DEFAULT")
        await connection.execute("UPDATE complaint_board_version SET n = n + 1")
        await connection.execute("SET maintenance_work_mem = '512MB'")
        for row in indexes:
            await connection.execute(row["indexdef"])
        await connection.execute("SELECT setval(pg_get_serial_sequence('complaint', 'id'), max(id)) FROM complaint")
        await connection.execute(
            "SELECT setval(pg_get_serial_sequence('complaint_public', 'id'), max(id)) FROM complaint_public"
        )
        await connection.execute("CREATE TABLE IF NOT EXISTS bench_meta (complaints int)")
        await connection.execute("INSERT INTO bench_meta VALUES ($1)", n)
        await connection.execute("VACUUM ANALYZE complaint")
        await connection.execute("VACUUM ANALYZE complaint_public")
    finally:
        await connection.close()


async def _pg_generated(url: str) -> int | None:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        if not await connection.fetchval("SELECT to_regclass('public.bench_meta') IS NOT NULL"):
            return None
        return await connection.fetchval("SELECT max(complaints) FROM bench_meta")
    finally:
        await connection.close()


def drop_from_os_cache(path: Path) -> None:
    """Evict the database file's pages from the OS page cache (as after a reboot): a cold first request."""
    for suffix in ("", "-wal", "-shm"):
        target = Path(f"{path}{suffix}")
        if target.exists():
            fd = os.open(target, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def start_server(workdir: Path, n: int, pg_url: str | None, fresh: bool, cold: bool = False) -> Server:
    """Generate (or reuse) the database of n complaints, migrate it to the code of the day, start uvicorn."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cached = CACHE_DIR / f"board_scale_{n}.sqlite"
    database = pg_url or f"sqlite:///{cached}"
    env = {
        "DATABASE_URL": database,
        "PORTAL_SECRET_KEY": "benchmark-secret-" + "x" * 32,
        "PORTAL_ENV": "benchmark",
        "PORTAL_BENCHMARK_ROUTES": "1",
        "PORTAL_MODEL_DIR": str(ROOT / "var" / "models"),
    }
    server = Server(workdir / "data", env=env)
    server.env.pop("REDIS_URL", None)
    reuse = not fresh and (asyncio.run(_pg_generated(pg_url)) == n if pg_url else cached.exists())
    if not reuse:
        began = time.monotonic()
        if pg_url:
            import asyncpg

            async def empty() -> None:
                connection = await asyncpg.connect(pg_url)
                await connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
                await connection.close()

            asyncio.run(empty())
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{cached}{suffix}").unlink(missing_ok=True)
        subprocess.run([sys.executable, "-c", _SETUP], env=server.env, cwd=ROOT, check=True, capture_output=True)
        if pg_url:
            asyncio.run(_fill_pg(pg_url, n))
            subprocess.run([sys.executable, "-c", _RECOUNT], env=server.env, cwd=ROOT, check=True)
        else:
            fill_sqlite(cached, n)
            subprocess.run([sys.executable, "-c", _REINDEX], env=server.env, cwd=ROOT, check=True)
        print(f"generated {n} complaints in {time.monotonic() - began:.0f} s", flush=True)
    else:
        print(f"reusing the generated database of {n} complaints", flush=True)
    began = time.monotonic()
    subprocess.run([sys.executable, "-c", _MIGRATE], env=server.env, cwd=ROOT, check=True, capture_output=True)
    print(f"migrated in {time.monotonic() - began:.0f} s", flush=True)
    if cold and not pg_url:
        drop_from_os_cache(cached)
    return server.start()  # on the cached database itself: the measured requests only read


def single_median(base: str, path: str, count: int, cookie: str) -> float:
    timings = []
    with httpx.Client(base_url=base, headers={"Cookie": cookie}, timeout=300) as client:
        for _ in range(count):
            began = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - began)
            response.raise_for_status()
    return statistics.median(timings) * 1000


def db_backends(pg_url: str) -> list[int]:
    """Process ids of the PostgreSQL backends serving the benchmark database (their CPU is the database's)."""
    import asyncpg

    async def query() -> list[int]:
        connection = await asyncpg.connect(pg_url)
        try:
            rows = await connection.fetch(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return [r["pid"] for r in rows]
        finally:
            await connection.close()

    return asyncio.run(query())


def measure(server: Server, path: str, cookie: str, args: argparse.Namespace, pg_url: str | None) -> dict:
    base = server.base_url
    host, port = "127.0.0.1", int(base.rsplit(":", 1)[1])
    median = single_median(base, path, args.singles, cookie)
    request = get_request(host, port, path, {"Cookie": cookie, "Accept": "text/html"})
    run_for(host, port, request, args.connections, 0.5)  # warm-up
    backends = db_backends(pg_url) if pg_url else []
    cpu_before = cpu_seconds(server.process.pid)
    db_before = sum(cpu_seconds(pid) for pid in backends)
    run = run_for(host, port, request, args.connections, args.seconds)
    cpu = cpu_seconds(server.process.pid) - cpu_before
    db_cpu = sum(cpu_seconds(pid) for pid in backends) - db_before
    done = max(1, len(run["latencies"]))
    return {
        "median": median,
        "rps": done / run["elapsed"],
        "cpu": 1000 * cpu / done,
        "db_cpu": 1000 * db_cpu / done,
        "errors": run["errors"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--pg", default=None, help="PostgreSQL URL (default: DATABASE_URL when it is PostgreSQL)")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--singles", type=int, default=40)
    parser.add_argument("--fresh", action="store_true", help="generate the data again even when it is cached")
    parser.add_argument("--all", action="store_true", help="also measure filters, ?page=500, page_size=50")
    parser.add_argument("--generate-only", action="store_true", help="generate (or migrate) the data and stop")
    parser.add_argument("--cold", action="store_true", help="SQLite: start with the file out of the OS page cache")
    parser.add_argument("--first-only", action="store_true", help="measure only the first requests, then stop")
    args = parser.parse_args()
    pg_url = args.pg or (
        os.environ.get("DATABASE_URL") if os.environ.get("DATABASE_URL", "").startswith("postgres") else None
    )
    with tempfile.TemporaryDirectory(prefix="portal-board-bench-") as tmp:
        server = start_server(Path(tmp), args.complaints, pg_url, args.fresh, args.cold)
        if args.generate_only:
            server.stop()
            return 0
        base = server.base_url
        try:
            began = time.perf_counter()
            first = httpx.get(f"{base}/pengaduan/", timeout=300)
            first.raise_for_status()
            print(f"first board page of the fresh server: {1000 * (time.perf_counter() - began):.0f} ms", flush=True)
            for first_path in ("/pengaduan/?unit_id=3", "/pengaduan/?topic=pungli"):
                began = time.perf_counter()
                httpx.get(f"{base}{first_path}", timeout=300).raise_for_status()
                print(f"then first {first_path}: {1000 * (time.perf_counter() - began):.0f} ms", flush=True)
            if args.first_only:
                return 0
            cookie = f"portal_csrf={first.cookies.get('portal_csrf', '')}"
            page499 = httpx.get(f"{base}/pengaduan/?page=499", headers={"Cookie": cookie}, timeout=300)
            cursor = page499.text.split('rel="next" href="?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
            paths = {
                "bare route": BARE_PATH,
                "board first page": "/pengaduan/",
                "board page 500 (keyset cursor)": f"/pengaduan/?{cursor}",
                "board search q=jalan": "/pengaduan/?q=jalan",
                "open311 requests.json": "/open311/v2/requests.json",
            }
            targets = set(list(paths)[1:])
            if args.all:
                paths |= {
                    "board page 500 (?page=500)": "/pengaduan/?page=500",
                    "board search q=pungli": "/pengaduan/?q=pungli",
                    "board search q=ktp (whole word)": "/pengaduan/?q=ktp",
                    "board search q=obat kosong": "/pengaduan/?q=obat+kosong",
                    "board search q=akta kelahiran": "/pengaduan/?q=akta+kelahiran",
                    "board unit filter": "/pengaduan/?unit_id=3",
                    "open311 page_size=50": "/open311/v2/requests.json?page_size=50",
                    "service search q=akta kelahiran": "/cari?q=akta+kelahiran",
                }
            results = {name: measure(server, path, cookie, args, pg_url) for name, path in paths.items()}
        finally:
            server.stop()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"cpus={os.cpu_count()} load average {load}; {args.complaints} complaints; "
        f"{'PostgreSQL' if pg_url else 'SQLite'}; one uvicorn worker; {args.connections} connections"
    )
    bare = results["bare route"]
    for name, r in results.items():
        verdict = ""
        if name in targets:
            met = r["median"] <= TARGET_MEDIAN_MS and r["cpu"] <= TARGET_CPU_MS and not r["errors"]
            verdict = "  MET" if met else "  NOT MET"
        db = f"  db CPU {r['db_cpu']:5.2f} ms/req" if pg_url else ""
        print(
            f"{name:<34} single median {r['median']:6.1f} ms (x{r['median'] / bare['median']:4.1f} of bare)   "
            f"under load {r['rps']:6.0f} req/s (x{r['rps'] / bare['rps']:.2f} of bare)  "
            f"server CPU {r['cpu']:5.2f} ms/req{db}  non-200 {r['errors']}{verdict}"
        )
    print(f"targets: single median <= {TARGET_MEDIAN_MS:.0f} ms, server CPU <= {TARGET_CPU_MS:.0f} ms/request")
    return 0


if __name__ == "__main__":
    sys.exit(main())
