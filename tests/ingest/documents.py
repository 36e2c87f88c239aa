"""Builders of real attachment files for the ingest tests: a_pdf(...), a_docx(...), an_xlsx(...),
a_zip(...), a_picture(). Each returns the bytes a sender would attach."""

from __future__ import annotations

import functools
import io
import random
import zipfile
from collections.abc import Callable

import docx
import openpyxl
from fpdf import FPDF
from openpyxl.comments import Comment
from PIL import Image
from pypdf import PdfReader, PdfWriter

ADDRESS = "Flat 3, 12 Elm Road, Leeds LS6 2AB"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def a_picture(width: int = 120, height: int = 60, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * 3)))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def a_pdf(*pages: str, pictures_on: tuple[int, ...] = (), title: str | None = None) -> bytes:
    """One page per text (1-based `pictures_on` pages also get a picture); "" makes a page without text."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    for number, text in enumerate(pages, start=1):
        pdf.add_page()
        if text:
            pdf.set_font("Helvetica", size=12)
            pdf.multi_cell(0, 8, text)
        if number in pictures_on:
            pdf.image(io.BytesIO(a_picture()), x=20, y=120, w=150)
    return bytes(pdf.output())


def a_large_pdf(text: str, size: int) -> bytes:
    """A one-page letter carrying `size` bytes of noise no writer can compress (a stream nothing draws)."""
    import os

    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(a_pdf(text))))
    noise = DecodedStreamObject()
    noise.set_data(os.urandom(size))
    writer._root_object[NameObject("/Noise")] = writer._add_object(noise)  # noqa: SLF001
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(pdf: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_embedded_file(pdf: bytes, filename: str, content: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_attachment(filename, content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def a_docx(*paragraphs: str, header: str = "", footer: str = "", table: list[list[str]] | None = None,
           comment: str = "", picture: bool = False) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    if comment:
        anchor = document.add_paragraph("See the note.")
        document.add_comment(anchor.runs, text=comment, author="Caseworker", initials="CW")
    if picture:
        document.add_picture(io.BytesIO(a_picture()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_member(package: bytes, member: str, transform: Callable[[str], str]) -> bytes:
    """The package with one XML member rewritten, the way a hand-edited document arrives."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = transform(data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
    return out.getvalue()


def before_section_properties(xml: str, inserted: str) -> str:
    return xml.replace("<w:sectPr", inserted + "<w:sectPr", 1)


def an_xlsx(sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = (),
            comments: dict[tuple[str, str], str] | None = None, header: str = "") -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
        if header:
            sheet.oddHeader.center.text = header
    for (title, cell), text in (comments or {}).items():
        workbook[title][cell].comment = Comment(text, "Caseworker")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def a_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@functools.cache
def a_zip_bomb() -> bytes:
    """1 GiB of zeros, deflated in 1 MiB chunks to about 4.5 MiB: built in about a second, never held whole."""
    out = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo("zeros.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 1  # noqa: SLF001 - the fastest level: the test is about the ratio, not the size
        with archive.open(info, "w", force_zip64=True) as stream:
            for _ in range(1024):
                stream.write(chunk)
    return out.getvalue()


def nested_zips(depth: int, innermost: dict[str, bytes]) -> bytes:
    data = a_zip(innermost)
    for level in range(depth - 1, 0, -1):
        data = a_zip({f"level{level + 1}.zip": data})
    return data
