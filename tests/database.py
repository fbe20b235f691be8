"""Named snapshots of the test database: taken once, put back before each test in milliseconds.

`migrated` is the state the migrations leave (every test starts from it); `demo-…` is the demo
kabupaten a live server serves (loading it takes a minute, restoring it a fraction of a second).

- SQLite: a snapshot is a copy of the database file; restoring copies it back.
- PostgreSQL: a snapshot copies the rows of every non-empty table into a schema of its own
  (`test_snap_<name>`) and notes the sequences' positions; restoring deletes the rows of every non-empty
  table and copies the snapshot back, in one statement. TRUNCATE of ~40 tables cost about a second per
  test (new files for each table and index). Triggers (the append-only audit guards, foreign keys,
  counters) are off while restoring (`session_replication_role = replica` for that transaction, which
  needs a superuser, as CI's `postgres`); without that right the `migrated` state falls back to TRUNCATE
  of the ORM's tables, and other snapshots are refused.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from portal.db import get_engine, is_sqlite

_KEEP = {"migration"}  # Piccolo's record of applied migrations: the same in every snapshot
_restore_sql: dict[str, str] = {}
_sqlite_files: dict[str, Path] = {}
_files: dict[str, Path] = {}  # files that belong with a snapshot (the demo's attachments)
_DIR = Path(tempfile.mkdtemp(prefix="portal-snapshots-"))
atexit.register(shutil.rmtree, _DIR, ignore_errors=True)


def _schema(name: str) -> str:
    return "test_snap_" + hashlib.sha256(name.encode()).hexdigest()[:16]


def _sqlite_path() -> Path:
    return Path(get_engine().path)  # type: ignore[attr-defined]


def has_snapshot(name: str) -> bool:
    return name in _sqlite_files or name in _restore_sql


def take_snapshot(name: str, data_dir: Path | None = None) -> None:
    """Remember the database as it is now under `name` (no server may be writing to it), and the files
    of `data_dir` with it."""
    if data_dir is not None:
        _files[name] = _DIR / f"files-{_schema(name)}"
        shutil.copytree(data_dir, _files[name], dirs_exist_ok=True)
    if is_sqlite():
        path = _sqlite_path()
        with sqlite3.connect(path) as connection:  # fold the WAL into the file before copying it
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        target = _DIR / f"{_schema(name)}.sqlite"
        shutil.copyfile(path, target)
        _sqlite_files[name] = target
    else:
        _restore_sql[name] = asyncio.run(_snapshot_postgres(_schema(name)))


def restore_snapshot(name: str, data_dir: Path | None = None) -> None:
    if data_dir is not None and name in _files:
        shutil.copytree(_files[name], data_dir, dirs_exist_ok=True)
    if is_sqlite():
        # A new file put in place (not the old one rewritten): a connection a test left open keeps the old
        # file and cannot corrupt the new one (rewriting it under an open connection gave "disk I/O error").
        path = _sqlite_path()
        fresh = f"{path}.restoring"
        shutil.copyfile(_sqlite_files[name], fresh)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(fresh, path)
    else:
        asyncio.run(restore_postgres(name))


async def restore_postgres(name: str) -> None:
    engine = get_engine()
    try:
        await engine.run_ddl(_restore_sql[name])
    except Exception as error:  # no right to switch triggers off: the slow, always-permitted way
        if name != "migrated" or "permission" not in str(error).lower():
            raise
        from piccolo.conf.apps import Finder

        names = ", ".join(table._meta.tablename for table in Finder().get_table_classes())
        await engine.run_ddl(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


async def _snapshot_postgres(schema: str) -> str:
    """Copy the rows into `schema`; return the one statement that puts them back."""
    engine = get_engine()
    run = engine._run_in_new_connection  # type: ignore[attr-defined]
    await engine.run_ddl(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    await engine.run_ddl(f"CREATE SCHEMA {schema}")
    tables = [
        row["relname"]
        for row in await run(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1"
        )
        if row["relname"] not in _KEEP
    ]
    restore = []
    for table in tables:
        if not await run(f'SELECT 1 FROM public."{table}" LIMIT 1'):
            continue
        columns = ", ".join(
            f'"{row["column_name"]}"'
            for row in await run(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                "AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position",
                [table],
            )
        )
        await engine.run_ddl(f'CREATE TABLE {schema}."{table}" AS SELECT {columns} FROM public."{table}"')
        restore.append(
            f'  INSERT INTO public."{table}" ({columns}) OVERRIDING SYSTEM VALUE\n'
            f'    SELECT {columns} FROM {schema}."{table}";\n'
        )
    for row in await run("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"):
        value, called = (row["last_value"], "true") if row["last_value"] is not None else (1, "false")
        restore.append(f"  PERFORM setval('public.\"{row['sequencename']}\"', {value}, {called});\n")
    quoted = ", ".join(f"'{table}'" for table in tables)
    return f"""DO $$
DECLARE t text; nonempty boolean;
BEGIN
  PERFORM set_config('session_replication_role', 'replica', true);
  FOREACH t IN ARRAY ARRAY[{quoted}]::text[] LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I)', t) INTO nonempty;
    IF nonempty THEN EXECUTE format('DELETE FROM public.%I', t); END IF;
  END LOOP;
{"".join(restore)}END $$"""
