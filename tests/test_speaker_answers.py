"""Answers from readings with speakers or senders: threads, chats, debates (issue 20)."""

from __future__ import annotations

import numpy as np

from bot.core.search.index import build_from_seeds
from bot.core.search.ordering import later_replies, turn_openers
from bot.core.search.retrieval import Retriever, calls_self
from bot.core.text.words import content_terms

# messages hours apart: each its own turn (a chat's messages within minutes are one exchange)
CHAT = """12/03/2026, 19:04 - Pip Ardwick: We had a heat pump fitted in October. Is it normal for the \
radiators to only ever feel warm, never hot? The house is comfortable otherwise.
12/03/2026, 20:36 - Grumbleweed: Our bills went up after ours, for what it's worth. Check your tariff \
before anything else.
12/03/2026, 21:49 - Tess Morrow: Completely normal, Pip. A heat pump runs the radiators cooler for \
longer at a low flow temperature, so they feel lukewarm to the touch while the room stays warm.
13/03/2026, 08:15 - Priya Nair: Jumping in as treasurer of the residents' group: we can cover half \
the survey fee for anyone on the estate.
"""

DEBATE = """Assembly Radio: The Glass Deposit Motion

HOST: Good evening. Tonight the motion on glass bottles, with two members of the Assembly.

GIDEON MARSH: I rise to oppose the motion.

Kerbside collection already takes glass in every district, paid for by taxpayers. A deposit scheme \
would build a second, costly system beside it and make shoppers carry bottles back to the shop.

HOST: Farah Iqbal, you disagree.

FARAH IQBAL: I do. Deposits raise return rates above ninety per cent wherever they are tried.

HOST: And the cost to shops?

FARAH IQBAL: Small shops would be paid a handling fee for every bottle they take back.
"""


def _retriever(agora, tmp_path, name: str, text: str) -> Retriever:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_text(text)
    return Retriever(
        build_from_seeds(seeds, agora.embedder, tmp_path / "index", progress=False).index, agora.embedder
    )


def test_a_post_that_asks_is_answered_by_a_reply_a_post_or_two_later(agora, tmp_path):
    retriever = _retriever(agora, tmp_path, "chat.txt", CHAT)
    passages = retriever.index.passages
    # Pip's question is mid-post; Tess answers it after Grumbleweed's aside
    assert later_replies(passages)[0] == [1, 2, 3]
    answer = retriever.ask("is it normal for radiators to only feel lukewarm with a heat pump?")
    assert [h.passage.speaker for h in answer.hits[:2]] == ["Tess Morrow", "Pip Ardwick"]
    # a fact the post gives around its question is the post's own answer
    assert retriever.ask("when was Pip's heat pump fitted?").hits[0].passage.speaker == "Pip Ardwick"


def test_a_turn_s_short_opener_gives_way_to_the_rest_of_the_turn(agora, tmp_path):
    retriever = _retriever(agora, tmp_path, "debate.txt", DEBATE)
    passages = retriever.index.passages
    opener = next(i for i, p in enumerate(passages) if p.text == "I rise to oppose the motion.")
    assert turn_openers(passages) == {opener: [opener + 1]}  # one-paragraph turns have no opener
    hits = retriever.ask("why is Marsh against the motion?").hits
    assert hits[0].passage.text.startswith("Kerbside collection")
    assert hits[1].passage.text == "I rise to oppose the motion."
    # the opener handed its place on: how far the best leads is measured without it
    order = retriever._order
    scores = np.full(len(passages), 0.2, dtype=np.float32)
    scores[opener], scores[opener + 1] = 0.9, 0.5
    moved = order.answers_first(scores, retriever.embedder.encode_queries(["why is Marsh against it?"])[0])
    assert moved[opener + 1] == np.float32(0.9) and order.handed(moved, opener + 1) == [opener]
    assert order.handed(scores, opener + 1) == []  # nothing handed: nothing left out


def test_a_speaker_who_names_their_own_role_answers_who_holds_it(agora, tmp_path):
    assert calls_self("As treasurer I'll be blunt: we cannot carry on.", content_terms("treasurer"))
    assert calls_self("Jumping in as librarian and as a former student.", content_terms("librarian"))
    assert calls_self("I'm the club secretary, for my sins.", content_terms("secretary"))
    # quoted from another message, or someone else's role: not the speaker's own
    assert not calls_self("“As treasurer I'll be blunt.” Thanks, Harriet.", content_terms("treasurer"))
    assert not calls_self("Ask the treasurer, she knows.", content_terms("treasurer"))
    retriever = _retriever(agora, tmp_path, "chat.txt", CHAT)
    answer = retriever.ask("who's the treasurer?")
    assert answer.answered and answer.hits[0].passage.speaker == "Priya Nair"


def test_the_senders_of_a_chat_s_exchange_are_heard_in_it():
    from bot.core.reading.exports import exchange_speakers

    exchange = (
        "Coach Gareth: Two options for the tour.\nDana Price: £410 is a lot\nfor some\nCoach Gareth: Fair."
    )
    assert exchange_speakers(exchange) == ("Coach Gareth", "Dana Price")
    # a meeting's guest keeps the part after their name
    meeting = "Nadia Ferreira: Callum?\nCallum Reddy (Guest): Take it.\nOwen Stradling: Agreed."
    assert exchange_speakers(meeting) == ("Nadia Ferreira", "Callum Reddy (Guest)", "Owen Stradling")
    assert (
        exchange_speakers("Dana Price: only one voice here.") == ()
    )  # a turn is its speaker's, not an exchange
    assert (
        exchange_speakers("Note: the hall is booked.\nWhere: the Corn Exchange") == ()
    )  # field labels, no names
