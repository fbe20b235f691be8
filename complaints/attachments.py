"""Attachment uploads: content checks, metadata stripping, storage outside the web root.

Only JPEG, PNG and PDF are accepted, recognised by their content (magic bytes plus a successful parse),
never by the file name or the browser's content type. Images are decoded and re-encoded from their
pixels, which drops EXIF (GPS position, camera serial), ICC, XMP and comments; the EXIF orientation is
applied first so the photo still looks right. PDFs are rebuilt from their pages (complaints.pdf_clean:
no metadata, JavaScript, actions or embedded files). check_upload() is CPU-bound: call it from a thread
(`anyio.to_thread.run_sync`) in request handlers.
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

from PIL import Image, ImageOps, UnidentifiedImageError

from portal.i18n import _

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"
# Photos from phones are 12–50 MP; anything beyond this is refused before decoding (bomb guard on top
# of Pillow's own MAX_IMAGE_PIXELS).
MAX_PIXELS = 60_000_000
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
    return AttachmentRejected(
        _("Jenis berkas tidak didukung. Unggah foto JPEG atau PNG, atau dokumen PDF.")
    )


def _checked(content_type: str, extension: str, data: bytes) -> CheckedUpload:
    return CheckedUpload(
        content_type=content_type,
        extension=extension,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def _open_image(data: bytes, expected_format: str) -> Image.Image:
    """Open, verify and fully decode an image, refusing decompression bombs."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format != expected_format:
                raise _unsupported()
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise AttachmentRejected(_("Resolusi gambar terlalu besar."))
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise AttachmentRejected(_("Resolusi gambar terlalu besar.")) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise AttachmentRejected(_("Gambar rusak atau tidak dapat dibaca.")) from exc
    return image


def _pixels_only(image: Image.Image, modes: tuple[str, ...], fallback: str) -> Image.Image:
    """A new image holding only the pixels (no info dict: no EXIF, ICC, XMP, comments)."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode not in modes:
        image = image.convert(fallback)
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _reencode_jpeg(data: bytes) -> bytes:
    image = _open_image(data, "JPEG")
    clean = _pixels_only(image, ("L", "RGB"), "RGB")
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=90, optimize=True)
    return out.getvalue()


def _reencode_png(data: bytes) -> bytes:
    image = _open_image(data, "PNG")
    clean = _pixels_only(image, ("1", "L", "LA", "RGB", "RGBA"), "RGBA")
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _check_pdf(data: bytes) -> bytes:
    """The PDF rewritten from its pages (complaints.pdf_clean): no metadata, scripts, actions or embedded
    files survive; a file that cannot be rewritten cleanly is refused."""
    from complaints.pdf_clean import PdfNotCleanable, clean_pdf

    if b"%%EOF" not in data[-2048:]:
        raise AttachmentRejected(_("PDF rusak atau tidak lengkap."))
    try:
        return clean_pdf(data)
    except PdfNotCleanable as exc:
        raise AttachmentRejected(
            _("PDF ini tidak dapat dibersihkan dari metadata, skrip atau tindakan otomatis. Cetak ulang ke PDF "
              "atau unggah fotonya.")
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
