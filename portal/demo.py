"""`portal demo`: a realistic kabupaten for trying the portal, loaded only into an empty database."""

from __future__ import annotations

import secrets
from typing import Any

from portal.domains import demo_loaders
from portal.security import create_user
from portal.tables import Unit


def _password() -> str:
    return secrets.token_urlsafe(12)


async def create_demo_accounts(units: dict[str, int]) -> list[dict[str, Any]]:
    """One system admin, one evaluator, and an admin plus an officer for each demo unit."""
    plan: list[tuple[str, str, str | None, str]] = [
        ("admin", "system_admin", None, "Administrator Sistem"),
        ("evaluator", "evaluator", None, "Evaluator Bagian Organisasi"),
    ]
    for slug in units:
        plan.append((f"admin.{slug}", "unit_admin", slug, f"Admin {slug}"))
        plan.append((f"petugas.{slug}", "unit_officer", slug, f"Petugas {slug}"))
    accounts = []
    for username, role, unit_slug, full_name in plan:
        password = _password()
        await create_user(
            username=username,
            password=password,
            role=role,
            unit_id=units[unit_slug] if unit_slug else None,
            full_name=full_name,
        )
        accounts.append({"username": username, "role": role, "unit": unit_slug, "password": password})
    return accounts


async def load_all_demo(*, only_if_empty: bool = True) -> dict[str, Any] | None:
    if only_if_empty and await Unit.count() > 0:
        return None
    context: dict[str, Any] = {}
    for load_demo in demo_loaders():  # the kernel's units, services and accounts first
        await load_demo(context)
    return context
