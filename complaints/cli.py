"""Click commands of the complaints domain, added to the `portal` command by portal.cli."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from portal.i18n import gettext as _


@click.group(help=_("Ekspor SP4N-LAPOR!."))
def lapor() -> None:
    pass


@lapor.command("import", help=_("Impor ekspor SP4N-LAPOR! (FILE.xlsx); aman diulang (idempoten menurut Tracking ID)."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def lapor_import(file: Path) -> None:
    from complaints.lapor_import import NotALaporExport, import_workbook
    from portal.cli_progress import working

    try:
        with working(f"Mengimpor {file.name}"):
            report = asyncio.run(import_workbook(file.read_bytes(), filename=file.name))
    except NotALaporExport as exc:
        click.echo(f"Ditolak: {exc}", err=True)
        raise SystemExit(2) from exc
    click.echo(
        f"Diimpor: {report.imported}, diperbarui: {report.updated}, tidak berubah: {report.unchanged}, "
        f"ditolak: {len(report.rejected)}"
    )
    for row, reason in report.rejected:
        click.echo(f"  baris {row}: ditolak: {reason}")
    for row, message in report.warnings:
        click.echo(f"  baris {row}: peringatan: {message}")


@click.group(help=_("Hari libur nasional dan cuti bersama (tenggat hari kerja)."))
def holidays() -> None:
    pass


@holidays.command("load-defaults", help=_("Salin hari libur bawaan untuk tahun yang belum ada di tabel."))
def holidays_load_defaults() -> None:
    from complaints.calendar import ensure_default_holidays

    added = asyncio.run(ensure_default_holidays())
    click.echo(_("{n} hari libur ditambahkan.").format(n=added))


@holidays.command("list", help=_("Daftar hari libur suatu tahun (dari tabel, atau daftar bawaan bila kosong)."))
@click.argument("year", type=int)
def holidays_list(year: int) -> None:
    from datetime import date

    from complaints.calendar import load_holidays

    for day in sorted(asyncio.run(load_holidays(date(year, 1, 1), date(year, 12, 31)))):
        click.echo(day.isoformat())


@click.group(help=_("Penanganan pengaduan."))
def complaints() -> None:
    pass


@complaints.command("auto-close", help=_(
    "Tutup pengaduan yang sudah dijawab bila pelapor tidak menanggapi tepat waktu."
))
def complaints_auto_close() -> None:
    from complaints.services.reporter import auto_close_due

    closed = asyncio.run(auto_close_due())
    click.echo(_("{n} pengaduan ditutup otomatis.").format(n=closed))


@complaints.command(
    "expire", help=_("Arsipkan (kedaluwarsa) pengaduan yang pelapornya tidak melengkapi informasi yang diminta.")
)
@click.option("--days", type=int, default=None, help=_("Hari menunggu (bawaan: PORTAL_INFO_WAIT_DAYS, 10)."))
def complaints_expire(days: int | None) -> None:
    from complaints.services.reporter import expire_waiting_for_info
    from portal.settings import get_settings

    expired = asyncio.run(expire_waiting_for_info(days if days is not None else get_settings().info_wait_days))
    click.echo(_("{n} pengaduan diarsipkan (kedaluwarsa).").format(n=expired))


COMMANDS: list = [lapor, holidays, complaints]
