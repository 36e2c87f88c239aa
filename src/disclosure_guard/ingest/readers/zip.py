"""Zip archives: every member read as an attachment of its own, archives inside archives
included, to max_archive_depth. The safety checks (archive.py) run on the central directory
before a byte is inflated, and members are inflated in chunks that stop at their declared size.

Members are named by their path: "attachment[2]/folder/inner.docx", and a page of a PDF inside
"attachment[2]/folder/inner.pdf page 3".

Examples it must handle:
  letters.zip holding folder/inner.docx                  -> "attachment[2]/folder/inner.docx"
  a 1 GB run of zeros declared in a 1 MB zip              -> "attachment[2]/zeros.bin": "decompresses more than 100x"
  a zip in a zip in a zip in a zip                        -> the fourth: "archive nested deeper than 3 levels"
  a password-protected member                             -> "attachment[2]/secret.txt": "encrypted"
  b"PK\\x03\\x04" cut short                                 -> "attachment[2]": "not a readable zip (truncated or corrupt)"
"""

from __future__ import annotations

import zipfile
from functools import partial

from disclosure_guard.ingest.archive import member_problem, open_archive, read_member
from disclosure_guard.ingest.attachments import Attachment, Reader, fail_closed
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part, collect
from disclosure_guard.types import UnreadablePart


def zip_reader(read_inner: Reader) -> Reader:
    """The zip reader; `read_inner` (the registry's dispatcher) reads each member, whatever its format."""
    return fail_closed(partial(_read, read_inner=read_inner))


def _read(name: str, attachment: Attachment, budget: Budget, out: list[Part], *, read_inner: Reader) -> None:
    archive = open_archive(attachment.data, budget.limits.max_attachments)
    with budget.archive_level():
        for info in archive.infolist():
            if info.is_dir():
                continue
            budget.check_time()
            member = f"{name}/{info.filename}"
            problem = member_problem(info, budget.limits)
            if problem:
                out.append(UnreadablePart(member, problem))
                continue
            budget.take_decompressed(info.file_size)
            out.extend(collect(member, partial(_read_member, member, info, archive, budget, read_inner)))


def _read_member(
    member: str, info: zipfile.ZipInfo, archive: zipfile.ZipFile, budget: Budget, read_inner: Reader, out: list[Part]
) -> None:
    # Inside collect: a bad CRC or a cut-short stream makes this member unreadable, not the archive.
    content = read_member(archive, info, budget)
    filename = info.filename.rsplit("/", 1)[-1]
    out.extend(read_inner(member, Attachment(filename, None, content), budget))
