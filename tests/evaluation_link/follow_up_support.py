"""Builders for the follow-up loop tests: a locked assessment of a unit and the actors of the loop."""

from __future__ import annotations

from typing import Any

from evaluation_link.queries import assessments as queries
from evaluation_link.services import assessments as services
from portal.security import CurrentUser
from tests.helpers import make_unit, make_user


async def actor(username: str, role: str, unit_id: int | None = None, unit_slug: str | None = None) -> CurrentUser:
    user_id = await make_user(username, role, unit_id)
    return CurrentUser(
        id=user_id,
        username=username,
        full_name=username.title(),
        role=role,
        unit_id=unit_id,
        unit_slug=unit_slug,
        unit_name=None,
    )


async def locked_assessment(unit_id: int, year: int, evaluator: CurrentUser, score: int = 3) -> dict[str, Any]:
    """An assessment of `year` whose every indicator the evaluator scored `score`, then locked."""
    assessment = await services.get_or_create_assessment(unit_id, year, actor=evaluator)
    view = await queries.sheet(await queries.unit_by_slug(await slug_of(unit_id)), assessment)
    for _aspect, views, _score in view.aspects:
        for item in views:
            await services.review_indicator(assessment["id"], item.indicator.no, score, "uji", actor=evaluator)
    await services.lock_assessment(assessment["id"], actor=evaluator)
    return await queries.find_assessment(unit_id, year)


async def slug_of(unit_id: int) -> str:
    from portal.tables import Unit

    row = await Unit.select(Unit.slug).where(Unit.id == unit_id).first()
    return row["slug"]


async def two_units() -> dict[str, Any]:
    """Two units with their admins and officers, one evaluator, and a locked 2025 assessment of each."""
    a = await make_unit("dinas-satu", name="Dinas Satu")
    b = await make_unit("kecamatan-dua", name="Kecamatan Dua")
    people = {
        "evaluator": await actor("penilai", "evaluator"),
        "admin_a": await actor("admin.satu", "unit_admin", a, "dinas-satu"),
        "officer_a": await actor("petugas.satu", "unit_officer", a, "dinas-satu"),
        "admin_b": await actor("admin.dua", "unit_admin", b, "kecamatan-dua"),
        "officer_b": await actor("petugas.dua", "unit_officer", b, "kecamatan-dua"),
    }
    people["unit_a"], people["unit_b"] = a, b
    people["assessment_a"] = await locked_assessment(a, 2025, people["evaluator"])
    people["assessment_b"] = await locked_assessment(b, 2025, people["evaluator"])
    return people
