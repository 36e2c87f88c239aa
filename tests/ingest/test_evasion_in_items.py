"""Issue 10's evasion check, item by item through `guard.check`: a soft hyphen, a zero-width
character, inline markup or junk hidden by CSS inside Jane's address (or the address hidden whole), in an HTML body, an HTML, DOCX or PDF
attachment, still lets nothing through to Mark; the same disguise on an address nobody
registered changes nothing. The address is written without its postcode where the form allows,
so that the street itself must be read whole."""

from __future__ import annotations

import io

import docx
import pytest
from fpdf import FPDF

from disclosure_guard.extraction import Extractor
from disclosure_guard.guard import check
from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.fields import item_from_fields
from disclosure_guard.matching import RegisterIndex
from disclosure_guard.register.schema import CaseIn
from disclosure_guard.types import Channel, Decision, MatchThresholds, Recipient, RecipientType
from tests.builders import MARK, a_case
from tests.ingest.documents import a_pdf, with_member

TO_MARK = [Recipient(RecipientType.TO, "Mark Doe", None, MARK["addresses"][0])]

# form -> (Jane's address in disguise, a harmless address in the same disguise)
IN_HTML = {
    "link inside the address": ('Flat 3, 12 <a href="#">Elm</a> Road, Leeds',
                                'Flat 5, 9 <a href="#">Park</a> Lane, York'),
    "link target inside the address": ('Flat 3, 12 <a href="https://maps.example.org/?q=x">Elm Road</a>, Leeds',
                                       'Flat 5, 9 <a href="https://maps.example.org/?q=x">Park Lane</a>, York'),
    "title inside a word": ('Flat 3, 12 E<span title="note">lm</span> Road, Leeds',
                            'Flat 5, 9 Pa<span title="note">rk</span> Lane, York'),
    "unquoted title": ("Flat 3, 12 E<span title=x>lm</span> Ro<abbr title=road>ad</abbr>, Leeds",
                       "Flat 5, 9 Pa<span title=x>rk</span> La<abbr title=lane>ne</abbr>, York"),
    "soft hyphen entities in the postcode": ("Flat 3, Leeds LS&shy;6 2&#173;AB", "Flat 5, York YO&shy;1 7&#xAD;HH"),
    "zero-width joiners": ("Flat 3, 12 E&zwj;lm Ro&zwnj;ad, Leeds", "Flat 5, 9 Pa&zwj;rk La&zwnj;ne, York"),
    "junk hidden by CSS inside words": ('Flat 3, 12 E<span style="display:none">zq</span>lm '
                                        'Ro<span style="font-size:0">x</span>ad, Leeds',
                                        'Flat 5, 9 Pa<span style="display:none">zq</span>rk '
                                        'La<span style="font-size:0">x</span>ne, York'),
    "the address itself hidden by CSS": ('<span style="display: none !important">Flat 3, 12 Elm Road, Leeds</span>',
                                         '<span style="display: none !important">Flat 5, 9 Park Lane, York</span>'),
}
IN_TEXT = {
    "soft hyphens": ("Flat 3, 12 E\u00adlm Ro\u00adad, Leeds", "Flat 5, 9 Pa\u00adrk La\u00adne, York"),
    "zero-width joiners": ("Flat 3, 12 E\u200dlm Ro\u200cad, Leeds", "Flat 5, 9 Pa\u200drk La\u200cne, York"),
    "soft hyphen in the postcode": ("Flat 3, Leeds LS\u00ad6 2\u00adAB", "Flat 5, York YO\u00ad1 7\u00adHH"),
    "soft hyphens in the street alone": ("12 E\u00adlm Ro\u00adad", "9 Pa\u00adrk La\u00adne"),
    "hyphenated at a line end": ("12 Elm Ro-\nad", "9 Park La-\nne"),
}


@pytest.fixture(scope="module")
def index() -> RegisterIndex:
    return RegisterIndex.build([CaseIn.model_validate(a_case()).to_core()], version=1)


def decided(index: RegisterIndex, extractor: Extractor, **fields) -> Decision:
    item = item_from_fields(Channel.EMAIL, TO_MARK, "Update", **fields)
    assert not item.unreadable
    return check(item, index, extractor, MatchThresholds()).decision


def html_page(fragment: str) -> str:
    return f"<html><body><p>Please write to {fragment} from now on.</p></body></html>"


def a_docx_of_runs(*runs: str) -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for run in runs:
        paragraph.add_run(run)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("form", IN_HTML)
@pytest.mark.parametrize("where", ["body_html", "attachment"])
def test_markup_inside_her_address_in_html(index, extractor, form, where):
    hers, harmless = IN_HTML[form]
    for fragment, expected in ((hers, Decision.BLOCK), (harmless, Decision.ALLOW)):
        page = html_page(fragment)
        fields = {"body_html": page} if where == "body_html" else {
            "body": "Please see the attached letter.",
            "attachments": [Attachment("letter.html", "text/html", page.encode("utf-8"))]}
        assert decided(index, extractor, **fields) is expected, (form, fragment)


@pytest.mark.parametrize("form", IN_TEXT)
def test_invisible_characters_inside_her_address_in_a_docx_and_a_pdf(index, extractor, form):
    hers, harmless = IN_TEXT[form]
    for fragment, expected in ((hers, Decision.BLOCK), (harmless, Decision.ALLOW)):
        sentence = f"Please write to {fragment} from now on."
        attachments = [Attachment("letter.docx", None, a_docx_of_runs(sentence))]
        if sentence.isascii() or all(ord(ch) < 256 for ch in sentence):
            # The PDF builder's core font has Latin-1 only: a soft hyphen, not a zero-width joiner.
            attachments.append(Attachment("letter.pdf", None, a_pdf(sentence)))
        for attachment in attachments:
            assert decided(index, extractor, body="Please see the attached letter.",
                           attachments=[attachment]) is expected, (form, attachment.filename, fragment)


def test_word_runs_and_word_soft_hyphens_inside_her_address_in_a_docx(index, extractor):
    """Word splits a word into runs where the formatting or the spell-checker's marks change,
    and writes an optional hyphen as an element of its own, `<w:softHyphen/>`."""
    runs = a_docx_of_runs("Please write to Flat 3, 12 E", "lm Ro", "ad, Leeds from now on.")
    assert decided(index, extractor, body="See attached.", attachments=[Attachment("l.docx", None, runs)]) is Decision.BLOCK
    marked = with_member(a_docx_of_runs("Please write to Flat 3, 12 ElXXm Road, Leeds LS6 2YYAB."), "word/document.xml",
                         lambda xml: xml.replace("XX", "</w:t><w:softHyphen/><w:t>")
                         .replace("YY", '</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>'))
    assert decided(index, extractor, body="See attached.", attachments=[Attachment("l.docx", None, marked)]) is Decision.BLOCK


@pytest.mark.parametrize(("hers", "harmless"), [("12 E\u00adlm Ro\u00adad", "9 Pa\u00adrk La\u00adne"),
                                               ("Flat 3, Leeds LS\u00ad6 2\u00adAB", "Flat 5, York YO\u00ad1 7\u00adHH")])
def test_soft_hyphens_a_pdf_writer_drew_as_hyphens_inside_her_address(index, extractor, hers, harmless):
    """A writer that puts the soft hyphen in the page as WinAnsi's 0xAD (fpdf2's `cell` does;
    its `multi_cell` drops it, as Word drops one not at a line end): PDFium reads it as the hyphen
    it draws, "12 E-lm Ro-ad", "LS-6 2-AB", and a reader still reads Elm Road and LS6 2AB."""
    for street, expected in ((hers, Decision.BLOCK), (harmless, Decision.ALLOW)):
        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.cell(text=f"Please write to {street} from now on.")
        attachment = Attachment("letter.pdf", None, bytes(pdf.output()))
        assert "\u00ad" not in item_from_fields(Channel.EMAIL, TO_MARK, "Update", body="",
                                                  attachments=[attachment]).parts[-1].text
        assert decided(index, extractor, body="Please see the attached letter.",
                       attachments=[attachment]) is expected, street


@pytest.mark.parametrize("sentence", ["I saw Jane Eliza-\nbeth Doe at the office.",
                                      "I saw Jane Elizabeth D-\noe at the office."])
def test_her_name_hyphenated_at_a_line_end_is_still_her_name(index, extractor, sentence):
    """Justified text breaks a long name over two lines; written whole, her name to him is held."""
    assert decided(index, extractor, body="I saw Jane Elizabeth Doe at the office.") is Decision.HOLD
    assert decided(index, extractor, body=sentence) is Decision.HOLD
