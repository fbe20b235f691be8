"""Scale of the real set-up: PostgreSQL + Redis with 1, 2 and 4 uvicorn workers beside SQLite with one.

For each configuration the script prepares its own database (SQLite: a file in a temporary directory;
PostgreSQL: the database named by --pg-database, dropped and created by this script, never `test`),
migrates it, loads the demo kabupaten, starts `uvicorn --workers N` on a free port (PostgreSQL runs
share rate limits, sessions and the page cache through Redis, as `REDIS_URL` configures the portal),
warms every worker up, then measures in the same run:

* complaint intake: `POST /api/v1/complaints` (the same bodies as benchmarks/complaint_intake.py), every
  request sent once over --concurrency keep-alive connections; req/s counts the accepted (201) ones;
* catalogue: `GET` of a public service page (the page of benchmarks/catalogue_load.py, with the CSRF
  cookie a browser sends) repeated for --seconds over --connections connections.

It prints one table: scenario, engine, workers, req/s, p50, p99 and the ratio to SQLite x 1 measured in
the same run. The machine's CPU count is printed too: more workers than cores oversubscribe.

    .venv/bin/python benchmarks/deployment_scale.py [--pg-url postgresql://postgres@127.0.0.1:5432]
        [--pg-database portal_deployment_scale] [--redis-url redis://127.0.0.1:6379/8]
        [--workers 1,2,4] [--intake-requests 800] [--seconds 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.catalogue_load import SERVICE_PATH  # noqa: E402
from benchmarks.complaint_intake import complaint  # noqa: E402
from benchmarks.loadgen import get_request, post_json_request, run_for, run_requests  # noqa: E402
from tests.server import Server  # noqa: E402

FORBIDDEN_DATABASES = {"test", "postgres", "template0", "template1"}

_SETUP = """
import asyncio
from portal.migrate import migrate
from portal.demo import load_all_demo
asyncio.run(migrate())
asyncio.run(load_all_demo(only_if_empty=False))
"""


@dataclass(frozen=True)
class Config:
    engine: str  # "sqlite" or "postgresql"
    workers: int

    @property
    def label(self) -> str:
        return f"{'SQLite' if self.engine == 'sqlite' else 'PostgreSQL'} x {self.workers}"


@dataclass
class Figures:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def figures(latencies: list[float], elapsed: float, ok: int, errors: int) -> Figures:
    q = statistics.quantiles(sorted(latencies), n=100)
    return Figures(rps=ok / elapsed, p50_ms=q[49] * 1000, p99_ms=q[98] * 1000, errors=errors)


def pg_admin(command: str, pg_url: str, database: str) -> None:
    parts = urlsplit(pg_url)
    args = [
        command,
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
    ]
    if command == "dropdb":
        args.append("--if-exists")
    subprocess.run([*args, database], check=True, capture_output=True)


def flush_redis(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    client.close()


def environment(config: Config, workdir: Path, args: argparse.Namespace) -> dict[str, str]:
    env = {
        "PORTAL_SECRET_KEY": "deployment-scale-" + "x" * 32,
        "PORTAL_ENV": "benchmark",
        "PORTAL_MODEL_DIR": os.environ.get("PORTAL_MODEL_DIR", str(ROOT / "var" / "models")),
        "PORTAL_PUBLIC_WRITE_RATE_LIMIT": "1000000/minute",
        "PORTAL_TRACKING_RATE_LIMIT": "1000000/minute",
        "PORTAL_DB_POOL_SIZE": str(args.pool_size),
    }
    if config.engine == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite'}"
        env["REDIS_URL"] = ""  # one worker: in-memory stores, as a single-worker SQLite install runs
    else:
        env["DATABASE_URL"] = f"{args.pg_url.rstrip('/')}/{args.pg_database}"
        env["REDIS_URL"] = args.redis_url
    return env


def measure(config: Config, args: argparse.Namespace) -> dict[str, Figures]:
    with tempfile.TemporaryDirectory(prefix="deployment-scale-") as tmp:
        workdir = Path(tmp)
        env = environment(config, workdir, args)
        if config.engine == "postgresql":
            pg_admin("dropdb", args.pg_url, args.pg_database)
            pg_admin("createdb", args.pg_url, args.pg_database)
            flush_redis(args.redis_url)
        server = Server(workdir / "data", workers=config.workers, env=env)
        setup = subprocess.run(
            [sys.executable, "-c", _SETUP], env=server.env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if setup.returncode != 0:
            raise RuntimeError(f"{config.label}: setup failed\n{setup.stderr[-2000:]}")
        server.start(timeout=120)
        try:
            return run_scenarios(server, config, args)
        finally:
            server.stop()
            if config.engine == "postgresql":
                pg_admin("dropdb", args.pg_url, args.pg_database)


def run_scenarios(server: Server, config: Config, args: argparse.Namespace) -> dict[str, Figures]:
    host, port = "127.0.0.1", server.port
    rng = random.Random(20261206)
    # Warm-up: every worker loads the classifier and opens its database connections.
    warm = [post_json_request(host, port, "/api/v1/complaints", complaint(i, rng)) for i in range(24 * config.workers)]
    warm_run = run_requests(host, port, warm, 4 * config.workers)
    assert all(status == 201 for status, _ in warm_run["responses"]), warm_run["responses"][:3]
    bodies = [complaint(i, rng) for i in range(10_000, 10_000 + args.intake_requests)]
    intake = run_requests(
        host, port, [post_json_request(host, port, "/api/v1/complaints", b) for b in bodies], args.concurrency
    )
    accepted = sum(1 for status, _ in intake["responses"] if status == 201)
    results = {"intake": figures(intake["latencies"], intake["elapsed"], accepted, len(bodies) - accepted)}

    first = httpx.get(f"{server.base_url}{SERVICE_PATH}", timeout=30)
    first.raise_for_status()
    page = get_request(
        host, port, SERVICE_PATH, {"Cookie": f"portal_csrf={first.cookies['portal_csrf']}", "Accept": "text/html"}
    )
    run_for(host, port, page, args.connections, 1.0)  # warm-up: fills the page cache
    catalogue = run_for(host, port, page, args.connections, args.seconds)
    served = len(catalogue["latencies"]) - catalogue["errors"]
    results["catalogue"] = figures(catalogue["latencies"], catalogue["elapsed"], served, catalogue["errors"])
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432"))
    parser.add_argument("--pg-database", default="portal_deployment_scale")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"))
    parser.add_argument("--workers", default="1,2,4", help="PostgreSQL worker counts, comma-separated")
    parser.add_argument("--pool-size", type=int, default=10, help="PORTAL_DB_POOL_SIZE of each worker")
    parser.add_argument("--intake-requests", type=int, default=800)
    parser.add_argument("--concurrency", type=int, default=32, help="intake connections")
    parser.add_argument("--connections", type=int, default=64, help="catalogue connections")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of the catalogue round")
    args = parser.parse_args()
    if args.pg_database.lower() in FORBIDDEN_DATABASES:
        parser.error(f"--pg-database {args.pg_database!r} is reserved; name a database of this benchmark's own")
    configs = [Config("sqlite", 1)] + [Config("postgresql", int(n)) for n in args.workers.split(",") if n.strip()]
    measured: list[tuple[Config, dict[str, Figures]]] = []
    for config in configs:
        print(f"measuring {config.label} ...", file=sys.stderr, flush=True)
        measured.append((config, measure(config, args)))
    base = measured[0][1]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"cpus={os.cpu_count()} load average {load}; intake {args.intake_requests} requests over "
        f"{args.concurrency} connections; catalogue {args.seconds:.0f} s over {args.connections} connections; "
        f"PORTAL_DB_POOL_SIZE={args.pool_size}"
    )
    header = (
        f"{'scenario':<10} {'engine':<11} {'workers':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'ratio':>6} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for scenario in ("intake", "catalogue"):
        for config, results in measured:
            got = results[scenario]
            ratio = got.rps / base[scenario].rps if base[scenario].rps else 0.0
            print(
                f"{scenario:<10} {config.engine:<11} {config.workers:>7} {got.rps:>8.1f} {got.p50_ms:>8.1f} "
                f"{got.p99_ms:>8.1f} {ratio:>6.2f} {got.errors:>6}"
            )
    print("ratio = req/s / req/s of SQLite x 1 in this run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
