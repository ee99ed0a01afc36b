"""The /schedule and /prompt commands, and the one scheduler task for every server.

Moderators only: ``moderator_only`` checks in code; ``default_permissions`` only decides who
sees the commands in Discord's UI by default. The handlers (:mod:`bot.app.handlers`) do the work,
so the console offers the same commands.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import handlers
from bot.app.handlers import handle_prompt_curation
from bot.app.poll_results import result_post
from bot.app.scheduler import Scheduler, post_gap
from bot.core.scheduling.schedule import timezone_names
from bot.discord_layer.discord_io import caller_of, defer, moderator_only, send_reply
from bot.discord_layer.exts.discussion.schedule._publisher import DiscordPublisher

if TYPE_CHECKING:
    from bot.discord_layer.client import AgoraBot

log = logging.getLogger(__name__)

MODERATORS = discord.Permissions(manage_guild=True)
DAY_CHOICES = ("every day", "weekdays", "weekends", "mon, wed, fri", "tue, thu", "mon-fri")
POPULAR_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
)


def setup_warnings(
    channel: discord.TextChannel, *, thread: bool, poll: bool, role: discord.Role | None
) -> tuple[str, ...]:
    """What the bot's current permissions will stop it doing in `channel` (told at /schedule set)."""
    me = channel.guild.me
    if me is None:
        return ()
    perms = channel.permissions_for(me)
    where = channel.mention
    warnings = []
    if not (perms.view_channel and perms.send_messages):
        warnings.append(f"I can't post in {where} yet: give me View Channel and Send Messages there.")
    if thread and not perms.create_public_threads:
        warnings.append(f"I lack Create Public Threads in {where}: prompts will go out without a thread.")
    if poll and not perms.send_polls:
        warnings.append(f"I lack Send Polls in {where}: prompts will go out without a poll.")
    if role is not None and not role.mentionable and not perms.mention_everyone:
        warnings.append(
            f"{role.mention} is not mentionable and I lack Mention @everyone: the ping won't notify anyone "
            "(make the role mentionable in Server Settings → Roles)."
        )
    return tuple(warnings)


def _schedule_action(group: app_commands.Group, action: str, description: str) -> app_commands.Command:
    """A `/schedule ACTION` subcommand (show, pause, resume, off): the handler does the action."""

    async def subcommand(self: Schedules, interaction: discord.Interaction) -> None:
        caller = await caller_of(interaction)
        await send_reply(interaction, await handlers.handle_schedule(self.bot.services, caller, action))

    subcommand.__qualname__ = f"Schedules.schedule_{action}"  # a method of the cog, to discord.py
    return group.command(name=action, description=description)(moderator_only()(subcommand))


class Schedules(commands.Cog):
    """A debate prompt every day at the time each server chose."""

    schedule = app_commands.Group(
        name="schedule",
        description="Daily debate prompts for this server (moderators)",
        guild_only=True,
        default_permissions=MODERATORS,
    )
    # No default_permissions: members use /prompt suggest; every other subcommand checks for
    # a moderator (moderator_only) and the handlers check again.
    prompt = app_commands.Group(
        name="prompt",
        description="Debate prompts: post, preview, curate (moderators); suggest one (everyone)",
        guild_only=True,
    )

    def __init__(self, bot: AgoraBot) -> None:
        self.bot = bot
        self.scheduler = Scheduler(
            bot.store,
            bot.agora,
            DiscordPublisher(bot),
            gap=post_gap(bot.settings.shards.processes),
            owns=bot.settings.shards.owns,
            owner=bot.process_name,
            claim_lease=bot.settings.post_claim_seconds,
        )
        self._task: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        """Offer the scheduler to the handlers; start it if the bot is already connected."""
        self.bot.services.scheduler = self.scheduler
        if self.bot.is_ready():
            self._start()

    async def cog_unload(self) -> None:
        """Stop the scheduler task."""
        if self.bot.services.scheduler is self.scheduler:
            self.bot.services.scheduler = None
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def _start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.scheduler.run(), name="agora-daily-prompts")

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Start posting once connected (the caches know the channels and permissions by then)."""
        self._start()

    # ------------------------------------------------------------------ /schedule

    @schedule.command(name="set")
    @app_commands.describe(
        channel="Where to post the prompt",
        time="Local time of day, HH:MM on a 24-hour clock (e.g. 09:00)",
        timezone="IANA timezone, e.g. Europe/London or America/New_York",
        days="Which days: every day (default), weekdays, weekends, or e.g. mon, wed, fri",
        thread="Open a thread under each prompt for the discussion (default: on)",
        poll="Attach an Agree / Disagree / Not sure poll for 24 hours (default: on)",
        role="A role to ping with each prompt (the only mention I ever make)",
    )
    @moderator_only()
    async def schedule_set(  # noqa: PLR0917 - one parameter per command option
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: app_commands.Range[str, 1, 20],
        timezone: app_commands.Range[str, 1, 64],
        days: app_commands.Range[str, 1, 100] | None = None,
        thread: bool = True,
        poll: bool = True,
        role: discord.Role | None = None,
    ) -> None:
        """Post a debate prompt every day (or on chosen days) at a local time."""
        caller = await caller_of(interaction)
        reply = await handlers.handle_schedule_set(
            self.bot.services,
            caller,
            channel_id=channel.id,
            time_text=time,
            timezone=timezone,
            days=days,
            thread=thread,
            poll=poll,
            role_id=role.id if role else None,
            warnings=setup_warnings(channel, thread=thread, poll=poll, role=role),
        )
        await send_reply(interaction, reply)

    @schedule_set.autocomplete("timezone")
    async def _timezones(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        wanted = current.strip().lower().replace(" ", "_")
        if not wanted:
            names = list(POPULAR_ZONES)
        else:
            names = [n for n in timezone_names() if wanted in n.lower()]
            names.sort(
                key=lambda n: (not n.lower().startswith(wanted), wanted not in n.lower().rsplit("/")[-1], n)
            )
        return [app_commands.Choice(name=n, value=n) for n in names[:25]]

    @schedule_set.autocomplete("days")
    async def _days(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        choices = [d for d in DAY_CHOICES if current.strip().lower() in d]
        if current.strip() and current.strip() not in choices:
            choices.insert(0, current.strip()[:100])
        return [app_commands.Choice(name=d, value=d) for d in choices[:25]]

    schedule_show = _schedule_action(
        schedule, "show", "The settings, the next post time and recent problems."
    )
    schedule_pause = _schedule_action(
        schedule, "pause", "Stop posting until /schedule resume (the settings are kept)."
    )
    schedule_resume = _schedule_action(schedule, "resume", "Start posting again after /schedule pause.")
    schedule_off = _schedule_action(
        schedule, "off", "Remove the schedule (the prompts already posted still count as used)."
    )

    # ------------------------------------------------------------------ /prompt now

    @prompt.command(name="now")
    @moderator_only()
    async def prompt_now(self, interaction: discord.Interaction) -> None:
        """Post the next debate prompt now, in the scheduled channel (or here); it counts as used."""
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        await send_reply(interaction, await handlers.handle_prompt_now(self.bot.services, caller))

    # ------------------------------------------------------------------ poll results

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """When a daily prompt's poll ends, post the votes and the share of each side in its thread."""
        data = payload.data
        if not isinstance(data.get("poll"), dict):
            return
        found = await asyncio.to_thread(
            result_post, self.bot.store, payload.message_id, payload.guild_id, data
        )
        if found is None:
            return
        target, text = found
        try:
            channel = self.bot.get_channel(target) or await self.bot.fetch_channel(target)
            await channel.send(text, allowed_mentions=discord.AllowedMentions.none())  # type: ignore[union-attr]
        except discord.HTTPException:
            log.exception("Could not post the poll result of message %s in %s", payload.message_id, target)

    # ------------------------------------------------------------------ curating the deck

    async def _curate(self, interaction: discord.Interaction, action: str, **options: object) -> None:
        caller = await caller_of(interaction)
        await defer(interaction, ephemeral=True)
        reply = await handle_prompt_curation(self.bot.services, caller, action, **options)  # type: ignore[arg-type]
        await send_reply(interaction, reply)

    @prompt.command(name="preview")
    @app_commands.describe(count="How many of the next prompts to show (1-10, default 3)")
    @moderator_only()
    async def prompt_preview(
        self, interaction: discord.Interaction, count: app_commands.Range[int, 1, 10] = 3
    ) -> None:
        """The next prompts of this channel's rotation, with their ids."""
        await self._curate(interaction, "preview", count=count)

    @prompt.command(name="skip")
    @moderator_only()
    async def prompt_skip(self, interaction: discord.Interaction) -> None:
        """Skip the next prompt of this channel's rotation (it comes back next cycle)."""
        await self._curate(interaction, "skip")

    @prompt.command(name="remove")
    @app_commands.describe(prompt_id="The prompt's id, as /prompt preview shows it")
    @moderator_only()
    async def prompt_remove(
        self, interaction: discord.Interaction, prompt_id: app_commands.Range[str, 1, 40]
    ) -> None:
        """Never post this prompt in this server again."""
        await self._curate(interaction, "remove", prompt_id=prompt_id)

    @prompt.command(name="edit")
    @app_commands.describe(
        prompt_id="The prompt's id", question="The question in your words (the quote stays)"
    )
    @moderator_only()
    async def prompt_edit(
        self,
        interaction: discord.Interaction,
        prompt_id: app_commands.Range[str, 1, 40],
        question: app_commands.Range[str, 10, 300],
    ) -> None:
        """Rephrase a prompt's question for this server; its quote stays."""
        await self._curate(interaction, "edit", prompt_id=prompt_id, question=question)

    @prompt.command(name="add")
    @app_commands.describe(
        paragraph="The paragraph to quote (¶ number, as cited)",
        question="Your question about it",
        document="Which document, if the reading has several",
    )
    @moderator_only()
    async def prompt_add(
        self,
        interaction: discord.Interaction,
        paragraph: app_commands.Range[int, 0, 100000],
        question: app_commands.Range[str, 10, 300],
        document: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        """Add your own question on a passage of the reading to this server's rotation."""
        await self._curate(interaction, "add", paragraph=paragraph, question=question, document=document)

    @prompt.command(name="suggest")
    @app_commands.describe(
        paragraph="The paragraph to quote (¶ number, as cited)",
        question="Your question about it",
        document="Which document, if the reading has several",
    )
    async def prompt_suggest(
        self,
        interaction: discord.Interaction,
        paragraph: app_commands.Range[int, 0, 100000],
        question: app_commands.Range[str, 10, 300],
        document: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        """Suggest a debate question on a passage; moderators review it."""
        await self._curate(interaction, "suggest", paragraph=paragraph, question=question, document=document)

    @prompt.command(name="review")
    @app_commands.describe(
        decision="Approve or reject a suggestion (leave empty to list them)",
        suggestion="The suggestion's number",
    )
    @app_commands.choices(
        decision=[
            app_commands.Choice(name="approve", value="approve"),
            app_commands.Choice(name="reject", value="reject"),
        ]
    )
    @moderator_only()
    async def prompt_review(
        self,
        interaction: discord.Interaction,
        decision: app_commands.Choice[str] | None = None,
        suggestion: app_commands.Range[int, 1] | None = None,
    ) -> None:
        """Members' suggestions waiting for review; approve or reject one."""
        if decision is None:
            await self._curate(interaction, "review")
        else:
            await self._curate(interaction, decision.value, prompt_id=str(suggestion or ""))
