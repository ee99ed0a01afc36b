"""The state store: per-server settings, answers, the deck's rotation and curation, daily posts.

Owns :mod:`.store` (the :class:`~.store.Store` facade), :mod:`.queries` (the queries, one
module per area), :mod:`.kept` (what each table keeps about members and servers),
:mod:`.migrations` (the schema), :mod:`.records` (what queries return),
the drivers :mod:`.base`, :mod:`.sqlite` (default) and :mod:`.postgres`, and
:mod:`.recorder` (writes after the reply, settings through memory). May import
:mod:`bot.core.scheduling` (the :class:`Schedule` type it stores).
"""

from bot.core.storage.base import Driver, StoreError, StoreUnavailable

__all__ = ["Driver", "StoreError", "StoreUnavailable"]
