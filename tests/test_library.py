"""Readings per server and channel: installed from uploads, bound, served; references re-anchored."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from bot.app.library import BINDING_SECONDS, ReadingNotFound
from bot.core.readings.draft import Upload
from bot.core.search.index import build_from_seeds
from bot.core.storage.store import Store

REPO = Path(__file__).resolve().parent.parent
READINGS = REPO / "eval" / "readings"
PAINT = READINGS / "hardwrapped" / "paint-is-not-protection.txt"
FEDERALIST = READINGS / "federalist" / "federalist-78-judiciary-department.txt"
GUILD, CHANNEL, OTHER, THREAD = 11, 21, 22, 23


@pytest.fixture
def library(library_on, database, tmp_path):
    store = Store(database)
    yield library_on(store, tmp_path / "data")
    store.close()


def upload(path: Path, text: str | None = None) -> Upload:
    return Upload(path.name, text.encode() if text is not None else path.read_bytes())


def test_two_channels_answer_from_their_own_readings(library):
    lib = library
    lib.install(lib.propose(GUILD, "paint", [upload(PAINT)]), by_user=1)
    lib.install(lib.propose(GUILD, "federalist", [upload(FEDERALIST)]), by_user=1)
    lib.use(GUILD, CHANNEL, "paint")
    lib.use(GUILD, OTHER, "federalist")
    lanes = lib.agora_for(GUILD, CHANNEL).ask("Why are painted bike lanes not enough?")
    assert lanes.hits[0].passage.document == PAINT.name
    judges = lib.agora_for(GUILD, OTHER).ask("Why should judges hold office during good behaviour?")
    assert judges.hits[0].passage.document == FEDERALIST.name
    # a thread inherits its parent's reading; an unbound channel falls back to the seeds
    assert lib.agora_for(GUILD, THREAD, CHANNEL) is lib.agora_for(GUILD, CHANNEL)
    assert lib.agora_for(GUILD, 99) is lib.agora
    # the server's default reading, for channels with none of their own
    lib.use(GUILD, 0, "federalist")
    lib._bound.clear()
    assert lib.agora_for(GUILD, 99).snapshot.index.passages[0].document == FEDERALIST.name
    # another server does not see this server's readings
    with pytest.raises(ReadingNotFound):
        lib.use(GUILD + 1, CHANNEL, "paint")


def test_the_same_text_gives_the_same_answers_as_the_seeds_folder(library, tmp_path):
    lib = library
    lib.install(lib.propose(0, "fed", [upload(FEDERALIST)]), by_user=None)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(FEDERALIST, seeds / FEDERALIST.name)
    report = build_from_seeds(seeds, lib.agora.embedder, tmp_path / "index", progress=False)
    assert [p.to_json() for p in report.index.passages] == [
        p.to_json() for p in lib.named(GUILD, "fed").snapshot.index.passages
    ]
    from bot.core.search.retrieval import Retriever

    folder = Retriever(report.index, lib.agora.embedder)
    for question in ("What is the weakest branch?", "Can the courts void laws?", "why permanent tenure"):
        mine = lib.named(GUILD, "fed").ask(question)
        theirs = folder.ask(question)
        assert [h.passage.id for h in mine.hits] == [h.passage.id for h in theirs.hits]


def test_a_new_version_re_anchors_stored_references(library):
    lib = library
    store = lib.store
    paras = FEDERALIST.read_text().split("\n\n")
    lib.install(lib.propose(GUILD, "fed", [upload(FEDERALIST)]), by_user=1)
    passages = lib.named(GUILD, "fed").snapshot.index.passages
    by_start = {p.text[:50]: p for p in passages}

    def passage_of(paragraph: str):
        return by_start[" ".join(paragraph.split())[:50]]

    kept, edited, rewritten, removed = (passage_of(paras[i]) for i in (3, 10, 14, 6))
    answers = {}
    for name, p in (("kept", kept), ("edited", edited), ("rewritten", rewritten), ("removed", removed)):
        answers[name] = store.record_answer(
            guild_id=GUILD, channel_id=CHANNEL, user_id=5, question=f"q {name}", passage_id=p.id
        )
    new = list(paras)
    new[10] = new[10].replace(" the ", " the the ", 1)
    new[14] = "This paragraph was written again from the start, in other words entirely."
    del new[6]
    proposal = lib.propose(GUILD, "fed", [upload(FEDERALIST, "\n\n".join(new))])
    counts = proposal.changes.counts()
    assert counts["changed"] == 1 and counts["removed"] >= 2 and counts["added"] == 1
    preview = proposal.draft.preview()
    assert preview.paragraphs == len({(p.document, p.paragraph) for p in proposal.draft.passages})
    # until Confirm, nothing changed
    assert store.answer_record(answers["edited"]).passage_id == edited.id
    lib.install(proposal, by_user=1)
    now = {name: store.answer_record(row).passage_id for name, row in answers.items()}
    new_passages = {p.id: p for p in lib.named(GUILD, "fed").snapshot.index.passages}
    assert lib.loaded() == 1  # the old version's index left memory
    assert now["kept"] == kept.id and kept.id in new_passages
    assert now["edited"] in new_passages and "the the" in new_passages[now["edited"]].text
    assert store.passage_fate(GUILD, now["edited"]) == "edited"
    for name in ("rewritten", "removed"):
        assert now[name] not in new_passages  # never re-pointed to a look-alike
        assert store.passage_fate(GUILD, now[name]) == "orphaned"
    assert store.passage_fate(GUILD, kept.id) is None


def test_list_use_remove(library):
    lib = library
    lib.install(lib.propose(GUILD, "fed", [upload(FEDERALIST)]), by_user=1)
    lib.use(GUILD, CHANNEL, "fed")
    names = {item["name"]: item for item in lib.listing(GUILD)}
    assert names["fed"]["channels"] == [CHANNEL] and names["seeds"]["default"]
    assert lib.remove(GUILD, "fed")
    assert lib.agora_for(GUILD, CHANNEL) is lib.agora
    assert not lib.remove(GUILD, "fed")
    with pytest.raises(ValueError, match="reading's name"):
        lib.use(GUILD, CHANNEL, "no such name!")


def test_another_process_serves_readings_it_did_not_add(library, library_on, database, tmp_path):
    """A second process on the same store (and another machine's data folder) serves the same readings."""
    lib = library
    lib.install(lib.propose(GUILD, "paint", [upload(PAINT)]), by_user=1)
    lib.use(GUILD, CHANNEL, "paint")
    other_store = Store(database)
    try:
        second = library_on(other_store, tmp_path / "elsewhere")
        served = second.agora_for(GUILD, CHANNEL)  # its index is built here, from the stored text
        assert served is not second.agora
        assert (tmp_path / "elsewhere" / "readings").is_dir()
        question = "Why are painted bike lanes not enough?"
        mine = lib.agora_for(GUILD, CHANNEL).ask(question)
        theirs = served.ask(question)
        assert [h.passage.id for h in theirs.hits] == [h.passage.id for h in mine.hits]
        # a new version added by the first process is served by the second within BINDING_SECONDS
        lib.install(lib.propose(GUILD, "paint", [upload(FEDERALIST)]), by_user=1)
        # BINDING_SECONDS pass (an install can take less on a fast machine): what it remembers is old
        second._bound.clear()
        second._digests = {k: (t - BINDING_SECONDS, d) for k, (t, d) in second._digests.items()}
        assert second.agora_for(GUILD, CHANNEL).snapshot.index.passages[0].document == FEDERALIST.name
        assert second.loaded() == 1  # the version it served before left its memory
    finally:
        other_store.close()


def test_one_of_two_identical_paragraphs_edited_never_carries_the_other_s_references(library):
    """The copies' ids shift (the unedited copy takes the first id): references follow their copy."""
    lib, store = library, library.store
    paras = FEDERALIST.read_text().split("\n\n")
    paras.insert(12, paras[5])  # paragraph 5 twice
    said: list[str] = []
    lib.install(lib.propose(GUILD, "fed", [upload(FEDERALIST, "\n\n".join(paras))]), 1, said.append)
    counts = [line for line in said if line.startswith("Embedding")]  # told as the texts are embedded
    done = [tuple(map(int, re.search(r"(\d+) of (\d+) texts", line).groups())) for line in counts]
    assert len(done) >= 2 and done[0][0] < done[-1][0] == done[-1][1]
    text = " ".join(paras[5].split())
    first, second = [p for p in lib.named(GUILD, "fed").snapshot.index.passages if p.text == text]
    rows = {
        copy.id: store.record_answer(
            guild_id=GUILD, channel_id=CHANNEL, user_id=5, question=q, passage_id=copy.id
        )
        for copy, q in ((first, "first copy"), (second, "second copy"))
    }
    edited = list(paras)
    edited[5] = edited[5].replace(" the ", " the the ", 1)  # the first copy, lightly edited
    lib.install(lib.propose(GUILD, "fed", [upload(FEDERALIST, "\n\n".join(edited))]), by_user=1)
    new = lib.named(GUILD, "fed").snapshot.index.passages
    unedited = next(p for p in new if p.text == text)
    assert unedited.id == first.id  # the id the first copy had now names the second
    now_first = store.answer_record(rows[first.id]).passage_id
    now_second = store.answer_record(rows[second.id]).passage_id
    assert now_second == unedited.id and store.passage_fate(GUILD, now_second) is None
    assert now_first != unedited.id  # never carried along onto the other copy
    by_id = {p.id: p for p in new}
    if now_first in by_id:  # re-pointed to the edited copy, marked
        assert "the the" in by_id[now_first].text and store.passage_fate(GUILD, now_first) == "edited"
    else:
        assert store.passage_fate(GUILD, now_first) == "orphaned"


@pytest.mark.parametrize("engine", ["sqlite"])  # the same re-pointing code is run on both engines above
def test_posted_prompts_polls_and_the_deck_follow_a_new_version(library):
    """Prompt ids hash their passage's id: a new version re-points every stored prompt reference."""
    lib, store = library, library.store
    paras = FEDERALIST.read_text().split("\n\n")
    lib.install(lib.propose(GUILD, "fed", [upload(FEDERALIST)]), by_user=1)
    view = lib.named(GUILD, "fed")
    row_of = {" ".join(para.split()): i for i, para in enumerate(paras)}
    text_of = {p.id: p.text for p in view.snapshot.index.passages}
    on_para: dict[int, list] = {}
    for prompt in view.deck():
        if text_of[prompt.passage_id] in row_of:  # a whole paragraph
            on_para.setdefault(row_of[text_of[prompt.passage_id]], []).append(prompt)
    kept, edited, rewritten = [ps[0] for _i, ps in sorted(on_para.items())][:3]
    key = f"{GUILD}:{CHANNEL}"
    for n, prompt in enumerate((kept, edited, rewritten)):
        store.record_prompt(key, prompt.id, 1, "schedule", at=1000.0 + n)
        store.record_poll(
            100 + n,
            guild_id=GUILD,
            channel_id=CHANNEL,
            prompt_id=prompt.id,
            stances={1: "agree"},
            at=1000.0 + n,
        )
        store.add_poll_vote(100 + n, 1, 7)
    store.remove_prompt(GUILD, edited.id, by_user=1)  # moderators took it out of the deck
    new = list(paras)
    i = row_of[text_of[edited.passage_id]]
    new[i] = new[i].replace(edited.quote, "") + " An added closing sentence. " + edited.quote
    new[row_of[text_of[rewritten.passage_id]]] = (
        "Written again from its first word to its last; nothing alike."
    )
    lib.install(lib.propose(GUILD, "fed", [upload(FEDERALIST, "\n\n".join(new))]), by_user=1)
    new_deck = {p.id: p for p in lib.named(GUILD, "fed").deck()}
    ids = [v.prompt_id for v in store.poll_votes(GUILD)]  # oldest poll first: kept, edited, rewritten
    assert ids[0] == kept.id and kept.id in new_deck and store.prompt_fate(GUILD, kept.id) is None
    assert ids[1] != edited.id and ids[1] in new_deck  # the new version's prompt on the edited passage
    assert (
        new_deck[ids[1]].quote == edited.quote and store.prompt_fate(GUILD, ids[1], since=1001.0) == "edited"
    )
    assert ids[2] not in new_deck and store.prompt_fate(GUILD, ids[2]) == "orphaned"
    assert [row[0] for row in store.prompt_history(key)][::-1] == ids  # the rotation too
    assert store.curation(GUILD).removed == {ids[1]}  # still removed, under its new id
    assert store.prompt_fate(GUILD, ids[1], since=time.time()) is None  # not for what came after
