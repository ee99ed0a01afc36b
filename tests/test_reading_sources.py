"""A document's source pasted as written (LaTeX, org-mode, AsciiDoc) reads as the document it prints."""

from __future__ import annotations

from pathlib import Path

from bot.core.reading.passages import parse_document
from bot.core.reading.sources import markup_source

LATEX = r"""\documentclass{article}
\usepackage{booktabs}
% \usepackage{lineno}
\title{Ferry Fares and Island Life\thanks{Draft for the users' forum.}}
\author{Morwenna Tallis \and Joseph Okri}
\date{May 2026}
\begin{document}
\maketitle
\begin{abstract}
Fares rose by 18\% in two years~\cite{ferry2025}.
\end{abstract}
\section{Who travels}
\label{sec:who}
Most crossings are made by islanders (Table~\ref{tab:a}).\footnote{Counted in August.} % check
\begin{itemize}
  \item \textbf{commuters}, who cross daily;
  \item families visiting \emph{the mainland} hospital.
\end{itemize}
\begin{tabular}{lr}
\toprule
Group & Share \\
\midrule
Islanders & 61\% \\
Visitors & 39\% \\
\bottomrule
\end{tabular}
\subsection*{Costs}
A return costs \pounds 14.50 --- more than the bus.
\end{document}
This is after the end.
"""

ORG = """#+TITLE: Orchard Group — Pruning Notes
#+AUTHOR: Fenella Brook
#+DATE: <2026-02-01 Sun>
#+OPTIONS: toc:nil

* Winter pruning
  :PROPERTIES:
  :CUSTOM_ID: winter
  :END:
Prune apples and pears *between November and early March*, never plums.
** TODO Buy new loppers                                             :kit:
   SCHEDULED: <2026-02-10 Tue>
See [[https://example.org/loppers][the shop's page]] for the ones we like.
#+BEGIN_QUOTE
Cut to an outward-facing bud.
#+END_QUOTE
* Trees
| Tree     | Planted |
|----------+---------|
| Bramley  |    1998 |
| Egremont |    2011 |
* Private                                                       :noexport:
Phone numbers of members.
"""

ADOC = """= Plot Holder's Guide
Marisol Penhaligon <secretary@allotments.example>
v2.1, 14 March 2026: water rules
:toc:

// check the fees with the treasurer

== Your plot

Every plot is *ten rods* unless you chose a half plot. See <<water,the water rules>>.

NOTE: Plots must be two-thirds cultivated by 1 June.

[[water]]
== Water

Hoses are not allowed; fill a can at the trough. footnote:[The water bill rose by 40% in 2025.]

[quote, Committee minutes]
____
Every hose doubled what we paid.
____

|===
|Plot |Rent

|Full plot
|£64
|===

----
rent = rods * 6.40
----
"""


def _texts(doc):
    return [p.text for p in doc.passages]


def test_a_latex_source_reads_as_its_document() -> None:
    doc = parse_document("ferry.txt", LATEX)
    assert (doc.title, doc.author, doc.date) == (
        "Ferry Fares and Island Life",
        "Morwenna Tallis, Joseph Okri",
        "May 2026",
    )
    texts = _texts(doc)
    assert "Fares rose by 18% in two years." in texts  # the citation's key and the tie go, the % is a sign
    islanders = next(p for p in doc.passages if p.text.startswith("Most crossings"))
    assert islanders.section == "Who travels"
    assert (
        islanders.text == "Most crossings are made by islanders. (Counted in August.)"
    )  # pointer gone, note kept
    assert any("commuters, who cross daily" in t and "the mainland hospital" in t for t in texts)
    assert any("Islanders" in t and "61%" in t for t in texts)  # the table's rows
    costs = next(p for p in doc.passages if "A return costs" in p.text)
    assert costs.section == "Costs" and costs.text == "A return costs £14.50 — more than the bus."
    joined = "\n".join(texts)
    assert (
        "\\" not in joined
        and "usepackage" not in joined
        and "after the end" not in joined
        and "check" not in joined
    )


def test_an_org_file_reads_as_its_document() -> None:
    doc = parse_document("orchard.txt", ORG)
    assert (doc.title, doc.author, doc.date) == (
        "Orchard Group — Pruning Notes",
        "Fenella Brook",
        "2026-02-01",
    )
    texts = _texts(doc)
    assert "Prune apples and pears between November and early March, never plums." in texts
    assert (
        next(p for p in doc.passages if p.text.startswith("See the shop's page")).section == "Buy new loppers"
    )
    assert any(p.kind == "quote" and p.text == "Cut to an outward-facing bud." for p in doc.passages)
    assert any("Bramley" in t and "1998" in t for t in texts)  # the table, its rule line gone
    joined = "\n".join(texts)
    assert "Phone numbers" not in joined and "PROPERTIES" not in joined and "SCHEDULED" not in joined
    assert "#+" not in joined and ":kit:" not in joined


def test_an_asciidoc_source_reads_as_its_document() -> None:
    doc = parse_document("guide.txt", ADOC)
    assert (doc.title, doc.author, doc.date) == ("Plot Holder's Guide", "Marisol Penhaligon", "14 March 2026")
    texts = _texts(doc)
    assert "Every plot is ten rods unless you chose a half plot. See the water rules." in texts
    assert "Note: Plots must be two-thirds cultivated by 1 June." in texts
    assert any(p.kind == "quote" and p.text.startswith("Every hose doubled") for p in doc.passages)
    assert any("Full plot" in t and "£64" in t for t in texts)
    assert any("(The water bill rose by 40% in 2025.)" in t for t in texts)
    joined = "\n".join(texts)
    assert "rent = rods" not in joined and ":toc:" not in joined and "check the fees" not in joined


def test_prose_markdown_and_wiki_markup_are_not_read_as_a_source() -> None:
    prose = "On Writing\n\nI once typed \\section{Intro} into a letter by mistake.\n\n* a point\n* another\n"
    wiki = "== History ==\n'''Orrin Lido''' opened in [[1937]].\n== Today ==\nIt is open {{as of|2026}}.\n"
    assert markup_source(prose) is None and markup_source(wiki) is None
    for path in sorted(Path("eval/readings").glob("*/*.txt")):
        if path.parent.name.startswith("layout11-"):
            continue  # the sets of these kinds  # the readings of every layout so far
        assert markup_source(path.read_text(encoding="utf-8")) is None, path


def test_markdown_from_a_notes_app_reads_as_its_words() -> None:
    note = (
        "# Compost notes\n\n"
        "Turn the heap every [[Weekly jobs|week]], see [[Hot composting#Method]]. ![[heap.png]]\n\n"
        "> [!TIP] Keep it moist\n> Like a wrung-out sponge.\n\n#compost #garden\n\n#Introduction\n\n"
        "- [ ] buy a second bin\n- [x] move the heap\n"
    )
    texts = [p.text for p in parse_document("compost.md", note).passages]
    assert texts[0] == "Turn the heap every week, see Hot composting Method."  # links are their words
    assert "Tip: Keep it moist Like a wrung-out sponge." in texts  # a callout says what it is
    assert not any("#compost" in t for t in texts)  # a line of tags goes
    assert "• buy a second bin\n• move the heap (done)" in texts  # a task says whether it is done
