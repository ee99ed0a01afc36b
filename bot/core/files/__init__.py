"""Files on disk that must not be half-written or silently damaged.

Owns :mod:`.integrity` (files sealed with their size and SHA-256, checked on load) and
:mod:`.fslock` (one builder at a time per folder). Imports nothing of Agora's.
"""
