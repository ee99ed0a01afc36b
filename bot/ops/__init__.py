"""Operations: the ``agora`` command line and what an operator runs.

Owns :mod:`.cli` (every ``agora`` command; ``python -m bot``), :mod:`.bench` (speed and
memory against the plain pipeline), :mod:`.operate` (``doctor``, ``migrate-store``),
:mod:`.local_postgres` (a throwaway PostgreSQL for tests and benches) and :mod:`.log`
(logging set-up). The top layer: may import everything below it.
"""
