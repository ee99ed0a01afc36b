"""What a question asks for, and whether a passage gives it (bot.core.search.focus)."""

from __future__ import annotations

import pytest

from bot.core.reading.passages import Passage
from bot.core.search.answer import Hit, gives_quantity_in
from bot.core.search.focus import (
    asks_for_thing,
    asks_quantity,
    asks_yes_no,
    compared,
    counts_in,
    gives_quantity,
    need_of,
    subject_of,
    unnamed_members,
    unsaid,
    without,
)
from bot.core.search.vocabulary import Vocabulary
from bot.core.text.words import content_terms


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How much does a bus ticket cost in the city?", True),
        ("how many students graduated from Tuskegee each year?", True),
        ("How long should a school day be?", True),
        ("What percentage of households have no car?", True),
        ("What is the price of a permit?", True),
        ("Why do shop owners oppose pedestrian zones?", False),
        ("When was the rule introduced?", False),
        ("Which cities have congestion charges?", False),
        ("How far would the government go to win?", False),  # no distance asked
    ],
)
def test_asks_quantity(question, asks):
    assert asks_quantity(question) is asks


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("A structured parking space costs between $30,000 and $60,000 to build.", True),
        ("Roughly one in five households has no car at all.", True),
        ("At present the wait is about eighteen months.", True),
        ("It stands idle ninety-five per cent of the time.", True),
        ("Half plots are available for people who are new to growing.", True),
        ("A residential permit programme manages it far more cheaply.", False),
        ("Bonfires are not allowed, because smoke drifts into the flats.", False),
    ],
)
def test_gives_quantity(sentence, gives):
    assert gives_quantity(sentence) is gives


@pytest.mark.parametrize(
    ("sentence", "question", "gives"),
    [
        # how often: a frequency, not any figure
        ("A volunteer checks the fridge twice a day.", "How often is the fridge checked?", True),
        ("A knife used daily needs the stone every two or three months.", "How often?", True),
        ("£540 was paid to Greenway Grounds for grass cutting.", "How often is the grass cut?", False),
        # how long: a span of time or a length, not a sum, a temperature or a model number
        ("The standard loan is one week.", "How long can I keep a drill?", True),
        ("The canal runs for 6.4 kilometres from the basin.", "How long is the canal?", True),
        ("Judges hold their offices during good behaviour.", "How long do judges serve?", True),
        ("Of the 33 homes, 21 could not be heated to 20°C.", "How long does a heat pump last?", False),
        ("It recalls models HCF-20 and HCF-22.", "How long is the guarantee?", False),
        # a code is no figure for any quantity question
        ("It recalls models HCF-20 and HCF-22.", "How many heaters were sold?", False),
        ("About 38,000 heaters are affected.", "How many heaters were sold?", True),
    ],
)
def test_the_quantity_asked_for(sentence, question, gives):
    assert gives_quantity(sentence, question) is gives


def test_a_count_is_no_span_of_time_or_sum_of_money():
    assert counts_in("You may have up to three tools out at a time.")
    assert not counts_in("The standard loan is one week, and you can extend it once.")
    assert not counts_in("He works it for another man at twelve shillings a week.")
    people = need_of("How many people visit the museum in a year?")
    assert people is not None and people.kind == "figure"
    assert not people.given_by(["It would open on Sundays for a trial of twelve months."], [0])
    assert people.given_by(["Some nine thousand persons went on Saturday."], [0])


def test_what_is_priced_is_what_is_paid_for_and_a_name_is_no_price():
    paid = need_of("How much did the council pay for mowing?")
    assert paid is not None and paid.kind == "money" and paid.what == "mowing"
    assert need_of("What is Owen Price's final message?") is None
    view = need_of("What does Owen Price say about the air monitor?")
    assert view is None or view.kind != "money"


def test_a_subject_ends_before_where_it_is():
    assert subject_of("Were the neighbours living near the tower consulted?") == ["neighbours"]
    # a progressive verb ends no subject: "planning" is what the city is asked about
    assert subject_of("Is the city planning a new tram line?")[-1] != "city"


def _hit(sentences: list[str], marked: tuple[int, ...]) -> Hit:
    text = " ".join(sentences)
    spans, start = [], 0
    for s in sentences:
        spans.append((start, start + len(s)))
        start += len(s) + 1
    passage = Passage(
        id="p", document="d.md", title="D", section=None, paragraph=1, text=text, sentences=tuple(spans)
    )
    return Hit(passage, 0.5, marked)


def test_the_figure_may_come_from_a_sentence_that_names_what_is_counted():
    hit = _hit(["Welcome to Riverside.", "The garden has 48 plots on the old railway land."], (0,))
    assert gives_quantity_in(hit, "How many plots are there?")
    # the other sentence counts plots, not what an insurance costs
    assert not gives_quantity_in(hit, "How much does the garden pay for its insurance?")
    assert gives_quantity_in(_hit(["It costs £45 a year."], (0,)), "How much is a plot?")
    share = _hit(["Drilling would close about 30 per cent of the moor."], (0,))
    assert need_of("How much of the moor would be lost?") is None
    assert gives_quantity_in(share, "How much of the moor would be lost?")
    # the sentence after the one shown goes on about it ("He …") and gives the figure
    life = ["You know what the life of a shop assistant is.", "He stands there from eight until ten."]
    assert gives_quantity_in(_hit(life, (0,)), "How long are shop assistants' working hours?")
    unrelated = ["You know what the life of a shop assistant is.", "Prices rose by ten per cent."]
    assert not gives_quantity_in(_hit(unrelated, (0,)), "How long are shop assistants' working hours?")


@pytest.mark.parametrize(
    ("question", "kind", "what"),
    [
        ("How many seats would the arena have?", "figure", "the number of seats"),
        ("How much does a season ticket cost?", "money", "a season ticket"),
        ("What is the village's population?", "figure", "the village's population"),
        ("What is the average rent in Ashford?", "money", "the average rent in Ashford"),
        ("Who is the head teacher of the school?", "name", "the head teacher of the school"),
        ("Who was governor of Ohio at the time?", "name", "governor of Ohio at the time"),
        ("Who designed the bridge?", "name", "who designed the bridge"),
        ("When will the work start?", "time", ""),
        ("In what year did the mill close?", "time", "a year"),
        ("Which countries ban phones in class?", "name", "which countries ban phones in class"),
        ("In which town did the author live?", "name", "which town did the author live"),
        ("What do unions think about hybrid work?", "holder", "unions"),
        ("What does the council's leader think of the plan?", "holder", "the council's leader"),
        ("How much electricity will the farm generate?", "amount", "electricity"),
        ("What time does the gate close?", "clock", ""),
        ("What time of year does the gate close?", "time", ""),
        ("How much is the charge?", "money", ""),  # "charge" is the thing asked about, not the verb
        ("What does Okafor think of the charge?", "holder", "Okafor"),
    ],
)
def test_what_a_question_needs(question, kind, what):
    need = need_of(question)
    assert need is not None and need.kind == kind and need.what == what


@pytest.mark.parametrize(
    "question",
    [
        "Who pays for the new road?",  # a description answers it ("the taxpayers")
        "Who benefits from the scheme?",
        "who is a contributor?",  # a definition
        "Who is Ada Lovelace?",  # names her: asks who she was
        "who should decide what counts as a fair rate?",
        "when two laws contradict each other, which one applies?",
        "Why do the owners want a new ground?",
        "Which companies will succeed in the future?",  # "those that …" answers it
        "What state of mind does the author describe?",
        "which parts of town usually get the new lanes first?",  # parts, not towns
        "How much of the moor would be lost?",  # a share ("30 per cent of it"), not a price
        "What does the author think of cars?",  # the writer's view is the reading's own
        "What do people who oppose bans say?",
        "What happened to fares in other towns?",  # asks what became of them, not a price
    ],
)
def test_questions_that_need_no_name_date_or_figure(question):
    assert need_of(question) is None


# A short passage of a council speech, written for these tests.
SPEECH = [
    "The club's owner, Martin Hale, wants a new ground on the river meadows.",
    "The bond asks the town to borrow $30 million over twenty-five years.",
    "Nobody has told us who would pay for the roads, and the old ground holds 9,000 people.",
    "Work would begin in March 2027 if the council agrees tonight.",
    "The owners say the team will leave if we refuse.",
]
NAMES = {"martin", "hale"}


@pytest.mark.parametrize(
    ("question", "given"),
    [
        ("Who owns the club?", True),  # "owner, Martin Hale"
        ("Who designed the new ground?", False),  # nobody designed anything here
        ("Who is the mayor of the town?", False),
        ("How much would the town borrow?", True),
        ("How much does a season ticket cost?", False),  # a sum, but not of a ticket
        ("How many people does the old ground hold?", True),
        ("How many seats would the new ground have?", False),  # figures, none of seats
        ("What is the town's population?", False),  # 9,000 people, in a ground
        ("When would work on the ground begin?", True),
        ("When will the new library open?", False),  # a date, but of the works
        ("How many years would the town pay back the bond over?", True),
        ("What do the owners think of the bond?", True),  # "The owners say …"
        ("What do economists think of the bond?", False),  # nobody here speaks for them
        ("How much water would the new ground need?", False),  # figures, none of water
        ("When does the council meet?", False),  # a date in a sentence that only says "council"
        ("What time would work on the ground begin?", False),  # a month, not a time of day
    ],
)
def test_a_passage_gives_what_is_asked_only_about_the_thing_asked(question, given):
    need = need_of(question)
    assert need is not None
    assert need.given_by(SPEECH, marked={1}, names=NAMES) is given


def test_which_of_a_named_kind_needs_a_name_in_a_sentence_shown():
    need = need_of("Which towns have already closed their shops on Saturday afternoons?")
    towns = ["Several towns have tried it.", "Leeds and Bradford closed at two last summer."]
    assert need is not None and need.given_by(towns, marked={1}, names={"leeds", "bradford"})
    # the shown sentence names no town; a name elsewhere in the passage is about something else
    assert not need.given_by(SPEECH, marked={1}, names=NAMES)
    assert not need_of("Which American president started the war?").given_by(
        ["The American war began in spring."], marked={0}, names={"american"}
    )


def test_a_figure_the_question_states_is_no_answer():
    need = need_of("How many years has Ana driven the 14 bus?")
    assert need is not None
    assert not need.given_by(["Ana drives the 14 bus through the old town."], marked={0})
    assert need.given_by(["Ana has driven the 14 bus for nine years."], marked={0})


def test_a_refusal_says_what_the_reading_does_not_give():
    assert need_of("How many seats would the arena have?").note() == (
        "The reading gives no figure for the number of seats."
    )
    assert need_of("Who designed the bridge?").note() == "The reading never names who designed the bridge."
    assert need_of("How much does a season ticket cost?").note() == (
        "The reading gives no price for a season ticket."
    )
    assert need_of("When will the work start?").note() == "The reading gives no date or time for that."


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Are school uniforms a good idea?", ["school", "uniforms"]),
        ("Should social media be banned for under-16s?", ["social", "media"]),
        ("Is there a discount for people on benefits?", []),  # "half price" may answer it
        ("Are electric cars greener than trains?", ["electric", "cars"]),
        ("Were women employed as shop assistants?", ["women"]),
        ("Is going by sleeper better than flying?", []),  # the verb names nothing
        ("Should the town build a new pool?", []),  # where the verb starts is not plain
        ("Why are school uniforms a good idea?", []),  # not a yes/no question
        ("Is it the children's fault?", []),
        ("Was the separate meeting a success?", ["separate", "meeting"]),
    ],
)
def test_the_subject_of_a_yes_no_question(question, subject):
    assert subject_of(question) == subject


def test_a_percentage_is_no_price():
    need = need_of("How much does a season ticket cost?")
    assert need is not None and need.kind == "money"
    assert not need.met_by("Ticket sales rose by 12 per cent, and season tickets by 30 per cent.")
    assert need.met_by("A season ticket costs 40 cents more than last year.")


def test_a_sentence_that_points_back_speaks_of_what_the_one_before_named():
    labourer = [
        "A great part of the labourer's poverty comes of his being shut out from the land.",
        "He may plough it and reap it for another man, at twelve shillings a week.",
    ]
    need = need_of("How much does a farm labourer earn a week?")
    assert need is not None and need.given_by(labourer, (1,))
    assert not need.given_by(labourer[1:], (0,))  # alone, "He" names no labourer
    families = [
        "It was supposed that every household which wanted water would take it from the Company.",
        "But a pipe is of no use to a family that cannot pay, and there are four hundred such families.",
    ]
    households = need_of("How many households can't afford the water rate?")
    assert households is not None and households.given_by(families, (0,))
    # a sentence that does not point back does not borrow its neighbour's subject
    tickets = need_of("How much does a bus ticket cost?")
    assert tickets is not None
    assert not tickets.given_by(["A bus ticket is sold on board.", "Parking costs £4 a day."], (1,))


def test_a_time_of_day_is_a_clock_time():
    need = need_of("What time does the first ferry leave in the morning?")
    assert need is not None and need.note() == "The reading gives no time of day for that."
    assert need.met_by("The first ferry leaves at 6:40.", marked=True)
    assert need.met_by("The ferry leaves at six in the morning.", marked=True)
    assert not need.met_by("Keep the ferry running until the end of 2029.", marked=True)
    assert not need.met_by("The ferry has run for six years.", marked=True)
    # a date or a sum is no time of day
    assert not need.met_by("The first ferry runs on Saturdays from 6 March.", marked=True)
    assert not need.met_by("A ferry ticket is sold at £3.20 each way.", marked=True)
    assert need.met_by("The first ferry leaves at 9.30 on Saturdays from 6 March.", marked=True)


def test_what_is_priced_ends_before_with():
    need = need_of("How much is a labourer with a big family paid?")
    assert need is not None and need.kind == "money" and need.about == ("labour",)
    assert need.met_by("A labourer with a wife and five children is paid nine shillings a week.")


def test_a_decision_asked_for_needs_one_reported_not_one_called_for():
    need = need_of("Did the Watch Committee accept the petition?")
    assert need is not None and need.kind == "decision"
    assert need.note() == "The reading does not say what was decided."
    ask = ["I ask the Town Council to give its voice to the agreement.", "It would cost the town nothing."]
    assert not need.given_by(ask, marked={0})
    carried = ["A vote was taken.", "The motion was carried by nineteen votes to eleven."]
    assert need.given_by(carried, marked={0})  # the sentence after the one shown reports it
    assert not need.given_by(["Nobody spoke.", *carried], marked={0})  # two sentences on
    assert need_of("What did the businessman decide to do with his money?") is None  # a choice, not a vote
    assert need_of("How did the other councillors vote?") is not None


def test_an_amount_of_a_thing_is_no_price_though_the_verb_speaks_of_money():
    carbon = need_of("How much carbon did the heat-pump-only homes save?")
    assert carbon is not None and carbon.kind == "amount" and carbon.about == ("carbon",)
    assert carbon.met_by("Their carbon savings came to 38 per cent against the old boiler.")
    money = need_of("How much money will the town save?")
    assert money is not None and money.kind == "money"


def test_a_date_in_a_sentence_that_points_back_dates_what_the_one_before_named():
    need = need_of("When did the fridge open?")
    opened = [
        "The Eastgate Community Fridge is a public fridge where anyone can leave food.",
        "It is run by volunteers and opened in April 2024 in the porch of the church hall.",
    ]
    assert need is not None and need.given_by(opened, marked={0})
    assert not need.given_by(["The fridge is a public fridge.", "The hall opened in April 2024."], marked={0})


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Which books are the most popular with Year 9?", True),
        ("What is the safest seat on a train?", True),
        ("Which virtue does society value most?", True),
        ("What do most teachers think of the ban?", False),  # "most" counts, it ranks nothing
        ("What is the interest rate?", False),
        ("How fast does the quickest group go?", False),  # a speed asked, not which group
    ],
)
def test_a_superlative_asked_for(question, asks):
    need = need_of(question)
    assert (need is not None and need.kind == "first") is asks


def test_the_first_of_a_kind_needs_a_sentence_that_singles_one_out():
    need = need_of("Which books are the most popular with Year 9?")
    assert need is not None and need.note() == "The reading does not rank them."
    assert not need.given_by(["Year 9 read three set texts.", "They chose from 400 titles."], marked={0})
    assert need.given_by(["The real favourite is Holes, borrowed twice a week."], marked={0})
    # a kind that goes by proper names keeps its own, stricter need
    country = need_of("Which country has the best high-speed rail network?")
    assert country is not None and country.kind == "name"


def test_the_view_of_someone_named_needs_a_sentence_naming_them():
    # the retriever drops the need when the name is the writer's ("What does Thoreau think …?")
    need = need_of("What did Zelensky say about the talks?")
    assert need is not None and need.kind == "holder" and need.about == ("zelensky",)
    assert not need.given_by(["U.S. and Russian officials are at least talking about talking."], marked={0})
    assert need.given_by(["Zelensky said the talks were a start."], marked={0})


def test_one_standing_for_a_thing_is_no_quantity():
    assert not gives_quantity("The usual reply, and one we made ourselves, is that it cannot keep us warm.")
    assert not gives_quantity("No one has asked for a refund.")
    assert gives_quantity("A shift lasts one hour.")


def test_the_course_of_an_event_needs_its_end_beginning_or_cause():
    end = need_of("How did the Mexican war end?")
    assert end is not None and end.kind == "course" and end.note() == "The reading does not tell its end."
    assert not end.given_by(["Witness the present Mexican war, the work of a few individuals."], marked={0})
    assert end.given_by(["The war ended with a treaty in 1848."], marked={0})
    cause = need_of("What caused the civil war?")
    assert cause is not None and cause.given_by(["The war broke out because the king taxed the towns."], {0})
    assert need_of("Why did the tradesmen end up doing poor work?") is None  # "end up" is no end


def test_a_year_the_question_names_needs_a_sentence_of_that_year():
    need = need_of("How were jails in the 1840s funded?")
    assert (
        need is not None and need.kind == "year" and need.note() == "The reading says nothing of the 1840s."
    )
    assert not need.given_by(["I was put into a jail once, for one night."], marked={0})
    assert need.given_by(["In 1846 the county paid for the jail."], marked={0})
    crimea = need_of("What happened in Crimea in 2014?")
    assert crimea is not None and not crimea.given_by(["Russian forces massed near the border."], {0})


def test_a_yes_no_question_that_carries_the_case_to_something_never_mentioned():
    text = "The town should buy the tramways and run the trams itself, as Harlow did."
    vocabulary = Vocabulary([text], [], set(content_terms(text)))
    assert vocabulary.unknown_extension("Should the gas works be municipalised too?") == [
        "gas",
        "works",
        "municipalised",
    ]
    assert vocabulary.unknown_extension("Should the town run the trams too?") == []
    assert (
        vocabulary.unknown_extension("Should the gas works be municipalised?") == []
    )  # no "too": the subject check's
    assert vocabulary.unknown_extension("Why not buy buses instead?") == []  # not a yes/no question


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Is television news better than newspapers?", ["television", "new"]),
        ("Are electric cars better for the climate than petrol cars?", ["electric", "car"]),
        ("Is going by sleeper better for the environment than a plane?", ["sleep"]),  # the verb names nothing
        ("Do book libraries lend anything other than books?", None),  # "other than" compares nothing
        ("Why is a sharp knife safer than a blunt one?", None),  # not a yes/no question
    ],
)
def test_the_first_of_two_things_a_yes_no_question_compares(question, first):
    sides = compared(question)
    assert (sides[0] if sides else None) == first


def test_a_sum_asked_as_what_it_costs_or_what_someone_earns():
    earn = need_of("What do librarians earn?")
    assert earn is not None and earn.kind == "money" and earn.about == ("librarian",)
    assert earn.note() == "The reading gives no pay for librarians."
    assert not earn.met_by("Those are exactly the readers a public library exists to serve.")
    assert earn.met_by("A librarian earns about £24,000 a year.")
    loaf = need_of("What did a loaf of bread cost?")
    assert loaf is not None and loaf.note() == "The reading gives no price for a loaf of bread."


def test_a_name_the_reading_uses_in_the_possessive_is_mentioned():
    text = "A letter from the Ashcombe Women's Institute asked for a bench by the pond."
    vocabulary = Vocabulary([text], [], set(content_terms(text)))
    assert vocabulary.unknown_names("What did the Women's Institute ask for?") == []
    assert vocabulary.unknown_names("What did the Mothers' Union ask for?") == ["Mothers", "Union"]


def test_initials_of_a_name_the_reading_writes_out_are_mentioned():
    text = "From: Neil Ormerod, Managing Director\nDate: today. The Citizens Advice Bureau opens on Mondays."
    vocabulary = Vocabulary([text], [], set(content_terms(text)))
    assert vocabulary.unknown_names("What has the MD offered the drivers?") == []
    assert vocabulary.unknown_names("Where is the CAB?") == []
    # initials of nothing the reading writes out stay unknown, as does a word in capitals
    assert vocabulary.unknown_names("What did the CEO offer?") == ["CEO"]
    assert vocabulary.unknown_names("Is the Mayor of London involved?") == ["Mayor", "London"]


def test_initials_of_words_the_reading_repeats_are_mentioned():
    texts = [
        "Staff turnover in our distribution centers is high. Two distribution centers have no cooling.",
        "The heat plan covers every distribution center from May.",
    ]
    vocabulary = Vocabulary(texts, [], set())
    assert vocabulary.unknown_names("What is the turnover among DC staff?") == []
    assert vocabulary.unknown_names("How many DCs have cooling?") == []
    # two words said together once, or words never said together, give no initials
    assert vocabulary.unknown_names("Who runs the HP?") == ["HP"]
    assert vocabulary.unknown_names("What does the SC say?") == ["SC"]


def test_the_words_a_reading_never_uses_count_its_plurals_as_used():
    text = "None of this means the office should close; the cafe on the corner stays open."
    vocabulary = Vocabulary([text], [], set(content_terms(text)))
    assert vocabulary.unknown_words("Should companies shut their offices?") == ["companies", "shut"]
    assert vocabulary.unknown_words("Should councils fund repair cafes?") == ["councils", "fund", "repair"]
    assert vocabulary.unknown_words("Should the office close?") == []


def test_a_figure_for_a_named_thing_is_given_in_a_sentence_naming_it():
    cost = need_of("How much did the Dunmere fountains cost?")
    assert cost is not None and cost.kind == "money"
    # a sum for the fountains the speaker proposes is no sum for Dunmere's
    assert not cost.given_by(["A plain fountain of granite may be set up for eighteen pounds."], [0])
    assert cost.given_by(["Dunmere put up six fountains in 1879 for ninety pounds."], [0])
    hands = need_of("How many Fenwick hands walk to work?")
    assert hands is not None and hands.named == ("fenwick",)
    assert hands.given_by(["Some four hundred hands from Ashcombe work at the Fenwick mills."], [0])
    assert not hands.given_by(["Some four hundred hands work at the Bramford mills."], [0])


def test_a_measure_is_given_in_its_own_dimension():
    deep = need_of("How deep is the water at the bank?")
    assert deep is not None and deep.kind == "measure"
    # a distance is no depth, and a figure with no unit of depth is none
    assert not deep.given_by(["Half the catch comes from within six miles of the bank."], [0])
    assert deep.given_by(["The lake is twenty-eight metres deep at the dam."], [0])
    old = need_of("How old is the boat?")
    assert old is not None and old.given_by(["The boat, now twenty-six years old, needs an engine."], [0])
    assert not old.given_by(["In the winter of 2015 a teacher planted a plum tree."], [0])
    assert need_of("How far would Moscow go to stop it?") is None  # no distance asked


@pytest.mark.parametrize(
    ("question", "sentence", "given"),
    [
        ("Was the workhouse eventually built?", "The Guardians propose to build a new workhouse.", False),
        ("Was the workhouse eventually built?", "The workhouse was built in 1840 after all.", True),
        ("Did the Board end up approving the lease?", "The Board must shortly say yes or no.", False),
        ("Did the Board end up approving the lease?", "In March the Board approved the lease.", True),
        ("How did the committee end up voting?", "Next month the committee will vote on it.", False),
        ("Did the weavers eventually get their half-holiday?", "In 1893 they got it.", True),
    ],
)
def test_an_outcome_asked_of_the_past_is_given_by_a_report_of_it_done(question, sentence, given):
    need = need_of(question)
    assert need is not None and need.kind == "outcome"
    assert need.given_by([sentence], [0]) is given


def test_an_outcome_asked_of_now_or_of_a_reason_is_no_outcome():
    assert need_of("Who ends up paying for the parking?") is None
    assert need_of("Why did black tradesmen end up doing poor work?") is None


@pytest.mark.parametrize(
    ("sentence", "given"),
    [
        ("The chair said the association had had a busy year.", False),
        ("You can't rush bees.", False),
        ("Anyone with a library card can borrow them.", False),
        ("Today the strip holds 143 fruit trees.", False),
        ("Sharpen the first side until you raise a burr.", True),
        ("If you own one of these heaters, stop using it now and contact us.", True),
        ("He advised parking close to a wall and fitting a marking kit.", True),
        ("Members of the public can write to the Planning Inspectorate.", True),
    ],
)
def test_a_method_is_given_by_an_instruction(sentence, given):
    need = need_of("How do I join the committee?")
    assert need is not None and need.kind == "method"
    assert need.given_by([sentence], [0]) is given
    assert need_of("How should we judge whether the plan worked?") is None  # asked of a case, not by a member


def test_a_name_asked_for_is_given_by_a_name_not_by_the_thing_spoken_of():
    officer = need_of("What is the name of the council's safety officer?")
    assert officer is not None and officer.kind == "name"
    assert not officer.given_by(["The council's own safety officer has said that the square is full."], [0])
    assert officer.given_by(["The safety officer, Mr Dray, said the square is full."], [0], {"dray"})
    # the officer named in any sentence of the passage that speaks of him, as for "who is …?"
    assert officer.given_by(["The safety officer, Mr Dray, said the square is full."], [], {"dray"})
    assert not officer.given_by(["Mr Dray said the square is full."], [], {"dray"})
    assert need_of("what was the name of her book?").about == ()  # a title, seldom beside "book"
    breed = need_of("What breed of bee do they keep?")
    assert breed is not None and breed.kind == "name"
    company = need_of("Which company owns the reservoir?")
    assert company is not None and not company.given_by(["The water company lowers the level."], [0])
    assert need_of("What makes it hard to run a train through several countries?") is None


def test_how_a_thing_turned_out_is_asked_of_the_text_not_of_its_conclusion():
    from bot.core.search.intents import intent_of

    assert intent_of("How many people signed the petition to Parliament in the end?") is None
    assert intent_of("What is his main argument in the end?") == "conclusion"
    granted = need_of("Was planning permission for the mast granted in the end?")
    assert granted is not None and granted.kind == "outcome"
    assert not granted.given_by(["A lease, subject to planning permission being granted."], [0])
    assert granted.given_by(["Planning permission was granted in June."], [0])


@pytest.mark.parametrize(
    ("sentence", "given"),
    [
        ("Ledgeworth, October 1866.", False),
        ("The museum would open on Sundays from two o'clock until six.", False),
        ("5.1 In meetings held in September 2026, residents raised concerns.", False),
        ("Membership rose from 142 to 167 households.", True),
        ("Forty-one riders turned out on the first Sunday.", True),
    ],
)
def test_a_count_of_people_is_no_year_date_or_time_of_day(sentence, given):
    need = need_of("How many people visit the museum in a year?")
    assert need is not None and need.kind == "figure"
    assert need.given_by([sentence], [0]) is given


def test_a_sum_asked_of_a_thing_elsewhere_is_given_only_for_that_thing():
    cost = need_of("What did the workhouse at Brindley Cross cost to build?")
    assert cost is not None and cost.kind == "money" and cost.named == ("brindley", "cross")
    assert not cost.given_by(["They propose a workhouse at a cost of eleven thousand pounds."], [0])
    fine = need_of("What is the fine for driving into the zone without paying?")
    assert fine is not None and fine.kind == "money"
    assert not fine.given_by(["The fee is £6 a day, payable by anyone who drives inside the ring."], [0])
    fridays = need_of("What will parents pay for Fridays?")
    assert fridays is not None and fridays.named == ()  # a day is no name
    rate = need_of("What was the poor-rate in the pound in the Ashworth Union?")
    assert rate is not None and rate.kind == "money"


def test_opening_hours_are_times_of_day():
    hours = need_of("What are the opening hours of the tool library?")
    assert hours is not None and hours.kind == "clock"
    assert not hours.given_by(["The branch libraries would remain open on their current hours."], [0])
    assert hours.given_by(["The baths should be open from six in the morning until nine at night."], [0])
    assert need_of("Why not just trim opening hours at every library instead?") is None


def test_others_of_a_kind_are_given_by_a_sentence_that_speaks_of_others():
    poems = need_of("What other poems did Hester Vane write besides The Fallow Year?")
    assert poems is not None and poems.kind == "others"
    assert not poems.given_by(["— Hester Vane, The Fallow Year"], [0])
    assert poems.given_by(["Relations will stay prickly due to a number of other issues."], [0])


def test_a_thing_priced_is_named_in_the_singular_or_the_plural():
    space = need_of("What does one underground parking space cost?")
    assert space is not None and space.kind == "money"
    assert space.given_by(["Underground, each of those spaces costs around £32,000 to build."], [0])


def test_a_count_may_point_back_to_what_it_counts():
    workers = need_of("How many shop workers are there in the parish?")
    assert workers is not None and workers.kind == "figure"
    assert workers.given_by(["There are not fewer than four hundred such assistants in this parish."], [0])
    assert not workers.given_by(["The shop workers stand for fourteen hours together."], [0])


def test_a_view_holder_may_be_named_by_a_title_and_findings_hold_no_view():
    doctor = need_of("What did the doctor think about health risks?")
    assert doctor is not None and doctor.kind == "holder"
    assert doctor.given_by(["Dr Hussain said that she saw no grounds for concern."], [0])
    assert need_of("What does the research say about a four-day week?") is None


def test_the_price_of_a_thing_is_given_as_its_cost():
    price = need_of("What is the estimated price of putting the building up?")
    assert price is not None and price.kind == "money"
    assert price.given_by(["The surveyor puts the cost of the building at two thousand pounds."], [0])
    assert not price.given_by(["The surveyor has seen the building, which holds forty baths."], [0])


def test_what_a_date_or_price_is_asked_of_may_be_named_by_a_word_of_its_root():
    closures = need_of("When would the closures happen?")
    assert closures is not None and closures.kind == "time"
    assert closures.given_by(["The Council will close the branches with effect from 31 May 2027."], [0])
    skateboard = need_of("How much does a good skateboard cost?")
    assert skateboard is not None
    assert not skateboard.given_by(["Cover extends to skate parks at a premium of £400 a year."], [0])


def test_a_tally_reports_a_vote_and_a_sum_asked_with_its_payer_names_the_thing_priced():
    vote = need_of("How did the room vote before the debate?")
    assert vote is not None and vote.kind == "decision"
    assert vote.given_by(["The result was 88 for, 213 against and 61 undecided."], [0])
    assert vote.given_by(["The motion was lost by nineteen votes to eleven."], [0])
    branches = need_of("What do the branches cost the council each year?")
    assert branches is not None and branches.kind == "money" and branches.about == ("branch",)
    assert "do the" not in branches.note()
    assert branches.given_by(["The seven branches cost us £3.4 million a year to run."], [0])
    joining = need_of("What does it cost to join the Eastgate Residents' Association?")
    assert joining is not None and joining.about == ("cost",)


def test_a_month_dates_only_when_it_is_written_as_one():
    need = need_of("When was the reservoir built?")
    assert need is not None and need.kind == "time"
    # the modal and the verb are no months
    assert not need.met_by("A fountain joined to the reservoir may be set up for £18.", marked=True)
    assert not need.met_by("The men march past the reservoir to the quarry.", marked=True)
    assert need.met_by("The reservoir was finished in May.", marked=True)
    assert need.met_by("THE RESERVOIR, OPENED 3 MAY", marked=True)


@pytest.mark.parametrize(
    "question",
    [
        "Which cloud provider hosts the ledger database?",
        "Which developer built the houses?",
        "Which contractor resurfaced the road?",
        "Which architect designed the library?",
    ],
)
def test_which_firm_of_a_trade_needs_a_name(question):
    need = need_of(question)
    assert need is not None and need.kind == "name"
    assert not need.given_by(["On production, the database holds about 2.3 billion rows."], marked={0})
    assert need.given_by(["The work went to Hallam Brothers."], marked={0}, names={"hallam"})


@pytest.mark.parametrize(
    "question",
    ["how much extra do nearby shops make on market weekends?", "how much quicker are buses now?"],
)
def test_a_difference_asked_is_no_amount_of_a_thing(question):
    need = need_of(question)
    assert need is None or need.kind != "amount"
    assert need_of("How much electricity will the farm generate?").kind == "amount"


def test_since_a_year_tells_how_long():
    question = "how long has she run the repair stall?"
    assert gives_quantity("She has run the repair stall at the market since 2014.", question)
    assert gives_quantity("The square has held a market since the spring of 1276.", question)
    assert not gives_quantity("She has run the repair stall ever since she retired.", question)


def test_the_pronoun_i_names_no_one():
    text = "I ask the council for a fountain. Anna Pardoe designed it, as I said."
    vocabulary = Vocabulary([text], [], set(content_terms(text)))
    assert "i" not in vocabulary.names_used and "anna" in vocabulary.names_used
    need = need_of("Who designed the fountain?")
    assert need is not None and need.kind == "name"
    names = vocabulary.names_used
    assert not need.given_by(["The fountain was designed, as I said."], marked={0}, names=names)
    assert need.given_by(["The fountain was designed by Anna Pardoe."], marked={0}, names=names)


def test_a_role_held_for_someone_needs_a_name_by_the_role():
    need = need_of("Who is the company's engineer?")
    assert need is not None and need.kind == "name"
    names = {"halloran"}
    assert need.given_by(["The Company's engineer, Mr. Halloran, agreed."], marked={0}, names=names)
    assert not need.given_by(["The Company's engineer has undertaken it."], marked={0}, names=names)
    assert need_of("Who is the hospital's chief executive?").about == ("chief", "executive")


def test_which_one_of_a_named_kind_will_do_something_is_named_and_a_letter_is_no_name():
    need = need_of("Which shipyard would build the new ferries?")
    assert need is not None and need.kind == "name"
    assert not need.given_by(["We compare (A) a renewal and (B) new ferries."], marked={0}, names=set())
    assert need.given_by(["The ferries would be built by Ferguson Marine."], marked={0}, names={"ferguson"})
    assert need_of("Which companies will succeed in the future?") is None  # those that …: a description


def test_a_rate_of_events_is_no_price():
    need = need_of("what's the success rate for repairs?")
    assert need is not None and need.kind == "figure"
    assert need.given_by(["About two items in three leave the café working again."], marked={0})
    assert need_of("What was the poor-rate in the pound in the Union?").kind == "money"
    assert need_of("What is the county's property tax rate?").kind == "money"


def test_a_year_ending_a_sentence_a_paragraph_number_and_an_hour_count_no_one():
    need = need_of("How many members does the Trust have?").loosened()
    assert not need.met_by("The Trust is a community benefit society formed in 2024.", marked=True)
    assert not need.met_by("8. The site contains a pond used by great crested newts.", marked=True)
    assert not need.met_by("It has run workmen's cars at a halfpenny before seven.", marked=True)
    assert need.met_by("14. The waiting list for the Trust stands at 118 names.", marked=True)
    assert need.met_by("The Trust now has 340 members.", marked=True)


def test_a_date_shown_with_the_sentence_naming_its_subject_dates_it():
    from bot.core.search.focus.need import need_of

    need = need_of("what date is carved above the entrance to the oldest building")
    sentences = [
        "Welcome to the salt works.",
        "You are standing at the door of the boiling house, the oldest building on the site.",
        "The stone lintel above you carries the date 1742.",
    ]
    assert need.given_by(sentences, (1, 2))  # both shown: the one names what the other dates
    assert not need.given_by(sentences, (2,))  # the date alone speaks of a lintel, not the building
    clock = need_of("What time does the first ferry leave in the morning?")
    times = ["Keep the ferry running until 2029.", "Move the last sailing to 10 pm."]
    assert not clock.given_by(times, (0, 1))  # a time of day must be of what is asked


def test_a_year_is_no_count_and_a_note_never_ends_on_of():
    from bot.core.search.focus.need import need_of

    assert not counts_in("In the glass case is the wages ledger for 1884 to 1891.")
    assert not counts_in("The works closed in 1938.")
    assert counts_in("Open at March 1886, it shows thirty-one names, of whom nine are women.")
    assert counts_in("The mill employed 1500 workers.")
    note = need_of("how many of the workers in the 1886 wage book were women").note()
    assert note == "The reading gives no figure for that."


def test_in_what_year_needs_a_year():
    need = need_of("In what year did Penrake patent the compound pump?")
    assert need is not None and need.kind == "time" and need.note() == "The reading gives no year for that."
    assert need.met_by("Penrake patented the compound pump in 1871.", marked=True)
    assert need.met_by("Penrake patented the compound pump last year.", marked=True)
    assert not need.met_by("Penrake conceived the compound pump while resting for a month.", marked=True)


def test_a_hyphenated_span_counts_no_one():
    need = need_of("How many people live on the estates?")
    assert not need.met_by("The ground is a twenty-five-minute walk from the estates.", marked=True)
    assert need.met_by("About twenty-five hundred people live on the estates.", marked=True)


def test_what_is_charged_for_is_priced_not_who_charges():
    need = need_of("How much did the landlord charge as a deposit?")
    assert need is not None and need.kind == "money" and need.about == ("deposit",)
    assert not need.met_by("The tribunal orders the landlord to repay £2,940 of rent.")
    assert need.met_by("The landlord took a deposit of £900.")


@pytest.mark.parametrize(
    ("question", "sentence", "gives"),
    [
        # a count dated by "last year" is still a count: "41,000 visits last year" is no span of time
        (
            "how many people used the current library last year",
            "The library in its present basement had 41,000 visits last year despite being hard to find.",
            True,
        ),
        ("how many people used the library?", "It has been shut for twenty years.", False),
        # a sum written as one word
        (
            "how much does a labourer pay now to ride to market?",
            "The labourer who once walked nine miles to market now rides for fourpence.",
            True,
        ),
        ("how much does a labourer pay to ride?", "The labourer now rides to market every week.", False),
        # "what day of the month is it held?": "held" says nothing of what is dated
        (
            "what day of the month is it held?",
            "On the second Saturday of every month, from 10 am to 1 pm, in the parish hall.",
            True,
        ),
        ("what day of the month is it held?", "The parish hall is lent to us by the parish.", False),
    ],
)
def test_need_given_in_the_words_a_text_uses(question, sentence, gives):
    need = need_of(question)
    assert need is not None
    assert need.given_by([sentence], [0]) is gives


def test_how_often_is_answered_by_a_count_of_occasions():
    asked = "how often does she say her bins weren't collected?"
    assert gives_quantity("Her bins were missed on at least fourteen occasions.", asked)
    assert not gives_quantity("Her bins were missed, she says.", asked)


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Ostvale is a mixed rural and suburban district of approximately 640 km².", False),
        ("The towpath runs for 6.4 kilometres from the basin to the lock.", False),
        ("I got my first library card at Eastfold when I was six.", False),
        ("The apple day held there last October drew more than 600 people.", True),
        ("The car park has a hundred and forty spaces.", True),
    ],
)
def test_a_length_an_area_or_an_age_counts_no_one(sentence, counts):
    # "how many …?" asked of a thing the passage names in other words (a passage the model is sure
    # of): any count shown may answer, but a district's area or a speaker's age counts nothing
    need = need_of("How many books does the library hold?").loosened()
    assert need.given_by([sentence], [0]) is counts


def test_a_role_asked_before_a_second_question():
    need = need_of("who is the manager and where did he come from?")
    assert need is not None and need.kind == "name" and need.about == ("manag",)
    names = {"tomasz", "wilk", "leeds"}
    assert need.given_by(
        ["Our manager, Tomasz Wilk, joined in April from a hotel kitchen in Leeds."], [0], names
    )
    assert not need.given_by(["The bakery in Leeds employs nine people in all."], [0], names)


@pytest.mark.parametrize(
    "question", ["who was the pocket watch given to?", "Who is the sermon mainly concerned with?"]
)
def test_whom_a_thing_is_given_to_or_about_is_no_role(question):
    # the role pattern read "pocket watch given to" as an office whose holder is named
    assert need_of(question) is None


def test_who_founded_is_named_by_any_verb_of_founding():
    need = need_of("who founded the mill?")
    names = {"josiah", "crabtree"}
    assert need.given_by(["The mill was built in 1792 by Josiah Crabtree, a clothier."], [0], names)
    assert not need.given_by(["The mill was painted in 1850 by Josiah Crabtree."], [0], names)


def test_what_ended_an_event_asks_its_ending():
    need = need_of("What finally ended the outage?")
    assert need is not None and need.kind == "outcome"
    assert need.given_by(
        ["The flag let us change retry limits, which is what finally ended the outage."], [0]
    )
    assert not need.given_by(["The outage was extended by a retry storm."], [0])
    # "end up" still only marks the outcome: the verb asked is the one after it
    assert "ended" not in need_of("Did the Local Board end up approving the lease?").about


def test_a_tribunal_finding_and_ordering_is_a_decision():
    need = need_of("what did the tribunal decide overall?")
    assert need.given_by(
        ["1. The tribunal finds that the landlord failed, and orders a rent repayment."], [0]
    )
    assert not need.given_by(["Tribunal: Judge R. Haldane (chair), Mr. P. Szabo (surveyor member)"], [0])


def test_who_started_is_named_by_an_opening():
    need = need_of("Who started the first wash-house in Liverpool?")
    sentence = "At Liverpool the first of these houses was opened by a poor woman, Catherine Wilkinson."
    assert need.given_by([sentence], [0], {"catherine", "wilkinson", "liverpool"})


def test_a_feast_named_for_the_day_a_reading_dates():
    # a diary dated "24 December 1931" speaks of Christmas Eve, though it never names it
    dated = Vocabulary(["24 December 1931", "A steamer passed close in at dusk."], [], set())
    assert dated.unknown_names("what did the passing steamer do on Christmas Eve?") == []
    undated = Vocabulary(["2 December 1931", "A steamer passed close in at dusk."], [], set())
    assert undated.unknown_names("what did the passing steamer do on Christmas Eve?") == ["Christmas", "Eve"]


def test_a_population_loosened_is_still_a_count():
    need = need_of("what is the population of Ostvale?").loosened()
    assert not need.given_by(
        ["Ostvale is a mixed rural and suburban district of approximately 640 km²."], [0]
    )
    assert need.given_by(["Ostvale is home to some 48,000 people."], [0])


def test_which_company_is_named_as_a_business():
    names = {"kellan", "bank", "playcraft", "rao"}
    need = need_of("Which company is building the wind farm?")
    assert not need.given_by(["We stand against the proposed wind farm on Kellan Bank."], [0], names)
    firm = need_of("Which firm will put in the new climbing frame?")
    passage = [
        "Cllr Rao reported that the wooden climbing frame was rotten at two posts.",
        "Resolved to accept the quotation of £8,350 from Playcraft Ltd, which includes a safety surface.",
    ]
    # the sentence shown names no business; the one that does answers, shown or not
    assert firm.given_by(passage, [0], names)
    assert not firm.given_by(passage[:1], [0], names)


def test_the_sentence_that_gives_what_is_asked_is_the_one_found():
    passage = [
        "Our cold store at Brackenthwaite was built in 1988.",
        "When it fills, we hire cold storage elsewhere at a cost that this year reached £212,000.",
    ]
    need = need_of("how much did renting outside cold storage cost?")
    assert need.answering(passage, [0]) == 1  # not the sentence shown, which prices nothing
    assert need.answering(passage[:1], [0]) is None
    # a shown sentence that gives it comes first
    assert need_of("when was the cold store built?").answering(passage, [0, 1]) == 0


@pytest.mark.parametrize(
    ("question", "gives", "lacks"),
    [
        (
            "What colour is the new club jersey?",
            "The new jersey is dark green with a white band.",
            "The new jersey runs small, so order one size up.",
        ),
        (
            "what is the convenor's email address?",
            "Write to the convenor at m.varnay@calderbridge.ac.uk with any question.",
            "Email is the best way to reach us; we aim to reply within two working days.",
        ),
        (
            "what radio frequency does the mesh run on?",
            "The mesh runs on 869.5 MHz, a licence-free band.",
            "The mesh covers eleven villages and some 2,300 users.",
        ),
        (
            "what room are the seminars held in?",
            "Seminars meet in Room 2.14 of the Hartley Building.",
            "Attendance at seminars is expected.",
        ),
    ],
)
def test_a_detail_written_in_a_form_of_its_own(question, gives, lacks):
    need = need_of(question)
    assert need is not None and need.kind == "detail"
    assert need.given_by([gives], [0])
    assert not need.given_by([lacks], [0])
    assert need.note().startswith("The reading gives no ")


def test_how_long_something_takes_is_a_span_of_time_not_a_length():
    takes = "how long did the walk from Tilling Cross take?"
    assert gives_quantity("Allow 5 hours, with stops.", takes)
    assert not gives_quantity("The walk is about twenty-five miles over the moor.", takes)
    # "how long is …?" may be either
    assert gives_quantity("The walk is about twenty-five miles.", "how long is the walk?")


def test_an_amount_of_a_thing_the_reading_speaks_of_in_another_form():
    # "how much climbing …?" on a walk that "climbs steeply": the amount may be in other words
    # ("Total ascent: 420 m"), so the reading is not said to lack it; "electricity" it never names
    from types import SimpleNamespace

    from bot.core.search.retrieval import Retriever

    text = "A stony path climbs steeply beside the old quarry. Total ascent: 420 m."
    retriever = SimpleNamespace(vocabulary=Vocabulary([text], [], set(content_terms(text))))
    assert Retriever._names_thing(retriever, "climbing")
    assert not Retriever._names_thing(retriever, "electricity")


def test_a_speed_limit_is_a_speed_and_an_airline_a_business():
    need = need_of("What is the speed limit on Tannery Lane?")
    assert need is not None and need.kind == "detail"
    assert need.given_by(["Traffic on the lane is held to 20 mph past the school."], [0])
    assert not need.given_by(["Lorries use Tannery Lane as a short cut to the quarry."], [0])
    assert need_of("how fast is the council meant to answer complaints?") is None  # a time, not a speed
    airline = need_of("which airline did harold fly home on?")
    names = {"harold", "heathrow", "aer", "lingus"}
    assert not airline.given_by(["Harold flew home to Heathrow on the Tuesday."], [0], names)
    assert airline.given_by(["Harold flew home with Aer Lingus, the Irish airline."], [0], names)


def test_a_count_of_a_compound_counts_its_kind_and_how_much_asks_an_amount():
    bags = need_of("how many bags of sand did they get through")
    assert bags is not None and bags.given_by(["Some 4,200 sandbags were used."], [0])
    assert not bags.given_by(["Some 4,200 volunteers were used."], [0])
    # "ended up" asks how it turned out, but "how much … ended up …" asks for an amount
    land = need_of("how much land ended up under water")
    assert land is None or land.kind != "outcome"
    held = need_of("did the bank end up holding?")
    assert held is not None and held.kind == "outcome"


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("what wattage is the KX-17", ["wattage"]),  # what X …?: X
        ("is the pool heated?", ["heated"]),  # a yes/no question: what it says of its subject
        ("does the lido have a cafe", ["cafe"]),  # does S have an X?: X
        ("Is there parking near the lido?", ["parking"]),  # is there an X …?: X, before where
        ("What is the fare for the lido?", ["fare"]),  # what is the X of / for …?
        ("Is the pool open in May?", []),  # every focus word is the passage's
        ("Does Mill think the pool is open?", []),  # a name is a subject, never the focus
        ("Can I still swim in the pool?", ["swim"]),  # "still" only qualifies
        ("Why is the pool closed?", []),  # the focus of a why-question is not plain
        ("Which company built the KX-17?", []),  # a firm asked for: the answer kinds' (need)
        ("What kind of bulbs does the pool need?", []),  # a kind: the answer names its members
        ("Does the curator agree that the pool is too cold?", []),  # a view, in the passage's own words
        ("Did the council approve the pool heating?", ["council", "approve", "heating"]),  # a decision
    ],
)
def test_the_focus_a_passage_does_not_say(question, focus):
    passage = set(content_terms("The KX-17 kettle was recalled. The pool at the lido is open from May."))
    assert unsaid(question, passage, names={"mill"}) == focus


def test_a_question_without_its_focus_keeps_its_subject():
    assert without("what wattage is the KX-17", ["wattage"]) == "what is the KX-17"
    assert without("Is there a Parking space?", ["parking"]) == "Is there a space?"


def test_a_question_whether_a_thing_is_there_or_had():
    assert asks_for_thing("Is there a café on board?")
    assert asks_for_thing("does the lido have lifeguards")
    assert not asks_for_thing("Is the pool heated?")
    assert not asks_for_thing("What wattage is the KX-17?")


def test_a_yes_no_question_of_what_is_said_of_its_subject():
    assert asks_yes_no("Is the pool heated?")
    assert not asks_yes_no("Is there a café on board?")  # a thing asked for
    assert not asks_yes_no("What wattage is the KX-17?")


def test_a_person_asked_for_is_named_by_a_person_not_a_place_or_a_body():
    # "who is the safety officer?" is not answered by the street or the body a sentence names
    officer = need_of("What is the name of the council's safety officer?")
    assert officer is not None and officer.person
    names = {"bell", "lane", "velt", "marion", "sev"}
    assert not officer.given_by(
        ["The council's own safety officer has said an ambulance could not get down Bell Lane."],
        marked={0},
        names=names,
    )
    assert not officer.given_by(["The on-call safety officer was paged at SEV-2."], marked={0}, names=names)
    assert officer.given_by(
        ["The safety officer, Mrs Velt, has said the square is full."], marked={0}, names=names
    )
    assert officer.given_by(["Our safety officer Marion checked the stalls."], marked={0}, names=names)
    chair = need_of("Who chaired the meeting?")
    assert chair is not None and chair.person
    conductor = need_of("Who conducts the orchestra?")
    assert conductor is not None and conductor.person and conductor.about == ("conduct",)
    assert not conductor.given_by(
        ["The orchestra rehearses at St Cuthbert's Hall."], marked={0}, names={"cuthbert"}
    )
    assert not chair.given_by(
        ["The meeting was chaired at the Corn Exchange."], marked={0}, names={"corn", "exchange"}
    )
    # a firm may answer for a body's role or deed
    builder = need_of("Who built the new ferries?")
    assert builder is not None and not builder.person
    assert builder.given_by(
        ["The ferries were built by Ferguson Marine."], marked={0}, names={"ferguson", "marine"}
    )
    yacht = need_of("What is the name of the yacht?")
    assert yacht is not None and not yacht.person


def test_a_time_asked_of_an_event_is_a_date_of_that_event():
    # the mill's building is dated, not its closing: a date of something else about the mill
    closed = need_of("When did Brook Mill close?")
    assert closed is not None
    built = ["Hey built Brook Mill on the Castle Beck in 1823."]
    assert not closed.given_by(built, marked={0})
    assert closed.given_by(["Brook Mill shut its gates for good in 1931."], marked={0})
    assert closed.given_by(["The last of Brook Mill's looms stopped in 1931."], marked={0})
    founded = need_of("What year was the society founded?")
    assert founded is not None
    assert founded.given_by(["The society was set up in 1888 by six growers."], marked={0})
    assert not founded.given_by(["The society held its hundredth show in 1988."], marked={0})
    # a time asked of whatever happens needs no word for the event
    happen = need_of("When would the closures happen?")
    assert happen is not None and not happen.event
    assert happen.given_by(["The closures would take effect from April 2027."], marked={0})


def test_a_name_asked_as_someones_name_is_a_persons_name_in_a_sentence_about_them():
    walker = need_of("what was the injured walker's name?")
    assert walker is not None and walker.kind == "name" and walker.person
    assert walker.note() == "The reading never names the injured walker."
    names = {"three", "tarns", "run", "june", "dan", "ruddock"}
    assert not walker.given_by(["The walker is home now and walking again."], marked={0}, names=names)
    assert not walker.given_by(["The walker fell near the Three Tarns Run in June."], marked={0}, names=names)
    assert walker.given_by(["The walker, Dan Ruddock, is home now."], marked={0}, names=names)
    dog = need_of("what's the dog's name")
    assert dog is not None and dog.kind == "name" and not dog.person


def test_a_member_of_a_series_no_passage_shown_names_is_not_answered_about():
    # the passages give another member's filler: the motion of rounds 1 and 2, room 12's judge
    shown = ["Round 1 motion: This house would ban homework.", "Round 2: This house regrets social media."]
    assert unnamed_members("what was the motion in round 3?", shown) == ["round 3"]
    room = ["Room 12 was chaired by Ms Ode."]
    assert unnamed_members("who judged the debate in room B14?", room) == ["room B14"]
    assert unnamed_members("what changed in version 3.7.1?", ["Version 3.7.0 fixed the sync bug."]) == [
        "version 3.7.1"
    ]
    # named in words, as an ordinal, inside a longer code, or in the passage's heading
    assert unnamed_members("what was the motion in round 3?", ["The third round's motion was …"]) == []
    assert unnamed_members("what happened in round 3?", ["In round three the favourites lost."]) == []
    assert unnamed_members("why did he give up the bishop on f4?", ["18. Bxf4 gives back the piece."]) == []
    assert unnamed_members("who chaired room B14?", ["Heats › Room B14 Chair: Mr Lloyd"]) == []
    spent = ["In fiscal 2024, we invested $18.6 million."]
    assert unnamed_members("what did they spend in fy2024?", spent) == []
    assert unnamed_members("who chaired room B14?", ["Room 14 was chaired by Ms Ode."]) == ["room B14"]
    # a day of the week asked of: named as a day, an abbreviation or by "daily" / "weekends"
    hours = ["Opening hours: Tuesday to Sunday, 10am to 4pm."]
    assert unnamed_members("is the museum open on mondays?", hours) == ["on mondays"]
    assert unnamed_members("is it open on Sundays?", hours) == []
    assert unnamed_members("is it open on a saturday?", ["Open Tue-Sat, 10-4."]) == []
    assert unnamed_members("is it open on Mondays?", ["Open daily from ten."]) == []
    assert unnamed_members("how many have signed up by friday?", ["Twelve so far."]) == []
    # a quantity, an ordinal or a decade identifies nothing
    for question in ("did the 2nd XI win?", "was it 20km long?", "what happened in the 1990s?", "is it £30?"):
        assert unnamed_members(question, ["Nothing here."]) == []
