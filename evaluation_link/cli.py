"""Click commands of the evaluation_link domain, added to the `portal` command by portal.cli."""

from __future__ import annotations

import asyncio

import click


@click.group(name="evaluation", help="PEKPPP evaluation: API tokens for evaluator tools.")
def evaluation() -> None:
    pass


@evaluation.group(name="token", help="Bearer tokens for /api/v1/evaluation (shown once, stored hashed).")
def token() -> None:
    pass


@token.command("create", help="Issue a token for an evaluator tool called NAME.")
@click.argument("name")
def token_create(name: str) -> None:
    from evaluation_link.tokens import create_token

    try:
        plain = asyncio.run(create_token(name))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo("Token (disimpan hanya sebagai hash; salin sekarang):")
    click.echo(plain)


@token.command("revoke", help="Revoke every active token called NAME.")
@click.argument("name")
def token_revoke(name: str) -> None:
    from evaluation_link.tokens import revoke_token

    count = asyncio.run(revoke_token(name))
    click.echo(f"{count} token dicabut.")


@token.command("list", help="List tokens (names, prefixes, dates; never the tokens).")
def token_list() -> None:
    from evaluation_link.tokens import list_tokens

    for row in asyncio.run(list_tokens()):
        state = "dicabut" if row["revoked_at"] else "aktif"
        click.echo(f"{row['name']:<30} {row['prefix']}…  {state}  {row['created_at']:%Y-%m-%d}")


COMMANDS: list = [evaluation]
