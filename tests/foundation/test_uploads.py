"""portal.uploads, the one upload pipeline: only real JPEG/PNG/PDF, metadata stripped, random names, no path
traversal; the kinds are one registry that callers narrow."""

import io
import stat
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from portal import uploads
from portal.i18n import set_language
from portal.uploads import (
    UploadRejected,
    check_upload,
    read_limited,
    save_upload,
    stored_path,
)
from tests.privacy.pdfs import PAGE_TEXT
from tests.privacy.pdfs import plain as plain_pdf

MB = 1024 * 1024


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraPelapor"  # Make
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (7.0, 25.0, 30.0)
    gps[3] = "E"
    gps[4] = (109.0, 21.0, 10.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"rumah saya di Jl. Melati 3")
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 128, 0, 255)).save(out, format="PNG")
    return out.getvalue()


PDF = plain_pdf()


@pytest.fixture(autouse=True)
def indonesian() -> None:
    set_language("id")


def test_jpeg_is_saved_without_exif_gps_or_comment(tmp_path: Path) -> None:
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test photo has GPS
    checked = check_upload("IMG_2024.JPG", original, max_bytes=5 * MB)
    assert checked.content_type == "image/jpeg" and checked.extension == "jpg"
    name = save_upload(checked, tmp_path / "uploads")
    saved = stored_path(name, tmp_path / "uploads").read_bytes()
    assert saved == checked.data and checked.size == len(saved)
    reopened = Image.open(io.BytesIO(saved))
    assert reopened.size == (64, 48)
    assert len(reopened.getexif()) == 0
    assert "exif" not in reopened.info and "comment" not in reopened.info
    assert b"Melati" not in saved and b"KameraPelapor" not in saved


def test_png_and_pdf_are_accepted() -> None:
    png = check_upload("peta.png", png_bytes(), max_bytes=MB)
    assert png.content_type == "image/png"
    assert Image.open(io.BytesIO(png.data)).size == (10, 10)
    pdf = check_upload("surat.pdf", PDF, max_bytes=MB)
    assert (pdf.content_type, pdf.extension) == ("application/pdf", "pdf")
    assert PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text() == PAGE_TEXT  # rewritten, same page
    assert len(pdf.sha256) == 64


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b"GIF89a\x01\x00\x01\x00",
        b"just some text",
    ],
)
def test_disguised_files_named_jpg_are_rejected(data: bytes) -> None:
    with pytest.raises(UploadRejected, match="Jenis berkas tidak didukung"):
        check_upload("foto.jpg", data, max_bytes=MB)


def test_truncated_jpeg_and_broken_pdf_are_rejected() -> None:
    with pytest.raises(UploadRejected, match="Gambar rusak"):
        check_upload("foto.jpg", jpeg_with_gps()[:200], max_bytes=MB)
    with pytest.raises(UploadRejected, match="PDF rusak"):
        check_upload("surat.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", max_bytes=MB)
    with pytest.raises(UploadRejected, match="skrip"):
        check_upload("surat.pdf", b"%PDF-1.4\n<</S/JavaScript/JS(app.alert(1))>>\n%%EOF", max_bytes=MB)


def test_empty_and_oversize_are_rejected() -> None:
    with pytest.raises(UploadRejected, match="kosong"):
        check_upload("a.jpg", b"", max_bytes=MB)
    with pytest.raises(UploadRejected, match="paling besar 1 MB"):
        check_upload("a.pdf", PDF + b"0" * MB, max_bytes=MB)


def test_decompression_bomb_is_rejected() -> None:
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, format="PNG")  # tiny file, 144 megapixels
    assert len(out.getvalue()) < MB
    with pytest.raises(UploadRejected, match="Resolusi gambar terlalu besar"):
        check_upload("bom.png", out.getvalue(), max_bytes=MB)


def test_message_follows_the_language() -> None:
    set_language("en")
    with pytest.raises(UploadRejected) as info:
        check_upload("foto.jpg", b"<html>", max_bytes=MB)
    assert "not supported" in str(info.value)


def test_storage_is_private_and_names_are_random(tmp_path: Path) -> None:
    checked = check_upload("../../etc/passwd.pdf", PDF, max_bytes=MB)
    first = save_upload(checked, tmp_path / "up")
    second = save_upload(checked, tmp_path / "up")
    assert first != second and "passwd" not in first
    assert stat.S_IMODE((tmp_path / "up").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "up" / first).stat().st_mode) == 0o600
    assert sorted(p.name for p in (tmp_path / "up").iterdir()) == sorted([first, second])


@pytest.mark.parametrize(
    "name",
    [
        "../secret.pdf",
        "/etc/passwd",
        "a" * 32 + ".html",
        "..%2f" + "a" * 28 + ".pdf",
        "",
        "A" * 32 + ".pdf",
        "0" * 32 + ".pdf/../../x",
        "0" * 32 + ".jpg\n",
    ],
)
def test_stored_path_refuses_anything_but_generated_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        stored_path(name, tmp_path)


class FakeUpload:
    def __init__(self, data: bytes) -> None:
        self.stream = io.BytesIO(data)
        self.reads = 0

    async def read(self, size: int = -1) -> bytes:
        self.reads += 1
        return self.stream.read(size)


async def test_read_limited_stops_at_the_limit() -> None:
    upload = FakeUpload(b"x" * (10 * MB))
    with pytest.raises(UploadRejected):
        await read_limited(upload, MB)
    assert upload.stream.tell() <= MB + 64 * 1024  # stopped early, not read to the end
    assert await read_limited(FakeUpload(PDF), MB) == PDF


# --- the pipeline's parts shared by every domain --------------------------------------------------------------


def test_a_caller_narrows_the_kinds() -> None:
    assert check_upload("surat.pdf", PDF, max_bytes=MB, kinds=("pdf",)).extension == "pdf"
    with pytest.raises(UploadRejected, match="Unggah: dokumen PDF"):
        check_upload("foto.jpg", jpeg_with_gps(), max_bytes=MB, kinds=("pdf",))
    set_language("en")
    with pytest.raises(UploadRejected, match="Upload: a PNG image, a PDF document"):
        check_upload("foto.jpg", jpeg_with_gps(), max_bytes=MB, kinds=("png", "pdf"))


def test_the_kinds_are_one_registry() -> None:
    """Storage names, content types and neutral names all come from KINDS."""
    assert set(uploads.KINDS) == {"jpg", "png", "pdf"}
    for extension, kind in uploads.KINDS.items():
        name = "0" * 32 + "." + extension
        assert uploads.kind_of_storage_name(name) is kind
        assert uploads.extension_for(kind.content_type) == extension
    assert uploads.extension_for("text/html") == "bin"


def test_a_stored_upload_reads_back_with_its_kind(tmp_path: Path) -> None:
    checked = check_upload("peta.png", png_bytes(), max_bytes=MB)
    assert uploads.load_stored(save_upload(checked, tmp_path), tmp_path) == checked


class FakeFileField(FakeUpload):
    def __init__(self, data: bytes, filename: str) -> None:
        super().__init__(data)
        self.filename = filename


class FakeForm:
    def __init__(self, **fields: list) -> None:
        self.fields = fields

    def getall(self, name: str, default: list) -> list:
        return self.fields.get(name, default)


async def test_read_field_keeps_chosen_files_and_stops_at_an_oversize_one() -> None:
    form = FakeForm(lampiran=[FakeFileField(PDF, "a.pdf"), FakeFileField(b"", ""), "teks"])
    assert await uploads.read_field(form, "lampiran", MB) == ([("a.pdf", PDF)], "")
    files, error = await uploads.read_field(
        FakeForm(lampiran=[FakeFileField(b"x" * (2 * MB), "besar.pdf")]), "lampiran", MB
    )
    assert files == [] and error.startswith("besar.pdf: Berkas terlalu besar")


async def test_receive_checks_and_cleans_the_display_name() -> None:
    received = await uploads.receive(FakeFileField(PDF, "../../laporan\x00 akhir.pdf"), max_bytes=MB)
    assert received.checked.extension == "pdf" and "/" not in received.name and "\x00" not in received.name
    nameless = await uploads.receive(FakeFileField(png_bytes(), ""), max_bytes=MB, fallback_stem="bukti")
    assert nameless.name == "bukti.png"
    with pytest.raises(UploadRejected):
        await uploads.receive(FakeFileField(b"<html>", "x.pdf"), max_bytes=MB)
