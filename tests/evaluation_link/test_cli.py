"""`portal evaluation token ...`: a token is shown once, stored hashed, and can be revoked."""

from __future__ import annotations

import asyncio

from click.testing import CliRunner

from portal.cli import main


def test_token_create_list_revoke(db):
    runner = CliRunner()
    created = runner.invoke(main, ["evaluation", "token", "create", "alat-uji"])
    assert created.exit_code == 0, created.output
    token = created.output.strip().splitlines()[-1]
    assert token.startswith("pekppp_") and len(token) > 40

    from evaluation_link.services.tokens import find_token
    from evaluation_link.tables import EvaluatorToken

    rows = asyncio.run(EvaluatorToken.select(EvaluatorToken.token_hash, EvaluatorToken.name).run())
    assert [r["name"] for r in rows] == ["alat-uji"] and token not in str(rows)
    assert asyncio.run(find_token(token))["name"] == "alat-uji"

    listed = runner.invoke(main, ["evaluation", "token", "list"])
    assert "alat-uji" in listed.output and token not in listed.output and "aktif" in listed.output
    tried = runner.invoke(main, ["evaluation", "token", "revoke", "alat-uji", "--dry-run"])
    assert tried.exit_code == 0 and "Uji coba: 1 token akan dicabut" in tried.output
    assert asyncio.run(find_token(token))["revoked_at"] is None
    revoked = runner.invoke(main, ["evaluation", "token", "revoke", "alat-uji"])
    assert "1 token dicabut" in revoked.output
    assert asyncio.run(find_token(token))["revoked_at"] is not None

    blank = runner.invoke(main, ["evaluation", "token", "create", "  "])
    assert blank.exit_code != 0
