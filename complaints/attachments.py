"""Attachment uploads: content checks, metadata stripping, storage outside the web root.

Only JPEG, PNG and PDF are accepted, recognised by their content (magic bytes plus a successful parse),
never by the file name or the browser's content type. Images are decoded and re-encoded from their
pixels, which drops EXIF (GPS position, camera serial), ICC, XMP and comments; the EXIF orientation is
applied first so the photo still looks right. An image whose header declares more than
PORTAL_MAX_IMAGE_PIXELS is refused before decoding; at most PORTAL_IMAGE_WORKERS images are decoded at
once per worker process, and the memory is handed back afterwards (portal.runtime). PDFs are rebuilt from
their pages (complaints.pdf_clean: no metadata, JavaScript, actions or embedded files). check_upload() is
CPU-bound: call it from a thread (`anyio.to_thread.run_sync`) in request handlers. Every upload of the
portal (complaint form, JSON API, staff replies, survey follow-up media, evaluation evidence)
goes through check_upload().
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from PIL import Image, ImageOps, UnidentifiedImageError

from complaints.pdf_clean import PdfNotCleanable, clean_pdf
from portal.i18n import _, get_language
from portal.runtime import image_work, release_memory

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"
STORAGE_NAME_RE = re.compile(r"^[0-9a-f]{32}\.(jpg|png|pdf)$")
READ_CHUNK = 64 * 1024


class AttachmentRejected(Exception):
    """The upload is refused; str(exc) is a message for the user in the current language."""


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    data: bytes
    sha256: str
    size: int


def _too_large(max_bytes: int) -> AttachmentRejected:
    megabytes = max_bytes / (1024 * 1024)
    shown = f"{megabytes:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return AttachmentRejected(_("Berkas terlalu besar (paling besar %(size)s MB).") % {"size": shown})


def _unsupported() -> AttachmentRejected:
    return AttachmentRejected(_("Jenis berkas tidak didukung. Unggah foto JPEG atau PNG, atau dokumen PDF."))


def _checked(content_type: str, extension: str, data: bytes) -> CheckedUpload:
    return CheckedUpload(
        content_type=content_type,
        extension=extension,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def _too_many_pixels() -> AttachmentRejected:
    megapixels = format_decimal(round(image_work().max_pixels / 1_000_000, 1), locale=get_language())
    return AttachmentRejected(
        _("Resolusi gambar terlalu besar (paling besar %(mp)s megapiksel). Kecilkan foto lalu unggah lagi.")
        % {"mp": megapixels}
    )


def _header_checked(data: bytes, expected_format: str) -> None:
    """Format and dimensions from the file's header only (Pillow's open() reads no pixel data), then the
    structure (PNG chunk checksums) without decoding: a bomb is refused before any memory is spent."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != expected_format:
                    raise _unsupported()
                width, height = probe.size
                if width * height > image_work().max_pixels:
                    raise _too_many_pixels()
                probe.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise AttachmentRejected(_("Gambar rusak atau tidak dapat dibaca.")) from exc


def _pixels_reencoded(data: bytes, expected_format: str, modes: tuple[str, ...], fallback: str, **save: Any) -> bytes:
    """A new image from the pixels only (no info dict: no EXIF, ICC, XMP, comments), re-encoded. Each
    intermediate copy is closed as soon as the next exists (a 24 MP RGBA copy is ~100 MB)."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        ImageOps.exif_transpose(image, in_place=True)  # no copy when the photo is upright
        pixels = image.convert(fallback) if image.mode not in modes else image
        clean = Image.new(pixels.mode, pixels.size)
        clean.paste(pixels)
        pixels.close()
    with clean:
        out = io.BytesIO()
        clean.save(out, format=expected_format, **save)
    return out.getvalue()


def _reencoded(data: bytes, expected_format: str, modes: tuple[str, ...], fallback: str, **save: Any) -> bytes:
    """Header first; then at most `PORTAL_IMAGE_WORKERS` images per process are decoded at once, and the
    freed heap is handed back to the operating system once the decoded copies are gone."""
    _header_checked(data, expected_format)
    with image_work().slots:
        try:
            return _pixels_reencoded(data, expected_format, modes, fallback, **save)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise AttachmentRejected(_("Gambar rusak atau tidak dapat dibaca.")) from exc
        finally:
            release_memory()


def _reencode_jpeg(data: bytes) -> bytes:
    return _reencoded(data, "JPEG", ("L", "RGB"), "RGB", quality=90, optimize=True)


def _reencode_png(data: bytes) -> bytes:
    return _reencoded(data, "PNG", ("1", "L", "LA", "RGB", "RGBA"), "RGBA", optimize=True)


def _check_pdf(data: bytes) -> bytes:
    """The PDF rewritten from its pages (complaints.pdf_clean): no metadata, scripts, actions or embedded
    files survive; a file that cannot be rewritten cleanly is refused."""
    if b"%%EOF" not in data[-2048:]:
        raise AttachmentRejected(_("PDF rusak atau tidak lengkap."))
    try:
        return clean_pdf(data)
    except PdfNotCleanable as exc:
        raise AttachmentRejected(
            _(
                "PDF ini tidak dapat dibersihkan dari metadata, skrip atau tindakan otomatis. Cetak ulang ke PDF "
                "atau unggah fotonya."
            )
        ) from exc


def check_upload(filename: str, data: bytes, *, max_bytes: int) -> CheckedUpload:
    """Validate one upload by its content; `filename` is never trusted (kept only for display)."""
    del filename  # the type comes from the content, not the name
    if not data:
        raise AttachmentRejected(_("Berkas kosong."))
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    if data.startswith(JPEG_MAGIC):
        return _checked("image/jpeg", "jpg", _reencode_jpeg(data))
    if data.startswith(PNG_MAGIC):
        return _checked("image/png", "png", _reencode_png(data))
    if data.startswith(PDF_MAGIC):
        return _checked("application/pdf", "pdf", _check_pdf(data))
    raise _unsupported()


def save_upload(checked: CheckedUpload, upload_dir: Path) -> str:
    """Write the checked bytes under a random name (owner-only permissions); returns the name."""
    upload_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(upload_dir, 0o700)
    storage_name = f"{secrets.token_hex(16)}.{checked.extension}"
    fd = os.open(upload_dir / storage_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(checked.data)
    return storage_name


def stored_path(storage_name: str, upload_dir: Path) -> Path:
    """The file of a generated storage name; anything else (paths, '..', other names) is refused."""
    if not isinstance(storage_name, str) or not STORAGE_NAME_RE.fullmatch(storage_name):
        raise ValueError("invalid attachment storage name")
    return upload_dir / storage_name


async def read_limited(upload: Any, max_bytes: int) -> bytes:
    """Read a Litestar UploadFile in chunks, stopping as soon as it exceeds `max_bytes`."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = await upload.read(READ_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)
