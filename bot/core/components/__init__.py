"""Ids of message components (buttons): made signed, read strictly.

A component's ``custom_id`` comes back from the network when a member clicks, so it is
data, not a pointer: :mod:`.ids` parses it strictly (known verbs, bounded numbers, a fixed
shape) and checks an HMAC that binds it to the server and channel it was issued in, with a
key Agora keeps in ``DATA_DIR``. Imports nothing of Agora's.
"""

from bot.core.components.ids import (
    KEY_FILE,
    ComponentKey,
    ComponentRefused,
    Vote,
)

__all__ = ["KEY_FILE", "ComponentKey", "ComponentRefused", "Vote"]
