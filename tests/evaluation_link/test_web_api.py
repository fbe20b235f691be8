"""GET /api/v1/evaluation/follow-ups: evaluator token required, the shared envelope and paging, fields."""

from __future__ import annotations

from datetime import timedelta

from evaluation_link.queries.follow_up import local_today
from evaluation_link.services import follow_up, tokens
from tests.evaluation_link.follow_up_support import two_units

FILE = {"label": "a.pdf", "url": "/x", "file": "1" * 32 + ".pdf", "content_type": "application/pdf"}


async def test_follow_ups_api_token_paging_and_fields(client):
    people = await two_units()
    recs = []
    for no in (1, 2, 3):
        recs.append(
            await follow_up.add_recommendation(
                people["assessment_a"]["id"],
                indicator_no=no,
                text=f"Rekomendasi {no}",
                priority=no == 1,
                actor=people["evaluator"],
            )
        )
    aspect_rec = await follow_up.add_recommendation(
        people["assessment_b"]["id"], aspect="c", text="Ruang tunggu", actor=people["evaluator"]
    )
    action = await follow_up.plan_action(
        recs[0], what="Forum", owner="Kabid", due_date=local_today(), actor=people["admin_a"]
    )
    await follow_up.add_evidence(action, [FILE, FILE], actor=people["officer_a"])
    late = await follow_up.plan_action(
        aspect_rec, what="Kursi", owner="Camat", due_date=local_today(), actor=people["admin_b"]
    )
    await follow_up.PekpppFollowUp.update({follow_up.PekpppFollowUp.due_date: local_today() - timedelta(days=1)}).where(
        follow_up.PekpppFollowUp.id == late
    )

    url = "/api/v1/evaluation/follow-ups?year=2025"
    missing = await client.get(url)
    assert missing.status_code == 401 and missing.json()["status_code"] == 401
    assert (await client.get(url, headers={"Authorization": "Bearer salah"})).status_code == 401
    token = await tokens.create_token("alat-tindak-lanjut")
    auth = {"Authorization": f"Bearer {token}"}

    first = (await client.get(url + "&per_page=3", headers=auth)).json()
    assert (first["page"], first["per_page"], first["total"]) == (1, 3, 4)
    assert [i["text"] for i in first["items"]] == ["Rekomendasi 1", "Rekomendasi 2", "Rekomendasi 3"]
    item = first["items"][0]
    assert item["unit"] == "dinas-satu" and item["indicator"] == "1.a.Ak" and item["priority"] is True
    assert item["actions"] == [
        {
            "id": action,
            "what": "Forum",
            "owner": "Kabid",
            "due_date": local_today().isoformat(),
            "expected_evidence": "",
            "status": "planned",
            "overdue": False,
            "evidence_count": 2,
            "completed_on": None,
            "verified_at": None,
        }
    ]
    second = (await client.get(url + "&per_page=3&page=2", headers=auth)).json()
    assert len(second["items"]) == 1
    last = second["items"][0]
    assert last["unit"] == "kecamatan-dua" and last["indicator"] is None and last["aspect"] == "c"
    assert last["actions"][0]["overdue"] is True and last["actions"][0]["owner"] == "Camat"

    assert (await client.get("/api/v1/evaluation/follow-ups?year=2024", headers=auth)).json()["total"] == 0
    for bad in ("", "?year=abc", "?year=1900", "?year=2025&per_page=1000"):
        answer = await client.get("/api/v1/evaluation/follow-ups" + bad, headers=auth)
        assert answer.status_code == 400 and answer.json()["status_code"] == 400

    await tokens.revoke_token("alat-tindak-lanjut")
    assert (await client.get(url, headers=auth)).status_code == 403

    schema = (await client.get("/schema/openapi.json")).json()
    operation = schema["paths"]["/api/v1/evaluation/follow-ups"]["get"]
    assert {"200", "400", "401", "403"} <= set(operation["responses"])
    assert "ApiError" in str(operation["responses"]["401"])
    assert {p["name"] for p in operation["parameters"]} >= {"year", "page", "per_page"}
