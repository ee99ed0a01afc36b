"""What a sentence wraps around its claim, and how it is taken off.

Discourse openers ("But", "Indeed,", "In short,"), the speaker's own frame ("I think that",
"My argument is that"), a reporting frame ("Some argue that"), who a speech addresses ("Madam
Chair,"), asides between commas or dashes ("it is to be hoped", "we may suppose"),
parentheses, footnote markers and Gutenberg's _italics_.
"""

from __future__ import annotations

import re

from bot.core.prompts.advice import mandate
from bot.core.prompts.voice import SAYS

_I = re.IGNORECASE

MARKERS = (
    r"but|yet|and|still|however(?=,)|plus|anyway|anyhow|indeed|instead|after all|of course|in fact|"
    r"in the end|in short|in truth|(?:up)?on the whole|in sum|all in all|put simply|simply put|"
    r"to put it simply|in brief|briefly|frankly|"
    r"in a word|in other words|that is(?=,)|nay|now|or|so|hence|thus|therefore|accordingly|then|besides|"
    r"moreover|"
    r"further(?:more)?|again|lastly|finally|first(?:ly)?|secondly|thirdly|(?:second|third|fourth|fifth)(?=,)|"
    r"above all|on the contrary|"
    r"on the other hand|at (?:the same time|least|all events)|no doubt|doubtless|surely|certainly|"
    r"undoubtedly|perhaps|consequently|for|too often|to be sure|in the first place|in the second place|"
    r"in (?:this|that) (?:case|sense|respect|way)"
)
LEADING_MARKER = re.compile(rf"^(?:{MARKERS})\b\s*[,;:]?\s+", _I)
OWN_FRAME = re.compile(
    r"^(?:(?:my|our) (?:argument|prediction|view|point|hope|fear|position|conclusion|answer|belief|"
    # ("My answer to Mr. Hale is that X": whom the answer is to; not when X's "his" is Mr. Hale's)
    r"contention)(?: to (?:mr\.? |mrs\.? |dr\.? )?[\w\-]+(?: [\w\-]+)?"
    r"(?= is that (?![^;:]*\b(?:his|him|her)\b)))? is (?:simple[.:]\s*)?(?:that\s+)?|"
    r"(?:i|we) (?:do |therefore |also |would |still |now |further |thus )?"
    r"(?:think|believe|hold|say|trust|contend|maintain|submit|affirm|answer|reply|"
    r"conclude|insist|suspect|fear|hope|argue|repeat|know|am (?:convinced|persuaded|sure)|"
    r"are (?:convinced|persuaded|sure)),?\s+"
    r"(?:(?:therefore|then|again|also|plainly|only),?\s+that\s+|(?:that\s+)?)|"
    # "we are satisfied, though not without hesitation, that X": a tribunal's finding, X its claim
    r"(?:i am|we are) satisfied(?:,\s+(?:though|although|albeit)\s[^,;]{1,50},)? that\s+|"
    # why the writer stands or writes: "I'm standing because Castleford deserves a councillor who…"
    r"(?:i|we)(?:['’]m| am|['’]re| are) (?:standing|running|writing|campaigning|voting|here|doing this)"
    r"(?: again| today| now)? because\s+|"
    r"it (?:is|seems|appears) (?:to me|clear|plain|evident|certain|obvious|manifest|"
    r"true) (?:that\s+)?(?=\w+ \w+)|"
    r"it is (?!not)[^,;]{0,70}?\b(?:evident|clear|plain|certain|obvious|manifest|"
    r"true)\b[^,;]{0,70}?,? that\s+"
    r"|there (?:can be|is) no (?:room (?:to|for) )?doubt,? (?:but )?that\s+"
    # "I need not settle that to say that X", "We do not need to know the whole reason to see that X":
    # what the speaker leaves open is the setup; X is the claim
    r"|(?:i|we) (?:need not|do not need to|don['’]t need to|have no need to) [^,;:]{1,60}? to "
    r"(?:say|see|know|hold|conclude|recogni[sz]e|believe|judge|notice|maintain) that\s+"
    # "I wish to persuade you that X", "I shall try to show that X": the thesis announced
    r"|(?:i|we) (?:wish|want|mean|hope|intend|shall try|will try|mean|propose) to (?:persuade|convince|"
    r"show|prove|satisfy)(?: (?:you|my hearers|my readers|the reader|the meeting|this meeting))?,? that\s+"
    r"|(?:the (?:truth|fact|reality|point|(?:short |simple |plain )?answer|effect|result|consequence|"
    r"upshot) is|"
    # "It is this document's view that X", "The Council's view is that X": the writer's own position
    # (not "The council's view is that X": whose view that is, the voice says)
    r"it is (?:this|our|my)(?: [\w\-]+['’]s)? (?:view|position|belief|conclusion)|"
    r"(?:our|my|this [\w\-]+['’]s) (?:considered )?(?:view|position|conclusion) is|"
    r"(?:our|my) (?:main |chief |real |whole |only |first |second )?(?:objection|concern|complaint|fear) is|"
    r"what (?:i|we) (?:say|mean|argue|claim) is),? "
    r"(?:simply )?that\s+"
    # "And let us remember that a virtue which …": what the speaker asks to be remembered is the claim
    r"|(?:(?:let us|let['’]s|we (?:must|should)) (?:not forget|never forget|remember|bear in mind|recall)|"
    r"remember|never forget|do not forget|don['’]t forget),? that\s+"
    r"|(?:speaking|generally speaking|strictly speaking|properly speaking)\s*,?\s+|"
    r"(?:[^,]{0,80}\b(?:must|will|may|can|cannot but|should) (?:perceive|see|admit|allow|"
    r"acknowledge|conclude|"
    r"agree|confess)|it is (?:easy|not difficult|plain|evident) to (?:see|perceive|show)|"
    r"it is (?:high )?time (?:we|to) (?:admit|accept|recogni[sz]e|acknowledge|say|face)|"
    # "It is to be recollected that X": the impersonal reminder is the writer's, X the claim
    r"it is (?:also )?to be (?:recollected|remembered|observed|noted|borne in mind)|"
    r"it is (?:also )?worth (?:observing|noting|remembering|recalling|saying|adding)),? that,?\s+)",
    _I,
)
# A reporting frame ("Critics say that", "The school of thought is that"): voice's verbs, and a few more.
REPORTING = re.compile(
    # (not a verb that takes an object: "dismiss Russia's concerns, arguing that …" is cut at "arguing")
    rf"^.{{0,140}}?\b(?:(?!(?:dismiss\w*|sees?|saw|views?|regards?|considers?)\b){SAYS}|(?:is|are) persuaded|"
    r"(?:school of thought|view|argument|claim|belief|position|contention|thesis|"
    r"motion(?: before us)?(?: tonight)?) is|"
    r"(?:are|been) (?:told|assured|informed)|"
    r"(?:arguments?|views?|claims?|ideas?|beliefs?|objections?|complaints?|criticism)"
    r"(?: is| has been| runs)?(?= that)|"
    r"held|thought|pretends?|pretended|supposed?)\s+(?:that\s+)?",
    _I,
)
# Asides between commas: an adverb, a parenthetical clause of the speaker's.
_ASIDE_WORDS = (
    r"it is (?:to be )?(?:hoped|feared|said|true|believed|supposed|thought|presumed|admitted)|"
    r"(?:we|i|you|they|it) (?:may|must|might|will|can|shall|should) (?:suppose|say|add|admit|presume|"
    r"observe|remark|be sure|allow|confess|grant)|(?:i|we) (?:\w+ly )?(?:think|believe|suppose|fear|trust|"
    r"hope|say|repeat|admit|confess|allow|grant|maintain|contend|insist)|"
    r"it (?:turns|turned) out|it seems|it appears|"
    # how the speaker means it: "Finally, and I say this carefully, I think …", "I say it with respect"
    r"(?:and )?(?:i|we) (?:say|put|mean|write) (?:this|it|so) [^,]{1,30}|"
    r"as (?:it (?:is|were|seems|happens)|i (?:have )?(?:said|think|believe)|"
    r"we (?:have )?(?:seen|said)|has been (?:said|shown|observed)|(?:is|was) (?:said|supposed|well known)|"
    r"a rule|such|usual|often|yet|well|before|already|before said)|"
    rf"{MARKERS}|so to speak|in (?:general|particular|some (?:degree|measure|sense))|for (?:the|"
    rf"a) (?:most|great) part|"
    r"to (?:a|some) (?:great |certain )?(?:extent|degree)|at (?:bottom|best|worst|any rate|present|first)|"
    r"for (?:example|instance)|e\.g\.|i\.e\.|like [^,]{1,120}|such as [^,]{1,80}|including [^,]{1,80}|"
    r"despite [^,]{1,60}|"
    r"\w+ly|not (?:least|always|only) [^,]{1,30}|in (?:my|our) (?:opinion|view|judgment|judgement)|"
    # "complaint, rightly made, is a duty", "the law, properly understood, …": a participle's manner
    r"\w+ly (?:\w+ed|made|done|understood|taken|given|kept|spent|told|meant|seen|known|shown|written|"
    r"spoken|read|run|held|paid|won)"
)
# (never the head of a comparison, its tail left alone: "a crime shown at length, with its punishment added
# in the last few feet, as a chaplain is added to a hanging")
_COMPARISON_TAIL = r"(?:as|like|than|just as|even as|so)\b"
_ASIDE = re.compile(rf",\s*(?:{_ASIDE_WORDS}),(?=\s)(?!\s+{_COMPARISON_TAIL})", _I)
_ADVERBIAL_ASIDE = re.compile(
    r"(?<=\w),\s*(?:in|from|by|with|under|for|at|on|through|upon|after|before|during|within|without|among|"
    r"according to|if|when|unless|though|although|whether|however)\b[^,;:]{1,80},(?=\s(?!(?:but|"
    r"and|or|nor|yet|that|which|who|whom|whose|where|as|like|than|so|just as|even as)\b))"
    # not a list's first item: "a park, with meadows, a pond and paths"
    r"(?![^,;:.]{1,60}\b(?:and|or)\s)",
    _I,
)
# (a spaced hyphen is a dash too, as transcripts and chats type one: "people - in surveys - guess")
_DASHED = re.compile(r"\s*(?:--|[—–]|\s-\s)\s*[^—–]{1,90}?\s*(?:--|[—–]|\s-\s)\s*")
_PARENS = re.compile(r"\s*[(\[][^()\[\]]{0,200}[)\]]")
# a footnote mark after a word or a stop ("liberty.12"), never a decimal's digits ("£1.2 million") nor
# a one-letter code's ("a knight on f5", "Nf3", "grade b2")
_FOOTNOTE = re.compile(
    r"(?:\[\d+\]|(?<=[a-z]{2})\d{1,2}|(?<=[,;\"”])\d{1,2}|(?<=[^\d\s]\.)\d{1,2})(?=[\s.,;:]|$)"
)
_ITALICS = re.compile(r"(?<!\w)_([^_]+)_(?!\w)")
# "Secondly.--That the commons…": a list's ordinal opening the sentence
_ORDINAL = re.compile(r"^(?:first|second|third|fourth|fifth|last)(?:ly)?\s*[.:]\s*(?:--|—)?\s*", _I)


# "Madam Chair, …", "Ladies and gentlemen, …": who the speech addresses, not the claim.
VOCATIVE = re.compile(
    r"^(?:(?:madam|mister|mr\.?|mrs\.?|ms\.?) (?:chair(?:man|woman|person)?|speaker|president|mayor|"
    r"deputy speaker|chancellor)|ladies and gentlemen|friends|colleagues|fellow[- ]\w+|my friends|"
    r"members of the [\w ]{1,30}?),\s+|"
    # "So, to the council: make the scheme permanent": whom the call is addressed to, before a colon
    r"^(?:(?:so|and|finally|now|then),?\s+)?to\s+(?:the|our|this)\s+[a-z][\w'’\- ]{1,40}?:\s+(?=[a-z])",
    _I,
)


def unfill(text: str) -> str:
    """A spoken sentence without its fillers: "Look, …", "…, I mean, …", "is - well, it's …", "tbh", emoji.

    A transcript, a chat or a subtitled talk keeps what the speaker said on the way to the point;
    a question asks the point: "the evidence is - well, it's much weaker than people assume" asks
    "the evidence is much weaker than people assume".
    """
    text = _EMOJI.sub("", text)
    text = _CHAT_ABBREVIATION.sub("", text)
    text = _RESTART.sub(r"\1 ", text)  # "is - well, it's much weaker": the sentence started again
    text = _INNER_FILLER.sub(lambda m: m.group(1) if m.group(1) in ",;" else " ", text)
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_FILLER.sub("", text, count=1)
    return " ".join(text.split()).strip()


# Fillers of speech. Leading: "Look, …", "Honestly, …", "I mean - …", "To be honest, …" (never "Well-run
# …" or "Right of way"); between commas or dashes: "…, you know, …", "- I mean -"; a sentence restarted
# after one ("is - well, it's …"); a chat's "tbh", "imo"; emoji.
_FILLER_WORDS = (
    r"(?:well|look|listen|honestly|frankly|okay|ok|yeah|see|right|so yeah|i mean|you know|mind you|"
    r"to be honest|to be fair|i guess)"
)
_LEADING_FILLER = re.compile(
    rf"^(?:(?:and|but|so)\s+)?(?:{_FILLER_WORDS}|um+|uh+|er+|erm)\s*(?:,|\s-|—|–|\.\.\.|…)\s*(?=\w)", re.I
)
_INNER_FILLER = re.compile(
    r"\s*([,;]|\s-|—|–)\s*(?:i mean|you know|sort of|kind of|like|um+|uh+|er+|erm)\s*(?:,|\s-\s|—|–)\s*", re.I
)
_RESTART = re.compile(
    r"\b(is|are|was|were)\s*(?:(?:,|\s-|—|–)\s*(?:well|i mean|you know|um+|uh+|er+),?|\s-|—|–)\s+"
    r"(?:it['’]s|it is|they['’]re|they are|that['’]s|that is)\s+(?!\w+ing\b)",
    re.I,
)
_CHAT_ABBREVIATION = re.compile(r"(?<![\w'’])(?:tbh|tbf|imo|imho|ngl|fwiw|lol|idk|afaik)\b[,.]?\s*", re.I)
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\ufe0f\u200d]+")


def tidy(text: str) -> str:
    """The sentence without _italics_ marks, a list's ordinal, footnote marks and quotation marks."""
    text = unfill(text)
    text = _ITALICS.sub(r"\1", text)
    text = _ORDINAL.sub("", text)
    text = _FOOTNOTE.sub("", text)
    # a phrase quoted inside the sentence keeps its marks, as single ones: "the answer to ‘the branch is
    # grim’ is to fix the branch" (without them the question reads as a garble)
    # (not one closing on a comma, "to be “clay,” and “stop a hole…”": the marks of a list's items go)
    text = re.sub(r"(?<=\w )[“\"]([^“”\"]{2,59}[^“”\",.;:])[”\"](?= \w)", r"‘\1’", text)
    text = text.replace("“", "").replace("”", "").replace('"', "")
    text = re.sub(r"\s+([,;:.!?])", r"\1", " ".join(text.split()))
    return text.strip()


# "My complaint is not that we read newspapers, but that we read them as if…": the speaker's
# complaint, stated as the problem it names.
_COMPLAINT = re.compile(
    r"^(?:my|our) (?:complaint|objection|quarrel|concern|worry|fear|grievance|point) is "
    r"(?=not that\b.+\bbut that\b)",
    _I,
)


# What a sacred or founding text says, told by the speaker: "The fourth commandment bids us keep the Sabbath
# holy", "Scripture tells us…", "the Gospel teaches…": the text's word, not the speaker's claim.
CITED = re.compile(
    r"^(?:(?:and|but|for|yet|now)\s+)?(?:the\s+)?(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|last|great|new|old|holy|sacred)\s+)?(?:commandments?|scriptures?|bible|gospels?|apostle|"
    r"psalmist|prophets?|(?:our )?lord|catechism|prayer[\s\-]book|(?:sacred |holy )?text|word of god|"
    r"good book|koran|quran|torah|talmud)\b[^,;:]{0,30}?\b(?:bids?|tells?|says?|teach(?:es)?|commands?|"
    r"enjoins?|forbids?|declares?|warns?|promises?)\b",
    _I,
)


# "I would ask three things. First, that the chains be taken off every pump…": a numbered proposal, what the
# speaker asks for ("Second, that we press the Council to…": the speaker's own call on someone)
PROPOSAL = re.compile(
    r"^(?:and\s+)?(?:first|second|third|fourth|fifth|sixth|next|last|(?:first|second|third|four|fif|six)thly|"
    r"lastly|finally|in the (?:first|second|third|last) place)\s*[,.:]?\s*(?:--|—)?\s*that\s+(?=\w+\s+\w)",
    _I,
)


def strip_openers(text: str) -> str:
    """The sentence without its openers: vocatives, markers, the speaker's frame (advice rewritten)."""
    text = _COMPLAINT.sub("the problem is ", text, count=1)
    proposed = PROPOSAL.match(text)
    if proposed is not None:
        rest = text[proposed.end() :]
        ours = re.match(
            r"^(?:i|we)\s+(?:ourselves\s+)?(?!(?:ask|urge|press|call|invite|beg)\b)(?=[a-z]+\s)", rest, _I
        )
        if ours is not None:  # "that we ourselves hire a hall": what the speaker's own body should do
            return "we should " + rest[ours.end() :]
        text = rest if re.match(r"^(?:i|we)\s", rest, _I) else "we ask that " + rest
    while True:
        new = VOCATIVE.sub("", text, count=1)
        new = mandate(LEADING_MARKER.sub("", new, count=1))
        if re.match(r"^for\s+(?!(?:it|they|he|she|we|i|you|there|this|that|such|these|those)\b)", text, _I):
            new = text  # "For the interest of truth, it is…", "For eighteen hundred years": a phrase
        new = OWN_FRAME.sub("", new, count=1)
        if new == text:
            return text
        text = new


# "in a town like ours": the writer's own place, an aside the claim stands without
_LIKE_OURS = re.compile(
    r",?\s+(?:in|for|to|from|on|at)\s+(?:a|an)\s+(?:[\w\-]+\s+){1,2}like ours\b", re.IGNORECASE
)


# the writer's "in our view" inside the verb phrase, without commas: the claim is the same without it
_OWN_VIEW_INSIDE = re.compile(
    r"(?:(?<=\bis)|(?<=\bare)|(?<=\bwas)|(?<=\bwere)|(?<=\bbe)|(?<=\bnot)|(?<=\bwill)|(?<=\bwould)|"
    r"(?<=\bshould)|(?<=\bmust)|(?<=\bcan)|(?<=\bcould)|(?<=\bmay)|(?<=\bmight))\s+in (?:my|our) "
    r"(?:opinion|view|judgment|judgement)(?=\s+\w)",
    _I,
)


def drop_asides(text: str) -> str:
    """The sentence without its asides: parentheses, dashed and comma-bound asides, "like ours"."""
    text = _LIKE_OURS.sub("", text)
    text = _OWN_VIEW_INSIDE.sub("", text)  # "is not in our view an excuse": "is not an excuse"
    text = _PARENS.sub("", text)
    text = _DASHED.sub(", ", text)
    previous = None
    while previous != text:
        previous = text
        text = _ASIDE.sub("", text)
        text = _ADVERBIAL_ASIDE.sub("", text, count=1)
    text = re.sub(r",\s*,", ",", text)
    return text
