"""A Reddit thread copied from the browser, read as its posters' words.

Reddit's page, copied, puts the poster's name on a line of its own over "•" and "4h ago",
and under each post or comment its buttons and counts ("Upvote", "97", "Downvote", "Reply",
"Award", "Share"), with the site's own lines around the thread ("Sort by:", "Comments
Section", "New to Reddit?", "Continue with Google"). The old design puts "[–]name 12 points 3
hours ago" over each comment and "permalink embed save report reply" under it. Either way each
post and comment becomes a passage credited to its poster (the speaker), the thread's title
is the post's first line, and the buttons, counts and the site's lines go.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.reading.structure import BODY, BYLINE, Block

_AGO = re.compile(
    r"^(?:\d+\s*(?:s|sec|m|min|mins|h|hr|hrs|d|w|mo|y|yr)\.?|(?:a|an|\d+)\s+(?:second|minute|hour|day|week|month|year)s?)"
    r"\s+ago$|^just now$",
    re.IGNORECASE,
)
_USER = re.compile(r"^(?:u/)?([\w-]{3,30}|\[deleted\])$")
_MARKS = re.compile(r"^(?:•|·|op|mod|admin|promoted|edited\s.{1,30}|\d+\s*(?:pts|points?))$", re.IGNORECASE)
_OLD_HEAD = re.compile(
    r"^(?:\[[–-]\]\s*)?(?P<name>[\w-]{3,30})(?:\s*\[[SMA]\])?\s+(?:-?\d+\s+points?|\[score hidden\])\s+"
    r"(?P<ago>.{1,30}?\bago)(?:\s+\*?\s*\(?(?:last )?edited.*)?(?:\s*\(\d+ child(?:ren)?\))?$",
    re.IGNORECASE,
)
# The compact copy (app, mobile, "new" design without its buttons): "u/hedgerow_hannah • 3d" or "Posted
# by u/old_platform_4 • 3 days ago" on one line over the words, "Reply • 164" under them
_ONE_LINE_HEAD = re.compile(
    r"^(?:posted by\s+)?u/(?P<name>[\w-]{3,30})\s*[•·]\s*(?:\d+\s*[a-z]{1,7}(?:\s+ago)?|just now)"
    r"(?:\s*[•·]\s*edited.*)?$",
    re.IGNORECASE,
)
_REPLY_COUNT = re.compile(r"^reply\s*[•·]\s*[\d.,]+k?$", re.IGNORECASE)
_BUTTONS = ("upvote", "downvote", "reply", "award")
_OLD_POST = re.compile(r"^submitted\s+.{1,30}?\bago\s+by\s+(?P<name>[\w-]{3,30})", re.IGNORECASE)
_NOISE = re.compile(
    r"^(?:reply\s*[•·]\s*[\d.,]+k?|"
    r"upvote|downvote|vote|reply|award|share|save|report|follow|join|joined|go to comments|more replies|"
    r"\d+ more repl(?:y|ies)|continue this thread|sort by:?|best|top|new|hot|controversial|old|q&a|"
    r"search comments|expand comment search|comments section|log in|sign up|get app|get the app|open in app|"
    r"skip to (?:main )?content|search in r/\w+|r/\w+|\[removed\]|\[deleted\]|level \d+|load more comments.*|"
    r"archived post\..*|locked post\..*|new to reddit\??|create your account.*|continue with .{1,20}|"
    r"by continuing, you agree.*|reddit rules|privacy policy|user agreement|reddit,? inc\.? ©.*|"
    r"accessibility|top posts|rereddit:.*|[\d.,]+k?|(?:(?:permalink|embed|save|parent|report|give award|"
    r"reply|edit|delete|source|share|hide|block user)\s*)+|(?:\d+\s+)?comments?|"
    r"(?:\d+%\s+)?upvoted|posted by u/\S+.*|(?:all )?\d+ comments?(?:\s.*)?|sorted by:?.*)$",
    re.IGNORECASE,
)


def reddit_thread(lines: Sequence[str]) -> tuple[str | None, list[Block]] | None:
    """A copied Reddit thread's title and its posters' passages, or None if the text is not one.

    It is one when two posts or more are headed by a poster's name and a time ("4h ago", or
    the old design's "12 points 3 hours ago") and three lines or more are Reddit's buttons, or
    three posts are headed "u/name • 3d" (the compact copy).
    """
    bare = [ln.strip() for ln in lines]
    buttons = sum(
        1
        for ln in bare
        if ln.lower() in ("upvote", "downvote", "reply", "award")
        or "permalink" in ln
        or _REPLY_COUNT.match(ln)
    )
    heads = _heads(bare)
    compact = sum(1 for ln in bare if _ONE_LINE_HEAD.match(ln))  # "u/name • 3d": Reddit's own mark
    if len(heads) < 2 or (buttons < 3 and compact < 3):
        return None
    posts: list[tuple[str, list[str]]] = []
    title: str | None = None
    starts = sorted(heads)
    for n, start in enumerate(starts):
        author, first = heads[start]
        end = starts[n + 1] if n + 1 < len(starts) else len(bare)
        words = [ln for ln in bare[first:end] if ln and not _NOISE.match(ln) and not _MARKS.match(ln)]
        if not words:
            continue
        if n == 0 and (above := _old_title(bare, start)) is not None:  # "… (self.unitedkingdom)" over it
            title = above
        if title is None and n == 0:
            title, words = words[0], words[1:]
            if words and len(words[0].split()) <= 3 and not re.search(r"[.!?]$", words[0]):
                words = words[1:]  # the post's flair ("Question", "Advice needed")
            if not words:
                words = [title]
        posts.append((author, words))
    blocks = [Block("\n".join(words), BODY, None, speaker=author) for author, words in posts if words]
    if blocks and blocks[0].speaker and blocks[0].speaker != "[deleted]":  # the thread's poster: its author
        blocks.insert(0, Block(f"Posted by {blocks[0].speaker}", BYLINE, None))
    return (title, blocks) if blocks else None


def _heads(bare: list[str]) -> dict[int, tuple[str, int]]:
    """Each post's first line → (its poster, where its words begin)."""
    heads: dict[int, tuple[str, int]] = {}
    for n, line in enumerate(bare):
        old = _OLD_HEAD.match(line) or _OLD_POST.match(line) or _ONE_LINE_HEAD.match(line)
        if old is not None:
            heads[n] = (old.group("name"), n + 1)
            continue
        if not _AGO.match(line):
            continue
        j = n - 1
        while j >= 0 and (not bare[j] or _MARKS.match(bare[j])):
            j -= 1
        if j < 0:
            continue
        if bare[j].lower().startswith("r/"):  # a post: the subreddit over the time, the poster under it
            k = n + 1
            while k < len(bare) and (not bare[k] or _MARKS.match(bare[k])):
                k += 1
            named = _USER.match(bare[k]) if k < len(bare) else None
            if named is not None:
                heads[j] = (named.group(1), k + 1)
            continue
        named = _USER.match(bare[j])
        if named is None or _NOISE.match(bare[j]):
            continue
        k = n + 1
        while k < len(bare) and (not bare[k] or _MARKS.match(bare[k])):
            k += 1
        heads[j] = (named.group(1), k)
    return heads


def _old_title(bare: list[str], start: int) -> str | None:
    """The title line over the old design's "submitted 5 hours ago by …", without its "(self.…)"."""
    if not _OLD_POST.match(bare[start]) or start == 0 or not bare[start - 1]:
        return None
    return re.sub(r"\s*\((?:self\.)?[\w.]+\)$", "", bare[start - 1]) or None
