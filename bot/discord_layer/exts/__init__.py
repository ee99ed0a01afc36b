"""Discord extensions, one per feature: `exts/<area>/<feature>.py`, each ending in `setup(bot)`."""
