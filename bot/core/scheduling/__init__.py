"""Schedule arithmetic for the daily prompts: days, local times, time zones, due slots.

Owns :mod:`.schedule` (the :class:`~.schedule.Schedule` data type the store keeps, and
planning when a post is due). Pure: imports nothing of Agora's. Sending the posts is the
application's (:mod:`bot.app.scheduler`).
"""
