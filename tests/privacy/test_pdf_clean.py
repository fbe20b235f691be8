"""Uploaded PDFs are rebuilt from their pages: no metadata, scripts, actions or embedded files survive,
however their names are written; what cannot be cleaned is refused (issue 13, finding 4)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from complaints.tables import Attachment
from portal import pdf_clean
from portal.i18n import set_language
from portal.uploads import UploadRejected, check_upload
from tests.complaints.factories import complaint_data, world
from tests.helpers import csrf_token
from tests.privacy import pdfs

MB = 1024 * 1024
NIK = "3201012345678901"
NAME = "Siti Rahmawati"


@pytest.fixture(autouse=True)
def indonesian() -> None:
    set_language("id")


def cleaned(data: bytes) -> tuple[bytes, PdfReader]:
    checked = check_upload("surat.pdf", data, max_bytes=MB)
    assert checked.content_type == "application/pdf"
    reader = PdfReader(io.BytesIO(checked.data))
    assert [p.extract_text() for p in reader.pages] == [pdfs.PAGE_TEXT]  # the page itself is kept
    return checked.data, reader


def test_the_crafted_files_really_carry_what_the_tests_look_for() -> None:
    meta = PdfReader(io.BytesIO(pdfs.with_metadata(NIK, NAME)))
    assert meta.metadata["/Title"] == f"KTP {NIK}" and meta.metadata["/Author"] == NAME
    assert NIK.encode() in meta.trailer["/Root"]["/Metadata"].get_object().get_data()
    script = PdfReader(io.BytesIO(pdfs.with_escaped_javascript()))
    root = script.trailer["/Root"]
    assert b"/J#61vaScript" in pdfs.with_escaped_javascript() and b"/JavaScript" not in pdfs.with_escaped_javascript()
    assert root["/OpenAction"]["/S"] == "/JavaScript" and "/JavaScript" in root["/Names"] and "/AA" in root
    old = pdfs.with_old_revision(NIK)
    assert NIK.encode() in old and PdfReader(io.BytesIO(old)).metadata["/Title"] == "Surat"


def test_info_dictionary_and_xmp_holding_a_nik_are_dropped() -> None:
    data, reader = cleaned(pdfs.with_metadata(NIK, NAME))
    assert NIK.encode() not in data and NAME.encode() not in data and b"Scanner" not in data
    assert reader.metadata is None and "/Info" not in reader.trailer
    assert reader.xmp_metadata is None and "/Metadata" not in reader.pages[0]


def test_javascript_with_escaped_names_and_open_action_is_dropped() -> None:
    data, reader = cleaned(pdfs.with_escaped_javascript())
    root = reader.trailer["/Root"]
    assert set(root) == {"/Type", "/Pages"}
    assert b"app.alert" not in data and b"JavaScript" not in data and b"J#61" not in data


def test_launch_annotations_page_actions_and_embedded_files_are_dropped() -> None:
    data, reader = cleaned(pdfs.with_launch_and_embedded_file())
    page = reader.pages[0]
    assert "/AA" not in page
    annotations = [a.get_object() for a in page.get("/Annots", [])]
    assert [a["/Subtype"] for a in annotations] == ["/Link"] and "/A" not in annotations[0]
    for marker in (b"cmd.exe", b"calc", b"setup.exe", b"exportDataObject", b"EmbeddedFile", b"Launch"):
        assert marker not in data, marker


def test_earlier_revisions_do_not_survive() -> None:
    data, _ = cleaned(pdfs.with_old_revision(NIK))
    assert NIK.encode() not in data


def test_encrypted_unreadable_and_pageless_pdfs_are_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("rahasia", algorithm="RC4-128")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    pageless = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    garbage = b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"
    for data in (encrypted.getvalue(), pageless, garbage):
        with pytest.raises(UploadRejected, match="tidak dapat dibersihkan"):
            check_upload("surat.pdf", data, max_bytes=MB)


def test_anything_left_after_rewriting_is_refused_not_stored(monkeypatch) -> None:
    """The final check is a real safety net: with the page cleaning switched off, the page's
    JavaScript action survives the rewrite and the file is refused."""
    monkeypatch.setattr(pdf_clean, "_strip_page", lambda page: None)
    with pytest.raises(pdf_clean.PdfNotCleanable):
        pdf_clean.clean_pdf(pdfs.with_launch_and_embedded_file())


def test_refusal_message_is_translated() -> None:
    set_language("en")
    with pytest.raises(UploadRejected) as info:
        check_upload(
            "surat.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n", max_bytes=MB
        )
    assert "cannot be cleaned" in str(info.value)


async def test_a_pdf_filed_through_the_form_is_stored_clean(app, client) -> None:
    """The one upload pipeline: the file on disk is the rewritten one."""
    await world()
    token = await csrf_token(client)
    response = await client.post(
        "/pengaduan/baru",
        data={**complaint_data(), "_csrf_token": token},
        files=[("attachments", (f"KTP_{NIK}.pdf", pdfs.with_metadata(NIK, NAME), "application/pdf"))],
    )
    assert response.status_code == 303, response.text
    stored = await Attachment.select().first()
    saved = (app.state.settings.upload_dir / stored["storage_name"]).read_bytes()
    assert NIK.encode() not in saved and NAME.encode() not in saved
    assert PdfReader(io.BytesIO(saved)).metadata is None
