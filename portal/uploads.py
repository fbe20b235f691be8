"""The one upload pipeline of the portal: every file a person sends (complaint form, JSON API, Open311
media, staff replies and closing documents, SKM follow-up proof, PEKPPP evidence) goes through here.

    read_limited / read_field   read a multipart upload in chunks, refused as soon as it is too large
    check_upload                the kind from the content (magic bytes plus a successful parse), never from
                                the file name or the browser's content type; images re-encoded from their
                                pixels, PDFs rebuilt from their pages; returns a CheckedUpload (bytes,
                                content type, extension, size, SHA-256) or raises UploadRejected
    receive                     read_limited + check_upload in a thread + a cleaned display name
    save_upload / stored_path   random storage names (owner-only files) and the only way back to a path

The kinds are one registry (KINDS: JPEG, PNG, PDF); a caller narrows them with `kinds=` (a domain rule),
and storage names, content types and neutral names all derive from it. Images are decoded and re-encoded
from their pixels, which drops EXIF (GPS position, camera serial), ICC, XMP and comments; the EXIF
orientation is applied first so the photo still looks right. An image whose header declares more than
PORTAL_MAX_IMAGE_PIXELS is refused before decoding; at most PORTAL_IMAGE_WORKERS images are decoded at
once per worker process, and the memory is handed back afterwards (portal.runtime). PDFs are rebuilt from
their pages (portal.pdf_clean: no metadata, JavaScript, actions or embedded files). check_upload() is
CPU-bound: call it from a thread (`anyio.to_thread.run_sync`, as `receive` does) in request handlers.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import anyio
from babel.numbers import format_decimal
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.forms import clean_text
from portal.i18n import N_, _, get_language
from portal.pdf_clean import PdfNotCleanable, clean_pdf
from portal.runtime import image_work, release_memory

READ_CHUNK = 64 * 1024


class UploadRejected(Exception):
    """The upload is refused; str(exc) is a message for the user in the current language."""


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed the checks: the cleaned bytes and what they are."""

    content_type: str
    extension: str
    data: bytes
    sha256: str
    size: int


@dataclass(frozen=True)
class Kind:
    """One accepted kind of file: recognised by `magic`, cleaned by `clean` (which raises UploadRejected)."""

    extension: str
    content_type: str
    magic: bytes
    label: str  # N_() source string, e.g. "foto JPEG"
    clean: Callable[[bytes], bytes]


def _too_large(max_bytes: int) -> UploadRejected:
    megabytes = max_bytes / (1024 * 1024)
    shown = f"{megabytes:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return UploadRejected(_("Berkas terlalu besar (paling besar %(size)s MB).") % {"size": shown})


def _unsupported(kinds: tuple[str, ...]) -> UploadRejected:
    if set(kinds) == set(KINDS):
        return UploadRejected(_("Jenis berkas tidak didukung. Unggah foto JPEG atau PNG, atau dokumen PDF."))
    labels = ", ".join(_(KINDS[k].label) for k in kinds)
    return UploadRejected(_("Jenis berkas tidak didukung. Unggah: %(kinds)s.") % {"kinds": labels})


def _checked(kind: Kind, data: bytes) -> CheckedUpload:
    return CheckedUpload(
        content_type=kind.content_type,
        extension=kind.extension,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def _too_many_pixels() -> UploadRejected:
    megapixels = format_decimal(round(image_work().max_pixels / 1_000_000, 1), locale=get_language())
    return UploadRejected(
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
                    raise _wrong_format()
                width, height = probe.size
                if width * height > image_work().max_pixels:
                    raise _too_many_pixels()
                probe.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise UploadRejected(_("Gambar rusak atau tidak dapat dibaca.")) from exc


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
            raise UploadRejected(_("Gambar rusak atau tidak dapat dibaca.")) from exc
        finally:
            release_memory()


def _reencode_jpeg(data: bytes) -> bytes:
    return _reencoded(data, "JPEG", ("L", "RGB"), "RGB", quality=90, optimize=True)


def _reencode_png(data: bytes) -> bytes:
    return _reencoded(data, "PNG", ("1", "L", "LA", "RGB", "RGBA"), "RGBA", optimize=True)


def _check_pdf(data: bytes) -> bytes:
    """The PDF rewritten from its pages (portal.pdf_clean): no metadata, scripts, actions or embedded
    files survive; a file that cannot be rewritten cleanly is refused."""
    if b"%%EOF" not in data[-2048:]:
        raise UploadRejected(_("PDF rusak atau tidak lengkap."))
    try:
        return clean_pdf(data)
    except PdfNotCleanable as exc:
        raise UploadRejected(
            _(
                "PDF ini tidak dapat dibersihkan dari metadata, skrip atau tindakan otomatis. Cetak ulang ke PDF "
                "atau unggah fotonya."
            )
        ) from exc


def _wrong_format() -> UploadRejected:
    return _unsupported(tuple(KINDS))


# --- the registry of kinds (the one place a new kind is added) ----------------------------------------------

KINDS: dict[str, Kind] = {
    kind.extension: kind
    for kind in (
        Kind("jpg", "image/jpeg", b"\xff\xd8\xff", N_("foto JPEG"), _reencode_jpeg),
        Kind("png", "image/png", b"\x89PNG\r\n\x1a\n", N_("gambar PNG"), _reencode_png),
        Kind("pdf", "application/pdf", b"%PDF-", N_("dokumen PDF"), _check_pdf),
    )
}
ALL_KINDS: tuple[str, ...] = tuple(KINDS)
STORAGE_NAME_RE = re.compile(rf"^[0-9a-f]{{32}}\.({'|'.join(KINDS)})$")


def kind_of_storage_name(storage_name: str) -> Kind:
    """The kind of a generated storage name (ValueError for anything else)."""
    if not isinstance(storage_name, str) or not STORAGE_NAME_RE.fullmatch(storage_name):
        raise ValueError("invalid upload storage name")
    return KINDS[storage_name.rsplit(".", 1)[1]]


def extension_for(content_type: str, default: str = "bin") -> str:
    """The extension of an accepted content type ("image/jpeg" -> "jpg")."""
    return next((k.extension for k in KINDS.values() if k.content_type == content_type), default)


# --- the pipeline -------------------------------------------------------------------------------------------


def check_upload(filename: str, data: bytes, *, max_bytes: int, kinds: Iterable[str] = ALL_KINDS) -> CheckedUpload:
    """Validate one upload by its content; `filename` is never trusted (kept only for display).
    `kinds`: the extensions a caller accepts (default: every kind in KINDS)."""
    del filename  # the type comes from the content, not the name
    allowed = tuple(kinds)
    if not data:
        raise UploadRejected(_("Berkas kosong."))
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    for extension in allowed:
        kind = KINDS[extension]
        if data.startswith(kind.magic):
            return _checked(kind, kind.clean(data))
    raise _unsupported(allowed)


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
    kind_of_storage_name(storage_name)
    return upload_dir / storage_name


def load_stored(storage_name: str, upload_dir: Path) -> CheckedUpload:
    """A stored upload read back (its bytes were checked when it was saved); ValueError/OSError otherwise."""
    kind = kind_of_storage_name(storage_name)
    return _checked(kind, (upload_dir / storage_name).read_bytes())


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


def is_upload(value: Any) -> bool:
    """A multipart file field the person actually filled (a file was chosen)."""
    return hasattr(value, "read") and bool(getattr(value, "filename", ""))


async def read_field(form: Any, field: str, max_bytes: int) -> tuple[list[tuple[str, bytes]], str]:
    """The non-empty files of a multipart field as (name, bytes); an oversize file gives a message instead."""
    files: list[tuple[str, bytes]] = []
    for upload in form.getall(field, []) if hasattr(form, "getall") else []:
        if not is_upload(upload):
            continue
        try:
            data = await read_limited(upload, max_bytes)
        except UploadRejected as exc:
            return [], f"{upload.filename}: {exc}"
        if data:
            files.append((upload.filename, data))
    return files, ""


def display_name(filename: str, fallback: str, max_length: int = 200) -> str:
    """The uploader's file name cleaned for display (no folders, no control characters)."""
    return clean_text(Path(filename or "").name)[:max_length] or fallback


@dataclass(frozen=True)
class ReceivedUpload:
    checked: CheckedUpload
    name: str  # display name (cleaned), never used as a path


async def receive(
    upload: Any, *, max_bytes: int, kinds: Iterable[str] = ALL_KINDS, fallback_stem: str = "berkas"
) -> ReceivedUpload:
    """Read one multipart upload within `max_bytes` and check it in a worker thread; UploadRejected.
    The display name falls back to `<fallback_stem>.<extension>` when the uploader's name is empty."""
    data = await read_limited(upload, max_bytes)
    filename = str(getattr(upload, "filename", "") or "")
    checked = await anyio.to_thread.run_sync(partial(check_upload, filename, data, max_bytes=max_bytes, kinds=kinds))
    return ReceivedUpload(checked, display_name(filename, f"{fallback_stem}.{checked.extension}"))
