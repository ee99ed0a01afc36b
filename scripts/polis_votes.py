"""Convert a Pol.is open-data conversation to Agora's `--votes` format, and compare groups.

    python scripts/polis_votes.py CONVERSATION_DIR OUT_PREFIX
        writes OUT_PREFIX.votes.jsonl.gz (one vote a line: member, prompt, stance) and
        OUT_PREFIX.groups.json (member -> Pol.is's group-id, for members Pol.is grouped)
    python scripts/polis_votes.py --compare CONVERSATION_DIR...
        prints, per conversation, Pol.is's group sizes, ours and the adjusted Rand index

CONVERSATION_DIR holds Pol.is's `participants-votes.csv` and `comments.csv` (from
github.com/compdemocracy/openData, CC BY 4.0). Columns are read by header: `participant`,
`group-id`, and one column per comment id (1 agree, -1 disagree, 0 pass, empty: not voted);
comments that Pol.is's moderators took out (`moderated` = -1) are left out, as Pol.is does.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
import time
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from bot.core.standings import Vote, build_map

STANCE = {1: "agree", -1: "disagree", 0: "pass"}


def load(folder: Path) -> tuple[list[Vote], dict[str, int]]:
    """The votes and Pol.is's groups of one conversation."""
    moderated_out = set()
    comments = folder / "comments.csv"
    if comments.exists():
        with comments.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if (row.get("moderated") or "").strip() == "-1":
                    moderated_out.add((row.get("comment-id") or "").strip())
    votes, groups = [], {}
    with (folder / "participants-votes.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            member = (row.get("participant") or "").strip()
            gid = (row.get("group-id") or "").strip()
            if gid:
                groups[member] = int(float(gid))
            for column, value in row.items():
                if column is None or not column.strip().isdigit() or column.strip() in moderated_out:
                    continue
                if value is None or not value.strip():
                    continue
                votes.append(Vote(member, f"c{column.strip()}", STANCE[int(float(value))]))
    return votes, groups


def compare(votes: list[Vote], groups: dict[str, int]) -> dict[str, object]:
    """Our map's groups against Pol.is's, on the members both grouped."""
    started = time.perf_counter()
    opinion = build_map(votes)
    elapsed = time.perf_counter() - started
    ours = {m: i for i, g in enumerate(opinion.groups) for m in g.members}
    both = [m for m in opinion.members if m in groups]
    sizes: dict[int, int] = {}
    for g in groups.values():
        sizes[g] = sizes.get(g, 0) + 1
    return {
        "polis": [sizes[g] for g in sorted(sizes)],
        "ours": [g.size for g in opinion.groups],
        "compared": len(both),
        "ari": round(adjusted_rand_score([groups[m] for m in both], [ours.get(m, -1) for m in both]), 3),
        "seconds": round(elapsed, 3),
    }


def main(argv: list[str]) -> int:
    """Convert one conversation, or compare several."""
    if argv[:1] == ["--compare"]:
        for name in argv[1:]:
            votes, groups = load(Path(name))
            print(Path(name).name, json.dumps(compare(votes, groups)))
        return 0
    if len(argv) != 2:
        print(__doc__)
        return 2
    votes, groups = load(Path(argv[0]))
    with gzip.open(f"{argv[1]}.votes.jsonl.gz", "wt", encoding="utf-8", compresslevel=9) as out:
        for v in votes:
            out.write(json.dumps(v.to_json(), separators=(",", ":")) + "\n")
    Path(f"{argv[1]}.groups.json").write_text(json.dumps(groups, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
