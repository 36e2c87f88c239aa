import zipfile
from io import BytesIO

from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.registry import read_attachment
from disclosure_guard.types import TextPart

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def a_pptx(slide: str, notes: str) -> bytes:
    def shape(text: str) -> str:
        return f'<p:sp><p:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>'

    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        package.writestr("ppt/presentation.xml", f'<p:presentation xmlns:p="{P}"/>')
        package.writestr("ppt/slides/slide1.xml", f'<p:sld xmlns:p="{P}" xmlns:a="{A}"><p:cSld><p:spTree>'
                                                  f"{shape(slide)}</p:spTree></p:cSld></p:sld>")
        package.writestr("ppt/notesSlides/notesSlide1.xml", f'<p:notes xmlns:p="{P}" xmlns:a="{A}"><p:cSld>'
                                                            f"<p:spTree>{shape(notes)}</p:spTree></p:cSld></p:notes>")
    return out.getvalue()


def test_slides_and_notes_are_read():
    deck = Attachment("deck.pptx", None, a_pptx("12 Elm Road", "she is at LS6 2AB"))
    parts = read_attachment("attachment[0]", deck, Budget())
    found = {p.name: p.text for p in parts if isinstance(p, TextPart)}
    assert "12 Elm Road" in found["attachment[0] slides/slide1"]
    assert "LS6 2AB" in found["attachment[0] notesSlides/notesSlide1"]
