"""Exports people paste next: meeting transcripts with voices, Slack and Reddit copies, slide decks."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.reading.exports import slide_deck, turn_speaker
from bot.core.reading.forums import reddit_thread
from bot.core.reading.passages import parse_document

DATA = Path(__file__).parent / "data" / "exports"


def _doc(name: str):
    return parse_document(name, (DATA / name).read_text(encoding="utf-8"))


def _turns(name: str) -> list[tuple[str | None, str]]:
    return [(p.speaker, p.text) for p in _doc(name).passages]


def test_a_teams_transcripts_voice_tags_name_its_speakers() -> None:
    # cues close together are one exchange (a meeting's short turns keep what they answer): each turn
    # a line opening with its speaker's name
    assert _turns("teams.vtt") == [
        (
            None,
            "Ines Varga: So the budget for the fair is two thousand pounds this year, "
            "which is the same as last year.\n"
            "Tomás Ruiz: And the bouncy castle? That was six hundred on its own.\n"
            "Ines Varga: We're dropping it. Too expensive, and the insurance went up.",
        )
    ]


def test_a_zoom_transcripts_labels_name_its_speakers_and_one_speakers_paragraph_is_theirs() -> None:
    turns = _turns("zoom.vtt")
    assert turns[0] == (
        "Gareth Lloyd",
        "Right, welcome everyone to the allotment committee. First item is the water bill. "
        "It went up by forty percent last year, so we need to talk about hoses.",
    )  # a pause after a sentence's end: the next paragraph
    assert turns[1] == (
        None,
        "Nadia Sultan: Can I say, most of that is two plots that leave sprinklers on overnight. "
        "I've seen it myself on plot 12.\n"
        "Gareth Lloyd: OK. I propose we ban hoses from May to September.\n"
        "Bill Okafor: I'll second that.",
    )


def test_a_slack_copy_credits_each_message_to_its_sender_without_slacks_own_lines() -> None:
    doc = _doc("slack.txt")
    assert doc.title == "#food-bank-rota"
    assert [(p.speaker, p.text) for p in doc.passages] == [
        (
            None,
            "Marcus Webb: Heads up: the Co-op on Station Road can't do the Friday surplus pickup any more. "
            "From next week it's Saturday at 8:00 instead.\n"
            "Lena Park: That clashes with the Saturday sort. Can we get a second driver?\n"
            "Marcus Webb: Sam offered, but his van insurance runs out at the end of the month\n"
            "so it would only be for two weeks",  # a bare time: the sender's next message
        ),
        (
            None,
            "Sam Idowu: Update: renewed the insurance this morning\nI can do Saturdays until Christmas.\n"
            "Lena Park: Brilliant, thank you Sam. I'll move the sort to 9:30 so you have time to get back.",
        ),
    ]  # reactions, reply counts, "(edited)", day dividers and the join notice are gone


def test_a_reddit_thread_is_its_posters_words_under_the_posts_title() -> None:
    doc = _doc("reddit.txt")
    assert doc.title == "Is a 12 mile commute each way realistic for a beginner?"
    assert doc.author == "pedal_pusher_88"  # the thread's poster
    speakers = [p.speaker for p in doc.passages if p.kind != "byline"]
    assert speakers == ["pedal_pusher_88", "grimpeur_gwen", "pedal_pusher_88", "towpath_tom"]
    assert doc.passages[1].text.startswith("Just got a job across town")  # the flair ("Commuting") goes
    joined = "\n".join(p.text for p in doc.passages)
    for noise in ("Upvote", "Downvote", "Reply", "Share", "Award", "211", "more replies", "Sort by"):
        assert noise not in joined


def test_an_old_reddit_thread_reads_the_same_way() -> None:
    doc = _doc("old-reddit.txt")
    assert doc.title == "Should parish councils livestream meetings?" and doc.author == "civic_minded_cat"
    assert [p.speaker for p in doc.passages if p.kind != "byline"] == [
        "civic_minded_cat",
        "longtime_clerk",
        "civic_minded_cat",
        "meadow_vole",
    ]
    assert not any("permalink" in p.text or "comments" in p.text for p in doc.passages)


def test_a_slide_decks_slides_are_sections_with_their_notes() -> None:
    doc = _doc("deck.txt")
    assert doc.title == "Friends of Hollin Woods"
    notes = next(p for p in doc.passages if p.text.startswith("The council has agreed"))
    assert notes.section == "The path problem"
    assert any(p.kind == "list" and "1,240 trees planted" in p.text for p in doc.passages)
    assert not any("Slide" in p.text or "Notes:" in p.text for p in doc.passages)


def test_a_decks_title_slide_names_its_presenter_and_date_and_markitdown_decks_read_alike() -> None:
    # a title slide left unmarked, before "Slide 2": the deck's title, occasion, date and presenter
    doc = _doc("deck-untitled.txt")
    assert (doc.title, doc.author, doc.date) == (
        "Preparing Hives for Winter",
        "Ruth Ashdown",
        "9 September 2026",
    )
    front = doc.passages[0]
    assert "Wednesday 9 September 2026, Fenwold Village Hall" in front.text
    assert next(p for p in doc.passages if p.text.startswith("Most losses")).section == "Why colonies die"
    # MarkItDown's text of a PowerPoint file: the same, its footer and slide numbers gone
    deck = parse_document("deck.md", (DATA / "deck-markitdown.md").read_text(encoding="utf-8"))
    assert (deck.title, deck.author, deck.date) == ("Repair Café", "Sam Okafor", "3 December 2026")
    texts = [p.text for p in deck.passages]
    assert not any("Brightwell Repair Café | Community" in t or t.strip() == "2" for t in texts)
    glance = next(p for p in deck.passages if p.section == "Year one at a glance" and p.kind == "list")
    assert "1,212 repairs" in glance.text and "64% of items fixed first time" in glance.text
    notes = next(p for p in deck.passages if p.text.startswith("Most repairs"))
    assert notes.section == "Year one at a glance"
    assert any("Toaster" in t and "160" in t for t in texts)  # the table's rows kept


def test_a_compact_reddit_copy_is_its_posters_words() -> None:
    # "u/name • 3d" over each comment, "Reply • 211" under it: the app's and compact view's copy
    doc = _doc("reddit-compact.txt")
    assert doc.title == "Should the old branch line become a cycle path?"
    said = {(p.speaker, p.text.split("\n")[0][:20]) for p in doc.passages if p.speaker}
    assert ("hedgerow_hannah", "I'm against a lit ta") in said
    assert ("Drainage_Dave", "Nobody has costed th") in said
    texts = " ".join(p.text for p in doc.passages)
    assert "Reply •" not in texts and "148 comments" not in texts
    assert all(p.section is None for p in doc.passages)  # no score line heads the comments after it


def test_texts_that_only_mention_slides_or_reddit_are_left_alone() -> None:
    text = "Slide 1 of the report shows growth.\n\nSlide 3 shows the fall.\n\nSlide 2 was cut.\n"
    assert slide_deck(text) is None
    assert reddit_thread(["I read it on reddit", "2 days ago", "someone said so", "Reply", ""]) is None
    for path in sorted(Path("eval/readings").glob("*/*.txt")):  # every layout read so far
        if re.search(r"slides|deck|reddit", path.parent.name):
            continue  # (the labelled sets of those kinds)
        text = path.read_text(encoding="utf-8")
        assert slide_deck(text) is None and reddit_thread(text.split("\n")) is None, path


def test_an_exchanges_turn_names_who_says_each_line() -> None:
    text = "Dana Price: The fee is too high.\nJust saying it.\ntom: Worth it."
    assert turn_speaker(text, text.index("Just")) == "Dana Price"  # a turn runs on over its lines
    assert turn_speaker(text, text.index("Worth")) == "tom"
    assert turn_speaker("Note: one.\nNote: two.", 3) is None  # one label twice is no exchange
    assert turn_speaker("As the poster says: keep right.\nAnd: so on.", 3) is None  # not names


def test_a_meetings_saved_chat_and_transcripts_read_as_exchanges() -> None:
    chat = _doc("zoom-chat.txt")  # "19:02:11 From Carys Vaughan to Everyone:" over each message
    assert chat.passages[0].text.startswith(
        "Carys Vaughan: Can everyone see the agenda? I've put the link in the notes.\n"
        "Hamid Rezaei: Yes, all good here\n"
    )
    assert "Hamid Rezaei: agree with you tbh" in chat.passages[0].text  # a direct message too
    teams = _doc("teams-transcript.txt")  # "Fatima Zahra   0:04": seconds into the call, not a time of day
    assert teams.title == "Budget review call"
    assert [p.text.split(":")[0] for p in teams.passages] == ["Fatima Zahra"]  # one exchange
    assert "Dylan Price: Then we use the reserve fund and top it up next year." in teams.passages[0].text
    zoom = _doc("zoom-transcript.txt")  # "[Ana Lima] 18:01:12"
    assert zoom.passages[0].text.startswith("Ana Lima: Welcome everyone to the residents' association.")
    assert "Derek Holt: Then let's draft it tonight." in zoom.passages[0].text


def test_a_teams_chat_a_slack_apps_post_and_zoom_display_names_read_as_their_senders() -> None:
    teams = "[10:32 AM] Smith, John\nCan we move the stand-up to 10?\n[10:33 AM] Okafor, Ada\nFine by me.\n"
    teams += "[10:35 AM] Smith, John\nGreat, moved.\n"
    assert [p.text for p in parse_document("chat.txt", teams).passages] == [
        "John Smith: Can we move the stand-up to 10?\nAda Okafor: Fine by me.\nJohn Smith: Great, moved."
    ]  # a directory's "Smith, John" is John Smith
    slack = "Google Calendar  APP  9:00 AM\nBoard meeting at 10.\nRuth Ibe  9:02 AM\nI'll be late.\n"
    slack += "Ben Cole  9:03 AM\nNoted.\n"
    assert parse_document("slack.txt", slack).passages[0].text.startswith("Google Calendar: Board meeting")
    cues = [("john.smith", "Hello everyone, thanks for joining."), ("ada.okafor", "Happy to be here.")]
    cues.append(("john.smith", "Let us begin with the budget."))
    vtt = "WEBVTT\n\n" + "".join(
        f"{n}\n00:00:{2 * n + 1:02d}.000 --> 00:00:{2 * n + 2:02d}.500\n{who}: {said}\n\n"
        for n, (who, said) in enumerate(cues)
    )
    assert [
        p.text for p in parse_document("call.vtt", vtt).passages
    ] == [  # Zoom's display names label the turns
        "john.smith: Hello everyone, thanks for joining.\nada.okafor: Happy to be here.\n"
        "john.smith: Let us begin with the budget."
    ]
