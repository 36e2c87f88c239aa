import random
import time
import zipfile

from disclosure_guard.ingest.limits import IngestLimits
from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart, UnreadablePart
from tests.ingest.documents import ADDRESS, a_docx, a_pdf, a_zip, a_zip_bomb, nested_zips
from tests.ingest.reading import read_as


def texts(parts):
    """The members' text parts; their names' parts are tested in test_registry.py."""
    return {p.name: p.text for p in parts if isinstance(p, TextPart) and not p.name.endswith(" filename")}


def whys(parts):
    return {p.name: p.why for p in parts if isinstance(p, UnreadablePart)}


def test_members_are_named_by_their_path():
    data = a_zip({"folder/inner.docx": a_docx(f"She lives at {ADDRESS}"), "letter.pdf": a_pdf("Dear Sir,", ADDRESS),
                  "notes.txt": b"call her on 07700 900123", "folder/": b""})
    parts = read_as(Format.ZIP, "attachment[2]", data)
    found = texts(parts)
    assert "12 Elm Road" in found["attachment[2]/folder/inner.docx"]
    assert "12 Elm Road" in found["attachment[2]/letter.pdf page 2"]
    assert found["attachment[2]/notes.txt"] == "call her on 07700 900123"
    assert whys(parts) == {}


def test_a_gigabyte_of_zeros_is_refused_before_it_is_inflated():
    bomb = a_zip_bomb()
    started = time.monotonic()
    parts = read_as(Format.ZIP, "attachment[2]", bomb)
    assert time.monotonic() - started < 1.0
    assert parts == [UnreadablePart("attachment[2]/zeros.bin", "decompresses more than 100x")]


def test_members_that_together_inflate_too_far_stop_the_archive():
    rng = random.Random(5)
    members = {f"part{n}.txt": bytes(rng.choice(b"abcdefghij ") for _ in range(100_000)) for n in range(5)}
    parts = read_as(Format.ZIP, "attachment[0]", a_zip(members), IngestLimits(max_decompressed_bytes=300_000))
    assert whys(parts) == {"attachment[0]": "decompresses to more than 300000 bytes in total"}
    assert len(texts(parts)) == 3  # the members read before the limit are still shown


def test_a_member_that_lies_about_its_size_is_unreadable():
    data = bytearray(a_zip({"notes.txt": ADDRESS.encode() * 100}))
    central = data.rfind(b"PK\x01\x02")
    data[22:26] = (10).to_bytes(4, "little")  # the local header's uncompressed size
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")  # and the central directory's
    parts = read_as(Format.ZIP, "attachment[0]", bytes(data))
    assert [type(p) for p in parts] == [UnreadablePart]
    assert parts[0].name == "attachment[0]/notes.txt"


def test_archives_nested_deeper_than_the_limit():
    found = texts(read_as(Format.ZIP, "attachment[0]", nested_zips(3, {"note.txt": ADDRESS.encode()})))
    assert found == {"attachment[0]/level2.zip/level3.zip/note.txt": ADDRESS}
    parts = read_as(Format.ZIP, "attachment[0]", nested_zips(4, {"note.txt": ADDRESS.encode()}))
    assert whys(parts) == {"attachment[0]/level2.zip/level3.zip/level4.zip": "archive nested deeper than 3 levels"}


def test_an_encrypted_member_is_unreadable():
    data = bytearray(a_zip({"secret.txt": ADDRESS.encode()}, zipfile.ZIP_STORED))
    central = data.rfind(b"PK\x01\x02")
    data[6] |= 0x1  # the encryption flag, in the local header and the central directory
    data[central + 8] |= 0x1
    parts = read_as(Format.ZIP, "attachment[0]", bytes(data))
    assert parts == [UnreadablePart("attachment[0]/secret.txt", "encrypted")]


def test_more_members_than_the_limit_is_unreadable():
    data = a_zip({f"{n}.txt": b"x" for n in range(101)})
    parts = read_as(Format.ZIP, "attachment[0]", data)
    assert parts == [UnreadablePart("attachment[0]", "more than 100 files in the archive")]


def test_a_truncated_zip_is_unreadable():
    assert read_as(Format.ZIP, "attachment[0]", b"PK\x03\x04") == [
        UnreadablePart("attachment[0]", "not a readable zip (truncated or corrupt)")
    ]
