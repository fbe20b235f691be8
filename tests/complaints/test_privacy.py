"""Who sees the reporter's identity, for every role and every privacy choice."""

import pytest

from complaints.tables import Complaint
from portal.tables import AuditLog
from tests.complaints.factories import routed_case, world
from tests.helpers import login, post_form

NAME = "Siti Rahmawati"
EMAIL = "siti.rahma@example.org"
CHOICES = {
    "normal": {"privacy": "normal"},
    "anonim": {"privacy": "anonim"},
    "rahasia": {"privacy": "rahasia"},
    "both": {"privacy": "anonim_rahasia"},
    "none": {"privacy": "normal", "fully_anonymous": "1"},
}
# Whether the case page shows the identity, per viewer and privacy choice (None = page refused).
EXPECTED = {
    "officer_a": {"normal": True, "anonim": False, "rahasia": False, "both": False, "none": False},
    "admin_a": {"normal": True, "anonim": False, "rahasia": False, "both": False, "none": False},
    "officer_b": dict.fromkeys(CHOICES),
    "evaluator": dict.fromkeys(CHOICES, False),
    "sysadmin": {"normal": True, "anonim": False, "rahasia": False, "both": False, "none": False},
}
USERNAMES = {
    "officer_a": "petugas.a",
    "admin_a": "admin.a",
    "officer_b": "petugas.b",
    "evaluator": "evaluator",
    "sysadmin": "admin",
}


async def _cases(app, ids) -> dict[str, int]:
    cases = {}
    for i, (choice, extra) in enumerate(CHOICES.items()):
        cases[choice] = await routed_case(
            app,
            ids,
            reporter_name=NAME,
            reporter_email=EMAIL,
            reporter_phone="",
            title=f"Antrean KTP nomor {i} lama sekali",
            description=f"Pelayanan KTP kasus {choice} sangat lambat {i}.",
            confirm_duplicate="1",
            **extra,
        )
    return cases


@pytest.mark.parametrize("viewer", list(EXPECTED))
async def test_case_page_shows_identity_only_to_allowed_roles(app, client, viewer) -> None:
    ids = await world()
    cases = await _cases(app, ids)
    await login(client, USERNAMES[viewer])
    for choice, case_id in cases.items():
        response = await client.get(f"/staf/pengaduan/{case_id}")
        expected = EXPECTED[viewer][choice]
        if expected is None:
            assert response.status_code == 403, choice
            continue
        assert response.status_code == 200, choice
        assert (NAME in response.text) is expected, (viewer, choice)
        assert (EMAIL in response.text) is expected, (viewer, choice)


async def test_system_admin_sees_protected_identity_on_request_and_it_is_audited(app, client) -> None:
    ids = await world()
    cases = await _cases(app, ids)
    await login(client, "admin")
    for choice in ("anonim", "rahasia", "both"):
        page = await client.get(f"/staf/pengaduan/{cases[choice]}")
        assert f"/staf/pengaduan/{cases[choice]}/identitas" in page.text
        form = await client.get(f"/staf/pengaduan/{cases[choice]}/identitas")
        assert form.status_code == 200 and NAME not in form.text and 'name="reason"' in form.text
        refused = await post_form(client, f"/staf/pengaduan/{cases[choice]}/identitas", {"reason": "cek"})
        assert refused.status_code == 422 and NAME not in refused.text
        shown = await post_form(
            client,
            f"/staf/pengaduan/{cases[choice]}/identitas",
            {"reason": f"Permintaan penyidik Polres nomor {choice}/2026"},
        )
        assert shown.status_code == 200 and NAME in shown.text and EMAIL in shown.text
    audits = await AuditLog.select(AuditLog.entity_id, AuditLog.after).where(AuditLog.action == "view_identity")
    assert sorted(int(a["entity_id"]) for a in audits) == sorted(cases[c] for c in ("anonim", "rahasia", "both"))
    assert all("Permintaan penyidik Polres" in str(a["after"]) for a in audits)


async def test_identity_page_is_refused_to_unit_staff(app, client) -> None:
    ids = await world()
    cases = await _cases(app, ids)
    await login(client, "admin.a")
    response = await client.get(f"/staf/pengaduan/{cases['anonim']}/identitas")
    assert response.status_code == 403 and NAME not in response.text
    posted = await post_form(client, f"/staf/pengaduan/{cases['anonim']}/identitas", {"reason": "Saya ingin tahu saja"})
    assert posted.status_code == 403 and NAME not in posted.text
    assert await AuditLog.count().where(AuditLog.action == "view_identity") == 0


async def test_fully_anonymous_mode_stores_no_identity(app, db) -> None:
    ids = await world()
    cases = await _cases(app, ids)
    row = await Complaint.select().where(Complaint.id == cases["none"]).first()
    assert (row["reporter_name"], row["reporter_email"], row["reporter_phone"], row["identity_stored"]) == (
        "",
        "",
        "",
        False,
    )


async def test_citizens_never_see_identity_and_rahasia_is_not_published(app, client) -> None:
    ids = await world()
    cases = await _cases(app, ids)
    board = await client.get("/pengaduan")
    assert board.status_code == 200
    assert NAME not in board.text and EMAIL not in board.text
    assert "kasus normal" in board.text and "kasus anonim" in board.text
    assert "kasus rahasia" not in board.text and "kasus both" not in board.text
    for case_id in cases.values():
        code = (await Complaint.select(Complaint.tracking_code).where(Complaint.id == case_id).first())["tracking_code"]
        page = await client.get(f"/pengaduan/lacak/{code}")
        assert page.status_code == 200 and NAME not in page.text and EMAIL not in page.text
