"""Which Discord shards this process runs, and which servers are therefore its own.

Discord sends a server's events to shard ``(guild_id >> 22) % shard_count``. A bot split
over several processes gives each one some shards (``SHARD_IDS``, or ``CLUSTER_INDEX`` of
``CLUSTERS`` for a contiguous range); each process then serves, and schedules, only the
servers on its shards. Unset, discord.py picks the shard count and one process runs them all.
"""

from __future__ import annotations

from dataclasses import dataclass


class ShardSettingError(ValueError):
    """A shard setting Agora cannot use; the message says how to fix it."""


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord routes a server to."""
    return (guild_id >> 22) % shard_count


def parse_shard_ids(text: str, shard_count: int) -> tuple[int, ...]:
    """``"0-3"``, ``"0,2"`` or ``"0-1,4"`` → sorted shard ids, each below `shard_count`."""
    ids: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        low, dash, high = part.partition("-")
        try:
            first, last = int(low), int(high) if dash else int(low)
        except ValueError:
            raise ShardSettingError(
                f"SHARD_IDS={text!r} is not a list of shards: use e.g. 0-3, or 0,2, or 0-1,4."
            ) from None
        if first > last:
            raise ShardSettingError(f"SHARD_IDS: the range {part} runs backwards; write {last}-{first}.")
        ids.update(range(first, last + 1))
    if not ids:
        raise ShardSettingError("SHARD_IDS is empty: name at least one shard, e.g. 0-3.")
    if max(ids) >= shard_count or min(ids) < 0:
        raise ShardSettingError(
            f"SHARD_IDS={text!r} names shard {max(ids)}, but shards run from 0 to {shard_count - 1} "
            f"(SHARD_COUNT={shard_count})."
        )
    return tuple(sorted(ids))


def cluster_shards(index: int, clusters: int, shard_count: int) -> tuple[int, ...]:
    """The contiguous shards of cluster `index` when `shard_count` shards are split over `clusters`."""
    if clusters < 1 or clusters > shard_count:
        raise ShardSettingError(
            f"CLUSTERS must be between 1 and SHARD_COUNT ({shard_count}); got {clusters}."
        )
    if not 0 <= index < clusters:
        raise ShardSettingError(f"CLUSTER_INDEX must be between 0 and {clusters - 1}; got {index}.")
    return tuple(range(index * shard_count // clusters, (index + 1) * shard_count // clusters))


@dataclass(frozen=True)
class ShardPlan:
    """The shards this process runs: `count` None means discord.py decides (all in this process)."""

    count: int | None = None
    ids: tuple[int, ...] | None = None

    @property
    def sharded(self) -> bool:
        """Whether the shards are set by hand (and maybe split across processes)."""
        return self.count is not None

    @property
    def shard_ids(self) -> tuple[int, ...] | None:
        """The shards run here (None: every shard)."""
        if self.count is None:
            return None
        return self.ids if self.ids is not None else tuple(range(self.count))

    def owns(self, guild_id: int) -> bool:
        """Whether this process runs the shard of `guild_id`."""
        ids = self.shard_ids
        return ids is None or shard_of(guild_id, self.count or 1) in ids

    @property
    def processes(self) -> int:
        """How many processes share the bot, assuming each runs as many shards as this one."""
        ids = self.shard_ids
        return 1 if ids is None or self.count is None else -(-self.count // len(ids))

    @property
    def leads(self) -> bool:
        """Whether this process does the one-per-bot work (it runs shard 0, or all shards)."""
        ids = self.shard_ids
        return ids is None or 0 in ids

    def describe(self) -> str:
        """For logs and `agora doctor`."""
        if self.count is None:
            return "all shards (discord.py picks how many)"
        ids = self.shard_ids or ()
        if ids == tuple(range(ids[0], ids[-1] + 1)) and len(ids) > 1:
            shown = f"{ids[0]}-{ids[-1]}"
        else:
            shown = ",".join(map(str, ids))
        return f"shards {shown} of {self.count}"

    @classmethod
    def from_settings(
        cls,
        shard_count: str | None,
        shard_ids: str | None,
        cluster_index: str | None,
        clusters: str | None,
    ) -> ShardPlan:
        """Read SHARD_COUNT, SHARD_IDS, CLUSTER_INDEX and CLUSTERS (raw strings, None when unset)."""
        if shard_count is None:
            if shard_ids or cluster_index or clusters:
                raise ShardSettingError("SHARD_IDS, CLUSTER_INDEX and CLUSTERS need SHARD_COUNT as well.")
            return cls()
        count = _positive("SHARD_COUNT", shard_count)
        if shard_ids and (cluster_index or clusters):
            raise ShardSettingError("Set SHARD_IDS or CLUSTER_INDEX/CLUSTERS, not both.")
        if shard_ids:
            return cls(count, parse_shard_ids(shard_ids, count))
        if cluster_index or clusters:
            if not (cluster_index and clusters):
                raise ShardSettingError("CLUSTER_INDEX and CLUSTERS go together (e.g. 0 and 2).")
            index = _whole("CLUSTER_INDEX", cluster_index)
            return cls(count, cluster_shards(index, _positive("CLUSTERS", clusters), count))
        return cls(count, None)


def _whole(name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ShardSettingError(f"{name} must be a whole number; got {text!r}.") from None


def _positive(name: str, text: str) -> int:
    value = _whole(name, text)
    if value < 1:
        raise ShardSettingError(f"{name} must be 1 or more; got {value}.")
    return value
