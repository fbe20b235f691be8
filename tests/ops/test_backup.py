"""`portal backup` / `portal restore`: restore and compare, on SQLite (online backup API) and PostgreSQL (pg_dump)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import pytest

from portal.backup import BackupError, create_backup, integrity_check, restore_backup, sqlite_path
from portal.db import is_sqlite
from portal.tables import AuditLog, Unit
from tests.helpers import ROOT, make_unit, make_user


def portal(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PORTAL_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "portal.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


async def snapshot() -> dict:
    units = await Unit.select(Unit.slug, Unit.name).order_by(Unit.slug)
    audit = await AuditLog.count()
    return {"units": units, "audit": audit}


@pytest.fixture
def needs_tools() -> None:
    if not is_sqlite() and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore not installed")


async def test_backup_then_restore_brings_back_rows_and_attachments(db, tmp_path, needs_tools) -> None:
    from portal import audit

    unit_id = await make_unit("dinas-kesehatan", "Dinas Kesehatan")
    await make_user("admin.kes", "unit_admin", unit_id)
    await audit.record("created", "unit", unit_id, after={"slug": "dinas-kesehatan"})
    uploads = tmp_path / "data" / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "ab" / "photo.jpg").parent.mkdir()
    (uploads / "ab" / "photo.jpg").write_bytes(b"\xff\xd8\xff photo bytes")
    before = await snapshot()

    archive = tmp_path / "backup.tar.gz"
    made = portal("backup", "--output", str(archive), data_dir=tmp_path / "data")
    assert made.returncode == 0, made.stderr
    assert "1 lampiran" in made.stdout and archive.exists()

    await make_unit("unit-setelah-cadangan")  # changes after the backup are undone by the restore
    await Unit.update({Unit.name: "Diubah"}).where(Unit.id == unit_id)
    (uploads / "ab" / "photo.jpg").unlink()
    assert await snapshot() != before

    restored = portal("restore", str(archive), "--yes", data_dir=tmp_path / "data")
    assert restored.returncode == 0, restored.stderr
    assert await snapshot() == before
    assert (uploads / "ab" / "photo.jpg").read_bytes() == b"\xff\xd8\xff photo bytes"
    if is_sqlite():
        assert integrity_check(sqlite_path(os.environ["DATABASE_URL"])) == ["ok"]
        assert list(sqlite_path(os.environ["DATABASE_URL"]).parent.glob("*.pre-restore-*")), "no safety copy kept"


async def test_restore_refuses_what_is_not_a_portal_backup(db, tmp_path) -> None:
    await make_unit("tetap-ada")
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    result = portal("restore", str(junk), "--yes", data_dir=tmp_path / "data")
    assert result.returncode != 0 and "bukan" not in result.stdout
    assert "not a portal backup" in result.stderr
    assert await Unit.count() == 1


async def test_restore_refuses_archives_that_escape_the_staging_folder(db, tmp_path) -> None:
    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, payload in (("manifest.json", b'{"format": "portal-backup", "engine": "sqlite"}'),
                              ("../../evil.txt", b"owned")):  # fmt: skip
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    url = os.environ["DATABASE_URL"]
    if not url.startswith("sqlite"):
        pytest.skip("the engine check refuses first on PostgreSQL")
    with pytest.raises(BackupError):
        restore_backup(archive, url, tmp_path / "uploads")
    assert not (tmp_path.parent / "evil.txt").exists()


@pytest.mark.slow
async def test_sqlite_backup_is_consistent_while_another_process_writes(db, tmp_path) -> None:
    if not is_sqlite():
        pytest.skip("online backup API is SQLite's")
    import sqlite3

    path = sqlite_path(os.environ["DATABASE_URL"])
    stop = threading.Event()
    written = []

    def writer() -> None:
        conn = sqlite3.connect(path, timeout=30)
        i = 0
        while not stop.is_set():
            with conn:
                conn.execute("INSERT INTO unit (slug, name, unit_type, parent_agency, address, opening_hours, "
                             "phone, email, website, complaint_channels, utc_offset, published, created_at, "
                             "updated_at) VALUES (?, ?, 'dinas', '', '', '', '', '', '', '[]', '+07:00', 1, "
                             "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", (f"u{i}", f"Unit {i}"))  # fmt: skip
            written.append(i)
            i += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        results = [create_backup(os.environ["DATABASE_URL"], tmp_path / "none", tmp_path / f"b{n}.tar.gz")
                   for n in range(3)]  # fmt: skip
    finally:
        stop.set()
        thread.join()
    assert written, "the writer never wrote"
    counts = [r.tables["unit"] for r in results]
    assert counts == sorted(counts) and counts[-1] <= len(written)
    print(f"\nbackups during writes: unit rows {counts} of {len(written)} written")
