"""`portal backup` and `portal restore`: the database and the uploaded attachments in one archive."""

from __future__ import annotations

from pathlib import Path

import click

from portal.backup import BackupError, create_backup, default_backup_path, read_manifest, restore_backup
from portal.cli_progress import working
from portal.i18n import gettext as _


@click.command("backup", help=_("Tulis database dan lampiran ke berkas .tar.gz (aman saat portal berjalan)."))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=_("Arsip yang ditulis (bawaan: PORTAL_DATA_DIR/backups/portal-<waktu UTC>.tar.gz)."))  # fmt: skip
def backup(output: Path | None) -> None:
    from portal.settings import get_settings

    settings = get_settings()
    target = output or default_backup_path(settings.data_dir)
    try:
        with working("Membuat cadangan"):
            result = create_backup(settings.database_url, settings.upload_dir, target)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = sum(result.tables.values())
    detail = f"{len(result.tables)} tabel, {rows} baris, " if result.tables else ""
    click.echo(f"Cadangan {result.engine} ditulis ke {result.path} ({detail}{result.uploads} lampiran).")


@click.command("restore", help=_("Ganti database (dan pulihkan lampiran) dari arsip `portal backup`."))
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help=_("Jangan meminta konfirmasi."))
@click.option("--dry-run", is_flag=True, help=_("Hanya baca dan jelaskan arsip; tidak mengganti apa pun."))
def restore(archive: Path, yes: bool, dry_run: bool) -> None:
    from portal.settings import get_settings

    settings = get_settings()
    try:
        manifest = read_manifest(archive)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Cadangan {manifest['engine']} dari {manifest['created_at']} (portal {manifest['portal_version']}).")
    if dry_run:
        click.echo("Uji coba: database dan lampiran tidak diubah.")
        return
    if not yes:
        click.confirm("Database saat ini akan diganti. Lanjutkan?", abort=True)
    try:
        with working("Memulihkan cadangan"):
            result = restore_backup(archive, settings.database_url, settings.upload_dir)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database dipulihkan dari {archive} ({result.uploads} lampiran).")
    click.echo("Jalankan `portal migrate` bila versi portal berbeda.")


COMMANDS = [backup, restore]
