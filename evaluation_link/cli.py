"""Click commands of the evaluation_link domain, added to the `portal` command by portal.cli."""

from __future__ import annotations

import asyncio

import click

from evaluation_link.services.tokens import create_token, list_tokens, revoke_token
from portal.cli_help import with_short_help
from portal.i18n import gettext as _


@click.group(name="evaluation", help=_("Evaluasi PEKPPP: token API untuk alat evaluator."))
def evaluation() -> None:
    pass


@evaluation.group(
    name="token", help=_("Token bearer untuk /api/v1/evaluation (ditampilkan sekali, disimpan sebagai hash).")
)
def token() -> None:
    pass


@token.command("create", help=_("Terbitkan token untuk alat evaluator bernama NAME."))
@click.argument("name")
def token_create(name: str) -> None:
    try:
        plain = asyncio.run(create_token(name))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo(_("Token (disimpan hanya sebagai hash; salin sekarang):"))
    click.echo(plain)


@token.command("revoke", help=_("Cabut semua token aktif bernama NAME."))
@click.argument("name")
@click.option("--dry-run", is_flag=True, help=_("Hanya hitung token yang akan dicabut."))
def token_revoke(name: str, dry_run: bool) -> None:
    if dry_run:
        count = sum(1 for row in asyncio.run(list_tokens()) if row["name"] == name and not row["revoked_at"])
        click.echo(_("Uji coba: {n} token akan dicabut.").format(n=count))
        return
    count = asyncio.run(revoke_token(name))
    click.echo(_("{n} token dicabut.").format(n=count))


@token.command("list", help=_("Daftar token (nama, awalan, tanggal; tanpa tokennya)."))
def token_list() -> None:
    for row in asyncio.run(list_tokens()):
        state = _("dicabut") if row["revoked_at"] else _("aktif")
        click.echo(f"{row['name']:<30} {row['prefix']}…  {state}  {row['created_at']:%Y-%m-%d}")


COMMANDS: list = with_short_help([evaluation])
