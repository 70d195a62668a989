"""The hostile corpus of issue 7, generated (nothing downloaded): one ``Case`` per
hostile upload, with the bytes, the name it arrives under and the outcome it must
end in. Expensive cases are built cheaply (one tiny page object repeated, a zlib
stream of zeros fed in blocks, headers that declare what the data does not hold)
and judged against small limits (``LIMITS``) so that a limit trips fast.

``python -m tests.hostile.corpus DIR`` writes every case into DIR (to look at them).
"""

from __future__ import annotations

import io
import os
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import Image

from tests.extractors.reading import make

# Limits the hostile suite runs under: small, so that every limit trips in well under a second.
LIMITS = {
    "max_bytes": 8 * 1024 * 1024,
    "max_pages": 50,
    "max_pixels": 4_000_000,
    "document_timeout_s": 20.0,
    "document_memory_mb": 1024,
}
FAILED = "failed"
READ = "read"  # any final status but failed: the document was read and decided


@dataclass(frozen=True)
class Case:
    id: str
    name: bytes  # the file name in the inbox (bytes: non-UTF-8 names too)
    build: Callable[[], bytes]
    status: str  # FAILED or READ
    codes: frozenset[str] = frozenset()  # acceptable error codes when FAILED
    slow: bool = False
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def data(self) -> bytes:
        return _built(self.id)


# --- raw PDF writing ----------------------------------------------------------------------


def raw_pdf(objects: dict[int, bytes], *, root: int = 1, xref: bool = True, trailer_extra: bytes = b"") -> bytes:
    """A PDF of the given numbered object bodies, with a correct xref table (or none)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n")
    size = max(objects) + 1
    start = out.tell()
    if xref:
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for num in range(1, size):
            out.write(b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, start))
    return out.getvalue()


def stream(body: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(body), extra) + body + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = (b"BT /F1 14 Tf 72 700 Td (Certificate of Completion) Tj 0 -24 Td "
         b"(This certifies that Jane Restoration attended the workshop) Tj ET")


def _page(content_ref: int, *, parent: int = 2, resources: bytes = b"<< /Font << /F1 4 0 R >> >>") -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>"
            % (parent, resources, content_ref))


def self_referencing_page_tree() -> bytes:
    """The Pages node lists itself (and its parent) among its kids: a loop."""
    return raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [2 0 R 3 0 R 5 0 R] /Count 3 >>",
        3: _page(6),
        4: _FONT,
        5: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 5 0 R] /Count 2 >>",
        6: stream(_TEXT),
    })


def circular_xobjects() -> bytes:
    """Form XObject A draws B, B draws A; the page draws A."""
    res_a = b"<< /XObject << /B 8 0 R >> >>"
    res_b = b"<< /XObject << /A 7 0 R >> >>"
    return raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _page(6, resources=b"<< /Font << /F1 4 0 R >> /XObject << /A 7 0 R >> >>"),
        4: _FONT,
        6: stream(_TEXT + b" q /A Do Q"),
        7: stream(b"q /B Do Q", b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + res_a + b" "),
        8: stream(b"q /A Do Q", b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + res_b + b" "),
    })


def broken_xref() -> bytes:
    """A valid PDF whose xref table points at the wrong offsets (readers must rebuild it)."""
    good = make.text_pdf()
    i = good.rindex(b"xref")
    head, tail = good[:i], good[i:]
    lines = tail.split(b"\n")
    out = [ln if not ln.endswith(b" n ") else b"%010d 00000 n " % 7 for ln in lines]
    return head + b"\n".join(out)


def many_objects_page(n: int = 20_000) -> bytes:
    """One page with tens of thousands of objects: drawn rectangles and text runs."""
    ops = [b"BT /F1 10 Tf 72 770 Td (Certificate of Completion for Jane Restoration, many marks below) Tj ET"]
    for i in range(n):
        x, y = 20 + (i % 200) * 2.8, 40 + (i // 200) * 3.5
        ops.append(b"%.1f %.1f 2 2 re f" % (x, y))
    return raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _page(6),
        4: _FONT,
        6: stream(zlib.compress(b"\n".join(ops)), b"/Filter /FlateDecode "),
    })


def many_pages(n: int = 2000) -> bytes:
    """``n`` pages, each a tiny object sharing one content stream."""
    first = 10
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (first + i) for i in range(n)), n),
            4: _FONT, 6: stream(_TEXT)}
    for i in range(n):
        objs[first + i] = _page(6)
    return raw_pdf(objs)


def _zeros_deflated(total: int, block: int = 1 << 22) -> bytes:
    """A zlib stream of ``total`` zero bytes, built in milliseconds: a full flush after each
    block resets the compressor, so every block after the first compresses to the same bytes."""
    comp = zlib.compressobj(9)
    zero = bytes(block)
    first = comp.compress(zero) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(zero) + comp.flush(zlib.Z_FULL_FLUSH)
    n = total // block
    adler = 1
    for _ in range(n):
        adler = zlib.adler32(zero, adler)
    # an empty final block with fixed codes (0b011 then end-of-block), then the checksum
    return first + again * (n - 1) + b"\x03\x00" + struct.pack(">I", adler)


def pdf_bomb(inflated: int = 1 << 31) -> bytes:
    """A content stream of ~2 MB that inflates to 2 GiB of zero bytes."""
    body = _zeros_deflated(inflated)
    return raw_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _page(6),
        4: _FONT,
        6: stream(body, b"/Filter /FlateDecode "),
    })


# --- images -----------------------------------------------------------------------------


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png_bomb(width: int = 50_000, height: int = 50_000) -> bytes:
    """A grayscale PNG declaring 2.5 G pixels, with a zlib stream of zero rows
    (truncated after 32 MiB of them: the header is what a reader must refuse)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = _zeros_deflated(32 << 20)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def png_just_over_limit() -> bytes:
    """Above max_pixels but under twice it: Pillow only *warns*; we must refuse it."""
    side = int((LIMITS["max_pixels"] * 1.3) ** 0.5)
    return make.encode(Image.new("L", (side, side), 255), "PNG", optimize=False)


def gif_bomb() -> bytes:
    """A GIF declaring a 65535 x 65535 logical screen, one tiny frame: not a format we take."""
    return (b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x00\x00\x00"
            + b"\x2c" + struct.pack("<HHHH", 0, 0, 65535, 65535) + b"\x00" + b"\x02\x02\x44\x01\x00" + b"\x3b")


def apng_bomb() -> bytes:
    """An animated PNG: a small default image, then more frames; the canvas is over the pixel limit."""
    side = int((LIMITS["max_pixels"] * 3) ** 0.5)
    frames = [Image.new("L", (side, side), 255) for _ in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "PNG", save_all=True, append_images=frames[1:], optimize=False)
    return buf.getvalue()


def tiff_big_late_frame() -> bytes:
    """A 3-page TIFF whose third page is over the pixel limit: every frame is checked first."""
    small = Image.new("L", (200, 100), 255)
    side = int((LIMITS["max_pixels"] * 1.5) ** 0.5)
    return make.tiff([small, small, Image.new("L", (side, side), 255)])


def tiff_pages(n: int = 500) -> bytes:
    frame = Image.new("1", (16, 16), 1)
    buf = io.BytesIO()
    frame.save(buf, "TIFF", save_all=True, append_images=[frame] * (n - 1))
    return buf.getvalue()


@cache
def _label_png() -> bytes:
    return make.encode(make.small_page(["Certificate of Completion", "Jane Restoration"], dpi=100), "PNG")


def truncated_jpeg() -> bytes:
    jpg = make.encode(make.small_page(["Certificate of Completion", "Jane Restoration"], dpi=100).convert("RGB"),
                      "JPEG", quality=80)
    return jpg[: len(jpg) // 2]


def broken_exif_jpeg() -> bytes:
    """A JPEG whose APP1 Exif segment is garbage (an IFD claiming 60,000 entries past the end)."""
    jpg = make.encode(make.small_page(["Certificate of Completion", "Jane Restoration"], dpi=100).convert("RGB"),
                      "JPEG", quality=80)
    tiff_hdr = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 60000) + b"\x12\x01\x03\x00" * 3
    body = b"Exif\x00\x00" + tiff_hdr
    app1 = b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body
    return jpg[:2] + app1 + jpg[2:]


def wide_image() -> bytes:
    """40,000 pixels wide, 40 high (1.6 M pixels: under the pixel limit, an absurd shape)."""
    img = Image.new("L", (40_000, 40), 255)
    return make.encode(img, "PNG")


# --- DOCX -------------------------------------------------------------------------------


@cache
def _docx() -> bytes:
    return make.docx(["Certificate of Completion", "Jane Restoration attended the workshop"])


def docx_doctype() -> bytes:
    xml = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
    return make.rewrite_zip(_docx(), {"word/document.xml": xml})


def docx_external_entity() -> bytes:
    xml = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")
    return make.rewrite_zip(_docx(), {"word/document.xml": xml})


def docx_zip_bomb() -> bytes:
    """A DOCX with a 256 MiB member of zeros (~250 KB compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        info = zipfile.ZipInfo("word/media/bomb.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as fh:
            zero = bytes(1 << 22)
            for _ in range(64):
                fh.write(zero)
    return out.getvalue()


# --- hostile text -----------------------------------------------------------------------

HOSTILE_NAME = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = "=HYPERLINK(\"http://127.0.0.1/x\",\"click\")"


def hostile_text_pdf() -> bytes:
    """A readable certificate whose text is HTML/script and spreadsheet formulas."""
    lines = [f"This certifies that {HOSTILE_NAME}", f"attended the workshop {FORMULA}",
             "+SUM(1,2) -2+3 @cmd held on 12 March 2024 for a total of 6.5 contact hours.",
             "Approval code =1+1 issued by the Society."]
    buf = io.BytesIO()
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(buf, pagesize=make.letter)
    make._draw_certificate(c, lines=lines)
    c.showPage()
    c.save()
    return buf.getvalue()


# --- the cases ----------------------------------------------------------------------------


def _f(*codes: str) -> frozenset[str]:
    return frozenset(codes)


CASES: list[Case] = [
    Case("zero_byte", b"empty.pdf", lambda: b"", FAILED, _f("empty_file")),
    Case("truncated_pdf", b"truncated.pdf", lambda: make.text_pdf()[:700], FAILED, _f("unreadable_file")),
    Case("text_named_pdf", b"notes.pdf", lambda: b"Just some notes, not a PDF at all.\n" * 20, FAILED,
         _f("unsupported_file")),
    Case("png_named_pdf", b"scan.pdf", _label_png, READ, note="sniffed from the bytes: read as the PNG it is"),
    Case("zip", b"evidence.zip", lambda: make.plain_zip({"a.txt": b"hello"}), FAILED, _f("unsupported_file")),
    Case("executable_elf", b"certificate.pdf.exe",
         lambda: b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x02\x00\x3e\x00" + bytes(200), FAILED, _f("unsupported_file")),
    Case("executable_pe", b"setup.exe", lambda: b"MZ\x90\x00" + bytes(60) + b"PE\x00\x00" + bytes(200), FAILED,
         _f("unsupported_file")),
    Case("html", b"certificate.html",
         lambda: b"<!doctype html><html><body><script>alert(1)</script>Certificate</body></html>", FAILED,
         _f("unsupported_file")),
    Case("encrypted_user_password", b"locked.pdf", lambda: make.encrypted_pdf("reader"), FAILED,
         _f("encrypted_pdf"), note="not retried; message asks for an unprotected copy"),
    Case("encrypted_owner_only", b"permissions_only.pdf", lambda: make.encrypted_pdf(""), READ,
         note="owner password only: read normally (lead's decision)"),
    Case("pdf_self_referencing_page_tree", b"loop_tree.pdf", self_referencing_page_tree, READ,
         _f("unreadable_file"), note="the loop is cut; the one real page is read"),
    Case("pdf_circular_xobjects", b"loop_xobject.pdf", circular_xobjects, READ, _f("unreadable_file"),
         note="recursion cut; the page text is read"),
    Case("pdf_broken_xref", b"broken_xref.pdf", broken_xref, READ, note="xref rebuilt by scanning"),
    Case("pdf_20k_objects_on_a_page", b"busy_page.pdf", many_objects_page, READ, slow=True),
    Case("pdf_2000_pages", b"long.pdf", many_pages, FAILED, _f("too_many_pages"), slow=True),
    Case("pdf_decompression_bomb", b"bomb.pdf", pdf_bomb, FAILED, _f("too_large"),
         slow=True, note="2 GiB content stream in 2 MB"),
    Case("png_decompression_bomb", b"bomb.png", png_bomb, FAILED, _f("image_too_large"), slow=True),
    Case("png_over_pixel_limit_warning", b"big.png", png_just_over_limit, FAILED, _f("image_too_large"),
         note="Pillow's warning made an error"),
    Case("apng_multi_frame_bomb", b"anim.png", apng_bomb, FAILED, _f("image_too_large"), slow=True),
    Case("gif_bomb", b"bomb.gif", gif_bomb, FAILED, _f("unsupported_file"), note="GIF is not an accepted format"),
    Case("tiff_big_third_frame", b"pages.tiff", tiff_big_late_frame, FAILED, _f("image_too_large"),
         note="every frame checked before any is decoded"),
    Case("truncated_jpeg", b"photo.jpg", truncated_jpeg, FAILED, _f("unreadable_file")),
    Case("jpeg_broken_exif", b"exif.jpg", broken_exif_jpeg, READ, _f("unreadable_file")),
    Case("image_40000_px_wide", b"banner.png", wide_image, READ, _f("unreadable_file"), slow=True),
    Case("tiff_500_pages", b"many.tiff", tiff_pages, FAILED, _f("too_many_pages"), slow=True),
    Case("docx_doctype", b"doctype.docx", docx_doctype, FAILED, _f("unreadable_file")),
    Case("docx_external_entity", b"xxe.docx", docx_external_entity, FAILED, _f("unreadable_file")),
    Case("docx_zip_bomb", b"bomb.docx", docx_zip_bomb, FAILED, _f("too_large"), slow=True),
    Case("pdf_over_byte_limit", b"huge.pdf",
         lambda: make.text_pdf() + b"%" + b"x" * (LIMITS["max_bytes"] + 10) + b"\n", FAILED, _f("too_large")),
    Case("name_with_dotdot", b"evidence ..%2F..%2Fetc%2Fpasswd ..\\..\\boot.ini.pdf",
         lambda: make.text_pdf() + b"%dotdot\n", READ),
    Case("name_with_newline", b"line1\nline2\r\n=cmd|' -C calc'!A0.pdf", lambda: make.text_pdf() + b"%newline\n", READ),
    Case("name_very_long", b"x" * 240 + b".pdf", lambda: make.text_pdf() + b"%long\n", READ),
    Case("name_not_utf8", b"certificat\xe9_\xff\xfe.pdf", lambda: make.text_pdf() + b"%latin1\n", READ),
    Case("name_html", b"<img src=x onerror=alert(1)>.pdf", lambda: make.text_pdf() + b"%html\n", READ),
    Case("hostile_text_html_and_formulas", b"=cmd.pdf", hostile_text_pdf, READ,
         note="escaped in the web page, quoted in the CSV"),
]
BY_ID = {c.id: c for c in CASES}
assert len(BY_ID) == len(CASES)


@cache
def _built(case_id: str) -> bytes:
    return BY_ID[case_id].build()


def write_case(case: Case, folder: Path) -> Path:
    """Write the case under its (possibly non-UTF-8) name; returns the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / os.fsdecode(case.name)
    path.write_bytes(case.data)
    return path


if __name__ == "__main__":
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for c in CASES:
        p = write_case(c, dest / c.id)
        print(f"{c.id:36} {len(c.data):>12,} bytes  {p}")
