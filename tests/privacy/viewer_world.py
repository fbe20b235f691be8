"""A world for the privacy tests: two units, every staff role, and one complaint per privacy choice whose
text, title, rating comment and attachment name carry the reporter's identity (name, NIK, phone, e-mail,
home address), filed, routed to unit A, answered and rated."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from PIL import Image

from complaints.services import handling, intake, reporter
from complaints.tables import Attachment
from tests.complaints.factories import actor, world

NAME = "Wulan Sekarsari"
NIK = "3271046504870002"
PHONE = "081398765432"
EMAIL = "wulan.sekar@contoh.id"
ADDRESS = "Jl. Kenanga No. 17 RT 04 RW 09"
# What must never reach a viewer who may not see the identity (the address is checked apart: masking
# street addresses is a rule of the masking module that may not exist yet, see test_viewer_matrix.py).
MARKERS = {"name": NAME, "nik": NIK, "phone": PHONE, "email": EMAIL}
ATTACHMENT_NAME = f"KTP_{NAME.replace(' ', '_')}_{NIK}.jpg"
CHOICES = {
    "normal": {"privacy": "normal"},
    "anonim": {"privacy": "anonim"},
    "rahasia": {"privacy": "rahasia"},
    "both": {"privacy": "anonim_rahasia"},
    "fully_anonymous": {"privacy": "anonim", "fully_anonymous": "1"},
}
ROLES = ("visitor", "reporter", "officer_a", "officer_b", "admin_a", "evaluator", "sysadmin")
USERNAMES = {
    "officer_a": "petugas.a",
    "admin_a": "admin.a",
    "officer_b": "petugas.b",
    "evaluator": "evaluator",
    "sysadmin": "admin",
}


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 30)).save(out, format="JPEG")
    return out.getvalue()


def description(i: int) -> str:
    return (
        f"Nama saya {NAME}, NIK {NIK}, HP {PHONE}, email {EMAIL}, tinggal di {ADDRESS}. "
        f"Petugas loket KTP meminta uang Rp 150.000 agar KTP-el saya cepat jadi (kasus {i})."
    )


@dataclass
class Case:
    choice: str
    id: int
    code: str
    token: str
    attachment_id: int
    identity_stored: bool


@dataclass
class World:
    ids: dict[str, Any]
    cases: dict[str, Case] = field(default_factory=dict)
    unrouted: Case | None = None  # an anonim case still waiting for verification (the triage queue)


async def build(app: Any) -> World:
    ids = await world()
    result = World(ids)
    officer = await actor(ids["officer_a"])
    for i, (choice, extra) in enumerate(CHOICES.items()):
        data = {
            "kind": "pengaduan", "title": f"Pungli KTP oleh petugas, lapor {NAME} nomor {i}",
            "description": description(i), "reporter_name": NAME, "reporter_email": EMAIL,
            "reporter_phone": PHONE, "location_text": "Kantor Dukcapil, loket 3", "latitude": "-6.2345678",
            "longitude": "106.8765432", "confirm_duplicate": "1", **extra,
        }  # fmt: skip
        filed = await intake.submit(app, data, files=[(ATTACHMENT_NAME, photo())], now=datetime.now(UTC))
        await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
        await handling.reply(filed.id, officer, "Kami sedang memeriksa petugas loket 3. Hubungi 1500-537.")
        await handling.apply_action(filed.id, "answer", officer, note="Petugas sudah ditegur dan uang dikembalikan.")
        await reporter.rate(filed.id, 4, f"Terima kasih, saya {NAME} ({PHONE}) puas.")
        attachment = await Attachment.select(Attachment.id).where(Attachment.complaint == filed.id).first()
        result.cases[choice] = Case(
            choice, filed.id, filed.tracking_code, filed.token, attachment["id"], "fully_anonymous" not in extra
        )
    data = {
        "kind": "pengaduan",
        "title": f"Lapor {NAME}: loket KTP tutup",
        "description": description(9),
        "reporter_name": NAME,
        "reporter_email": EMAIL,
        "privacy": "anonim",
        "confirm_duplicate": "1",
    }
    filed = await intake.submit(app, data, files=[(ATTACHMENT_NAME, photo())])
    attachment = await Attachment.select(Attachment.id).where(Attachment.complaint == filed.id).first()
    result.unrouted = Case("anonim", filed.id, filed.tracking_code, filed.token, attachment["id"], True)
    return result


def seen_markers(text: str) -> set[str]:
    """Which identity markers a response shows."""
    return {key for key, marker in MARKERS.items() if marker in text}


def may_see_identity(role: str, case: Case) -> bool:
    """docs/privacy.md, the matrix: who sees the reporter's identity and the private text as written."""
    if role == "reporter":
        return True  # their own complaint, through the private link
    if not case.identity_stored and role != "reporter":
        return False
    if case.choice == "normal":
        return role in ("officer_a", "admin_a", "sysadmin")
    return False  # anonim / rahasia / both: only the system admin, through the audited reveal
