"""The shapes in which an item reaches the guard, each as a document system or a mail gateway
would submit it.

    letter      the check API's fields: the letter as the plain-text body
    copy_list   the same, with the printed copy list ("cc: Name, address") at its foot
    html        the check API's fields: an HTML email body (channel email)
    mime        a raw RFC 822 message with To, Cc and Bcc headers (the gateway's path)
    pdf         the fields with a short covering note and the letter as a PDF attachment (fpdf2),
                the detail one to three pages deep
    docx        the same as a Word attachment (python-docx), details sometimes in a table
"""

from __future__ import annotations

import io
import random
import textwrap
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr

from docx import Document
from fpdf import FPDF

from decisions.letters import Letter

EMAIL_SHAPES = ("html", "mime")
LETTER_SHAPES = ("letter", "copy_list", "pdf", "docx")
SHAPES = (*LETTER_SHAPES, *EMAIL_SHAPES)


@dataclass(frozen=True)
class Addressee:
    """One recipient as submitted: type "to", "cc" or "bcc", and what the envelope says."""

    type: str
    name: str | None = None
    email: str | None = None
    address: str | None = None


@dataclass
class Submission:
    """One outgoing item and what should happen to it."""

    category: str
    expected: str  # "block", "hold" or "allow": what the world says, not what the code does
    shape: str
    recipients: list[Addressee]
    subject: str
    body: str | None = None
    body_html: str | None = None
    attachments: list[tuple[str, str, bytes]] = field(default_factory=list)  # (filename, content type, data)
    raw: bytes | None = None
    channel: str = "letter"
    planted: str = ""  # the register detail put in the item, as written there
    cause: str = ""  # how it was written (forms, errors, where), for grouping misses


def pdf_bytes(blocks: list[str], rng: random.Random, filler: list[str]) -> bytes:
    """Pages of filler before and after the letter's blocks, so the detail may be pages deep.
    Lines are wrapped here and placed one by one: fpdf2's own paragraph wrapping costs about
    half a second a document, longer than the guard takes to read it."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    # About 14 paragraphs of filler to a page: the detail is on page 1, 2, 3 or 4.
    before = rng.choice((0, 0, 14, 28, 42))
    after = filler[before : before + rng.randint(0, 4)]
    y = 300.0
    for text in [*filler[:before], *blocks, *after]:
        safe = text.replace("█", "X").encode("latin-1", "replace").decode("latin-1")
        lines = [wrapped for line in safe.split("\n") for wrapped in (textwrap.wrap(line, 95) or [""])]
        for line in lines:
            if y > 280:
                pdf.add_page()
                y = 20.0
            pdf.text(15, y, line)
            y += 5
        y += 3
    return bytes(pdf.output())


def docx_bytes(blocks: list[str], rng: random.Random, filler: list[str], table: list[tuple[str, str]]) -> bytes:
    document = Document()
    before = rng.choice((0, 0, 14, 28))
    after = filler[before : before + rng.randint(0, 4)]
    for text in [*filler[:before], *blocks]:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=0, cols=2)
        for label, value in table:
            cells = grid.add_row().cells
            cells[0].text, cells[1].text = label, value
    for text in after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def mime_bytes(letter: Letter, recipients: list[Addressee], sender_email: str, with_html: bool) -> bytes:
    message = EmailMessage()
    message["From"] = formataddr((letter.signer, sender_email))
    for kind in ("to", "cc", "bcc"):
        chosen = [formataddr((r.name or "", r.email)) for r in recipients if r.type == kind and r.email]
        if chosen:
            message[kind.capitalize()] = ", ".join(chosen)
    message["Subject"] = letter.subject
    message.set_content(letter.email_text())
    if with_html:
        message.add_alternative(letter.html(), subtype="html")
    return message.as_bytes()


def submit(
    letter: Letter,
    recipients: list[Addressee],
    shape: str,
    rng: random.Random,
    filler: list[str],
    sender_email: str,
    table: list[tuple[str, str]] | None = None,
) -> dict:
    """The Submission fields for `letter` in `shape` (the caller adds category and labels)."""
    if shape in ("letter", "copy_list"):
        return {"body": letter.text(), "subject": letter.subject}
    if shape == "html":
        return {"body_html": letter.html(), "subject": letter.subject, "channel": "email"}
    if shape == "mime":
        return {"raw": mime_bytes(letter, recipients, sender_email, rng.random() < 0.5), "subject": letter.subject, "channel": "email"}
    note = "Please find the enclosed letter."
    if shape == "pdf":
        data = pdf_bytes(letter.blocks(), rng, filler)
        return {"body": note, "subject": letter.subject, "channel": "document",
                "attachments": [("letter.pdf", "application/pdf", data)]}  # fmt: skip
    if shape == "docx":
        blocks = letter.blocks()
        data = docx_bytes(blocks, rng, filler, table or [])
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return {"body": note, "subject": letter.subject, "channel": "document", "attachments": [("letter.docx", kind, data)]}
    raise ValueError(shape)
