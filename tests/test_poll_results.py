"""A daily prompt's poll result: read from Discord's finalised poll, posted once in its thread."""

from __future__ import annotations

from bot.app.poll_results import finished_poll, render_result, result_post
from bot.core.storage.store import Store


def poll_message(
    counts: dict[int, int], *, final: bool = True, answers=("Agree", "Disagree", "Not sure")
) -> dict:
    return {
        "id": "555",
        "poll": {
            "question": {"text": "Is Hamilton right that the courts must declare the sense of the law?"},
            "answers": [{"answer_id": i, "poll_media": {"text": a}} for i, a in enumerate(answers, start=1)],
            "results": {
                "is_finalized": final,
                "answer_counts": [{"id": i, "count": n, "me_voted": False} for i, n in counts.items()],
            },
        },
    }


def test_votes_per_answer_and_the_share_of_each_side():
    tally = finished_poll(poll_message({1: 6, 2: 2, 3: 4}))
    assert tally.counts == (("Agree", 6), ("Disagree", 2), ("Not sure", 4)) and tally.total == 12
    text = render_result(tally)
    assert text.startswith("**The poll has closed.** Is Hamilton right")
    assert "• Agree: 6 votes (50%)" in text and "• Not sure: 4 votes (33%)" in text
    assert "Of the 8 who took a side: Agree 75% · Disagree 25%." in text and "12 votes in all." in text
    # answers nobody chose are missing from Discord's counts; two-sided polls name the sides
    sides = finished_poll(
        poll_message({2: 1}, answers=("Side with critics", "Side with Hamilton", "Not sure"))
    )
    assert sides.counts == (("Side with critics", 0), ("Side with Hamilton", 1), ("Not sure", 0))
    assert "Side with critics 0% · Side with Hamilton 100%" in render_result(sides)
    assert "Nobody voted" in render_result(finished_poll(poll_message({})))
    assert finished_poll(poll_message({1: 1}, final=False)) is None
    assert finished_poll({"id": "1", "content": "no poll"}) is None


def test_a_result_is_posted_once_in_the_prompts_thread(tmp_path):
    store = Store(tmp_path / "agora.sqlite3")
    try:
        post = store.start_post(1_234_567_890_123_456_789, 42)
        store.finish_post(post, "posted", message_id=555, thread_id=555)
        target, text = result_post(store, 555, 1_234_567_890_123_456_789, poll_message({1: 1}))
        assert target == 555 and "• Agree: 1 vote (100%)" in text
        assert result_post(store, 555, 1_234_567_890_123_456_789, poll_message({1: 1})) is None  # once
        assert result_post(store, 556, None, poll_message({1: 1})) is None  # not a prompt of ours
    finally:
        store.close()
