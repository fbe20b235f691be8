"""Writes of the coordination view: the Mandiri deadlines of a year and refreshing the stored figures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import pairwise
from typing import Any

from evaluation_link.coordination import SCHEDULE_ENTITY, SCHEDULE_FIELDS, SCHEDULE_LABELS
from evaluation_link.services.assessments import EvaluationError, store_figures
from evaluation_link.tables import Assessment, MandiriSchedule
from portal import audit
from portal.db import write_transaction
from portal.i18n import _


async def save_schedule(year: int, dates: dict[str, date | None], *, actor: Any, request: Any = None) -> None:
    """The deadlines of each stage for one year; each later stage cannot end before the earlier one."""
    given = [(name, dates.get(name)) for name in SCHEDULE_FIELDS if dates.get(name) is not None]
    for (first, a), (second, b) in pairwise(given):
        if b < a:  # type: ignore[operator]
            raise EvaluationError(
                _("%(later)s tidak boleh sebelum %(earlier)s.")
                % {"later": _(SCHEDULE_LABELS[second]), "earlier": _(SCHEDULE_LABELS[first])},
                field=second,
            )
    values = {name: dates.get(name) for name in SCHEDULE_FIELDS}
    async with write_transaction():
        before = await MandiriSchedule.select().where(MandiriSchedule.year == year).first()
        now = datetime.now(UTC)
        if before:
            await MandiriSchedule.update(
                {**{getattr(MandiriSchedule, k): v for k, v in values.items()}, MandiriSchedule.updated_at: now}
            ).where(MandiriSchedule.year == year)
        else:
            await MandiriSchedule.insert(MandiriSchedule(year=year, updated_at=now, **values))
        await audit.record(
            "evaluation.schedule",
            SCHEDULE_ENTITY,
            year,
            actor=actor,
            request=request,
            before={k: before[k] for k in SCHEDULE_FIELDS} if before else None,
            after=values,
        )


async def refresh_figures(year: int, *, actor: Any, request: Any = None) -> int:
    """Re-store the figures of every assessment of the year from their indicator scores."""
    ids = [r["id"] for r in await Assessment.select(Assessment.id).where(Assessment.year == year)]
    async with write_transaction():
        for assessment_id in ids:
            await store_figures(assessment_id)
        await audit.record(
            "evaluation.refresh_figures",
            SCHEDULE_ENTITY,
            year,
            actor=actor,
            request=request,
            after={"assessments": len(ids)},
        )
    return len(ids)
