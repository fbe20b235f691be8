"""Writes of survey periods: each change and its audit row are one transaction, so a change whose audit
row cannot be written is not saved either."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal import audit
from portal.security import load_user
from portal.tables import AuditLog
from surveys import queries
from surveys.services import followup as followup_service
from surveys.services import periods as period_service
from surveys.tables import PublicationMedium, SurveyExtraUnsur, SurveyPeriod, SurveyToken
from tests.helpers import make_unit, make_user
from tests.surveys.factories import make_period


class AuditDown(Exception):
    pass


def fail_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on in the test, every audit row fails to be written."""

    async def refuse(*args: Any, **kwargs: Any) -> None:
        raise AuditDown

    monkeypatch.setattr(audit, "record", refuse)


async def admin_of_new_unit() -> tuple[int, Any]:
    unit_id = await make_unit()
    user = await load_user(await make_user("admin.uji", "unit_admin", unit_id))
    assert user is not None
    return unit_id, user


async def test_every_staff_write_is_audited_in_its_transaction(db) -> None:
    unit_id, user = await admin_of_new_unit()
    period_id = await period_service.create_period(
        unit_id=unit_id, period_type="year", start=date(2026, 1, 1), end=date(2026, 12, 31), population=100,
        actor=user,
    )  # fmt: skip
    await period_service.add_extra_unsur(period_id, name="Kebersihan", question="Bersihkah?", actor=user)
    await period_service.set_weights(period_id, {f"u{i}": "0.1" for i in range(1, 10)} | {"x1": "0.1"}, actor=user)
    await period_service.issue_tokens(period_id, 3, actor=user)
    rows = await AuditLog.select(AuditLog.action).where(AuditLog.entity_type == "skm_period").order_by(AuditLog.id)
    actions = [row["action"] for row in rows]
    assert actions == ["skm_period_created", "skm_unsur_added", "skm_weights_set", "skm_tokens_issued"]


async def test_a_period_whose_audit_row_fails_is_not_created(db, monkeypatch: pytest.MonkeyPatch) -> None:
    unit_id, user = await admin_of_new_unit()
    fail_audit(monkeypatch)
    with pytest.raises(AuditDown):
        await period_service.create_period(
            unit_id=unit_id, period_type="year", start=date(2026, 1, 1), end=date(2026, 12, 31), population=100,
            actor=user,
        )  # fmt: skip
    assert await SurveyPeriod.count() == 0


async def test_questionnaire_and_codes_roll_back_with_their_audit_row(db, monkeypatch: pytest.MonkeyPatch) -> None:
    unit_id, user = await admin_of_new_unit()
    period = await make_period(unit_id)
    fail_audit(monkeypatch)
    with pytest.raises(AuditDown):
        await period_service.add_extra_unsur(period["id"], name="Kebersihan", question="Bersihkah?", actor=user)
    with pytest.raises(AuditDown):
        await period_service.set_weights(
            period["id"], {f"u{i}": "0.1" for i in range(1, 9)} | {"u9": "0.2"}, actor=user
        )
    with pytest.raises(AuditDown):
        await period_service.issue_tokens(period["id"], 5, actor=user)
    with pytest.raises(AuditDown):
        await followup_service.add_medium(period["id"], "media_sosial", "Instagram", None, actor=user)
    with pytest.raises(AuditDown):
        await followup_service.set_publication(
            period["id"], published=True, report_date=None, accepting=False, actor=user
        )
    assert await SurveyExtraUnsur.count() == 0
    assert await SurveyToken.count() == 0
    assert await PublicationMedium.count() == 0
    after = await queries.get_period(period["id"])
    assert (after["weights"], after["published"], after["accepting"]) == ({}, False, True)
