"""A document page as a PNG with the extracted fields' boxes drawn on it."""

from __future__ import annotations

import io
from collections.abc import Iterable

from PIL import Image, ImageDraw

from ..domain import ExtractedField, MediaType
from ..review.views import PageSource

TARGET_WIDTH = 1100
COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def _render_pdf(src: PageSource) -> Image.Image:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src.path))
    try:
        page = pdf[src.number - 1]
        width = page.get_width() or src.width or 612
        image = page.render(scale=TARGET_WIDTH / width).to_pil()
        page.close()
    finally:
        pdf.close()
    return image.convert("RGB")


def _render_image(src: PageSource) -> Image.Image:
    image = Image.open(src.path)
    if getattr(image, "n_frames", 1) > 1:
        image.seek(src.number - 1)
    return image.convert("RGB")


def _blank(src: PageSource, message: str) -> Image.Image:
    image = Image.new("RGB", (TARGET_WIDTH, int(TARGET_WIDTH * 1.29)), "white")
    ImageDraw.Draw(image).text((40, 40), message, fill="#555555")
    return image


def page_png(src: PageSource, fields: Iterable[ExtractedField]) -> bytes:
    if src.media_type == MediaType.PDF.value:
        image = _render_pdf(src)
    elif src.media_type in (MediaType.PNG.value, MediaType.JPEG.value, MediaType.TIFF.value):
        image = _render_image(src)
    else:
        image = _blank(src, "no page image for this kind of file: see the fields' source text")
    sx = image.width / (src.width or image.width)
    sy = image.height / (src.height or image.height)
    draw = ImageDraw.Draw(image)
    for k, f in enumerate(f for f in fields if f.page == src.number and f.bbox):
        x0, top, x1, bottom = f.bbox  # type: ignore[misc]
        colour = COLOURS[k % len(COLOURS)]
        box = (x0 * sx - 3, top * sy - 3, x1 * sx + 3, bottom * sy + 3)
        draw.rectangle(box, outline=colour, width=3)
        draw.text((box[0], max(0, box[1] - 16)), f.name.value, fill=colour, font=_font())
    if image.width > TARGET_WIDTH:
        image = image.resize((TARGET_WIDTH, int(image.height * TARGET_WIDTH / image.width)))
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def _font():  # noqa: ANN202
    from PIL import ImageFont

    return ImageFont.load_default(size=14)
