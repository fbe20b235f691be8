"""`portal backup` and `portal restore`: the database and the uploaded attachments in one archive."""

from __future__ import annotations

from pathlib import Path

import click

from portal.backup import BackupError, create_backup, default_backup_path, read_manifest, restore_backup
from portal.cli_help import with_short_help
from portal.cli_progress import working
from portal.i18n import gettext as _
from portal.settings import get_settings


@click.command("backup", help=_("Tulis database dan lampiran ke berkas .tar.gz (aman saat portal berjalan)."))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=_("Arsip yang ditulis (bawaan: PORTAL_DATA_DIR/backups/portal-<waktu UTC>.tar.gz)."))  # fmt: skip
def backup(output: Path | None) -> None:
    settings = get_settings()
    target = output or default_backup_path(settings.data_dir)
    try:
        with working(_("Membuat cadangan")):
            result = create_backup(settings.database_url, settings.upload_dir, target)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = sum(result.tables.values())
    detail = _("{tables} tabel, {rows} baris, ").format(tables=len(result.tables), rows=rows) if result.tables else ""
    click.echo(
        _("Cadangan {engine} ditulis ke {path} ({detail}{uploads} lampiran).").format(
            engine=result.engine, path=result.path, detail=detail, uploads=result.uploads
        )
    )


@click.command("restore", help=_("Ganti database (dan pulihkan lampiran) dari arsip `portal backup`."))
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help=_("Jangan meminta konfirmasi."))
@click.option("--dry-run", is_flag=True, help=_("Hanya baca dan jelaskan arsip; tidak mengganti apa pun."))
def restore(archive: Path, yes: bool, dry_run: bool) -> None:
    settings = get_settings()
    try:
        manifest = read_manifest(archive)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        _("Cadangan {engine} dari {created} (portal {version}).").format(
            engine=manifest["engine"], created=manifest["created_at"], version=manifest["portal_version"]
        )
    )
    if dry_run:
        click.echo(_("Uji coba: database dan lampiran tidak diubah."))
        return
    if not yes:
        click.confirm(_("Database saat ini akan diganti. Lanjutkan?"), abort=True)
    try:
        with working(_("Memulihkan cadangan")):
            result = restore_backup(archive, settings.database_url, settings.upload_dir)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    message = _("Database dipulihkan dari {archive} ({uploads} lampiran).")
    click.echo(message.format(archive=archive, uploads=result.uploads))
    click.echo(_("Jalankan `portal migrate` bila versi portal berbeda."))


COMMANDS = with_short_help([backup, restore])
