"""Storage drivers behind :class:`bot.core.storage.store.Store`: SQLite (default) and PostgreSQL."""

from bot.core.storage.base import Driver, StoreError, StoreUnavailable

__all__ = ["Driver", "StoreError", "StoreUnavailable"]
