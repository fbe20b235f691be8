"""Bad input and attacks: XSS through every form, SQL injection, broken encodings, huge bodies, disguised
files, CSRF, session fixation, rate limits, tracking-code enumeration, path traversal. Never a 5xx."""

from __future__ import annotations

import random
import re
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from litestar.testing import AsyncTestClient

from benchmarks.durability import WORDS
from tests.helpers import confirmation, csrf_token, login
from tests.security.conftest import as_role
from tests.security.forms import post_forms, submit
from tests.security.routes import endpoints, fill, public_get_pages

PAYLOAD = "\"'><script>alert('xss1')</script><img src=x onerror=alert('xss2')><svg/onload=alert('xss3')>"
SQLI = ["' OR '1'='1", "'; DROP TABLE unit; --", "1 UNION SELECT password_hash, username FROM staff_user --",
        '" OR ""="', "%' AND 1=1 --", "1;SELECT pg_sleep(5)"]  # fmt: skip


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(range(24)) for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))  # fmt: skip


def assert_inert(response, where: str) -> None:
    """The payload may appear only as text: no script without src, no on* handler, no injected img."""
    assert response.status_code < 500, f"{where} -> {response.status_code}"
    kind = response.headers.get("content-type", "")
    if kind.startswith("image/svg"):
        assert "<script" not in response.text and not re.search(r"\son\w+\s*=", response.text), where
        return
    if not kind.startswith("text/html"):
        assert "<script>alert(" not in response.text, where
        return
    soup = BeautifulSoup(response.text, "html.parser")
    for tag in soup.find_all(True):
        handlers = [a for a in tag.attrs if a.lower().startswith("on")]
        assert not handlers, f"{where}: <{tag.name} {handlers}> in the page"
    for script in soup.find_all("script"):
        assert script.get("src"), f"{where}: an inline <script> ({script.text[:60]!r})"
    assert not soup.find("img", src="x"), f"{where}: injected <img>"


def distinct_text(seed: int) -> tuple[str, str]:
    """A title and description unlike any other (the portal refuses near-duplicates from one client)."""
    words = random.Random(seed).sample(WORDS, 24)
    return " ".join(words[:4]).capitalize(), " ".join(words[4:]) + "."


async def file_complaint(client, seed: int = 0, **fields) -> str:
    title, description = distinct_text(seed)
    body = {"title": title, "description": description, **fields}
    response = await client.post("/api/v1/complaints", json=body)
    assert response.status_code == 201, response.text
    return response.json()["tracking_code"]


async def crawl_and_fuzz_forms(client, app, urls: list[str], text: str) -> tuple[int, int]:
    pages = forms = 0
    for url in urls:
        page = await client.get(url)
        assert_inert(page, f"GET {url}")
        pages += 1
        if page.status_code != 200 or not page.headers.get("content-type", "").startswith("text/html"):
            continue
        for form in post_forms(page.text):
            response = await submit(client, url, form, text)
            assert_inert(response, f"form on {url} -> {form.get('action')}")
            forms += 1
    return pages, forms


def staff_get_pages(app, values: dict) -> list[str]:
    return sorted({fill(e, values) for e in endpoints(app) if e.is_staff and e.method == "GET" and not e.is_api})


async def test_xss_payloads_are_rendered_escaped_on_public_and_staff_pages(client, app, world) -> None:
    code = await file_complaint(client, title=f"Judul {PAYLOAD}"[:200], description=f"Isi pengaduan {PAYLOAD}",
                                location_text=PAYLOAD, reporter_name=PAYLOAD[:100])  # fmt: skip
    values = {**world.values, "code": code}
    public = [*public_get_pages(app, values), f"/pengaduan/lacak/{code}", f"/cari?q={PAYLOAD}"]
    pages, forms = await crawl_and_fuzz_forms(client, app, public, PAYLOAD)
    for role in ("unit_admin", "unit_officer", "evaluator", "system_admin"):
        await as_role(client, world, role)
        p, f = await crawl_and_fuzz_forms(client, app, staff_get_pages(app, values), PAYLOAD)
        pages, forms = pages + p, forms + f
    # Everything stored above is shown again, to the public and to staff.
    await as_role(client, world, "system_admin")
    from complaints.tables import Complaint

    for row in await Complaint.select(Complaint.id):
        assert_inert(await client.get(f"/staf/pengaduan/{row['id']}"), "staff case page")
    for url in staff_get_pages(app, values):
        assert_inert(await client.get(url), f"GET {url} (system admin)")
    await as_role(client, world, "anonymous")
    for url in public:
        assert_inert(await client.get(url), f"GET {url} (public, after)")
    print(f"\nXSS: {pages} page loads and {forms} form submissions with the payload, all inert")
    assert forms >= 5


async def test_sql_injection_strings_in_search_and_filters_change_nothing(client, app, world) -> None:
    from portal.tables import StaffUser, Unit

    units, users = await Unit.count(), await StaffUser.count()
    urls = public_get_pages(app, world.values)
    cases = 0
    for url in [*urls, "/api/v1/services", "/api/v1/units"]:
        for value in SQLI:
            for param in ("q", "status", "page", "tahun"):
                response = await client.get(url, params={param: value})
                assert response.status_code < 500, f"{url}?{param}={value} -> {response.status_code}"
                assert "$argon2" not in response.text
                cases += 1
    await as_role(client, world, "system_admin")
    for url in staff_get_pages(app, world.values):
        for value in SQLI:
            response = await client.get(url, params={"q": value, "status": value, "unit": value})
            assert response.status_code < 500, f"{url} -> {response.status_code}"
            cases += 1
    assert (await Unit.count(), await StaffUser.count()) == (units, users)
    print(f"\nSQL injection: {cases} requests, no 5xx, tables intact")


async def test_invalid_utf8_and_control_characters_are_refused_or_cleaned(client, app, world) -> None:
    token = await csrf_token(client)
    cases = 0
    bad_bodies = [b"title=%FF%FE%FD&description=%C3%28%A0%A1", b"title=\xff\xfe&description=\xc3\x28",
                  b"title=a%00b%1B%5B31m&description=%07%08%0B%0C%7F"]  # fmt: skip
    posts = [fill(e, world.values) for e in endpoints(app)
             if e.method == "POST" and not e.is_staff and not e.path.startswith(("/api/", "/open311/"))]  # fmt: skip
    for url in posts:
        for body in bad_bodies:
            response = await client.post(url, content=body + f"&_csrf_token={token}".encode(),
                                         headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
            assert response.status_code < 500, f"POST {url} {body!r} -> {response.status_code}"
            cases += 1
    for body in (b'{"title": "\xff\xfe", "description": "\xc3\x28"}', b'{"title": "a\\u0000b"}', b"\xff\xfe\x00"):
        response = await client.post("/api/v1/complaints", content=body, headers={"content-type": "application/json"})
        assert 400 <= response.status_code < 500, f"API {body!r} -> {response.status_code}"
        cases += 1
    for url in public_get_pages(app, world.values):
        for query in ("q=%FF%FE", "q=%00", "q=%C3%28", "lang=%FF", "page=%00"):
            response = await client.get(f"{url}?{query}")
            assert response.status_code < 500, f"GET {url}?{query} -> {response.status_code}"
            cases += 1
    # Control characters never reach the database.
    code = await file_complaint(
        client,
        seed=99,
        title="Jalan\x00 rusak\x1b[31m parah",
        description="Aspal\x07 berlubang besar di tikungan tajam",
    )
    from complaints.tables import Complaint

    row = await Complaint.select(Complaint.title, Complaint.description).where(Complaint.tracking_code == code).first()
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", row["title"] + row["description"]), row
    print(f"\nencodings: {cases} requests with broken UTF-8 or control characters, no 5xx")


async def test_oversized_bodies_are_refused_before_being_read(db, tmp_path) -> None:
    """Against a real server: a declared 50 MB body and an endless chunked body are refused early."""
    import socket
    import time

    from tests.server import Server

    def exchange(head: str, chunked: bool) -> tuple[bytes, int]:
        """Send the head, then (chunked) 64 KiB chunks until the server answers; returns answer and bytes sent."""
        import select

        sent = 0
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)  # little buffering on our side
            sock.settimeout(5)
            sock.connect(("127.0.0.1", server.port))
            sock.sendall(head.encode())
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                if select.select([sock], [], [], 0.01)[0]:
                    return sock.recv(4096), sent
                if chunked and sent < (40 << 20):
                    try:
                        sock.sendall(b"10000\r\n" + b"x" * 65536 + b"\r\n")
                        sent += 65536
                    except (TimeoutError, BrokenPipeError, ConnectionResetError):
                        pass  # the server stopped reading: its answer follows
        return b"", sent

    with Server(tmp_path / "srv", env={"PORTAL_MAX_REQUEST_BYTES": "262144"}) as server:
        base = "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {kind}\r\n"
        results = []
        for path, kind in (("/api/v1/complaints", "application/json"),
                           ("/pengaduan/baru", "application/x-www-form-urlencoded")):  # fmt: skip
            declared, _ = exchange(base.format(path=path, kind=kind) + f"Content-Length: {50 << 20}\r\n\r\n", False)
            streamed, sent = exchange(base.format(path=path, kind=kind) + "Transfer-Encoding: chunked\r\n\r\n", True)
            results.append((path, declared.split(b"\r\n")[0], streamed.split(b"\r\n")[0], sent))
    for path, declared, streamed, sent in results:
        assert b" 413 " in declared, f"{path} with a declared 50 MB body -> {declared!r}"
        assert b" 413 " in streamed or b" 403 " in streamed, f"{path} streamed -> {streamed!r}"
        # 40 MB are offered; the server answers 413 once past its 256 KiB limit (plus socket buffers).
        assert sent < (2 << 20), f"{path}: {sent} bytes were accepted before refusing"
    print(
        "\noversized: "
        + "; ".join(
            f"{p}: declared 50 MB -> {d.decode()}, streamed -> {s.decode()} after {n >> 10} KiB"
            for p, d, s, n in results
        )
    )


async def test_files_disguised_by_their_extension_are_refused(client) -> None:
    from complaints.tables import Attachment, Complaint

    disguised = [
        ("foto.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
        ("foto.png", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "image/png"),
        ("gambar.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/png"),
        ("surat.pdf", b"#!/bin/sh\nrm -rf /\n", "application/pdf"),
        ("foto.jpg.php", b"<?php system($_GET['c']); ?>", "image/jpeg"),
        ("besar.png", png_bytes() + b"\x00" * (6 * 1024 * 1024), "image/png"),  # over the 5 MB upload limit
    ]
    token = await csrf_token(client)
    for number, upload in enumerate(disguised):
        data = {"_csrf_token": token, "kind": "pengaduan", "title": f"Pengaduan berkas {number}",
                "description": f"Lampiran nomor {number} untuk pengujian berkas.", "privacy": "normal"}  # fmt: skip
        response = await client.post("/pengaduan/baru", data=data, files={"attachments": upload})
        assert response.status_code == 422, f"{upload[0]} -> {response.status_code}"
    assert await Attachment.count() == 0 and await Complaint.count() == 0
    print(f"\nuploads: {len(disguised)} disguised or oversized files refused with 422, nothing stored")


async def test_every_html_form_post_needs_a_valid_csrf_token(client, app, world) -> None:
    await as_role(client, world, "system_admin")
    token = await csrf_token(client)
    targets = [e for e in endpoints(app) if e.method in {"POST", "PUT", "PATCH", "DELETE"} and not e.is_api]
    for endpoint in targets:
        url = fill(endpoint, world.values)
        missing = await client.request(endpoint.method, url, data={"title": "x"})
        forged = await client.request(endpoint.method, url, data={"title": "x", "_csrf_token": token[:-4] + "AAAA"})
        other = await client.request(endpoint.method, url, data={"_csrf_token": "x" * len(token)})
        for name, response in (("missing", missing), ("forged", forged), ("other", other)):
            assert response.status_code == 403, f"{endpoint} with {name} token -> {response.status_code}"
    print(f"\nCSRF: {len(targets)} state-changing HTML routes x 3 bad tokens -> 403")
    assert len(targets) >= 10


async def test_session_is_renewed_at_login_and_destroyed_at_logout(client, world) -> None:
    first = await login(client, "admin.a")
    first_id = client.cookies.get("portal_session")
    await login(client, "admin.a")  # logging in again issues a new id and drops the old session
    second_id = client.cookies.get("portal_session")
    assert first.status_code == 303 and first_id and second_id and first_id != second_id
    client.cookies.set("portal_session", first_id, domain="testserver.local")
    assert (await client.get("/staf")).status_code == 303, "the pre-login session id still works"
    client.cookies.set("portal_session", second_id, domain="testserver.local")
    assert (await client.get("/staf")).status_code == 200
    token = await csrf_token(client)
    await client.post("/keluar", data={"_csrf_token": token})
    client.cookies.set("portal_session", second_id, domain="testserver.local")
    assert (await client.get("/staf")).status_code == 303, "the session survived logout on the server"


@pytest.fixture
def tight_settings(settings):
    return settings.with_overrides(login_rate_limit="3/minute", public_write_rate_limit="3/minute",
                                   tracking_rate_limit="5/minute")  # fmt: skip


async def test_rate_limits_answer_429_with_retry_after(db, tight_settings) -> None:
    from portal.app import create_app

    async with AsyncTestClient(app=create_app(tight_settings)) as client:
        token = await csrf_token(client)
        wrong = {"username": "x", "password": "salah-sekali", "_csrf_token": token}
        logins = [(await client.post("/masuk", data=wrong)).status_code for _ in range(4)]
        writes = [(await client.post("/api/v1/complaints", json={"title": "x"})).status_code for _ in range(4)]
        lookups = [(await client.post("/pengaduan/lacak", data={"code": "ABCDEFGHJKMN0", "_csrf_token": token}))
                   for _ in range(6)]  # fmt: skip
    assert logins[:3] == [401] * 3 and logins[3] == 429
    assert 429 not in writes[:3] and writes[3] == 429
    assert [r.status_code for r in lookups][:5] == [404] * 5 and lookups[5].status_code == 429
    assert lookups[5].headers.get("retry-after")


def random_code(rng: random.Random) -> str:
    from complaints.tracking_codes import ALPHABET, RANDOM_LENGTH, check_character

    payload = "".join(rng.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return payload + check_character(payload)


async def test_guessing_tracking_codes_is_impractical(client) -> None:
    from complaints.tracking_codes import ALPHABET, RANDOM_LENGTH

    real = [await file_complaint(client, seed=i) for i in range(3)]
    rng = random.Random(20261123)
    guesses = [random_code(rng) for _ in range(150)]
    found = [g for g in guesses if (await client.get(f"/api/v1/complaints/{g}")).status_code != 404]
    assert not found
    typo = real[0][:-1] + ("0" if real[0][-1] != "0" else "1")  # wrong check character
    assert (await client.get(f"/api/v1/complaints/{typo}")).status_code == 404
    space = len(ALPHABET) ** RANDOM_LENGTH
    per_day = 60 * 24 * 60  # the tracking policy's 60/minute (test settings) for a whole day
    print(
        f"\nenumeration: 150 random well-formed codes, 0 hits; code space 32^12 = {space:.2e}; at {per_day} "
        f"guesses/day against 1e6 complaints a hit takes ~{space / 1e6 / per_day:.1e} days"
    )


async def test_tracking_lookups_by_get_are_throttled_too(db, tight_settings) -> None:
    from portal.app import create_app

    async with AsyncTestClient(app=create_app(tight_settings)) as client:
        statuses = [(await client.get(f"/pengaduan/lacak/{random_code(random.Random(i))}")).status_code
                    for i in range(8)]  # fmt: skip
        api = [(await client.get(f"/api/v1/complaints/{random_code(random.Random(i))}")).status_code for i in range(8)]
    assert 429 in statuses and 429 in api


async def test_attachment_downloads_resist_traversal_and_cross_case_access(client) -> None:
    token = await csrf_token(client)
    filed = []
    for number in range(2):
        title, description = distinct_text(100 + number)
        data = {"_csrf_token": token, "kind": "pengaduan", "title": title, "description": description,
                "privacy": "normal"}  # fmt: skip
        response = await client.post("/pengaduan/baru", data=data, files={"attachments": ("a.png", png_bytes(),
                                                                                          "image/png")})  # fmt: skip
        response = await confirmation(client, response)
        link = BeautifulSoup(response.text, "html.parser").find(id="private-link")["href"]
        code, secret = re.search(r"/lacak/([0-9A-Z]+)\?t=([^&\"]+)", link).groups()
        filed.append((code, secret))
    from complaints.tables import Attachment, Complaint

    ids = {}
    for code, _secret in filed:
        complaint = await Complaint.select(Complaint.id).where(Complaint.tracking_code == code).first()
        row = await Attachment.select(Attachment.id).where(Attachment.complaint == complaint["id"]).first()
        ids[code] = row["id"]
    (code_a, secret_a), (code_b, _secret_b) = filed
    own = await client.get(f"/pengaduan/lacak/{code_a}/lampiran/{ids[code_a]}?t={secret_a}")
    assert own.status_code == 200 and own.content.startswith(b"\x89PNG")
    assert own.headers["x-content-type-options"] == "nosniff"
    attempts = [
        f"/pengaduan/lacak/{code_a}/lampiran/{ids[code_b]}?t={secret_a}",  # another case's file
        f"/pengaduan/lacak/{code_a}/lampiran/{ids[code_a]}",  # no private token
        f"/pengaduan/lacak/{code_a}/lampiran/..%2F..%2F..%2Fetc%2Fpasswd?t={secret_a}",
        f"/pengaduan/lacak/..%2F..%2Fpyproject.toml/lampiran/1?t={secret_a}",
        "/pengaduan/lacak/%2e%2e/%2e%2e/lampiran/1",
        "/staf/pengaduan/lampiran/..%2F..%2Fpyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/%2e%2e/%2e%2e/etc/passwd",
    ]
    for url in attempts:
        response = await client.get(url)
        assert response.status_code in (303, 400, 403, 404), f"{url} -> {response.status_code}"
        assert b"root:" not in response.content and b"[project]" not in response.content
    staff = await client.get(f"/staf/pengaduan/lampiran/{ids[code_a]}")
    assert staff.status_code == 303 and staff.headers["location"].startswith("/masuk")
