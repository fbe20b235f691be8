"""The learning loop on the portal side: model history records, the staff page, masked export."""

import dataclasses
import json

import pytest

from complaints import model_versions
from complaints.tables import ClassifierModelVersion, Complaint
from portal.tables import AuditLog
from tests.complaints.factories import routed_case, world
from tests.helpers import html, login, post_form

PAGE = "/staf/sistem/model-klasifikasi"


def _report(decision: str, version: str, previous: str = "topic-old") -> dict:
    return {
        "decision": decision,
        "candidate_version": version,
        "previous_version": previous,
        "corrections": 40,
        "corrections_train": 28,
        "corrections_holdout": 12,
        "added_rows": 0,
        "candidate_metadata": {"corpus_rows": 6099, "feedback_count": 28, "training_seconds": 7.0},
        "candidate": {"n": 12, "accuracy": 0.9167, "macro_f1": 0.8, "per_topic": {}},
        "current": {"n": 12, "accuracy": 0.75, "macro_f1": 0.7, "per_topic": {}},
        "reasons": [] if decision == "promoted" else ["accuracy 0.700 < 0.750"],
    }


async def test_page_is_for_system_admins_only(client) -> None:
    await world()
    response = await client.get(PAGE)
    assert response.status_code == 303 and response.headers["location"].startswith("/masuk")
    await login(client, "admin.a")
    assert (await client.get(PAGE)).status_code == 403
    assert html(await client.get("/staf")).find("a", href=PAGE) is None
    await login(client, "admin")
    assert html(await client.get("/staf")).find("a", href=PAGE) is not None


async def test_every_cycle_and_rollback_is_recorded_with_its_figures_and_audited(db) -> None:
    await model_versions.record_cycle(_report("promoted", "topic-20261206-aaaa"))
    await model_versions.record_cycle(_report("rejected", "topic-20261207-bbbb", previous="topic-20261206-aaaa"))
    await model_versions.record_rollback("topic-old", "topic-20261206-aaaa")
    rows = await model_versions.model_history()
    assert [(r["model_version"], r["event"]) for r in rows] == [
        ("topic-old", "rolled_back"),
        ("topic-20261207-bbbb", "rejected"),
        ("topic-20261206-aaaa", "promoted"),
    ]
    promoted = rows[2]
    # Real is single precision on PostgreSQL
    assert (promoted["holdout_accuracy"], promoted["previous_accuracy"]) == (pytest.approx(0.9167), 0.75)
    assert (promoted["corrections_train"], promoted["corrections_holdout"], promoted["corpus_rows"]) == (28, 12, 6099)
    assert rows[1]["note"] == "accuracy 0.700 < 0.750"
    actions = [r["action"] for r in await AuditLog.select(AuditLog.action).order_by(AuditLog.id)]
    assert actions == ["classifier_promoted", "classifier_rejected", "classifier_rolled_back"]


async def test_admin_sees_current_model_accuracy_on_corrected_complaints_and_history(app, client, tmp_path) -> None:
    ids = await world()
    kept = await routed_case(app, ids)
    changed = await routed_case(
        app,
        ids,
        title="Akta kelahiran belum jadi",
        reporter_email="z@example.org",
        description="Akta kelahiran anak saya belum jadi setelah dua bulan.",
    )
    rows = {r["id"]: r for r in await Complaint.select(Complaint.id, Complaint.topic, Complaint.topic_model_version)}
    version = rows[kept]["topic_model_version"]
    assert version and rows[changed]["topic_model_version"] == version
    await login(client, "petugas.a")
    confirm = await post_form(client, f"/staf/pengaduan/{kept}/topik", {"topic": rows[kept]["topic"]})
    other = "pungli" if rows[changed]["topic"] != "pungli" else "kinerja_petugas"
    correct = await post_form(client, f"/staf/pengaduan/{changed}/topik", {"topic": other})
    assert confirm.status_code == correct.status_code == 303
    # a second correction of the same complaint compares with the officer's topic: not counted
    await post_form(client, f"/staf/pengaduan/{changed}/topik", {"topic": other})
    await model_versions.record_cycle(_report("promoted", version))
    # the model directory the page reads holds the model that classified these complaints
    (tmp_path / "metadata.json").write_text(json.dumps({
        "model_version": version, "trained_at": "2026-12-06T05:00:00+00:00", "corpus_rows": 6099, "feedback_count": 28,
    }))  # fmt: skip
    app.state.settings = dataclasses.replace(app.state.settings, model_dir=tmp_path)

    live = await model_versions.accuracy_on_corrections(version)
    assert (live["n"], live["accuracy"]) == (2, 0.5)
    assert live["units"] == [{"unit": "Dinas Dukcapil", "n": 2, "accuracy": 0.5}]

    await login(client, "admin")
    page = html(await client.get(PAGE))
    assert page.find(attrs={"data-testid": "model-version"}).get_text() == version
    assert "50%" in page.find(attrs={"data-testid": "live-accuracy"}).get_text()
    history = page.find(id="model-history").find_parent("section").get_text()
    assert version in history and "Dipakai" in history and "0.917 (0.750)" in history


async def test_exported_corrections_are_masked(app, client) -> None:
    ids = await world()
    case_id = await routed_case(
        app, ids, description="Saya Budi Santoso, NIK 3302123456789012, HP 081234567890: KTP belum jadi sebulan."
    )
    await login(client, "petugas.a")
    await post_form(client, f"/staf/pengaduan/{case_id}/topik", {"topic": "adminduk"})
    pairs = await model_versions.corrections_for_export()
    assert len(pairs) == 1 and pairs[0][1] == "adminduk"
    text = pairs[0][0]
    assert "KTP belum jadi sebulan" in text
    for secret in ("Budi", "Santoso", "3302123456789012", "081234567890"):
        assert secret not in text
    csv_text = model_versions.corrections_csv(pairs)
    assert csv_text.startswith("text,topic\r\n") and "3302123456789012" not in csv_text


async def test_table_exists_after_migrations(db) -> None:
    assert await ClassifierModelVersion.count() == 0


async def test_triage_queue_shows_each_suggestions_confidence(app, client) -> None:
    ids = await world()
    await routed_case(app, ids)  # "KTP ..." -> adminduk at 0.9 by the test classifier
    from tests.complaints.factories import file

    unsure = await file(
        app,
        title="Pertanyaan umum",
        description="Mau tanya soal jadwal kegiatan bulan depan.",
        reporter_email="q@example.org",
    )  # lainnya at 0.2 -> triage
    await login(client, "admin")
    page = html(await client.get("/staf/pengaduan/triase"))
    row = page.find("a", href=f"/staf/pengaduan/{unsure.id}").find_parent("tr")
    assert row.select_one(".topic-confidence").get_text() == "20%"
    assert "Perlu triase" in row.get_text()
    assert "dikalibrasi pada aduan nyata" in page.get_text()
    # an officer's topic is not a suggestion: no confidence shown
    assert (await post_form(client, f"/staf/pengaduan/{unsure.id}/topik", {"topic": "lainnya"})).status_code == 303
    page = html(await client.get("/staf/pengaduan/triase"))
    row = page.find("a", href=f"/staf/pengaduan/{unsure.id}").find_parent("tr")
    assert row.select_one(".topic-confidence") is None
