"""Normalisers: turn one register value or one submitted span into a comparable form.

Both sides of a comparison go through the same normaliser, so the register and the letter
meet in the same vocabulary (lower case, ASCII, expanded abbreviations, E.164, ISO dates)."""
