"""Database engines, write transactions and start-up pragmas (SQLite default, PostgreSQL in production)."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from litestar import Litestar
    from piccolo.engine.base import Engine

DEFAULT_DATABASE_URL = "sqlite:///portal.sqlite"


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


class PooledSQLiteEngine(SQLiteEngine):
    """Piccolo's SQLite engine opens a new connection for every query outside a transaction, and
    aiosqlite starts a new thread for every connection: under load that costs more than the query.
    While `pool_size` > 0 (set by `db_lifespan` for the server's lifetime) such queries reuse up to
    `pool_size` open connections. A connection is only put back after a successful commit, so it
    never carries an open transaction (each statement sees the latest committed data, WAL keeps
    readers from blocking the writer); one that failed is closed. Transactions are unchanged: each
    gets a connection of its own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pool_size = 0
        self._idle: list[Any] = []

    async def _run_in_new_connection(self, query: str, args: list[Any] | None = None, query_type: str = "generic",
                                     table: Any = None) -> Any:  # fmt: skip
        if self.pool_size <= 0:
            return await super()._run_in_new_connection(query, args, query_type, table)
        connection = self._idle.pop() if self._idle else await self.get_connection()
        try:
            async with connection.execute(query, args or []) as cursor:
                await connection.commit()
                rows = await cursor.fetchall()
        except BaseException:
            await connection.close()
            raise
        if len(self._idle) < self.pool_size:
            self._idle.append(connection)
        else:
            await connection.close()
        return rows

    async def close_pool(self) -> None:
        self.pool_size = 0
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()


def engine_from_url(url: str) -> Engine:
    """`sqlite:///relative.db`, `sqlite:////abs/path.db` or `postgresql://user@host:port/db`."""
    if url.startswith("sqlite:///"):
        return PooledSQLiteEngine(path=url.removeprefix("sqlite:///"), timeout=30)
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresEngine(config={"dsn": url})
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql:// (got {url!r})")


def get_engine() -> Engine:
    from piccolo.engine.finder import engine_finder

    engine = engine_finder()
    if engine is None:  # pragma: no cover - piccolo_conf.py always defines DB
        raise RuntimeError("piccolo_conf.py defines no DB")
    return engine


def is_sqlite(engine: Engine | None = None) -> bool:
    return isinstance(engine or get_engine(), SQLiteEngine)


def write_transaction(engine: Engine | None = None) -> Any:
    """A transaction that takes the write lock at once on SQLite (no 'database is locked' on upgrade)."""
    engine = engine or get_engine()
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()


async def prepare_database(engine: Engine | None = None) -> None:
    """Persistent SQLite settings: WAL journal (readers never block the writer)."""
    engine = engine or get_engine()
    if isinstance(engine, SQLiteEngine):
        await engine.run_ddl("PRAGMA journal_mode=WAL")


@asynccontextmanager
async def db_lifespan(app: Litestar) -> AsyncIterator[None]:
    engine = get_engine()
    await prepare_database(engine)
    pool_size = int(os.environ.get("PORTAL_DB_POOL_SIZE", "10"))
    use_pool = isinstance(engine, PostgresEngine) and pool_size > 0
    if use_pool:
        await engine.start_connection_pool(min_size=1, max_size=pool_size)  # type: ignore[union-attr]
    if isinstance(engine, PooledSQLiteEngine):
        engine.pool_size = pool_size
    try:
        yield
    finally:
        if use_pool:
            await engine.close_connection_pool()  # type: ignore[union-attr]
        if isinstance(engine, PooledSQLiteEngine):
            await engine.close_pool()


_PLAIN_TYPES = (str, int, float, bool, type(None), datetime, date)


async def insert_rows(table: Any, rows: list[dict[str, Any]], returning: tuple[str, ...] = ("id",)) -> list[dict]:
    """One multi-row INSERT ... RETURNING on the current transaction's connection (required).

    The values are exactly those Piccolo's own insert writes — each column's default when a row does
    not give it, `convert_to_sql_value` for anything but plain values and for JSON columns, the
    driver's adapters for the rest — but Piccolo builds a nested query string for every value of every
    row, which for a wide table costs more than the write itself (complaint intake on SQLite)."""
    from piccolo.columns.column_types import JSON, JSONB
    from piccolo.utils.sql_values import convert_to_sql_value

    engine = get_engine()
    transaction = engine.current_transaction.get()
    if transaction is None:
        raise RuntimeError("insert_rows must run inside a transaction")
    columns = [column for column in table._meta.columns if not column._meta.primary_key]
    plan = [(column, column._meta.name, isinstance(column, JSON | JSONB)) for column in columns]
    names = {name for _, name, _ in plan}
    args: list[Any] = []
    for values in rows:
        if unknown := set(values) - names:
            raise ValueError(f"{table._meta.tablename} has no column {sorted(unknown)}")
        for column, name, is_json in plan:
            value = values[name] if name in values else column.get_default_value()
            if is_json or type(value) not in _PLAIN_TYPES:
                value = convert_to_sql_value(value, column)
            args.append(value)
    width = len(columns)
    sqlite = isinstance(engine, SQLiteEngine)
    placeholders = (
        ["(" + ", ".join("?" * width) + ")"] * len(rows)
        if sqlite
        else ["(" + ", ".join(f"${r * width + c + 1}" for c in range(width)) + ")" for r in range(len(rows))]
    )
    column_list = ", ".join(f'"{column._meta.db_column_name}"' for column in columns)
    returned = ", ".join(f'"{name}"' for name in returning)
    sql = (
        f'INSERT INTO "{table._meta.tablename}" ({column_list}) VALUES {", ".join(placeholders)} '  # noqa: S608
        f"RETURNING {returned}"
    )
    if sqlite:
        async with transaction.connection.execute(sql, args) as cursor:
            return list(await cursor.fetchall())
    return [dict(record) for record in await transaction.connection.fetch(sql, *args)]


def append_only_statements(table: str, *, sqlite: bool) -> list[str]:
    """DDL that makes `table` append-only: the database itself refuses UPDATE and DELETE."""
    message = f"{table} is append-only"
    if sqlite:
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        ]
    return [
        f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql",
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
    ]
