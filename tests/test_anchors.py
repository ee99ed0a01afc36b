"""Re-matching references when a reading is uploaded again: same, edited, orphaned."""

from __future__ import annotations

from pathlib import Path

from bot.core.reading.passages import parse_document
from bot.core.readings.anchors import EDITED, ORPHANED, SAME, rematch

REPO = Path(__file__).resolve().parent.parent
ESSAY = REPO / "eval" / "readings" / "federalist" / "federalist-78-judiciary-department.txt"


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def parse(paras: list[str], name: str = "essay.txt"):
    return parse_document(name, "Title Of The Essay\n\n" + "\n\n".join(paras) + "\n").passages


def test_edit_remove_add_on_a_real_essay():
    paras = paragraphs(ESSAY.read_text())
    old = parse(paras)
    new_paras = list(paras)
    minor = 10
    new_paras[minor] = new_paras[minor].replace(" the ", " the the ", 1).replace(",", ";", 1)
    rewritten = 14
    new_paras[rewritten] = "This paragraph was written again from the start, in other words entirely."
    removed = new_paras.pop(20)
    new_paras.insert(5, "A new paragraph added by the editor of this corrected edition.")
    new = parse(new_paras)
    result = rematch(old, new)

    by_text = {p.text: p for p in old}
    fate_of = {p.text: result.fates[p.id] for p in old}
    minor_old = next(p for p in old if p.text.startswith(paras[minor][:40].split("\n")[0][:30]))
    assert result.fates[minor_old.id].kind == EDITED
    edited_target = next(p for p in new if p.id == result.fates[minor_old.id].new_id)
    assert "the the" in edited_target.text
    assert fate_of[
        next(t for t in by_text if t.startswith(" ".join(paras[rewritten].split())[:30]))
    ].kind == (ORPHANED)
    assert fate_of[next(t for t in by_text if t.startswith(" ".join(removed.split())[:30]))].kind == ORPHANED
    removed_parts = len([p for p in old if p.text[:40] in " ".join(removed.split())])
    assert removed_parts >= 1
    counts = result.counts()
    assert counts == {
        "same": len(old) - 2 - removed_parts,
        "changed": 1,
        "removed": 1 + removed_parts,
        "added": 2,
    }
    new_text = {p.id: p.text for p in new}
    for p in old:  # every kept reference points at the very same text
        fate = result.fates[p.id]
        if fate.kind == SAME:
            assert new_text[fate.new_id] == p.text


DUP = "We hold these truths to be self-evident, that all are created equal and free."
OTHERS = [
    "The opening paragraph sets out the question the essay means to answer.",
    "A second paragraph before the first copy of the repeated text appears here.",
    "Between the two copies stands a paragraph about something else entirely.",
    "After the second copy the essay draws its conclusion and ends with a flourish.",
]


def test_two_identical_paragraphs_one_edited_never_mis_anchors():
    old = parse([OTHERS[0], OTHERS[1], DUP, OTHERS[2], DUP, OTHERS[3]])
    edited = DUP.replace("equal and free", "equal, and free")
    for which in (2, 4):  # the first copy edited, then the second
        paras = [OTHERS[0], OTHERS[1], DUP, OTHERS[2], DUP, OTHERS[3]]
        paras[which] = edited.replace("free.", "free indeed.")
        new = parse(paras)
        result = rematch(old, new)
        old_copies = [p for p in old if p.text == DUP]
        new_by_id = {p.id: p for p in new}
        untouched = old_copies[1] if which == 2 else old_copies[0]
        touched = old_copies[0] if which == 2 else old_copies[1]
        kept = result.fates[untouched.id]
        assert kept.kind == SAME
        assert new_by_id[kept.new_id].paragraph == untouched.paragraph  # the copy that stayed
        moved = result.fates[touched.id]
        assert moved.kind in (EDITED, ORPHANED)
        if moved.kind == EDITED:
            assert "indeed" in new_by_id[moved.new_id].text  # never the other, identical copy


def test_a_rewrite_is_orphaned_not_pointed_at_a_look_alike():
    near = "The court must never exercise will instead of judgment in any case at all."
    old = parse([OTHERS[0], near, OTHERS[2], near.replace("any case", "a case")])
    new = parse([OTHERS[0], OTHERS[2], near.replace("any case", "a case")])  # the first one removed
    result = rematch(old, new)
    first = old[1]
    assert result.fates[first.id].kind == ORPHANED  # the look-alike is the other paragraph's


def test_nothing_changed_keeps_everything():
    paras = paragraphs(ESSAY.read_text())
    old = parse(paras)
    result = rematch(old, parse(paras))
    assert {f.kind for f in result.fates.values()} == {SAME}
    assert all(f.new_id == f.old_id for f in result.fates.values())
    assert result.added == []
