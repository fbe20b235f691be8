"""Click commands of the surveys domain, added to the `portal` command by portal.cli."""

from __future__ import annotations

import asyncio
import json

import click


@click.group("skm", help="Survei Kepuasan Masyarakat: sample sizes, PEKPPP inputs.")
def skm() -> None:
    pass


@skm.command("sampel", help="Required sample (Krejcie-Morgan) for a POPULATION of service users.")
@click.argument("population", type=click.IntRange(min=1))
def sample(population: int) -> None:
    from surveys.formula import krejcie_morgan

    click.echo(krejcie_morgan(population))


@skm.command("pekppp", help="PEKPPP indicator 6-9 inputs of unit UNIT_SLUG for YEAR, as JSON.")
@click.argument("unit_slug")
@click.argument("year", type=int)
def pekppp(unit_slug: str, year: int) -> None:
    from portal.security import unit_id_for_slug
    from surveys.pekppp import pekppp_inputs

    async def go() -> dict:
        unit_id = await unit_id_for_slug(unit_slug)
        if unit_id is None:
            raise click.ClickException(f"Unit '{unit_slug}' tidak ditemukan.")
        return await pekppp_inputs(unit_id, year)

    click.echo(json.dumps(asyncio.run(go()), default=str, indent=2, ensure_ascii=False))


COMMANDS: list = [skm]
