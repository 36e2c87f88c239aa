"""Opening a zip (a plain archive, or an Office document, which is one) without letting it
decompress into more than the guard allows.

Everything is decided from the central directory before a byte is inflated: how many entries
(counted from the end record, before zipfile builds an object per entry), whether a member is
encrypted or uses a method we cannot inflate, and its declared size against its compressed size
and the item's running total. zipfile itself stops a member at its declared size and checks the
CRC, so a member that lies about its size fails instead of growing.

Examples it must handle:
  a 1 GB run of zeros deflated to 1 MB                 -> "decompresses more than 100x"
  members that together inflate past 100 MiB           -> "decompresses to more than 100 MiB in total"
  a member encrypted with a password (ZipCrypto, AES)   -> "encrypted"
  b"PK\\x03\\x04" and nothing else                        -> "not a readable zip (truncated or corrupt)"
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from disclosure_guard.ingest.limits import Budget, IngestLimits
from disclosure_guard.ingest.outcome import Unreadable

# A member this small cannot exhaust anything whatever its ratio; Office XML often compresses
# 20-50x and a page of blank table cells far more, so the ratio only matters above this.
RATIO_FLOOR_BYTES = 1024 * 1024
# A 250-sheet workbook has about 2 000 entries. Above this the central directory is not parsed
# at all: half a million tiny entries fit in 25 MiB and would cost a Python object each.
MAX_PACKAGE_ENTRIES = 20_000
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SEARCH = 22 + 65_535  # the fixed record plus the longest archive comment
_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})
_CHUNK = 64 * 1024


def open_archive(data: bytes, max_entries: int) -> zipfile.ZipFile:
    declared = _declared_entries(data)
    if declared is not None and declared > max_entries:
        raise Unreadable(f"more than {max_entries} files in the archive")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise Unreadable("not a readable zip (truncated or corrupt)") from None
    if len(archive.infolist()) > max_entries:  # a zip64 end record can claim any count
        raise Unreadable(f"more than {max_entries} files in the archive")
    return archive


def member_problem(info: zipfile.ZipInfo, limits: IngestLimits) -> str | None:
    """Why this member must not be inflated, or None."""
    if info.flag_bits & 0x1:
        return "encrypted"
    if info.compress_type not in _METHODS:
        return f"compression method {info.compress_type} not read"
    if info.file_size > RATIO_FLOOR_BYTES and info.file_size > limits.max_decompression_ratio * max(
        info.compress_size, 1
    ):
        return f"decompresses more than {limits.max_decompression_ratio}x"
    return None


def check_package(archive: zipfile.ZipFile, budget: Budget) -> None:
    """Before a library (python-docx, openpyxl) inflates a whole Office package on its own."""
    for info in archive.infolist():
        problem = member_problem(info, budget.limits)
        if problem:
            raise Unreadable(f"{info.filename} {problem}" if problem != "encrypted" else "encrypted")
    budget.take_decompressed(sum(info.file_size for info in archive.infolist()))


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    """Inflates one member in chunks, never past its declared size (already charged to the budget)."""
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > info.file_size:
                raise Unreadable("decompresses to more than its declared size")
            chunks.append(chunk)
            budget.check_time()
    return b"".join(chunks)


def _declared_entries(data: bytes) -> int | None:
    position = data.rfind(_END_RECORD, max(0, len(data) - _END_RECORD_SEARCH))
    if position < 0 or position + 12 > len(data):
        return None
    count = int.from_bytes(data[position + 10 : position + 12], "little")
    return None if count == 0xFFFF else count  # 0xFFFF: the real count is in the zip64 record
