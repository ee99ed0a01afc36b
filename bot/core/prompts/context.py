"""A claim among its neighbours: what the sentences around it grant, answer or announce of it.

Whose view a sentence states (:mod:`.voice` reads the sentence and the one answering it), a
setup or concession the author answers at once ("It is true that…" then "But…"), a view
announced for others ("The board's argument is easy to state."), and the author's answer to a
view they rebut: the sentence that a two-sided prompt quotes for the author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.prompts.compress import core
from bot.core.prompts.cues import WORD as _WORD
from bot.core.prompts.cues import claim_score
from bot.core.prompts.ranking import calls_on_others
from bot.core.prompts.references import resolve_opening, unresolved
from bot.core.prompts.units import CLAIM_KINDS, Unit, Units, claimable, is_turn
from bot.core.prompts.voice import (
    AUTHOR,
    REBUTTED,
    REPORTED,
    Voice,
    acknowledges,
    announces_view,
    answer_at,
    as_report,
    continues,
    paraphrases,
    voice_of,
)
from bot.core.reading.passages import LIST

REBUTTED_MIN_SCORE = -1.5  # a view the author answers at once is a claim from this score (reports score low)
_ANSWERED = re.compile(
    r"^(?:but|yet|however|nevertheless|nonetheless|still|on the contrary)\b", re.IGNORECASE
)
# "But it will keep the regulars…", "Yet they are the people who…": the answer takes up the sentence
# before by a pronoun and says what else is true of it; what that sentence said is granted
_TAKEN_UP = re.compile(
    r"^(?:but|yet|still|however),?\s+(?:it|they|he|she|this|that)\s+(?!is\s+why\b)\w+", re.IGNORECASE
)
# ", it is alleged,", ", it is maintained,": a view set out as others', sentence after sentence
_SET_OUT = re.compile(
    r"(?<=\w),\s+(?:it is|it has been|we are) (?:often |also |further )?"
    r"(?:alleged|maintained|said|thought|urged|argued|contended|claimed|told|supposed),",
    re.IGNORECASE,
)
# A sentence that ends on how a thing sounds or looks: "The question of whether … sounds modest."
_APPEARS = re.compile(
    r"^(?![^.]*\b(?:but|yet|though|although)\b)[^;:]{10,}\s(?:sounds?|seems?|looks?|appears?)\s+"
    r"(?:to be\s+)?(?:\w+ly\s+)?(?:enough\s+)?[a-z\-]+\.$"
)
_TURN_MAX_WORDS = 16  # a grant is stated briefly: one short clause
_CONCEDES = re.compile(
    r"\b(?:it is true|true,|no doubt|doubtless|of course|granted|grant|admit\w*|to be sure|"
    r"it (?:is|has been|may be|will be) (?:said|urged|argued|objected|alleged|thought|supposed)|"
    r"we are told|some (?:say|think|argue|hold|believe)|may seem|might seem|appears? at first)\b",
    re.IGNORECASE,
)

# What the author leaves open before turning to what does not depend on it: "The causes … are many,
# and I do not pretend to know them all.", "researchers still argue about them", "we do not claim
# that the lights are the whole reason" (then "But I need not settle that to say…")
_LEAVES_OPEN = re.compile(
    r"\b(?:(?:do|did|can|could) not|don['’]t|cannot|can['’]t) (?:pretend to |claim to |hope to )?"
    r"(?:know|say|tell|settle|explain|decide|claim|answer)\b|\b(?:still|continue to) (?:argue|debate|"
    r"disagree|dispute)\b|\b(?:are|were) (?:many|various|disputed|unclear|uncertain)\b|"
    r"\b(?:is|are) (?:disputed|unclear|uncertain|not (?:known|clear|settled))\b",
    re.IGNORECASE,
)


# "I do not doubt the figure.", "I grant it.", "So they have.": a fact granted outright before the "But"
_GRANTS = re.compile(
    r"^(?:(?:i|we) (?:do not|don['’]t|cannot|can['’]t|shall not|will not|need not) (?:\w+ly )?"
    r"(?:doubt|dispute|deny|question|quarrel with|challenge)\b|"
    r"(?:i|we) (?:readily |freely )?(?:grant|accept|admit|concede) (?:it|that|this|the \w+)\b|"
    r"(?:that|this|it) (?:is|may be) (?:quite )?(?:true|so|correct)\b|no doubt (?:it|they|that)\b|"
    r"so (?:it|they|he|she|we) (?:is|are|has|have|does|do|did|was|were)\b)",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"\d|\b(?:hundreds?|thousands?|millions?|pounds|dollars|per ?cent|a (?:half|third|quarter|fifth))\b|£|\$",
    re.IGNORECASE,
)


def granted_figure(view: str, grant: str, answer: str | None) -> bool:
    """Whether `view` is a figure the author grants (`grant`) before their own point (`answer`).

    "We are told that the branch loses eleven thousand pounds a year. I do not doubt the figure. But
    a railway is not a shop…": no two sides to ask, the author's claim is the one after "But".
    """
    if not _FIGURE.search(view) or len(_WORD.findall(grant)) > 10 or not _GRANTS.match(grant.strip()):
        return False
    return answer is not None and bool(_ANSWERED.match(answer.strip()))


def turned(sentence: str, answer: str) -> bool:
    """Whether `sentence` is what the author grants before turning to what else is true of it.

    "Winter swimming will not make the Lido pay for itself. But it will keep the regulars…",
    "The hall is not a handsome building. But it stands where…": a short statement of one
    clause, answered at once (`answer`, the next sentence) by one that takes up its subject by
    a pronoun. The author's position is the answer; a call or a recommendation ("We should
    build it. But it will cost…") stays the author's own.
    """
    text = " ".join(sentence.split())
    if not _TAKEN_UP.match(" ".join(answer.split())) or re.search(r"[;:]", text):
        return False
    if len(_WORD.findall(text)) > _TURN_MAX_WORDS or claim_score(text).kind == "recommendation":
        return False
    return not calls_on_others(text)


def argues(text: str) -> float:
    """How much a clause argues (to pick the clause of a long sentence that carries the claim)."""
    return claim_score(text).score


# "We do not oppose savings. We oppose savings decided by people who never ride the boat.": a short thesis
# over two sentences, what the writer does not hold and then what they do, with one verb
_DENIED = re.compile(
    r"^(?:but\s+|and\s+)?(?P<who>we|i)\s+(?:(?:do|did)\s+not\s+(?P<verb>[a-z]{3,})|(?:are|am)\s+not\s+"
    r"(?P<stance>against|for|opposed to))\s+(?P<x>[^,;:]{2,60}?)\s*\.$",
    re.IGNORECASE,
)
_STATED = re.compile(
    r"^(?:but\s+|instead,?\s+)?(?P<who>we|i)\s+"
    r"(?:(?:are|am)\s+(?P<stance>against|for|opposed to)|(?P<verb>[a-z]{3,}))\s+"
    # (not "I grudge him nothing but the want of a choice": a pronoun or a negation is no thing held)
    r"(?P<y>(?!(?:him|her|them|it|us|me|you|nothing|no|none|not|never)\b)[^;:]{4,110}?)\s*\.$",
    re.IGNORECASE,
)


_THEIRS = {"we": "they", "us": "them", "our": "their", "ours": "theirs"}  # the writer's group, named


@dataclass(frozen=True)
class Thesis:
    """A thesis stated over two sentences: the writer does not `verb` `denied`, but `held`."""

    verb: str
    denied: str
    held: str


PARAPHRASE_SENTENCES = 2  # a paraphrase goes on for at most this many sentences after its marker


# A person's work standing for them: "Her new book, The Kitchen Table Problem, argues that …"
_THEIR_WORK = (
    r"^(?:her|his)\s+(?:(?:new|latest|last|recent|first|own)\s+)?(?:book|report|study|paper|article|essay|"
    r"film|research|thesis|column|lecture|speech)$"
)


class Context:
    """The sentences around a claim, read for what they say of it (whose it is, granted, answered)."""

    def __init__(self, units: Units) -> None:
        self._units = units

    def announced(self, unit: Unit) -> bool:
        """A view the author announces for others ("The board's argument is easy to state. X…").

        Also the first sentence of a view the author goes on to set out as others' ("…are rested on
        its importance to society. There are, it is alleged, certain beliefs so useful…").
        """
        if ":" in unit.text and announces_view(unit.text.split(":", 1)[0] + ":"):
            return True
        following = self.next(unit)
        if following is not None and _SET_OUT.search(following.text):
            return True
        before = self.previous(unit)
        for _ in range(2):  # the announcement, then at most one more sentence of the view
            if before is None or _ANSWERED.match(unit.text.strip()):
                return False
            if announces_view(before.text):
                return True
            before = self.previous(before)
        return False

    def following(self, unit: Unit) -> list[Unit]:
        """The sentences after `unit` in its passage, at most three.

        When fewer follow and one of them grants the view, the next paragraph's first sentence
        too if it opens on a contrast: the author may grant a view to the end of its paragraph
        and answer it in the next ("We take this objection seriously. …" then "But the cap we
        propose is not …").
        """
        siblings = self._units.by_row[unit.row]
        at = siblings.index(unit)
        after = siblings[at + 1 : at + 4]
        if len(after) < 3 and any(acknowledges(a.text) for a in after):
            opening = self._next_paragraph_opening(siblings[-1])
            if opening is not None and _ANSWERED.match(opening.text.strip()):
                after.append(opening)
        return after

    def _next_paragraph_opening(self, last: Unit) -> Unit | None:
        """The first sentence of the body paragraph right after `last`'s, in the same document."""
        units = self._units
        here = units.passage(last)
        for after in units.units[last.order + 1 : last.order + 8]:
            there = units.passage(after)
            if (there.document, there.paragraph) == (here.document, here.paragraph):
                continue
            same_section = (
                there.document == here.document
                and there.paragraph == here.paragraph + 1
                and there.section == here.section
            )
            if not same_section or there.kind not in CLAIM_KINDS or after.row in units.meta_rows:
                return None
            return after
        return None

    def setup(self, unit: Unit) -> bool:
        """A concession or setup the author answers at once ("It is true that…" followed by "But…").

        Also what the author grants after saying so ("I understand why. A new stadium is a handsome
        thing to promise, … But I was elected to…"), or grants in the sentence itself.
        """
        following = self.next(unit)
        later = self._units.by_row[unit.row]
        at = later.index(unit)
        if _APPEARS.search(unit.text.strip()):
            return True  # "The question … sounds modest.": how a thing looks, set up for what it is
        if self.granted(unit):
            return True  # a figure granted outright before the author's "But": not asked as a side
        if _LEAVES_OPEN.search(unit.text) and any(
            _ANSWERED.match(u.text.strip()) for u in later[at + 1 : at + 3]
        ):
            return True  # granted open, then answered within two sentences
        if any(turned(unit.text, u.text) for u in later[at + 2 : at + 3]):
            return True  # "A review is a useful servant. It tells us … But it is a bad master": granted
        if following is None or not _ANSWERED.match(following.text.strip()):
            return False
        previous = self.previous(unit)
        granted = acknowledges(unit.text) or (previous is not None and acknowledges(previous.text))
        return bool(_CONCEDES.search(unit.text)) or granted or turned(unit.text, following.text)

    def debated(self, group: Sequence[Unit]) -> Unit | None:
        """A view the paragraph reports and answers at once, if it has one worth a two-sided prompt."""
        for u in group:
            if self.granted(u):
                continue  # a figure granted: the author's answer is asked alone
            if u.score.score >= REBUTTED_MIN_SCORE and self.voice(u).kind == REBUTTED and self.reply(u):
                return u
        return None

    def granted(self, unit: Unit) -> bool:
        """Whether the author grants the figure `unit` states before turning to their own point."""
        siblings = self._units.by_row[unit.row]
        at = siblings.index(unit)
        after = [u.text for u in siblings[at + 1 : at + 3]]
        if len(after) < 2:
            return False
        return granted_figure(unit.text, after[0], after[1])

    def before(self, unit: Unit) -> str:
        """The text of its paragraph before `unit` (what a pointer inside it may take up)."""
        siblings = self._units.by_row[unit.row]
        at = siblings.index(unit) if unit in siblings else 0
        return " ".join(u.text for u in siblings[:at])

    def previous(self, unit: Unit) -> Unit | None:
        """The sentence before `unit` in its passage, if any."""
        units = self._units
        here = units.passage(unit)
        for before in reversed(units.units[max(0, unit.order - 4) : unit.order]):
            there = units.passage(before)
            if (there.document, there.paragraph) != (here.document, here.paragraph):
                return None
            if before.text != unit.text:  # (windows overlap: the same sentence twice)
                return before
        return None

    def thesis(self, unit: Unit) -> Thesis | None:
        """The thesis `unit` states after the sentence before denies its other half, if it does."""
        before = self.previous(unit)
        stated = _STATED.match(" ".join(unit.text.split()))
        denied = _DENIED.match(" ".join(before.text.split())) if before is not None else None
        if stated is None or denied is None or stated.group("who").lower() != denied.group("who").lower():
            return None
        verb = (denied.group("verb") or f"be {denied.group('stance')}").lower()  # ("We are not against X.")
        if verb != (stated.group("verb") or f"be {stated.group('stance')}").lower():
            return None
        if len(denied.group("x").split()) > 8:
            return None
        held = re.sub(r"^(?:this|these)\b", "the", stated.group("y"), flags=re.IGNORECASE)  # "this estate"
        if re.match(r"^to\s", denied.group("x"), re.IGNORECASE) or unresolved(f"{denied.group('x')}, {held}"):
            return None  # "We do not need to ban the car. We need to stop letting it decide…": modal, pointer
        held = re.sub(
            r"\b(?:we|us|our|ours)\b", lambda m: _THEIRS[m.group().lower()], held, flags=re.IGNORECASE
        )
        return Thesis(verb, denied.group("x"), held)

    def next(self, unit: Unit) -> Unit | None:
        """The sentence after `unit` in its passage, if any."""
        siblings = self._units.by_row[unit.row]
        at = siblings.index(unit)
        return siblings[at + 1] if at + 1 < len(siblings) else None

    def voice(self, unit: Unit) -> Voice:
        """Whose view the claim states (a list item inherits its introduction's holder)."""
        following = self.next(unit)
        after = self.following(unit)
        answer = answer_at([a.text for a in after])  # "But …", or after "That is a fair worry."
        if self._units.framed[unit.order]:  # in someone else's words: asked in their name, or not at all
            named = voice_of(unit.text)  # "Others will say that …" names its holders itself
            if named.others and named.holder and unit.order not in self._units.list_holders:
                # "It will be objected that X. I grant that … But …": answered, so two-sided
                return Voice(REBUTTED if answer is not None else REPORTED, named.holder, named.plural)
            return Voice(REPORTED, self._units.list_holders.get(unit.order, ""), True)
        answering = after[answer] if answer is not None else following
        voice = voice_of(unit.text, answering.text if answering else None)
        if answer is not None and voice.kind == REPORTED:  # answered after a bare grant ("Perhaps it will.")
            voice = Voice(REBUTTED, voice.holder, voice.plural)
        if voice.others and not voice.holder:  # "They argue that …": who they are, from the sentence before
            previous = self.previous(unit)
            resolved = resolve_opening(unit.text, previous.text) if previous is not None else None
            found = voice_of(resolved) if resolved else None
            if found is not None and found.others and found.holder:
                first, _, rest = found.holder.partition(" ")
                holder = (
                    found.holder
                    if self._units.is_name(first)
                    else first.lower() + (" " + rest if rest else "")
                )
                voice = Voice(voice.kind, holder, voice.plural)
        if voice.kind == AUTHOR and not self._units.framed[unit.order]:
            voice = self._paraphrased(unit) or voice  # "Shops play music because …" after "…, she argues, …"
        work = re.match(_THEIR_WORK, voice.holder, re.IGNORECASE) if voice.others else None
        if work is not None:  # "Her new book argues that …": the book's writer, named before
            voice = Voice(voice.kind, "", False)
        if voice.others and not voice.holder and not voice.plural:  # "Cafés, she argues, …": named before
            voice = Voice(voice.kind, self._named_before(unit) or "", voice.plural)
        if voice.kind == AUTHOR and self._units.passage(unit).kind == LIST:
            intro = self._units.by_row[unit.row][0]
            if intro is not unit:
                found = voice_of(intro.text)
                if found.kind != AUTHOR:
                    voice = Voice(found.kind, found.holder, found.plural)
        return voice

    def _paraphrased(self, unit: Unit) -> Voice | None:
        """The view of a person the writer paraphrases just before, if `unit` goes on with it.

        "Whitlock's central claim is that … Cafés, she argues, … Shops play music because …".
        """
        if not continues(unit.text):
            return None
        before = self.previous(unit)
        for _ in range(PARAPHRASE_SENTENCES):
            if before is None:
                return None
            held = paraphrases(before.text)
            if held is not None:
                holder = held or self._named_before(before) or ""
                return Voice(REPORTED, holder, False) if holder else None
            if not continues(before.text):
                return None
            before = self.previous(before)
        return None

    def _named_before(self, unit: Unit) -> str | None:
        """The person a "she" or "he" stands for, from the two sentences before.

        The holder of a view reported there, or the name opening one ("Whitlock's central claim is …").
        """
        before = self.previous(unit)
        for _ in range(2):
            if before is None:
                return None
            found = voice_of(before.text)
            if found.others and found.holder and not found.plural and found.holder[:1].isupper():
                return found.holder
            # ("Ms Tran also opposed the proposal": "Ms Tran", not the title alone)
            opening = re.match(
                r"^((?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Professor|Prof|Sir|Dame|Lady|Lord|Rev)\.?\s+)?)"
                r"(?:[A-Z][\w'’\-]+\s+){0,2}?([A-Z][\w'’\-]+?)(?:['’]s)?\b",
                before.text,
            )
            if opening and self._units.is_name(opening.group(2)):
                return opening.group(1) + opening.group(2)
            # ("My guest this week is Dr. Lena Marsh, …": a person named with a title inside the sentence)
            titled = re.findall(
                r"\b(Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Professor|Prof)\.?\s+(?:[A-Z][\w'’\-]+\s+)?([A-Z][\w'’\-]+)",
                before.text,
            )
            if len(titled) == 1:
                return f"{titled[0][0]} {titled[0][1]}"
            before = self.previous(before)
        return None

    def reply(self, unit: Unit) -> Unit | None:
        """The author's answer to a rebutted view: the sentence that answers, as one quotable unit.

        When that sentence cannot be asked on its own ("That is the oldest threat in the
        business, …"), the next sentence of the answer that can ("A team that stays only for a
        subsidy has not chosen us; …").
        """
        after = self.following(unit)
        answer = answer_at([a.text for a in after])  # "I allow the force of this argument. But…"
        if answer is None:
            following = self.next(unit)
            return following if following is not None and self.answers(following) else None
        answering = self._units.passage(after[answer])
        for reply in after[answer : answer + 2]:
            there = self._units.passage(reply)
            if (there.document, there.paragraph) != (answering.document, answering.paragraph):
                break
            if self.answers(reply):
                return reply
        return None

    def answers(self, reply: Unit) -> bool:
        """Whether a sentence can state the author's answer: quotable, with a core of its own."""
        units = self._units
        if not claimable(reply.text, units.passage(reply).text, spoken=is_turn(units.passage(reply))):
            return False
        other = voice_of(reply.text)  # ("Data Infrastructure argued the opposite: that …": theirs)
        if other.others and other.holder:
            return core(as_report(reply.text), units.is_name, argues, reported=True) is not None
        return core(reply.text, units.is_name, argues) is not None
