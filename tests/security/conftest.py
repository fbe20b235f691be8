"""Fixtures of the security proofs: two units, one account per role, a client per role."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.helpers import login, make_unit, make_user


@dataclass
class World:
    unit_a: int
    unit_b: int
    usernames: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)  # path parameter values of unit A's objects
    values_b: dict[str, Any] = field(default_factory=dict)  # the same for unit B


@pytest.fixture
def settings(tmp_path):
    """Generous login limit: the matrix logs in once per role."""
    import os
    from pathlib import Path

    from portal.settings import Settings

    return Settings(
        env="test",
        data_dir=tmp_path / "data",
        secret_key="test-secret-key-" + "x" * 32,
        page_cache_seconds=60,
        login_rate_limit="100/minute",
        public_write_rate_limit="1000/minute",
        tracking_rate_limit="1000/minute",
        model_dir=Path(os.environ["PORTAL_MODEL_DIR"]),
    )


@pytest.fixture
async def world(db: None) -> World:
    unit_a = await make_unit("dinas-a", "Dinas A")
    unit_b = await make_unit("dinas-b", "Dinas B")
    usernames = {
        "unit_officer": "petugas.a",
        "unit_admin": "admin.a",
        "evaluator": "evaluator.x",
        "system_admin": "sysadmin.x",
    }
    await make_user("petugas.a", "unit_officer", unit_a)
    await make_user("admin.a", "unit_admin", unit_a)
    await make_user("evaluator.x", "evaluator")
    await make_user("sysadmin.x", "system_admin")
    await make_user("admin.b", "unit_admin", unit_b)
    values = {"unit_slug": "dinas-a", "slug": "dinas-a", "unit": "dinas-a", "unit_id": unit_a}
    values_b = {"unit_slug": "dinas-b", "slug": "dinas-b", "unit": "dinas-b", "unit_id": unit_b}
    return World(unit_a, unit_b, usernames, values, values_b)


async def as_role(client: Any, world: World, role: str) -> None:
    """Switch the client to `role` (a fresh session; anonymous just drops the cookies)."""
    client.cookies.clear()
    if role != "anonymous":
        await login(client, world.usernames[role])
