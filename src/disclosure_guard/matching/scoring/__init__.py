"""Scorers: compare one normalised submitted value with one normalised register value.

Each scorer returns a score in [0, 1] and the per-component agreement that explains it."""
