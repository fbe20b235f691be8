"""The privacy matrix (docs/privacy.md), walked: every role x every page, htmx fragment, JSON answer, Open311
format, attachment download and mail, for normal, anonim, rahasia, anonim+rahasia and fully anonymous
complaints whose texts carry the reporter's name, NIK, phone and e-mail (issue 13, finding 3)."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pytest
from litestar.testing import AsyncTestClient

from complaints.redaction import redact
from portal.tables import AuditLog
from tests.helpers import html, login, post_form
from tests.privacy.viewer_world import (
    ADDRESS,
    ATTACHMENT_NAME,
    EMAIL,
    MARKERS,
    NAME,
    ROLES,
    USERNAMES,
    Case,
    World,
    build,
    description,
    may_see_identity,
    seen_markers,
)

STAFF_ROLES = ("officer_a", "officer_b", "admin_a", "evaluator", "sysadmin")
# GET routes that show complaint data, and where this test reads them. A new route fails
# test_every_complaint_route_is_walked until it is added here (and walked) or exempted with a reason.
WALKED = {
    "/pengaduan", "/pengaduan/lacak/{code:str}", "/pengaduan/lacak/{code:str}/lampiran/{attachment_id:int}",
    "/api/v1/complaints/{code:str}", "/open311/v2/requests.json", "/open311/v2/requests.xml",
    "/open311/v2/requests/{name:str}", "/staf/pengaduan", "/staf/pengaduan/triase", "/staf/pengaduan/pengawasan",
    "/staf/pengaduan/sanggahan",
    "/staf/pengaduan/{complaint_id:int}", "/staf/pengaduan/{complaint_id:int}/identitas",
    "/staf/pengaduan/lampiran/{attachment_id:int}", "/pengaduan/peta", "/pengaduan/peta.geojson",
    "/pengaduan/lacak/{code:str}/selesai", "/pengaduan/lacak/{code:str}/sanggah", "/staf/pengaduan/pesan",
}  # fmt: skip
EXEMPT = {
    "/pengaduan/baru": "the empty form",
    "/pengaduan/baru/layanan": "the catalogue's services (htmx fragment of the form)",
    "/pengaduan/lacak": "the code look-up form",
    "/pengaduan/baru/standar": "a service's published standard (htmx fragment of the form)",
    "/pengaduan/diterima/{code:str}": "the filer's own confirmation, bound to their session (test_filing_prg.py); "
    "any other browser is redirected to the public tracking page",
    "/open311/v2/tokens/{name:str}": "answers a token with the request's code only",
    "/open311/v2/requests": "a GeoReport error list (no format extension), no complaint data",
    "/open311/v2/tokens": "a GeoReport error list (no format extension), no complaint data",
}


@pytest.fixture
def settings(settings):
    return settings.with_overrides(login_rate_limit="1000/minute", tracking_rate_limit="1000/minute",
                                   public_write_rate_limit="1000/minute")  # fmt: skip


@pytest.fixture
def app(app):
    from complaints.classification import STATE_KEY, BatchingClassifier
    from tests.complaints.conftest import KeywordClassifier

    app.state[STATE_KEY] = BatchingClassifier(KeywordClassifier())
    return app


async def _client(app: Any, role: str) -> AsyncTestClient:
    client = AsyncTestClient(app=app, base_url="http://testserver.local")
    await client.__aenter__()
    client.follow_redirects = False
    if role in USERNAMES:
        await login(client, USERNAMES[role])
    return client


def checked_markers(case: Case) -> set[str]:
    """The markers the masking rules can hide in this case: all four when the identity is stored (the
    reporter's name is known); without it, a name typed in prose is masked only if the rules recognise
    self-identification ("nama saya ..."), which test_prose_identity_is_masked_for_staff checks."""
    if case.identity_stored:
        return set(MARKERS)
    probe = redact(description(0))
    return {key for key, marker in MARKERS.items() if marker not in probe}


def disposition(response: Any) -> str:
    """The download's file name as the browser saves it."""
    return unquote(response.headers.get("content-disposition", ""))


async def public_answers(client: AsyncTestClient, case: Case) -> dict[str, Any]:
    code = case.code
    return {
        "tracking page": await client.get(f"/pengaduan/lacak/{code}"),
        "JSON status": await client.get(f"/api/v1/complaints/{code}"),
        "Open311 request JSON": await client.get(f"/open311/v2/requests/{code}.json"),
        "Open311 request XML": await client.get(f"/open311/v2/requests/{code}.xml"),
    }


async def public_lists(client: AsyncTestClient) -> dict[str, Any]:
    return {
        "board": await client.get("/pengaduan"),
        "board fragment": await client.get("/pengaduan", headers={"HX-Request": "true"}),
        "board search": await client.get("/pengaduan", params={"q": "Pungli"}),
        "board map": await client.get("/pengaduan/peta"),
        "board map GeoJSON": await client.get("/pengaduan/peta.geojson"),
        "Open311 list JSON": await client.get("/open311/v2/requests.json"),
        "Open311 list XML": await client.get("/open311/v2/requests.xml"),
    }


def row_of(response: Any, case: Case) -> str:
    """The text of the inbox/triage row of a case ("" when it is not listed)."""
    link = html(response).find("a", href=f"/staf/pengaduan/{case.id}")
    return link.find_parent("tr").get_text(" ") if link else ""


async def test_every_role_sees_only_what_the_matrix_allows(app) -> None:
    world: World = await build(app)
    problems: list[str] = []
    shown_somewhere: set[tuple[str, str]] = set()

    def check(role: str, case: Case | None, channel: str, text: str) -> None:
        """case=None: a public list holding every case (only markers every case can hide are checked)."""
        if case is None:
            leaked = seen_markers(text).intersection(*(checked_markers(c) for c in world.cases.values()))
            if leaked:
                problems.append(f"{role} / public list / {channel}: shows {sorted(leaked)}")
            return
        leaked = seen_markers(text) & checked_markers(case)
        if leaked and not may_see_identity(role, case):
            problems.append(f"{role} / {case.choice} / {channel}: shows {sorted(leaked)}")
        if leaked:
            shown_somewhere.add((role, case.choice))

    for role in ROLES:
        client = await _client(app, role)
        try:
            # Public channels: the same for every role (a staff session changes nothing there).
            for channel, response in (await public_lists(client)).items():
                assert response.status_code == 200, (role, channel)
                check(role, None, channel, response.text)
            for case in world.cases.values():
                for channel, response in (await public_answers(client, case)).items():
                    assert response.status_code in (200, 404), (role, case.choice, channel, response.status_code)
                    check("visitor", case, channel, response.text)
                if role == "reporter":
                    page = await client.get(f"/pengaduan/lacak/{case.code}", params={"t": case.token})
                    assert page.status_code == 200
                    check(role, case, "private tracking page", page.text)
                    for tap in ("selesai", "sanggah"):  # the one-tap pages of the messages
                        tapped = await client.get(f"/pengaduan/lacak/{case.code}/{tap}", params={"t": case.token})
                        assert tapped.status_code == 200
                        check(role, case, f"one-tap {tap} page", tapped.text)
                    download = await client.get(f"/pengaduan/lacak/{case.code}/lampiran/{case.attachment_id}",
                                                params={"t": case.token})  # fmt: skip
                    assert download.status_code == 200 and ATTACHMENT_NAME in disposition(download)
            if role not in STAFF_ROLES:
                continue
            messages = await client.get("/staf/pengaduan/pesan")  # messages to reporters, with addresses
            sent = await client.get("/staf/pengaduan/pesan", params={"status": "sent"})
            assert messages.status_code == sent.status_code == (403 if role == "evaluator" else 200), role
            if role != "evaluator":
                for case in world.cases.values():
                    check(role, case, "messages page", row_of(messages, case) + row_of(sent, case))
            inbox = await client.get("/staf/pengaduan")
            fragment = await client.get("/staf/pengaduan", headers={"HX-Request": "true"})
            supervisor = await client.get("/staf/pengaduan/pengawasan")
            assert supervisor.status_code == (200 if role in ("evaluator", "sysadmin") else 403)
            for case in world.cases.values():
                for channel, listing in (("inbox", inbox), ("inbox fragment", fragment)):
                    check(role, case, channel, row_of(listing, case))
                check(role, case, "supervisor view", supervisor.text)
                page = await client.get(f"/staf/pengaduan/{case.id}")
                download = await client.get(f"/staf/pengaduan/lampiran/{case.attachment_id}")
                if role == "officer_b":
                    assert page.status_code == 403 and download.status_code == 403, case.choice
                    assert not row_of(inbox, case)
                    continue
                assert page.status_code == 200 and download.status_code == 200, (role, case.choice)
                check(role, case, "case page", page.text)
                check(role, case, "attachment download name", disposition(download))
                if not may_see_identity(role, case):
                    assert "Lampiran 1.jpg" in page.text and "Lampiran 1.jpg" in disposition(download)
                identity = await client.get(f"/staf/pengaduan/{case.id}/identitas")
                if role != "sysadmin":
                    assert identity.status_code == 403
                else:
                    assert identity.status_code == (200 if case.choice in ("anonim", "rahasia", "both") else 404)
                    check(role, case, "show-identity form", identity.text)
            if role == "sysadmin":
                triage = await client.get("/staf/pengaduan/triase")
                assert triage.status_code == 200
                check(role, world.unrouted, "triage", row_of(triage, world.unrouted))
                assert row_of(triage, world.unrouted), "the unrouted case is in the triage queue"
        finally:
            await client.__aexit__(None, None, None)

    assert not problems, "\n".join(problems)
    # The test sees the markers where they are allowed: otherwise it could not fail.
    for role, choice in (("officer_a", "normal"), ("admin_a", "normal"), ("sysadmin", "normal"),
                         *(("reporter", c) for c in world.cases)):  # fmt: skip
        assert (role, choice) in shown_somewhere, (role, choice)


async def test_system_admin_reveals_with_a_reason_and_it_is_audited(app) -> None:
    world = await build(app)
    client = await _client(app, "sysadmin")
    try:
        case = world.cases["anonim"]
        masked = await client.get(f"/staf/pengaduan/{case.id}")
        assert not seen_markers(masked.text) and "Lampiran 1.jpg" in masked.text
        refused = await post_form(client, f"/staf/pengaduan/{case.id}/identitas", {"reason": ""})
        assert refused.status_code == 422 and not seen_markers(refused.text)
        assert await AuditLog.count().where(AuditLog.action == "view_identity") == 0
        reason = "Permintaan LPSK untuk perlindungan pelapor"
        shown = await post_form(client, f"/staf/pengaduan/{case.id}/identitas", {"reason": reason})
        assert shown.status_code == 200 and seen_markers(shown.text) == set(MARKERS)
        assert ATTACHMENT_NAME in shown.text and html(shown).find(id="identity-revealed")
        [entry] = await AuditLog.select().where(AuditLog.action == "view_identity")
        assert entry["entity_id"] == str(case.id) and reason in str(entry["after"]) and entry["actor_name"] == "admin"
        again = await client.get(f"/staf/pengaduan/{case.id}")
        assert not seen_markers(again.text), "a reveal is for one answer, not for the session"
        normal = world.cases["normal"]
        assert (await client.get(f"/staf/pengaduan/{normal.id}/identitas")).status_code == 404
    finally:
        await client.__aexit__(None, None, None)


async def test_prose_identity_is_masked_for_staff(app) -> None:
    """A home address, and a name typed by a fully anonymous reporter, are masked only by the masking rules
    for addresses and self-identification (complaints.redaction, issue 13's masking-rules part)."""
    missing = [what for what, text in (("address", ADDRESS), ("self-named", f"Nama saya {NAME}."))
               if (ADDRESS if what == "address" else NAME) in redact(text)]  # fmt: skip
    if missing:
        pytest.skip(f"complaints.redaction has no rule yet for: {', '.join(missing)}")
    world = await build(app)
    client = await _client(app, "officer_a")
    try:
        for choice in ("anonim", "fully_anonymous"):
            page = await client.get(f"/staf/pengaduan/{world.cases[choice].id}")
            assert ADDRESS not in page.text and NAME not in page.text, choice
    finally:
        await client.__aexit__(None, None, None)


async def test_the_only_mail_goes_to_the_reporter(app, client) -> None:
    """The confirmation mail is the one mail of a filing; no staff mail carries the private text."""
    from portal.mail import clear_sent_messages, sent_messages
    from tests.complaints.factories import world

    await world()
    clear_sent_messages()
    data = {"kind": "pengaduan", "title": "Pungli di loket KTP kecamatan", "description": description(1),
            "reporter_name": NAME, "reporter_email": EMAIL, "privacy": "anonim"}  # fmt: skip
    response = await post_form(client, "/pengaduan/baru", data)
    assert response.status_code == 303
    api = await client.post("/api/v1/complaints", json={**data, "description": description(2)})
    assert api.status_code == 201
    assert [m.to for m in sent_messages()] == [EMAIL, EMAIL]


def test_every_complaint_route_is_walked(app) -> None:
    prefixes = ("/pengaduan", "/staf/pengaduan", "/api/v1/complaints", "/open311/v2/requests", "/open311/v2/tokens")
    found = {
        route.path for route in app.routes
        if "GET" in getattr(route, "methods", ()) and route.path.startswith(prefixes)
    }  # fmt: skip
    assert found - WALKED - set(EXEMPT) == set(), "walk the new route in the matrix test above"
    assert found >= WALKED, "a walked route is gone"


async def test_the_supervising_units_dispute_queue_masks_protected_cases(app) -> None:
    """A disputed anonim case reaches the supervising unit (here the system admins): its queue lists the
    case with the title masked, like every other staff list; unit staff cannot open the queue."""
    from complaints.services import handling, intake, reporter
    from tests.complaints.factories import actor, world

    ids = await world()
    data = {"kind": "pengaduan", "title": f"Pungli KTP, lapor {NAME}", "description": description(5),
            "reporter_name": NAME, "reporter_email": EMAIL, "privacy": "anonim", "confirm_duplicate": "1"}  # fmt: skip
    filed = await intake.submit(app, data)
    await handling.verify_and_route(filed.id, await actor(ids["sysadmin"]), ids["unit_a"])
    await handling.apply_action(filed.id, "answer", await actor(ids["officer_a"]),
                                note="Petugas sudah ditegur dan uang dikembalikan.")  # fmt: skip
    await reporter.act(filed.id, "dispute", note=f"Uang belum kembali. Saya {NAME}, HP {MARKERS['phone']}.")
    for role in ("officer_a", "admin_a", "evaluator"):
        client = await _client(app, role)
        assert (await client.get("/staf/pengaduan/sanggahan")).status_code == 403, role
        await client.__aexit__(None, None, None)
    client = await _client(app, "sysadmin")
    queue = await client.get("/staf/pengaduan/sanggahan")
    await client.__aexit__(None, None, None)
    assert queue.status_code == 200
    row = row_of(queue, Case("anonim", filed.id, filed.tracking_code, filed.token, 0, True))
    assert "Pungli KTP" in row and seen_markers(row) == set(), row
