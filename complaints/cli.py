"""Click commands of the complaints domain, added to the `portal` command by portal.cli."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from complaints.calendar import local_date
from complaints.deadlines import recompute_open_deadlines
from complaints.holiday_sources import calendar_warnings, calendar_year, deadline_years
from complaints.lapor_import import NotALaporExport, import_workbook
from complaints.lapor_units import AliasFileError, load_aliases
from complaints.outbox import run
from complaints.public_copy import remask
from complaints.services.board import rebuild_search_index, recount
from complaints.services.deadline_notices import apologise_for_missed_deadlines
from complaints.services.reporter import auto_close_due, expire_waiting_for_info
from portal import audit
from portal.cli_help import with_short_help
from portal.db import write_transaction
from portal.i18n import gettext as _
from portal.settings import get_settings


@click.group(help=_("Ekspor SP4N-LAPOR!."))
def lapor() -> None:
    pass


def report_lines(report) -> list[str]:
    """The run's summary in Indonesian (the CLI's language), shared with tests."""
    head = "Uji coba (--dry-run), tidak ada yang disimpan. " if report.dry_run else ""
    lines = [
        f"{head}Lembar: {report.sheet}; tanggal berkas: {report.file_as_of:%Y-%m-%d %H:%M} UTC"
        if report.file_as_of
        else f"{head}Lembar: {report.sheet}",
        f"Diimpor: {report.imported}, diperbarui: {report.updated}, tidak berubah: {report.unchanged}, "
        f"dilewati (berkas lebih lama): {report.older}, ditolak: {len(report.rejected)}",
    ]
    if report.transitions:
        lines.append("Perubahan status:")
        lines += [f"  {a} -> {b}: {n}" for a, b, n in report.transition_lines()]
    if report.unknown_agencies:
        lines.append("Instansi tanpa unit portal (ke triase):")
        lines += [f"  {n} laporan: {reason}" for _agency, reason, n in report.agency_lines()]
    if report.without_agency:
        lines.append(f"Tanpa instansi tujuan (kosong/Tidak Diketahui): {report.without_agency}")
    lines += [f"  baris {row}: ditolak: {reason}" for row, reason in report.rejected]
    lines += [f"  baris {row}: peringatan: {message}" for row, message in report.warnings]
    return lines


@lapor.command("import", help=_("Impor ekspor SP4N-LAPOR! (FILE.xlsx); aman diulang (idempoten menurut Tracking ID)."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help=_("Tampilkan apa yang akan berubah; tidak menyimpan apa pun."))
@click.option(
    "--aliases",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help=_("Berkas TOML alias instansi (bawaan: PORTAL_LAPOR_ALIASES)."),
)
@click.option("--government", default=None, help=_("Pemerintah daerah portal ini (bawaan: PORTAL_GOVERNMENT)."))
def lapor_import(file: Path, dry_run: bool, aliases: Path | None, government: str | None) -> None:
    bar: dict = {}

    def on_start(total: int) -> None:
        bar["bar"] = click.progressbar(length=total, label="Mengimpor", file=sys.stderr)
        bar["bar"].__enter__()

    try:
        alias_map = load_aliases(aliases) if aliases else None
        report = asyncio.run(
            import_workbook(
                file.read_bytes(),
                filename=file.name,
                dry_run=dry_run,
                aliases=alias_map,
                government=government,
                on_start=on_start,
                progress=lambda n: bar["bar"].update(n),
            )
        )
    except (NotALaporExport, AliasFileError) as exc:
        click.echo(f"Ditolak: {exc}", err=True)
        raise SystemExit(2) from exc
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    for line in report_lines(report):
        click.echo(line)

    _echo_calendar_warnings(sorted(set(deadline_years()) | report.deadline_years))


@click.group(help=_("Hari libur nasional dan cuti bersama (tenggat hari kerja)."))
def holidays() -> None:
    pass


def _echo_calendar_warnings(years: list[int] | None = None) -> None:
    for text in asyncio.run(calendar_warnings(years)):
        click.echo(f"Peringatan: {text}", err=True)


@holidays.command("list", help=_("Cetak hari libur suatu tahun, satu per baris: YYYY-MM-DD nama sumber."))
@click.argument("year_arg", metavar="[YEAR]", type=int, required=False)
@click.option("--year", "year_opt", type=int, default=None, help=_("Tahunnya (bawaan: tahun ini)."))
def holidays_list(year_arg: int | None, year_opt: int | None) -> None:
    from datetime import UTC, datetime

    year = year_opt or year_arg or local_date(datetime.now(UTC)).year
    if not 1900 <= year <= 2200:
        raise click.BadParameter("1900-2200", param_hint="--year")
    for day in asyncio.run(calendar_year(year)).days:
        click.echo(f"{day.day.isoformat()} {day.name} {day.source}")
    _echo_calendar_warnings(sorted({year, *deadline_years()}))


@holidays.command(
    "check", help=_("Peringatkan tahun yang tenggatnya dihitung portal tetapi hari liburnya belum pasti.")
)
def holidays_check() -> None:
    warnings = asyncio.run(calendar_warnings())
    for text in warnings:
        click.echo(f"Peringatan: {text}", err=True)
    if not warnings:
        click.echo("Kalender hari libur terkonfirmasi.")


@holidays.command(
    "recompute", help=_("Hitung ulang tenggat pengaduan terbuka (setelah kalender atau paket diperbarui).")
)
def holidays_recompute() -> None:
    async def run() -> int:
        async with write_transaction():
            changed = await recompute_open_deadlines()
            await audit.record(
                "deadlines_recompute",
                "holiday",
                "",
                actor_name="portal holidays recompute",
                after={"deadlines_recomputed": changed},
            )
        return changed

    click.echo(f"Tenggat {asyncio.run(run())} pengaduan terbuka dihitung ulang.")


@click.group(help=_("Penanganan pengaduan."))
def complaints() -> None:
    pass


@complaints.command(
    "auto-close", help=_("Tutup pengaduan yang sudah dijawab bila pelapor tidak menanggapi tepat waktu.")
)
def complaints_auto_close() -> None:
    closed = asyncio.run(auto_close_due())
    click.echo(_("{n} pengaduan ditutup otomatis.").format(n=closed))


@complaints.command(
    "expire", help=_("Arsipkan (kedaluwarsa) pengaduan yang pelapornya tidak melengkapi informasi yang diminta.")
)
@click.option("--days", type=int, default=None, help=_("Hari menunggu (bawaan: PORTAL_INFO_WAIT_DAYS, 10)."))
def complaints_expire(days: int | None) -> None:
    expired = asyncio.run(expire_waiting_for_info(days if days is not None else get_settings().info_wait_days))
    click.echo(_("{n} pengaduan diarsipkan (kedaluwarsa).").format(n=expired))


@complaints.command(
    "send-outbox",
    help=_("Kirim pesan ke pelapor yang menunggu di outbox (ulang dengan jeda; --loop terus berjalan)."),
)
@click.option("--loop", is_flag=True, help=_("Terus berjalan dan periksa outbox setiap --interval detik."))
@click.option("--interval", type=float, default=30.0, help=_("Detik antar pemeriksaan dengan --loop (bawaan 30)."))
def complaints_send_outbox(loop: bool, interval: float) -> None:
    counts = asyncio.run(run(get_settings(), loop=loop, interval=interval))
    click.echo(
        _("Terkirim: {sent}, dicoba lagi nanti: {pending}, gagal: {failed}, tidak dikirim: {skipped}.").format(
            sent=counts.get("sent", 0),
            pending=counts.get("pending", 0) + counts.get("error", 0),
            failed=counts.get("failed", 0),
            skipped=counts.get("skipped", 0),
        )
    )


@complaints.command(
    "deadline-apologies",
    help=_("Kirim permintaan maaf dan tanggal target baru untuk pengaduan yang melewati batas waktu penyelesaian."),
)
def complaints_deadline_apologies() -> None:
    written = asyncio.run(apologise_for_missed_deadlines())
    click.echo(_("{n} permintaan maaf dicatat (dikirim lewat outbox).").format(n=written))


@complaints.command(
    "remask",
    help=_(
        "Bangun ulang salinan publik tersamar setiap pengaduan dengan aturan penyamaran terkini dan kontak resmi "
        "katalog (setelah aturan atau kontak berubah); aman diulang."
    ),
)
def complaints_remask() -> None:
    checked, written = asyncio.run(remask())
    click.echo(
        _("{checked} pengaduan diperiksa, {written} salinan publik diperbarui.").format(
            checked=checked, written=written
        )
    )


@complaints.command(
    "reindex",
    help=_(
        "Bangun ulang indeks pencarian papan pengaduan dari salinan publik (setelah pemulihan cadangan atau bila "
        "hasil pencarian tampak tidak lengkap); aman diulang."
    ),
)
def complaints_reindex() -> None:
    count = asyncio.run(rebuild_search_index())
    click.echo(_("{count} pengaduan diindeks untuk pencarian.").format(count=count))
    shown = asyncio.run(recount())
    click.echo(_("Jumlah pengaduan di papan dihitung ulang: {count}.").format(count=shown))


COMMANDS: list = with_short_help([lapor, holidays, complaints])
