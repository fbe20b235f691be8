"""Apply every app's migrations (the same code path for `portal migrate`, `make run` and the tests)."""

from __future__ import annotations

from piccolo.apps.migrations.commands.forwards import run_forwards

from portal.db import prepare_database


async def migrate() -> None:
    await prepare_database()
    response = await run_forwards(app_name="all", fake=False)
    if not response.success:
        raise RuntimeError(f"migrations failed: {response.message}")
