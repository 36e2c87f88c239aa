"""The text of an Office Open XML package (.docx, .xlsx, .pptx), read from the XML itself so
that nothing Word, Excel or PowerPoint can show, or a recipient can unzip, is missed.

In the application's own XML (word/, xl/, ppt/) the text is in <t> elements, tracked deletions
in <w:delText> and field codes (HYPERLINK "mailto:…", MERGEFIELD) in <w:instrText>; paragraphs,
breaks and table cells become newlines and tabs. The alt text and title of a picture are
attributes (descr, title) and so is a simple field's code (instr). Document properties and
custom XML (docProps/, customXml/) keep their values as plain element text, so all of it is read.
External relationship targets are the links (mailto:, a map URL with the address in it).
Embedded files (…/embeddings/) are read as attachments of their own; pictures are not read,
and a package that has pictures but no text at all is a scan.

Examples it must handle:
  <w:del><w:r><w:delText>12 Elm Road</w:delText></w:r></w:del>   -> "12 Elm Road"
  <w:txbxContent><w:p><w:r><w:t>LS6 2AB</w:t>…                    -> "LS6 2AB" (a text box)
  <wp:docPr id="1" name="Picture 1" descr="Jane at 12 Elm Road"/>  -> "Jane at 12 Elm Road"
  word/_rels/document.xml.rels with Target="mailto:jane@example.org" -> part "… links"
  docProps/core.xml <dc:creator>Jane Doe</dc:creator>              -> part "… docProps/core"
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO

from lxml import etree

from disclosure_guard.ingest.archive import read_member
from disclosure_guard.ingest.attachments import Attachment, Reader
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part, Unreadable

OOXML_TEXT = frozenset({"t", "delText", "instrText"})
_LINE_ENDS = frozenset({"p", "br", "cr", "tr"})
_TABS = frozenset({"tab"})
_CELL_ENDS = frozenset({"tc"})
_TEXT_ATTRIBUTES = frozenset({"descr", "title", "instr"})
_APPLICATION_DIRECTORIES = ("word/", "xl/", "ppt/")
_EVENTS_BETWEEN_CLOCK_CHECKS = 20_000


def read_members(
    name: str,
    archive: zipfile.ZipFile,
    budget: Budget,
    out: list[Part],
    *,
    read_inner: Reader,
    main_part: str | None = None,
    skip: Callable[[str], bool] = lambda member: False,
    text_elements: Callable[[str], frozenset[str] | None] | None = None,
) -> None:
    """Reads every member of the package: `main_part` is named `name` itself, others
    "name header1", "name comments", "name docProps/core"; `read_inner` (the registry's
    dispatcher) reads embedded files. `skip` leaves members to a library reader (openpyxl for
    worksheets); `text_elements` may choose other elements for a member."""
    links: list[str] = []
    pictures = 0
    any_text = False
    embedded: list[zipfile.ZipInfo] = []
    for info in archive.infolist():
        member = info.filename
        budget.check_time()
        if info.is_dir() or skip(member):
            continue
        if "/embeddings/" in member:
            embedded.append(info)
            continue
        if "/media/" in member:
            pictures += 1
            continue
        if member.endswith(".rels"):
            links.extend(_external_targets(read_member(archive, info, budget)))
            continue
        if not member.endswith(".xml"):
            continue  # fonts, printer settings, macros: binary, never shown as text
        chosen = text_elements(member) if text_elements else None
        if chosen is None:
            chosen = OOXML_TEXT if member.startswith(_APPLICATION_DIRECTORIES) else None
        text = xml_text(read_member(archive, info, budget), chosen, budget)
        if text.strip():
            any_text = any_text or not member.startswith(("docProps/", "customXml/"))
            out.append(budget.text_part(name if member == main_part else f"{name} {_short(member)}", text))
    if links:
        out.append(budget.text_part(f"{name} links", "\n".join(links)))
    if embedded:
        with budget.archive_level():
            for info in embedded:
                content = read_member(archive, info, budget)
                filename = info.filename.rsplit("/", 1)[-1]
                attachment = Attachment(filename, None, content)
                out.extend(read_inner(f"{name}/{info.filename}", attachment, budget))
    if pictures and not any_text and not embedded:
        raise Unreadable("no text, only pictures (scanned?)")


def xml_text(xml: bytes, elements: frozenset[str] | None, budget: Budget) -> str:
    """The text of `elements` (all element text when None), with line and cell structure.
    Entities are not expanded and nothing is fetched: the XML comes from a stranger."""
    pieces: list[str] = []
    events = etree.iterparse(
        BytesIO(xml), events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )
    for count, (event, element) in enumerate(events):
        if count % _EVENTS_BETWEEN_CLOCK_CHECKS == 0:
            budget.check_time()
        if not isinstance(element.tag, str):
            continue  # an unexpanded entity reference
        local = etree.QName(element).localname
        if event == "start":
            for key, value in element.attrib.items():
                if value and etree.QName(key).localname in _TEXT_ATTRIBUTES:
                    pieces.append(f"\n{value}\n")
            continue
        if element.text and (elements is None or local in elements):
            pieces.append(element.text)
            if elements is None:
                pieces.append("\n")
        if local in _LINE_ENDS:
            pieces.append("\n")
        elif local in _TABS:
            pieces.append("\t")
        elif local in _CELL_ENDS:
            if pieces and pieces[-1] == "\n":
                pieces.pop()  # a cell's last paragraph ends the cell, not the row: keeps a row on one line
            pieces.append("\t")
        element.clear(keep_tail=True)
    return "".join(pieces)


def _external_targets(rels: bytes) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(rels, parser)
    return [
        relationship.get("Target", "")
        for relationship in root
        if isinstance(relationship.tag, str) and relationship.get("TargetMode") == "External"
    ]


def _short(member: str) -> str:
    for directory in _APPLICATION_DIRECTORIES:
        if member.startswith(directory):
            member = member[len(directory):]
    return member.removesuffix(".xml")
