"""What Agora does for each command, shared by the Discord cogs and the console.

One module per area, mirroring :mod:`bot.discord_layer.exts`: :mod:`.reading` (``/ask``,
mentions, the vote buttons, ``/source``, ``/about``), :mod:`.discussion` (``/debate``,
``/schedule``, ``/prompt now``), :mod:`.curation` (``/prompt`` preview, edit, review, suggest
…), :mod:`.readings` (``/reading`` add, use, list, remove), :mod:`.moderation` (``/status``,
``/insights``, ``/reload``, ``/config``), :mod:`.standings`
(``/standings``, poll votes, "Check against the reading"), :mod:`.privacy`
(``/privacy``: a member's or the server's data) and :mod:`.conventions` (``/help``, the join
message, ``/config language``);
:mod:`.common` holds what they share (:class:`Caller`, :class:`Services`, the checks). This
package re-exports the handlers, so a surface can write ``handlers.handle_ask``. May import
:mod:`bot.core` and the rest of :mod:`bot.app`; never discord.py.
"""

from bot.app.handlers.common import (
    ANSWERS_SERVED,
    NOT_IN_SERVER,
    NOT_MODERATOR,
    Caller,
    Services,
    check_rate,
)
from bot.app.handlers.conventions import handle_help, handle_language, welcome_message
from bot.app.handlers.curation import handle_prompt_curation
from bot.app.handlers.discussion import (
    handle_debate,
    handle_prompt_now,
    handle_schedule,
    handle_schedule_set,
    render_prompt,
)
from bot.app.handlers.moderation import (
    handle_config,
    handle_insights,
    handle_reload,
    handle_status,
)
from bot.app.handlers.privacy import handle_privacy
from bot.app.handlers.reading import (
    answer_question,
    check_ask,
    handle_about,
    handle_ask,
    handle_feedback,
    handle_source,
)
from bot.app.handlers.readings import (
    handle_reading_add,
    handle_reading_cancel,
    handle_reading_confirm,
    handle_reading_list,
    handle_reading_remove,
    handle_reading_use,
)
from bot.app.handlers.standings import (
    backfill_votes,
    handle_check,
    handle_forget_my_votes,
    handle_my_standing,
    handle_standings,
    record_poll_vote,
)

__all__ = [
    "ANSWERS_SERVED",
    "NOT_IN_SERVER",
    "NOT_MODERATOR",
    "Caller",
    "Services",
    "answer_question",
    "backfill_votes",
    "check_ask",
    "check_rate",
    "handle_about",
    "handle_ask",
    "handle_check",
    "handle_config",
    "handle_debate",
    "handle_feedback",
    "handle_forget_my_votes",
    "handle_help",
    "handle_insights",
    "handle_language",
    "handle_my_standing",
    "handle_privacy",
    "handle_prompt_curation",
    "handle_prompt_now",
    "handle_reading_add",
    "handle_reading_cancel",
    "handle_reading_confirm",
    "handle_reading_list",
    "handle_reading_remove",
    "handle_reading_use",
    "handle_reload",
    "handle_schedule",
    "handle_schedule_set",
    "handle_source",
    "handle_standings",
    "handle_status",
    "record_poll_vote",
    "render_prompt",
    "welcome_message",
]
