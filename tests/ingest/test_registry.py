from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.limits import Budget, IngestLimits
from disclosure_guard.ingest.registry import READERS, read_attachment
from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart, UnreadablePart
from tests.ingest.documents import ADDRESS, a_docx, a_pdf, a_zip, with_embedded_file


def test_every_sniffed_format_has_a_reader():
    assert set(READERS) == set(Format)
    assert all(callable(reader) for reader in READERS.values())


def test_a_container_reads_what_it_holds_through_the_dispatcher():
    # A docx in a zip inside a PDF: each container hands its contents back to read_attachment.
    bundle = a_zip({"letters/tenancy.docx": a_docx(f"She lives at {ADDRESS}")})
    data = with_embedded_file(a_pdf("See attached."), "bundle.zip", bundle)
    parts = read_attachment("attachment[0]", Attachment("cover.pdf", None, data), Budget())
    found = {p.name: p.text for p in parts if isinstance(p, TextPart)}
    assert ADDRESS in found["attachment[0]/bundle.zip/letters/tenancy.docx"]


def test_members_count_against_the_items_budget():
    # The zip is the item's first attachment, its members the second and third: a fourth is one too many.
    budget = Budget(IngestLimits(max_attachments=3))
    data = a_zip({f"{n}.txt": b"x" for n in range(3)})
    parts = read_attachment("attachment[0]", Attachment("notes.zip", None, data), budget)
    assert [p.name for p in parts if isinstance(p, TextPart)] == [
        "attachment[0] filename", "attachment[0]/0.txt filename", "attachment[0]/0.txt",
        "attachment[0]/1.txt filename", "attachment[0]/1.txt"]
    assert parts[-1] == UnreadablePart("attachment[0]/2.txt", "more than 3 attachments (archive members included)")


def test_a_files_name_is_read_as_its_recipient_sees_it():
    # The name shows before the file is opened, in the email and in the archive's listing.
    data = a_zip({"Sandra/Flat_15_10_Westfield_Avenue.txt": b"keys"})
    parts = read_attachment("attachment[0]", Attachment("Tenancy - 12 Elm Road.zip", None, data), Budget())
    names = {p.name: p.text for p in parts if isinstance(p, TextPart) and p.name.endswith(" filename")}
    assert names == {
        "attachment[0] filename": "Tenancy - 12 Elm Road.zip",
        "attachment[0]/Sandra/Flat_15_10_Westfield_Avenue.txt filename": "Flat 15 10 Westfield Avenue.txt",
    }


def test_a_file_without_a_name_has_no_name_part():
    parts = read_attachment("attachment[0]", Attachment(None, "text/plain", b"note"), Budget())
    assert [p.name for p in parts] == ["attachment[0]"]
