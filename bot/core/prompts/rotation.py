"""Dealing a deck's prompts to channels: reading order first, then reshuffled cycles, no repeats."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

from bot.core.prompts.prompt import Prompt


class Rotation:
    """A list of prompts dealt to channels without repeats: reading order, then reshuffled cycles.

    Subclasses set ``prompts`` and ``_by_id``.
    """

    prompts: list[Prompt]
    _by_id: dict[str, Prompt]

    def __len__(self) -> int:
        return len(self.prompts)

    def __iter__(self) -> Iterator[Prompt]:
        return iter(self.prompts)

    @property
    def ids(self) -> list[str]:
        """Prompt ids in deck (reading) order."""
        return [p.id for p in self.prompts]

    def get(self, prompt_id: str) -> Prompt | None:
        """The prompt with this id, or None if the deck no longer has it."""
        return self._by_id.get(prompt_id)

    # ------------------------------------------------------------------ rotation

    def order(self, cycle: int) -> list[str]:
        """The deck's ids in the order cycle `cycle` deals them.

        Cycle 1 follows the reading; later cycles are reshuffled, deterministically per
        cycle (each id's place depends only on the cycle and the id, so prompts that join
        the deck do not reorder the others). A cycle never opens with the prompt that
        closed the previous one.
        """
        ids = self.ids
        if cycle <= 1 or len(ids) < 2:
            return ids
        if len(ids) == 2:  # alternate, so that no prompt is dealt twice in a row
            return ids if cycle % 2 else ids[::-1]
        order = self._shuffled(cycle)
        # A swap only moves the first two places, so the previous cycle ended with this:
        previous_last = ids[-1] if cycle == 2 else self._shuffled(cycle - 1)[-1]
        if order[0] == previous_last:
            order[0], order[1] = order[1], order[0]
        return order

    def _shuffled(self, cycle: int) -> list[str]:
        return sorted(self.ids, key=lambda i: hashlib.sha1(f"{cycle}:{i}".encode()).hexdigest())

    def next_for(self, used_ids: Sequence[str], cycle: int = 1) -> tuple[Prompt, int] | None:
        """The next prompt for a channel, and the cycle it belongs to.

        `used_ids` are the prompts the channel has had in its current `cycle` (ids no longer
        in the deck are ignored). Returns the first unused prompt of that cycle's order; once
        every prompt has been used, the first prompt of cycle ``cycle + 1`` — the caller then
        starts a fresh list of used ids. None only when the deck is empty.
        """
        if not self.prompts:
            return None
        cycle = max(1, cycle)
        used = set(used_ids)
        for pid in self.order(cycle):
            if pid not in used:
                return self._by_id[pid], cycle
        return self._by_id[self.order(cycle + 1)[0]], cycle + 1
