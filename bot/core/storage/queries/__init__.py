"""The store's queries, one module per area; :class:`bot.core.storage.store.Store` combines them.

:mod:`.settings` (a server's configuration), :mod:`.answers` (answers, feedback, counters),
:mod:`.deck` (prompt rotation and the moderators' curation), :mod:`.posts` (daily posts and
their claims), :mod:`.processes` (leases and shared state between processes) and
:mod:`.privacy` (a member's or a server's data, retention, removed servers). Every area
declares what its tables keep in ``KEPT`` (:mod:`bot.core.storage.kept`). Each area
is a mixin over :class:`.base.Queries`; written once in the portable dialect of
:mod:`bot.core.storage.migrations`. May import :mod:`bot.core.storage` and
:mod:`bot.core.scheduling`.
"""
