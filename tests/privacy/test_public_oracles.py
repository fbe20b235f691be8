"""The attacker of issue 13 (findings 1 and 6) against every public channel.

A prefix of a reporter's NIK, phone, e-mail or (masked) name, grown one character at a time, must get
the same answer from the board search and its count as a random string of the same length: search and
count run over the masked public copy only. No public channel (board, htmx fragment, tracking page,
JSON API, Open311 JSON and XML, list and single) carries the secrets, an anonim complaint's address or
its exact coordinates; the unit's own hotline is never masked.
"""

from __future__ import annotations

import random
import re
import string

from bs4 import BeautifulSoup

from complaints.services import handling
from complaints.tables import ComplaintPublic
from portal.tables import Unit
from tests.complaints.factories import actor, complaint_data, routed_case, world
from tests.helpers import html

OPEN311 = "/open311/v2"
NIK = "3273012345678901"
PHONE = "081398765432"
EMAIL = "rina.kartika77@contoh.id"
NAME = "Rina Kartika"
HOTLINE = "(022) 4231234"
DESCRIPTION = (
    f"Nama saya {NAME}, NIK 3273-0123.4567-8901, HP (+62)813 9876 5432 atau rina.kartika77 [at] contoh [dot] id. "
    "Rumah saya di Jl. Melati No. 7 RT 03 RW 05, Kel. Sukajadi. Petugas loket meminta uang pelicin untuk KTP."
)
LOCATION = "Jl. Melati No. 7 RT 03 RW 05, Kel. Sukajadi"
LAT, LONG = -6.914744, 107.609810


async def _published_world(app) -> dict:
    ids = await world()
    await Unit.update({Unit.phone: HOTLINE}).where(Unit.id == ids["unit_a"])
    ids["target"] = await routed_case(
        app,
        ids,
        privacy="anonim",
        title="Pungli di loket KTP",
        description=DESCRIPTION,
        reporter_name=NAME,
        reporter_email=EMAIL,
        reporter_phone=PHONE,
        location_text=LOCATION,
        latitude=str(LAT),
        longitude=str(LONG),
    )
    ids["normal"] = await routed_case(
        app,
        ids,
        title="Antrean akta kelahiran lama",
        reporter_name="Dodi Prasetyo",
        reporter_email="dodi@contoh.id",
        reporter_phone="085711112222",
        description="Antrean akta kelahiran mengular sampai siang hari.",
        location_text=LOCATION,
        latitude=str(LAT),
        longitude=str(LONG),
    )
    officer = await actor(ids["officer_a"])
    await handling.reply(
        ids["target"], officer, f"Terima kasih Ibu {NAME}. Hubungi hotline kami {HOTLINE} atau kami telepon ke {PHONE}."
    )
    return ids


async def _public_texts() -> str:
    rows = await ComplaintPublic.select(
        ComplaintPublic.title, ComplaintPublic.description, ComplaintPublic.timeline
    ).output(load_json=True)
    return " ".join(f"{r['title']} {r['description']} {r['timeline']}" for r in rows).lower()


def _board_answer(body: str) -> tuple[str, list[str]]:
    """What the board tells about a query: its count line and the complaints listed (not the echoed query)."""
    results = BeautifulSoup(body, "html.parser").select_one("#board-results")
    count = results.select_one("p.muted").get_text(strip=True)
    codes = [a["href"] for a in results.select(".board-item h2 a")]
    return count, codes


def _random_like(secret: str, rng: random.Random, public: str) -> str:
    alphabet = string.digits if secret.isdigit() else string.ascii_lowercase
    while True:
        candidate = "".join(rng.choice(alphabet) for _ in secret)
        if candidate.lower() not in public:
            return candidate


async def test_prefix_search_on_the_board_answers_like_a_random_string(app, client) -> None:
    await _published_world(app)
    public = await _public_texts()
    rng = random.Random(13)
    for secret in (NIK, PHONE, EMAIL, NAME):
        for length in range(3, len(secret) + 1):
            prefix = secret[:length]
            if prefix.lower() in public:
                continue  # a word that is public anyway ("rin" of "rincian"): nothing to learn
            random_probe = _random_like(prefix, rng, public)
            for path in ("/pengaduan?q={}", "/pengaduan?q={}&unit_id="):
                secret_answer = await client.get(path.format(prefix))
                random_answer = await client.get(path.format(random_probe))
                assert _board_answer(secret_answer.text) == _board_answer(random_answer.text), (secret, prefix)
            fragment = await client.get(f"/pengaduan?q={prefix}", headers={"hx-request": "true"})
            assert _board_answer(fragment.text)[1] == [], prefix
    # The secrets of at least 4 characters never reach the public copy at all.
    for secret in (NIK, PHONE, EMAIL, NAME, "rina", "kartika", "melati"):
        assert secret.lower() not in public


async def test_search_still_finds_public_words_and_counts_only_them(app, client) -> None:
    await _published_world(app)
    count, codes = _board_answer((await client.get("/pengaduan?q=loket")).text)
    assert len(codes) == 1 and count.startswith("1")
    count, codes = _board_answer((await client.get("/pengaduan?q=Kartika")).text)
    assert codes == [] and count.startswith("0")


def _leaks(body: str) -> list[str]:
    found = [
        s
        for s in (NIK, PHONE, EMAIL, NAME, "Rina", "Kartika", "Melati", "RT 03", "rina.kartika77")
        if s.lower() in body.lower()
    ]
    # Each number as written (digits joined by separators), not the digits of the whole body (timestamps).
    numbers = [re.sub(r"\D", "", n) for n in re.findall(r"\d(?:[\d .\-/()+]*\d)?", body)]
    found += [f"digits {w}" for w in (NIK[-6:], PHONE[-6:]) if any(w in n for n in numbers)]
    found += [f"coordinate {c}" for c in ("6.9147", "107.6098") if c in body]
    return found


async def test_no_public_channel_carries_the_secrets(app, client) -> None:
    ids = await _published_world(app)
    from complaints.tables import Complaint

    code = (await Complaint.select(Complaint.tracking_code).where(Complaint.id == ids["target"]).first())[
        "tracking_code"
    ]
    bodies = {
        "board": (await client.get("/pengaduan")).text,
        "fragment": (await client.get("/pengaduan", headers={"hx-request": "true"})).text,
        "tracking": (await client.get(f"/pengaduan/lacak/{code}")).text,
        "api": (await client.get(f"/api/v1/complaints/{code}")).text,
        "open311 list": (await client.get(f"{OPEN311}/requests.json")).text,
        "open311 xml": (await client.get(f"{OPEN311}/requests.xml")).text,
        "open311 one": (await client.get(f"{OPEN311}/requests/{code}.json")).text,
    }
    for channel, body in bodies.items():
        assert _leaks(body) == [], channel
    for channel in ("board", "fragment", "open311 list", "open311 xml", "open311 one"):
        assert "meminta uang pelicin" in bodies[channel], channel  # the public part of the text is there
    assert "Pungli di loket KTP" in bodies["tracking"]


async def test_open311_locations_are_coarse_and_anonim_addresses_absent(app, client) -> None:
    ids = await _published_world(app)
    from complaints.tables import Complaint

    codes = {row["id"]: row["tracking_code"] for row in await Complaint.select(Complaint.id, Complaint.tracking_code)}
    [anonim] = (await client.get(f"{OPEN311}/requests/{codes[ids['target']]}.json")).json()
    [normal] = (await client.get(f"{OPEN311}/requests/{codes[ids['normal']]}.json")).json()
    assert anonim["address"] is None and anonim["address_id"] is None
    for request in (anonim, normal):
        assert (request["lat"], request["long"]) == (-6.915, 107.61)
    assert normal["address"] == "[alamat disamarkan], Kel. Sukajadi"


async def test_the_units_hotline_is_published_and_the_reporters_phone_is_not(app, client) -> None:
    ids = await _published_world(app)
    from complaints.tables import Complaint

    code = (await Complaint.select(Complaint.tracking_code).where(Complaint.id == ids["target"]).first())[
        "tracking_code"
    ]
    [request] = (await client.get(f"{OPEN311}/requests/{code}.json")).json()
    assert HOTLINE in request["status_notes"] and PHONE not in request["status_notes"]
    answers = html(await client.get("/pengaduan")).select(".answer")
    assert any(HOTLINE in a.get_text() for a in answers)
    api = (await client.get(f"/api/v1/complaints/{code}")).json()
    assert any(HOTLINE in (entry["note"] or "") for entry in api["timeline"])


async def test_tracking_page_for_the_reporter_keeps_their_own_text(app, client) -> None:
    ids = await world()
    response = await client.post("/api/v1/complaints", json=complaint_data(description=DESCRIPTION))
    private_url = response.json()["private_url"]
    page = await client.get(private_url.split("testserver.local")[-1])
    assert NAME in page.text  # the reporter sees what they wrote
    public = await client.get(f"/pengaduan/lacak/{response.json()['tracking_code']}")
    assert NAME not in public.text
    assert ids
