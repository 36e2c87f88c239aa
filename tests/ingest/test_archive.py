import zipfile

import pytest

from disclosure_guard.ingest.archive import check_package, member_problem, open_archive
from disclosure_guard.ingest.limits import Budget, IngestLimits
from disclosure_guard.ingest.outcome import Unreadable
from tests.ingest.documents import a_docx, a_zip, a_zip_bomb


def test_the_entry_count_is_read_from_the_end_record_before_parsing():
    data = bytearray(a_zip({"a.txt": b"x"}))
    end = data.rfind(b"PK\x05\x06")
    data[end + 10 : end + 12] = (60_000).to_bytes(2, "little")  # claims 60 000 entries
    with pytest.raises(Unreadable, match="more than 20000 files in the archive"):
        open_archive(bytes(data), 20_000)


def test_the_ratio_is_judged_from_the_central_directory():
    [info] = zipfile.ZipFile(__import__("io").BytesIO(a_zip_bomb())).infolist()
    assert info.file_size == 1024**3
    assert member_problem(info, IngestLimits()) == "decompresses more than 100x"
    assert member_problem(info, IngestLimits(max_decompression_ratio=10_000)) is None


def test_a_package_is_charged_to_the_item_before_a_library_inflates_it():
    archive = open_archive(a_docx("Dear Sir,"), 20_000)
    budget = Budget()
    check_package(archive, budget)
    assert budget.decompressed_bytes == sum(info.file_size for info in archive.infolist())
