"""One reader per attachment format, each `(name, Attachment, Budget) -> list[Part]` (see
ingest/attachments.py); ingest/registry.py says which format each one reads."""
