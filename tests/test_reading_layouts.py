"""Layouts people paste as they find them: email threads, parliamentary records, judgments, wiki markup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.reading.passages import BYLINE, FRONT, parse_document
from bot.core.reading.wikitext import is_wikitext

THREAD = """From: Harriet Lyle <harriet.lyle@band.example>
To: Committee <committee@band.example>
Date: Mon, 9 Nov 2026 08:14
Subject: Subscriptions - proposal for the AGM

Dear all,

My proposal is an annual subscription of £60, payable in two halves, with a concession rate of £25.

Harriet
(Treasurer, Fenmoor Community Orchestra)

----------------------------------------------------------------------

From: Colm Easterby <colm@band.example>
To: Committee <committee@band.example>
Date: Mon, 9 Nov 2026 12:47
Subject: Re: Subscriptions - proposal for the AGM

On Mon, 9 Nov 2026, Harriet Lyle wrote:
> My proposal is an annual subscription of £60, payable in two halves, with a concession rate of £25.

I think a fixed fee changes what we are. What I won't support is a £60 line on a form.

Colm

From: Harriet Lyle <harriet.lyle@band.example>
Sent: Tuesday, 10 November 2026 09:02
Subject: RE: Subscriptions - proposal for the AGM

Fair enough. Let's see what the librarian thinks.

On Mon, 9 Nov 2026 at 18:30, Priya Venkataraman <librarian@band.example> wrote:
> The county library lends orchestral sets for free if you book six months ahead.
>
> Priya Venkataraman
> Librarian
> 07700 900 123
"""


def test_email_thread_credits_each_message_to_its_sender() -> None:
    doc = parse_document("thread.txt", THREAD)
    by_text = {p.text: p for p in doc.passages}
    assert doc.title == "Subscriptions - proposal for the AGM"
    proposal = next(p for t, p in by_text.items() if t.startswith("My proposal"))
    assert proposal.speaker == "Harriet Lyle"
    assert proposal.section == "Subscriptions - proposal for the AGM"
    reply = next(p for t, p in by_text.items() if "fixed fee" in t)
    assert reply.speaker == "Colm Easterby"
    # the quoted line is read with the reply that answers it, the mail program's lead-in goes
    assert reply.text.startswith("“My proposal is an annual subscription of £60, payable in two halves")
    assert not any("wrote:" in t or t.startswith(("From:", "To:", "Date:", "Subject:")) for t in by_text)
    # the sign-off is the sender's line with their post, never a heading; a bare name goes
    assert "Harriet (Treasurer, Fenmoor Community Orchestra)" in by_text
    signed = by_text["Harriet (Treasurer, Fenmoor Community Orchestra)"]
    assert signed.speaker == "Harriet Lyle" and signed.kind == BYLINE  # who she is, not what she argues
    assert "Colm" not in by_text and all(p.section != "Harriet" for p in doc.passages)
    # a message the thread keeps only as a quote under a reply is its sender's own, signed as such
    library = by_text["The county library lends orchestral sets for free if you book six months ahead."]
    assert library.speaker == "Priya Venkataraman" and library.kind == "body"
    assert by_text["Priya Venkataraman (Librarian)"].speaker == "Priya Venkataraman"  # no telephone
    assert by_text["Fair enough. Let's see what the librarian thinks."].speaker == "Harriet Lyle"


def test_one_email_is_not_a_thread() -> None:
    text = (
        "From: A Writer <a@x.example>\nSubject: Hello\n\nA note about the garden.\n\n"
        "From: the committee, with thanks."
    )
    doc = parse_document("note.txt", text)
    assert all(p.speaker is None for p in doc.passages)


MEMO = """HARROWFIELD BUSES LIMITED
Crossgate Depot, Wharf Road, Harrowfield HF2 7LN

To: All Crossgate and Millbeck employees
From: Neil Ormerod, Managing Director
Date: 6 November 2026
Subject: The ballot - what the company has offered and why

Dear colleague,

Our offer is a 3.1% increase on all basic rates, backdated to 1 April 2026.

Yours sincerely,

Neil Ormerod
"""


def test_a_memos_header_names_its_sender_date_and_subject() -> None:
    doc = parse_document("letter.txt", MEMO)
    assert (doc.author, doc.date) == ("Neil Ormerod", "6 November 2026")
    assert doc.title == "The ballot - what the company has offered and why"
    front = doc.passages[0]
    # the letterhead and the header stay as the text's front lines: whom it went to, who sent it
    assert front.kind == BYLINE and "To: All Crossgate and Millbeck employees" in front.text
    assert "Managing Director" in front.text
    assert all(p.section is None for p in doc.passages)  # the address heads nothing
    # a single email reads the same; a header without a sender is text
    mail = parse_document("mail.txt", "From: Ann Lee <ann@x.example>\nSubject: Hall\n\nThe hall is booked.")
    assert (mail.author, mail.title) == ("Ann Lee", "Hall")
    plain = parse_document("n.txt", "To: the residents\nDate: 3 May\n\nThe hall is booked for Friday.")
    assert plain.author is None


PLAY = """THE CROSSING

CHARACTERS

MORAG    sixties. Skipper of the island ferry.
EUAN     forties. Convener of the community council.

SETTING

A community hall on a Tuesday night. On Thursday the island votes in a ballot: should the
community back the council's plan to replace the ferry with a bridge across the Narrows?

EUAN: You're stacking them. I came to put them out.

MORAG: Then we'll be here all night, won't we. People will want to stand up and shout.

(EUAN puts the box on the trestle table, next to the ballot box. MORAG looks at it.)

MORAG: What's that?

EUAN: The council's summary. Four pages.
"""


def test_a_plays_stage_directions_are_no_ones_words_and_its_wrapped_setting_one_paragraph() -> None:
    doc = parse_document("play.txt", PLAY)
    by_text = {p.text: p for p in doc.passages}
    direction = by_text[
        "(EUAN puts the box on the trestle table, next to the ballot box. MORAG looks at it.)"
    ]
    assert direction.speaker is None
    assert by_text["What's that?"].speaker == "MORAG"
    setting = next(p for p in doc.passages if p.text.startswith("A community hall"))
    assert setting.text.endswith("bridge across the Narrows?")  # one paragraph, not a line each


HANSARD = """OFFICIAL REPORT

DEPOSIT RETURN SCHEME

3.42 pm

Ms Rhiannon Pugh (Carrick North): I beg to move the motion on glass bottles.

A deposit of 20 pence on every bottle would be refunded at any shop.

Mr Alastair Fenwick (Lowther Vale): Will the Member give way?

Ms Pugh: I will.

4.20 pm

The Minister for Environment and Rural Affairs (Dr Helen Sato): The Government agrees with the aim.

Ms Pugh: Will the Minister commit to a review date?

Dr Sato: I will commit to a review within 18 months.

Question put.

The Assembly divided: Ayes 41, Noes 37.

Resolved,

That this Assembly calls for a deposit return scheme.
"""


def test_parliamentary_record_names_ministers_by_office_and_short_labels_in_full() -> None:
    doc = parse_document("hansard.txt", HANSARD)
    speaker = {p.text: p.speaker for p in doc.passages}
    minister = "Dr Helen Sato (The Minister for Environment and Rural Affairs)"
    assert speaker["The Government agrees with the aim."] == minister
    assert speaker["I will commit to a review within 18 months."] == minister
    assert speaker["I will."] == "Ms Rhiannon Pugh (Carrick North)"
    assert speaker["Will the Minister commit to a review date?"] == "Ms Rhiannon Pugh (Carrick North)"
    # the record's own lines are no one's turn, and its "Resolved," runs on into the resolution
    assert speaker["The Assembly divided: Ayes 41, Noes 37."] is None
    assert speaker["Resolved, That this Assembly calls for a deposit return scheme."] is None
    # a time on a line of its own is a stamp, not a section
    assert {p.section for p in doc.passages} == {"Deposit Return Scheme"}


JUDGMENT = """IN THE COUNTY COURT AT HALSTEAD MOOR
Claim No. H27QX114

Before: DISTRICT JUDGE PRIYA OYELARAN

Between:

DESMOND FARRIER
Claimant

and

NIGHTJAR MARKETS LIMITED
Defendant

JUDGMENT
Handed down on 14 March 2026

Introduction

1. This is a claim in private nuisance. Mr Desmond Farrier lives beside the old bus depot, \
where an evening market now runs.

2. Mr Farrier says that the noise from two diesel generators has made his home close to \
unbearable on market nights.

The evidence

3. I heard from Mr Farrier, from his neighbour, and from the market's operations director, \
and from two acoustic consultants.

The law

4. A private nuisance is an unreasonable interference with a person's use and enjoyment of \
his land, judged by the standards of the area.
"""


def test_judgment_header_gives_its_judge_parties_date_and_sentence_case_headings() -> None:
    doc = parse_document("judgment.txt", JUDGMENT)
    assert doc.author == "District Judge Priya Oyelaran"
    assert doc.date == "14 March 2026"
    kinds = {p.text: p.kind for p in doc.passages}
    assert kinds["Between: Desmond Farrier (Claimant) and Nightjar Markets Limited (Defendant)"] == FRONT
    assert kinds["Before: DISTRICT JUDGE PRIYA OYELARAN"] == BYLINE
    section = {p.text[:2]: p.section for p in doc.passages}
    assert (section["1."], section["3."], section["4."]) == ("Introduction", "The evidence", "The law")


def test_a_short_sentence_in_a_text_without_headings_stays_text() -> None:
    text = (
        "We went to the lake.\n\nIt was cold\n\n"
        "The water had frozen at the edges and the children skated along the shore until the light went."
    )
    doc = parse_document("diary.txt", text)
    assert "It was cold" in [p.text for p in doc.passages]


WIKI = """{{Infobox venue
| name            = Orrin Cross Lido
| image           = Orrin_Cross_Lido_1938.jpg
| caption         = The lido in its first full season, 1938
| opened          = 2 July 1937
| pool_length     = 55 m
}}

'''Orrin Cross Lido''' is an open-air swimming pool in [[Fallowfield Park|the park]].\
<ref>Hartwell, J. ''Lidos'' (2011), p. 88.</ref>

== History ==

=== Construction ===
The lido was proposed in 1934 by the borough's medical officer, Dr Samuel Pryce.<!-- check date -->
Construction began in August 1936 on a former clay pit{{citation needed}}.

== Design ==
Facilities include:
* a main pool
* a [[paddling pool|paddling pool]]

{| class="wikitable"
|+ Seasons
! Year !! Swimmers
|-
| 1937 || 11,000
|-
| 2009 || 52,000<ref>Gazette</ref>
|}

== See also ==
* [[List of lidos in England]]

== References ==
<references />

[[Category:Lidos]]
"""


def test_wiki_markup_reads_as_its_article() -> None:
    assert is_wikitext(WIKI)
    assert not is_wikitext("== A line ==\nSome text.\n== Another ==\nMore text without markup.")
    doc = parse_document("lido.txt", WIKI)
    assert doc.title == "Orrin Cross Lido" and doc.date is None  # a fact of the infobox is no date line
    texts = [p.text for p in doc.passages]
    facts = next(p for p in doc.passages if p.kind == FRONT)  # below the prose that says it again
    assert "Opened: 2 July 1937" in facts.text and "Pool length: 55 m" in facts.text
    assert "jpg" not in facts.text and "first full season" not in facts.text  # the picture's fields go
    assert "Orrin Cross Lido is an open-air swimming pool in the park." in texts
    construction = next(p for p in doc.passages if p.text.startswith("The lido was proposed"))
    assert construction.section == "Construction"
    assert "citation needed" not in construction.text and "check date" not in construction.text
    assert "Facilities include:\n• a main pool\n• a paddling pool" in texts  # a list stays a list
    assert (
        "Year: 1937 — Swimmers: 11,000\nYear: 2009 — Swimmers: 52,000" in texts
    )  # a table's rows say what they hold
    joined = "\n".join(texts)
    for gone in ("Hartwell", "List of lidos", "Category", "[[", "'''", "==", "<ref"):
        assert gone not in joined


def test_a_speakers_paragraph_ending_on_a_comma_runs_on_into_the_next() -> None:
    text = (
        "Ms Pugh (Carrick North): I beg to move,\n\nThat this Assembly calls for a deposit scheme.\n\n"
        "Mr Marsh: I oppose it.\n\nMs Pugh: Thank you.\n\nMr Marsh: Dear colleagues,\n\nIt costs too much."
    )
    texts = [p.text for p in parse_document("debate.txt", text).passages]
    assert "I beg to move, That this Assembly calls for a deposit scheme." in texts
    assert "Dear colleagues," in texts  # a salutation stands alone


RULING = """IN THE RESIDENTIAL TENANCIES TRIBUNAL

Case No: RTT/E/2025/04417

Before:
TRIBUNAL JUDGE M. HALLORAN
MS R. OSEI-BONSU (Valuer Member)

Between:

MS CLAIRE FENWICK and MR DAVID FENWICK
Applicants (Tenants)

- and -

HOLLYBANK LETTINGS LIMITED
Respondent (Landlord)

Hearing date: 12 January 2026
Date of decision: 2 February 2026

Background

1. The Applicants rented a two-bedroom flat under an assured shorthold tenancy which began on \
1 September 2022 and ended on 31 August 2025.
"""


def test_a_rulings_header_block_is_its_facts_judges_and_parties() -> None:
    doc = parse_document("ruling.txt", RULING)
    assert doc.author == "Tribunal Judge M. Halloran"
    assert doc.date == "2 February 2026"  # the decision's date, not the hearing's
    kinds = {p.text: p.kind for p in doc.passages}
    assert (
        kinds["Case No: RTT/E/2025/04417\nHearing date: 12 January 2026\nDate of decision: 2 February 2026"]
        == FRONT
    )
    assert kinds["Before: TRIBUNAL JUDGE M. HALLORAN, MS R. OSEI-BONSU (Valuer Member)"] == BYLINE
    parties = next(t for t in kinds if t.startswith("Between:"))
    assert parties.endswith("(Applicants, Tenants) and Hollybank Lettings Limited (Respondent, Landlord)")
    assert next(p for p in doc.passages if p.text.startswith("1.")).section == "Background"
    # a title with a colon is no field: "Ashgrove Towers: Tenant Handbook"
    handbook = parse_document(
        "h.txt", "Ashgrove Towers: Tenant Handbook\n\nWelcome to your new home, and thank you."
    )
    assert not any(p.kind == FRONT for p in handbook.passages)


CHAT = """12/03/2026, 19:02 - Messages and calls are end-to-end encrypted. No one else can read them.
12/03/2026, 19:02 - Coach Gareth created group "Rovers U14 Parents"
12/03/2026, 19:04 - Coach Gareth: Evening all. Two options on the table:
1) Keep it local, about £35 per kid
2) The Dutch tournament, £410 per player
12/03/2026, 19:06 - Dana Price: £410 is a lot for some families
12/03/2026, 19:07 - Dana Price: I'm not saying it wouldn't be amazing
12/03/2026, 19:15 - Helen Ward: <Media omitted>
12/03/2026, 19:20 - Tom Ashworth: This message was deleted
12/03/2026, 19:50 - Coach Gareth added Sam Okoro
[13/03/2026, 08:02:11] Dana Price: Morning. I won't stand in the way.
"""


def test_a_chat_export_credits_each_message_to_its_sender() -> None:
    doc = parse_document("WhatsApp Chat with Rovers U14 Parents.txt", CHAT)
    turns = [(p.speaker, p.text) for p in doc.passages]
    assert turns == [
        (  # messages close in time are one exchange, each sender's turn a line opening with their name
            None,
            "Coach Gareth: Evening all. Two options on the table:\n1) Keep it local, about £35 per kid\n"
            "2) The Dutch tournament, £410 per player\n"
            "Dana Price: £410 is a lot for some families\nI'm not saying it wouldn't be amazing",
        ),
        ("Dana Price", "Morning. I won't stand in the way."),  # the next day: one sender's, theirs
    ]  # the program's own lines and the placeholders of media and deleted messages are gone


SUBTITLES = """1
00:00:01,000 --> 00:00:03,981
Hi, I'm Ruth Okafor. I chair
the Valley Residents' Alliance,

2
00:00:04,472 --> 00:00:07,915
and tonight I want to explain
<i>why</i> we oppose the bypass.

3
00:00:10,234 --> 00:00:11,643
It's called induced demand.

4
00:00:11,765 --> 00:00:14,649
Build more road space, and
it fills up with new traffic.
"""


def test_a_subtitle_file_reads_as_the_talk() -> None:
    doc = parse_document("bypass-talk.en.srt.txt", SUBTITLES)
    assert doc.title == "Bypass Talk" and doc.author == "Ruth Okafor"  # the speaker introduces herself
    first, second = (p.text for p in doc.passages)
    assert first.startswith("Hi, I'm Ruth Okafor. I chair the Valley Residents' Alliance, and tonight")
    assert first.endswith("I want to explain why we oppose the bypass.")  # the cues' tags go
    assert second == "It's called induced demand. Build more road space, and it fills up with new traffic."


PDF_TEXT = """Millbrook Pantry — Impact Report 2025
Page 1 of 3

1. A word from our chair
2025 was the busiest year in the Pantry's eight-year history. We
supported 2,914 households, thanks to the many indi-
viduals who left a bag of tins in our crates, and to our well-
known partners.
I want to be honest that this growth is not something we celebrate.

Millbrook Pantry — Impact Report 2025
Page 2 of 3

2. What we did
• Distributed 61 tonnes of food, of which 22 tonnes was surplus
rescued from supermarkets
• Handed out 4,350 emergency parcels

Millbrook Pantry — Impact Report 2025
Page 3 of 3

3. Looking ahead
We are well-known in the town for opening on Saturdays and want to
keep it that way.
"""


def test_a_pdfs_text_layer_loses_its_page_furniture_and_finds_its_paragraphs() -> None:
    doc = parse_document("report.pdf.txt", PDF_TEXT)
    assert doc.title == "Millbrook Pantry — Impact Report 2025"
    texts = [p.text for p in doc.passages]
    assert not any("Page 2" in t or "Impact Report" in t for t in texts)  # the running header and page lines
    first = next(p for p in doc.passages if p.text.startswith("2025 was"))
    assert first.section == "1. A word from our chair"
    # a word broken at the line's end is whole again; one the text hyphenates elsewhere keeps its hyphen
    assert "the many individuals who left" in first.text and "our well-known partners." in first.text
    assert (
        "I want to be honest that this growth is not something we celebrate." in texts
    )  # a short line ended one
    assert any(
        t.startswith("• Distributed 61 tonnes of food, of which 22 tonnes was surplus rescued") for t in texts
    )


def test_messages_copied_from_discord_are_their_senders() -> None:
    copied = (
        "Dana Price — 12/03/2026 19:04\nThe fee is too high for some families.\nJust saying it.\n"
        "Tom — 12/03/2026 19:06\nI disagree, the trip is worth it.\n"
        "Dana Price — Today at 09:12\nFine, but nobody misses out for money.\n"
    )
    exported = (
        "[12/03/2026 19:04] dana#1234\nThe fee is too high.\n\n[12/03/2026 19:06] tom#0001\nWorth it.\n\n"
        "[12/03/2026 19:09] dana#1234\nOK then.\n"
    )
    passages = parse_document("chat.txt", copied).passages
    assert [(p.speaker, p.text) for p in passages] == [
        (
            None,
            "Dana Price: The fee is too high for some families.\nJust saying it.\n"
            "Tom: I disagree, the trip is worth it.",
        ),
        ("Dana Price", "Fine, but nobody misses out for money."),
    ]  # a message over two lines is one
    texts = [p.text for p in parse_document("chat.txt", exported).passages]
    assert texts == ["dana: The fee is too high.\ntom: Worth it.\ndana: OK then."]  # a user's tag is no name


def test_a_transcripts_title_with_a_colon_is_its_title_not_a_speaker() -> None:
    text = (
        "The Valley Hour: Should the City Ban Wood Stoves?\n\nHOST: Good morning, this is the show.\n\n"
        "ANA: Thank you for having me.\n\nHOST: Should the city ban them?\n\nANA: No, it should not."
    )
    doc = parse_document("show.txt", text)
    assert doc.title == "The Valley Hour: Should the City Ban Wood Stoves?"
    assert {p.speaker for p in doc.passages} == {"HOST", "ANA"}
    # a turn that opens the text stays a turn
    turn = parse_document(
        "t.txt", "HOST: Good morning, this is the Valley Hour.\n\nANA: Thanks.\n\nHOST: Bye."
    )
    assert turn.passages[0].speaker == "HOST"


def test_where_and_when_a_meeting_was_held_is_a_byline_not_a_heading() -> None:
    text = (
        "MINUTES OF THE MEETING OF ASHCOMBE PARISH COUNCIL\n\n"
        "Held on Tuesday 9 September 2025 at 7.30 pm in Ashcombe Village Hall\n\n"
        "Present: Cllr Helen Marsh (Chair), Cllr David Pryce, Cllr Sunita Rao.\n\n"
        "1. Apologies for absence\n\nApologies were received from Cllr James Boyd, who was on holiday."
    )
    doc = parse_document("minutes.txt", text)
    held = next(p for p in doc.passages if p.text.startswith("Held on"))
    assert held.kind == BYLINE and doc.date == "9 September 2025"
    assert all(p.section != held.text for p in doc.passages)  # it heads nothing


def test_a_byline_under_a_wrapped_headers_line_names_the_author() -> None:
    text = (
        "THE PENHALLOW PACKET -- EATING OUT\n\nTHE SALT LOFT, 3 QUAY STREET, PENHALLOW\n"
        "Reviewed by Constance Adebayo-Reid\n\nThe Salt Loft opened in June on the upper floor of the old\n"
        "net store, and the new owners have done a handsome job of the room.\n\nThe menu is designed for\n"
        "sharing, which is restaurant language for small portions at large prices.\n"
    )
    doc = parse_document("review.txt", text)
    assert doc.author == "Constance Adebayo-Reid"
    # a wrapped line of text that opens "by" stays in its paragraph
    essay = (
        "An essay\n\nTrade would never manage to bounce over obstacles put in its way\nby it. That is all.\n"
    )
    assert any("put in its way by it." in p.text for p in parse_document("e.txt", essay).passages)


_PIECES = [
    "== H ==",
    "{{Infobox x",
    "| a = 1",
    "}}",
    "{|",
    "|-",
    "| x || y",
    "|}",
    "'''b'''",
    "[[l|t]]",
    "<ref>r",
    "</ref>",
    "From: A <a@x>",
    "Subject: Re: s",
    "> q",
    "On Mon, 1 Jan 2026, A wrote:",
    "Before:",
    "Between:",
    "12/03/2026, 19:04 - Ann: hi",
    "[12/03/2026 19:04] bob#0001",
    "Ann — Today at 19:04",
    "1",
    "Page 2 of 3",
    "00:00:01,000 --> 00:00:02,000",
    "indi-",
    "viduals",
    "Question put.",
    "Cllr Roe:",
    "word",
    "",
    "•  x",
    "\\documentclass{article}",
    "\\title{T\\thanks{x}",
    "\\section{A}",
    "\\begin{itemize}",
    "\\item x",
    "\\end{itemize}",
    "\\begin{tabular}{lr}",
    "a & b \\\\",
    "\\end{tabular}",
    "\\footnote{",
    "% c",
    "#+TITLE: t",
    "* H :noexport:",
    "** TODO x :tag:",
    ":PROPERTIES:",
    ":END:",
    "#+BEGIN_QUOTE",
    "#+END_SRC",
    "|---+---|",
    "| a | b |",
    "= T",
    "== S",
    "----",
    "|===",
    "[quote, a]",
    "____",
    "////",
    "link:x[y]",
    "Share",
    "Accept all",
    "We and our partners use cookies on this site.",
    "Advertisement",
    "Related stories",
    "© 2026 Echo",
    "Privacy policy",
    "Read more: x",
    "Home",
    "A headline of four words",
    "Jo Bloggs",
    "14 Nov 2026",
    "The article goes on with a sentence of some length, as they do.",
    "Links:",
    "[1] https://x.example",
    "Book now [1]",
    "[a]A comment",
    "Text with a mark[a] in it.",
    "<v Ann Lee>Hello there.</v>",
    "Ann Lee: hi",
    "Ann Lee  9:14 AM",
    "9:16",
    ":tada: 3",
    "Today",
    "u_name",
    "•",
    "4h ago",
    "r/sub",
    "Upvote",
    "Reply",
    "[–]bob 3 points 2 hours ago",
    "permalinkembedsavereportreply",
    "Slide 1",
    "--- Slide 2 ---",
    "Speaker notes:",
    "[Ann Lee] 18:01:12",
    "19:02:11 From Ann Lee to Everyone:",
    "Bob Roe   0:04",
    "'",
    "~",
    "lt was",
    "Hos-",
    "pital",
    "ﬂoor­",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.booleans())
def test_the_layout_readers_take_any_mix_of_their_marks_without_failing(pieces, markdown) -> None:
    text = "\n".join(pieces)
    for name in ("mixed.md" if markdown else "mixed.txt", "mixed.tex", "mixed.org", "mixed.adoc"):
        doc = parse_document(name, text)
        for passage in doc.passages:  # every passage is text a member can be shown
            assert passage.text.strip()


_MARKS = "\\{}[]()<>#*=-_|:;,.•·~'\"%&$@/+^`\n\t 0123456789aAlLtTsSvV"


@settings(max_examples=120, deadline=3000)
@given(st.text(alphabet=st.sampled_from([*_MARKS, "ﬂ", "\u00ad", "–", "é"]), max_size=600))
def test_any_run_of_marks_parses_in_every_layout_without_failing_or_stalling(text) -> None:
    for name in ("x.txt", "x.md", "x.tex", "x.org", "x.adoc", "x.vtt"):
        doc = parse_document(name, text)
        for passage in doc.passages:  # every passage is text a member can be shown
            assert passage.text.strip()


def test_a_name_in_capitals_under_the_last_paragraph_signs_the_text_off() -> None:
    text = (
        "BOOK REVIEWS\n\nFew practices in schooling are as universal as the grade. "
        "The book says it should go.\n\n"
        "The historical argument is weaker than she thinks. Its diagnosis is better than its cure.\n\n"
        "Against Grades is a serious book, and it is clearly written.\n\n"  # a verdict on a work, no bio
        "PRIYA RAMASWAMY\n\nUniversity of Dunbarton\n"
    )
    doc = parse_document("review.txt", text)
    assert doc.author == "Priya Ramaswamy"  # the signature, never dropped as a heading over nothing
    assert any("University of Dunbarton" in p.text and p.kind == BYLINE for p in doc.passages)


def test_a_letter_pasted_from_a_letters_page_is_signed_by_its_writer() -> None:
    """The page's header and the headline come first and "Sir," opens the first paragraph."""
    head = "Letters to the Editor, Marlow Gazette, 2 February 2024\n\nKeep the library in the high street\n\n"
    body = (
        "Sir, I read with dismay that the council intends to move the library. "
        "I have used it for forty years.\n\n"
        "I urge anyone who agrees to respond to the consultation before it closes.\n\n"
    )
    doc = parse_document("01-letter.txt", head + body + "Brenda Okafor, Chapel Street\n")
    assert doc.author == "Brenda Okafor"
    assert doc.passages[-1].kind == BYLINE and doc.passages[-1].text == "Brenda Okafor, Chapel Street"
    # signed with a post and a body before the place
    signed = "Dr Alan Pryce, Chair, Friends of Marlow Library, Station Road\n"
    doc = parse_document("02-letter.txt", head + body + signed)
    assert doc.author == "Dr Alan Pryce"
    # the same last line under a text that is no letter is not read as its signature
    essay = "Keep the library\n\nThe council intends to move the library. It should not.\n\n"
    essay += "Brenda Okafor, Chapel Street\n"
    assert parse_document("essay.txt", essay).author != "Brenda Okafor"


MANUAL = """HEARTHSIDE BM-200 BREAD MAKER
Instruction Manual

TROUBLESHOOTING

Problem: The loaf rose well and then collapsed.
Cause: Too much yeast, or the kitchen was very warm.
Remedy: Use a quarter teaspoon less yeast.

Problem: The crust is too dark.
Cause: Too much sugar, or the dark crust setting.
Remedy: Choose the light crust setting.

Problem: The paddle stays in the loaf.
Cause: The paddle was not greased.
Remedy: Grease it before adding the ingredients.
"""


def test_a_manuals_troubleshooting_labels_are_no_speakers() -> None:
    """'Problem:', 'Cause:', 'Remedy:' lines are a manual's fields, never people's turns."""
    doc = parse_document("manual.txt", MANUAL)
    body = [p for p in doc.passages if "yeast" in p.text or "crust" in p.text or "paddle" in p.text]
    assert body and all(p.speaker is None for p in doc.passages)
    assert any("Remedy: Use a quarter teaspoon less yeast." in p.text for p in body)


CHAIRS_REPORT = """# Thornleigh Cricket Club

## Chair's report to the AGM

Good evening everyone, and thank you for coming out on a wet November night.

A team we cannot fill is not a tradition. I propose we stand the 3rd XI down next season.

Thank you all, and see you at the bar.

**Jonathan Mabey**
Chair, Thornleigh Cricket Club
"""


def test_a_report_signed_with_its_writers_post_names_its_author() -> None:
    doc = parse_document("chairs-report.md", CHAIRS_REPORT)
    assert doc.author == "Jonathan Mabey"
    assert doc.passages[-1].kind == BYLINE  # the signature is no claim of the report's
    # a post with no name signs nothing
    post_only = CHAIRS_REPORT.replace("**Jonathan Mabey**\n", "")
    assert parse_document("notes.md", post_only).author is None


PANEL_REPORT = """Harrowgate Youth Panel on Safer Streets
Final recommendations, March 2026

Recommendation 1: Light the canal towpath
Votes: 24 for, 3 against, 1 abstention
Lead Member: Kofi Mensah

The towpath is the quickest way from the estate to the college, but after dark most of us walk the
long way round by the main road. Lighting the stretch between the two bridges would make the short
route usable all year.

Recommendation 2: Keep the youth centre open on Sundays
Votes: 19 for, 8 against
Lead Member: Ellie Brand

Sunday is the day with nowhere to go. A centre that opens from noon to six would cost less than the
damage to the bus shelters last winter.

Recommendation 3: Put a second bus on the late route
Votes: 27 for, 0 against
Lead Member: Sam Okafor

The last bus leaves the high street at ten to eleven and is full every Friday.

Minority view: Some members felt the money would do more good in school holidays.
"""

FEEDBACK_FORM = """Inter-School Debating Cup: Round 2 feedback
Motion: This House would ban homework for under-12s
Chair adjudicator: Mr T. Alder
Timekeeper: Ms F. Osei
Result: Opposition win
Margin: 3

Proposition
Content: 7/10
Style: 6/10
Strategy: 6/10
Your case rested on the claim that homework widens the gap between families, and you proved it
with the library example, but you never answered the point that practice at home builds habits.

Opposition
Content: 8/10
Style: 7/10
Strategy: 8/10
Your second speaker's rebuttal on habits was the turning point of the debate.
"""


def test_a_forms_field_lines_are_no_speakers_turns() -> None:
    """ "Votes: 24 for, 3 against", "Lead Member: Kofi Mensah", "Content: 7/10" fill a
    form's fields: the paragraphs after them are the document's, not a speaker called "Votes"."""
    for name, text in (("panel.txt", PANEL_REPORT), ("feedback.txt", FEEDBACK_FORM)):
        doc = parse_document(name, text)
        assert all(p.speaker is None for p in doc.passages), (name, {p.speaker for p in doc.passages})
    panel = parse_document("panel.txt", PANEL_REPORT)
    assert any("Votes: 24 for, 3 against" in p.text for p in panel.passages)
    # a real transcript's short answers are still turns
    talk = "Chair: Shall we start?\nDana Price: Yes.\nChair: Then the budget first.\nDana Price: Agreed\n"
    assert {p.speaker for p in parse_document("talk.txt", talk).passages} == {"Chair", "Dana Price"}


WOODS = (
    "The county plans to route the new bypass through Carrow Woods, the last ancient woodland in the "
    "district. An alternative route along the railway would cost a little more and spare the trees."
)
CAMPAIGN_PAGE = f"""Skip to main content
Home  About  Campaigns  Donate  Menu
Search

Save Carrow Woods from the bypass

Started by Leah Winters
1,204 supporters

{WOODS}

We ask the county to publish its comparison of the two routes before the planning meeting in June.

Share this campaign
Facebook  Twitter  Email
"""

PRINT_PROOF = """[PROOF 2 - FOR PRINTER - DL leaflet, 2 sides, black and green]

VOTE MARSH ON 14 MAY

Dear neighbour,

For three years I have knocked on doors in this ward and heard the same thing: the buses stop too
early, the play park floods every winter, and nobody at the council picks up the phone.
"""


def test_a_campaign_page_copied_from_a_browser_is_its_campaign() -> None:
    """A menu copied as one line and "Skip to main content" mark a browser's copy; "Started by" names
    the campaign's author; the supporters' count and the share buttons go."""
    doc = parse_document("campaign.txt", CAMPAIGN_PAGE)
    assert doc.title == "Save Carrow Woods from the bypass" and doc.author == "Leah Winters"
    texts = " ".join(p.text for p in doc.passages)
    assert "ancient woodland" in texts and "comparison of the two routes" in texts
    for furniture in ("Skip to main content", "Donate", "supporters", "Share this", "Facebook"):
        assert furniture not in texts, furniture


def test_a_makers_note_in_brackets_is_not_the_title() -> None:
    doc = parse_document("leaflet.txt", PRINT_PROOF)
    assert doc.title == "Vote Marsh on 14 May"
    assert not any("PROOF" in p.text for p in doc.passages)


COMMITTEE_PAPER = """ACADEMIC BOARD
Meeting of 18 March 2026
Paper AB/26/14

Title: Ending Saturday examinations
Paper from: Professor Helen Marsh, Dean of Students
Purpose: For decision

1. Summary

1.1 This paper proposes that the University stops holding examinations on Saturdays from 2027.
"""

APPLICATION_FORM = """Thornbury Rural Trust - Small Grants Programme 2026
Application form (exported 12/03/2026 14:22)

Reference: TRT-SG-0291
Organisation name: Hesketh Green Men's Shed
Contact name: Alan Pryce
Amount requested: £7,400

1. Tell us about your project

We want to turn the empty forge behind the village hall into a workshop where older men can meet.
"""

TRIBUNAL_HEADER = """Decision of the Housing Standards Tribunal

Case reference HST/2026/0112
Applicant: Mr Tomas Reyes (tenant, Flat 2)
Respondent: Kelso Lettings Ltd

1. The applicant says the flat was damp from the day he moved in.
"""


def test_a_papers_or_forms_header_fields_name_its_author_and_title() -> None:
    """ "Paper from:", "Organisation name:" name who puts the text forward; "Title:" titles it. A party
    named "Applicant:" in a decision is not its writer."""
    paper = parse_document("paper.txt", COMMITTEE_PAPER)
    assert paper.title == "Ending Saturday examinations"
    assert paper.author == "Professor Helen Marsh"  # (her post is no part of her name)
    assert any("proposes that the University stops" in p.text for p in paper.passages)
    form = parse_document("application.txt", APPLICATION_FORM)
    assert form.author == "Hesketh Green Men's Shed"
    assert any("empty forge" in p.text for p in form.passages)
    assert parse_document("decision.txt", TRIBUNAL_HEADER).author != "Mr Tomas Reyes (tenant, Flat 2)"


# a newspaper's page copied from its digital edition: running heads with the page's number, an
# advertisement between two items, a jump to the next page, headlines in capitals with a colon,
# readers' letters ("Q:") answered by the columnist ("A:")
PAPER_PAGE = "\n".join(
    [
        "12 | THE DALESIDE COURIER | THURSDAY, MARCH 5, 2026",
        "",
        "ASK THE VET",
        "Our vet Nadia Rooke answers your questions about pets and livestock.",
        "",
        "CHICKENS: ONE COCKEREL TOO MANY?",
        "",
        "Q: We keep twelve hens and two cockerels in a back garden. The neighbours complain about the "
        "crowing at dawn. Should we rehome one of them, or both?",
        "",
        "A: Rehome one. Two cockerels with twelve hens will fight through the spring, and a single bird "
        "crows less when he has no rival to answer.",
        "",
        "ADVERTISEMENT",
        "FELLSIDE FEEDS · Layers pellets · Free delivery over £40 · 01632 960777",
        "",
        "SHEEP: WORMING IN WINTER",
        "",
        "Q: Is it worth worming the ewes again before lambing?",
        "",
        "A: Only after a faecal egg count. Worming by the calendar breeds resistance, and a count costs "
        "less than a drench.",
        "",
        "Continued on page 13",
        "",
        "13 | THE DALESIDE COURIER | THURSDAY, MARCH 5, 2026",
        "",
        "A: If the count is high, drench only the thin ewes and leave the fit ones alone.",
    ]
)


def test_a_newspaper_pages_furniture_goes_and_its_headlines_are_headings() -> None:
    doc = parse_document("courier-p12-13.txt", PAPER_PAGE)
    texts = [p.text for p in doc.passages]
    assert doc.title == "The Daleside Courier"  # the running head names the paper, not "| the …"
    joined = "\n".join(texts)
    for furniture in ("Continued on page", "DALESIDE COURIER", "FELLSIDE FEEDS", "ADVERTISEMENT"):
        assert furniture not in joined
    # a headline in capitals with a colon heads its item; it is no one's turn
    assert "CHICKENS" not in {p.speaker for p in doc.passages}
    rehome = next(p for p in doc.passages if p.text.startswith("Rehome one."))
    assert (rehome.section, rehome.speaker) == ("Chickens: One Cockerel Too Many?", "A")
    assert any(p.text.startswith("If the count is high") and p.speaker == "A" for p in doc.passages)


# a programme committee's decision as a mail program and a careless copy leave it: HTML entities,
# UTF-8 read as Windows-1252, reviewers' forms with two fields over each report, credits up top
DECISION = "\n".join(
    [
        "Northbridge Festival of Ideas: decision on your talk proposal",
        "",
        "Prepared by: Festival Office",
        "",
        "Dear Dr Price,",
        "",
        "Your proposal &quot;Bees in the city&quot; has been read by two reviewers. The committee&#8217;s "
        "decision is to accept it for the Saturday programme, with the changes the reviewers ask for. "
        "Itâ€™s a strong proposal and we are glad to have it.",
        "",
        "Yours sincerely,Â Festival Office",
        "",
        "Reviewer: A",
        "Recommendation: Accept",
        "",
        "The proposal is clear and the speaker knows the subject. The second half needs a demonstration.",
        "",
        "Reviewer: B",
        "Recommendation: Accept with changes",
        "",
        "Cut the history section by half; the audience will come for the hives on the library roof.",
    ]
)


def test_a_careless_copys_characters_are_mended_and_each_report_heads_its_fields() -> None:
    doc = parse_document("decision.txt", DECISION)
    joined = "\n".join(p.text for p in doc.passages)
    assert 'Your proposal "Bees in the city" has been read' in joined
    assert "The committee’s decision" in joined and "It’s a strong proposal" in joined
    assert "&quot;" not in joined and "Â" not in joined and "â€" not in joined
    # two fields over a report are its heading together: who reviewed, and what they recommend
    cut = next(p for p in doc.passages if p.text.startswith("Cut the history section"))
    assert cut.section == "Reviewer: B; Recommendation: Accept with changes"
    # a credit above the text is a fact about it, never the section of what follows
    assert not any((p.section or "").startswith("Prepared by") for p in doc.passages)
    assert any(p.kind == FRONT and p.text == "Prepared by: Festival Office" for p in doc.passages)


# a club magazine's letters page: letters under their headlines, each signed with a name and where
# the writer is from, some answered by the editor; the same page in plain text and in Markdown
POSTBAG = """Postbag

Write to the editor at the club house. Letters may be shortened.

Keep the courts open in winter

I have played at the club for nine years and every winter the courts close in November. Floodlights
would pay for themselves in two seasons.

Priya Raman, Hillside Road

Editor replies: The committee costed floodlights in 2024 and will look again at the spring meeting.

The fees are too high already

Sir, before we spend on lights, look at what juniors pay. Two children cost more than a gym.

Tom and Ann Keller, Westbury

Editor replies: Junior fees are on the agenda too.
"""


def test_a_letters_pages_letters_are_their_signers_and_the_editors_replies_the_editors() -> None:
    for name, text in [
        ("postbag.txt", POSTBAG),
        ("postbag.md", POSTBAG.replace("\nKeep", "\n## Keep").replace("\nThe fees", "\n## The fees")),
    ]:
        doc = parse_document(name, text)
        said = {p.text.split(".")[0]: p.speaker for p in doc.passages}
        assert said[
            "I have played at the club for nine years and every winter the courts close in November"
        ] == ("Priya Raman"), name
        assert said["Sir, before we spend on lights, look at what juniors pay"] == "Tom and Ann Keller", name
        reply = "Editor replies: The committee costed floodlights in 2024 and will look again at the spring"
        assert said[reply + " meeting"] == "Editor", name
        assert said["Write to the editor at the club house"] is None, (
            name
        )  # the page's own note is no one's letter
        assert not any((p.section or "").startswith(("Priya", "Tom and")) for p in doc.passages), name


def test_one_signed_letter_is_left_to_its_author() -> None:
    text = "Sir,\n\nThe courts should open in winter. Lights would pay for themselves.\n\n"
    text += "Priya Raman, Hillside Road\n"
    doc = parse_document("letter.txt", text)
    assert not any(p.speaker for p in doc.passages)
    assert doc.author == "Priya Raman"


def test_a_paged_pdfs_running_header_and_numbered_footer_are_furniture() -> None:
    pages = [
        "Annual Report 2025\n\nGrants\n\nWHAT THE BOARD BELIEVES\n\n"
        "We gave forty grants this year, most of them to small groups in the valley towns.\n\n"
        "41    HOLLOWAY FOUNDATION | Annual Report 2025\n",
        "Annual Report 2025\n\nGrants\n\n"
        "The board believes that small grants reach people that large ones miss, and will keep them.\n\n"
        "42    HOLLOWAY FOUNDATION | Annual Report 2025\n",
    ]  # two pages: the header and the footer are printed twice
    doc = parse_document("report.txt", "\f".join(pages))
    joined = "\n".join(p.text for p in doc.passages)
    assert "HOLLOWAY FOUNDATION" not in joined and "\f" not in joined
    # the second page's text goes on under the heading it was under, not under the page's header
    assert [p.section for p in doc.passages if "board" in p.text or "forty" in p.text] == [
        "What the Board Believes",
        "What the Board Believes",
    ]


def test_conformed_signatures_are_a_byline_not_headings() -> None:
    text = (
        "ARGUMENT IN FAVOR OF MEASURE B\n\nMeasure B pays for the library's longer hours at a cost of "
        "four dollars a year for the average home. Vote yes.\n\n"
        "s/ MARIA OSEI\nChair, Friends of the Library\n\ns/ TOM BRANDT\nRetired teacher\n\n"
        "ARGUMENT AGAINST MEASURE B\n\nThe library already opens six days a week. Vote no.\n"
    )
    doc = parse_document("pamphlet.txt", text)
    signers = [p for p in doc.passages if p.text.startswith("s/")]
    assert [p.text for p in signers] == [
        "s/ MARIA OSEI, Chair, Friends of the Library",
        "s/ TOM BRANDT, Retired teacher",
    ]
    assert all(p.kind == BYLINE for p in signers)
    assert {p.section for p in doc.passages} <= {
        None,
        "Argument in Favor of Measure B",
        "Argument Against Measure B",
    }


def test_a_workspace_pages_properties_name_its_owner_as_author() -> None:
    text = (
        "# Why the allotments move to online booking\n\nOwner: Hana Brooks\nStatus: Published\n"
        "Tags: members, booking\nLast edited time: 2 March 2026 10:12\n\n"
        "From April every plot is booked online, because the paper list lost three bookings last year.\n"
    )
    doc = parse_document("Why the allotments move 4f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d.md", text)
    assert doc.author == "Hana Brooks"
    assert not any(p.kind == "body" and p.text.startswith("Owner:") for p in doc.passages)
    vet = "Discharge notes\n\nOwner: Mrs Ada Quinn\nPatient: Biscuit (cat)\n\nBiscuit may eat tonight.\n"
    assert parse_document("notes.txt", vet).author != "Mrs Ada Quinn"  # a pet's owner is no writer


# a local wiki's article copied from the browser: the site's lines, an infobox as tabbed fields,
# a numbered contents list, "[edit]" after each heading, citation marks, a table, references
WIKI_COPY = "\n".join(
    [
        "Harrowgate Tide Mill",
        "From Fenland Wiki, the free local encyclopedia",
        "Jump to navigation Jump to search",
        "Harrowgate Tide Mill",
        "Location\tHarrowgate Creek",
        "Built\t1794",
        "Closed\t—",
        "The Harrowgate Tide Mill is a restored tide mill on Harrowgate Creek that grinds flour on "
        "summer weekends.[1]",
        "",
        "Contents  [hide]",
        "1\tHistory",
        "1.1\tRestoration",
        "2\tMillers",
        "3\tReferences",
        "History[edit]",
        "The mill was built in 1794 for the Denby estate and worked until a flood in 1953.[2][3]",
        "Restoration[edit]",
        "Volunteers restored the wheel between 2008 and 2012 with a lottery grant.[4]",
        "Millers[edit]",
        "Name\tFrom\tTo",
        "John Denby\t1794\t1820",
        "Sarah Pike\t1820\t1861",
        "References[edit]",
        "^ Fenland Mills Trust (2019). Tide mills of the east. p. 4.",
        "Categories: Mills in FenlandTide mills",
        "This page was last edited on 2 May 2026, at 10:00.",
    ]
)


def test_a_wiki_page_copied_from_the_browser_reads_as_its_article() -> None:
    doc = parse_document("Harrowgate Tide Mill - Fenland Wiki.txt", WIKI_COPY)
    assert doc.title == "Harrowgate Tide Mill"
    texts = [p.text for p in doc.passages]
    joined = "\n".join(texts)
    for site in (
        "Jump to navigation",
        "From Fenland Wiki",
        "[edit]",
        "Contents",
        "Categories",
        "last edited",
        "[2]",
    ):
        assert site not in joined
    assert "Fenland Mills Trust (2019)" not in joined  # the references list is no text of the article
    assert "Location: Harrowgate Creek\nBuilt: 1794" in texts[0]  # the infobox's facts, none for "—"
    assert "Closed" not in texts[0]
    worked = next(p for p in doc.passages if p.text.startswith("The mill was built in 1794"))
    assert worked.section == "History" and worked.text.endswith("flood in 1953.")
    restored = next(p for p in doc.passages if p.text.startswith("Volunteers restored"))
    assert restored.section == "Restoration"
    assert "Name: Sarah Pike — From: 1820 — To: 1861" in joined


def test_a_browser_copys_skip_link_is_never_the_title() -> None:
    text = (
        "Skip to main content\nSearch the register\nBack to results\n\nTHE OLD CORN MILL, BRIDGE STREET\n\n"
        "Official entry\n\nA water-powered corn mill of 1820, listed for its complete machinery.\n"
    )
    assert parse_document("entry.txt", text).title == "The Old Corn Mill, Bridge Street"


def test_a_talks_audience_reactions_are_no_passages() -> None:
    text = (
        "00:04\nI was paid to cut the verges short for eleven years.\n\n00:09\n(Laughter)\n\n"
        "00:12\nThen we stopped, and the orchids came back.\n\n00:15\n(Applause)\n\n"
        "00:19\n[Audience laughs]\n"
    )
    doc = parse_document("talk.txt", text)
    assert [p.text for p in doc.passages if "(" in p.text or "[" in p.text] == []
    assert any("orchids came back" in p.text for p in doc.passages)


# a branch bulletin (hard-wrapped) whose two cases are each signed under their heading
BULLETIN = """BRANCH BULLETIN 12

1. THE MOTION

The branch opposes the closure of the mobile library and will campaign
against it at the council's budget meeting in February next year.

2. THE CASE FOR THE MOTION
   by Ruth Adeyemi, Mobile Library Driver

The mobile library is the only library that many villages have, and
closing it would leave older readers with no service at all this winter.

3. THE CASE AGAINST THE MOTION
   by Colin Marsh, Branch Treasurer

A campaign we cannot win will cost the branch more than it can spend,
and the members would be better served by a vote on the pay offer.
"""


def test_each_signed_part_is_its_writers_and_neither_is_the_bulletins_author() -> None:
    from bot.core.prompts.holders import part_writers

    doc = parse_document("bulletin.txt", BULLETIN)
    assert doc.author is None  # two parts, two writers: the bulletin itself is the branch's
    cases = {p.section: p for p in doc.passages if p.kind == BYLINE}
    assert set(cases) == {"2. The Case for the Motion", "3. The Case Against the Motion"}
    writers = part_writers(doc.passages)
    said = {p.text.split(",")[0]: writers.get(p.id) for p in doc.passages if p.kind == "body"}
    assert said["The mobile library is the only library that many villages have"] == "Adeyemi"
    assert said["A campaign we cannot win will cost the branch more than it can spend"] == "Marsh"
    motion = next(k for k in said if k.startswith("The branch opposes"))
    assert said[motion] is None


def test_a_heading_in_capitals_keeps_its_references_as_printed() -> None:
    from bot.core.reading.structure import title_case

    assert title_case("ADVISORY OPINION CEAC/2026/14") == "Advisory Opinion CEAC/2026/14"
    assert title_case("ROUTE A38 AND THE M5") == "Route A38 and the M5"
    assert title_case("OBJECTION TO APPLICATION 26/01873/FUL") == "Objection to Application 26/01873/FUL"
    assert title_case("THE 6TH REPORT ON THE 2-IN-1 HEATER") == "The 6th Report on the 2-in-1 Heater"


def test_a_title_pages_by_on_its_own_line_and_a_journals_keeper_name_the_author() -> None:
    pamphlet = (
        "THE STORY OF HOLLOW FARM\nby\nMARGARET A. PENROSE\nPublished by the Hollow Local History Society\n"
        "1958\n\nI. THE FIRST FARM\n\nThere has been a farm at Hollow since at least 1341, when a tenant is "
        "named in the manor's rolls.\n"
    )
    doc = parse_document("scan.txt", pamphlet)
    assert (doc.title, doc.author) == ("The Story of Hollow Farm", "Margaret A. Penrose")
    journal = (
        "The Warden's Log, Fenmoor Reserve, Spring 1952\n\nKept by Tobias Reed, head warden\n\n"
        "3 March 1952\n\n"
        "Walked the sea wall at dawn. Two pairs of avocets back on the north scrape.\n"
    )
    doc = parse_document("log.txt", journal)
    assert doc.author == "Tobias Reed"
    diary = "# Ten Days in the Hebrides\n\n*A travel diary by Ruth Okafor, kept in May 2024.*\n\n## Oban\n\n"
    diary += "Rain all day.\n"
    assert parse_document("diary.md", diary).author == "Ruth Okafor"
    assert not any((p.section or "").startswith("Kept by") for p in doc.passages)


def test_an_rfc_header_gives_its_title_authors_and_date() -> None:
    text = (
        "Harbour Radio Club                                            A. Mensah\n"
        "Request for Comments: 12                                      J. K. Ferris\n"
        "Category: Informational                                       June 2026\n"
        "\n"
        "          Quiet Channels for Club Nets\n"
        "\n"
        "1. Introduction\n"
        "\n"
        "   This memo describes how club nets keep two channels quiet during storms.\n"
    )
    doc = parse_document("hrc-rfc-12.txt", text)
    assert (doc.title, doc.author, doc.date) == (
        "Quiet Channels for Club Nets",
        "A. Mensah and J. K. Ferris",
        "June 2026",
    )


def test_a_meetings_date_and_place_fields_are_no_table_of_contents() -> None:
    text = (
        "HILLSIDE ALLOTMENT SOCIETY\n\nMINUTES OF THE SPRING MEETING\n\n"
        "Date: Tuesday 3 March 2026, 7 pm\nPlace: Church Hall (back room), Hillside\n\n"
        "Present: Ann Pell (Chair), Tom Reed (Treasurer), and eleven members.\n\n"
        "1. WATER\n\nThe new trough by plot 14 is working and the leak has been fixed.\n"
    )
    joined = "\n".join(p.text for p in parse_document("minutes.txt", text).passages)
    assert "Date: Tuesday 3 March 2026, 7 pm" in joined and "Church Hall (back room)" in joined
