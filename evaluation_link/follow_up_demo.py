"""Demo of the follow-up loop, loaded by evaluation_link.demo: the demo government's 2025 assessments
locked by the evaluator, recommendations per indicator and per aspect, and the units' actions in every
state (planned, in progress, done, verified, sent back, overdue) across a dinas, a kecamatan and a
puskesmas. Everything goes through the services (checks and audit trail); afterwards the dates are
moved back so the story reads as months of work (the audit rows keep the real load time)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from evaluation_link import evidence_files
from evaluation_link.follow_up_states import ActionStatus
from evaluation_link.queries import assessments as queries
from evaluation_link.queries.follow_up import local_today
from evaluation_link.services import assessments as services
from evaluation_link.services import follow_up
from evaluation_link.tables import Assessment, PekpppFollowUp, PekpppRecommendation
from portal import reports
from portal.formatting import LOCAL_TZ
from portal.security import CurrentUser
from portal.settings import get_settings
from portal.tables import StaffUser
from portal.uploads import ReceivedUpload, check_upload

YEAR = 2025
# Evaluator's scores that differ from the portal's suggestion or the unit's own score, with the reason.
OVERRIDES = {
    "disdukcapil": {1: (3, "SP belum melibatkan masyarakat dalam penyusunan."), 16: (3, "Ruang tunggu sempit.")},
    "kecamatan-sukamaju": {18: (1, "Belum ada ramp dan loket prioritas."), 25: (2, "Ruang pengaduan belum ada.")},
    "puskesmas-sukamaju": {15: (2, "Parkir sering penuh; tidak ada parkir khusus."), 29: (1, "Belum ada inovasi.")},
    "dpmptsp": {23: (3, "Situs belum memuat status permohonan.")},
}
# slug -> recommendations: (indicator no or None, aspect, text, priority, actions)
# action: (what, owner, expected evidence, final state, overdue, sent-back reason)
STORY: dict[str, list[tuple[int | None, str, str, bool, list[tuple[str, str, str, str, bool, str]]]]] = {
    "disdukcapil": [
        (
            1,
            "a",
            "Tinjau ulang Standar Pelayanan akta kelahiran bersama perwakilan masyarakat.",
            True,
            [
                (
                    "Forum konsultasi publik penyusunan SP",
                    "Kepala Bidang Pelayanan",
                    "Notulen dan daftar hadir",
                    ActionStatus.verified,
                    False,
                    "",
                ),
                (
                    "Penetapan SP baru dengan keputusan kepala dinas",
                    "Sekretaris Dinas",
                    "SK penetapan SP",
                    ActionStatus.done,
                    False,
                    "",
                ),
            ],
        ),
        (
            None,
            "b",
            "Latih petugas loket tentang budaya pelayanan dan kode etik.",
            False,
            [
                (
                    "Pelatihan pelayanan prima dua angkatan",
                    "Kepala Subbagian Umum",
                    "Daftar hadir dan materi",
                    ActionStatus.in_progress,
                    False,
                    "",
                ),
            ],
        ),
    ],
    "kecamatan-sukamaju": [
        (
            18,
            "c",
            "Sediakan ramp, kursi roda dan loket prioritas bagi kelompok rentan.",
            True,
            [
                (
                    "Pembangunan ramp pintu utama",
                    "Sekretaris Camat",
                    "Foto ramp terpasang",
                    ActionStatus.sent_back,
                    False,
                    "Foto tidak menunjukkan kemiringan ramp; kirim foto dari samping.",
                ),
                (
                    "Pengadaan kursi roda",
                    "Kepala Seksi Pelayanan",
                    "Berita acara serah terima",
                    ActionStatus.in_progress,
                    True,
                    "",
                ),
            ],
        ),
        (
            25,
            "e",
            "Siapkan ruang pengaduan tatap muka dengan petugas yang ditunjuk.",
            False,
            [
                (
                    "Menata ruang pengaduan di lantai 1",
                    "Kepala Seksi Pelayanan",
                    "Foto ruang dan SK petugas",
                    ActionStatus.planned,
                    False,
                    "",
                ),
            ],
        ),
    ],
    "puskesmas-sukamaju": [
        (
            15,
            "c",
            "Tambah tempat parkir dan tandai parkir khusus penyandang disabilitas.",
            True,
            [
                (
                    "Marka parkir khusus disabilitas",
                    "Kepala Tata Usaha",
                    "Foto marka parkir",
                    ActionStatus.verified,
                    False,
                    "",
                ),
                (
                    "Perluasan lahan parkir belakang",
                    "Kepala Puskesmas",
                    "Foto dan berita acara pekerjaan",
                    ActionStatus.planned,
                    True,
                    "",
                ),
            ],
        ),
        (
            None,
            "f",
            "Kembangkan satu inovasi pelayanan dan daftarkan ke SINOVIK.",
            False,
            [
                (
                    "Antrean daring lewat pesan singkat",
                    "Penanggung jawab UKP",
                    "Tangkapan layar dan SK inovasi",
                    ActionStatus.planned,
                    False,
                    "",
                ),
            ],
        ),
    ],
}
PATHS = {
    ActionStatus.planned: [],
    ActionStatus.in_progress: [ActionStatus.in_progress],
    ActionStatus.done: [ActionStatus.in_progress, ActionStatus.done],
    ActionStatus.verified: [ActionStatus.in_progress, ActionStatus.done, ActionStatus.verified],
    ActionStatus.sent_back: [ActionStatus.in_progress, ActionStatus.done, ActionStatus.sent_back],
}


async def _person(username: str) -> CurrentUser | None:
    row = (
        await StaffUser.select(
            StaffUser.id,
            StaffUser.username,
            StaffUser.full_name,
            StaffUser.role,
            StaffUser.unit,
            StaffUser.unit.slug,
            StaffUser.unit.name,
        )
        .where(StaffUser.username == username)
        .first()
    )
    if row is None:
        return None
    return CurrentUser(
        id=row["id"],
        username=row["username"],
        full_name=row["full_name"],
        role=row["role"],
        unit_id=row["unit"],
        unit_slug=row["unit.slug"],
        unit_name=row["unit.name"],
    )


def _evidence_pdf(title: str) -> bytes:
    pdf = reports.ReportPdf()
    pdf.add_page()
    pdf.set_font(pdf.report_font, size=14)
    pdf.multi_cell(0, 10, text=f"Bukti tindak lanjut PEKPPP {YEAR}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.report_font, size=11)
    pdf.multi_cell(0, 8, text=title, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


async def _store_evidence(title: str, unit_id: int) -> dict[str, str]:
    """A generated PDF passed through the same check and storage as an officer's upload."""
    settings = get_settings()
    checked = check_upload("bukti.pdf", _evidence_pdf(title), max_bytes=settings.max_upload_bytes)
    return await evidence_files.store(ReceivedUpload(checked, f"{title[:60]}.pdf"), settings.upload_dir, unit_id)


async def lock_year(slug: str, unit_id: int, evaluator: CurrentUser) -> dict[str, Any]:
    """The evaluator reviews every indicator of the unit's 2025 assessment and locks it."""
    assessment = await services.get_or_create_assessment(unit_id, YEAR, actor=evaluator)
    view = await queries.sheet(await queries.unit_by_slug(slug), assessment)
    overrides = OVERRIDES.get(slug, {})
    for _aspect, items, _score in view.aspects:
        for item in items:
            no = item.indicator.no
            if no in overrides:
                score, reason = overrides[no]
            else:
                score, reason = (item.baseline if item.baseline is not None else 2 + (no + unit_id) % 3), ""
            if item.baseline is not None and score != item.baseline and not reason:
                reason = "Disesuaikan dengan bukti dukung."
            await services.review_indicator(assessment["id"], no, score, reason, actor=evaluator)
    await services.lock_assessment(assessment["id"], actor=evaluator)
    return assessment


async def load_follow_up_demo(units: dict[str, int]) -> None:
    evaluator = await _person("evaluator")
    if evaluator is None:
        return
    today = local_today()

    def at(day_offset: int) -> datetime:
        return datetime.combine(today + timedelta(days=day_offset), time(9, 0), tzinfo=LOCAL_TZ).astimezone(UTC)

    for slug in (*STORY, "dpmptsp"):
        unit_id = units.get(slug)
        if unit_id is None:
            continue
        assessment = await lock_year(slug, unit_id, evaluator)
        await Assessment.update({Assessment.locked_at: at(-240)}).where(Assessment.id == assessment["id"])
        admin, officer = await _person(f"admin.{slug}"), await _person(f"petugas.{slug}")
        if admin is None or officer is None:
            continue
        for no, aspect, text, priority, actions in STORY.get(slug, []):
            rec = await follow_up.add_recommendation(
                assessment["id"],
                text=text,
                indicator_no=no,
                aspect="" if no else aspect,
                priority=priority,
                actor=evaluator,
            )
            await PekpppRecommendation.update(
                {PekpppRecommendation.created_at: at(-235), PekpppRecommendation.updated_at: at(-235)}
            ).where(PekpppRecommendation.id == rec)
            for what, owner, expected, final, overdue, reason in actions:
                action = await follow_up.plan_action(
                    rec, what=what, owner=owner, due_date=today, expected_evidence=expected, actor=admin
                )
                for step in PATHS[final]:
                    if step is ActionStatus.done:
                        entry = await _store_evidence(what, unit_id)
                        await follow_up.add_evidence(action, [entry], actor=officer)
                    who = evaluator if step in (ActionStatus.verified, ActionStatus.sent_back) else officer
                    await follow_up.change_status(
                        action, step.value, actor=who, reason=reason if step is ActionStatus.sent_back else ""
                    )
                finished = final in (ActionStatus.done, ActionStatus.verified, ActionStatus.sent_back)
                due = (
                    today - timedelta(days=30)
                    if overdue
                    else (today - timedelta(days=60) if finished else today + timedelta(days=75))
                )
                moved: dict[Any, Any] = {
                    PekpppFollowUp.created_at: at(-230),
                    PekpppFollowUp.due_date: due,
                    PekpppFollowUp.updated_at: at(-100),
                }
                if final is not ActionStatus.planned:
                    moved[PekpppFollowUp.started_at] = at(-200)
                if finished:
                    moved[PekpppFollowUp.completed_on] = today - timedelta(days=90)
                    moved[PekpppFollowUp.completed_at] = at(-90)
                if final is ActionStatus.verified:
                    moved[PekpppFollowUp.verified_at] = at(-80)
                await PekpppFollowUp.update(moved).where(PekpppFollowUp.id == action)
    # dpmptsp: one aspect recommendation answered and done, awaiting the evaluator
    unit_id = units.get("dpmptsp")
    admin, officer = await _person("admin.dpmptsp"), await _person("petugas.dpmptsp")
    if unit_id is None or admin is None or officer is None:
        return
    assessment = await queries.find_assessment(unit_id, YEAR)
    rec = await follow_up.add_recommendation(
        assessment["id"],
        text="Tampilkan status permohonan izin di situs.",
        indicator_no=23,
        priority=False,
        actor=evaluator,
    )
    action = await follow_up.plan_action(
        rec,
        what="Fitur lacak permohonan di situs DPMPTSP",
        owner="Kepala Bidang TI",
        due_date=today,
        expected_evidence="Tangkapan layar",
        actor=admin,
    )
    await follow_up.add_evidence(action, [await _store_evidence("Fitur lacak permohonan", unit_id)], actor=officer)
    await follow_up.change_status(action, ActionStatus.done.value, actor=officer)
