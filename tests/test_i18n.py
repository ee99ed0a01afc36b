"""Every command string translated within Discord's limits; every message in every language."""

from __future__ import annotations

import asyncio
import re
import string

import discord
import pytest
from discord import app_commands

from bot.app import limits
from bot.app.handlers import Caller, handle_help, welcome_message
from bot.app.handlers.conventions import REQUIRED_PERMISSIONS
from bot.app.i18n import LANGUAGES, MESSAGES, language_of, t
from bot.app.i18n.commands import COMMAND_STRINGS
from bot.app.poll_results import Tally, render_result
from bot.app.posts import compose_post
from bot.app.service import Agora
from bot.core.storage.store import Store
from bot.discord_layer.client import AgoraBot, walk_extensions
from bot.discord_layer.translator import AgoraTranslator
from bot.settings import Settings

NAME = re.compile(r"^[-_\w]{1,32}$")  # Discord's rule for command and option names (lowercase too)


def command_payloads() -> list[dict]:
    """Every command as it is synced to Discord, with the translator's localisations."""

    async def build() -> list[dict]:
        settings = Settings()
        store = Store(":memory:")
        bot = AgoraBot(settings, Agora(settings), store)
        try:
            for name in walk_extensions():
                await bot.load_extension(name)
            await bot.tree.set_translator(AgoraTranslator())
            return await bot.command_payload()
        finally:
            await bot.close()
            store.close()

    return asyncio.run(build())


def walk(payload: dict, path: str = ""):
    """(where, kind, English text, localisations) of a command, its options and choices."""
    where = f"{path}/{payload['name']}"
    menu = not path and payload.get("type") in (2, 3)  # a user or message command: free-form name
    yield where, "menu" if menu else "name", payload["name"], payload.get("name_localizations") or {}
    if not menu:
        yield where, "description", payload["description"], payload.get("description_localizations") or {}
    for choice in payload.get("choices") or ():
        yield f"{where}={choice['value']}", "choice", choice["name"], choice.get("name_localizations") or {}
    for option in payload.get("options") or ():
        yield from walk(option, where)


@pytest.fixture(scope="module")
def payloads() -> list[dict]:
    return command_payloads()


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_command_option_and_choice_is_translated_within_discords_limits(payloads, language):
    locale = {"fr": discord.Locale.french.value}[language]
    strings = list(s for p in payloads for s in walk(p))
    assert len(strings) > 100  # every command, subcommand, option and choice
    missing, bad = [], []
    for where, kind, english, localised in strings:
        text = localised.get(locale)
        if text is None:
            missing.append(f"{where} {kind}: {english!r}")
            continue
        if kind == "name" and not (NAME.fullmatch(text) and text == text.lower()):
            bad.append(f"{where}: name {text!r}")
        if kind == "menu" and not 1 <= len(text) <= 32:
            bad.append(f"{where}: menu name of {len(text)} characters")
        if kind in ("description", "choice") and not 1 <= len(text) <= 100:
            bad.append(f"{where}: {kind} of {len(text)} characters")
    assert missing == []
    assert bad == []
    unused = set(COMMAND_STRINGS[language]) - {english for _, _, english, _ in strings}
    assert unused == set()  # nothing left over from a command that changed


def test_translated_names_do_not_clash(payloads):
    """Two commands (or two options of one) with the same French name would be refused by Discord."""

    def check(items: list[dict]) -> None:
        names = [(i.get("name_localizations") or {}).get("fr", i["name"]) for i in items]
        assert len(names) == len(set(names)), names
        for item in items:
            check([o for o in item.get("options") or () if o.get("type") in (1, 2)])
            check([o for o in item.get("options") or () if o.get("type") not in (1, 2)])

    check(payloads)


def test_english_strings_keep_discords_limits_too(payloads):
    for where, kind, english, _ in (s for p in payloads for s in walk(p)):
        limit = 32 if kind in ("name", "menu") else 100
        assert 1 <= len(english) <= limit, where


def test_every_message_exists_in_every_language_with_the_same_placeholders():
    for key, entry in MESSAGES.items():
        assert set(entry) == set(LANGUAGES), key
        fields = {
            lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in entry.items()
        }
        assert len({frozenset(f) for f in fields.values()}) == 1, (key, fields)
        assert all(text.strip() for text in entry.values()), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_fits_one_message_untrimmed(language):
    reply = handle_help(Caller(1, 2, 3, language=language))
    assert reply.ephemeral
    (embed,) = reply.embeds
    assert embed.fitted() == embed  # nothing had to be cut
    assert embed.size() <= limits.EMBED_TOTAL
    assert len(reply.parts()) == 1
    text = embed.text()
    for command in ("/ask", "/schedule set", "/privacy", "/config moderator-role", "/insights"):
        assert command in text
    for flag in REQUIRED_PERMISSIONS:
        assert t(f"perm.{flag}", language) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_welcome_names_exactly_the_missing_permissions(language):
    missing = ["send_polls", "create_public_threads", "embed_links"]
    text = welcome_message(language, missing)
    assert len(text) <= limits.CONTENT
    assert "/ask" in text and "/schedule set" in text
    named = [flag for flag in REQUIRED_PERMISSIONS if t(f"perm.{flag}", language) in text]
    assert named == ["embed_links", "create_public_threads", "send_polls"]
    complete = welcome_message(language, [])
    assert not any(t(f"perm.{flag}", language) in complete for flag in REQUIRED_PERMISSIONS)
    assert t("welcome.complete", language) in complete


def test_locales_map_to_languages():
    assert language_of("fr") == "fr"
    assert language_of("en-GB") == language_of("de") == language_of(None) == "en"


def test_public_posts_speak_the_servers_language():
    prompt = {
        "question": "Is the West to blame?",
        "quote": "The West provoked it.",
        "title": "Essay",
        "paragraph": 3,
        "topic": "blame",
        "angles": {"for": "It expanded.", "against": "Russia chose."},
    }
    english = compose_post(prompt, 2, guild_id=1, channel_id=2)
    french = compose_post(prompt, 2, guild_id=1, channel_id=2, language="fr")
    assert "Today's debate" in english.content and "**For:**" in english.content
    assert (
        "Le débat du jour" in french.content and "cycle 2" in french.content and "**Pour:**" in french.content
    )
    assert "Is the West to blame?" in french.content  # the reading's words stay as they are
    assert french.poll is not None and french.poll.answers == ("D'accord", "Pas d'accord", "Je ne sais pas")
    assert french.thread_name == "Débat : Blame"
    result = render_result(Tally("Q?", (("D'accord", 3), ("Pas d'accord", 1), ("Je ne sais pas", 4))), "fr")
    assert "Le sondage est clos." in result and "Parmi les 4 qui ont pris parti" in result
    assert "8 votes en tout." in result


def test_the_translator_leaves_english_alone():
    translator = AgoraTranslator()
    ask = app_commands.locale_str("ask")
    context = app_commands.TranslationContext(app_commands.TranslationContextLocation.other, None)
    assert asyncio.run(translator.translate(ask, discord.Locale.american_english, context)) is None
    assert asyncio.run(translator.translate(ask, discord.Locale.french, context)) == "demander"
    assert asyncio.run(translator.translate(ask, discord.Locale.german, context)) is None
