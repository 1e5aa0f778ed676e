"""Screens of the UI, one per file."""
