"""Discord extensions, one per feature: `bot/exts/<area>/<feature>.py`, each with `setup(bot)`."""
