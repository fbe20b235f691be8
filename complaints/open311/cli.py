"""`portal apikeys ...`: Open311 API keys for client systems (created by the system administrator)."""

from __future__ import annotations

import asyncio

import click

from complaints.open311.apikeys import ApiKeyError, create_key, list_keys, revoke_key
from portal.cli_help import with_short_help
from portal.i18n import gettext as _


@click.group("apikeys", help=_("Kunci API Open311 untuk sistem klien (aplikasi, alat warga, sistem nasional)."))
def apikeys_group() -> None:
    pass


@apikeys_group.command("create", help=_("Buat kunci API untuk klien NAME; kunci hanya ditampilkan sekali."))
@click.argument("name")
@click.option(
    "--rate",
    "rate_limit",
    default="60/minute",
    show_default=True,
    help=_("Jumlah POST yang diizinkan untuk kunci ini, sebagai N/second|minute|hour|day."),
)
def create(name: str, rate_limit: str) -> None:
    try:
        key_id, raw = asyncio.run(create_key(name, rate_limit=rate_limit))
    except ApiKeyError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        _("Kunci API {id} untuk {name} ({rate}). Simpan sekarang; kunci tidak ditampilkan lagi:").format(
            id=key_id, name=name, rate=rate_limit
        )
    )
    click.echo(raw)


@apikeys_group.command("list", help=_("Daftar kunci API (tanpa pernah menampilkan kuncinya)."))
def list_() -> None:
    for row in asyncio.run(list_keys()):
        state = _("aktif") if row["active"] else _("dicabut")
        used = row["last_used_at"].isoformat(timespec="seconds") if row["last_used_at"] else _("belum pernah")
        click.echo(
            f"{row['id']:>4}  {row['name']:<30} {row['key_prefix']}…  {row['rate_limit']:<12} {state:<8} "
            + _("terakhir dipakai: {used}").format(used=used)
        )


@apikeys_group.command("revoke", help=_("Cabut kunci API milik klien NAME."))
@click.argument("name")
@click.option("--dry-run", is_flag=True, help=_("Hanya periksa bahwa kunci aktif itu ada; tidak mencabut."))
def revoke(name: str, dry_run: bool) -> None:
    if dry_run:
        if not any(row["name"] == name and row["active"] for row in asyncio.run(list_keys())):
            raise click.ClickException(_("Tidak ada kunci API aktif bernama {name!r}.").format(name=name))
        click.echo(_("Uji coba: kunci API {name} akan dicabut.").format(name=name))
        return

    if not asyncio.run(revoke_key(name)):
        raise click.ClickException(_("Tidak ada kunci API aktif bernama {name!r}.").format(name=name))
    click.echo(_("Kunci API {name} dicabut.").format(name=name))


COMMANDS = with_short_help([apikeys_group])
