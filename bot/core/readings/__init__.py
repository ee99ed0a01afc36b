"""Readings brought by a server: uploaded files → checked text → documents, previews, anchors.

Owns :mod:`.sniff` (what a file really is, from its bytes), :mod:`.extract` (bytes → text,
run only inside the worker), :mod:`.worker` (the worker process and its limits),
:mod:`.draft` (uploads → the documents and passages the seeds folder would give, and the
preview a moderator confirms), :mod:`.anchors` (references to paragraphs that survive a
new version of a reading) and :mod:`.names` (reading names). May import
:mod:`bot.core.text` and :mod:`bot.core.reading`; never the store, the search index or a
surface.
"""
