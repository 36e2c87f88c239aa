"""Generators for the whole-item decision benchmark (bench/bench_decisions.py).

Independent of the code they measure: nothing here imports from `src/` or reads `models/`.
Vocabulary comes from Faker's `en_GB` providers and from hand-written tables in this package
(first names with their diminutives, UK street types, house names, data-entry errors); near
misses are another dwelling or another person, never "whatever scores below a threshold".
Everything produced is plain data (strings, dicts, bytes), labelled by what should happen.
"""
