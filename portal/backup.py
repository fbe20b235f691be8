"""Backups: one .tar.gz holding the database, the uploaded attachments and a manifest.

* SQLite: the database is copied with SQLite's online backup API, so the portal may keep serving
  while the backup runs (readers and the writer are not blocked for long; the copy is consistent).
  Restore validates the archive (manifest, `PRAGMA integrity_check`, the migration table), keeps a
  copy of the current database next to it, then copies the backup *into* the live file with the same
  backup API (one transaction: other connections see the old or the new database, never a mix).
* PostgreSQL: `pg_dump --format=custom` into the archive, restored with
  `pg_restore --clean --if-exists --no-owner` (both must be on PATH; see docs/operations.md).
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from portal import __version__

FORMAT = "portal-backup"
FORMAT_VERSION = 1
SQLITE_MEMBER = "database.sqlite"
PG_MEMBER = "database.pgdump"
MANIFEST = "manifest.json"
MIGRATION_TABLE = "migration"


class BackupError(RuntimeError):
    """The archive is not a usable portal backup, or a tool failed."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    tables: dict[str, int]
    uploads: int


# --- SQLite ----------------------------------------------------------------------------------


def sqlite_path(database_url: str) -> Path:
    if not database_url.startswith("sqlite:///"):
        raise BackupError(f"not a SQLite URL: {database_url!r}")
    return Path(database_url.removeprefix("sqlite:///"))


def integrity_check(path: Path) -> list[str]:
    """`PRAGMA integrity_check` of a SQLite file; ["ok"] when healthy."""
    with closing(sqlite3.connect(path, timeout=30)) as conn:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]


def sqlite_row_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path, timeout=30)) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}  # noqa: S608 - names from sqlite_master


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy with the online backup API (consistent even while another process writes)."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst, pages=1024, sleep=0.005)
    finally:
        dst.close()
        src.close()


def validate_sqlite(path: Path) -> dict[str, int]:
    problems = [line for line in integrity_check(path) if line != "ok"]
    if problems:
        raise BackupError("integrity check failed: " + "; ".join(problems[:5]))
    counts = sqlite_row_counts(path)
    if MIGRATION_TABLE not in counts:
        raise BackupError("the database has no migration table: not a portal database")
    return counts


# --- PostgreSQL ------------------------------------------------------------------------------


def pg_dump_command(database_url: str, output: Path) -> list[str]:
    return ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={output}", database_url]


def pg_restore_command(database_url: str, dump: Path) -> list[str]:
    return [
        "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
        "--single-transaction", "--exit-on-error", f"--dbname={database_url}", str(dump),
    ]  # fmt: skip


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client)")
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - fixed argv, no shell
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-1000:]}")


# --- archives --------------------------------------------------------------------------------


def default_backup_path(data_dir: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return data_dir / "backups" / f"portal-{stamp}.tar.gz"


def _add_bytes(archive: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(payload))


def create_backup(database_url: str, upload_dir: Path, output: Path) -> BackupResult:
    """Write the database and the uploads into `output` (a .tar.gz); returns what it holds."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as tmp:
        if database_url.startswith("sqlite"):
            engine, member = "sqlite", SQLITE_MEMBER
            dump = Path(tmp) / member
            _sqlite_copy(sqlite_path(database_url), dump)
            tables = validate_sqlite(dump)
        else:
            engine, member = "postgresql", PG_MEMBER
            dump = Path(tmp) / member
            _run(pg_dump_command(database_url, dump))
            tables = {}
        uploads = sorted(p for p in upload_dir.rglob("*") if p.is_file()) if upload_dir.is_dir() else []
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "portal_version": __version__,
            "engine": engine,
            "created_at": datetime.now(UTC).isoformat(),
            "tables": tables,
            "uploads": len(uploads),
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=member)
            for upload in uploads:
                archive.add(upload, arcname=f"uploads/{upload.relative_to(upload_dir).as_posix()}")
        partial.replace(output)  # never leave a half-written file under the final name
    return BackupResult(output, engine, tables, len(uploads))


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            manifest = json.loads(member.read()) if member else {}
    except (tarfile.TarError, KeyError, OSError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive_path} is not a portal backup ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path} is not a portal backup (no manifest)")
    return manifest


def restore_backup(archive_path: Path, database_url: str, upload_dir: Path) -> BackupResult:
    """Replace the database by the backup's and put its uploads back (existing files are kept)."""
    manifest = read_manifest(archive_path)
    engine = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    if manifest["engine"] != engine:
        raise BackupError(f"the backup is of a {manifest['engine']} database, the portal uses {engine}")
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp:
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                archive.extractall(tmp, filter="data")  # "data" refuses absolute paths, .. and links out
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"{archive_path} cannot be unpacked safely ({exc})") from exc
        staged = Path(tmp)
        if engine == "sqlite":
            dump = staged / SQLITE_MEMBER
            tables = validate_sqlite(dump)
            target = sqlite_path(database_url)
            if target.exists():
                safety = target.with_name(f"{target.name}.pre-restore-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
                _sqlite_copy(target, safety)
            _sqlite_copy(dump, target)
        else:
            _run(pg_restore_command(database_url, staged / PG_MEMBER))
            tables = {}
        count = 0
        uploads = staged / "uploads"
        if uploads.is_dir():
            for source in uploads.rglob("*"):
                if source.is_file():
                    destination = upload_dir / source.relative_to(uploads)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, destination)
                    count += 1
    return BackupResult(archive_path, engine, tables, count)
