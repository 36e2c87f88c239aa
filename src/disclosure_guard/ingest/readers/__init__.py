"""One reader per attachment format: bytes -> named text parts or unreadable parts."""
