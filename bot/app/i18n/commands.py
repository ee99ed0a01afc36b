"""Command, option and choice names and descriptions, by language, keyed by the English text.

Read by the Discord layer's ``app_commands.Translator``: Discord shows each member the
commands in their own client's language. Names follow Discord's rules (lowercase, no spaces,
1-32 characters); descriptions and choices are 1-100 characters (``tests/test_i18n.py``).
"""

from __future__ import annotations

FRENCH: dict[str, str] = {
    # ------------------------------------------------------------------ names
    "help": "aide",
    "debate": "débat",
    "topic": "sujet",
    "schedule": "programme",
    "set": "régler",
    "channel": "salon",
    "time": "heure",
    "timezone": "fuseau",
    "days": "jours",
    "thread": "fil",
    "poll": "sondage",
    "role": "rôle",
    "show": "afficher",
    "pause": "pause",
    "resume": "reprendre",
    "off": "arrêter",
    "prompt": "question",
    "now": "maintenant",
    "preview": "aperçu",
    "count": "nombre",
    "skip": "passer",
    "remove": "retirer",
    "prompt_id": "id_question",
    "edit": "modifier",
    "question": "question",
    "add": "ajouter",
    "paragraph": "paragraphe",
    "document": "document",
    "suggest": "suggérer",
    "review": "examiner",
    "decision": "décision",
    "suggestion": "suggestion",
    "config": "réglages",
    "moderator-role": "rôle-modérateur",
    "cooldown": "délai",
    "seconds": "secondes",
    "language": "langue",
    "reload": "recharger",
    "status": "état",
    "insights": "bilan",
    "privacy": "confidentialité",
    "whose": "données",
    "about": "à-propos",
    "ask": "demander",
    "source": "source",
    "page": "page",
    "standings": "positions",
    "scope": "portée",
    "mine": "moi",
    "forget_my_votes": "oublier_mes_votes",
    "Check against the reading": "Vérifier dans la lecture",
    # ------------------------------------------------------------------ choices
    "approve": "approuver",
    "reject": "refuser",
    "English": "English",
    "Français": "Français",
    "this server": "ce serveur",
    "whole server": "tout le serveur",
    "this channel": "ce salon",
    # ------------------------------------------------------------------ descriptions
    "What Agora does, its commands, and who can use which.": "Ce que fait Agora, ses commandes, et qui peut "
    "utiliser lesquelles.",
    "A debate prompt from the reading: a question, the passage behind it, the other side.": "Une question de "
    "débat tirée de la lecture : la question, le passage, l'autre point de vue.",
    "A topic to debate (leave empty for the next prompt in the deck)": "Un sujet à débattre (vide : la "
    "prochaine question du paquet)",
    "Daily debate prompts for this server (moderators)": "Questions de débat quotidiennes pour ce serveur "
    "(modérateurs)",
    "Post a debate prompt every day (or on chosen days) at a local time.": "Publier une question de débat "
    "chaque jour (ou certains jours) à une heure locale.",
    "Where to post the prompt": "Où publier la question",
    "Local time of day, HH:MM on a 24-hour clock (e.g. 09:00)": "Heure locale, HH:MM sur 24 heures "
    "(par ex. 09:00)",
    "IANA timezone, e.g. Europe/London or America/New_York": "Fuseau horaire IANA, par ex. Europe/Paris ou "
    "America/Montreal",
    "Which days: every day (default), weekdays, weekends, or e.g. mon, wed, fri": "Quels jours : every day "
    "(défaut), weekdays, weekends, ou mon, wed, fri",
    "Open a thread under each prompt for the discussion (default: on)": "Ouvrir un fil sous chaque question "
    "pour la discussion (défaut : oui)",
    "Attach an Agree / Disagree / Not sure poll for 24 hours (default: on)": "Joindre un sondage D'accord / "
    "Pas d'accord / Je ne sais pas de 24 h (défaut : oui)",
    "A role to ping with each prompt (the only mention I ever make)": "Un rôle à notifier à chaque question "
    "(la seule mention que je fais)",
    "The settings, the next post time and recent problems.": "Les réglages, la prochaine publication et les "
    "problèmes récents.",
    "Stop posting until /schedule resume (the settings are kept).": "Ne plus publier jusqu'à "
    "/schedule resume (les réglages restent).",
    "Start posting again after /schedule pause.": "Reprendre les publications après /schedule pause.",
    "Remove the schedule (the prompts already posted still count as used).": "Supprimer la programmation "
    "(les questions déjà publiées restent utilisées).",
    "Debate prompts: post, preview, curate (moderators); suggest one (everyone)": "Questions de débat : "
    "publier, prévoir, choisir (modérateurs) ; en suggérer (tous)",
    "Post the next debate prompt now, in the scheduled channel (or here); it counts as used.": "Publier la "
    "prochaine question maintenant, dans le salon prévu (ou ici).",
    "The next prompts of this channel's rotation, with their ids.": "Les prochaines questions de ce salon, "
    "avec leurs identifiants.",
    "How many of the next prompts to show (1-10, default 3)": "Combien de questions montrer (1 à 10, "
    "défaut 3)",
    "Skip the next prompt of this channel's rotation (it comes back next cycle).": "Passer la prochaine "
    "question de ce salon (elle revient au cycle suivant).",
    "Never post this prompt in this server again.": "Ne plus jamais publier cette question sur ce serveur.",
    "The prompt's id, as /prompt preview shows it": "L'identifiant de la question, tel que /prompt preview "
    "le montre",
    "Rephrase a prompt's question for this server; its quote stays.": "Reformuler une question pour ce "
    "serveur ; la citation reste.",
    "The prompt's id": "L'identifiant de la question",
    "The question in your words (the quote stays)": "La question dans vos mots (la citation reste)",
    "Add your own question on a passage of the reading to this server's rotation.": "Ajouter votre propre "
    "question sur un passage de la lecture à ce serveur.",
    "The paragraph to quote (¶ number, as cited)": "Le paragraphe à citer (numéro de ¶, tel que cité)",
    "Your question about it": "Votre question à son sujet",
    "Which document, if the reading has several": "Quel document, si la lecture en a plusieurs",
    "Suggest a debate question on a passage; moderators review it.": "Suggérer une question de débat sur un "
    "passage ; les modérateurs l'examinent.",
    "Members' suggestions waiting for review; approve or reject one.": "Les suggestions des membres en "
    "attente ; en approuver ou en refuser une.",
    "Approve or reject a suggestion (leave empty to list them)": "Approuver ou refuser une suggestion "
    "(vide : les lister)",
    "The suggestion's number": "Le numéro de la suggestion",
    "Agora's settings for this server (moderators)": "Les réglages d'Agora pour ce serveur (modérateurs)",
    "Show this server's settings.": "Afficher les réglages de ce serveur.",
    "Set the role whose members can use the moderator commands (needs Manage Server).": "Choisir le rôle "
    "dont les membres modèrent (il faut pouvoir gérer le serveur).",
    "Members with this role count as moderators (leave empty to clear)": "Les membres de ce rôle comptent "
    "comme modérateurs (vide : aucun)",
    "Set how often each member may use Agora's commands (ask, source, debate, votes).": "Régler la fréquence "
    "des commandes de chaque membre (ask, source, debate, votes).",
    "Seconds a member waits for each command after the first three (0 turns the limit off)": "Secondes "
    "d'attente par commande après les trois premières (0 : pas de limite)",
    "Set the language of this server's public posts.": "Choisir la langue des messages publics de ce "
    "serveur.",
    "The language of public posts here (daily prompts, poll results)": "La langue des messages publics ici "
    "(questions du jour, résultats)",
    "Rebuild the index from the reading's files; questions keep being answered meanwhile.": "Reconstruire "
    "l'index à partir de la lecture ; les réponses continuent entre-temps.",
    "The reading, model, index age, uptime, latency, answers served and feedback.": "La lecture, le modèle, "
    "l'âge de l'index, la latence, les réponses et les votes.",
    "What members asked that the reading does not cover, and answers marked not helpful.": "Ce que la "
    "lecture ne couvre pas, et les réponses jugées peu utiles.",
    "What Agora keeps about you (or this server), for how long, and deleting it.": "Ce qu'Agora garde sur "
    "vous (ou ce serveur), combien de temps, et l'effacer.",
    "Your own data (default), or the server's (moderators)": "Vos données (défaut), ou celles du serveur "
    "(modérateurs)",
    "What the reading is, and how to ask it questions.": "Ce qu'est la lecture, et comment lui poser des "
    "questions.",
    "Ask the reading a question: the passage that answers it, quoted and cited.": "Poser une question à la "
    "lecture : le passage qui y répond, cité.",
    "What you want to know about the reading": "Ce que vous voulez savoir sur la lecture",
    "Show a paragraph of the reading (a page at a time if long), with the lines around it.": "Afficher un "
    "paragraphe de la lecture (par pages s'il est long), avec son contexte.",
    "The paragraph number (¶) as cited in answers": "Le numéro de paragraphe (¶) cité dans les réponses",
    "Which document, if the reading has several (file name or part of its title)": "Quel document, si la "
    "lecture en a plusieurs (nom de fichier ou titre)",
    "Where the group stands: opinion groups from the daily polls, as a map.": "Où en est le groupe : les "
    "groupes d'opinion des sondages quotidiens, en carte.",
    "This channel's polls only, or the whole server's (default)": "Les sondages de ce salon seulement, ou "
    "de tout le serveur (défaut)",
    "Only polls of the last N days": "Seulement les sondages des N derniers jours",
    "Privately: your group, and how many of your votes Agora keeps": "En privé : votre groupe, et combien "
    "de vos votes Agora garde",
    "Delete every poll vote of yours in this server": "Effacer tous vos votes aux sondages de ce serveur",
    "A long paragraph is shown a page at a time: which page (default 1)": "Un long paragraphe s'affiche par "
    "pages : laquelle (défaut 1)",
}

COMMAND_STRINGS: dict[str, dict[str, str]] = {"fr": FRENCH}  # language -> English text -> translation
