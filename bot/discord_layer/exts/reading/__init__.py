"""Asking the reading: /ask and mentions, /source, /about."""
