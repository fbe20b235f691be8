"""Demo data of the complaints domain, loaded by `portal demo` after the catalogue: about 30
complaints across units in every state, with events, answers, ratings, anonim/rahasia reports and
some overdue cases. Each case is driven through the real services, so its events are genuine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from complaints.actors import Actor
from complaints.deadlines import compute_deadlines
from complaints.services import handling, intake, reporter
from complaints.states import S
from ml.classifier import Prediction
from portal.security import load_user
from portal.tables import StaffUser

# (unit slug, service slug or "", topic, title, description, privacy, final state, days ago, extras)
DEMO_COMPLAINTS: list[tuple[str, str, str, str, str, str, str, int, dict[str, Any]]] = [
    (
        "disdukcapil",
        "ktp-el",
        "adminduk",
        "KTP-el belum dicetak",
        "Sudah sebulan menunggu KTP-el, katanya blangko habis.",
        "normal",
        S.closed,
        40,
        {"rating": 4},
    ),
    (
        "disdukcapil",
        "ktp-el",
        "pungli",
        "Diminta uang untuk KTP",
        "Petugas meminta Rp 50.000 agar KTP cepat jadi, padahal gratis.",
        "anonim",
        S.in_progress,
        20,
        {"fee_paid": 50000},
    ),
    (
        "disdukcapil",
        "kartu-keluarga",
        "adminduk",
        "KK salah nama",
        "Nama anak di kartu keluarga salah ketik, mohon dibetulkan.",
        "normal",
        S.answered,
        12,
        {},
    ),
    (
        "disdukcapil",
        "akta-kelahiran",
        "adminduk",
        "Akta kelahiran lama",
        "Akta kelahiran anak kami belum selesai setelah tiga minggu.",
        "normal",
        S.routed,
        15,
        {"duration_days": 21},
    ),
    (
        "disdukcapil",
        "",
        "adminduk",
        "Antrean Dukcapil panjang",
        "Antrean di kantor Dukcapil sampai ke jalan, tidak ada nomor antrean.",
        "normal",
        S.received,
        1,
        {},
    ),
    (
        "dpmptsp",
        "nib-umk",
        "perizinan",
        "NIB tidak terbit",
        "Pengajuan NIB lewat OSS sudah dua minggu belum terbit.",
        "normal",
        S.closed,
        35,
        {"rating": 5},
    ),
    (
        "dpmptsp",
        "izin-reklame",
        "perizinan",
        "Izin reklame ditolak tanpa alasan",
        "Izin reklame kami ditolak tanpa penjelasan tertulis.",
        "rahasia",
        S.in_progress,
        9,
        {},
    ),
    (
        "dpmptsp",
        "",
        "perizinan",
        "Loket perizinan tutup",
        "Loket perizinan tutup jam 12 siang padahal jadwal sampai jam 3.",
        "normal",
        S.archived,
        30,
        {"reason": "tidak_jelas"},
    ),
    (
        "dinkes",
        "",
        "kesehatan",
        "Obat di puskesmas kosong",
        "Obat hipertensi di puskesmas kosong sudah dua minggu.",
        "normal",
        S.answered,
        8,
        {},
    ),
    (
        "dinkes",
        "",
        "kinerja_petugas",
        "Petugas puskesmas kasar",
        "Petugas pendaftaran puskesmas membentak pasien lansia.",
        "anonim_rahasia",
        S.routed,
        10,
        {},
    ),
    (
        "disdik",
        "legalisir-ijazah",
        "pendidikan",
        "Legalisir ijazah dipungut biaya",
        "Legalisir ijazah dikenakan biaya Rp 10.000 per lembar.",
        "normal",
        S.in_progress,
        6,
        {"fee_paid": 10000},
    ),
    (
        "disdik",
        "",
        "pendidikan",
        "Dana BOS tidak transparan",
        "Sekolah tidak mengumumkan penggunaan dana BOS.",
        "anonim",
        S.verified,
        4,
        {},
    ),
    (
        "dpupr",
        "",
        "jalan_jembatan",
        "Jalan desa berlubang",
        "Jalan utama Desa Sukamaju berlubang besar, banyak motor jatuh.",
        "normal",
        S.closed,
        50,
        {"rating": 3, "lat": -6.7321, "lon": 108.5512},
    ),
    (
        "dpupr",
        "",
        "drainase_banjir",
        "Saluran air tersumbat",
        "Got di RT 03 tersumbat sampah, tiap hujan banjir.",
        "normal",
        S.in_progress,
        70,
        {"lat": -6.7254, "lon": 108.5598},
    ),
    (
        "dpupr",
        "",
        "jalan_jembatan",
        "Jembatan kayu rapuh",
        "Jembatan penghubung dusun sudah rapuh dan berbahaya.",
        "normal",
        S.routed,
        25,
        {"lat": -6.7489, "lon": 108.5321},
    ),
    (
        "dishub",
        "",
        "penerangan_jalan",
        "Lampu jalan mati",
        "Lampu jalan di Jl. Merdeka mati sejak sebulan.",
        "normal",
        S.answered,
        14,
        {"lat": -6.7268, "lon": 108.5573},
    ),
    (
        "dishub",
        "",
        "transportasi",
        "Angkot ngetem sembarangan",
        "Angkot berhenti lama di depan pasar dan membuat macet.",
        "normal",
        S.closed,
        45,
        {"rating": 2},
    ),
    (
        "dlh",
        "",
        "lingkungan_sampah",
        "Sampah tidak diangkut",
        "Sampah di TPS Pasar Baru tidak diangkut seminggu.",
        "normal",
        S.in_progress,
        5,
        {"lat": -6.7199, "lon": 108.564},
    ),
    (
        "dlh",
        "",
        "lingkungan_sampah",
        "Pembakaran sampah pabrik",
        "Pabrik membakar sampah plastik setiap malam.",
        "rahasia",
        S.routed,
        3,
        {"lat": -6.7402, "lon": 108.5701},
    ),
    (
        "perumda-air-minum",
        "",
        "air_bersih",
        "Air PDAM keruh",
        "Air PDAM di perumahan kami keruh dan berbau sejak tiga hari.",
        "normal",
        S.answered,
        11,
        {},
    ),
    (
        "perumda-air-minum",
        "",
        "air_bersih",
        "Tagihan air melonjak",
        "Tagihan air bulan ini tiga kali lipat tanpa pemakaian lebih.",
        "normal",
        S.closed,
        28,
        {"rating": 4},
    ),
    (
        "dinsos",
        "",
        "bantuan_sosial",
        "Bansos tidak tepat sasaran",
        "Tetangga mampu menerima bansos, keluarga miskin tidak.",
        "anonim",
        S.in_progress,
        65,
        {},
    ),
    (
        "dinsos",
        "",
        "bantuan_sosial",
        "PKH belum cair",
        "Bantuan PKH tahap ini belum cair padahal tetangga sudah.",
        "normal",
        S.needs_info,
        7,
        {},
    ),
    (
        "satpolpp",
        "",
        "ketertiban_umum",
        "PKL di trotoar",
        "Pedagang kaki lima menutup trotoar di depan sekolah.",
        "normal",
        S.closed,
        33,
        {"rating": 5, "lat": -6.7235, "lon": 108.5589},
    ),
    (
        "disnaker",
        "",
        "ketenagakerjaan",
        "Kartu kuning lama",
        "Pembuatan kartu kuning (AK/1) memakan waktu seminggu.",
        "normal",
        S.routed,
        2,
        {},
    ),
    (
        "inspektorat",
        "",
        "pungli",
        "Pungli di kantor desa",
        "Perangkat desa meminta uang untuk surat pengantar.",
        "anonim_rahasia",
        S.in_progress,
        18,
        {},
    ),
    (
        "kecamatan-sukamaju",
        "",
        "kinerja_petugas",
        "Camat sulit ditemui",
        "Pelayanan di kecamatan lambat, pejabat sering tidak ada.",
        "normal",
        S.received,
        6,
        {},
    ),
    (
        "",
        "",
        "lainnya",
        "Usul taman bermain",
        "Mohon dibangun taman bermain anak di alun-alun.",
        "normal",
        S.received,
        2,
        {"kind": "aspirasi"},
    ),
    (
        "",
        "",
        "lainnya",
        "Jadwal pelayanan",
        "Apakah kantor pelayanan buka hari Sabtu?",
        "normal",
        S.received,
        0,
        {"kind": "permintaan_informasi"},
    ),
    (
        "rsud-sukamaju",
        "",
        "kesehatan",
        "Antrean RSUD lama",
        "Antrean poli penyakit dalam RSUD sampai enam jam.",
        "normal",
        S.answered,
        13,
        {"disputed": True},
    ),
]

REPORTERS = ["Ahmad Fauzi", "Dewi Lestari", "Rudi Hartono", "Sri Wahyuni", "Agus Salim", "Nur Aini"]


async def _actor(username: str) -> Actor | None:
    row = await StaffUser.select(StaffUser.id).where(StaffUser.username == username).first()
    user = await load_user(row["id"]) if row else None
    return Actor.staff(user) if user else None


async def _file_one(i: int, spec: tuple, context: dict[str, Any], now: datetime) -> int:
    unit_slug, service_slug, topic, title, description, privacy, _state, days_ago, extras = spec
    received = now - timedelta(days=days_ago, hours=i % 7)
    name = REPORTERS[i % len(REPORTERS)]
    data = {
        "kind": extras.get("kind", "pengaduan"),
        "title": title,
        "description": description,
        "privacy": privacy,
        "reporter_name": name,
        "reporter_email": f"pelapor{i}@contoh.id",
        "reporter_phone": "",
        "service_id": str(context.get("services", {}).get(service_slug, "")),
        "fee_paid": str(extras.get("fee_paid", "")),
        "duration_days": str(extras.get("duration_days", "")),
        "latitude": str(extras.get("lat", "")),
        "longitude": str(extras.get("lon", "")),
        "confirm_duplicate": "1",
    }
    draft, errors = intake.validate_draft(data, today=received.date())
    await intake.check_catalogue_choice(draft, errors)
    if errors:
        raise ValueError(f"demo complaint {title!r}: {errors}")
    suggested = context["units"].get(unit_slug) if unit_slug else None
    prediction = Prediction(
        topic=topic,
        confidence=0.82 if suggested else 0.3,
        aspects=("waktu",),
        needs_triage=suggested is None,
        model_version="demo",
    )
    filed = await intake.file_complaint(
        draft,
        prediction=prediction,
        suggested_unit_id=suggested,
        deadlines=await compute_deadlines(None, draft.kind, received),
        standard=await intake.check_against_standard(
            draft.service_id, draft.fee_paid, draft.duration_days, received.date()
        ),
        now=received,
    )
    return filed.id


async def _drive(case_id: int, spec: tuple, context: dict[str, Any], admin: Actor, received: datetime) -> None:
    unit_slug, _service, _topic, _title, _description, _privacy, state, days_ago, extras = spec
    step = timedelta(hours=max(1, days_ago) * 2)
    at = received + step
    if state == S.received:
        return
    if state == S.needs_info:
        await handling.apply_action(case_id, "request_info", admin, note="Mohon sebutkan nomor KKS Anda.", now=at)
        return
    if state == S.archived:
        await handling.apply_action(case_id, "archive", admin, reason=extras["reason"], now=at)
        return
    await handling.apply_action(case_id, "verify", admin, now=at)
    if state == S.verified:
        return
    unit_id = context["units"][unit_slug]
    await handling.apply_action(case_id, "route", admin, unit_id=unit_id, now=at + step)
    if state == S.routed:
        return
    officer = await _actor(f"petugas.{unit_slug}") or admin
    unit_admin = await _actor(f"admin.{unit_slug}") or admin
    await handling.reply(case_id, officer, "Terima kasih, laporan sedang kami tindak lanjuti.", now=at + 2 * step)
    await handling.add_note(case_id, officer, "Sudah dikoordinasikan dengan kepala seksi.", now=at + 2 * step)
    if state == S.in_progress:
        return
    await handling.apply_action(
        case_id,
        "answer",
        officer,
        now=at + 3 * step,
        note="Masalah sudah kami selesaikan. Mohon konfirmasi bila masih ada kendala.",
    )
    if extras.get("disputed"):
        await reporter.act(case_id, "dispute", note="Antrean masih lama.", now=at + 4 * step)
        # A disputed case goes to the supervising unit first (system administrators in the demo).
        await handling.return_escalation(
            case_id, admin, "Mohon jelaskan langkah mengurangi antrean poli.", now=at + 4 * step + timedelta(hours=1)
        )
        await handling.apply_action(
            case_id, "answer", officer, note="Kami tambah satu loket pendaftaran.", now=at + 5 * step
        )
    if state == S.answered:
        return
    if extras.get("rating", 0) >= 3:
        await reporter.act(case_id, "confirm", now=at + 4 * step)
    else:
        # The unit may close only after the reporter's silence window (10 days by default) has passed.
        await handling.apply_action(case_id, "close", unit_admin, now=at + 3 * step + timedelta(days=11))
    if extras.get("rating"):
        await reporter.rate(case_id, extras["rating"], "Terima kasih.", now=at + 4 * step)


async def load_demo(context: dict) -> None:
    """context holds what earlier loaders created (context["units"] by slug, context["services"])."""
    admin = await _actor("admin")
    if admin is None:
        return
    now = datetime.now(UTC)
    for i, spec in enumerate(DEMO_COMPLAINTS):
        if spec[0] and spec[0] not in context["units"]:
            continue
        case_id = await _file_one(i, spec, context, now)
        await _drive(case_id, spec, context, admin, now - timedelta(days=spec[7], hours=i % 7))
