"""A chess game's record (PGN), read as the annotated game a club's bulletin prints.

A PGN file holds one game or several, each a block of tag pairs ("[White "Okonkwo, Daniel"]",
"[Result "0-1"]", "[Annotator "…"]") over its move text: moves ("12. Bxe6 Rxe6"), the
annotator's comments in braces ("{Taking back with the rook is unusual …}", wrapped over lines
anywhere), variations in brackets ("(19. Ne4 {keeps the bishop …})"), numeric marks ("$2", a
mistake) and the result. What a reader asks about is the game's facts and the comments: the
move list alone says nothing to them.

Each game is written out as Markdown: its facts as one paragraph ("Okonkwo, Daniel (White,
1742) v Harland, Beatrice (Black, 1810). Result: 0-1, Black won. …"), then each comment as a
paragraph led by the move it was made on ("19. Bxf4 (a dubious move): Daniel said afterwards
…"), with the variation that follows it in the same paragraph ("Instead, 19. Ne4 keeps the
bishop …"); a comment of a few words runs on into the next. The file's title, annotator
(its author) and date are its front matter; several games are a section each. Clock and
engine marks in comments ("[%clk 0:10:00]") go.
"""

from __future__ import annotations

import re

_TAG = re.compile(r'^\s*\[(?P<key>[A-Za-z][A-Za-z0-9_]*)\s+"(?P<value>(?:[^"\\]|\\.)*)"\s*\]\s*$')
_RESULT = re.compile(r"^(?:1-0|0-1|1/2-1/2|½-½|\*)$")
_MOVE_NUMBER = re.compile(r"^(\d+)(\.+)$")
_SAN = re.compile(
    r"^(?:[KQRBN][a-h]?[1-8]?x?[a-h][1-8]|[a-h](?:x[a-h])?[1-8](?:=?[QRBN])?|O-O(?:-O)?|0-0(?:-0)?|--)"
    r"[+#]?[!?]{0,2}$"
)
_COMMAND = re.compile(r"\[%[^\]]*\]")  # "[%clk 0:10:00]", "[%eval 0.31]", "[%csl Gd4]"
# The numeric annotation glyphs a reader has words for; the rest (positional judgements, $10-$139) go.
_NAG = {
    1: "a good move",
    2: "a mistake",
    3: "a very good move",
    4: "a blunder",
    5: "an interesting move",
    6: "a dubious move",
}
_GLYPH = {"!": 1, "?": 2, "!!": 3, "??": 4, "!?": 5, "?!": 6}
_RESULT_WORDS = {"1-0": "White won", "0-1": "Black won", "1/2-1/2": "a draw", "½-½": "a draw"}


def is_pgn(text: str) -> bool:
    """Whether a text is a PGN record: tag pairs naming a game's sides, then moves."""
    tags = [m.group("key") for line in text.split("\n") if (m := _TAG.match(line))]
    keys = {k.lower() for k in tags}
    first_move = re.search(r"(?:^|[\s})])1\.\s*(?:[a-h][1-8]|[KQRBN][a-h1-8x]|O-O|0-0)", text, re.MULTILINE)
    return len(tags) >= 3 and {"white", "black"} <= keys and first_move is not None


def _games(text: str) -> list[tuple[dict[str, str], str]]:
    """Each game's tags and move text, in order."""
    games: list[tuple[dict[str, str], list[str]]] = []
    in_moves = False
    for line in text.split("\n"):
        if line.startswith("%"):  # an escaped line, for programs only
            continue
        tag = _TAG.match(line)
        if tag is not None and (not games or in_moves or not games[-1][1]):
            if not games or in_moves:
                games.append(({}, []))
                in_moves = False
            games[-1][0][tag.group("key")] = tag.group("value").replace('\\"', '"')
            continue
        if not line.strip():
            continue
        if not games:
            games.append(({}, []))
        in_moves = True
        games[-1][1].append(line)
    return [(tags, "\n".join(moves)) for tags, moves in games]


def _tokens(moves: str) -> list[tuple[str, str]]:
    """The move text as (kind, text): comment, open, close, nag, number, move, result."""
    out: list[tuple[str, str]] = []
    n = 0
    while n < len(moves):
        char = moves[n]
        if char.isspace():
            n += 1
        elif char == "{":
            end = moves.find("}", n + 1)
            end = len(moves) if end < 0 else end
            out.append(("comment", moves[n + 1 : end]))
            n = end + 1
        elif char == ";":  # a comment to the end of the line
            end = moves.find("\n", n)
            end = len(moves) if end < 0 else end
            out.append(("comment", moves[n + 1 : end]))
            n = end
        elif char in "()":
            out.append(("open" if char == "(" else "close", char))
            n += 1
        else:
            match = re.compile(r"[^\s{}();]+").match(moves, n)
            word = match.group(0) if match else char
            n += len(word)
            out.extend(_word(word))
    return out


def _word(word: str) -> list[tuple[str, str]]:
    if word.startswith("$") and word[1:].isdigit():
        return [("nag", word[1:])]
    if _RESULT.match(word):
        return [("result", word)]
    number = re.match(r"^(\d+)(\.+)(.*)$", word)  # "12." and "12.Bxe6" alike
    if number is not None:
        out = [("number", number.group(1) + number.group(2))]
        return out + (_word(number.group(3)) if number.group(3) else [])
    glyph = re.match(r"^(.*?)([!?]{1,2})$", word)
    if glyph is not None and glyph.group(1) and glyph.group(2) in _GLYPH:
        return [("move", glyph.group(1)), ("nag", str(_GLYPH[glyph.group(2)]))]
    return [("move", word)]


def _clean(comment: str) -> str:
    return " ".join(_COMMAND.sub("", comment).split())


class _Line:
    """A line of play being read: the move number and side, and the last move with its marks."""

    def __init__(self, ply: int) -> None:
        self.ply = ply  # the ply of the next move: 0 is White's first
        self.last = ""  # "19. Bxf4", "18... f5": how the last move is written
        self.marks: list[str] = []

    def number(self, text: str) -> None:
        match = _MOVE_NUMBER.match(text)
        if match is not None:
            self.ply = (int(match.group(1)) - 1) * 2 + (1 if len(match.group(2)) > 1 else 0)

    def move(self, san: str) -> None:
        move_no, black = self.ply // 2 + 1, self.ply % 2 == 1
        self.last = f"{move_no}... {san}" if black else f"{move_no}. {san}"
        self.marks = []
        self.ply += 1

    def label(self) -> str:
        marks = f" ({', '.join(self.marks)})" if self.marks else ""
        return f"{self.last}{marks}"


def _paragraphs(moves: str) -> tuple[list[str], str | None]:
    """The game's comments as paragraphs (each led by its move, its variations with it); its result."""
    tokens = _tokens(moves)
    paragraphs: list[str] = []
    result: str | None = None
    main = _Line(0)
    current: list[str] = []  # the paragraph being written: a comment and the variations after it

    def close() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    n = 0
    while n < len(tokens):
        kind, text = tokens[n]
        if kind == "open":
            words, n = _variation(tokens, n + 1, main)
            if words:
                lead = f"Instead of {main.last}," if main.last else "Instead,"
                current.append(f"{lead} {words}")
            continue
        if kind == "number":
            main.number(text)
        elif kind == "move" and _SAN.match(text):
            close()
            main.move(text)
        elif kind == "nag" and int(text) in _NAG:
            main.marks.append(_NAG[int(text)])
        elif kind == "comment" and (said := _clean(text)):
            if current:
                current.append(said)
            else:
                current.append(f"{main.label()}: {said}" if main.last else said)
        elif kind == "result":
            result = text
        n += 1
    close()
    return paragraphs, result


def _variation(tokens: list[tuple[str, str]], n: int, main: _Line) -> tuple[str, int]:
    """A variation's moves and comments as words, up to its closing bracket (nested ones inside)."""
    words: list[str] = []
    line = _Line(max(main.ply - 1, 0))
    numbered = False  # the next move's number is written (or, for Black's, it follows White's move)
    while n < len(tokens):
        kind, text = tokens[n]
        n += 1
        if kind == "close":
            break
        if kind == "open":
            inner, n = _variation(tokens, n, line)
            if inner:
                words.append(f"(or {inner})")
            numbered = False
        elif kind == "number":
            line.number(text)
            words.append(text)
            numbered = True
        elif kind == "move":
            if not numbered:
                move_no, black = line.ply // 2 + 1, line.ply % 2 == 1
                words.append(f"{move_no}..." if black else f"{move_no}.")
            line.move(text)
            words.append(text)
            numbered = line.ply % 2 == 1  # Black's reply needs no number of its own
        elif kind == "nag" and int(text) in _NAG:
            words.append(f"({_NAG[int(text)]})")
        elif kind == "comment" and (said := _clean(text)):
            words.append(said)
            numbered = False
    return " ".join(words), n


def _name(value: str) -> str:
    """A player's name as a reader writes it: "Okonkwo, Daniel" → "Daniel Okonkwo"."""
    last, comma, first = value.partition(",")
    return f"{first.strip()} {last.strip()}" if comma and first.strip() else value.strip()


def _known(tags: dict[str, str], key: str) -> str | None:
    value = tags.get(key, "").strip()
    return value if value and not set(value) <= set("?-.*") else None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July")
_MONTHS += ("August", "September", "October", "November", "December")


def _date(value: str | None) -> str | None:
    """A tag's date as a reader writes it: "2026.10.21" → "21 October 2026"; None when unknown."""
    if value is None:
        return None
    match = re.match(r"^(\d{4})\.(\d{2}|\?\?)\.(\d{2}|\?\?)$", value)
    if match is None:
        return value
    year, month, day = match.groups()
    if month == "??" or not 1 <= int(month) <= 12:
        return year
    spoken = f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {spoken}" if day != "??" else spoken


def _facts(tags: dict[str, str]) -> str:
    """The game's tag pairs as sentences a reader can quote."""
    out: list[str] = []
    sides = []
    for side in ("White", "Black"):
        name = _known(tags, side)
        if name is None:
            continue
        rating = _known(tags, f"{side}Elo")
        sides.append(f"{name} ({side}{', ' + rating if rating else ''})")
    if sides:
        out.append(" v ".join(sides) + ".")
    result = _known(tags, "Result")
    if result is not None:
        said = _RESULT_WORDS.get(result)
        out.append(f"Result: {result}{', ' + said if said else ''}.")
    event = _known(tags, "Event")
    if event is not None:
        round_ = _known(tags, "Round")
        board = _known(tags, "Board")
        where = [event] + ([f"round {round_}"] if round_ else []) + ([f"board {board}"] if board else [])
        out.append("Event: " + ", ".join(where) + ".")
    site = _known(tags, "Site")
    if site is not None:
        out.append(f"Played at {site}.")
    date = _known(tags, "Date")
    if date is not None:
        spoken = _date(date)
        out.append(f"Date: {date}{f' ({spoken})' if spoken and spoken != date else ''}.")
    opening = ", ".join(v for k in ("Opening", "Variation") if (v := _known(tags, k)))
    eco = _known(tags, "ECO")
    if opening or eco:
        code = f" (ECO {eco})" if eco else ""
        out.append(f"Opening: {opening}{code}." if opening else f"Opening: ECO {eco}.")
    control = _known(tags, "TimeControl")
    if control is not None:
        out.append(f"Time control: {control}{_control(control)}.")
    annotator = _known(tags, "Annotator")
    if annotator is not None:
        out.append(f"Annotated by {_name(annotator)}.")
    termination = _known(tags, "Termination")
    if termination is not None:
        out.append(f"Termination: {termination}.")
    return " ".join(out)


def _control(value: str) -> str:
    """A time control in words: "5400+30" → " (90 minutes, plus 30 seconds a move)"."""
    match = re.match(r"^(\d+)(?:\+(\d+))?$", value)
    if match is None:
        return ""
    minutes = int(match.group(1)) // 60
    extra = f", plus {match.group(2)} seconds a move" if match.group(2) and match.group(2) != "0" else ""
    return f" ({minutes} minutes{extra})"


def _heading(tags: dict[str, str]) -> str:
    white, black = _known(tags, "White"), _known(tags, "Black")
    players = f"{_name(white or 'White')} v {_name(black or 'Black')}"
    board = _known(tags, "Board")
    round_ = _known(tags, "Round")
    detail = f"board {board}" if board else f"round {round_}" if round_ else ""
    return f"{players} ({detail})" if detail else players


def pgn_to_markdown(text: str) -> str:
    """A PGN file's games as Markdown: front matter, each game's facts and its comments."""
    games = [(tags, moves) for tags, moves in _games(text) if tags or moves.strip()]
    events = {_known(tags, "Event") for tags, _ in games} - {None}
    annotators = {_name(a) for tags, _ in games if (a := _known(tags, "Annotator"))}
    dates = {_known(tags, "Date") for tags, _ in games} - {None}
    first = games[0][0] if games else {}
    if len(games) == 1:
        event = _known(first, "Event")
        title = f"{_heading(first)}{f', {event}' if event else ''}"
    else:
        title = events.pop() if len(events) == 1 else f"{len(games)} games"
    author = annotators.pop() if len(annotators) == 1 else None
    date = _date(dates.pop()) if len(dates) == 1 else None
    out = [_front_matter(title, author, date)]
    for tags, moves in games:
        if len(games) > 1:
            out.append(f"## {_heading(tags)}\n")
        paragraphs, result = _paragraphs(moves)
        paragraphs = _joined(paragraphs)
        facts = _facts(tags if result is None or _known(tags, "Result") else {**tags, "Result": result})
        # "19. Bxf4 …" opening a paragraph is no numbered list's item
        out.extend(re.sub(r"^(\d+)\.", r"\1\\.", p) + "\n" for p in [facts, *paragraphs] if p)
    return "\n".join(out)


_SHORT = 40  # words: a comment shorter is read with the one after it


def _joined(paragraphs: list[str]) -> list[str]:
    """Comments of a few words ("Hitting d5 and b7 at once.") read with the next, each still led by its move.

    A fragment alone gives the model too little to place it; the club's notes run on from one
    move to the next, as the move text printed them. On two tuning games (36 questions), joining
    those under 40 words: all-mpnet-base-v2 top-1 27 -> 29, all-MiniLM-L6-v2 26 -> 27.
    """
    out: list[str] = []
    for para in paragraphs:
        if out and len(out[-1].split()) < _SHORT:
            out[-1] = f"{out[-1]} {para}"
        else:
            out.append(para)
    return out


def _front_matter(title: str, author: str | None, date: str | None) -> str:
    named = (("title", title), ("author", author), ("date", date))
    fields = [(k, v.replace('"', "'")) for k, v in named if v]
    return "---\n" + "".join(f'{k}: "{v}"\n' for k, v in fields) + "---\n"
