"""What a question asks for, read from its words: the document itself, or a kind of answer.

- *Intents*: questions about the document rather than its subject ("who wrote this?",
  "what's the headline?", "when was this written?", "are these the author's own views?",
  "what's the conclusion?"), answered from its metadata, byline or closing paragraphs.
- *Answer types*: what a sentence that answers looks like ("how many …?" wants a figure,
  "when …?" a date, "why …?" a reason), a small bonus in sentence scoring.
"""

from __future__ import annotations

import re

from bot.core.search.focus.facts import outcome_asked
from bot.core.text.words import content_terms

_AUTHOR = re.compile(
    r"\bwho\b.*\b(wrote|write|writes|written|author|writer|behind|columnist|speaker|lecturer)\b|"
    r"\bwho\b.*\b(published|issued|produced|signed|released)\s+(?:this|it\b|(?:the|that) (?:paper|report|"
    r"brief|statement|document|letter|article|post|pamphlet|piece|essay|leaflet|submission)\W*$)|"
    r"\bwho\b.*\b(gave|give|gives|delivered|deliver|made|composed|penned)\b.*"
    r"\b(speech|address|lecture|talk|sermon|essay|pamphlet|paper)\b|"
    r"\b(author|writer|columnist)(?:'s|’s)?\s+(name|background|bio|job|work|career|credentials|"
    r"expertise|qualifications?|profession)\b|\b(where|who)\b.*\b(author|writer)\b.*\b(work|employ)|"
    r"\bwritten by\b|\bbyline\b|\babout the (author|writer)\b|\bis the (author|writer) an?\b|"
    # "Who is giving this speech?", "Who sent this letter?", "Who put this handbook together?"
    r"\bwho\b.*\b(giving|delivering|making|sent|sends|prepared|compiled|put|submitted)\b.*"
    r"\bthis (\w+ )?(speech|address|lecture|talk|sermon|essay|pamphlet|paper|letter|submission|brief|"
    r"handbook|report|guide|memo|petition|article|piece|post|document)\b|"
    # a judgment's author is its judge: "who was the judge in this case?", "who decided the claim?"
    r"\bwho\b.*\b(?:judge|presided|presiding)\b.*\b(?:case|claim|appeal|hearing|judgment|tribunal|this)\b|"
    r"\bwho\b.*\b(?:decided|heard|ruled on|tried)\s+(?:the|this)\s+(?:case|claim|appeal|matter)\b|"
    r"\bwhich judge\b",
    re.IGNORECASE,
)
# "What does the author do for a living?", "is the writer a journalist?": what the writer is;
# "What does Price do for a living?", "What is Priya Luck's job?": what a person named is
_BACKGROUND = re.compile(
    r"\b(?:author|writer|speaker|columnist)(?:'s|’s)?\s+(?:background|bio|job|career|credentials|expertise|"
    r"qualifications?|profession|trade|occupation)\b|"
    r"\bwhat (?:does|did|do) [\w .'’-]{1,40}? do (?:for a living|for work|for money|professionally|by trade|"
    r"before (?:he|she|they) retired|before retiring)\b|"
    r"\bwhat (?:does|did) (?:the |this )?(?:author|writer|speaker) do\b|"
    r"\b(?:is|was) (?:the |this )?(?:author|writer|speaker) an?\b|"
    r"\b(?:does|did) (?:the |this )?(?:author|writer|speaker) (?:have|work)\b",
    re.IGNORECASE,
)
# ... and of a person the question names by name, which is capitalised: "Priya Luck's job", "What
# work does Fenton do?" (not "the council's job")
_NAMED_BACKGROUND = re.compile(
    r"\b[A-Z][\w'’-]+(?:'s|’s) (?:[Jj]ob|[Pp]rofession|[Oo]ccupation|[Dd]ay job|[Ll]ine of work|[Tt]rade|"
    r"[Bb]ackground)\b|"
    r"\b[Ww]hat (?:job|work|profession|trade) (?:does|did|do) (?:[A-Z][\w'’.-]+ ?){1,3} do\b"
)
# "Who is Tomas Reyes and who does he speak for?", "Who was Mrs Pell?": what a person named is
WHO_IS = re.compile(
    r"^\s*[Ww]ho (?:is|was) (?:(?:Mr|Mrs|Ms|Dr|Rev|Prof)\.? )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}"
    r"\s*(?:\?|,|and\b|$)"
)
# "When was this letter written?", "What year was it published?", "when was this guide recorded?",
# "when was the last of the three letters published?": the document's date
_DOC_NOUN = (
    r"(?:letter|essay|article|piece|speech|text|reading|book|pamphlet|post|address|sermon|lecture|talk|"
    r"paper|report|brief|memo|newsletter|issue|edition|guide|syllabus|handbook|leaflet|document|script|"
    r"transcript|recording|finding|decision|judg(?:e)?ment|statement|notice|preprint|proposal|submission|"
    r"version|minutes)s?"
)
# what only this text can be: "this session", "this evidence session", "this hearing"
_THIS_EVENT = r"(?:session|hearing|meeting|interview|debate|broadcast|episode|evidence|discussion)"
_DATED_VERB = (
    r"(?:written|published|dated|delivered|given|preached|spoken|composed|penned|posted|sent|issued|"
    r"recorded|revised|updated|held|broadcast|released|drafted|signed|heard|printed|compiled|prepared|"
    r"put out|made|taken|filmed)"
)
_DATED = re.compile(
    r"\bwhen (?:and (?:where|to whom|before whom|by whom) )?(?:was|were|is) "
    rf"(?:it|this|that|(?:this|that|the)(?:\s+[\w'’-]+){{0,4}}?\s+{_DOC_NOUN}|(?:this|that)(?:\s+[\w'’-]+)?\s+"
    rf"{_THIS_EVENT})\s+(?:first\s+|last\s+)?{_DATED_VERB}\b|"
    r"\bwhen did (?:it|(?:this|that|the) (?:letter|essay|article|piece|speech|text|reading|book|pamphlet|"
    r"post|paper|report|brief|memo|newsletter|issue))\s+(?:first\s+)?(?:come out|appear|get published)"
    r"(?=\s*(?:\?|,|\.|and\b|$))|"
    r"\bwhat (?:year|date)\b.*\b(?:written|published|dated|delivered|given|composed|posted|sent)\b|"
    rf"\bwhat (?:day|date|year) (?:was|is) (?:this|that)(?:\s+[\w'’-]+)?\s+(?:{_DOC_NOUN}|{_THIS_EVENT})"
    r"(?=\s*(?:\?|,|\.|and\b|$))|"
    r"\bhow old is (?:this|the) (?:letter|essay|article|text|piece|speech|reading)\b|"
    # "when and where was Ruth Ashdown's winter talk?": a named speaker's own talk, no verb said
    rf"\bwhen (?:and where )?(?:was|were|is) (?:[\w-]+\s+){{0,3}}?[\w-]+['’]s?\s+(?:[\w'’-]+\s+){{0,2}}?"
    rf"(?:{_DOC_NOUN}|{_THIS_EVENT}s?)\s*(?:\?|$)|"
    r"\b(?:date|year) of (?:this|the) (?:letter|essay|article|piece|speech|text|publication)\b",
    re.IGNORECASE,
)
_VIEWS = re.compile(
    r"\b(own (views?|opinions?)|personal (views?|opinions?)|disclaimer|endorse|official (position|view)|"
    r"speak(s|ing)? for)\b",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"\b(title|headline|heading)\b|\bwhat(?:'s|’s| is) (?:it|this|the) (?:(?:article|piece|reading|"
    r"essay|book|pamphlet|paper|speech) )?(?:called|named|titled)\b|"
    r"\bname of (?:this|the) (?:article|piece|essay)\b",
    re.IGNORECASE,
)

# "Who do I contact with questions?", "where do I send my questions?", "how do I get in touch?"
_CONTACT = re.compile(
    r"\b(?:who|whom|where|how)\s+(?:do|does|should|can|could|would|may|shall)\s+(?:i|we|you|people|members|"
    r"readers|parents|residents)\b[^?]*\b(?:contact|get in touch|write|e-?mail|phone|ring|reach|call|talk to|"
    r"speak to|send|take|direct|address)\b|\bcontact (?:details|address|email|number|person)\b|"
    r"\bwho(?:'s|’s| is)\s+(?:the\s+)?contact\b",
    re.IGNORECASE,
)
# A line that tells readers whom to contact: an address, "questions go to …", "write to …"
CONTACT_LINE = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+|"
    r"\b(?i:contact|get in touch with|write to|e-?mail|telephone|phone|ring)\b[^.;]{0,60}"
    r"(?:\b[A-Z][a-z]+|\b(?i:us|the (?:office|secretary|coordinator|clerk|committee|desk)))\b|"
    r"\b(?i:questions|queries|enquiries|messages)\b[^.;]{0,40}\b(?i:go|goes|should go|are answered)\b"
)
# The words of a contact question, besides what it is about ("… about the fridge")
CONTACT_TERMS = frozenset(
    content_terms(
        "who whom where how contact contacted get in touch write send take direct put ask address "
        "question questions query queries complaint complaints email e-mail phone ring reach details "
        "number person help i we my our"
    )
)

# The words of a question about the document itself ("who wrote this essay?", "what's it called?").
METADATA_TERMS = frozenset(
    content_terms(
        "who wrote write writes written writing author authors writer behind columnist speaker lecturer "
        "gave give gives delivered deliver made composed penned speech address lecture talk sermon essay "
        "pamphlet paper article piece reading text book chapter post blog story document op-ed name "
        "named background bio job work works career credentials expertise qualifications profession "
        "employ employer byline title titled headline heading called when date published publication "
        "day year own view views opinion opinions personal official position disclaimer endorse speak"
    )
)

# "… when this was written": the time of writing, not the writer
AT_WRITING = re.compile(
    r"\b(?:when|while|at the time|by the time|before|after|as)\b[^?]*\b(?:written|wrote|published|penned)\b",
    re.IGNORECASE,
)

# "where was it given?", "where was the sermon preached?": the place of the occasion the text was made for
_PLACED = re.compile(
    r"^\s*where (?:was|were|is) (?:it|(?:this|that|the)(?: letter| essay| article| piece| speech| text| "
    r"reading| paper| pamphlet| address| sermon| lecture| talk| report| remarks| submission)?)\s+"
    r"(?:first\s+)?(?:written|published|delivered|given|read|preached|spoken|made|held|printed|sent|"
    r"presented|composed)\b",
    re.IGNORECASE,
)
# "Who is this essay addressed to?", "To whom was the lecture given?", "When and to whom was the talk
# given?": whom the text was made for, said by its occasion line or its salutation
_AUDIENCE = re.compile(
    r"\b(?:to|before) whom (?:was|were|is|did|does)\b[^?]*\b(?:given|delivered|read|preached|spoken|"
    r"addressed|written|sent|made|give|deliver|write|address|preach)\b|"
    r"\b(?:it|this|that|the (?:letter|essay|speech|address|sermon|lecture|talk|paper|pamphlet|petition|"
    r"submission|appeal|text))(?: \w+)? addressed to\b|"
    r"\bwho (?:is|was|were) (?:the )?(?:audience|addressees?|recipients?)\b|"
    r"\bwhat (?:audience|society|club|meeting|body)\b[^?]*\b(?:given|delivered|read|"
    r"preached|spoken|addressed)\b|\bwho (?:is|was|were) (?:it|(?:this|that|the) (?:letter|essay|speech|"
    r"address|sermon|lecture|talk|paper|pamphlet|petition|submission|appeal|open letter))\s+"
    r"(?:written|given|delivered|read|preached|spoken|sent|meant|intended|aimed)\s+(?:to|for|at)\s*\W*$",
    re.IGNORECASE,
)
# "did the farmers raise wages after the sermon?", "what did Arnold say in reply to this lecture?":
# what came after the text, which only a note added to it ("These words had scarcely been
# written, when …") can tell
_TEXT_NOUNS = (
    r"(?:sermon|speech|lecture|letter|article|essay|talk|address|piece|paper|pamphlet|post|column|"
    r"broadcast|submission|report|book)"
)
AFTER_THE_TEXT = re.compile(
    r"\b(?:after|since|following) (?:the|this|his|her|their) " + _TEXT_NOUNS + r"\b|"
    r"\bin (?:reply|response|answer) to (?:this|the|his|her|their) " + _TEXT_NOUNS + r"\b|"
    r"\bafter (?:this|it) was (?:written|published|given|delivered|preached|read)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(
    r"\b(?:according to|in the (?:view|words) of|says?) (?:the|this) (?:author|writer)\b", re.I
)
CONCLUSION = re.compile(
    r"\b(conclu\w*|bottom line|overall (point|message|view|take)|takeaway|take-away|sum(s|med)? (it )?up|"
    r"final (point|word|thought)s?|end(s)? up (saying|arguing)|in the end|wrap(s)? up)\b",
    re.IGNORECASE,
)
# "does the author think", "in this article": words about the reading, not its subject.
_META_WORDS = re.compile(
    r"\b(?:according to|in|does|did|do|is)?\s*(?:the|this)\s+"
    r"(?:author|writer|article|piece|reading|essay|columnist|op-?ed|text)(?:'s|’s)?\b",
    re.IGNORECASE,
)


def intent_of(question: str) -> str | None:
    """The intent of a question about the document itself.

    One of title, audience (whom it was addressed or given to), date, place (where it was given
    or written), background (what the writer, or a person named, does or is), contact (whom
    readers should write to), author, views or conclusion.
    """
    question = _ACCORDING.sub(" ", question)  # "who pays, according to the writer?" asks about the text
    if _TITLE.search(question):
        return "title"
    if _AUDIENCE.search(question):
        return "audience"
    if _DATED.search(question):
        return "date"
    if _PLACED.search(question):
        return "place"
    if _BACKGROUND.search(question) or _NAMED_BACKGROUND.search(question) or WHO_IS.match(question):
        return "background"
    if _CONTACT.search(question):
        return "contact"
    if _AUTHOR.search(question):
        return "author"
    if _VIEWS.search(question):
        return "views"
    if CONCLUSION.search(question) and outcome_asked(question) is None:
        return "conclusion"  # (not "how many signed the petition in the end?": how it turned out)
    return None


# What kind of answer a question wants, and what a sentence offering it looks like.
ANSWER_TYPES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(
            r"\bhow (many|much|long|big|large|far|often)\b|\bnumber of\b|\bwhat (percentage|share)\b", re.I
        ),
        re.compile(
            r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundreds?|"
            r"thousands?|millions?|billions?|dozens?|several|half|quarter|percent|majority|minority)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\bwhen\b|\bwhat (date|day|year|time)\b|\bhow soon\b", re.I),
        re.compile(
            r"\b(1[89]\d\d|20\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|january|february|"
            r"march|april|june|july|august|september|october|november|december|monday|tuesday|"
            r"wednesday|thursday|friday|saturday|sunday|week|month|year|ago|today|tomorrow|decade)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\bwhy\b|\bwhat (is|are) (driving|behind|causing)\b|\breason", re.I),
        re.compile(
            r"\b(because|since|due to|as a result|driv\w+|motivat\w+|reasons?|so that|caus\w+|"
            r"guided by|thanks to|leads? to|in order to)\b",
            re.I,
        ),
    ),
)
ANSWER_TYPE_BONUS = 0.04

# "What do they want the council to do?", "what is he asking the shopkeepers to do?": the writer's call
ASKS_FOR_CALL = re.compile(
    r"\bwhat\b[^?]{0,40}?\b(?:want|wants|ask|asks|asking|urge|urges|urging|propose|proposes|proposing|"
    r"call(?:s|ing)? (?:on|upon)|recommend\w*|suggest\w*)\b(?:\s+(?:the|our|his|her|their|this|that|its))?"
    r"(?P<whom>[^?]{0,40}?)\s+to do\b",
    re.IGNORECASE,
)


def calls_on(question: str) -> re.Pattern[str] | None:
    """For "What do they want the council to do?": a sentence that tells the council what it should do.

    None when the question asks no such thing, or names no one ("What does he want us to do?").
    """
    match = ASKS_FOR_CALL.search(question)
    words = re.findall(r"[a-z]+", match.group("whom").lower()) if match else []
    if not words or words[-1] in _NO_ONE:
        return None
    whom = words[-1][:-1] if words[-1].endswith("s") else words[-1]  # "pupils": "pupil", "pupils"
    return re.compile(rf"\b{whom}\w*\b[^.;:!?]{{0,40}}\b(?:should|must|ought to|needs? to)\b", re.IGNORECASE)


_NO_ONE = frozenset({"us", "me", "you", "them", "him", "her", "it", "people", "everyone", "everybody", "we"})
# ... and a sentence that makes one: "We ask the board to…", "I would ask, therefore, three things",
# "What I ask of our ministry is…", "I am writing to urge…" (never "I was asked")
CALL = re.compile(
    r"\b(?:I|we)\b(?:,? \w+,?){0,2} (?:ask|urge|propose|beg|call (?:on|upon)|appeal to|request|recommend|"
    r"invite)\b|\b(?:what|all) (?:I|we) (?:ask|want|propose|urge)\b|\bI am writing to (?:urge|ask)\b",
    re.IGNORECASE,
)


def strip_meta_words(question: str) -> str:
    """The question without words about the reading itself (if anything is left)."""
    stripped = " ".join(_META_WORDS.sub(" ", question).split())
    return stripped if content_terms(stripped) else question
