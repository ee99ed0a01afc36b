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

Owns :class:`Retriever`: candidates, the blended scores, and :meth:`Retriever.ask`, a staged
pipeline (understand the question, score the passages, lift what it asks for, choose the best,
decide whether the reading answers it, build and settle the hits, put the answer together: one
method each, what passes between them in :mod:`.asked`), which draws on the pieces beside
it: :mod:`.answer` (what an answer is), :mod:`.sentences` (sentence-level scores),
:mod:`.ordering` (answers, replies and calls ahead of what they answer),
:mod:`.followup_ranking` (where a follow-up's answer comes from), :mod:`.about_document`
(author, date and title questions) and :mod:`.vocabulary` (names and subjects the reading
never mentions).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence

import numpy as np

from bot.core.models.calibration import Calibration, calibration_for
from bot.core.reading.documents import DocumentNames, Mention, responding, strip_mentions
from bot.core.reading.exports import exchange_speakers
from bot.core.reading.passages import FRONT, NOTE, Passage
from bot.core.reading.transcript import ROSTER, named_speakers, roster_roles, speaker_names
from bot.core.search.about_document import (
    audience_hits,
    author_hits,
    date_hits,
    place_hits,
    speaker_flags,
    title_hit,
    writer_flags,
    writer_hit,
)
from bot.core.search.answer import (
    Answer,
    Hit,
    as_asked,
    clean_question,
    gives_quantity_in,
    plain_question,
    topics,
)
from bot.core.search.answerable import TOP, Levels, signals
from bot.core.search.asked import Asked, Lifted, Verdict
from bot.core.search.embedder import Encoder
from bot.core.search.focus import (
    Need,
    asks_count,
    asks_decision,
    asks_for_thing,
    asks_quantity,
    asks_yes_no,
    compared,
    counts_in,
    need_of,
    unnamed_members,
    unsaid,
    without,
)
from bot.core.search.followup import MORE, Exchange, follow_up_kind, in_context, leans_on_previous
from bot.core.search.followup_ranking import KIND_BONUS, follow_up_scores, preferred_sentences
from bot.core.search.index import Index
from bot.core.search.intents import (
    AFTER_THE_TEXT,
    ANSWER_TYPE_BONUS,
    ANSWER_TYPES,
    ASKS_FOR_CALL,
    CONCLUSION,
    CONTACT_LINE,
    CONTACT_TERMS,
    WHO_IS,
    calls_on,
    intent_of,
    strip_meta_words,
)
from bot.core.search.null import PROBES, ReadingNull, measure
from bot.core.search.ordering import ASKS_ABOUT_ASKING, ASKS_FOR_REPLY, AnswerOrder, to_answers
from bot.core.search.rebuttal import ABOUT_VIEW
from bot.core.search.rerank import CANDIDATES as RERANK_CANDIDATES
from bot.core.search.rerank import Reranker
from bot.core.search.scoring import BM25, blend, searchable
from bot.core.search.sentences import Sentences
from bot.core.search.sides import (
    Side,
    Stance,
    agreement_subject,
    asks_agreement,
    concedes,
    issue_rows,
    side_of,
    stance_subject,
    stances,
    takes_stance,
    taking_side,
)
from bot.core.search.summary import is_dispute_question, is_summary_question, summary_rows
from bot.core.search.vocabulary import Vocabulary
from bot.core.text.words import content_terms

_ABOUT_DOCUMENT = ("author", "background", "title", "views")  # answered whatever the score

BOOST = 0.3
EXHAUSTIVE_LIMIT = 5000
PASSAGE_CANDIDATES, SENTENCE_CANDIDATES, LEXICAL_CANDIDATES = 32, 64, 16
META_PENALTY = 0.15
# A footnote of this many words says something (where the figures came from, what happened after
# the text): it answers on its score, like the body; a shorter one ("[1] See Priestley, p. 94.")
# stays behind as a byline does (78 sets, mpnet top-1 +1, hit@3 +3; MiniLM +0, +2; rejection unchanged).
NOTE_WORDS = 12
# A passage of a few words that ends without punctuation (a heading the layout did not mark as
# one, "AUTHOR" under a preface, a dateline, a bare link) names a subject and says nothing about
# it: like a byline, it answers only on a clear match (44 eval sets, both models: top-1 +2 and
# +3, nothing lost).
FRAGMENT_WORDS = 6
# a header's field: "Applicant: …", "Heard at: …", "Date of decision: …"
_FIELD_LINE = re.compile(r"^[A-Z][\w ()/'’.-]{0,40}:\s+\S")
_ENDS_CLAUSE = re.compile(r"[.?!:;,\"'”’)]\s*$")
# A quantity question's answer may come from a passage this far below the best (one that gives a figure).
FIGURE_MARGIN = 0.02
# Passages of documents the question did not name fall this far behind those of the named one.
NAMED_MARGIN = 1.0
# A passage this far below the best that gives what the question asks for (a stance on its subject,
# a concession where it asks what the writers agree on) takes the best's place; among this many.
LIFT_MARGIN, LIFT_POOL = 0.15, 12
# Among the passages shown, those within this far of the best are put in order by their headings
# too (each gains the calibration's heading_weight of its heading's cosine with the question)
HEADING_MARGIN = 0.1
MAIN_TERMS = 5  # "what the reading is about": its most used content words (and its titles')
# In a transcript, turns of speakers the question did not name fall this far behind the named one's.
SPEAKER_MARGIN = 0.5
# a question that asks for a call: "Should rail be nationalised?", "Shouldn't the town wait?"
SHOULD = re.compile(r"^\s*(?:should|shouldn't|shouldn’t|ought)\b", re.IGNORECASE)
_NAMES = re.compile(r"\b[A-Z][\w-]*")  # capitalised words ("Luck" of "Luck's")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "rev", "sir", "dame", "lady"})
_TITLE_WORDS = frozenset({"cllr", "councillor", "revd"})  # before a speaker's name in a question
# Words that ask only where a named writer stands ("What does Rahman propose?", "What is Farrow's view?")
STANCE_TERMS = frozenset(
    content_terms(
        "propose proposes proposed proposal suggest suggests suggestion want wants argue argues argued "
        "argument think thinks believe believes view views position stand stance opinion case say says "
        "recommend recommends recommendation urge urges conclude concludes instead really overall"
    )
)


# How far under the cut-off (in the null's units) the gate may still answer a question none of whose
# words the reading uses: beyond it the gate's fit never saw such questions answered.
GATE_REACH = 3.0


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
        self.sentences = Sentences(index)
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
        texts = (searchable(p) for p in index.passages)
        self.vocabulary = Vocabulary(texts, index.documents, self._bm25.vocab)
        self._meta = np.array([p.is_meta for p in index.passages], dtype=np.float32)
        # what the meta penalty falls on: bylines, disclaimers, preambles, footnotes that say nothing
        said = np.array([says_something(p) for p in index.passages], dtype=np.float32)
        self._furniture = self._meta * (1 - said)
        self._fragment = np.array([is_fragment(p) for p in index.passages], dtype=np.float32)
        self._byline = np.array([p.kind == "byline" for p in index.passages], dtype=np.float32)
        places: dict[tuple[str, int], int] = {}
        self._place = np.array(
            [places.setdefault((p.document, p.paragraph), len(places)) for p in index.passages]
        )
        # a bare heading read as text ("Clean it while it is warm") → the paragraph under it
        passages = index.passages
        self._headed = {
            int(row): int(row) + 1
            for row in np.flatnonzero(self._fragment)
            if row + 1 < len(passages)
            and passages[row + 1].document == passages[row].document
            and not self._fragment[row + 1]
            and not passages[row + 1].is_meta
        }
        self._order = AnswerOrder(index.passages, self.sentences)
        self._speakers = np.array([p.speaker or "" for p in index.passages], dtype=object)
        # who is heard in each passage: its speaker, or the senders of a chat's exchange ("Dana Price: …";
        # not a poll's "OPTION: …", a program's word in capitals)
        self._voices = [
            frozenset((p.speaker,))
            if p.speaker
            else frozenset(
                v for v in (exchange_speakers(p.text) if p.kind == "body" else ()) if not v.isupper()
            )
            for p in index.passages
        ]
        spoken = set().union(*self._voices) if self._voices else set()
        # a roster's posts and parts name its speakers too: "the librarian", "the moderator"
        rosters = [p.text for p in index.passages if p.kind == "list" and ROSTER.match(p.text.split("\n")[0])]
        roles = {w: s for text in rosters for w, s in roster_roles(text, spoken).items()}
        self._speaker_names = roles | speaker_names(spoken)
        self._writer_rows: np.ndarray | None = None  # passages about their document's author
        self._main: frozenset[str] | None = None  # the reading's most used words (made when first asked)
        self._stances: dict[str, tuple[Stance, ...]] = {}  # each passage's stance sentences, once read
        self._headings: dict[str, np.ndarray] = {}  # section headings as vectors, once met
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
        cal = self.calibration
        best_s = self.sentences.best(rows, q, question, cal.window_margin, cal.short_sentence)
        blended = np.full(len(self.index.passages), -np.inf, dtype=np.float32)
        blended[rows] = self._blend(dense_p, best_s, lexical[rows], self._bm25.coverage(question))
        return blended, q

    def _question_vector(self, question: str) -> np.ndarray:
        """A member's question as encoded: as asked, with its question mark (see ``answer.as_asked``)."""
        return self.embedder.encode_queries([as_asked(question)])[0]

    def sentence_scores(self, row: int, q: np.ndarray) -> np.ndarray:
        """Cosines between the question and each sentence of passage `row`."""
        return self.sentences.scores(row, q)

    def _reading_null(self) -> ReadingNull:
        """The reading's "no answer here" scores: from the index's manifest, else measured now."""
        stored = ReadingNull.from_json(self.index.manifest.get("null"))
        several = len(self._doc_rows) > 1
        if stored is not None and stored.matches(self.calibration) and (stored.within or not several):
            return stored  # (a manifest from before the documents' own samples is measured again)
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
        moves next to it (see :mod:`.followup_ranking`). `toward` names passages a "the other
        side?" follow-up should favour (the deck's counterpoint to the last answer).

        The stages (what passes between them is in :mod:`.asked`): understand the question,
        score the passages, lift what it asks for, choose the best, decide whether the reading
        answers it, build and settle the hits, put the answer together.
        """
        asked = self._understand(question, previous)
        if asked.summary:
            return self._summary(asked.text, asked.query, asked.notes, asked.named, k)
        blended, q, scope = self._score_passages(asked)
        lifted = self._lift_asked(asked, blended, scope, toward)
        order, z = self._choose(asked, lifted.blended, scope, q, k)
        verdict = self._decide(asked, order, z, lifted, scope, q=q)
        hits = self._hits(asked, order, lifted, q)
        hits, dated = self._settle(asked, hits, verdict, k)
        hits = self._check_need(asked, hits, verdict, z)
        self._check_focus(asked, hits, verdict, q)
        self._gate(verdict)
        if verdict.answered and asked.side is not None:
            hits = self._side_hits(asked.side, hits, q, lifted.blended, k)
        return self._answer(asked, hits, verdict, z, dated)

    def _understand(self, question: str, previous: Exchange | None) -> Asked:
        """Stage 1: what the question asks, of which document or speaker, and what to search for.

        Its intent (a question about the document itself, unless it asks beyond the metadata),
        whether it asks for a summary, whether it leans on `previous` (then the search joins
        the last question and stays in its document), the documents and speakers it names (a
        name that is only a document's author leaves the search words), a named writer's stance
        ("What does Rahman propose?" → her conclusion) and a "who argues for …?" side.
        """
        text, notes = clean_question(question)
        text = plain_question(text)
        intent = intent_of(text)
        if intent in ("author", "title") and self.vocabulary.asks_beyond_metadata(text):
            intent = None  # "who was prime minister when this was written?" asks about a minister
        if intent == "contact" and any(
            t not in self._bm25.vocab for t in content_terms(text) if t not in CONTACT_TERMS
        ):
            intent = None  # "who do I contact about a parking fine?" on a reading that never speaks of one
        if intent == "conclusion" and asks_decision(text):
            intent = None  # "what did the council decide in the end?": what a body did, not the close
        summary = intent is None and is_summary_question(text)
        follows = None
        if previous is not None and intent is None and not summary and leans_on_previous(text):
            follows = previous
        mentions = self._names.mentions(text)
        named = [m.document for m in responding(text, mentions)]
        query = text if intent in ("author", "background") else strip_meta_words(text)
        # "what was Washington's programme?" names the chapter on Washington and asks about him
        query = strip_mentions(query, [m for m in mentions if not self._is_subject(m)])
        # "What does Rahman propose?": once the name is out, nothing but a stance is asked; the
        # named document's own close answers it (as "what is her conclusion?" would)
        stance = (
            intent is None
            and follows is None
            and not summary
            and bool(named)
            and not [t for t in content_terms(query) if t not in STANCE_TERMS]
        )
        if stance:
            intent = "conclusion"
        # "Who argues in favour of charging?": a writer or speaker, by the side their own words take
        side = side_of(text) if intent is None and follows is None and not summary else None
        kind = follow_up_kind(text) if follows is not None else None
        if follows is not None:
            # "more?" adds nothing to search for: the last question is the subject
            query = follows.question if kind == MORE else in_context(query, follows)
            if not named and follows.document in self._doc_rows and len(self._doc_rows) > 1:
                named = [follows.document]
        asking = bool(ASKS_ABOUT_ASKING.search(text))  # "what does the host ask?"
        # "what's the bottom line?": nothing to search for beyond the conclusion itself
        subject = not stance and (
            bool(content_terms(CONCLUSION.sub(" ", query))) if intent == "conclusion" else True
        )
        speakers = named_speakers(text, self._speaker_names) if not asking else set()
        if intent == "background" and WHO_IS.match(text) and not speakers and not named:
            intent = None  # "who was Priestley?": a person the text speaks of, asked as any question is
        return Asked(
            text,
            notes,
            intent,
            summary,
            follows,
            kind,
            named,
            query,
            stance,
            side,
            asking,
            speakers=speakers,
            subject=subject,
        )

    def _score_passages(self, asked: Asked) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Stage 2: every passage's score for the question, its vector, and the named documents' rows.

        The blend (see :meth:`scores`), then answers, replies and calls ahead of what they answer
        (unless the question asks what someone asks), the intent's boost or the penalty on
        bylines and bare headings, and ``NAMED_MARGIN`` off every passage outside the documents
        the question names (the scope, None when it names none).
        """
        text = asked.text
        blended, q = self.scores(asked.query, self._question_vector(asked.query))
        if not asked.asking:
            blended = self._order.answers_first(blended, q, replies=bool(ASKS_FOR_REPLY.search(text)))
            if not ABOUT_VIEW.search(text):  # "isn't banning an error like any other decision?"
                blended = self._order.replies_first(blended)
            if ASKS_FOR_CALL.search(text):  # "What do they want the council to do?"
                blended = self._order.calls_first(blended, calls_on(text))
        blended = blended + self._intent_boost(asked.intent, asked.named)
        scope = self._scope(asked.named)
        if scope is not None:  # the question named a document: answer from it
            blended = np.where(scope, blended, blended - NAMED_MARGIN)
        return blended, q, scope

    def _lift_asked(
        self, asked: Asked, blended: np.ndarray, scope: np.ndarray | None, toward: Sequence[str]
    ) -> Lifted:
        """Stage 3: what the question asks for goes first.

        A background question: the lines about the person it asks of; a question naming
        speakers: their turns (the others' fall ``SPEAKER_MARGIN`` behind); a plain question:
        the view it asks for (see :meth:`_lift_view`); a follow-up: the passage next to the last
        answer that gives what it asks for (see :func:`follow_up_scores`).
        """
        about = (
            self._about_person(asked.text, asked.speakers, asked.named)
            if asked.intent == "background"
            else None
        )
        if about is not None:  # the lines about the person answer, the best of them first
            flagged = about
            blended = self._lift(blended + BOOST * about, lambda p: bool(flagged[self._row_of[p.id]]), None)
        elif (
            asked.speakers
        ):  # "What does Owen think of the ban?": Owen's turns, not the host's or another guest's
            blended = np.where(self._heard(asked.speakers), blended, blended - SPEAKER_MARGIN)
        granted = False
        if asked.intent is None and asked.follows is None and asked.side is None and not asked.asking:
            blended, granted = self._lift_view(asked, blended, scope)
        follows = asked.follows
        shown = self._row_of.get(follows.passage) if follows is not None and follows.passage else None
        if follows is not None and asked.kind is not None:
            blended = follow_up_scores(
                blended,
                asked.kind,
                follows,
                shown,
                toward,
                passages=self.index.passages,
                doc_rows=self._doc_rows,
                row_of=self._row_of,
                sentences=self.sentences,
            )
        return Lifted(blended, about, granted, shown)

    def _lift_view(
        self, asked: Asked, blended: np.ndarray, scope: np.ndarray | None
    ) -> tuple[np.ndarray, bool]:
        """A plain question's view first: a concession for "where do they agree?", else a stance.

        Returns the scores and whether a concession was lifted for an agreement asked of nothing
        in particular (it then answers whatever its score). A stance is looked for when the
        question names a document or speaker, or the reading is one document: a vote or a yes or
        no on what the reading is about, from anywhere in the named scope, else a stance on the
        question's subject near the best.
        """
        text, speakers = asked.text, asked.speakers
        if asks_agreement(text):
            # "Where do the two writers agree?": where one grants the other a point, plainly first;
            # asked of nothing in particular, from anywhere in the reading
            reach = 1.0 if agreement_subject(text) else None
            lifted = self._lift(blended, lambda p: concedes(p) > 1, reach)
            if lifted is blended:
                lifted = self._lift(blended, lambda p: concedes(p) > 0, reach)
            return lifted, reach is None and lifted is not blended
        if asked.named or speakers or len(self._doc_rows) == 1:
            # "What does Marchetti think about the mast?": her own stance on it ("I will vote yes")
            subject = stance_subject(text, self._people(text, speakers))
            if subject:
                main = self._main_terms()
                # a vote or a yes or no on what the reading is about answers from anywhere in it
                within = scope
                if speakers:
                    within = self._heard(speakers)
                lifted = self._lift(
                    blended,
                    lambda p: takes_stance(p, subject, main, verdict=True, found=self._stances_of(p)),
                    None,
                    within,
                )
                if lifted is blended:  # any stance on it; of the named speaker's ("agree with Dana" is not)
                    lifted = self._lift(
                        blended,
                        lambda p: takes_stance(p, subject, main, found=self._stances_of(p)),
                        None,
                        within if speakers else None,
                    )
                return lifted, False
        return blended, False

    def _choose(
        self, asked: Asked, blended: np.ndarray, scope: np.ndarray | None, q: np.ndarray, k: int
    ) -> tuple[np.ndarray, float]:
        """Stage 4: the best `k` rows, best first, and how far the best stands above the reading's null.

        The near-best are put in order by their headings too (see :meth:`_by_heading`); with a
        reranker (plain questions only), it reorders the best ``RERANK_CANDIDATES`` (within the
        named documents). The level `z` is the blend's, taken before either.
        """
        top = max(1, k, RERANK_CANDIDATES if self.reranker is not None else 1)
        order = np.argpartition(-blended, top - 1)[:top] if len(blended) > top else np.arange(len(blended))
        order = order[np.argsort(-blended[order], kind="stable")]
        order = order[np.isfinite(blended[order])]
        best = float(blended[order[0]]) if len(order) else 0.0
        z = self.relative(best)
        order = self._by_heading(asked, blended, order, q)
        if self.reranker is not None and asked.intent is None and len(order) > 1:
            if scope is not None:
                order = order[scope[order]]
            order = self.reranker.reorder(asked.query, order, [self.index.passages[r].text for r in order])
        return order[: max(1, k)], z

    def _by_heading(self, asked: Asked, blended: np.ndarray, order: np.ndarray, q: np.ndarray) -> np.ndarray:
        """The rows shown, the near-best reordered by how well their section heading matches the question.

        A heading says what the passages under it answer ("Running costs and income", "What if
        it can't be fixed?", "5. Concerns raised so far"), which their own words may not: those
        within ``HEADING_MARGIN`` of the first gain the model's ``heading_weight`` (its
        calibration; 0 reads no heading) times their heading's cosine with the question (nothing
        without a heading). Only the order of the rows shown changes, never which are shown nor
        the level the answer is judged by; a follow-up keeps its own order (its answer sits next
        to the last one).
        """
        weight = self.calibration.heading_weight
        if not weight or asked.follows is not None or len(order) < 2:
            return order
        near = order[blended[order] >= blended[order[0]] - HEADING_MARGIN]
        headings = [self.index.passages[r].section for r in near]
        if len(near) < 2 or not any(headings):
            return order
        cosines = self._heading_cosines(headings, q)
        first = near[np.argsort(-(blended[near] + weight * cosines), kind="stable")]
        return np.concatenate([first, order[len(near) :]])

    def _heading_cosines(self, headings: Sequence[str | None], q: np.ndarray) -> np.ndarray:
        """Each heading's cosine with the question (0 for none); headings encoded once, when first met."""
        missing = sorted({h for h in headings if h and h not in self._headings})
        if missing:
            for heading, vector in zip(missing, self.embedder.encode_queries(missing), strict=True):
                self._headings[heading] = vector
        return np.array([float(self._headings[h] @ q) if h else 0.0 for h in headings], dtype=np.float32)

    def _decide(
        self,
        asked: Asked,
        order: np.ndarray,
        z: float,
        lifted: Lifted,
        scope: np.ndarray | None,
        *,
        q: np.ndarray,
    ) -> Verdict:
        """Stage 5: whether the reading answers the question, before the hits are settled.

        Answered when the best clears the cut-off (the reading's own, or the named document's;
        a follow-up needs only the model's floor), or whatever its score when the intent answers
        it (a question about the document, the line naming whom to contact, a concession for
        "where do they agree?", a passage about the person asked of). Then refused, with a note,
        when :meth:`_refusal` finds the question is about something the reading does not cover.
        Where the model's calibration has a gate (`bot.core.search.answerable`), a plain question
        (no intent, not a follow-up) with words of its own is let through here and judged by the
        gate after every check.
        """
        intent = asked.intent
        by_intent = intent in _ABOUT_DOCUMENT or (intent == "conclusion" and not asked.subject)
        if lifted.about is not None:  # answered by a passage about the writer or speaker, else on its score
            by_intent = bool(len(order)) and bool(lifted.about[order[0]])
        # whom to write to: the line that says so answers, whatever its score
        by_contact = (
            intent == "contact" and bool(len(order)) and bool(self.sentences.offers(CONTACT_LINE)[order[0]])
        )
        by_intent = by_intent or by_contact or lifted.granted
        cal = self.calibration
        # A question that names a document is answered from it alone: that document's own null
        reading_cut = self._null.cutoff_within(cal, asked.named) if scope is not None else self.z_answer
        raised = reading_cut - cal.z_answer  # the reading's own null moves every level alike
        # A follow-up's subject is the last answer's: it needs only the model's own floor.
        cutoff = cal.z_answer if asked.follows is not None else self._bar(reading_cut, lifted.blended)
        passes = z >= cutoff
        answerable, found = None, {}
        if (
            cal.gate is not None
            and asked.intent is None
            and asked.follows is None
            and not by_intent
            and len(order)
            and (terms := content_terms(asked.query))
        ):
            # the gate decides once every check has had its say (see :meth:`_gate`)
            found = self._signals(asked, terms, order, lifted.blended, q, z=z, cut=reading_cut, bar=cutoff)
            passes = True
        verdict = Verdict(
            bool(len(order)) and (passes or by_intent),
            cutoff,
            raised,
            cal.z_medium + raised,
            by_contact,
            answerable,
            found,
        )
        if not verdict.answered and asked.speakers and lifted.about is None and asked.follows is None:
            # "why is colm against charging?": a name the speaker never says of themself pulls the
            # question away from their turns; asked again without it, over their turns alone
            unnamed = self._level_unnamed(asked)
            if unnamed is not None and unnamed >= cutoff and len(order):
                verdict.answered, z = True, unnamed
        if verdict.answered:
            note = self._refusal(asked, order, z, reading_cut, verdict.medium)
            if note is not None:
                verdict.answered = False
                asked.notes.append(note)
        return verdict

    def _heard(self, speakers: Collection[str]) -> np.ndarray:
        """The passages in which any of `speakers` is heard: their turns, and exchanges they speak in."""
        wanted = set(speakers)
        return np.fromiter((bool(v & wanted) for v in self._voices), dtype=bool, count=len(self._voices))

    def _level_unnamed(self, asked: Asked) -> float | None:
        """The level of the named speakers' best turn for the question without their names (None: no name)."""
        words = sorted((w for w, s in self._speaker_names.items() if s in asked.speakers), key=len)[::-1]
        if not words:
            return None
        names = "|".join(map(re.escape, words))
        pattern = rf"\b(?:(?:{'|'.join(_HONORIFICS | _TITLE_WORDS)})\.?\s+)?(?:(?:{names})(?:'s|’s)?\b\s*)+"
        query = re.sub(r"\s+", " ", re.sub(pattern, " ", asked.query, flags=re.IGNORECASE)).strip()
        if query == asked.query.strip() or not content_terms(query):
            return None
        blended, _ = self.scores(query, self._question_vector(query))
        own = self._heard(asked.speakers) & np.isfinite(blended)
        return self.relative(float(blended[own].max())) if own.any() else None

    def _bar(self, cut: float, blended: np.ndarray) -> float:
        """The level a question's best must reach: the cut-off, moved by how far the best stands out.

        A passage that answers a question leads the rest of the reading, even when the question is
        short or vague and its level low ("is it free to get in?" → the one line on admission); a
        question on the reading's subject that it does not answer finds many paragraphs alike. A
        best that leads the best of every other paragraph by the model's ``lead`` (in the probes'
        spreads, the scale of every level) moves the cut-off by ``lead_shift``, any other best by
        ``flat_shift`` (the model's calibration; no ``lead``: the cut-off as it is).
        """
        c = self.calibration
        if c.lead is None or not np.isfinite(blended).any():
            return cut
        return cut + (c.lead_shift if self._lead(blended) >= c.lead else c.flat_shift)

    def _lead(self, blended: np.ndarray) -> float:
        """How far the best passage leads the best of every other paragraph, in the probes' spreads."""
        finite = np.isfinite(blended)
        if not finite.any():
            return 0.0
        best = int(np.argmax(np.where(finite, blended, -np.inf)))
        others = finite & (self._place != self._place[best])
        others[self._order.handed(blended, best)] = False  # the turn that handed the best its place
        if not others.any():
            return 0.0
        return (float(blended[best]) - float(blended[others].max())) / self._null.probe_sd

    def _signals(
        self,
        asked: Asked,
        terms: list[str],
        order: np.ndarray,
        blended: np.ndarray,
        q: np.ndarray,
        *,
        z: float,
        cut: float,
        bar: float,
    ) -> dict[str, float]:
        """What the gate reads of this question's search (see `bot.core.search.answerable`)."""
        finite = np.flatnonzero(np.isfinite(blended))
        top = finite[np.argsort(-blended[finite], kind="stable")[:TOP]]
        null = self._null
        levels = Levels(
            level=z,
            cut=cut,
            bar=bar,
            near=null.near_level(0.5),
            near_high=null.near_level(0.9),
            lead=self._lead(blended),
            spread=null.probe_sd,
        )
        row = int(order[0])
        best = self.index.passages[row]
        starts, ends = self.sentences.starts, self.sentences.ends
        own = self.index.sentence_vectors[starts[row] : ends[row]] @ q
        near_rows = np.concatenate([np.arange(starts[r], ends[r]) for r in top])
        near_sentences = self.index.sentence_vectors[near_rows] @ q if len(near_rows) else own
        ranked = np.sort(near_sentences)[::-1]
        cosines = (
            float(self.index.passage_vectors[row] @ q),
            float(own.max()) if len(own) else 0.0,
            float((self.index.passage_vectors[top] @ q).max()),
            float(near_sentences.max()) if len(near_sentences) else 0.0,
        )
        passages = self.index.passages
        shown = set().union(*(self._terms.get(passages[int(r)].id, ()) for r in order))
        return signals(
            asked.text,
            terms,
            levels,
            np.array([null.relative(float(blended[r])) for r in top]),
            cosines=cosines,
            reading_terms=self._bm25.vocab,
            idf=self._bm25.idf,
            best_terms=set(self._terms.get(best.id, ())),
            shown_terms=shown,
            best_is_meta=best.is_meta,
            best_chars=len(best.text),
            passages=len(passages),
            several=len(self._doc_rows) > 1,
            sentence_peak=float(ranked[0] - ranked[:5].mean()) if len(ranked) else 0.0,
        )

    def _refusal(
        self, asked: Asked, order: np.ndarray, z: float, reading_cut: float, medium: float
    ) -> str | None:
        """Why an answered question is about something the reading does not cover (None: it is not).

        Short of a clear match (``z_named`` or the reading's cut-off): a name the reading never
        mentions; for a plain question (no intent, not a follow-up), a member of a series that no
        passage shown names ("round 3", "room B14": ``focus.numbered``), a subject it never speaks
        of, or a "… too?" carried to a new thing. Whatever the score, a comparison the best
        passage does not make; short of a medium match, a call ("Should …?") in words the reading
        never uses.
        """
        text, cal = asked.text, self.calibration
        clear = max(cal.z_named, reading_cut)
        unknown = self.vocabulary.unknown_names(text) if asked.intent is None else []
        if unknown and z < clear:
            # A name the reading never mentions: the question is about something else.
            return f"The reading never mentions {', '.join(unknown)}."
        if asked.intent is not None or asked.follows is not None:
            return None
        shown = [self._described(self.index.passages[int(r)]) for r in order]
        members = unnamed_members(text, shown)
        if members and z < clear:
            # "What was the motion in round 3?" → the motions of rounds 1 and 2: another member's
            return f"The passages closest to it never mention {', '.join(members)}."
        strange = self.vocabulary.unknown_subject(text)
        if strange and z < clear:
            # "Are school uniforms a good idea?" on a reading that never speaks of uniforms
            return f"The reading never mentions {' '.join(strange)}."
        sides = compared(text)
        if (
            sides is not None
            and len(order)
            and not all(t in self._terms[self.index.passages[order[0]].id] for t in sides[0])
        ):
            # "Is television news better than newspapers?": a passage that judges the first names it
            # (the second may be in other words: "flights" for "a plane")
            return "The reading does not compare them."
        beyond = self.vocabulary.unknown_extension(text)
        if beyond and z < clear:
            # "Should the gas works be municipalised too?": the reading's case carried to another thing
            return f"The reading never mentions {' '.join(beyond)}."
        if SHOULD.match(text) and z < medium:
            # "Should rail be nationalised?" on a reading that never speaks of nationalising: a call
            # for something the reading never proposes needs at least a match of medium confidence
            novel = self.vocabulary.unknown_words(text)
            if novel:
                return f"The reading never uses the word{'s' if len(novel) > 1 else ''} {', '.join(novel)}."
        return None

    @staticmethod
    def _described(passage: Passage) -> str:
        """A passage's text with its document's title and its section (what names it)."""
        return " ".join(x for x in (passage.title, passage.section or "", passage.text) if x)

    def _hits(self, asked: Asked, order: np.ndarray, lifted: Lifted, q: np.ndarray) -> list[Hit]:
        """Stage 6: the chosen rows as hits, the sentences that answer marked (see :meth:`_hit`).

        A follow-up never marks again the sentences the last answer quoted, and marks first the
        kind of sentence it asks for (the reasons, the objection).
        """
        follows = asked.follows
        if asked.intent is None:
            order = self._text_before_heading(order)
        return [
            self._hit(
                int(i),
                float(lifted.blended[i]),
                q,
                skip=follows.quoted if i == lifted.shown else (),
                prefer=preferred_sentences(asked.kind),
                answers=not asked.asking,
                question=asked.text,
            )
            for i in order
        ]

    def _text_before_heading(self, order: np.ndarray) -> np.ndarray:
        """A bare heading shown above the paragraph under it gives that paragraph its place.

        "How do I clean it?" matches the heading "Clean it while it is warm" a little better
        than the text under it, which is the answer: the text goes first, the heading after it.
        """
        rows = [int(i) for i in order]
        for heading in sorted(r for r in rows if r in self._headed):  # only the headings shown
            text = self._headed[heading]
            if text in rows[rows.index(heading) + 1 :]:
                rows.remove(text)
                rows.insert(rows.index(heading), text)
        return np.asarray(rows, dtype=order.dtype)

    def _settle(
        self, asked: Asked, hits: list[Hit], verdict: Verdict, k: int
    ) -> tuple[list[Hit], list[Hit] | None]:
        """Stage 7: the hits a plain question's best cannot stand as, and those about the document.

        A byline first (unless it names the writer asked of) gives way to the next passage, on its
        own score; "what happened after …?" is refused unless a note added to the text answers.
        A title, date, place, audience or author question is answered from the document's own
        lines (the second value: the date, place or audience hits, None when not one of those).
        """
        text, intent, notes = asked.text, asked.intent, asked.notes
        if verdict.answered and intent is None and hits and hits[0].passage.kind == "byline":
            # A byline, a signature or a dateline shares the question's words ("Who was the mayor
            # of Bradwell?" → "Bradwell, March 1873."), not its answer, unless it names the writer.
            author = (hits[0].passage.author or "").split()
            if not (author and author[-1].lower() in text.lower()):
                rest = [h for h in hits if h.passage.kind != "byline"]  # the next passage, on its own score
                # against the reading's own cut-off (the byline's lead over the rest says nothing of it)
                cut = (
                    verdict.cutoff
                    if asked.follows is not None
                    else self.calibration.z_answer + verdict.raised
                )
                verdict.answered = bool(rest) and self.relative(rest[0].score) >= cut
                hits = [*rest, *(h for h in hits if h.passage.kind == "byline")]
        if (
            verdict.answered
            and intent is None
            and hits
            and AFTER_THE_TEXT.search(text)
            and hits[0].passage.kind != "note"
        ):
            # "did the farmers raise their wages after the sermon?": the text cannot tell what came
            # after it, unless a note added to it does
            verdict.answered = False
            notes.append("The reading does not tell what came after it.")
        named = asked.named
        if intent == "title" and hits:
            hits = [title_hit(hits[0].passage, self._doc_titles), *hits][:k]
        dated = None
        if intent == "date" and hits:
            dated = date_hits(hits, named, k, self._doc_titles, self.index.passages)
        if intent == "place" and hits:
            dated = place_hits(hits, named, k, self.index.passages)
        if intent == "audience" and hits:
            dated = audience_hits(hits, named, k, self.index.passages)
            if dated is None and re.search(r"\bwhen\b", text, re.IGNORECASE):  # "when and to whom …?"
                dated = date_hits(hits, named, k, self._doc_titles, self.index.passages)
        if dated is not None:  # else the passages answer, as for any question ("Philadelphia, 1776")
            hits, verdict.answered = dated, True
        if intent == "author" and hits:
            hits = author_hits(hits, named, k, self._doc_titles)
            if not hits[0].passage.is_meta:
                verdict.answered = False  # the reading names no author: never invent one
                notes.append("The reading does not say who wrote it.")
        return hits, dated

    def _check_need(self, asked: Asked, hits: list[Hit], verdict: Verdict, z: float) -> list[Hit]:
        """Stage 8: whether the best passage gives what the question needs (see :mod:`.focus`).

        "How much does a bus ticket cost?" needs a figure, "Who designed the stadium?" a name: a
        passage nearly as close (``FIGURE_MARGIN``) that gives it answers instead, else the
        reading does not (refused, with the need's note). A person's name is no need, nor the
        writer's view, an amount of something the reading speaks of, or the document's own year.
        """
        text, intent, cal = asked.text, asked.intent, self.calibration
        need = (
            need_of(text)
            if intent is None and asked.follows is None and hits and asked.side is None
            else None
        )
        if need is not None and need.kind != "holder":
            # "What does Owen Price say about the monitor?" asks for no price: a person's name is no need
            people = self._people(text, asked.speakers)
            if people:
                plain = need_of(re.sub(r"\b(?:" + "|".join(map(re.escape, people)) + r")\b", " ", text))
                if plain is None or plain.kind != need.kind:
                    need = plain
        if need is not None and need.kind == "holder" and self._is_writer(need.about[0]):
            need = None  # "what does Thomas Paine think of kings?": the writer's view is the reading's
        if need is not None and need.kind == "amount" and self._names_thing(need.what):
            # "how much notice …?" on a reading that speaks of notice: the amount may be in other
            # words ("a full term in advance"), so any figure shown will do; an amount of a thing
            # the reading never names ("how much electricity …?") is not in it
            need = None
        if (
            need is not None
            and need.kind == "year"
            and any(y in str(d.get("date") or "") for d in self.index.documents for y in need.about)
        ):
            need = None  # "what did Paine write in 1776?": the document's own year
        figure = need is None and intent is None and bool(hits) and asks_quantity(text)
        sure = z >= cal.z_high + verdict.raised  # a passage the model is sure of may count in other words
        if (
            verdict.answered
            and (need is not None or figure)
            and not self._gives(need, hits[0], text, sure=sure)
        ):
            # "How much does a bus ticket cost?": the passage shares the subject, not the figure;
            # "Who designed the stadium?": it speaks of the stadium, naming no designer. A passage
            # nearly as close that gives it answers instead; else the reading does not.
            near = [h for h in hits[1:] if h.score >= hits[0].score - FIGURE_MARGIN]
            close = [h for h in near if self._gives(need, h, text, sure=sure)]
            if close:
                hits = [close[0], *(h for h in hits if h is not close[0])]
            else:
                verdict.answered = False
                asked.notes.append(
                    need.note() if need is not None else "The reading gives no figure for that."
                )
        if verdict.answered and need is not None and hits:
            # the sentence that gives it is shown, whichever of the passage's it is
            found = need.answering(
                hits[0].passage.sentence_texts(), hits[0].marked, self.vocabulary.names_used
            )
            if found is not None and found not in hits[0].marked:
                hits = [
                    Hit(hits[0].passage, hits[0].score, tuple(sorted({*hits[0].marked, found}))),
                    *hits[1:],
                ]
        return hits

    def _check_focus(self, asked: Asked, hits: list[Hit], verdict: Verdict, q: np.ndarray) -> None:
        """Stage 8b: whether the best passage says what the question asks of its subject (``focus.unsaid``).

        "Is the pool heated?" → the paragraph on the pool, which never speaks of heating: its best
        sentence stands as close to the question without "heated" as with it, or closer. Such a
        question is refused when the difference falls below the model's ``focus_drop`` (None: the
        check is off). Only plain questions (no intent, follow-up, side or answer kind asked).
        """
        limit = self.calibration.focus_drop
        if (
            limit is None
            or not verdict.answered
            or not hits
            or asked.intent is not None
            or asked.follows is not None
            or asked.side is not None
            or need_of(asked.text) is not None
        ):
            return
        passage = hits[0].passage
        row = self._row_of.get(passage.id)
        if row is None:
            return
        # the focus is what none of the passages shown speaks of (the next may say it: "cheaper")
        shown = {t for h in hits for t in self._terms.get(h.passage.id, ())}
        focus = unsaid(asked.text, shown, self.vocabulary.names_used)
        rest = without(asked.query, focus) if focus else asked.query
        if not focus or rest == asked.query or not content_terms(rest):
            return
        vectors = self.index.sentence_vectors[self.sentences.starts[row] : self.sentences.ends[row]]
        if not len(vectors):
            return
        plain = self._question_vector(rest)
        cal = self.calibration
        if asks_for_thing(asked.text) and cal.focus_drop_thing is not None:
            limit = cal.focus_drop_thing  # the thing is all it asks of its subject
        elif asks_yes_no(asked.text) and cal.focus_drop_yes_no is not None:
            limit = cal.focus_drop_yes_no
        drop = float((vectors @ q).max()) - float((vectors @ plain).max())
        if verdict.signals:  # what the gate reads of it (see `bot.core.search.answerable`)
            verdict.signals.update(focus_measured=1.0, focus_drop=drop)
        if drop < limit:
            verdict.answered = False
            asked.notes.append(
                f"The reading does not say: the passages closest to it never mention “{' '.join(focus)}”."
            )

    def _gate(self, verdict: Verdict) -> None:
        """Stage 8c: a question every check let through is answered when the model's gate says so.

        The gate (`bot.core.search.answerable`) is fitted on the questions the checks let through, so it
        decides last; a question a check refused keeps that check's note.
        """
        gate = self.calibration.gate
        if gate is not None and verdict.signals:
            verdict.answerable = gate.probability(verdict.signals)
            verdict.answered = verdict.answered and verdict.answerable >= gate.threshold_for(verdict.signals)
            if (
                verdict.signals.get("known", 1.0) == 0.0
                and verdict.signals.get("over_cut", 0.0) < -GATE_REACH
            ):
                # none of its words is the reading's and it is far short of the cut-off: the gate's fit says
                # nothing of it ("xylophone tuning" beside a zeppelin's log, 3.7 under the cut-off, scored
                # 0.67 on all-MiniLM-L6-v2)
                verdict.answered = False

    def _answer(
        self, asked: Asked, hits: list[Hit], verdict: Verdict, z: float, dated: list[Hit] | None
    ) -> Answer:
        """Stage 9: the :class:`Answer`: the hits, the confidence, the notes.

        High: a sure match, or an author, title, date, place, audience or contact line answered
        from the document's own lines; medium or low by the level the best reached. A refused
        question names the nearest topics instead.
        """
        cal, intent, follows = self.calibration, asked.intent, asked.follows
        if not verdict.answered:
            confidence = "none"
        elif (
            z >= cal.z_high + verdict.raised
            or intent in ("author", "title")
            or dated is not None
            or verdict.by_contact
        ):
            confidence = "high"
        else:
            confidence = "medium" if z >= verdict.medium else "low"
        nearest = [] if verdict.answered else topics(hits)
        about = intent if intent in ("author", "title") else None
        if follows is not None:
            asked.notes.append(f"Read as a follow-up to “{follows.question}”.")
        return Answer(
            asked.text,
            verdict.answered,
            hits,
            confidence,
            asked.notes,
            nearest,
            about,
            documents=list(dict.fromkeys(asked.named)),
            follows=follows.question if follows is not None else None,
            answerable=verdict.answerable,
            signals=verdict.signals,
        )

    def _hit(
        self,
        row: int,
        score: float,
        q: np.ndarray,
        skip: Sequence[int] = (),
        prefer: re.Pattern[str] | None = None,
        *,
        answers: bool = True,
        question: str = "",
    ) -> Hit:
        """The passage of `row` with the sentences that answer marked.

        Never those in `skip` (quoted just before) while the passage has others; sentences
        matching `prefer` (the reasons, the objection a follow-up asks for) come first. With
        `answers`, a question the text asks itself hands its match to the sentence after it:
        that sentence is the answer. A sentence that offers the kind of answer `question`
        asks for (a figure for "how many?") gets the bonus it got in the passage's score.
        """
        passage = self.index.passages[row]
        if len(passage.sentences) <= 1:
            return Hit(passage, score, (0,) if passage.sentences else ())
        sims = self.sentences.scores(row, q)
        texts = passage.sentence_texts()
        if answers:
            sims = to_answers(sims, texts)
        for asks, offers in ANSWER_TYPES:
            if question and asks.search(question):
                sims = sims + ANSWER_TYPE_BONUS * np.array(
                    [bool(offers.search(t)) for t in texts], dtype=np.float32
                )
        if question and asks_count(question):
            # "how many things can I borrow?": "up to three tools", not "the loan is one week"
            sims = sims - ANSWER_TYPE_BONUS * np.array([not counts_in(t) for t in texts], dtype=np.float32)
        if prefer is not None:
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

    def _intent_boost(self, intent: str | None, documents: Sequence[str] = ()) -> np.ndarray:
        """Questions about the document itself favour its byline or its closing paragraphs."""
        if intent == "author":
            return BOOST * self._byline
        if intent == "views":
            return BOOST * self._meta
        if intent == "contact":  # the line that says whom to write to, byline or not
            return BOOST * self.sentences.offers(CONTACT_LINE)
        # Otherwise bylines, disclaimers, bare headings and footnotes that say nothing only win on a
        # clear match (a dateline may answer when the text was written).
        penalty = -META_PENALTY * (self._meta if intent == "date" else self._furniture + self._fragment)
        if intent == "conclusion":
            for doc, rows in self._body_rows.items():
                if documents and doc not in documents:
                    continue
                for rank, row in enumerate(reversed(rows[-2:])):
                    penalty[row] += BOOST / (rank + 1)
        return penalty

    def _about_person(self, text: str, speakers: set[str], named: Sequence[str]) -> np.ndarray:
        """1.0 for each passage about the person a background question asks about.

        The writer ("What does the author do?", "What does Okonedo do for a living?": lines naming
        them beyond a byline, or their own words on what they do); a named speaker of a transcript
        (the host's introduction, or their own turn); another person the question names ("What is
        Halloran's job?": a passage naming them and saying more).
        """
        if speakers:  # "What does Price do for a living?": the host's introduction may say it
            asked = set(re.findall(r"[a-z][a-z-]*", text.lower()))
            words = [w for w, s in self._speaker_names.items() if s in speakers and w in asked]
            return speaker_flags(self.index.passages, speakers, words)
        # the question's capitalised words past its first that the reading uses as names
        # a person the question names who is not the named document's writer ("who was Priestley, in
        # Huxley's speech?" asks about Priestley)
        writers = {
            w for d in named for w in content_terms(str(self._doc_titles.get(d, {}).get("author") or ""))
        }
        people = [w for w in self._people(text) if not set(content_terms(w)) <= writers]
        if people:
            return speaker_flags(self.index.passages, (), people)
        return self._about_writer()

    def _side_hits(
        self, side: Side, hits: list[Hit], q: np.ndarray, blended: np.ndarray, k: int
    ) -> list[Hit]:
        """A "who is for / against …?" answer: the writer (or speaker) taking that side first.

        The writer's byline, then their clearest stance on it; a speaker's clearest turn. Unchanged
        when the reading has fewer than two writers or speakers, or their sides cannot be told apart.
        """
        passages = self.index.passages
        writers = [d for d in self._doc_rows if self._doc_titles.get(d, {}).get("author")]
        spoken = sorted(set(self._speaker_names.values()))
        if len(writers) >= 2:
            groups = {d: [passages[r] for r in self._doc_rows[d]] for d in writers}
        elif len(spoken) >= 2:
            groups = {s: [p for p in passages if p.speaker == s] for s in spoken}
        else:
            return hits
        ranked = taking_side(side, groups)
        if not ranked:
            return hits
        key, clearest = ranked[0]
        first = [writer_hit(key, passages, self._doc_titles)] if len(writers) >= 2 else []
        if clearest is None:  # no stance sentence: their passage closest to the question
            rows = [self._row_of[p.id] for p in groups[key] if not p.is_meta]
            clearest = passages[max(rows, key=lambda r: blended[r])] if rows else None
        if clearest is not None:
            first.append(self._hit(self._row_of[clearest.id], float(hits[0].score), q))
        first = [h for h in first if h is not None]
        ids = {h.passage.id for h in first}
        return [*first, *(h for h in hits if h.passage.id not in ids)][:k]

    def _lift(
        self,
        blended: np.ndarray,
        wanted: Callable[[Passage], bool],
        reach: float | None = 1.0,
        within: np.ndarray | None = None,
    ) -> np.ndarray:
        """The first passage within ``LIFT_MARGIN`` (times `reach`) of the best that is `wanted` goes first.

        Among the ``LIFT_POOL`` best; with `reach` None, among all of them (those `within` marks:
        the named document's or speaker's), however far below. It takes the best's score; `blended`
        itself is returned when none is wanted, or the best is.
        """
        finite = np.isfinite(blended)
        if not finite.any():
            return blended
        top = np.argsort(-np.where(finite, blended, -np.inf), kind="stable")
        best = float(blended[top[0]])
        if reach is not None:
            top = top[:LIFT_POOL]
        elif within is not None:
            top = top[within[top] & finite[top]]
        for row in top:
            if reach is not None and blended[row] < best - LIFT_MARGIN * reach:
                break
            if wanted(self.index.passages[row]):
                if row != top[0]:
                    blended = blended.copy()
                    blended[row] = best + 1e-6
                break
        return blended

    def _stances_of(self, p: Passage) -> tuple[Stance, ...]:
        """A passage's stance sentences, read once per process (see :func:`stances`)."""
        found = self._stances.get(p.id)
        if found is None:
            found = self._stances[p.id] = stances(p)
        return found

    def _main_terms(self) -> frozenset[str]:
        """The reading's most used content words: what it is about ("mast", "quarry")."""
        if self._main is None:
            counts = Counter(t for terms in self._terms.values() for t in set(terms))
            titles = (str(d.get("title") or "") for d in self.index.documents)
            self._main = frozenset(t for t, _ in counts.most_common(MAIN_TERMS)) | {
                t for title in titles for t in content_terms(title)
            }
        return self._main

    def _people(self, text: str, speakers: Collection[str] = ()) -> list[str]:
        """The question's capitalised words (past its first word) that the reading uses as names.

        Or that name one of `speakers` ("Price" of "What does Owen Price say …?").
        """
        spoken = {w for w, s in self._speaker_names.items() if s in speakers}
        names = self.vocabulary.names_used | spoken
        words = [m.group(0) for m in _NAMES.finditer(text) if text[: m.start()].strip(" \"'“‘")]
        return [w for w in words if w.lower() in names and w.lower() not in _HONORIFICS]

    def _about_writer(self) -> np.ndarray:
        """1.0 for each passage that names its document's author and says more than a byline (cached)."""
        if self._writer_rows is None:
            self._writer_rows = writer_flags(self.index.passages, self._doc_titles)
        return self._writer_rows

    def _names_thing(self, word: str) -> bool:
        """Whether the reading speaks of `word` in any form it indexes ("climbs" for "climbing")."""
        terms = content_terms(word)
        return self.vocabulary.uses(word) or (
            bool(terms) and all(t in self.vocabulary.indexed for t in terms)
        )

    def _is_writer(self, word: str) -> bool:
        """Whether `word` names a writer or a title of the reading's documents (their metadata)."""
        terms = content_terms(word)
        return bool(terms) and all(t in self.vocabulary.metadata_terms for t in terms)

    def _gives(self, need: Need | None, hit: Hit, question: str, *, sure: bool = False) -> bool:
        """Whether `hit` gives what the question asks for (see `bot.core.search.focus`).

        With `sure` (the passage matches with high confidence), a figure in a sentence shown
        answers a "how many?" even when it names what it counts in other words ("tens of
        thousands of Russian forces" for "how many troops?"), and a passage may single out the
        first of a kind in other words.
        """
        if need is None:
            return gives_quantity_in(hit, question)
        sentences = hit.passage.sentence_texts()
        if need.kind == "holder" and any(
            held and need.met_by(held)
            for held in (hit.passage.speaker, hit.passage.author, hit.passage.section)
        ):
            # "what did Dev say about buses?": a transcript's turn that Dev speaks; the view of a
            # document's writer, or of those its section speaks for ("6. Minority report")
            return True
        if (
            need.kind == "name"
            and need.about
            and hit.passage.speaker
            and any(calls_self(sentence, need.about) for sentence in sentences)
        ):
            return True  # "who's the treasurer?": "As treasurer I'll be blunt", in the treasurer's own turn
        if need.given_by(sentences, hit.marked, self.vocabulary.names_used):
            return True
        if sure and need.kind == "first":  # "the films the children cheer" for the most commonly shown
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
        if is_dispute_question(
            text
        ):  # "what are the two essays arguing about?": where each puts the question
            stated = issue_rows(self.index.passages, {d: self._doc_rows[d] for d in documents})
            rows = list(dict.fromkeys([*stated, *rows]))[:k]
        q = self.embedder.encode_queries([query])[0]
        hits = [self._hit(row, 1.0, q) for row in rows]
        return Answer(
            text, bool(hits), hits, "high" if hits else "none", notes, [], "summary", documents=named
        )

    def _is_subject(self, mention: Mention) -> bool:
        """Whether the words that named a document are a name its own text speaks of (in 2+ passages).

        "Washington" names "Of Mr. Booker T. Washington and Others" and is what it is about: it
        stays in the question; "Paine" or "Hamilton", named only as the author, is taken out.
        """
        rows = self._body_rows.get(mention.document, [])
        for words in mention.words:
            terms = content_terms(words)
            if not terms or not all(w.lower() in self.vocabulary.names_used for w in words.split()):
                continue
            using = (r for r in rows if all(t in self._terms[self.index.passages[r].id] for t in terms))
            if next(using, None) is not None and next(using, None) is not None:  # two passages, then stop
                return True
        return False


# "As treasurer I'll be blunt", "Jumping in as librarian", "I'm the club's secretary"
_SELF_ROLE = re.compile(
    r"\b(?:as|I'm|I’m|I am|I was)\s+(?:(?:the|a|an|your|our|my)\s+)?"
    r"(?P<role>(?:[\w'’-]+\s+){0,2}[\w'’-]+)\b",
    re.IGNORECASE,
)


def calls_self(sentence: str, role: Sequence[str]) -> bool:
    """Whether a speaker's own sentence names their role (`role`: its content terms), outside a quotation."""
    if sentence.lstrip().startswith(("“", '"', "‘", "'")):
        return False  # a line quoted from another message
    wanted = set(role)
    return any(wanted <= set(content_terms(m.group("role"))) for m in _SELF_ROLE.finditer(sentence))


def says_something(p: Passage) -> bool:
    """Whether `p` says something of its own: a footnote of ``NOTE_WORDS`` words or more, or a header's facts.

    "Applicant: Ms. Delphine Okafor (tenant, …)" over "Heard at: Eastbridge Civic Centre" answers
    who brought the case and where it was heard, as the body would.
    """
    if p.kind == FRONT:
        lines = [line for line in p.text.split("\n") if line.strip()]
        return bool(lines) and all(_FIELD_LINE.match(line) for line in lines)
    return p.kind == NOTE and len(p.text.split()) >= NOTE_WORDS


def is_fragment(p: Passage) -> bool:
    """Whether a body passage is a few words ending without punctuation (a heading, a dateline)."""
    text = p.text.strip()
    return not p.is_meta and len(text.split()) <= FRAGMENT_WORDS and not _ENDS_CLAUSE.search(text)
