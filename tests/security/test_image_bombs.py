"""Issue 14 item 3: image decompression bombs.

A 143 KB PNG can declare 7000×7000 pixels (49 MP: ~150 MB per decoded copy). Every upload path shares
`portal.uploads.check_upload`; these tests go through the public form, the JSON API (base64) and
the evaluation evidence upload, and check the three defences: the header is read before any pixel is
decoded, the limit is ~24 MP (PORTAL_MAX_IMAGE_PIXELS), image work per worker is bounded
(PORTAL_IMAGE_WORKERS) and the memory is handed back afterwards.
"""

from __future__ import annotations

import base64
import io
import json
import struct
import subprocess
import sys
import threading
import time
import zlib
from functools import cache

import pytest
from PIL import Image, ImageFile

from complaints.tables import Attachment, Complaint
from evaluation_link.queries import assessments as queries
from portal.runtime import configure_image_work, image_work
from portal.settings import DEFAULT_IMAGE_WORKERS, DEFAULT_MAX_IMAGE_PIXELS
from portal.uploads import UploadRejected, check_upload
from tests.complaints.factories import complaint_data, world
from tests.helpers import ROOT, csrf_token, html, login, make_unit, make_user

MB = 1024 * 1024


def png_declaring(width: int, height: int) -> bytes:
    """A valid all-black RGB PNG, built row by row so the test never holds the pixels itself."""
    row = b"\x00" + bytes(width * 3)  # filter byte + pixels
    deflate = zlib.compressobj(9)
    body = b"".join(deflate.compress(row) for _ in range(height)) + deflate.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


@cache
def bomb() -> bytes:
    data = png_declaring(7000, 7000)
    assert len(data) < 150 * 1024  # the 143 KB file
    return data


def phone_photo() -> bytes:
    """A 12 MP JPEG, what a phone camera saves by default."""
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), (90, 140, 60)).save(out, format="JPEG", quality=80)
    return out.getvalue()


@pytest.fixture
def decoded(monkeypatch) -> list[tuple[int, int]]:
    """The sizes of the images whose pixels were decoded."""
    sizes: list[tuple[int, int]] = []
    original = ImageFile.ImageFile.load

    def spy(self):
        sizes.append(self.size)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return sizes


@pytest.fixture(autouse=True)
def default_image_limits():
    yield
    configure_image_work(DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_IMAGE_WORKERS)


async def test_the_form_refuses_a_bomb_before_decoding_it(app, client, decoded) -> None:
    await world()
    token = await csrf_token(client)
    response = await client.post(
        "/pengaduan/baru",
        data={**complaint_data(), "_csrf_token": token},
        files=[("attachments", ("peta.png", bomb(), "image/png"))],
    )
    assert response.status_code == 422
    message = html(response).select_one("#attachments-error").get_text()
    assert "Resolusi gambar terlalu besar" in message and "24 megapiksel" in message
    assert decoded == []  # refused from the header: not one pixel decoded
    assert await Complaint.count() == 0 and await Attachment.count() == 0


async def test_the_json_api_refuses_a_bomb_in_english_too(app, client, decoded) -> None:
    await world()
    attachment = {"filename": "peta.png", "content_base64": base64.b64encode(bomb()).decode()}
    body = {**complaint_data(), "attachments": [attachment] * 3}
    started = time.perf_counter()
    response = await client.post("/api/v1/complaints?lang=en", json=body, headers={"accept-language": "en"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 422, response.text
    assert "too large (at most 24 megapixels)" in response.json()["extra"]["attachments"]
    assert decoded == []
    assert elapsed < 5  # three 49 MP decodes took 28 s of CPU before the fix
    assert await Complaint.count() == 0 and await Attachment.count() == 0


async def test_evidence_uploads_refuse_a_bomb(client, decoded) -> None:
    unit = await make_unit("dinas-bom")
    await make_user("admin.bom", "unit_admin", unit)
    await login(client, "admin.bom")
    token = await csrf_token(client)
    response = await client.post(
        "/staf/penilaian-mandiri/2026",
        data={"self_score_18": "3", "_csrf_token": token},
        files={"file_18": ("denah.png", bomb(), "image/png")},
    )
    assert response.status_code == 422
    assert "Resolusi gambar terlalu besar" in html(response).find(id="file_18-error").get_text()
    assert decoded == []
    assert await queries.find_assessment(unit, 2026) is None


async def test_a_12_megapixel_phone_photo_still_goes_through(app, client) -> None:
    await world()
    token = await csrf_token(client)
    response = await client.post(
        "/pengaduan/baru",
        data={**complaint_data(), "_csrf_token": token},
        files=[("attachments", ("foto.jpg", phone_photo(), "image/jpeg"))],
    )
    assert response.status_code == 303
    assert await Attachment.count() == 1


async def test_the_limit_is_a_setting(app, settings, client) -> None:
    from portal.app import create_app

    create_app(settings.with_overrides(max_image_pixels=1_000_000))
    assert image_work().max_pixels == 1_000_000
    with pytest.raises(UploadRejected, match="paling besar 1 megapiksel"):
        check_upload("a.png", png_declaring(1001, 1000), max_bytes=MB)
    assert check_upload("a.png", png_declaring(1000, 1000), max_bytes=MB).content_type == "image/png"


@pytest.mark.parametrize("workers", [1, 2])
def test_image_work_per_worker_is_bounded(monkeypatch, workers: int) -> None:
    configure_image_work(DEFAULT_MAX_IMAGE_PIXELS, workers)
    active = 0
    most = 0
    lock = threading.Lock()
    original = ImageFile.ImageFile.load

    def slow_load(self):
        nonlocal active, most
        with lock:
            active += 1
            most = max(most, active)
        time.sleep(0.05)
        try:
            return original(self)
        finally:
            with lock:
                active -= 1

    monkeypatch.setattr(ImageFile.ImageFile, "load", slow_load)
    photo = png_declaring(300, 200)
    threads = [threading.Thread(target=check_upload, args=("a.png", photo), kwargs={"max_bytes": MB})
               for _ in range(6)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == workers


MEMORY_PROBE = """
import json, threading
from portal.uploads import check_upload
from tests.security.test_image_bombs import png_declaring

def status_mb(field):  # VmHWM starts afresh at exec (ru_maxrss would carry the parent's peak over)
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith(field + ":"))

photo = png_declaring(4800, 4800)  # 23 MP, just under the limit
before = status_mb("VmRSS")
threads = [threading.Thread(target=check_upload, args=("a.png", photo), kwargs={"max_bytes": 5 * 2**20})
           for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"before": before, "peak": status_mb("VmHWM"), "after": status_mb("VmRSS")}))
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_three_large_images_at_once_stay_bounded_and_memory_is_handed_back() -> None:
    """Three 23 MP PNGs at once (RGB: 66 MB per decoded copy) in a fresh process: before the fix the
    peak was ~900 MB and ~80 MB stayed resident afterwards."""
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    memory = json.loads(probe.stdout.strip().splitlines()[-1])
    assert memory["peak"] - memory["before"] < 350, memory  # one image at a time, two copies at most
    assert memory["after"] - memory["before"] < 30, memory  # the heap went back to the system
