"""Hand-built PDFs for the upload tests: real, parseable files with the tricks an attacker or a careless
office tool leaves in them (metadata holding a NIK, escaped names, actions, embedded files)."""

from __future__ import annotations

PAGE_TEXT = "Surat keterangan pungutan loket"


def build_pdf(
    objects: dict[int, bytes],
    *,
    root: int = 1,
    info: int | None = None,
    update: dict[int, bytes] | None = None,
    update_info: int | None = None,
) -> bytes:
    """A PDF with a correct cross-reference table; `update` appends an incremental update (a second
    revision that leaves the first one's bytes in the file)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def section(objs: dict[int, bytes], size: int, info_ref: int | None, prev: int | None) -> None:
        offsets = {}
        for number, body in sorted(objs.items()):
            offsets[number] = len(out)
            out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = len(out)
        out.extend(b"xref\n0 1\n0000000000 65535 f \n")
        for number in sorted(offsets):
            out.extend(b"%d 1\n%010d 00000 n \n" % (number, offsets[number]))
        trailer = b"trailer\n<< /Size %d /Root %d 0 R" % (size, root)
        if info_ref:
            trailer += b" /Info %d 0 R" % info_ref
        if prev is not None:
            trailer += b" /Prev %d" % prev
        out.extend(trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
        return xref

    size = max(objects) + 1
    first = section(objects, size, info, None)
    if update:
        section(update, max(size, max(update) + 1), update_info, first)
    return bytes(out)


def _content(text: str) -> bytes:
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    return b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"


def page_objects(*, catalog_extra: bytes = b"", page_extra: bytes = b"") -> dict[int, bytes]:
    """Objects 1-5: catalog, pages, one page with text, its content stream, a font."""
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b" >>",
        4: _content(PAGE_TEXT),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }


def xmp(text: str) -> bytes:
    packet = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{text}</dc:creator></rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()
    return b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(packet) + packet + b"\nendstream"


def plain() -> bytes:
    return build_pdf(page_objects())


def with_metadata(nik: str, name: str) -> bytes:
    """/Info with the author's name and a NIK in the title, the same in XMP on the catalog and the page."""
    objects = page_objects(catalog_extra=b"/Metadata 6 0 R", page_extra=b"/Metadata 6 0 R")
    objects[6] = xmp(f"{name} NIK {nik}")
    objects[7] = f"<< /Author ({name}) /Title (KTP {nik}) /Creator (Scanner kantor) >>".encode()
    return build_pdf(objects, info=7)


def with_escaped_javascript() -> bytes:
    """An OpenAction and a document-level script whose names are written in #-escape form."""
    objects = page_objects(catalog_extra=b"/OpenAction 6 0 R /Names << /J#61vaScript 7 0 R >> /A#41 8 0 R")
    objects[6] = b"<< /Type /Action /S /J#61vaScript /JS (app.alert\\('pwned'\\)) >>"
    objects[7] = b"<< /Names [(x) 6 0 R] >>"
    objects[8] = b"<< /WC 6 0 R >>"
    return build_pdf(objects)


def with_launch_and_embedded_file() -> bytes:
    """A Launch link annotation, a page-open action and an embedded executable."""
    objects = page_objects(
        catalog_extra=b"/Names << /EmbeddedFiles << /Names [(setup.exe) 8 0 R] >> >>",
        page_extra=b"/Annots [6 0 R 10 0 R] /AA << /O 7 0 R >>",
    )
    objects[6] = (
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] "
        b"/A << /S /L#61unch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >> >>"
    )
    objects[7] = b"<< /S /JavaScript /JS (this.exportDataObject\\({cName: 'setup.exe', nLaunch: 2}\\)) >>"
    objects[8] = b"<< /Type /Filespec /F (setup.exe) /EF << /F 9 0 R >> >>"
    objects[9] = b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"
    objects[10] = b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS 8 0 R >>"
    return build_pdf(objects)


def with_old_revision(nik: str) -> bytes:
    """A first revision whose /Info holds a NIK, then an update that 'removes' it (the bytes stay)."""
    objects = page_objects()
    objects[6] = f"<< /Title (Pemohon NIK {nik}) >>".encode()
    return build_pdf(objects, info=6, update={7: b"<< /Title (Surat) >>"}, update_info=7)
