"""Which reader an attachment needs, decided by its content first and its label second.

The declared content type and filename are typed by a sender (or forged); the bytes are what
the recipient's software opens. So magic bytes win, and the label only chooses between the
readings of content that has no magic (HTML, an email, plain text).

Examples it must handle:
  b"%PDF-1.7 ..." named "letter.txt"                     -> PDF
  b"PK\\x03\\x04" with word/document.xml                   -> DOCX (xl/workbook.xml -> XLSX)
  b"PK\\x03\\x04" without [Content_Types].xml              -> ZIP
  b"{\\\\rtf1\\\\ansi ..."                                    -> RTF
  b"\\xd0\\xcf\\x11\\xe0..." (.doc, .xls, .msg)                -> LEGACY_OFFICE
  b"From: a@b\\r\\nTo: c@d\\r\\nSubject: x\\r\\n\\r\\nbody"      -> EML
  b"\\x89PNG..." declared text/plain                       -> IMAGE
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from enum import StrEnum

from disclosure_guard.ingest.archive import MAX_PACKAGE_ENTRIES, open_archive
from disclosure_guard.ingest.outcome import Unreadable


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    ZIP = "zip"
    RTF = "rtf"
    HTML = "html"
    EML = "eml"
    TEXT = "text"
    LEGACY_OFFICE = "legacy_office"
    IMAGE = "image"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Sniffed:
    format: Format
    detail: str = ""  # what the content is, for the why of an unread format ("gzip", "image/png")


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 BOMs start with these too
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
_UNREAD_BINARIES = (
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"MSCF\x00\x00\x00\x00", "cab archive"),
)
# A PDF viewer accepts the header anywhere in the first kilobyte, so junk before it hides nothing.
_PDF_HEADER_WINDOW = 1024
_SAMPLE = 8192
_EML_TYPES = frozenset({"message/rfc822", "message/global"})
_EML_SUFFIXES = (".eml", ".mht", ".mhtml")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body")
_HEADER_LINE = re.compile(rb"^([!-9;-~]+):[^\r\n]*\r?\n", re.MULTILINE)
# Two of these at the top of a text make it an email: pasted notes rarely start "From: … To: …".
_MESSAGE_HEADERS = frozenset(
    {b"from", b"to", b"cc", b"subject", b"date", b"mime-version", b"content-type", b"message-id", b"received"}
)
# [Content_Types].xml marks an Office Open XML package; the main part says which application.
_OOXML_MAIN_PARTS = (("word/document.xml", Format.DOCX), ("xl/workbook.xml", Format.XLSX),
                     ("ppt/presentation.xml", Format.PPTX))

_DOCUMENT_LABELS = (
    (frozenset({"application/pdf"}), (".pdf",), "PDF"),
    (
        frozenset({
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        }),
        (".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".doc", ".xls", ".ppt"),
        "an Office document",
    ),
    (frozenset({"application/zip", "application/x-zip-compressed"}), (".zip",), "a zip archive"),
)


def sniff(data: bytes, content_type: str | None = None, filename: str | None = None) -> Sniffed:
    declared = (content_type or "").split(";")[0].strip().lower()
    name = (filename or "").lower()
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return Sniffed(Format.PDF)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Sniffed(_zip_family(data))
    if data.lstrip()[:5] == b"{\\rtf":
        return Sniffed(Format.RTF)
    if data.startswith(_OLE2):
        return Sniffed(Format.LEGACY_OFFICE)
    for magic, detail in _IMAGES:
        if data.startswith(magic):
            return Sniffed(Format.IMAGE, detail)
    for magic, detail in _UNREAD_BINARIES:
        if data.startswith(magic):
            return Sniffed(Format.UNKNOWN, detail)
    if not looks_like_text(data):
        return Sniffed(Format.UNKNOWN, declared or _suffix(name) or "unknown binary")
    claimed = _claimed_document(declared, name)
    if claimed:
        # Labelled as a document format but without its signature: a cut-short or corrupt file,
        # which the recipient's software may still recover more of than a text reading shows.
        return Sniffed(Format.UNKNOWN, f"labelled {claimed}, but the content is not one")
    if declared in _EML_TYPES or name.endswith(_EML_SUFFIXES) or _looks_like_message(data):
        return Sniffed(Format.EML)
    if declared in _HTML_TYPES or name.endswith(_HTML_SUFFIXES) or _starts_like_html(data[:_SAMPLE]):
        return Sniffed(Format.HTML)
    return Sniffed(Format.TEXT)


def looks_like_text(data: bytes) -> bool:
    """Text has no NUL bytes, unless a BOM says it is UTF-16 or UTF-32."""
    return data.startswith(_BOMS) or b"\x00" not in data[:_SAMPLE]


def _starts_like_html(sample: bytes) -> bool:
    # A loop, not a regular expression: "(<!--.*?-->)*" backtracks exponentially on many comments.
    rest = sample.lstrip()
    while rest.startswith(b"<!--"):
        end = rest.find(b"-->", 4)
        if end < 0:
            return False
        rest = rest[end + 3 :].lstrip()
    return rest[:14].lower().startswith(_HTML_OPENINGS)


def _looks_like_message(data: bytes) -> bool:
    names: set[bytes] = set()
    position = 0
    for found in _HEADER_LINE.finditer(data[:_SAMPLE]):
        if found.start() != position:
            if data[position:found.start()].startswith((b" ", b"\t")):  # a folded header line
                position = found.start()
            else:
                break
        names.add(found.group(1).lower())
        position = found.end()
    return len(names & _MESSAGE_HEADERS) >= 2


def _zip_family(data: bytes) -> Format:
    try:
        archive = open_archive(data, MAX_PACKAGE_ENTRIES)
    except Unreadable:
        return Format.ZIP  # the zip reader says why
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        for main_part, format_ in _OOXML_MAIN_PARTS:
            if main_part in names:
                return format_
    return Format.ZIP


def _claimed_document(declared: str, name: str) -> str:
    for content_types, suffixes, label in _DOCUMENT_LABELS:
        if declared in content_types or name.endswith(suffixes):
            return label
    return ""


def _suffix(name: str) -> str:
    return name.rsplit(".", 1)[-1] if "." in name else ""

