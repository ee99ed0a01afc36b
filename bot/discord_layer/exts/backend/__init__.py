"""Plumbing: the error handler."""
