"""What a deck ranks up (a figure people quote) and leaves out (a told fact, a job pack's duties)."""

from bot.core.prompts.ranking import figure


def test_a_word_said_twice_across_a_turn_is_a_figure():
    assert figure("He who knows only his own side of the case, knows little of that.")
    assert figure("The house is not built to shelter the poor; it is built to frighten them off the rates.")
    assert figure("The standing army is only an arm of the standing government.")


def test_lists_names_pointers_and_long_sentences_are_not():
    # a list names the same word twice without turning on it
    assert not figure("The branch is the only place on the estate with free public computers and free wifi.")
    # a name said twice is the subject named again
    assert not figure("The view is not exclusive to Putin, nor will it fade once Putin leaves office.")
    # a sentence opening on its condition or its time sets a scene ("before pronouncing …, it would be …")
    assert not figure("But before pronouncing what Christian morality is or is not, it is wise to decide.")
    # a leading pointer needs the sentence before
    assert not figure(
        "They do believe them, as people believe what they have heard lauded and never discussed."
    )
    # figures and long sentences describe a case
    assert not figure("In 2024 the club is not the club it was in 2019.")
    assert not figure(
        "If all mankind minus one, were of one opinion, and only one person were of the contrary opinion, "
        "mankind would be no more justified in silencing that one person, than he would be justified in "
        "silencing mankind."
    )


def test_a_clause_telling_a_particular_fact_is_no_position():
    from bot.core.prompts.ranking import stated_fact

    def named(word: str) -> bool:
        return word == "Moscow"

    # a named party's doings, a house's arrangements, a law's provision: told, not held
    assert stated_fact("Moscow is demanding a number of concessions", named)
    assert stated_fact("Our funds are placed each quarter with the Post Office Savings Bank", named)
    assert stated_fact("A tramway is laid in the public highway by the permission of Parliament", named)
    # a judgement on a named case is a position: an adjective to end on, a denial, a judging word
    assert not stated_fact("the chances of Ukraine being inducted into NATO are minuscule", named)
    assert not stated_fact("the reduction of a single storey does not overcome the Council's reason", named)
    assert not stated_fact("the will of the king is as much the law in Britain as in France", named)
    # a find, a count: told, though "earliest" and "need" judge elsewhere
    assert stated_fact("Dr Carraway has found the earliest form of the name in a charter of 1287", named)
    assert stated_fact("We need 42 marshals in total and right now we have 27 names on the sheet", named)
    assert not stated_fact("we need a new approach to Harwick's buses", named)
    # a general statement names no case
    assert not stated_fact("the walker who keeps a path open does a public service", named)


def _asked(embedder, tmp_path, name: str) -> str:
    import shutil
    from pathlib import Path

    from bot.core.prompts import PromptDeck
    from bot.core.search.index import build_from_seeds

    (tmp_path / "seeds").mkdir()
    shutil.copy(Path(__file__).parent / "data" / name, tmp_path / "seeds")
    index = build_from_seeds(tmp_path / "seeds", embedder, tmp_path / "index", progress=False).index
    return " ".join(p.question for p in PromptDeck.build(index, embedder))


def test_a_job_packs_duties_and_terms_are_nobodys_position(embedder, tmp_path) -> None:
    asked = _asked(embedder, tmp_path, "job-pack-warden.txt")
    assert "Patrol" not in asked and "patrol" not in asked  # a duty is no advice
    assert "reimburse" not in asked  # a term is no claim


def test_a_societys_rules_are_nobodys_position(embedder, tmp_path) -> None:
    assert _asked(embedder, tmp_path, "rules-bowls-club.txt") == ""  # "The committee may refuse … but must …"


def test_an_instruction_is_never_asked_after_that() -> None:
    from bot.core.prompts import questions
    from bot.core.prompts.voice import AUTHOR, Voice

    anyone = questions.Speaker(questions.ANONYMOUS)
    args = ("recommendation", Voice(AUTHOR), anyone)
    assert questions.write(*args, "Wash the leeks well and slice them thinly", "s1", {}) is None
    kept = questions.write(*args, "a heavy pan matters more than any ingredient", "s2", {})
    assert kept is not None and "a heavy pan matters" in kept.question
    # a run of instructions, its verb hidden behind a conjunction or in a later clause
    for told in (
        "get the family round the table before Christmas, and don't let anyone leave until it's agreed",
        "negotiate for the top field only, keep your ewes, and read the lease before anybody signs",
        "vote yes on Measure B. Its a simple fix",
    ):
        assert questions.write("interpretation", Voice(AUTHOR), anyone, told, "s3", {}) is None
    for claim in (
        "the council should act, and support for the plan grew",
        "we tried, and use of the hall fell",
    ):
        assert questions.write("interpretation", Voice(AUTHOR), anyone, claim, "s4", {}) is not None


def test_a_recipe_is_an_information_page(embedder, tmp_path) -> None:
    asked = _asked(embedder, tmp_path, "recipe-barley-broth.txt")
    assert "barley" not in asked.lower()  # its steps and its cook's notes are nobody's position


def test_the_clause_after_a_reported_views_but_is_the_writers() -> None:
    from bot.core.prompts.deck import _answered_within

    said = (
        "The applicant says a higher figure would make the development unviable, but the Viability "
        "Assessment has been published with almost every figure blacked out."
    )
    assert _answered_within(said, "the Viability Assessment has been published with almost every figure")
    assert not _answered_within(said, "a higher figure would make the development unviable")
    assert not _answered_within("Critics say the plan is too dear.", "the plan is too dear")
