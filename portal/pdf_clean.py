"""Rewrite an uploaded PDF so that only its pages remain (no metadata, no active content).

A PDF is rebuilt from its pages with pypdf instead of being filtered byte by byte: whatever the original
hides, however its names are written (`/J#61vaScript` is the same name as `/JavaScript` once parsed),
only what a page needs to be drawn is copied. Dropped:

* the document information dictionary (/Author, /Title, /Creator ... which often hold a name or a NIK)
  and every XMP /Metadata stream (document, pages, images, forms);
* the catalog's /OpenAction, /AA, /Names (document JavaScript, embedded files), /AcroForm (form fields
  and XFA), /Outlines, /URI base and everything else that is not the page tree;
* on pages: /AA (page open/close actions), /PieceInfo, thumbnails; annotations except plain markup, and
  from the kept ones every action but a web link (/URI);
* earlier revisions (incremental updates) and unreferenced objects: only what the pages use is written.

The result is checked again (parsed, every dictionary walked): if a forbidden key or action type is left
anywhere, or the file cannot be parsed, is encrypted or has too many pages, it is refused.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MAX_PAGES = 500
MAX_WALK = 200_000  # objects visited while checking the output (a bomb guard)

# Annotations kept (drawn markup); links are kept too, with a /URI action only.
KEPT_ANNOTATIONS = {
    "/Text",
    "/Link",
    "/FreeText",
    "/Line",
    "/Square",
    "/Circle",
    "/Polygon",
    "/PolyLine",
    "/Highlight",
    "/Underline",
    "/Squiggly",
    "/StrikeOut",
    "/Stamp",
    "/Caret",
    "/Ink",
    "/Popup",
}
PAGE_KEYS_DROPPED = ("/AA", "/Metadata", "/PieceInfo", "/Thumb", "/B")
ANNOTATION_KEYS_DROPPED = ("/AA", "/Metadata", "/PieceInfo")
# Keys and action types that must not survive anywhere in the output.
FORBIDDEN_KEYS = {
    "/JavaScript",
    "/JS",
    "/OpenAction",
    "/AA",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/Metadata",
    "/RichMedia",
    "/XFA",
    "/AcroForm",
    "/Launch",
}
FORBIDDEN_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/Rendition",
    "/Sound",
    "/Movie",
    "/RichMediaExecute",
    "/ResetForm",
    "/Hide",
    "/Named",
    "/SetOCGState",
    "/Trans",
    "/GoTo3DView",
    "/Thread",
}

log = logging.getLogger("portal.uploads")


class PdfNotCleanable(Exception):
    """The PDF cannot be read, is encrypted, too large, or still holds active content after rewriting."""


def _clean_annotations(page: DictionaryObject) -> None:
    annotations = page.get("/Annots")
    if annotations is None:
        return
    kept = ArrayObject()
    for ref in annotations.get_object():
        annotation = ref.get_object()
        if not isinstance(annotation, DictionaryObject) or annotation.get("/Subtype") not in KEPT_ANNOTATIONS:
            continue
        for key in ANNOTATION_KEYS_DROPPED:
            annotation.pop(key, None)
        action = annotation.get("/A")
        if action is not None and action.get_object().get("/S") != "/URI":
            annotation.pop("/A", None)
        kept.append(ref)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        page.pop("/Annots", None)


def _walk(root: Any) -> Any:
    """Every dictionary reachable from `root` (each object once)."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_WALK:
            raise PdfNotCleanable("too many objects")
        if isinstance(item, DictionaryObject):  # StreamObject is a DictionaryObject too
            yield item
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _strip_page(page: DictionaryObject) -> None:
    """Remove what must not be copied from a page of the *source* before it is cloned (what is removed
    after cloning would still be written, as an unreferenced object)."""
    for key in PAGE_KEYS_DROPPED:
        page.pop(key, None)
    _clean_annotations(page)
    for obj in _walk(DictionaryObject({k: v for k, v in page.items() if k != "/Parent"})):
        obj.pop("/Metadata", None)
        obj.pop("/PieceInfo", None)


# Written by pypdf as plain names; found anywhere in the output (even in an unreferenced object) = refused.
FORBIDDEN_BYTES = (
    b"/JavaScript",
    b"/JS",
    b"/Launch",
    b"/EmbeddedFile",
    b"/Metadata",
    b"/OpenAction",
    b"/AA",
    b"/XFA",
    b"/RichMedia",
)


def _still_active(data: bytes) -> str:
    """The first forbidden key or action found in a written PDF ("" when clean)."""
    for token in FORBIDDEN_BYTES:
        at = data.find(token)
        if at >= 0 and not data[at + len(token) : at + len(token) + 1].isalnum():
            return token.decode()
    reader = PdfReader(io.BytesIO(data), strict=False)
    if "/Info" in reader.trailer:
        return "/Info"
    for obj in _walk(reader.trailer["/Root"]):
        for key in obj:
            if key in FORBIDDEN_KEYS:
                return key
        if obj.get("/S") in FORBIDDEN_ACTIONS or obj.get("/Type") == "/EmbeddedFile":
            return str(obj.get("/S") or obj.get("/Type"))
        if obj.get("/Subtype") in ("/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia", "/Widget"):
            return str(obj["/Subtype"])
    return ""


def clean_pdf(data: bytes) -> bytes:
    """The PDF rebuilt from its pages without metadata or active content; PdfNotCleanable otherwise."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise PdfNotCleanable("encrypted")
        pages = reader.pages
        if not 1 <= len(pages) <= MAX_PAGES:
            raise PdfNotCleanable(f"{len(pages)} pages")
        writer = PdfWriter()
        for page in pages:
            _strip_page(page)
            writer.add_page(page)
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
        cleaned = out.getvalue()
        left = _still_active(cleaned)
    except PdfNotCleanable:
        raise
    except (
        PdfReadError,
        PyPdfError,
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
        AssertionError,
    ) as exc:  # a file pypdf cannot take apart is refused
        raise PdfNotCleanable(type(exc).__name__) from exc
    if left:
        log.warning("PDF refused: %s left after rewriting", left)
        raise PdfNotCleanable(left)
    return cleaned
