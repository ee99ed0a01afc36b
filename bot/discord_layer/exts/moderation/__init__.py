"""Moderators: /reload, /status, /insights, /config."""
