"""`portal complaints remask`: rebuilds the public copies when the rules or the published contacts change;
idempotent (a second run writes nothing)."""

from __future__ import annotations

import asyncio

from click.testing import CliRunner

from complaints.public_copy import remask
from complaints.services import handling
from complaints.tables import ComplaintPublic
from portal.tables import Unit
from tests.complaints.factories import actor, routed_case, world

HOTLINE = "0274 512345"


async def test_remask_applies_new_contacts_and_is_idempotent(app) -> None:
    ids = await world()
    case_id = await routed_case(app, ids, description="NIK saya 3201 0123 4567 8901, KTP belum jadi sebulan.")
    await handling.reply(case_id, await actor(ids["officer_a"]), f"Silakan hubungi layanan kami di {HOTLINE}.")
    [before] = await ComplaintPublic.select(ComplaintPublic.latest_answer).where(ComplaintPublic.complaint == case_id)
    assert HOTLINE not in before["latest_answer"]  # not yet a published contact of the unit

    await Unit.update({Unit.phone: HOTLINE}).where(Unit.id == ids["unit_a"])  # the catalogue now publishes it
    await ComplaintPublic.delete().where(ComplaintPublic.complaint != case_id)  # and one copy went missing
    checked, written = await remask()
    assert checked == 1 and written == 1
    [after] = await ComplaintPublic.select().where(ComplaintPublic.complaint == case_id)
    assert HOTLINE in after["latest_answer"]
    assert "3201" not in after["description"] and "[NIK disamarkan]" in after["description"]
    assert await remask() == (1, 0)  # idempotent


async def test_remask_rebuilds_a_missing_copy(app) -> None:
    ids = await world()
    case_id = await routed_case(app, ids, description="Nama saya Rina Kartika, antrean KTP lama sekali.")
    await ComplaintPublic.delete().where(ComplaintPublic.complaint == case_id)
    assert await remask() == (1, 1)
    [copy] = await ComplaintPublic.select().where(ComplaintPublic.complaint == case_id)
    assert "Rina" not in copy["description"] and "antrean KTP" in copy["description"]


def test_the_command_rebuilds_and_a_second_run_writes_nothing(db) -> None:
    from datetime import UTC, datetime

    from complaints.tables import Complaint
    from portal.cli import main

    now = datetime.now(UTC)
    asyncio.run(
        Complaint.insert(
            Complaint(
                tracking_code="ABCD2345EFGH",
                title="Jalan rusak",
                created_at=now,
                updated_at=now,
                description="HP saya O812 3456 789O, jalan rusak.",
            )
        ).run()
    )
    runner = CliRunner()
    first = runner.invoke(main, ["complaints", "remask"])
    assert first.exit_code == 0, first.output
    assert "1 pengaduan diperiksa, 1 salinan publik diperbarui" in first.output
    [copy] = asyncio.run(ComplaintPublic.select(ComplaintPublic.description).run())
    assert copy["description"] == "HP saya [nomor telepon disamarkan], jalan rusak."
    second = runner.invoke(main, ["complaints", "remask"])
    assert "1 pengaduan diperiksa, 0 salinan publik diperbarui" in second.output
