r"""A document's source in a markup language, read as the Markdown the parser knows.

People paste the file they wrote, not what it prints: a LaTeX source (a preamble of
"\\usepackage" lines, "\\section{…}", "\\emph{…}", "\\cite{…}", "% comments", tables with "&"
between cells), an AsciiDoc one ("= Title" over its author line, "== Section", ":toc:",
"link:…[words]", blocks fenced with "----" or "____") or an Emacs org-mode file ("#+TITLE:",
"* Headline  :tag:", "*bold*", "[[link][words]]", drawers, "#+BEGIN_QUOTE"). Each is written
out as Markdown: its title, author and date as front matter, its headings at their level,
its lists, quotes and tables as such, and what a reader never sees as words (commands,
labels, citations' keys, comments, attributes, drawers, code) left out.

Each is recognised by marks no prose and no other layout carries together (see `markup_source`);
anything else is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.reading.pgn import is_pgn, pgn_to_markdown

# ----------------------------------------------------------------------------- detection

_LATEX_COMMAND = re.compile(
    r"\\(?:documentclass|usepackage|begin\{document\}|section\*?\{|subsection\*?\{|chapter\*?\{|maketitle|"
    r"begin\{(?:itemize|enumerate|abstract|tabular|table|figure|quote|description)\}|textbf\{|emph\{|"
    r"cite[pt]?\{|label\{|ref\{|footnote\{|item\b)"
)
_ORG_KEYWORD = re.compile(r"^#\+[A-Za-z_]+:", re.MULTILINE)
_ORG_HEADLINE = re.compile(r"^\*+ \S", re.MULTILINE)
_ORG_BLOCK = re.compile(r"^\s*#\+begin_\w+", re.IGNORECASE | re.MULTILINE)
_ADOC_TITLE = re.compile(r"^=\s+\S.*[^=\s]\s*$")
_ADOC_SECTION = re.compile(r"^(={2,6})\s+(\S.*?)\s*$")
_ADOC_MARK = re.compile(
    r"^:[\w-]+:(?:\s|$)|^\[(?:source|quote|verse|NOTE|TIP|WARNING|IMPORTANT|CAUTION|cols|\[|#|\.)|"
    r"^(?:----|\.\.\.\.|____|\|===|\*\*\*\*|////)\s*$|link:\S+\[|<<[\w-]+(?:,[^>]*)?>>|^(?:NOTE|TIP|WARNING):\s",
    re.MULTILINE,
)


SOURCE_SUFFIXES = {".tex": "latex", ".org": "org", ".adoc": "asciidoc", ".asciidoc": "asciidoc"}
SOURCE_SUFFIXES[".pgn"] = "pgn"  # a chess game's record


def markup_source(text: str, name: str = "") -> str | None:
    """The text as Markdown when it is a LaTeX, org-mode or AsciiDoc source, else None.

    A file named for its language (".tex", ".org", ".adoc") is read in it; any other is
    recognised by its marks.
    """
    named = SOURCE_SUFFIXES.get(name[name.rfind(".") :].lower() if "." in name else "")
    if named == "pgn" or (named is None and is_pgn(text)):  # a chess game's record and its notes
        return pgn_to_markdown(text)
    if named == "latex" or (named is None and _is_latex(text)):
        return latex_to_markdown(text)
    if named == "org" or (named is None and _is_org(text)):
        return org_to_markdown(text)
    if named == "asciidoc" or (named is None and _is_asciidoc(text)):
        return asciidoc_to_markdown(text)
    return None


def _is_latex(text: str) -> bool:
    """A LaTeX source: its document's frame, or five commands of structure and markup."""
    if re.search(r"^\s*\\documentclass|^\s*\\begin\{document\}", text, re.MULTILINE):
        return True
    return len(_LATEX_COMMAND.findall(text)) >= 5 and bool(re.search(r"\\(?:sub)*section\*?\{", text))


def _is_org(text: str) -> bool:
    """An org-mode file: two "#+KEY:" lines, or a "#+BEGIN_…" block under "* " headlines."""
    keys = _ORG_KEYWORD.findall(text)
    if len(keys) >= 2 and any(
        k.lower() in ("#+title:", "#+author:", "#+startup:", "#+options:") for k in keys
    ):
        return True
    return len(_ORG_HEADLINE.findall(text)) >= 2 and bool(_ORG_BLOCK.search(text) or keys)


def _is_asciidoc(text: str) -> bool:
    """An AsciiDoc source: "== Section" lines (not wiki's "== H ==") with AsciiDoc's own marks."""
    lines = text.split("\n")
    sections = [ln for ln in lines if _ADOC_SECTION.match(ln) and not ln.rstrip().endswith("=")]
    first = next((ln for ln in lines if ln.strip()), "")
    marks = len(_ADOC_MARK.findall(text))
    if _ADOC_TITLE.match(first) and (sections or marks >= 2):
        return True
    return len(sections) >= 2 and marks >= 2


def _front(title: str | None, author: str | None, date: str | None) -> str:
    fields = [
        (k, " ".join(v.split())) for k, v in (("title", title), ("author", author), ("date", date)) if v
    ]
    fields = [(k, v.replace('"', "'")) for k, v in fields if v]
    if not fields:
        return ""
    return "---\n" + "".join(f'{k}: "{v}"\n' for k, v in fields) + "---\n\n"


# ----------------------------------------------------------------------------- LaTeX

_LATEX_SYMBOLS = (
    ("\\textdegree", "°"),
    ("\\ldots", "…"),
    ("\\dots", "…"),
    ("\\LaTeX", "LaTeX"),
    ("\\TeX", "TeX"),
    ("\\pounds", "£"),
    ("\\euro", "€"),
    ("\\S", "§"),
    ("\\textendash", "–"),
    ("\\textemdash", "—"),
    ("\\times", "×"),
)
_DROPPED_ENVS = ("figure*", "comment", "thebibliography", "tikzpicture", "verbatim", "lstlisting", "minted")
# commands whose argument a reader never sees
_SILENT = (
    r"label|ref|eqref|pageref|autoref|cref|Cref|cite|citep|citet|citealp|nocite|bibliographystyle|bibliography|"
    r"includegraphics|input|include|vspace|hspace|setlength|addtolength|newcommand|renewcommand|usepackage|"
    r"documentclass|pagestyle|thispagestyle|setcounter|addcontentsline|hypersetup|graphicspath|index|"
    r"thanks|linenumbers|fontsize|selectfont|color|definecolor"
)
_POINTER = re.compile(
    r"(?:\b(?:Table|Figure|Fig\.|Section|Sec\.|Chapter|Eq\.|Equation|Appendix|Listing)s?~?\s*)?"
    r"\\(?:ref|eqref|autoref|cref|Cref|pageref)\{[^}]*\}"
)
_HEADING_LEVEL = {"part": 1, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4}


def _argument(text: str, start: int) -> tuple[str, int] | None:
    """The {…} argument opening at `start` (balanced braces) and where it ends, else None."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    for n in range(start, len(text)):
        char = text[n]
        if char == "\\":
            continue
        if char == "{" and (n == 0 or text[n - 1] != "\\"):
            depth += 1
        elif char == "}" and text[n - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[start + 1 : n], n + 1
    return None


def _command_argument(text: str, name: str) -> str | None:
    match = re.search(r"\\" + name + r"\*?(?:\[[^\]]*\])?\s*(?=\{)", text)
    if match is None:
        return None
    found = _argument(text, match.end())
    return found[0] if found else None


def _replace_commands(text: str, names: str, render: Callable[[str, str], str]) -> str:
    r"""Every \\name{arg} in `text` (balanced braces) replaced by render(name, arg)."""
    pattern = re.compile(r"\\(" + names + r")\*?(?:\[[^\]]*\])?\s*(?=\{)")
    out: list[str] = []
    at = 0
    for _ in range(10_000):
        match = pattern.search(text, at)
        if match is None:
            break
        found = _argument(text, match.end())
        if found is None:
            out.append(text[at : match.end()])
            at = match.end()
            continue
        out.append(text[at : match.start()])
        out.append(render(match.group(1), found[0]))
        at = found[1]
    out.append(text[at:])
    return "".join(out)


def _latex_inline(text: str) -> str:
    """A LaTeX paragraph's words: markup reduced to Markdown's, commands' names gone."""
    text = _POINTER.sub("", text)  # "Table~\\ref{tab:sites}": a number no reader sees
    text = _replace_commands(text, _SILENT, lambda name, arg: "")
    text = _replace_commands(text, r"footnote", lambda name, arg: f" ({_latex_inline(arg).strip()})")
    text = _replace_commands(text, r"href", lambda name, arg: "")  # its URL; the words follow in {…}
    text = _replace_commands(text, r"emph|textit|textsl", lambda name, arg: f"*{_latex_inline(arg)}*")
    text = _replace_commands(text, r"textbf", lambda name, arg: f"**{_latex_inline(arg)}**")
    text = _replace_commands(text, r"[A-Za-z]+", lambda name, arg: _latex_inline(arg))  # \texttt{x}, \url{x}
    for command, symbol in _LATEX_SYMBOLS:  # a sign's command takes the space after it ("\\pounds 14")
        eats = r"\s?" if symbol in "£€§°" else ""
        text = re.sub(re.escape(command) + r"(?![A-Za-z])" + eats, symbol, text)
    text = re.sub(r"\\\\(?:\[[^\]]*\])?", " ", text)  # a forced line break
    text = re.sub(r"\\([%&$#_{}])", r"\1", text)  # escaped specials
    text = re.sub(r"\\[,;:! ]", " ", text)  # thin and other spaces
    text = re.sub(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?", "", text)  # any other command, argument-less
    text = re.sub(r"(?<!\\)[{}]", "", text)
    text = text.replace("~", " ").replace("---", "—").replace("--", "–")
    text = text.replace("``", "“").replace("''", "”")
    text = re.sub(r"(?<!\\)\$([^$\n]{1,200})\$", r"\1", text)  # inline maths: its symbols as they stand
    text = re.sub(r"\s*\(\s*\)", "", text)  # what held only a pointer or a citation
    text = re.sub(r"°\s+([CF])\b", r"°\1", text)
    text = re.sub(r"[ \t]+([.,;:!?)])", r"\1", text)  # the space a citation left before its sentence's end
    return re.sub(r"[ \t]+", " ", text).strip()


def _uncomment(line: str) -> str:
    """A LaTeX line without its comment (an unescaped "%" to the line's end)."""
    match = re.search(r"(?<!\\)%", line)
    return line if match is None else line[: match.start()].rstrip()


_RULE = re.compile(r"\\(?:toprule|midrule|bottomrule|hline|cline\{[^}]*\}|cmidrule(?:\([^)]*\))?\{[^}]*\})")
_MATHS = re.compile(r"\\begin\{(equation|align|gather|multline|eqnarray)(\*?)\}.*?\\end\{\1\2\}", re.DOTALL)
_TABULAR = re.compile(
    r"\\begin\{(tabular|tabularx|longtable)\*?\}(?:\{[^}]*\})*(?:\[[^\]]*\])?(.*?)\\end\{\1\*?\}", re.DOTALL
)


def _tabular_rows(body: str) -> list[str]:
    cells: list[list[str]] = []
    for row in re.split(r"\\\\(?:\[[^\]]*\])?", body):
        words = _RULE.sub("", row)
        if not words.strip():
            continue
        cells.append([_latex_inline(c).replace("|", "/") for c in re.split(r"(?<!\\)&", words)])
    if not cells:
        return []
    width = max(len(r) for r in cells)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in cells]
    lines.insert(1, "|" + "---|" * width)
    return lines


def latex_to_markdown(text: str) -> str:
    """A LaTeX source as Markdown (see the module's docstring)."""
    text = "\n".join(_uncomment(line) for line in text.split("\n"))
    preamble = text
    begin = re.search(r"\\begin\{document\}", text)
    if begin is not None:
        preamble, text = text[: begin.start()], text[begin.end() :]
    text = re.split(r"\\end\{document\}", text)[0]
    title = _command_argument(preamble, "title") or _command_argument(text, "title")
    author = _command_argument(preamble, "author") or _command_argument(text, "author")
    date = _command_argument(preamble, "date") or _command_argument(text, "date")

    def meta(value: str | None) -> str | None:
        if value is None:
            return None
        value = re.sub(r"\\and\b", ", ", value)
        value = re.sub(r"\\today", "", _latex_inline(value).replace("*", ""))
        return re.sub(r"\s*,\s*,?", ", ", value).strip(" ,") or None

    if begin is None:  # a fragment: its own \title{…} lines are not text
        text = _replace_commands(text, r"title|author|date", lambda name, arg: "")
    for env in _DROPPED_ENVS:
        text = re.sub(
            r"\\begin\{" + re.escape(env) + r"\}.*?\\end\{" + re.escape(env) + r"\}", "", text, flags=re.S
        )
    text = re.sub(
        r"\\begin\{(?:equation|align|gather|multline)\*?\}.*?\\end\{(?:equation|align|gather|multline)\*?\}",
        "",
        text,
        flags=re.S,
    )

    def tabular(match: re.Match[str]) -> str:
        return "\n\n" + "\n".join(_tabular_rows(match.group(1))) + "\n\n"

    text = re.sub(
        r"\\begin\{(?:tabular|tabularx|longtable)\*?\}(?:\{[^}]*\})*(?:\[[^\]]*\])?(.*?)\\end\{(?:tabular|tabularx|longtable)\*?\}",
        tabular,
        text,
        flags=re.S,
    )
    text = _replace_commands(text, r"caption", lambda name, arg: f"\n\n{arg}\n\n")

    def heading(name: str, arg: str) -> str:
        return "\n\n" + "#" * _HEADING_LEVEL[name] + " " + _latex_inline(arg).replace("*", "") + "\n\n"

    text = _replace_commands(text, r"part|chapter|section|subsection|subsubsection", heading)
    text = _replace_commands(text, r"paragraph|subparagraph", lambda name, arg: f"\n\n**{arg}** ")
    out: list[str] = []
    lists: list[str] = []  # the open list environments
    quoted = False
    for raw in text.split("\n"):
        line = raw.strip()
        env = re.match(r"\\(begin|end)\{([A-Za-z*]+)\}(?:\[[^\]]*\]|\{[^}]*\})*\s*(.*)$", line)
        if env is not None:
            kind, name, rest = env.groups()
            if name in ("itemize", "enumerate", "description"):
                if kind == "begin":
                    lists.append(name)
                elif lists:
                    lists.pop()
                out.append("")
            elif name in ("quote", "quotation", "verse"):
                quoted = kind == "begin"
                out.append("")
            elif name == "abstract" and kind == "begin":
                out.extend(["", "## Abstract", ""])
            else:
                out.append("")
            if rest:
                out.append(rest)
            continue
        if re.fullmatch(
            r"\\(?:maketitle|tableofcontents|listoffigures|listoftables|newpage|clearpage|"
            r"centering|raggedright|noindent|appendix|printbibliography|bigskip|medskip|smallskip|"
            r"frontmatter|mainmatter|backmatter|vfill|hfill)\b.*",
            line,
        ):
            continue
        item = re.match(r"\\item(?:\[(?P<label>[^\]]*)\])?\s*(?P<rest>.*)$", line)
        if item is not None and lists:
            label = item.group("label")
            marker = "1." if lists[-1] == "enumerate" else "-"
            words = _latex_inline(item.group("rest"))
            out.append(f"{marker} **{_latex_inline(label)}** {words}" if label else f"{marker} {words}")
            continue
        if line.startswith("|") and line.endswith("|"):  # a table written out above
            out.append(line)
            continue
        words = _latex_inline(line) if not line.startswith("#") else line
        if lists and words and out and out[-1].lstrip().startswith(("- ", "1. ")):
            out[-1] += " " + words  # an item running on over its next source line
            continue
        out.append(("> " + words) if quoted and words else words)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    return _front(meta(title), meta(author), meta(date)) + body + "\n"


# ----------------------------------------------------------------------------- org-mode

_ORG_LINK = re.compile(r"\[\[([^\]]+)\](?:\[([^\]]+)\])?\]")
_ORG_TODO = re.compile(r"^(?:TODO|DONE|NEXT|WAITING|CANCELLED|CANCELED|HOLD|STARTED)\s+")
_ORG_PLANNING = re.compile(r"^\s*(?:SCHEDULED|DEADLINE|CLOSED|CLOCK):")


def _org_inline(text: str) -> str:
    text = _ORG_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = re.sub(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])", r"**\1**", text)
    text = re.sub(r"(?<![\w/:])/(\S(?:[^/\n]*\S)?)/(?![\w/])", r"*\1*", text)
    text = re.sub(r"(?<![\w=~])[=~](\S(?:[^=~\n]*\S)?)[=~](?![\w=~])", r"`\1`", text)
    return re.sub(r"\[fn:[\w-]*\]", "", text)


def _org_date(value: str) -> str:
    match = re.search(r"\d{4}-\d{2}-\d{2}", value)
    return match.group(0) if match else value.strip("<>[] ")


def org_to_markdown(text: str) -> str:
    """An org-mode file as Markdown (see the module's docstring)."""
    meta: dict[str, str] = {}
    out: list[str] = []
    skip_level = 0  # inside a ":noexport:" subtree of this level
    drawer = False
    block: str | None = None
    table_rows = 0
    for raw in text.split("\n"):
        line = raw.rstrip()
        headline = re.match(r"^(\*+)\s+(.*)$", line)
        if headline is not None:
            level = len(headline.group(1))
            if skip_level and level > skip_level:
                continue
            skip_level = 0
            title = headline.group(2)
            tags = re.search(r"\s+(:[\w@#%:]+:)\s*$", title)
            if tags is not None:
                title = title[: tags.start()]
                if ":noexport:" in tags.group(1) or ":ARCHIVE:" in tags.group(1):
                    skip_level = level
                    continue
            title = re.sub(r"^\[#[A-Z]\]\s*", "", _ORG_TODO.sub("", title.strip()))
            if title.upper().startswith("COMMENT "):
                skip_level = level
                continue
            out.extend(["", "#" * min(level + 1, 6) + " " + _org_inline(title).replace("*", ""), ""])
            table_rows = 0
            continue
        if skip_level:
            continue
        bare = line.strip()
        if block is not None:
            if re.match(r"#\+end_", bare, re.IGNORECASE):
                if block in ("src", "example"):
                    out.append("```")
                block = None
                out.append("")
                continue
            if block == "comment":
                continue
            if block in ("src", "example"):
                out.append(line)
            elif block == "quote":
                out.append("> " + _org_inline(bare) if bare else ">")
            else:
                out.append(_org_inline(line))
            continue
        opening = re.match(r"#\+begin_(\w+)", bare, re.IGNORECASE)
        if opening is not None:
            block = opening.group(1).lower()
            out.append("")
            if block in ("src", "example"):
                out.append("```")
            continue
        keyword = re.match(r"^#\+(\w+):\s*(.*)$", bare)
        if keyword is not None:
            key = keyword.group(1).lower()
            if key in ("title", "author", "date", "subtitle") and keyword.group(2).strip():
                meta.setdefault(key, keyword.group(2).strip())
            continue
        if drawer:
            drawer = bare.upper() != ":END:"
            continue
        if re.fullmatch(r":[A-Za-z_-]+:", bare):
            drawer = True
            continue
        if _ORG_PLANNING.match(bare) or re.match(r"^#(?:\s|$)", bare):
            continue  # a planning line, a comment
        if bare.startswith("|"):
            if re.fullmatch(r"\|[-+|]+\|?", bare):
                if table_rows == 1:
                    cells = bare.strip("|").count("+") + 1
                    out.append("|" + "---|" * cells)
                continue
            if table_rows == 0 and out and out[-1].strip():
                out.append("")
            out.append(_org_inline(bare) if bare.endswith("|") else _org_inline(bare) + " |")
            table_rows += 1
            continue
        if table_rows:
            if table_rows == 1 or not any(ln.startswith("|---") for ln in out[-table_rows - 1 :]):
                width = out[-1].count("|") - 1
                out.insert(len(out) - table_rows + 1, "|" + "---|" * max(width, 1))  # a header row's rule
            table_rows = 0
            if bare:
                out.append("")
        out.append(_org_inline(line))
    if table_rows and not any(ln.startswith("|---") for ln in out[-table_rows - 1 :]):
        width = out[-1].count("|") - 1
        out.insert(len(out) - table_rows + 1, "|" + "---|" * max(width, 1))
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    title = meta.get("title")
    if title and meta.get("subtitle"):
        title = f"{title}: {meta['subtitle']}"
    date = _org_date(meta["date"]) if "date" in meta else None
    return (
        _front(_org_inline(title).replace("*", "") if title else None, meta.get("author"), date) + body + "\n"
    )


# ----------------------------------------------------------------------------- AsciiDoc

_ADOC_LINKED = re.compile(r"(?:link:|(?=https?://|mailto:))(\S+?)\[([^\]]*)\]")
_ADOC_XREF = re.compile(r"<<[^,>]+(?:,\s*([^>]+))?>>")
_ADOC_ADMONITION = re.compile(r"^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s+")
_ADOC_DELIMITERS = {
    "----": "code",
    "....": "code",
    "____": "quote",
    "****": "plain",
    "====": "plain",
    "--": "plain",
}


def _adoc_inline(text: str) -> str:
    text = re.sub(r"footnote:\[([^\]]*)\]", r" (\1)", text)
    text = re.sub(
        r"(?:link:|(?=https?://|mailto:))(\S+?)\[([^\]]*)\]", lambda m: m.group(2) or m.group(1), text
    )
    text = _ADOC_XREF.sub(lambda m: m.group(1) or "", text)
    text = re.sub(r"\[\[[\w-]+\]\]|\[#[\w-]+\]", "", text)  # anchors
    text = re.sub(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])", r"**\1**", text)
    text = re.sub(r"\{[\w-]+\}", "", text)  # an attribute's reference
    return re.sub(r"\s\+$", "", text)


def asciidoc_to_markdown(text: str) -> str:
    """An AsciiDoc source as Markdown (see the module's docstring)."""
    lines = text.split("\n")
    title = author = date = None
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and _ADOC_TITLE.match(lines[start]):
        title = lines[start].lstrip("= ").strip()
        start += 1
        header: list[str] = []
        while start < len(lines) and lines[start].strip():
            header.append(lines[start].strip())
            start += 1
        for n, line in enumerate(header):
            attribute = re.match(r"^:([\w-]+):\s*(.*)$", line)
            if attribute is not None:
                key, value = attribute.group(1).lower(), attribute.group(2).strip()
                if key == "author" and value:
                    author = value
                elif key == "revdate" and value:
                    date = value
                continue
            if n == 0 and not line.startswith(("//", "[")):
                author = author or re.sub(r"\s*<[^>]*>", "", line).split(";")[0].strip() or None
            elif n == 1 and not line.startswith(("//", "[")):
                revision = re.match(r"^v?[\d.]+\s*,\s*([^:]+)", line)
                date = date or (revision.group(1).strip() if revision else None)
    out: list[str] = []
    block: str | None = None
    fence = ""
    comment = False
    table: list[str] | None = None
    attribution: str | None = None
    for raw in lines[start:]:
        line = raw.rstrip()
        bare = line.strip()
        if comment:
            comment = bare != "////"
            continue
        if bare == "////":
            comment = True
            continue
        if table is not None:
            if bare == "|===":
                out.extend(["", *_adoc_table(table), ""])
                table = None
            else:
                table.append(bare)
            continue
        if block is not None:
            if bare == fence:
                if block == "code":
                    out.append("```")
                if attribution:
                    out.append(f"> — {attribution}")
                    attribution = None
                block = None
                out.append("")
            elif block == "code":
                out.append(line)
            elif block == "quote":
                out.append("> " + _adoc_inline(bare) if bare else ">")
            else:
                out.append(_adoc_inline(line))
            continue
        if bare == "|===":
            table = []
            continue
        if bare in _ADOC_DELIMITERS:
            block, fence = _ADOC_DELIMITERS[bare], bare
            out.append("")
            if block == "code":
                out.append("```")
            continue
        if bare.startswith("//") or re.match(r"^:[\w-]+:(?:\s|$)", bare) or bare == "+":
            continue
        if re.fullmatch(r"\[.*\]", bare):  # a block's attributes; a quote's names its source
            quote = re.match(r"\[(?:quote|verse)\s*,\s*([^,\]]+)", bare)
            attribution = quote.group(1).strip() if quote else None
            continue
        section = _ADOC_SECTION.match(line)
        if section is not None and not bare.endswith("="):
            out.extend(
                ["", "#" * len(section.group(1)) + " " + _adoc_inline(section.group(2)).replace("*", ""), ""]
            )
            continue
        if re.match(r"^\.[A-Za-z0-9]", bare) and not bare.startswith(".."):  # a block's title
            out.extend(["", f"**{_adoc_inline(bare[1:])}**", ""])
            continue
        item = re.match(r"^(\*{1,5}|-|\.{1,5})\s+(.*)$", bare)
        if item is not None:
            marker = "1." if item.group(1).startswith(".") else "-"
            out.append("  " * (len(item.group(1)) - 1) + f"{marker} {_adoc_inline(item.group(2))}")
            continue
        term = re.match(r"^(.+?)::\s*(.*)$", bare)
        if term is not None and not bare.startswith("http"):
            out.append(f"- **{_adoc_inline(term.group(1))}**: {_adoc_inline(term.group(2))}")
            continue
        admonition = _ADOC_ADMONITION.match(bare)
        if admonition is not None:
            out.append(f"{admonition.group(1).capitalize()}: {_adoc_inline(bare[admonition.end() :])}")
            continue
        out.append(_adoc_inline(line))
    if table is not None:
        out.extend(["", *_adoc_table(table)])
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    return _front(title, author, date) + body + "\n"


def _adoc_table(rows: list[str]) -> list[str]:
    """An AsciiDoc table's lines ("|a |b" a row, or a cell a line) as a Markdown table."""
    first = next((r for r in rows if r.startswith("|")), "")
    width = max(first.count("|"), 1)
    cells = [c.strip() for r in rows if r for c in r.split("|")[1:]]
    if not cells:
        return []
    table = [cells[n : n + width] for n in range(0, len(cells), width)]
    lines = [
        "| " + " | ".join(_adoc_inline(c) for c in row + [""] * (width - len(row))) + " |" for row in table
    ]
    lines.insert(1, "|" + "---|" * width)
    return lines


# ----------------------------------------------------------------------------- Markdown notes

_NOTE_LINK = re.compile(r"!?\[\[([^\[\]|#\n]*)(?:#([^\[\]|\n]*))?(?:\|([^\[\]\n]+))?\]\]")
_CALLOUT = re.compile(r"^(\s*>\s*)\[!(\w+)\][+-]?[ \t]*", re.MULTILINE)
# a line of tags: two or more, or one in lower case ("#Introduction" is a heading without its space)
_TAGS_ONLY = re.compile(
    r"^[ \t]*(?:(?:#[A-Za-z][\w/-]*[ \t]+)+#[A-Za-z][\w/-]*|#[a-z][a-z0-9/_-]*)[ \t]*$", re.MULTILINE
)
_TASK = re.compile(r"^(\s*[-*+]\s+)\[([ xX])\]\s+(.*)$", re.MULTILINE)


def notes_markdown(text: str) -> str:
    """Markdown written in a notes app (Obsidian, Logseq, Foam) as the Markdown the parser knows.

    "[[Weekly jobs|week]]" is the words shown ("week"), "[[Hot composting]]" its page's name, an
    embedded "![[picture.png]]" goes; a callout ("> [!TIP] Keep it moist") is a quote that says
    what it is ("Tip: Keep it moist"); a line of tags only ("#compost #garden") goes; a task's
    box ("- [x] move the heap") says whether it is done.
    """
    if "[[" not in text and "[!" not in text and "#" not in text and "- [" not in text:
        return text

    def linked(match: re.Match[str]) -> str:
        if match.group(0).startswith("!"):
            return ""
        shown = match.group(3) or " ".join(p for p in (match.group(1), match.group(2)) if p)
        return shown.strip()

    text = _NOTE_LINK.sub(linked, text)
    text = _CALLOUT.sub(lambda m: f"{m.group(1)}{m.group(2).capitalize()}: ", text)
    text = _TAGS_ONLY.sub("", text)
    return _TASK.sub(lambda m: f"{m.group(1)}{m.group(3)}" + (" (done)" if m.group(2) in "xX" else ""), text)
