"""Click commands of the surveys domain, added to the `portal` command by portal.cli."""

from __future__ import annotations

import asyncio
import json

import click

from portal.cli_help import with_short_help
from portal.i18n import gettext as _
from surveys.formula import krejcie_morgan


@click.group("skm", help=_("Survei Kepuasan Masyarakat: ukuran sampel, masukan PEKPPP."))
def skm() -> None:
    pass


@skm.command("sampel", help=_("Sampel minimal (Krejcie-Morgan) untuk POPULATION pengguna layanan."))
@click.argument("population", type=click.IntRange(min=1))
def sample(population: int) -> None:
    click.echo(krejcie_morgan(population))


@skm.command("pekppp", help=_("Masukan indikator PEKPPP 6-9 untuk unit UNIT_SLUG pada YEAR, dalam JSON."))
@click.argument("unit_slug")
@click.argument("year", type=int)
def pekppp(unit_slug: str, year: int) -> None:
    # lazy: loaded when the command runs, because portal.security and the result modules pull in
    # Litestar and the tables (`portal --help` takes 3.0 s instead of 1.0 s with them at the top).
    from portal.security import unit_id_for_slug
    from surveys.pekppp import pekppp_inputs

    async def go() -> dict:
        unit_id = await unit_id_for_slug(unit_slug)
        if unit_id is None:
            raise click.ClickException(_("Unit '{slug}' tidak ditemukan.").format(slug=unit_slug))
        return await pekppp_inputs(unit_id, year)

    click.echo(json.dumps(asyncio.run(go()), default=str, indent=2, ensure_ascii=False))


COMMANDS: list = with_short_help([skm])
