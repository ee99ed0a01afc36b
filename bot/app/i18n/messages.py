"""What Agora says, in every language it speaks: ``{key: {language: text}}``.

Texts are ``str.format`` templates; every language has the same placeholders (a test checks).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ /help
    "help.title": {"en": "Agora: how to use it", "fr": "Agora : mode d'emploi"},
    "help.intro": {
        "en": "Agora answers questions about this server's reading with the passages that answer them, "
        "and can post a debate prompt every day.",
        "fr": "Agora répond aux questions sur la lecture de ce serveur avec les passages qui y répondent, "
        "et peut publier chaque jour une question de débat.",
    },
    "help.members.name": {"en": "For everyone", "fr": "Pour tout le monde"},
    "help.members": {
        "en": "`/ask` a question about the reading (or mention me with it)\n"
        "`/source` a paragraph cited in an answer\n"
        "`/about` what the reading is\n"
        "`/debate` a debate prompt, on a topic if you give one\n"
        "`/prompt suggest` a debate question for the moderators to review\n"
        "`/privacy` what Agora keeps about you, and deleting it\n"
        "`/help` this message",
        "fr": "`/ask` une question sur la lecture (ou mentionnez-moi avec elle)\n"
        "`/source` un paragraphe cité dans une réponse\n"
        "`/about` ce qu'est la lecture\n"
        "`/debate` une question de débat, sur un sujet si vous en donnez un\n"
        "`/prompt suggest` une question de débat, soumise aux modérateurs\n"
        "`/privacy` ce qu'Agora garde sur vous, et l'effacer\n"
        "`/help` ce message",
    },
    "help.moderators.name": {"en": "Moderators: quick start", "fr": "Modérateurs : pour commencer"},
    "help.moderators": {
        "en": "1. `/schedule set` a channel and a time for the daily debate prompt\n"
        "2. `/prompt preview` the next prompts; `/prompt edit`, `/prompt remove`, `/prompt review`\n"
        "3. `/insights` what members asked that the reading does not cover\n"
        "4. `/config language` the language of public posts; `/config moderator-role` a role that "
        "counts as moderator\n"
        "5. `/status`, `/reload` after changing the reading; `/privacy` the server's data (export, delete)",
        "fr": "1. `/schedule set` un salon et une heure pour la question de débat quotidienne\n"
        "2. `/prompt preview` les prochaines questions ; `/prompt edit`, `/prompt remove`, `/prompt review`\n"
        "3. `/insights` ce que les membres ont demandé et que la lecture ne couvre pas\n"
        "4. `/config language` la langue des messages publics ; `/config moderator-role` un rôle "
        "qui compte comme modérateur\n"
        "5. `/status`, `/reload` après un changement de la lecture ; `/privacy` les données du serveur "
        "(export, effacement)",
    },
    "help.permissions.name": {"en": "Who can do what", "fr": "Qui peut faire quoi"},
    "help.permissions": {
        "en": "Everyone: the commands above.\n"
        "Moderators (**Manage Server**, or the role set with `/config moderator-role`): `/schedule`, "
        "`/prompt` (except suggest), `/insights`, `/status`, `/reload`, `/config`.\n"
        "**Manage Server** only: `/config moderator-role`, deleting the server's data.\n"
        "Agora itself needs: {needs}.",
        "fr": "Tout le monde : les commandes ci-dessus.\n"
        "Modérateurs (**Gérer le serveur**, ou le rôle choisi avec `/config moderator-role`) : "
        "`/schedule`, `/prompt` (sauf suggest), `/insights`, `/status`, `/reload`, `/config`.\n"
        "**Gérer le serveur** seulement : `/config moderator-role`, l'effacement des données du serveur.\n"
        "Agora a besoin de : {needs}.",
    },
    "help.footer": {
        "en": "Discord shows the moderator commands to members with Manage Server; the server can change "
        "that under Server Settings → Integrations.",
        "fr": "Discord montre les commandes de modération aux membres qui peuvent gérer le serveur ; "
        "cela se règle dans Paramètres du serveur → Intégrations.",
    },
    # ------------------------------------------------------------------ the join message
    "welcome": {
        "en": "Hello! I'm **Agora**: I answer questions about this server's reading and can post a daily "
        "debate prompt.\nTo start: members ask with `/ask`; a moderator sets the daily prompt with "
        "`/schedule set`. `/help` says the rest, `/privacy` what I keep.",
        "fr": "Bonjour ! Je suis **Agora** : je réponds aux questions sur la lecture de ce serveur et je "
        "peux publier une question de débat chaque jour.\nPour commencer : les membres demandent avec "
        "`/ask` ; un modérateur règle la question du jour avec `/schedule set`. `/help` dit le reste, "
        "`/privacy` ce que je garde.",
    },
    "welcome.missing": {
        "en": "I'm missing these permissions: {missing}. Give them to my role (Server Settings → Roles) "
        "so everything works.",
        "fr": "Il me manque ces permissions : {missing}. Donnez-les à mon rôle (Paramètres du serveur → "
        "Rôles) pour que tout fonctionne.",
    },
    "welcome.complete": {
        "en": "I have every permission I need.",
        "fr": "J'ai toutes les permissions dont j'ai besoin.",
    },
    # ------------------------------------------------------------------ permissions, by discord.py flag
    "perm.view_channel": {"en": "View Channels", "fr": "Voir les salons"},
    "perm.send_messages": {"en": "Send Messages", "fr": "Envoyer des messages"},
    "perm.send_messages_in_threads": {
        "en": "Send Messages in Threads",
        "fr": "Envoyer des messages dans les fils",
    },
    "perm.embed_links": {"en": "Embed Links", "fr": "Intégrer des liens"},
    "perm.attach_files": {"en": "Attach Files", "fr": "Joindre des fichiers"},
    "perm.read_message_history": {
        "en": "Read Message History",
        "fr": "Voir les anciens messages",
    },
    "perm.create_public_threads": {"en": "Create Public Threads", "fr": "Créer des fils publics"},
    "perm.send_polls": {"en": "Send Polls", "fr": "Créer des sondages"},
    # ------------------------------------------------------------------ /privacy, a member
    "privacy.title": {"en": "What Agora keeps about you", "fr": "Ce qu'Agora garde sur vous"},
    "privacy.scope.server": {"en": "In this server:", "fr": "Sur ce serveur :"},
    "privacy.scope.everywhere": {"en": "In every server and here:", "fr": "Sur tous les serveurs et ici :"},
    "privacy.none": {
        "en": "Nothing stored names you.",
        "fr": "Rien de ce qui est enregistré ne vous nomme.",
    },
    "privacy.row": {"en": "• {what}: {count}", "fr": "• {what} : {count}"},
    "privacy.retention": {
        "en": "Questions and votes are deleted after {days} days (what /insights reads); command cooldowns "
        "after a day; suggestions and prompt edits stay until you or the server delete them, or Agora "
        "leaves the server ({grace} days after). Your last question per channel is kept in memory for "
        "follow-ups ({minutes} minutes) and never written down.",
        "fr": "Les questions et les votes sont effacés après {days} jours (ce que lit /insights) ; les "
        "délais entre commandes après un jour ; les suggestions et modifications de questions restent "
        "jusqu'à ce que vous ou le serveur les effaciez, ou qu'Agora quitte le serveur ({grace} jours "
        "après). Votre dernière question par salon reste en mémoire pour les relances ({minutes} "
        "minutes) et n'est jamais écrite.",
    },
    "privacy.delete": {"en": "Delete my data", "fr": "Effacer mes données"},
    "privacy.confirm.member": {
        "en": "Delete everything listed above? This cannot be undone (approved suggestions leave the "
        "rotation).",
        "fr": "Effacer tout ce qui est listé ci-dessus ? C'est définitif (les suggestions approuvées "
        "quittent la rotation).",
    },
    "privacy.confirm": {"en": "Yes, delete", "fr": "Oui, effacer"},
    "privacy.cancel": {"en": "Cancel", "fr": "Annuler"},
    "privacy.cancelled": {"en": "Nothing was deleted.", "fr": "Rien n'a été effacé."},
    "privacy.deleted": {
        "en": "Deleted: {summary}. Nothing stored names you any more.",
        "fr": "Effacé : {summary}. Plus rien d'enregistré ne vous nomme.",
    },
    "privacy.deleted.none": {"en": "There was nothing to delete.", "fr": "Il n'y avait rien à effacer."},
    "privacy.console": {
        "en": "Type `/privacy delete` to delete it.",
        "fr": "Tapez `/privacy delete` pour l'effacer.",
    },
    # ------------------------------------------------------------------ /privacy, the server
    "privacy.server.title": {
        "en": "What Agora keeps about this server",
        "fr": "Ce qu'Agora garde sur ce serveur",
    },
    "privacy.server.export": {"en": "Export (JSON)", "fr": "Exporter (JSON)"},
    "privacy.server.delete": {"en": "Delete all", "fr": "Tout effacer"},
    "privacy.server.confirm": {
        "en": "Delete everything Agora keeps about this server: settings, schedule, posts, rotation, "
        "suggestions, every member's questions and votes? This cannot be undone.",
        "fr": "Effacer tout ce qu'Agora garde sur ce serveur : réglages, programmation, messages, "
        "rotation, suggestions, questions et votes de tous les membres ? C'est définitif.",
    },
    "privacy.server.deleted": {
        "en": "Deleted everything about this server: {summary}.",
        "fr": "Tout ce qui concerne ce serveur est effacé : {summary}.",
    },
    "privacy.server.exported": {
        "en": "This server's data: {rows} rows in {tables} tables.",
        "fr": "Les données de ce serveur : {rows} lignes dans {tables} tables.",
    },
    "privacy.server.too_big": {
        "en": "The export is too large to attach here ({size} MB); the bot's operator can run "
        "`agora privacy --guild {guild} --export FILE`.",
        "fr": "L'export est trop gros pour être joint ici ({size} Mo) ; l'opérateur du bot peut lancer "
        "`agora privacy --guild {guild} --export FICHIER`.",
    },
    "privacy.server.manage_only": {
        "en": "Only members with the Manage Server permission can delete the server's data.",
        "fr": "Seuls les membres qui peuvent gérer le serveur peuvent effacer ses données.",
    },
    # ------------------------------------------------------------------ /config
    "config.language": {
        "en": "Public posts in this server are now in {name}. Private replies follow each member's "
        "Discord language.",
        "fr": "Les messages publics de ce serveur sont désormais en {name}. Les réponses privées suivent "
        "la langue Discord de chaque membre.",
    },
    "config.manage_only": {
        "en": "Only members with the Manage Server permission can change the moderator role.",
        "fr": "Seuls les membres qui peuvent gérer le serveur peuvent changer le rôle de modérateur.",
    },
    # ------------------------------------------------------------------ the daily post
    "post.today": {"en": "Today's debate", "fr": "Le débat du jour"},
    "post.cycle": {"en": "cycle {cycle}", "fr": "cycle {cycle}"},
    "post.answers": {"en": "{holder} answers", "fr": "{holder} répond"},
    "post.other_side": {"en": "The other side", "fr": "L'autre point de vue"},
    "post.for": {"en": "For", "fr": "Pour"},
    "post.against": {"en": "Against", "fr": "Contre"},
    "post.thread": {"en": "Debate: {topic}", "fr": "Débat : {topic}"},
    "post.thread_default": {"en": "today's prompt", "fr": "la question du jour"},
    "poll.closed": {"en": "The poll has closed.", "fr": "Le sondage est clos."},
    "poll.nobody": {"en": "Nobody voted this time.", "fr": "Personne n'a voté cette fois."},
    "poll.line": {"en": "• {answer}: {votes} ({share})", "fr": "• {answer} : {votes} ({share})"},
    "poll.one_vote": {"en": "1 vote", "fr": "1 vote"},
    "poll.many_votes": {"en": "{n} votes", "fr": "{n} votes"},
    "poll.sides": {
        "en": "Of the {taken} who took a side: {shares}.",
        "fr": "Parmi les {taken} qui ont pris parti : {shares}.",
    },
    "poll.total": {"en": "{votes} in all.", "fr": "{votes} en tout."},
    "poll.fate": {"en": "The quoted passage: {fate}.", "fr": "Le passage cité : {fate}."},
    "fate.edited": {"en": "edited since", "fr": "modifié depuis"},
    "fate.orphaned": {"en": "this passage changed since", "fr": "ce passage a changé depuis"},
    "post.default_question": {"en": "Do you agree?", "fr": "Êtes-vous d'accord ?"},
    "poll.agree": {"en": "Agree", "fr": "D'accord"},
    "poll.disagree": {"en": "Disagree", "fr": "Pas d'accord"},
    "poll.not_sure": {"en": "Not sure", "fr": "Je ne sais pas"},
}
