"""Build real test inputs in memory: reportlab PDFs, pypdfium2 renderings,
Pillow images (PNG, JPEG with EXIF orientation, multi-page TIFF), python-docx."""

from __future__ import annotations

import io
import zipfile

import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

PAGE_W, PAGE_H = letter  # 612 x 792 pt
TITLE = ("Certificate of Completion", 72, 700, 28)  # text, x, baseline y (from bottom), size
BODY = (
    "This certifies that Jane Restoration attended the workshop",
    "Wetland Restoration Techniques held on 12 March 2024",
    "for a total of 6.5 contact hours of continuing education.",
    "Approval code SER-2024-0117 issued by the Society.",
)
BODY_X, BODY_Y0, BODY_STEP, BODY_SIZE = 72, 640, 24, 14


def body_baseline(i: int) -> float:
    return BODY_Y0 - BODY_STEP * i


def _draw_certificate(c: canvas.Canvas, *, render_mode: int = 0, lines=None, title=True) -> None:
    t = c.beginText()
    t.setTextRenderMode(render_mode)
    if title:
        text, x, y, size = TITLE
        t.setFont("Helvetica-Bold", size)
        t.setTextOrigin(x, y)
        t.textOut(text)
    t.setFont("Helvetica", BODY_SIZE)
    for i, line in enumerate(lines or BODY):
        t.setTextOrigin(BODY_X, body_baseline(i))
        t.textOut(line)
    c.drawText(t)


def text_pdf(pages: int = 1) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    for _ in range(pages):
        _draw_certificate(c)
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret", canModify=0)
    c = canvas.Canvas(buf, pagesize=letter, encrypt=enc)
    _draw_certificate(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def render(pdf: bytes, dpi: int = 200, page: int = 0) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def image_pdf(images: list[Image.Image | None], *, hidden_text: list[str] | None = None) -> bytes:
    """One page per entry: a full-page image, or (None) the text certificate.
    ``hidden_text``: an invisible text layer (render mode 3) drawn over the image
    pages, as broken OCR layers or unmapped fonts leave it."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    for img in images:
        if img is None:
            _draw_certificate(c)
        else:
            c.drawImage(ImageReader(img.convert("RGB")), 0, 0, PAGE_W, PAGE_H)
            if hidden_text:
                _draw_certificate(c, render_mode=3, lines=hidden_text, title=False)
        c.showPage()
    c.save()
    return buf.getvalue()


def jpeg_page_pdf(img: Image.Image, *, place=(0, 0, PAGE_W, PAGE_H), rotate: int = 0, flip: bool = False,
                  hidden_text: list[str] | None = None) -> bytes:
    """One page holding ``img`` as a JPEG (DCTDecode, as scanners write it) drawn at
    ``place`` = (x, y, width, height) in points (upside down if ``flip``), the page
    turned by ``rotate`` (/Rotate), with an invisible text layer if ``hidden_text``."""
    from reportlab import rl_config

    jpeg = encode(img, "JPEG", quality=90)
    buf = io.BytesIO()
    old, rl_config.useA85 = rl_config.useA85, 0  # the JPEG's bytes as they are, no ASCII85 wrapping
    try:
        c = canvas.Canvas(buf, pagesize=letter)
        c.setPageRotation(rotate)
        if flip:
            c.translate(0, PAGE_H)
            c.scale(1, -1)
        c.drawImage(ImageReader(io.BytesIO(jpeg)), *place)
        if hidden_text:
            _draw_certificate(c, render_mode=3, lines=hidden_text, title=False)
        c.showPage()
        c.save()
    finally:
        rl_config.useA85 = old
    return buf.getvalue()


def small_page(lines: list[str], dpi: int = 200) -> Image.Image:
    """A half-letter-width label with a few lines of 20 pt text, rendered."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(5 * 72, 2 * 72))
    c.setFont("Helvetica", 20)
    for i, line in enumerate(lines):
        c.drawString(24, 100 - 32 * i, line)
    c.showPage()
    c.save()
    return render(buf.getvalue(), dpi=dpi)


def encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def jpeg_with_orientation(upright: Image.Image, orientation: int) -> bytes:
    """Store the pixels as a camera held sideways would, and tag the EXIF
    orientation that turns them upright (6: display turns 90 cw, 8: 90 ccw)."""
    stored = upright.transpose({6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encode(stored.convert("RGB"), "JPEG", quality=90, exif=exif)


def tiff(frames: list[Image.Image]) -> bytes:
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return buf.getvalue()


def docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx as python_docx

    d = python_docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for col, cell in enumerate(row):
                t.cell(r, col).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rewrite_zip(data: bytes, replace: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, body in (extra or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def plain_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()
