"""Answering questions from the index: hybrid dense + lexical scoring, sentence-level.

A passage's score blends three signals:
- the cosine between the question and the whole passage,
- the best cosine between the question and any one sentence of the passage (a paragraph
  that answers in one sentence is not diluted by its other sentences),
- BM25 over stemmed content words (names, dates and rare terms the embedding blurs).

Whether the reading covers a question is decided relative to the reading itself: the
question's best score is compared with the scores that a fixed set of unrelated probe
questions reach on the same reading (computed once per index), so one setting works for
readings of any subject and length.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.core.models.calibration import Calibration, calibration_for
from bot.core.reading.documents import DocumentNames, Mention, strip_mentions
from bot.core.reading.passages import Passage
from bot.core.reading.structure import PLACE_DATE
from bot.core.search.embedder import Encoder
from bot.core.search.focus import Need, asks_quantity, gives_quantity, need_of, subject_of
from bot.core.search.followup import MORE, OTHER, WHY, Exchange, follow_up_kind, in_context, leans_on_previous
from bot.core.search.index import Index
from bot.core.search.intents import (
    ANSWER_TYPE_BONUS,
    ANSWER_TYPES,
    ASKS_FOR_CALL,
    AT_WRITING,
    CALL,
    CONCLUSION,
    METADATA_TERMS,
    calls_on,
    intent_of,
    strip_meta_words,
)
from bot.core.search.null import PROBES, ReadingNull, measure
from bot.core.search.rebuttal import ABOUT_VIEW, reply_to
from bot.core.search.rebuttal import MARGIN as REPLY_MARGIN
from bot.core.search.rerank import CANDIDATES as RERANK_CANDIDATES
from bot.core.search.rerank import Reranker
from bot.core.search.scoring import BM25, blend, searchable
from bot.core.search.summary import is_summary_question, summary_rows
from bot.core.text.safe import clean_input
from bot.core.text.words import content_terms

MAX_QUESTION_CHARS = 1000
_ABOUT_DOCUMENT = ("author", "background", "title", "views")  # answered whatever the score

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A capitalised word that does not open the question or a sentence: likely a name.
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)(?<![\w'’-])([A-Z][a-z]+(?:[A-Z][a-z]+)*|[A-Z]{2,})\b")


class QuestionError(ValueError):
    """A question Agora cannot answer as asked (empty, for instance)."""


@dataclass
class Hit:
    """One passage in an answer."""

    passage: Passage
    score: float
    marked: tuple[int, ...] = ()  # indexes of the sentences that answer the question

    def to_json(self) -> dict[str, object]:
        """The JSON form used by `agora ask --json`."""
        p = self.passage
        return {
            "id": p.id,
            "document": p.document,
            "title": p.title,
            "section": p.section,
            "paragraph": p.paragraph,
            "part": p.part,
            "kind": p.kind,
            "text": p.text,
            "score": round(float(self.score), 4),
            "marked": [
                p.text[p.sentences[i][0] : p.sentences[i][1]] for i in self.marked if i < len(p.sentences)
            ],
        }


@dataclass
class Answer:
    """What Agora found for a question."""

    question: str
    answered: bool
    hits: list[Hit]
    confidence: str  # "high" | "medium" | "low" | "none"
    notes: list[str] = field(default_factory=list)
    nearest: list[str] = field(default_factory=list)  # topics the reading does cover
    about: str | None = None  # "title" / "author" / "summary" when answered about the document
    documents: list[str] = field(default_factory=list)  # documents the question named
    follows: str | None = None  # the previous question, when read as a follow-up to it

    def to_json(self) -> dict[str, object]:
        """The JSON form used by `agora ask --json`."""
        return {
            "question": self.question,
            "answered": self.answered,
            "confidence": self.confidence,
            "passages": [h.to_json() for h in self.hits],
            "nearest_topics": self.nearest,
            "notes": self.notes,
            "about": self.about,
            "documents": self.documents,
            "follows": self.follows,
        }


def clean_question(question: str | None) -> tuple[str, list[str]]:
    """Validate a question; trim an over-long one (with a note). Raise QuestionError if empty."""
    text = " ".join(clean_input(question).split())
    if not text:
        raise QuestionError("The question is empty: ask something about the reading.")
    notes = []
    if len(text) > MAX_QUESTION_CHARS:
        notes.append(
            f"Your question was {len(text):,} characters; only the first {MAX_QUESTION_CHARS:,} were used."
        )
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
    return text, notes


class Retriever:
    """Scores passages of a loaded index for questions.

    Small readings are scored exhaustively. Above ``EXHAUSTIVE_LIMIT`` passages, candidates
    come from the FAISS indexes (best passages, best sentences) and from BM25, and only
    those are scored in full, so a question costs about the same at 100k passages as at 1k.
    """

    def __init__(
        self,
        index: Index,
        embedder: Encoder,
        previous: Retriever | None = None,
        reranker: Reranker | None = None,
        calibration: Calibration | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        fingerprint = getattr(embedder, "fingerprint", None)
        self.calibration = calibration or calibration_for(embedder.name, fingerprint)
        self.reranker = reranker if reranker is not None or previous is None else previous.reranker
        n = len(index.passages)
        owners = index.sentence_owner
        # sentences are stored passage by passage: the first sentence row of each passage
        self._sentence_starts = np.searchsorted(owners, np.arange(n))
        self._sentence_ends = np.append(self._sentence_starts[1:], len(owners))
        self._units = [u for p in index.passages for u in p.embedding_texts()]
        # Whether each sentence offers each answer type: -1 until first needed, then 0 or 1.
        self._type_flags = [np.full(len(self._units), -1, dtype=np.int8) for _ in ANSWER_TYPES]
        self._offer_cache: dict[str, np.ndarray] = {}
        known = index.terms or (previous._terms if previous is not None else {})
        self._terms = {p.id: known.get(p.id) or content_terms(searchable(p)) for p in index.passages}
        # the build's BM25 when this index was just built (the same terms), else made here
        fresh = index.bm25 is not None and index.terms is not None
        self._bm25 = index.bm25 if fresh else BM25([self._terms[p.id] for p in index.passages])
        self._doc_titles = {d["path"]: d for d in index.documents}
        self._row_of = {p.id: row for row, p in enumerate(index.passages)}
        self._body_rows: dict[str, list[int]] = {}
        self._doc_rows: dict[str, list[int]] = {}
        for row, p in enumerate(index.passages):
            self._doc_rows.setdefault(p.document, []).append(row)
            if not p.is_meta:
                self._body_rows.setdefault(p.document, []).append(row)
        self._names = DocumentNames(index.documents, self._documents_using)
        capitalised: set[str] = set()
        lower: set[str] = set()
        for p in index.passages:
            for w in _WORD.findall(searchable(p)):
                if w[0].isupper():
                    capitalised.add(w.lower())
                else:
                    lower.add(w.lower())
        self._words = lower | capitalised
        self._names_used = capitalised - lower  # names: capitalised, never in lower case
        # A document's own metadata (title, author) counts as words the reading mentions.
        named_by = [str(d.get(key) or "") for d in index.documents for key in ("title", "author")]
        self._words |= {w.lower() for name in named_by for w in _WORD.findall(name)}
        self._metadata_terms = {t for name in named_by for t in content_terms(name)}
        self._meta = np.array([p.is_meta for p in index.passages], dtype=np.float32)
        self._byline = np.array([p.kind == "byline" for p in index.passages], dtype=np.float32)
        self._answers = _turn_answers(index.passages)  # a question's row → its answer's row
        self._replies_to: dict[int, tuple[list[int], bool] | None] = {}  # an objection's row → its reply
        self._writer_rows: np.ndarray | None = None  # passages about their document's author
        self._replies = _turn_answers(index.passages, questions_only=False)
        self._exhaustive = n <= EXHAUSTIVE_LIMIT
        self._null = self._reading_null()
        self._cutoff = self._null.cutoff(self.calibration)

    # ------------------------------------------------------------------ scoring

    def candidates(self, q: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        """Rows worth scoring in full: all of them for a small reading."""
        n = len(self.index.passages)
        if self._exhaustive:
            return np.arange(n)
        best_lexical = np.argpartition(-lexical, LEXICAL_CANDIDATES)[:LEXICAL_CANDIDATES]
        found = [best_lexical[lexical[best_lexical] > 0]]
        _, rows = self.index.search_passages(q, PASSAGE_CANDIDATES)
        found.append(rows[rows >= 0])
        _, sentence_rows = self.index.search_sentences(q, SENTENCE_CANDIDATES)
        found.append(self.index.sentence_owner[sentence_rows[sentence_rows >= 0]])
        return np.unique(np.concatenate(found))

    def scores(self, question: str, q_vec: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Blended scores for every passage (-inf where not a candidate), and the question vector."""
        q = self.embedder.encode_queries([question])[0] if q_vec is None else q_vec
        lexical = self._bm25.scores(content_terms(question))
        rows = self.candidates(q, lexical)
        vectors = self.index.passage_vectors
        dense_p = (vectors if len(rows) == len(vectors) else vectors[rows]) @ q
        best_s = self._best_sentences(rows, q, question)
        blended = np.full(len(self.index.passages), -np.inf, dtype=np.float32)
        blended[rows] = self._blend(dense_p, best_s, lexical[rows], self._bm25.coverage(question))
        return blended, q

    def _best_sentences(self, rows: np.ndarray, q: np.ndarray, question: str) -> np.ndarray:
        """Each row's best sentence cosine (plus the answer-type bonus)."""
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        if len(rows) == len(self.index.passages):  # every passage: no need to gather rows
            offsets = self._sentence_starts
            units = np.arange(len(self.index.sentence_vectors))
            sims = self.index.sentence_vectors @ q
        else:
            starts, ends = self._sentence_starts[rows], self._sentence_ends[rows]
            counts = ends - starts
            offsets = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
            units = np.repeat(starts - offsets, counts) + np.arange(int(counts.sum()))
            sims = self.index.sentence_vectors[units] @ q
        for flags, (asks, offers) in zip(self._type_flags, ANSWER_TYPES, strict=True):
            if asks.search(question):
                unknown = units[flags[units] < 0]
                for unit in unknown.tolist():
                    flags[unit] = bool(offers.search(self._units[unit]))
                sims = sims + ANSWER_TYPE_BONUS * flags[units]
        return np.maximum.reduceat(sims, offsets)

    def sentence_scores(self, row: int, q: np.ndarray) -> np.ndarray:
        """Cosines between the question and each sentence of passage `row`."""
        start, end = self._sentence_starts[row], self._sentence_ends[row]
        return self.index.sentence_vectors[start:end] @ q

    def _reading_null(self) -> ReadingNull:
        """The reading's "no answer here" scores: from the index's manifest, else measured now."""
        stored = ReadingNull.from_json(self.index.manifest.get("null"))
        if stored is not None and stored.matches(self.calibration):
            return stored
        index = self.index
        probes = self.embedder.encode_queries(list(PROBES)) if len(index.passages) else None
        return measure(
            index.passages,
            passage_vectors=index.passage_vectors,
            sentence_vectors=index.sentence_vectors,
            sentence_owner=index.sentence_owner,
            probe_vectors=probes if probes is not None else np.zeros((0, 1), dtype=np.float32),
            bm25=self._bm25,
            calibration=self.calibration,
        )

    def _blend(
        self, dense_p: np.ndarray, best_s: np.ndarray, lexical: np.ndarray, coverage: float
    ) -> np.ndarray:
        """The passage score (see `bot.core.search.scoring.blend`)."""
        return blend(self.calibration, dense_p, best_s, lexical, coverage)

    def relative(self, score: float) -> float:
        """How far `score` stands above what unrelated questions reach on this reading."""
        return self._null.relative(score)

    @property
    def z_answer(self) -> float:
        """The cut-off on :meth:`relative`'s scale for this reading: answered from here."""
        return self._cutoff

    # ------------------------------------------------------------------ answering

    def ask(
        self, question: str, k: int = 3, previous: Exchange | None = None, toward: Sequence[str] = ()
    ) -> Answer:
        """Answer `question` with up to `k` passages, best first.

        `previous` is the member's last exchange: a short question that leans on it
        ("why?", "and Europe?") is searched together with it, within its document, and
        moves next to it (see :meth:`_follow_up`). `toward` names passages a "the other
        side?" follow-up should favour (the deck's counterpoint to the last answer).
        """
        text, notes = clean_question(question)
        intent = intent_of(text)
        if intent in ("author", "title") and self._asks_beyond_metadata(text):
            intent = None  # "who was prime minister when this was written?" asks about a minister
        summary = intent is None and is_summary_question(text)
        follows = None
        if previous is not None and intent is None and not summary and leans_on_previous(text):
            follows = previous
        mentions = self._names.mentions(text)
        named = [m.document for m in mentions]
        query = text if intent in ("author", "background") else strip_meta_words(text)
        # "what was Washington's programme?" names the chapter on Washington and asks about him
        query = strip_mentions(query, [m for m in mentions if not self._is_subject(m)])
        kind = follow_up_kind(text) if follows is not None else None
        if follows is not None:
            # "more?" adds nothing to search for: the last question is the subject
            query = follows.question if kind == MORE else in_context(query, follows)
            if not named and follows.document in self._doc_rows and len(self._doc_rows) > 1:
                named = [follows.document]
        if summary:
            return self._summary(text, query, notes, named, k)
        blended, q = self.scores(query)
        asking = bool(_ASKS_ABOUT_ASKING.search(text))  # "what does the host ask?"
        if not asking:
            blended = self._answers_first(blended, q, replies=bool(_ASKS_FOR_REPLY.search(text)))
            if not ABOUT_VIEW.search(text):  # "isn't banning an error like any other decision?"
                blended = self._replies_first(blended)
            if ASKS_FOR_CALL.search(text):  # "What do they want the council to do?"
                blended = self._calls_first(blended, calls_on(text))
        blended = blended + self._intent_boost(intent, named)
        # "what's the bottom line?": nothing to search for beyond the conclusion itself
        subject = bool(content_terms(CONCLUSION.sub(" ", query))) if intent == "conclusion" else True
        scope = self._scope(named)
        if scope is not None:  # the question named a document: answer from it
            blended = np.where(scope, blended, blended - NAMED_MARGIN)
        shown = self._row_of.get(follows.passage) if follows is not None and follows.passage else None
        if follows is not None and kind is not None:
            blended = self._follow_up(blended, kind, follows, shown, toward)
        top = max(1, k, RERANK_CANDIDATES if self.reranker is not None else 1)
        order = np.argpartition(-blended, top - 1)[:top] if len(blended) > top else np.arange(len(blended))
        order = order[np.argsort(-blended[order], kind="stable")]
        order = order[np.isfinite(blended[order])]
        best = float(blended[order[0]]) if len(order) else 0.0
        z = self.relative(best)
        if self.reranker is not None and intent is None and len(order) > 1:
            if scope is not None:
                order = order[scope[order]]
            order = self.reranker.reorder(query, order, [self.index.passages[r].text for r in order])
        order = order[: max(1, k)]
        by_intent = intent in _ABOUT_DOCUMENT or (intent == "conclusion" and not subject)
        if intent == "background":  # answered by a passage about the writer, else on its score
            by_intent = bool(len(order)) and bool(self._about_writer()[order[0]])
        cal = self.calibration
        raised = self.z_answer - cal.z_answer  # the reading's own null moves every level alike
        # A follow-up's subject is the last answer's: it needs only the model's own floor.
        cutoff = cal.z_answer if follows is not None else self.z_answer
        answered = bool(len(order)) and (z >= cutoff or by_intent)
        unknown = self.unknown_names(text) if intent is None else []
        if answered and unknown and z < max(cal.z_named, self.z_answer):
            # A name the reading never mentions: the question is about something else.
            answered = False
            notes.append(f"The reading never mentions {', '.join(unknown)}.")
        strange = self.unknown_subject(text) if answered and intent is None and follows is None else []
        if strange and z < max(cal.z_named, self.z_answer):
            # "Are school uniforms a good idea?" on a reading that never speaks of uniforms
            answered = False
            notes.append(f"The reading never mentions {' '.join(strange)}.")
        hits = [
            self._hit(
                int(i),
                float(blended[i]),
                q,
                skip=follows.quoted if i == shown else (),
                prefer=_CONTRAST if kind == OTHER else _CAUSE if kind == WHY else None,
                answers=not asking,
            )
            for i in order
        ]
        if answered and intent is None and hits and hits[0].passage.kind == "byline":
            # A byline, a signature or a dateline shares the question's words ("Who was the mayor
            # of Bradwell?" → "Bradwell, March 1873."), not its answer, unless it names the writer.
            author = (hits[0].passage.author or "").split()
            if not (author and author[-1].lower() in text.lower()):
                rest = [h for h in hits if h.passage.kind != "byline"]  # the next passage, on its own score
                answered = bool(rest) and self.relative(rest[0].score) >= cutoff
                hits = [*rest, *(h for h in hits if h.passage.kind == "byline")]
        if intent == "title" and hits:
            hits = [self._title_hit(hits[0].passage), *hits][:k]
        dated = self._date_hits(hits, named, k) if intent == "date" and hits else None
        if dated is not None:  # else the passages answer, as for any question ("Philadelphia, 1776")
            hits, answered = dated, True
        if intent == "author" and hits:
            hits = self._author_hits(hits, named, k)
            if not hits[0].passage.is_meta:
                answered = False  # the reading names no author: never invent one
                notes.append("The reading does not say who wrote it.")
        need = need_of(text) if intent is None and follows is None and hits else None
        figure = need is None and intent is None and bool(hits) and asks_quantity(text)
        sure = z >= cal.z_high + raised  # a passage the model is sure of may count in other words
        if answered and (need is not None or figure) and not self._gives(need, hits[0], text, sure=sure):
            # "How much does a bus ticket cost?": the passage shares the subject, not the figure;
            # "Who designed the stadium?": it speaks of the stadium, naming no designer. A passage
            # nearly as close that gives it answers instead; else the reading does not.
            near = [h for h in hits[1:] if h.score >= hits[0].score - FIGURE_MARGIN]
            close = [h for h in near if self._gives(need, h, text, sure=sure)]
            if close:
                hits = [close[0], *(h for h in hits if h is not close[0])]
            else:
                answered = False
                notes.append(need.note() if need is not None else "The reading gives no figure for that.")
        if not answered:
            confidence = "none"
        elif z >= cal.z_high + raised or intent in ("author", "title") or dated is not None:
            confidence = "high"
        else:
            confidence = "medium" if z >= cal.z_medium + raised else "low"
        nearest = [] if answered else _topics(hits)
        about = intent if intent in ("author", "title") else None
        if follows is not None:
            notes.append(f"Read as a follow-up to “{follows.question}”.")
        return Answer(
            text,
            answered,
            hits,
            confidence,
            notes,
            nearest,
            about,
            documents=list(dict.fromkeys(named)),
            follows=follows.question if follows is not None else None,
        )

    def _follow_up(
        self, blended: np.ndarray, kind: str, follows: Exchange, shown: int | None, toward: Sequence[str]
    ) -> np.ndarray:
        """Move a follow-up's scores next to the last answer, never onto the same quote.

        "why?" favours the reasons around it (sentences that give causes, in its passage's
        unquoted sentences and its neighbours); "the other side?" favours what answers or
        opposes it (passages with a sentence of contrast or objection, those that follow it,
        and the passages in `toward`); "more?" the next best passage. The passage quoted
        last is left, except by "why?" when it has sentences not quoted yet, and by "the
        other side?" when a sentence after the quote turns against it ("Notwithstanding this").
        """
        blended = blended.copy()
        passages = self.index.passages
        here = passages[shown] if shown is not None else None
        if kind == WHY:
            blended += KIND_BONUS * self._offers(_CAUSE)
        elif kind == OTHER:
            blended += CONTRAST_BONUS * self._offers(_CONTRAST)
        if here is not None:
            for row in self._doc_rows.get(here.document, ()):
                distance = passages[row].paragraph - here.paragraph
                if kind == OTHER and 0 < distance <= AFTER_SPAN:  # an answer follows what it answers
                    blended[row] += AFTER_BONUS
                elif kind != OTHER and 0 < abs(distance) <= len(NEAR_BONUS):
                    blended[row] += NEAR_BONUS[abs(distance) - 1]
        for passage_id in toward:
            row = self._row_of.get(passage_id)
            if row is not None and row != shown:
                blended[row] += TOWARD_BONUS
        if shown is not None:
            quoted = set(follows.quoted)
            rest = [i for i in range(len(passages[shown].sentences)) if i not in quoted]
            if kind == OTHER:
                after = [i for i in rest if i > max(quoted, default=-1)]
                stays = any(self._offers_sentence(_TURN, shown, i) for i in after)
            else:
                stays = kind != MORE and bool(rest)
            if not stays:
                blended[shown] -= REPEAT_PENALTY
            elif kind == WHY and not any(self._offers_sentence(_CAUSE, shown, i) for i in rest):
                blended[shown] -= KIND_BONUS  # its own sentences give no reasons: the neighbours' may
        return blended

    def _answers_first(self, blended: np.ndarray, q: np.ndarray, *, replies: bool = False) -> np.ndarray:
        """A question ranks just below the answer that follows it.

        In a transcript the host's question shares the words of what a member asks, but the
        answer is the guest's turn after it: that turn gets the question's score when it is
        higher, and the question falls :data:`QUESTION_MARGIN` below it (for the best
        :data:`ANSWER_WINDOW` passages, best first). With `replies` (the member asks how
        someone answered or reacted), the best turn does so for the next speaker's turn,
        question or not. The same holds for a paragraph whose best sentence is the question
        it ends on ("What, then, would I have him do?"): the next paragraph answers it.
        """
        if not len(blended):
            return blended
        pairs = self._replies if replies else self._answers
        out = blended.copy()
        window = min(ANSWER_WINDOW, len(out))
        top = np.argpartition(-out, window - 1)[:window]
        top = top[np.argsort(-out[top], kind="stable")][: 1 if replies else window]
        done: set[int] = set()
        for row in top.tolist():
            answer = pairs.get(row) if self.index.passages[row].speaker else self._asks_next(row, q)
            if answer is None or row in done or answer in done or not np.isfinite(out[row]):
                continue
            out[answer] = max(out[answer], out[row])
            out[row] = min(out[row], out[answer] - QUESTION_MARGIN)
            done.update((row, answer))
        return out

    def _replies_first(self, blended: np.ndarray) -> np.ndarray:
        """The author's reply takes the place of the objection it answers (`bot.core.search.rebuttal`).

        When the best passage only sets out an objection ("The objection likely to be made…",
        a list of opponents' arguments), the reply after it gets its score and the objection
        falls :data:`QUESTION_MARGIN` below it.
        """
        if not len(blended):
            return blended
        top = int(np.argmax(blended))
        if top not in self._replies_to:
            self._replies_to[top] = reply_to(self.index.passages, top)
        found = self._replies_to[top]
        if found is None or not np.isfinite(blended[top]):
            return blended
        rows, says_so = found
        best = max(rows, key=lambda r: blended[r])
        if not says_so and blended[best] < blended[top] - REPLY_MARGIN:
            return blended
        out = blended.copy()
        out[best] = blended[top]
        out[top] = blended[top] - QUESTION_MARGIN
        return out

    def _calls_first(self, blended: np.ndarray, on: re.Pattern[str] | None) -> np.ndarray:
        """A question about what the writer asks for: a passage that makes the call comes first.

        When the best passage makes none ("We ask the board to…", "I would ask, therefore…",
        or, with `on`, one telling the one asked what it should do: "The county should…"),
        the best one within :data:`CALL_MARGIN` that does takes its score, and the best falls
        :data:`QUESTION_MARGIN` below it (the question's best score, and so whether the
        reading covers it, stay as they were).
        """
        if not len(blended):
            return blended
        calls = self._offers(CALL) if on is None else np.maximum(self._offers(CALL), self._offers(on))
        top = int(np.argmax(blended))
        if calls[top] or not np.isfinite(blended[top]):
            return blended
        near = np.where((calls > 0) & (blended >= blended[top] - CALL_MARGIN))[0]
        if not len(near):
            return blended
        best = int(near[np.argmax(blended[near])])
        out = blended.copy()
        out[best] = blended[top]
        out[top] = blended[top] - QUESTION_MARGIN
        return out

    def _asks_next(self, row: int, q: np.ndarray) -> int | None:
        """The next paragraph's row when passage `row` matches best on the question it ends with."""
        passages = self.index.passages
        here = passages[row]
        if row + 1 >= len(passages) or here.part != here.parts or len(here.sentences) < 1:
            return None
        after = passages[row + 1]
        if after.document != here.document or after.is_meta or after.speaker or _ends_with_question(after):
            return None
        sims = self.sentence_scores(row, q)
        last = len(sims) - 1
        return row + 1 if int(np.argmax(sims)) == last and _is_question(here.sentence_texts()[last]) else None

    def _offers(self, pattern: re.Pattern[str]) -> np.ndarray:
        """1.0 for each passage with a sentence matching `pattern`, else 0.0 (cached per pattern)."""
        flags = self._offer_cache.get(pattern.pattern)
        if flags is None:
            flags = np.array(
                [any(pattern.search(s) for s in p.sentence_texts()) for p in self.index.passages],
                dtype=np.float32,
            )
            self._offer_cache[pattern.pattern] = flags
        return flags

    def _offers_sentence(self, pattern: re.Pattern[str], row: int, sentence: int) -> bool:
        texts = self.index.passages[row].sentence_texts()
        return sentence < len(texts) and bool(pattern.search(texts[sentence]))

    def _gives(self, need: Need | None, hit: Hit, question: str, *, sure: bool = False) -> bool:
        """Whether `hit` gives what the question asks for (see `bot.core.search.focus`).

        With `sure` (the passage matches with high confidence), a figure in a sentence shown
        answers a "how many?" even when it names what it counts in other words ("tens of
        thousands of Russian forces" for "how many troops?").
        """
        if need is None:
            return _gives_quantity(hit, question)
        sentences = hit.passage.sentence_texts()
        if need.given_by(sentences, hit.marked, self._names_used):
            return True
        return sure and need.kind == "figure" and need.loosened().given_by(sentences, hit.marked)

    def _documents_using(self, word: str) -> set[str]:
        """The documents whose passages use `word` (read from the BM25 index, so it is cheap)."""
        terms = content_terms(word)
        col = self._bm25.vocab.get(terms[0]) if terms else None
        if col is None:
            return set()
        m = self._bm25.matrix
        rows = m.indices[m.indptr[col] : m.indptr[col + 1]]
        return {self.index.passages[r].document for r in rows.tolist()}

    def _scope(self, documents: Sequence[str]) -> np.ndarray | None:
        """Rows of the named documents (None when no document was named)."""
        rows = [r for doc in documents for r in self._doc_rows.get(doc, ())]
        if not rows:
            return None
        mask = np.zeros(len(self.index.passages), dtype=bool)
        mask[rows] = True
        return mask

    def _summary(self, text: str, query: str, notes: list[str], named: list[str], k: int) -> Answer:
        """A summary question: each document's thesis and conclusion."""
        documents = named or list(self._doc_rows)
        rows = summary_rows(self.index.passages, self.index.passage_vectors, documents, self._doc_rows, k)
        q = self.embedder.encode_queries([query])[0]
        hits = [self._hit(row, 1.0, q) for row in rows]
        return Answer(
            text, bool(hits), hits, "high" if hits else "none", notes, [], "summary", documents=named
        )

    def unknown_names(self, question: str) -> list[str]:
        """Capitalised names in the question (not opening a sentence) that the reading never uses."""
        names = []
        matches = list(_NAME.finditer(question))
        for i, match in enumerate(matches):
            after = matches[i + 1] if i + 1 < len(matches) else None
            word = match.group(1)
            if self._uses(word) or word in names:
                continue
            before_surname = after is not None and question[match.end() : after.start()] == " "
            if before_surname and after.group(1).lower() in self._names_used:
                continue  # a first name before a surname the reading uses: "Matthew Arnold"
            names.append(word)
        return names

    def unknown_subject(self, question: str) -> list[str]:
        """The subject of a yes/no question when the reading never uses its head word (else empty).

        "Are school uniforms a good idea?" on a reading that never says "uniform": the question
        is about something else, however close its subject (see `bot.core.search.focus.subject_of`).
        """
        words = subject_of(question)
        head = words[-1] if words else ""  # "school uniforms": uniforms
        if head and not self._uses(head) and any(t not in self._bm25.vocab for t in content_terms(head)):
            return words
        return []

    def _asks_beyond_metadata(self, question: str) -> bool:
        """Whether the document's writing only dates what the question asks about.

        "Who was prime minister when this was written?" names a thing the reading never uses
        and asks about it at the time of writing: it is not a question about the author.
        """
        if not AT_WRITING.search(question):
            return False
        rest = [t for t in content_terms(question) if t not in METADATA_TERMS]
        return any(t not in self._bm25.vocab and t not in self._metadata_terms for t in rest)

    def _is_subject(self, mention: Mention) -> bool:
        """Whether the words that named a document are a name its own text speaks of (in 2+ passages).

        "Washington" names "Of Mr. Booker T. Washington and Others" and is what it is about: it
        stays in the question; "Paine" or "Hamilton", named only as the author, is taken out.
        """
        rows = self._body_rows.get(mention.document, [])
        for words in mention.words:
            terms = content_terms(words)
            if not terms or not all(w.lower() in self._names_used for w in words.split()):
                continue
            using = (r for r in rows if all(t in self._terms[self.index.passages[r].id] for t in terms))
            if next(using, None) is not None and next(using, None) is not None:  # two passages, then stop
                return True
        return False

    def _uses(self, word: str) -> bool:
        """Whether the reading uses `word`, or the name it is the plural of ("Americans": "American")."""
        w = word.lower()
        return w in self._words or (w.endswith("s") and w[:-1] in self._names_used)

    def _intent_boost(self, intent: str | None, documents: Sequence[str] = ()) -> np.ndarray:
        """Questions about the document itself favour its byline or its closing paragraphs."""
        if intent == "author":
            return BOOST * self._byline
        if intent == "background":  # what the writer does: the lines about the writer, not "By X"
            return BOOST * self._about_writer()
        if intent == "views":
            return BOOST * self._meta
        # Otherwise bylines and disclaimers only win on a clear match.
        penalty = -META_PENALTY * self._meta
        if intent == "conclusion":
            for doc, rows in self._body_rows.items():
                if documents and doc not in documents:
                    continue
                for rank, row in enumerate(reversed(rows[-2:])):
                    penalty[row] += BOOST / (rank + 1)
        return penalty

    def _about_writer(self) -> np.ndarray:
        """1.0 for each passage that names its document's author and says more than a byline (cached)."""
        if self._writer_rows is None:
            flags = np.zeros(len(self.index.passages), dtype=np.float32)
            for row, p in enumerate(self.index.passages):
                author = str(self._doc_titles.get(p.document, {}).get("author") or "").split()
                if not author or author[-1].lower() not in p.text.lower():
                    continue
                said = p.text.replace(" ".join(author), "", 1).strip(" \t\n,.;:_*")
                flags[row] = float(len(content_terms(said)) > 2)
            self._writer_rows = flags
        return self._writer_rows

    def _hit(
        self,
        row: int,
        score: float,
        q: np.ndarray,
        skip: Sequence[int] = (),
        prefer: re.Pattern[str] | None = None,
        *,
        answers: bool = True,
    ) -> Hit:
        """The passage of `row` with the sentences that answer marked.

        Never those in `skip` (quoted just before) while the passage has others; sentences
        matching `prefer` (the reasons, the objection a follow-up asks for) come first. With
        `answers`, a question the text asks itself hands its match to the sentence after it:
        that sentence is the answer.
        """
        passage = self.index.passages[row]
        if len(passage.sentences) <= 1:
            return Hit(passage, score, (0,) if passage.sentences else ())
        sims = self.sentence_scores(row, q)
        if answers:
            sims = _to_answers(sims, passage.sentence_texts())
        if prefer is not None:
            texts = passage.sentence_texts()
            sims = sims + KIND_BONUS * np.array([bool(prefer.search(t)) for t in texts], dtype=np.float32)
        if skip and len(set(skip)) < len(sims):
            sims = sims.copy()
            sims[[i for i in skip if i < len(sims)]] = -np.inf
        top = int(np.argmax(sims))
        marked = {top}
        for j, s in enumerate(sims):  # a second sentence that answers nearly as well
            if not np.isfinite(s):
                continue
            if j != top and s >= sims[top] - 0.04 and len(marked) < 2:
                marked.add(j)
        return Hit(passage, score, tuple(sorted(marked)))

    def _author_hits(self, hits: list[Hit], named: Sequence[str], k: int) -> list[Hit]:
        """An author question: the byline first, or the author the document's metadata names."""
        best = hits[0].passage
        document = named[0] if named else best.document
        doc = self._doc_titles.get(document, {})
        author = str(doc.get("author") or "")
        surname = author.rsplit(maxsplit=1)[-1].lower() if author.split() else ""
        if not author or (best.kind == "byline" and surname in best.text.lower()):
            return hits
        date = str(doc.get("date") or "")
        text = f"By {author}" + (f", {date}" if date else "")
        meta = _metadata_hit(
            "author", document, str(doc.get("title", best.title)), text, author=author, date=date
        )
        return [meta, *hits][:k]

    def _date_hits(self, hits: list[Hit], named: Sequence[str], k: int) -> list[Hit] | None:
        """A question about when the document was written: the line that dates it, or its date.

        None when the document states no date in its metadata, its byline or a dateline.
        """
        document = named[0] if named else hits[0].passage.document
        doc = self._doc_titles.get(document, {})
        date = str(doc.get("date") or "")
        own = [p for p in self.index.passages if p.document == document]
        dateline = next((p for p in own if PLACE_DATE.match(p.text.strip())), None)  # "Philadelphia, 1776"
        if dateline is None and date:
            dateline = next((p for p in own if p.is_meta and date in p.text), None)
        if dateline is None and not date:
            return None
        if dateline is not None:
            first = Hit(dateline, 1.0, tuple(range(len(dateline.sentences))))
        else:
            author = str(doc.get("author") or "")
            text = f"Dated {date}" + (f", by {author}" if author else "")
            title = str(doc.get("title", hits[0].passage.title))
            first = _metadata_hit("date", document, title, text, author=author, date=date)
        return [first, *(h for h in hits if h.passage.id != first.passage.id)][:k]

    def _title_hit(self, like: Passage) -> Hit:
        doc = self._doc_titles.get(like.document, {})
        title = str(doc.get("title", like.title))
        tags = doc.get("tags") or []
        text = title + (f" | {' | '.join(tags)}" if tags else "")
        return _metadata_hit("title", like.document, title, text)


def _metadata_hit(key: str, document: str, title: str, text: str, *, author: str = "", date: str = "") -> Hit:
    """A hit quoting what a document's metadata says (its author, date or title) as a passage of it."""
    passage = Passage(
        id=f"{key}:{document}",
        document=document,
        title=title,
        section=None,
        paragraph=0,
        text=text,
        kind="title" if key == "title" else "byline",
        sentences=((0, len(text)),),
        author=author or None,
        date=date or None,
    )
    return Hit(passage, 1.0, (0,))


BOOST = 0.3
EXHAUSTIVE_LIMIT = 5000
PASSAGE_CANDIDATES, SENTENCE_CANDIDATES, LEXICAL_CANDIDATES = 32, 64, 16
META_PENALTY = 0.15
REPEAT_PENALTY = 1.0  # a follow-up's answer never starts with the passage quoted just before
NEAR_BONUS = (0.04, 0.02)  # a follow-up favours the paragraphs 1 and 2 away from the last answer
KIND_BONUS = 0.05  # "why?" favours passages with a sentence that gives a reason
CONTRAST_BONUS = 0.08  # "the other side?" those with a sentence of contrast or objection
AFTER_BONUS, AFTER_SPAN = 0.03, 3  # and the few paragraphs after the last answer
TOWARD_BONUS = 0.1  # and the deck's counterpoint to the last answer, for "the other side?"
# A sentence that gives a reason, and one that answers or opposes what came before.
_CAUSE = re.compile(
    r"\b(?:because|since|for (?:this|that) reason|the reason|therefore|thus|hence|so that|due to|"
    r"as a result|owing to|in order to|leads? to|caus\w+|driv\w+ by|guided by|motivat\w+|"
    r"(?:a|the) (?:direct )?(?:threat|danger|cause) to|means that|follows that)\b",
    re.IGNORECASE,
)
_TURN = re.compile(  # a sentence that opens by turning against what came before it
    r"^\W*(?:however|nevertheless|nonetheless|notwithstanding|on the other hand|on the contrary|"
    r"in answer|against this)\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(
    r"^\W*(?:but|yet|however|nevertheless|nonetheless|notwithstanding|still|on the other hand|"
    r"on the contrary|in answer)\b|\b(?:unconvincing|disagree\w*|objections?|objected|critics?|"
    r"criticism|opponents?|on the other hand|on the contrary|however|nevertheless|notwithstanding|"
    r"it (?:is|has been) (?:said|objected|claimed|argued)|some (?:argue|say|claim|think|dismiss))\b",
    re.IGNORECASE,
)
# A quantity question's answer may come from a passage this far below the best (one that gives a figure).
FIGURE_MARGIN = 0.02
CALL_MARGIN = 0.2  # how far below the best a passage making the writer's call may be, to come first
# Passages of documents the question did not name fall this far behind those of the named one.
NAMED_MARGIN = 1.0


QUESTION_MARGIN = 0.02  # a speaker's question ranks this far below the answer that follows it
ANSWER_WINDOW = 8  # how many of the best passages may hand their score to the answer after them
# "how does the driver answer the caller?": the turn after the caller's
_ASKS_FOR_REPLY = re.compile(r"\b(?:answer\w*|respon\w*|repl(?:y|ies|ied|ying)|react\w*|rebut\w*)\b", re.I)
# "what does the host ask first?": the question itself is the answer
_ASKS_ABOUT_ASKING = re.compile(r"\b(?:ask\w*|questions?|question(?:s|ed|ing))\b", re.I)


def _turn_answers(passages: Sequence[Passage], *, questions_only: bool = True) -> dict[int, int]:
    """Speakers' turns that end in a question, each mapped to the answer right after it (rows).

    A turn is a question when its last sentence asks one; its answer is the next passage of
    the same document, spoken by someone else (and not a question itself). Not
    `questions_only`: every turn, mapped to the next speaker's turn after it.
    """
    out: dict[int, int] = {}
    for row, (p, nxt) in enumerate(itertools.pairwise(passages)):
        if not p.speaker or p.part != p.parts or nxt.document != p.document:
            continue
        if not nxt.speaker or nxt.speaker == p.speaker or nxt.part != 1:
            continue
        if not questions_only or (_ends_with_question(p) and not _ends_with_question(nxt)):
            out[row] = row + 1
    return out


def _ends_with_question(p: Passage) -> bool:
    sentences = p.sentence_texts() or [p.text]
    return _is_question(sentences[-1])


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(" \"'”’)").endswith("?")


def _to_answers(sims: np.ndarray, sentences: Sequence[str]) -> np.ndarray:
    """Sentence scores where a question followed by a statement passes its score on to it."""
    out = sims.copy()
    for i in range(len(sentences) - 1):
        if _is_question(sentences[i]) and not _is_question(sentences[i + 1]):
            out[i + 1] = max(out[i + 1], sims[i])
            out[i] = min(out[i], out[i + 1] - QUESTION_MARGIN)
    return out


_GOES_ON = re.compile(r"^(?:he|she|it|they|this|these|such|there)\b", re.IGNORECASE)


def _gives_quantity(hit: Hit, question: str) -> bool:
    """Whether the hit gives the quantity asked (see `bot.core.search.focus`).

    A sentence it would show states one, or another of its sentences does with every content
    word of the question ("How many plots are there?": "The garden has 48 plots …").
    """
    texts = hit.passage.sentence_texts()
    if any(gives_quantity(texts[i]) for i in hit.marked if i < len(texts)):
        return True
    # the sentence after a marked one that goes on about it: "… the life of a shop assistant is.
    # He stands behind the counter from eight in the morning until nine or ten at night"
    going_on = [i + 1 for i in hit.marked if i + 1 < len(texts) and _GOES_ON.match(texts[i + 1])]
    if any(gives_quantity(texts[i]) for i in going_on):
        return True
    asked = set(content_terms(question))
    return bool(asked) and any(gives_quantity(t) and asked <= set(content_terms(t)) for t in texts)


def _topics(hits: Sequence[Hit]) -> list[str]:
    """Short descriptions of the passages nearest an uncovered question."""
    out = []
    for hit in hits[:3]:
        p = hit.passage
        first = p.sentence_texts()[0] if p.sentences else p.text
        first = first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
        label = p.section or first
        if label not in out:
            out.append(label)
    return out
