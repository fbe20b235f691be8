"""The complaint form keeps the citizen's work (issue 17): the service preselected from a service page with
its promised standard, attachments kept across a validation error (signed, expiring tokens), a clear message
instead of silent truncation, and Post/Redirect/Get with the private link shown once."""

from __future__ import annotations

import os
import time
from io import BytesIO

import pytest
from PIL import Image

from complaints import pending_uploads
from complaints.tables import Attachment, Complaint
from portal.tables import Service
from portal.uploads import check_upload
from tests.complaints.factories import complaint_data, make_service, world
from tests.helpers import confirmation, html, post_form

SECRET = "test-secret-key-" + "x" * 32


def png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


# --- the upload token ------------------------------------------------------------------------------


def test_a_kept_upload_comes_back_unchanged_from_its_token(tmp_path) -> None:
    checked = check_upload("foto.png", png(), max_bytes=5_000_000)
    held = pending_uploads.hold(checked, "foto jalan.png", data_dir=tmp_path, secret=SECRET)
    again, name = pending_uploads.redeem(held.token, data_dir=tmp_path, secret=SECRET, max_bytes=5_000_000)
    assert (again.data, again.content_type, again.sha256, name) == (checked.data, "image/png", checked.sha256,
                                                                    "foto jalan.png")  # fmt: skip


def test_an_expired_token_is_refused(tmp_path) -> None:
    checked = check_upload("foto.png", png(), max_bytes=5_000_000)
    held = pending_uploads.hold(checked, "foto.png", data_dir=tmp_path, secret=SECRET, now=1_000_000.0)
    later = 1_000_000.0 + pending_uploads.PENDING_SECONDS + 1
    with pytest.raises(pending_uploads.PendingUploadInvalid, match="kedaluwarsa"):
        pending_uploads.redeem(held.token, data_dir=tmp_path, secret=SECRET, max_bytes=5_000_000, now=later)


@pytest.mark.parametrize("tamper", ["payload", "signature", "other key", "file changed", "file gone", "garbage"])
def test_a_changed_token_or_file_is_refused(tmp_path, tamper) -> None:
    checked = check_upload("foto.png", png(), max_bytes=5_000_000)
    held = pending_uploads.hold(checked, "foto.png", data_dir=tmp_path, secret=SECRET)
    token, secret = held.token, SECRET
    payload, signature = token.split(".")
    stored = next(pending_uploads.pending_dir(tmp_path).iterdir())
    if tamper == "payload":
        fields = pending_uploads._unb64(payload).replace(b'"n":"foto.png"', b'"n":"lain.png"')
        token = f"{pending_uploads._b64(fields)}.{signature}"
    elif tamper == "signature":
        token = f"{payload}.{signature[:-2]}AA"
    elif tamper == "other key":
        secret = "another-secret-" + "y" * 32
    elif tamper == "file changed":
        stored.write_bytes(stored.read_bytes()[:-1] + b"\x00")
    elif tamper == "file gone":
        stored.unlink()
    else:
        token = "../../etc/passwd.x"
    with pytest.raises(pending_uploads.PendingUploadInvalid):
        pending_uploads.redeem(token, data_dir=tmp_path, secret=secret, max_bytes=5_000_000)


def test_a_kept_upload_larger_than_the_current_limit_is_refused(tmp_path) -> None:
    checked = check_upload("foto.png", png(), max_bytes=5_000_000)
    held = pending_uploads.hold(checked, "foto.png", data_dir=tmp_path, secret=SECRET)
    with pytest.raises(pending_uploads.PendingUploadInvalid):
        pending_uploads.redeem(held.token, data_dir=tmp_path, secret=SECRET, max_bytes=checked.size - 1)


def test_old_kept_files_are_cleaned_up(tmp_path) -> None:
    checked = check_upload("foto.png", png(), max_bytes=5_000_000)
    old = pending_uploads.hold(checked, "lama.png", data_dir=tmp_path, secret=SECRET)
    folder = pending_uploads.pending_dir(tmp_path)
    old_file = next(folder.iterdir())
    past = time.time() - pending_uploads.PENDING_SECONDS - 60
    os.utime(old_file, (past, past))
    pending_uploads.hold(checked, "baru.png", data_dir=tmp_path, secret=SECRET)  # cleans up on the way
    assert not old_file.exists() and len(list(folder.iterdir())) == 1
    with pytest.raises(pending_uploads.PendingUploadInvalid):
        pending_uploads.redeem(old.token, data_dir=tmp_path, secret=SECRET, max_bytes=5_000_000)


# --- through the form ------------------------------------------------------------------------------


async def test_an_attachment_is_kept_after_a_validation_error_and_filed_with_the_fix(app, client) -> None:
    await world()
    first = await post_form(client, "/pengaduan/baru", complaint_data(title=""),
                            files=[("attachments", ("jalan.png", png(), "image/png"))])  # fmt: skip
    assert first.status_code == 422
    page = html(first)
    assert page.select_one("#title-error") is not None
    kept = page.select('input[name="pending_attachments"]')
    assert len(kept) == 1 and page.select_one('[data-testid="kept-file"]').text == "jalan.png"
    assert await Complaint.count() == 0 and await Attachment.count() == 0
    fixed = await post_form(client, "/pengaduan/baru", [*complaint_data().items(),
                                                       ("pending_attachments", kept[0]["value"])])  # fmt: skip
    await confirmation(client, fixed)
    stored = await Attachment.select(Attachment.original_name, Attachment.content_type).first()
    assert stored == {"original_name": "jalan.png", "content_type": "image/png"}
    assert list(pending_uploads.pending_dir(app.state.settings.data_dir).iterdir()) == []  # released


async def test_a_kept_attachment_can_be_removed_and_a_forged_one_is_refused(app, client) -> None:
    await world()
    first = await post_form(client, "/pengaduan/baru", complaint_data(title=""),
                            files=[("attachments", ("jalan.png", png(), "image/png"))])  # fmt: skip
    token = html(first).select_one('input[name="pending_attachments"]')["value"]
    forged = await post_form(client, "/pengaduan/baru", [*complaint_data().items(),
                                                        ("pending_attachments", token[:-3] + "abc")])  # fmt: skip
    assert forged.status_code == 422 and "pilih berkasnya lagi" in html(forged).select_one("#attachments-error").text
    assert await Complaint.count() == 0
    removed = await post_form(client, "/pengaduan/baru", [*complaint_data().items(), ("pending_attachments", token),
                                                         ("drop_attachments", token)])  # fmt: skip
    await confirmation(client, removed)
    assert await Attachment.count() == 0


@pytest.mark.parametrize(("lang", "expected"), [
    ("id", "Terlalu panjang: 5.310 karakter, paling banyak 4.000. Persingkat 1.310 karakter."),
    ("en", "Too long: 5,310 characters, at most 4,000. Shorten it by 1,310 characters."),
])  # fmt: skip
async def test_a_long_paste_is_refused_with_its_length_not_cut(app, client, lang, expected) -> None:
    await world()
    text = ("Antrean panjang sekali. " * 300)[:5310]
    response = await post_form(client, f"/pengaduan/baru?lang={lang}", complaint_data(description=text))
    assert response.status_code == 422
    page = html(response)
    assert page.select_one("#description-error").text == expected
    area = page.select_one("#description")
    assert area.text == text and not area.has_attr("maxlength")  # all of it kept, nothing cut by the browser
    assert area["aria-invalid"] == "true" and "description-error" in area["aria-describedby"]
    assert await Complaint.count() == 0


@pytest.mark.parametrize(("lang", "label"), [("id", "paling banyak 4.000 karakter"),
                                             ("en", "at most 4,000 characters")])  # fmt: skip
async def test_the_limit_is_in_the_label_without_javascript(client, db, lang, label) -> None:
    page = html(await client.get(f"/pengaduan/baru?lang={lang}"))
    assert label in page.select_one('label[for="description"]').text
    counter = page.select_one("#description-counter")
    assert counter.has_attr("hidden") and "{n}" in counter["data-template"]  # shown by the script only


async def test_post_redirect_get_shows_the_private_link_once_and_never_files_twice(app, client) -> None:
    ids = await world()
    posted = await post_form(client, "/pengaduan/baru", complaint_data(unit_id=str(ids["unit_a"])))
    assert posted.status_code == 303
    first = await confirmation(client, posted)
    code = html(first).select_one(".tracking-code")["data-code"]
    link = html(first).select_one("#private-link")["href"]
    assert f"/pengaduan/lacak/{code}?t=" in link and first.headers["cache-control"] == "no-store"
    steps = html(first).select_one('[data-testid="next-steps"]').get_text(" ")
    assert "Dinas Dukcapil" in steps
    row = await Complaint.select(Complaint.verify_due_at).first()
    assert html(first).select_one('[data-testid="verify-due"]').text not in ("", "-") and row["verify_due_at"]
    reloaded = await client.get(posted.headers["location"])
    assert reloaded.status_code == 200 and code in reloaded.text
    assert link.split("?t=")[1] not in reloaded.text and html(reloaded).select_one("#private-link") is None
    assert html(reloaded).select_one('[data-testid="link-already-shown"]') is not None
    assert await Complaint.count() == 1
    client.cookies.clear()  # another browser: no confirmation, the public tracking page instead
    elsewhere = await client.get(posted.headers["location"])
    assert elsewhere.status_code == 303 and elsewhere.headers["location"] == f"/pengaduan/lacak/{code}"


# --- the service page's "Adukan layanan ini" -------------------------------------------------------


async def test_a_service_link_preselects_the_service_its_unit_and_shows_the_promise(client, db) -> None:
    ids = await world()
    service_id, _ = await make_service(ids["unit_b"], slug="imunisasi", fee=25000, duration=3)
    page = html(await client.get(f"/pengaduan/baru?layanan={service_id}"))
    assert page.select_one("#service_id option[selected]")["value"] == str(service_id)
    assert page.select_one("#unit_id option[selected]")["value"] == str(ids["unit_b"])
    promise = page.select_one('[data-testid="standard-promise"]').text
    assert "Rp 25.000" in promise and "3 hari kerja" in promise


@pytest.mark.parametrize("value", ["abc", "0", "99999", "99999999999999999999"])
async def test_an_unknown_service_opens_the_empty_form(client, db, value) -> None:
    await world()
    response = await client.get(f"/pengaduan/baru?layanan={value}")
    assert response.status_code == 200
    assert html(response).select_one("#service_id option[selected]") is None


async def test_a_service_that_takes_no_complaints_is_not_preselected(client, db) -> None:
    ids = await world()
    await Service.update({Service.accepts_complaints: False}).where(Service.id == ids["service_a"])
    page = html(await client.get(f"/pengaduan/baru?layanan={ids['service_a']}"))
    assert page.select_one("#service_id option[selected]") is None
    assert page.select_one('[data-testid="standard-promise"]') is None


async def test_choosing_a_service_shows_its_promise_as_a_fragment(client, db) -> None:
    ids = await world()
    fragment = await client.get(f"/pengaduan/baru/standar?service_id={ids['service_a']}")
    assert fragment.status_code == 200 and "14 hari kerja" in fragment.text
    assert (await client.get("/pengaduan/baru/standar?service_id=")).text.strip() == ""


def test_only_a_signed_token_can_remove_a_kept_file(tmp_path) -> None:
    checked = check_upload("foto.png", png(), max_bytes=5_000_000)
    held = pending_uploads.hold(checked, "foto.png", data_dir=tmp_path, secret=SECRET)
    stored = next(pending_uploads.pending_dir(tmp_path).iterdir())
    pending_uploads.release(held.token, data_dir=tmp_path, secret="another-secret-" + "y" * 32)
    pending_uploads.release(held.token.split(".")[0] + ".forged", data_dir=tmp_path, secret=SECRET)
    assert stored.exists()
    pending_uploads.release(held.token, data_dir=tmp_path, secret=SECRET)
    assert not stored.exists()
