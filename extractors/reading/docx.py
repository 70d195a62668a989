"""DOCX: the body's paragraphs (tables and text boxes included) as lines.

The package is guarded against zip bombs (declared and actual uncompressed
sizes, compression ratio) and every XML part is refused if it declares a DTD
or entities; the parts we read are parsed with defusedxml. A DOCX has no
pages or positions: the whole document is one ``Page`` whose lines are the
paragraphs in order (headers first, footers last), and each word gets a
synthetic box ``(i, line, i + 1, line + 1)`` (``i`` = its index in the line),
so page width/height are the longest line's word count and the line count.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from cecintake.domain.models import Page, Word
from cecintake.domain.vocab import ErrorCode, TextSource
from cecintake.errors import DocumentProcessingError

from ..api import ReadLimits
from .sniff import DOCX_MAIN_PART

_W_NS = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
         "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional, strict
_MAX_RATIO = 200  # uncompressed / compressed, per member larger than 1 MiB
_MAX_MEMBERS = 5000
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_PART = re.compile(r"^word/(header\d*|document|footer\d*)\.xml$")


def read_docx(data: bytes, *, limits: ReadLimits) -> tuple[Page, ...]:
    budget = 4 * limits.max_bytes  # total uncompressed bytes we accept
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = _check_package(zf, budget)
            parts = {i.filename: _read_member(zf, i, budget) for i in infos
                     if i.filename.endswith((".xml", ".rels"))}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError,
            zlib.error) as exc:  # a damaged central directory can make zipfile seek before the start
        raise DocumentProcessingError(ErrorCode.UNREADABLE_FILE, f"The DOCX file is damaged: {exc}") from exc
    for name, body in parts.items():
        if _DTD.search(body):
            raise DocumentProcessingError(
                ErrorCode.UNREADABLE_FILE,
                f"The DOCX part {name} declares a DTD or entities, which are refused; "
                "re-save the document from Word or upload a PDF.")
    ordered = sorted((n for n in parts if _PART.match(n)), key=_part_order)
    lines = [ln for name in ordered for ln in _paragraphs(_parse(name, parts[name]))]
    words: list[Word] = []
    line_no = 0
    for text in lines:
        tokens = text.split()
        if not tokens:
            continue
        words.extend(Word(t, (float(i), float(line_no), float(i + 1), float(line_no + 1)), 1.0, line_no)
                     for i, t in enumerate(tokens))
        line_no += 1
    width = max((w.bbox[2] for w in words), default=0.0)
    return (Page(1, width, float(line_no), TextSource.TEXT_LAYER, tuple(words)),)


def _check_package(zf: zipfile.ZipFile, budget: int) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > _MAX_MEMBERS:
        raise _bomb(f"{len(infos)} parts")
    total = sum(i.file_size for i in infos)
    if total > budget:
        raise _bomb(f"{total:,} bytes uncompressed")
    for i in infos:
        if i.file_size > 1 << 20 and i.file_size > _MAX_RATIO * max(i.compress_size, 1):
            raise _bomb(f"{i.filename} compresses {i.file_size // max(i.compress_size, 1)}:1")
    if DOCX_MAIN_PART not in {i.filename for i in infos}:
        raise DocumentProcessingError(ErrorCode.UNSUPPORTED_FILE, "The ZIP file is not a Word document.")
    return infos


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read at most what the header declared (and the budget): headers can lie."""
    cap = min(info.file_size, budget)
    with zf.open(info) as fh:
        body = fh.read(cap + 1)
    if len(body) > cap:
        raise _bomb(f"{info.filename} is larger than declared")
    return body


def _parse(name: str, body: bytes) -> Element:
    try:
        return SafeET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise DocumentProcessingError(
            ErrorCode.UNREADABLE_FILE, f"The DOCX part {name} uses refused XML features: {exc}") from exc
    except ParseError as exc:
        raise DocumentProcessingError(ErrorCode.UNREADABLE_FILE, f"The DOCX part {name} is not valid XML: {exc}") from exc


def _paragraphs(root: Element) -> list[str]:
    """Paragraph texts in document order; a nested paragraph (text box) comes
    before the rest of the one holding it; ``w:br`` splits a line."""
    out: list[str] = []

    def walk(el: Element, buf: list[str]) -> None:
        for child in el:
            ns, _, tag = child.tag.rpartition("}")
            if ns.lstrip("{") not in _W_NS:
                walk(child, buf)
            elif tag == "p":
                inner: list[str] = []
                walk(child, inner)
                out.extend("".join(inner).split("\n"))
            elif tag == "t":
                buf.append(child.text or "")
            elif tag in ("tab", "ptab"):
                buf.append("\t")
            elif tag in ("br", "cr"):
                buf.append("\n")
            elif tag not in ("delText", "instrText", "del"):
                walk(child, buf)

    walk(root, [])
    return out


def _part_order(name: str) -> tuple[int, str]:
    return (0 if "header" in name else 1 if "document" in name else 2, name)


def _bomb(detail: str) -> DocumentProcessingError:
    return DocumentProcessingError(ErrorCode.TOO_LARGE, f"The DOCX package is suspiciously large ({detail}).")
