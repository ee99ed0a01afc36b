"""The reading: files in the seeds folder → documents → passages.

Owns :mod:`.passages` (finding the files, paragraphs, sections, long paragraphs split,
:class:`~.passages.Passage`), :mod:`.markdown` (CommonMark parsing), :mod:`.wikitext` (wiki
markup read as Markdown), :mod:`.pgn` (a chess game's record), :mod:`.structure` (headings,
titles, furniture lines),
:mod:`.transcript` (speakers' turns, forum posts, email threads), :mod:`.letters` (a letter's
close and signature) and :mod:`.documents` (a question naming a document).
May import :mod:`bot.core.text`.
"""
