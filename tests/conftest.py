"""Shared fixtures: a migrated database per test (SQLite or PostgreSQL), the app, a client, helpers.

The database comes from DATABASE_URL when it is PostgreSQL (CI's second run); otherwise a temporary
SQLite file. Migrations run once per session (so they are tested too); each test starts from an
empty, migrated database.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="portal-tests-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1 ... under pytest -n


def _worker_postgres(url: str) -> str:
    """Under pytest-xdist each worker gets a database of its own next to DATABASE_URL's (`test_gw0`, ...),
    created when missing: the suite empties and re-migrates its database, so workers cannot share one."""
    import asyncio

    import asyncpg

    base, _, name = url.partition("?")[0].rpartition("/")
    target = f"{name}_{_WORKER}"

    async def create() -> None:
        connection = await asyncpg.connect(url)
        try:
            if not await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", target):
                await connection.execute(f'CREATE DATABASE "{target}"')
        finally:
            await connection.close()

    asyncio.run(create())
    return f"{base}/{target}"


def _worker_redis(url: str) -> str:
    """Each xdist worker its own Redis database number (gw0 -> 1, gw1 -> 2, ...)."""
    base, _, _db = url.rpartition("/")
    return f"{base}/{int(_WORKER.removeprefix('gw') or 0) + 1}"


if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'test.sqlite'}"
elif _WORKER:
    os.environ["DATABASE_URL"] = _worker_postgres(os.environ["DATABASE_URL"])
if _WORKER and os.environ.get("PORTAL_TEST_REDIS_URL"):
    os.environ["PORTAL_TEST_REDIS_URL"] = _worker_redis(os.environ["PORTAL_TEST_REDIS_URL"])
os.environ["PORTAL_DATA_DIR"] = str(_TMP / "data")
# The classifier trained from the shipped corpus (deterministic) is shared by all tests;
# `make test` trains it first (`portal ml ensure`). Tests that train their own use tmp dirs.
os.environ.setdefault("PORTAL_MODEL_DIR", str(Path(__file__).resolve().parent.parent / "var" / "models"))
os.environ["PORTAL_ENV"] = "test"
os.environ["PORTAL_SECRET_KEY"] = "test-secret-key-" + "x" * 32
os.environ["PORTAL_LOG_LEVEL"] = "WARNING"
os.environ["PORTAL_DB_POOL_SIZE"] = "0"  # each test has its own event loop; a pool would outlive it
os.environ.pop("REDIS_URL", None)

import pytest  # noqa: E402
from piccolo.apps.migrations.tables import Migration  # noqa: E402

from portal.db import get_engine, is_sqlite  # noqa: E402
from tests.database import restore_postgres, restore_snapshot, take_snapshot  # noqa: E402
from tests.helpers import LiveServer, start_live_server  # noqa: E402


@pytest.fixture(scope="session")
def migrated_database() -> None:
    """Run every migration once on a fresh database; every test starts from that state."""
    import asyncio

    from portal.migrate import migrate

    if is_sqlite():
        path = Path(get_engine().path)  # type: ignore[attr-defined]
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        asyncio.run(migrate())
    else:

        async def fresh() -> None:
            engine = get_engine()
            # A throw-away database: commits need not wait for the disk (new connections take this on).
            await engine.run_ddl(
                "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = off', current_database()); "
                "EXCEPTION WHEN insufficient_privilege THEN NULL; END $$"
            )
            await engine.run_ddl("DROP SCHEMA public CASCADE")
            await engine.run_ddl("CREATE SCHEMA public")
            await migrate()

        asyncio.run(fresh())
    take_snapshot("migrated")
    assert Migration  # the migrations table exists from here on


def reset_database_sync() -> None:
    """Put the database back to the state the migrations left."""
    restore_snapshot("migrated")


@pytest.fixture
async def db(migrated_database: None) -> None:
    if is_sqlite():
        restore_snapshot("migrated")
    else:
        await restore_postgres("migrated")


@pytest.fixture
def settings(tmp_path: Path):
    from portal.settings import Settings

    return Settings(
        env="test",
        data_dir=tmp_path / "data",
        secret_key="test-secret-key-" + "x" * 32,
        page_cache_seconds=60,
        login_rate_limit="5/minute",
        public_write_rate_limit="30/minute",
        tracking_rate_limit="60/minute",
        model_dir=Path(os.environ["PORTAL_MODEL_DIR"]),
    )


@pytest.fixture
def app(db: None, settings):
    from portal.app import create_app

    return create_app(settings)


@pytest.fixture
async def client(app):
    from litestar.testing import AsyncTestClient

    async with AsyncTestClient(app=app, base_url="http://testserver.local") as test_client:
        test_client.follow_redirects = False  # tests assert the 303 and its Location themselves
        yield test_client


@pytest.fixture(scope="module")
def live_server(migrated_database: None) -> LiveServer:
    """A real uvicorn server on a free port over a fresh database with the demo data loaded."""
    reset_database_sync()
    server = start_live_server(_TMP / "live")
    try:
        yield server
    finally:
        server.stop()
