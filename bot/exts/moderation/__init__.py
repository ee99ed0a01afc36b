"""Moderators: /reload, /status, /config."""
